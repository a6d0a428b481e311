"""WHY-NOT: the problems that were not found, and for each, which conditions failed or are unknown."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...output.i18n import t
from ..bindings import Localized


class WhyNotScreen(Localized, ModalScreen):
    BINDINGS = [Binding("escape,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("", classes="dialog-title")
            yield OptionList(id="absent")
            with VerticalScroll():
                yield Static(id="why-not-body")
            yield Footer()

    def after_mount(self) -> None:
        session, lang = self.app.session, self.app.lang
        self.query_one(".dialog-title", Label).update(t("not_found_list", lang))
        absent = self.query_one("#absent", OptionList)
        absent.add_options([Option(session.kb.name("problem", p, lang), id=p) for p in session.not_found_problems()])
        absent.focus()

    @on(OptionList.OptionHighlighted, "#absent")
    def show(self, event: OptionList.OptionHighlighted) -> None:
        session, lang = self.app.session, self.app.lang
        result = session.why_not(event.option.id)
        text = Text()
        for rule in result["rules"]:
            text.append(f"{rule['rule']}: {t(rule['verdict'], lang)}  {rule['cite']['paragraph']}「{rule['cite']['quote']}」\n",
                        style="bold")
            for c in rule["conditions"]:
                style = {"met": "green", "not met": "red", "unknown": "yellow"}[c["status"]]
                text.append(f"   {c['condition']}: {t(c['status'], lang)} ({c['detail']})\n", style=style)
        self.query_one("#why-not-body", Static).update(text or t("no_rule", lang))
