"""The export screen: markdown, JSON or HTML next to the profile."""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option

from ...output.i18n import t
from ..bindings import Localized


class ExportScreen(Localized, ModalScreen):
    BINDINGS = [Binding("escape,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("", classes="dialog-title")
            yield OptionList(Option("Markdown (.md)", id="markdown"), Option("JSON (.json)", id="json"),
                             Option("HTML (.html)", id="html"), id="formats")
            yield Footer()

    def after_mount(self) -> None:
        self.query_one(".dialog-title", Label).update(t("export_title", self.app.lang))
        self.query_one("#formats", OptionList).focus()

    @on(OptionList.OptionSelected, "#formats")
    def export(self, event: OptionList.OptionSelected) -> None:
        fmt = event.option.id
        path = self.app.export(fmt)
        self.dismiss()
        self.app.notify(f"{t('exported', self.app.lang)}: {path}")
