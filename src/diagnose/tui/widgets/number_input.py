"""The answer box of a number question: digits (or u / ? for unknown) only, and its keys in the footer."""
from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

from ..bindings import localize_bindings

NUMBER_OR_UNKNOWN = r"[0-9]*[.]?[0-9]*|[uU?]"   # what the box lets through: a number, or u/? for unknown


class NumberInput(Input):
    """While it has the keys, the footer says how to answer (Enter; empty is unknown) and how to leave."""
    BINDINGS = [Binding("enter", "submit", "Answer", key_display="⏎"),
                Binding("escape", "screen.focus_panel", "Leave box", key_display="Esc")]

    def __init__(self, **kwargs) -> None:
        super().__init__(restrict=NUMBER_OR_UNKNOWN, **kwargs)

    def on_mount(self) -> None:
        localize_bindings(self, self.app.lang)   # its footer keys in the user's language (the app relabels on F2)
