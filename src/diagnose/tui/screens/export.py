"""The export screen: markdown, JSON or HTML next to the profile, or the profile added to a workbook;
a number key picks each (the footer shows them)."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ...output.i18n import error_message, t, write_failure
from ..bindings import Localized
from ..widgets.footer import KeysFooter


FORMATS = ("markdown", "json", "html", "workbook")

WORKBOOK_NAME = "clusters.xlsx"   # the workbook "add to workbook" fills, next to the profile


class ExportScreen(Localized, ModalScreen):
    BINDINGS = [Binding("escape,q", "dismiss", "Close"), Binding("1", "markdown", "Markdown"),
                Binding("2", "json", "JSON"), Binding("3", "html", "HTML"), Binding("4", "workbook", "Workbook")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("", classes="dialog-title")
            yield OptionList(id="formats")
        yield KeysFooter()            # at the bottom of the terminal, where every screen keeps its keys

    def after_mount(self) -> None:
        lang = self.app.lang
        self.query_one(".dialog-title", Label).update(t("export_title", lang))
        formats = self.query_one("#formats", OptionList)
        formats.add_options([Option(Text(f"{n}  {t('format_' + fmt, lang)}"), id=fmt)
                             for n, fmt in enumerate(FORMATS, start=1)])
        if self.app.is_web:   # in a browser the workbook would be one file on the server, shared by every session
            formats.remove_option("workbook")
        formats.highlighted = 0
        formats.focus()

    @on(OptionList.OptionSelected, "#formats")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.action_export(event.option.id)

    def check_action(self, action: str, parameters) -> bool:
        return not (action == "workbook" and self.app.is_web)

    def action_markdown(self) -> None:
        self.action_export("markdown")

    def action_json(self) -> None:
        self.action_export("json")

    def action_html(self) -> None:
        self.action_export("html")

    def action_workbook(self) -> None:
        self.action_export("workbook")

    def action_export(self, fmt: str) -> None:
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
            said = error_message(exc, lang) if isinstance(exc, InputError) else write_failure(path, exc, lang)
            self.app.notify(f"{t('add_to_workbook', lang)}: {said}", severity="error", markup=False)
            return
        self.app.notify(t("added_to_workbook", lang).format(path=path, row=row), markup=False)
