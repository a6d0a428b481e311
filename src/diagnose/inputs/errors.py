"""The one error type for bad input, in a module of its own so that the command line can catch it
without loading the file parsers (``diagnose --help`` stays as quick as argparse)."""
from __future__ import annotations

from .untrusted import cut, visible

MAX_REASON = 300          # characters of a reason shown; what a file says is echoed cut shorter still


class InputError(Exception):
    """A user's file or value is bad. ``str()`` is the one-line message shown to the user."""

    def __init__(self, path, location: str, reason: str):
        self.path, self.location, self.reason = str(path), location, reason
        super().__init__(self.message)

    @property
    def message(self) -> str:
        reason = cut(self.reason, MAX_REASON)
        text = f"{self.path}: {self.location}: {reason}" if self.location else f"{self.path}: {reason}"
        return visible(" ".join(text.split()))  # always one line, and inert in a terminal
