"""The answer box of a number question and its keys in the footer. It takes any text: a box that
silently dropped letters (四百) left it empty, and Enter then recorded unknown; the screen says what is wrong."""
from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

from ..bindings import localize_bindings


class NumberInput(Input):
    """While it has the keys, the footer says how to answer (Enter; 0 is unknown) and how to leave."""
    BINDINGS = [Binding("enter", "submit", "Answer", key_display="⏎"),
                Binding("escape", "screen.focus_panel", "Leave box", key_display="Esc")]

    def on_mount(self) -> None:
        localize_bindings(self, self.app.lang)   # its footer keys in the user's language (the app relabels on F2)
