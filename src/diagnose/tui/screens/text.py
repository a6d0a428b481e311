"""Modal text screens: a plain text (WHY) and the HOW chain behind a conclusion."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ...inference.results import Key
from ...output import view as report_view
from ...output.i18n import paragraph_label, t
from ...output.why_not import fact_words
from ..bindings import Localized
from ..widgets.footer import KeysFooter


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
        yield KeysFooter()            # at the bottom of the terminal, where every screen keeps its keys


class HowScreen(TextScreen):
    """The rule chain behind a conclusion, down to the cited paragraph (quote in Chinese)."""

    def __init__(self, target: Key):
        self.target = target
        super().__init__("", "")

    def after_mount(self) -> None:
        session, lang = self.app.session, self.app.lang
        kind, ident = self.target
        d = session.current()
        because = {"type": d.governance_type.because,
                   "problem": next((p.because for p in d.problems if p.id == ident), []),
                   "remedy": next((r.because for r in d.remedies if r.id == ident), [])}[kind]
        steps = report_view.chain(session.kb, d, because, lang)
        text = Text()
        for n, step in enumerate(steps, start=1):
            text.append(f"{n}. {step['explain']}\n", style="bold")
            text.append(f"   {paragraph_label(step['paragraph'], lang)}「{step['quote']}」\n", style="yellow")
            used = [fact_words(session.kb, fact, lang) for fact in step["facts"]]
            text.append(f"   {t('based_on', lang)}{t('colon', lang)}{t('list_join', lang).join(used)}\n\n", style="dim")
        self.query_one(".dialog-title", Label).update(f"{t('how_title', lang)}: {session.kb.name(kind, ident, lang)}")
        self.query_one("#body", Static).update(text)
