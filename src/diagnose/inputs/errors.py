"""The one error type for bad input, in a module of its own so that the command line can catch it
without loading the file parsers (``diagnose --help`` stays as quick as argparse)."""
from __future__ import annotations


class InputError(Exception):
    """A user's file or value is bad. ``str()`` is the one-line message shown to the user."""

    def __init__(self, path, location: str, reason: str):
        self.path, self.location, self.reason = str(path), location, reason
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = f"{self.path}: {self.location}: {self.reason}" if self.location else f"{self.path}: {self.reason}"
        return " ".join(text.split())  # always one line
