"""The footer of every screen: compact, so that the essential keys fit in 80 columns; the command
palette (Ctrl+P) is listed on the help screen instead of taking the footer's last place."""
from __future__ import annotations

from textual.widgets import Footer


class KeysFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
