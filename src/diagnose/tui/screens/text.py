"""Modal text screens: a plain text (WHY) and the HOW chain behind a conclusion."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Static

from ...inference.results import Key
from ...output import view as report_view
from ...output.i18n import t
from ..bindings import Localized


class TextScreen(Localized, ModalScreen):
    BINDINGS = [Binding("escape,q", "dismiss", "Close")]

    def __init__(self, title: str, body: str | Text):
        super().__init__()
        self.title_text, self.body = title, body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            with VerticalScroll():
                yield Static(self.body, id="body")
            yield Footer()


class HowScreen(TextScreen):
    """The rule chain behind a conclusion, down to the cited paragraph (quote in Chinese)."""

    def __init__(self, target: Key):
        self.target = target
        super().__init__("", "")

    def after_mount(self) -> None:
        session, lang = self.app.session, self.app.lang
        kind, ident = self.target
        d = session.diagnosis
        because = {"type": d.governance_type.because,
                   "problem": next((p.because for p in d.problems if p.id == ident), []),
                   "remedy": next((r.because for r in d.remedies if r.id == ident), [])}[kind]
        steps = report_view.chain(session.kb, d, because, lang)
        text = Text()
        for n, step in enumerate(steps, start=1):
            text.append(f"{n}. {step['explain']}\n", style="bold")
            if lang == "zh":
                text.append(f"   {step['explain_en']}\n", style="italic")
            text.append(f"   {step['paragraph']}「{step['quote']}」\n", style="yellow")
            text.append(f"   {step['rule']} · {', '.join(step['facts'])} · {', '.join(step['links'])}\n\n", style="dim")
        self.query_one(".dialog-title", Label).update(f"{t('how_title', lang)}: {session.kb.name(kind, ident, lang)}")
        self.query_one("#body", Static).update(text)
