"""WHY-NOT: the problems not found and the remedies not recommended; for the one highlighted, why
not in words (a considered remedy's reasons) and which questions, answered how, would lead to it.
Selecting an unanswered question there goes to it."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...inference.results import Key
from ...output.i18n import t
from ...output.why_not import explain_absent
from .dialog import Dialog

MARKS = {"met": ("✓", "green"), "blocked": ("✗", "red"), "open": ("?", "yellow")}


class WhyNotScreen(Dialog):
    """Dismisses with a question id to go and answer, or None."""
    BINDINGS = [Binding("escape,q", "close", "Close"), Binding("tab", "app.focus_next", "Switch list", show=False)]

    DIALOG_CLASSES = "dialog wide"

    def body(self) -> ComposeResult:
        yield OptionList(id="absent")
        yield Static(id="why-not-summary")
        yield OptionList(id="ways")

    def after_mount(self) -> None:
        session, lang = self.app.session, self.app.lang
        kb = session.kb
        self.set_title(t("why_not_title", lang))
        options: list[Option | None] = [Option(Text(t("not_found_list", lang), style="bold underline"), disabled=True)]
        options += [Option(Text(kb.name("problem", p, lang)), id=str(Key("problem", p))) for p in session.not_found_problems()]
        options += [None, Option(Text(t("not_recommended_list", lang), style="bold underline"), disabled=True)]
        options += [Option(Text(kb.name("remedy", r, lang)), id=str(Key("remedy", r)))
                    for r in session.not_recommended_remedies()]
        absent = self.query_one("#absent", OptionList)
        absent.add_options(options)
        absent.highlighted = 1 if absent.option_count > 1 else None
        absent.focus()

    @on(OptionList.OptionHighlighted, "#absent")
    def show(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.explain(Key.parse(event.option.id))

    def explain(self, target: Key) -> None:
        session, lang = self.app.session, self.app.lang
        view = explain_absent(session.kb, session.current(), target.kind, target.id, lang)
        summary = Text(f"{view['name']}{t('colon', lang)}", style="bold")
        summary.append(view.get("summary", ""))
        for reason in view["reasons"]:
            summary.append(f"\n  • {reason}", style="magenta")
        self.query_one("#why-not-summary", Static).update(summary)
        ways = self.query_one("#ways", OptionList)
        ways.clear_options()
        options: list[Option | None] = []
        for n, way in enumerate(view["ways"], start=1):
            if options:
                options.append(None)
            options.append(Option(Text(f"{t('way', lang)} {n}{t('colon', lang)}{t('way_intro', lang)}", style="bold"),
                                  disabled=True))
            for req in way["requirements"]:
                mark, style = MARKS[req["status"]]
                line = Text(f"{mark} ", style=style)
                line.append(req["text"])
                line.append(f"\n    {t('would_need', lang)}{t('colon', lang)}{req['need']}  ·  {req['state']}", style=style)
                # a question: Enter goes to it (option ids are unique, a question may serve several ways)
                options.append(Option(line, id=f"{n}:{req['question']}" if req["question"] else None))
        ways.add_options(options)

    @on(OptionList.OptionSelected, "#ways")
    def go_answer(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(event.option.id.split(":", 1)[1])

    def action_close(self) -> None:
        self.dismiss(None)
