"""The review screen: every relevant question with its answer, by section, and what changed since
the last look; select a question to go and change its answer."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...output.i18n import answer_label, t
from .dialog import Dialog


class ReviewScreen(Dialog):
    """One entry per question: its text (wrapped to the screen) and, under it, the answer in words."""
    BINDINGS = [Binding("escape,q", "close", "Back"), Binding("enter", "edit", "Change answer", key_display="⏎", priority=True)]

    DIALOG_CLASSES = "dialog wide"

    def body(self) -> ComposeResult:
        yield Static(id="changes")
        yield OptionList(id="answers")

    def after_mount(self) -> None:
        session, lang = self.app.session, self.app.lang
        kb = session.kb
        self.set_title(t("review_title", lang))
        self.query_one("#changes", Static).update(Text(self.changes_text(), style="cyan"))
        session.reviewed = session.current()
        answers = self.query_one("#answers", OptionList)
        relevant = {q.id for q in session.ordered()}
        options: list[Option | None] = []
        for section in kb.sections:
            questions = [q for q in kb.questions.values() if q.section == section.id and q.id in relevant]
            if not questions:
                continue
            if options:
                options.append(None)
            options.append(Option(Text(section.title(lang), style="bold underline"), disabled=True))
            for q in questions:
                line = Text(q.text(lang) + "\n")
                value = session.answers[q.id]
                line.append(f"  → {answer_label(value, lang, q)}", style="green" if value != "unknown" else "yellow")
                options.append(Option(line, id=q.id))
        answers.add_options(options)
        answers.highlighted = next((i for i in range(answers.option_count)
                                    if not answers.get_option_at_index(i).disabled), None)
        answers.focus()

    def changes_text(self) -> str:
        session, lang = self.app.session, self.app.lang
        kb, changes, join = session.kb, session.changes_since_review(), t("list_join", lang)
        parts = []
        for key, label, kind in (("problems_gained", "gained", "problem"), ("problems_lost", "lost", "problem"),
                                 ("remedies_gained", "gained", "remedy"), ("remedies_lost", "lost", "remedy")):
            if changes[key]:
                parts.append(f"{t(label, lang)}{t('colon', lang)}" + join.join(kb.name(kind, i, lang) for i in changes[key]))
        if changes["type"]:
            names = [kb.name("type", i, lang) if i != "-" else t("no_type_short", lang) for i in changes["type"]]
            parts.append(f"{t('governance_type', lang)}{t('colon', lang)}" + " → ".join(names))
        body = t("clause_join", lang).join(parts) or t("no_changes", lang)
        return f"{t('changed_since', lang)}{t('colon', lang)}{body}"

    @on(OptionList.OptionSelected, "#answers")
    def edit(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_edit(self) -> None:
        answers = self.query_one("#answers", OptionList)
        if answers.highlighted is not None:
            self.dismiss(answers.get_option_at_index(answers.highlighted).id)

    def action_close(self) -> None:
        self.dismiss(None)
