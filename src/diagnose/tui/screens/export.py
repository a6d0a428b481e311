"""The export screen: markdown, JSON or HTML next to the profile, or the profile added to a workbook."""
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

WORKBOOK_NAME = "clusters.xlsx"   # the workbook "add to workbook" fills, next to the profile


class ExportScreen(Localized, ModalScreen):
    BINDINGS = [Binding("escape,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("", classes="dialog-title")
            yield OptionList(Option("Markdown (.md)", id="markdown"), Option("JSON (.json)", id="json"),
                             Option("HTML (.html)", id="html"), Option("", id="workbook"), id="formats")
            yield Footer()

    def after_mount(self) -> None:
        self.query_one(".dialog-title", Label).update(t("export_title", self.app.lang))
        formats = self.query_one("#formats", OptionList)
        formats.replace_option_prompt("workbook", f"{t('add_to_workbook', self.app.lang)} ({WORKBOOK_NAME})")
        if self.app.is_web:   # in a browser the workbook would be one file on the server, shared by every session
            formats.remove_option("workbook")
        self.query_one("#formats", OptionList).focus()

    @on(OptionList.OptionSelected, "#formats")
    def export(self, event: OptionList.OptionSelected) -> None:
        fmt = event.option.id
        if fmt == "workbook":
            self.add_to_workbook()
            return
        path = self.app.export(fmt)
        self.dismiss()
        if path:   # else the app said why it could not be written
            self.app.notify(f"{t('exported', self.app.lang)}: {path}", markup=False)

    def add_to_workbook(self) -> None:
        """The profile as a new row of the cluster workbook next to it (created from the template if missing)."""
        from ...batch.append import add_to_workbook
        from ...inputs.loading import InputError
        lang, session = self.app.lang, self.app.session
        path = session.profile_path.with_name(WORKBOOK_NAME)
        self.dismiss()
        try:
            row = add_to_workbook(self.app.kb, session.profile, path, lang)
        except (InputError, OSError) as exc:
            self.app.notify(f"{t('add_to_workbook', lang)}: {getattr(exc, 'message', exc)}", severity="error", markup=False)
            return
        self.app.notify(t("added_to_workbook", lang).format(path=path, row=row), markup=False)
