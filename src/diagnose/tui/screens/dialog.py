"""The shape every modal dialog of the questionnaire shares: a title line, its own widgets, the keys footer."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList

from ..bindings import Localized
from ..widgets.footer import KeysFooter


class Dialog(Localized, ModalScreen):
    """Subclasses yield their widgets from ``body()``; the title is set with ``set_title()``."""
    DIALOG_CLASSES = "dialog"

    def body(self) -> ComposeResult:
        yield from ()

    def compose(self) -> ComposeResult:
        with Vertical(classes=self.DIALOG_CLASSES):
            yield Label("", classes="dialog-title")
            yield from self.body()
        yield KeysFooter()            # at the bottom of the terminal, where every screen keeps its keys

    def action_move(self, step: int) -> None:
        """↑/↓: move the focused list (or the first one)."""
        target = self.focused if isinstance(self.focused, OptionList) else next(iter(self.query(OptionList)), None)
        if target is not None:
            (target.action_cursor_down if step > 0 else target.action_cursor_up)()

    def set_title(self, text) -> None:
        self.query_one(".dialog-title", Label).update(text)
