"""Dialogs that stand between the user and a lost answer: replacing a saved assessment, quitting unsaved.

Their text holds user text (a cluster's name, a path, a reason from the file system), so it is given
as ``Text``, never as markup.
"""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from ...inputs.untrusted import visible
from ...output.i18n import error_message, t
from ..autosave import SaveError
from ..bindings import Localized


class ConfirmScreen(Localized, ModalScreen[bool]):
    """Yes or no; Escape is no. Used before New or Open replaces the saved assessment."""

    BINDINGS = [Binding("escape", "answer(False)", "Cancel"), Binding("y", "answer(True)", show=False)]

    def __init__(self, title: str, body: str, yes: str, no: str):
        super().__init__()
        self.title_text, self.body, self.yes, self.no = title, body, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.title_text), classes="dialog-title")
            yield Static(Text(visible(self.body, multiline=True)), id="confirm-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Text(self.yes), id="yes", variant="warning")
                yield Button(Text(self.no), id="no", variant="primary")

    def after_mount(self) -> None:
        self.query_one("#no", Button).focus()      # the safe choice is the one Enter presses

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class UnsavedScreen(Localized, ModalScreen[str | None]):
    """Quitting with answers no file holds: where to save them (Enter), quit without saving, or cancel.

    Dismisses with "saved" or "discard" (the app quits) or None (it stays); a failed save keeps the
    dialog open with the reason, so the answers are never dropped by accident."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, session, suggestion: str):
        super().__init__()
        self.session, self.suggestion = session, suggestion

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        count = len(self.session.profile.known())
        with Vertical(classes="dialog"):
            yield Label(Text(t("quit_unsaved_title", lang).format(count=count)), classes="dialog-title")
            yield Static(Text(visible(t("quit_unsaved_body", lang).format(reason=self.session.save_problem or "-"),
                                      multiline=True)), id="unsaved-body")
            yield Input(value=self.suggestion, id="save-as")
            yield Static(id="unsaved-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Text(t("save_and_quit", lang)), id="save", variant="primary")
                yield Button(Text(t("quit_without_saving", lang)), id="discard", variant="error")
                yield Button(Text(t("cancel", lang)), id="cancel")

    def after_mount(self) -> None:
        self.query_one("#save-as", Input).focus()

    def save(self) -> None:
        try:
            self.session.save_copy(self.query_one("#save-as", Input).value.strip())
        except SaveError as exc:
            self.query_one("#unsaved-error", Static).update(Text(error_message(exc, self.app.lang), style="bold red"))
            return
        self.dismiss("saved")

    @on(Input.Submitted, "#save-as")
    def submitted(self) -> None:
        self.save()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.save()
        else:
            self.dismiss("discard" if event.button.id == "discard" else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
