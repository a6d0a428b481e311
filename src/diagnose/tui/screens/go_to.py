"""Go to a question by the words of its text, in either language: type, pick from the matches, Enter."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from ...output.i18n import answer_label, t
from .dialog import Dialog


SHOWN = 20      # matches listed at once: enough to pick from, cheap to redraw on every key typed


class GoToScreen(Dialog):
    """Dismisses with the chosen question's id, or None."""
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("down", "to_matches", show=False)]

    def body(self) -> ComposeResult:
        yield Input(id="go-to-input")
        yield OptionList(id="matches")

    def after_mount(self) -> None:
        self.set_title(t("jump_prompt", self.app.lang))
        self.query_one("#go-to-input", Input).placeholder = t("jump_placeholder", self.app.lang)
        self.show_matches("")
        self.query_one("#go-to-input", Input).focus()

    def show_matches(self, typed: str) -> None:
        session, lang = self.app.session, self.app.lang
        matches = self.query_one("#matches", OptionList)
        matches.clear_options()
        found = session.search(typed, lang)
        options: list[Option] = []
        for q in found[:SHOWN]:
            line = Text(q.text(lang))
            line.append(f"  {t('current_answer', lang)}：{answer_label(session.answers[q.id], lang, q)}"
                        if lang == "zh" else f"  {t('current_answer', lang)}: {answer_label(session.answers[q.id], lang, q)}",
                        style="green")
            options.append(Option(line, id=q.id))
        if len(found) > SHOWN:
            options.append(Option(Text(t("more_matches", lang).format(count=len(found) - SHOWN), style="dim"),
                                  disabled=True))
        matches.add_options(options)
        if found:
            matches.highlighted = 0

    @on(Input.Changed, "#go-to-input")
    def typed(self, event: Input.Changed) -> None:
        self.show_matches(event.value)

    @on(Input.Submitted, "#go-to-input")
    def submitted(self, event: Input.Submitted) -> None:
        matches = self.query_one("#matches", OptionList)
        if matches.highlighted is None:
            self.notify(f"{t('unknown_question', self.app.lang)}: {event.value}", severity="warning", markup=False)
            return
        self.dismiss(matches.get_option_at_index(matches.highlighted).id)

    @on(OptionList.OptionSelected, "#matches")
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_to_matches(self) -> None:
        self.query_one("#matches", OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
