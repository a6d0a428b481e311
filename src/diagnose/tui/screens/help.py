"""Help (? or F1): every key of every screen and what each screen does, in the user's language.

Generated from the screens' own bindings, so a key added to a screen shows up here by itself."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ...output.i18n import KEY_LABELS, key_name, t
from ..bindings import Localized, arrows, action_name
from ..widgets.footer import KeysFooter


def screen_keys(bindings) -> list[tuple[str, str]]:
    """(keys, what they do) for a screen's bindings that have a description in KEY_LABELS."""
    seen: dict[str, list[str]] = {}
    for binding in bindings:
        action = action_name(binding)
        if action in KEY_LABELS:
            seen.setdefault(action, []).extend(k.strip() for k in binding.key.split(","))
    return [(" ".join(dict.fromkeys(keys)), action) for action, keys in seen.items()]


class HelpScreen(Localized, ModalScreen):
    BINDINGS = [*arrows("scroll"), Binding("escape,q", "dismiss", "Close")]

    def action_scroll(self, step: int) -> None:
        """↑/↓ scroll the text."""
        self.query_one(VerticalScroll).scroll_relative(y=step, animate=False)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label("", classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(id="help-body")
        yield KeysFooter()            # at the bottom of the terminal, where every screen keeps its keys

    def after_mount(self) -> None:
        from .export import ExportScreen
        from .go_to import GoToScreen
        from .question import QuestionScreen
        from .review import ReviewScreen
        from .start import StartScreen
        from .text import HowScreen
        from .why_not import WhyNotScreen
        lang = self.app.lang
        self.query_one(".dialog-title", Label).update(t("help_title", lang))
        text = Text()
        everywhere = type(self.app).BINDINGS + [Binding(self.app.COMMAND_PALETTE_BINDING, "command_palette", "")]
        sections = [("help_everywhere", everywhere),
                    ("help_start", StartScreen.BINDINGS), ("help_question", QuestionScreen.BINDINGS),
                    ("help_review", ReviewScreen.BINDINGS), ("help_go_to", GoToScreen.BINDINGS),
                    ("help_why_not", WhyNotScreen.BINDINGS), ("help_how", HowScreen.BINDINGS),
                    ("help_export", ExportScreen.BINDINGS)]
        for key, bindings in sections:
            title, _, body = t(key, lang).partition("|")
            text.append(title + "\n", style="bold underline")
            text.append(body.strip() + "\n", style="italic")
            for keys, action in screen_keys(bindings):
                names = [key_name(k, lang) for k in keys.split()]
                digits = all(n.isdigit() for n in names) and len(names) > 2
                shown = f"{names[0]}–{names[-1]}" if digits else " / ".join(names)
                text.append(f"  {shown:<16} ", style="bold cyan")
                longer = t(f"help_key_{action}", lang)
                text.append(longer if longer != f"help_key_{action}" else KEY_LABELS[action][lang])
                text.append("\n")
            text.append("\n")
        self.query_one("#help-body", Static).update(text)

