"""Messages that screens post upward; the app handles them (screens never call the app's methods)."""
from __future__ import annotations

from textual.message import Message


class NewAssessment(Message):
    """The user asked to start a new assessment."""


class ResumeAssessment(Message):
    """The user asked to resume the autosaved assessment."""


class OpenProfile(Message):
    """The user asked to open a profile file."""

    def __init__(self, path: str | None) -> None:
        super().__init__()
        self.path = path
