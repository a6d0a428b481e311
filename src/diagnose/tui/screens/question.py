"""The question screen: one question with its help and answers, beside the live diagnosis panel."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Static

from ...inference.results import Key
from ...inputs.untrusted import cut, visible
from ...kb.conditions import UNKNOWN
from ...output.i18n import t
from ..bindings import Localized
from ..widgets.footer import KeysFooter
from ..widgets.choices import choice_options, choice_values
from ..widgets.number_input import NumberInput
from ..widgets.panel import DiagnosisPanel
from ..widgets.question_view import QuestionView
from .export import ExportScreen
from .go_to import GoToScreen
from .review import ReviewScreen
from .text import HowScreen, TextScreen
from .why_not import WhyNotScreen


class QuestionScreen(Localized, Screen):
    """One question at a time. Footer: the keys an official needs at 80 columns; ? lists them all."""
    # keys under one label, so that every key fits in 80 columns: ← → (back, next) and y w h (why not, why, how)
    TURN, EXPLAIN = Binding.Group("turn"), Binding.Group("explain")
    BINDINGS = [
        Binding("1", "choose(0)", "1", show=False), Binding("2", "choose(1)", "2", show=False),
        Binding("3", "choose(2)", "3", show=False), Binding("4", "choose(3)", "4", show=False),
        Binding("5", "choose(4)", "5", show=False),
        # priority: the answer list would otherwise take the arrows (and hide them from the footer)
        Binding("left,pageup", "previous", "Back", key_display="←", priority=True, group=TURN),
        Binding("right,pagedown", "next", "Next", key_display="→", priority=True, group=TURN),
        Binding("0", "choose_unknown", "Unknown"),
        Binding("b", "best", "Best next"),
        Binding("y", "why_not", "Why not", group=EXPLAIN), Binding("w", "why", "Why asked", group=EXPLAIN),
        Binding("h", "how", "How", group=EXPLAIN), Binding("g", "jump", "Go to"),
        Binding("v", "review", "Review"), Binding("x", "export", "Export"),
        Binding("ctrl+g", "jump", "Go to", show=False), Binding("escape", "focus_panel", show=False),
    ]

    def __init__(self, question_id: str | None = None):
        super().__init__()
        self.question_id = question_id
        self.history: list[str] = []
        self.provisional: tuple | None = None      # (answer generation, question chosen before its diagnosis)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="progress")
        with Horizontal(id="main"):
            with Vertical(id="question-pane"):
                with VerticalScroll(id="question-scroll"):
                    yield QuestionView(id="question")
                yield OptionList(id="choices")
                yield NumberInput(id="number", placeholder="")
                yield Static(id="number-hint")
            yield DiagnosisPanel(id="panel")
        yield KeysFooter()

    def after_mount(self) -> None:
        session = self.app.session
        if self.question_id is None:
            nxt = session.next_question()
            self.question_id = nxt.id if nxt else next(iter(session.kb.questions))
        self.render_all()

    # -- rendering
    @property
    def question(self):
        return self.app.session.kb.questions[self.question_id]

    def render_all(self) -> None:
        """The question, its answers and what depends on the diagnosis (the newest one available)."""
        session, lang, q = self.app.session, self.app.lang, self.question
        self.show_diagnosis()
        choices = self.query_one("#choices", OptionList)
        number = self.query_one("#number", Input)
        hint = self.query_one("#number-hint", Static)
        choices.clear_options()
        hint.display = q.kind == "number"
        if q.kind == "number":
            choices.display = False
            number.display = True
            number.placeholder = f"{t('range', lang)} {q.min:g}–{q.max:g}; 0 = {t('unknown', lang)}"
            hint.update(Text(t("number_hint", lang), style="dim"))
            current = session.answers[q.id]
            number.value = "" if current == UNKNOWN else f"{current:g}"
            number.focus()
        else:
            number.display = False
            choices.display = True
            choices.add_options(choice_options(q, lang))
            values = choice_values(q)
            current = session.answers[q.id]
            choices.highlighted = values.index(current) if current in values else len(values)
            choices.focus()

    def show_diagnosis(self) -> None:
        """What follows the diagnosis: progress, what the question could change, the panel (redrawn only
        if its lines changed). The app calls it when a worker brings a new diagnosis."""
        if self.settle_next_question():
            return
        session, lang, q = self.app.session, self.app.lang, self.question
        answered, waiting = session.progress()
        bar = "█" * int(20 * answered / max(answered + waiting, 1))
        self.query_one("#progress", Static).update(
            Text(f" {bar:<20} " + t("question_of", lang).format(answered=answered, waiting=waiting)))
        could = session.could_change(q.id) or [i for _, i in session.why_asked(q.id)][:5]
        self.query_one("#question", QuestionView).show(session.kb, q, lang, could, session.answers[q.id])
        self.query_one("#panel", DiagnosisPanel).show(session.kb, session.diagnosis, lang)

    def on_screen_resume(self) -> None:
        """Back from a dialog: show the diagnosis a worker brought meanwhile."""
        if self.question_id is not None and self.is_mounted:
            self.show_diagnosis()

    # -- answering
    def record(self, value) -> None:
        """Store the answer and move to the next question at once (keys pressed meanwhile act on it); the
        diagnosis follows from a worker, and the repaint waits for it a little (see ``hold_repaint``)."""
        generation = self.app.session.record(self.question_id, value)
        self.app.rediagnose()
        self.app.hold_repaint()
        self.action_next()
        self.provisional = (generation, self.question_id)

    def settle_next_question(self) -> bool:
        """The next question was chosen from the diagnosis before the answer; once the answer's own
        diagnosis is here, and nothing was done on that question yet, show the one it chooses (the same
        question order as waiting would give). True if the question changed."""
        session, (generation, shown) = self.app.session, self.provisional or (None, None)
        if shown != self.question_id or session.diagnosed != generation:
            return False
        self.provisional = None
        best = session.next_question()
        if best is None or best.id == shown:
            return False
        self.question_id = best.id
        self.render_all()
        return True

    @on(OptionList.OptionSelected, "#choices")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id
        self.record(UNKNOWN if option_id == "unknown" else choice_values(self.question)[int(option_id)])

    def action_choose(self, index: int) -> None:
        values = choice_values(self.question)
        if self.question.kind != "number" and index < len(values):
            self.record(values[index])

    def action_choose_unknown(self) -> None:
        if self.question.kind != "number":
            self.record(UNKNOWN)

    @on(Input.Submitted, "#number")
    def number_entered(self, event: Input.Submitted) -> None:
        """Only 0 (or u) is unknown: an empty box or words (四百) are told, and the question stays."""
        q, lang, raw = self.question, self.app.lang, event.value.strip().lower()
        limits = {"min": f"{q.min:g}", "max": f"{q.max:g}"}
        if raw in ("0", "u", "unknown", "?", "未知"):
            self.record(UNKNOWN)
            return
        if not raw:
            self.notify(t("no_number_typed", lang).format(**limits), severity="warning", markup=False)
            return
        try:
            value = float(raw.replace(",", ""))
        except ValueError:
            self.notify(t("not_a_number", lang).format(typed=visible(cut(event.value.strip(), 20)), **limits),
                        severity="error", markup=False)
            return
        if not q.min <= value <= q.max:
            self.notify(t("number_out_of_range", lang).format(value=f"{value:g}", **limits), severity="error", markup=False)
            return
        self.record(int(value) if value.is_integer() else value)

    # -- navigation
    def go(self, qid: str, remember: bool = True) -> None:
        if remember and self.question_id:
            self.history.append(self.question_id)
        self.app.session.leave(self.question_id)
        self.question_id = qid
        self.render_all()

    def action_next(self) -> None:
        nxt = self.app.session.next_question(after=self.question_id)
        if nxt is None:
            self.notify(t("all_done", self.app.lang).format(passed=len(self.app.session.passed)), timeout=8)
            self.render_all()
        else:
            self.go(nxt.id)

    def action_previous(self) -> None:
        if self.history:
            self.go(self.history.pop(), remember=False)

    def action_focus_panel(self) -> None:
        """Leave a number field so that single-key commands work again."""
        self.query_one("#panel", DiagnosisPanel).focus()

    def action_best(self) -> None:
        best = self.app.session.next_best(exclude=self.question_id)
        if best:
            self.go(best.id)

    def action_jump(self) -> None:
        self.app.push_screen(GoToScreen(), self.go_if_chosen)

    def go_if_chosen(self, qid: str | None) -> None:
        if qid:
            self.go(qid)

    # -- explanations
    def action_why(self) -> None:
        session, lang = self.app.session, self.app.lang
        lines = [f"{session.kb.name(k, i, lang)}（{t('kind_' + k, lang)}）" if lang == "zh"
                 else f"{session.kb.name(k, i, lang)} ({t('kind_' + k, lang)})" for k, i in session.why_asked(self.question_id)]
        body = "\n".join(f"• {line}" for line in lines) or t("none", lang)
        self.app.push_screen(TextScreen(f"{t('why_asked', lang)}: {self.question.text(lang)}", body))

    def action_how(self) -> None:
        panel = self.query_one("#panel", DiagnosisPanel)
        option = panel.highlighted_option if panel.highlighted is not None else None
        target = Key.parse(option.id) if option is not None and option.id else None
        if not target:
            diagnosis = self.app.session.diagnosis
            target = Key("problem", diagnosis.problems[0].id) if diagnosis.problems else None
        if target and target.id:
            self.app.push_screen(HowScreen(target))

    @on(OptionList.OptionSelected, "#panel")
    def panel_selected(self, event: OptionList.OptionSelected) -> None:
        target = Key.parse(event.option.id) if event.option.id else None
        if target and target.id:
            self.app.push_screen(HowScreen(target))

    def action_why_not(self) -> None:
        self.app.push_screen(WhyNotScreen(), self.go_if_chosen)

    def action_review(self) -> None:
        self.app.push_screen(ReviewScreen(), self.after_review)

    def after_review(self, qid: str | None) -> None:
        if qid:
            self.go(qid)
        else:
            self.render_all()

    def action_export(self) -> None:
        self.app.push_screen(ExportScreen())
