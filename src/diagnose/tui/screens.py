"""Screens of the questionnaire: start, questions (with the live panel), HOW, WHY-NOT, review, export."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ..i18n import t
from ..profile import UNKNOWN
from ..report import view as report_view
from .widgets import DiagnosisPanel, QuestionView, answer_label, choice_options, choice_values


class Localized:
    """Mixin: relabel the footer in the app's language when the screen is mounted."""

    def on_mount(self) -> None:
        from .app import localize_bindings
        localize_bindings(self, self.app.lang)
        localize_bindings(self.app, self.app.lang)
        self.after_mount()

    def after_mount(self) -> None:
        pass


class StartScreen(Localized, Screen):
    BINDINGS = [Binding("n", "new", "New"), Binding("r", "resume", "Resume"), Binding("o", "open", "Open")]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="start"):
            yield Static(id="start-intro")
            yield Button(id="new", variant="primary")
            yield Button(id="resume")
            yield Button(id="open")
            yield Button(id="lang")
            yield Static(id="start-path")
        yield Footer()

    def after_mount(self) -> None:
        self.relabel()

    def relabel(self) -> None:
        lang, session = self.app.lang, self.app.session
        self.query_one("#start-intro", Static).update(t("start_intro", lang))
        self.query_one("#new", Button).label = t("new_assessment", lang)
        self.query_one("#resume", Button).label = t("resume", lang)
        self.query_one("#resume", Button).disabled = not session.profile_path.exists()
        self.query_one("#open", Button).label = t("open_profile", lang)
        self.query_one("#lang", Button).label = t("switch_language", lang)
        self.query_one("#start-path", Static).update(Text(f"{t('saved_to', lang)}: {session.profile_path}", style="dim"))

    @on(Button.Pressed, "#new")
    def action_new(self) -> None:
        self.app.start_new()

    @on(Button.Pressed, "#resume")
    def action_resume(self) -> None:
        self.app.start_resume()

    @on(Button.Pressed, "#open")
    def action_open(self) -> None:
        self.app.push_screen(PromptScreen(t("profile_path_prompt", self.app.lang)), self.app.open_profile)

    @on(Button.Pressed, "#lang")
    def switch_language(self) -> None:
        self.app.action_toggle_language()


class QuestionScreen(Localized, Screen):
    BINDINGS = [
        Binding("1", "choose(0)", "1", show=False), Binding("2", "choose(1)", "2", show=False),
        Binding("3", "choose(2)", "3", show=False), Binding("4", "choose(3)", "4", show=False),
        Binding("5", "choose(4)", "5", show=False), Binding("0", "choose_unknown", "0 ?", show=False),
        Binding("right,pagedown", "next", "Next"), Binding("left,pageup", "previous", "Back"),
        Binding("b", "best", "Best next"), Binding("w", "why", "Why asked"), Binding("h", "how", "How"),
        Binding("y", "why_not", "Why not"), Binding("g", "jump", "Go to"), Binding("v", "review", "Review"),
        Binding("ctrl+g", "jump", "Go to", show=False), Binding("escape", "focus_panel", show=False),
        Binding("x", "export", "Export"), Binding("tab", "app.focus_next", "Panel", show=False),
    ]

    def __init__(self, question_id: str | None = None):
        super().__init__()
        self.question_id = question_id
        self.history: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="progress")
        with Horizontal(id="main"):
            with Vertical(id="question-pane"):
                with VerticalScroll(id="question-scroll"):
                    yield QuestionView(id="question")
                yield OptionList(id="choices")
                yield Input(id="number", placeholder="")
            yield DiagnosisPanel(id="panel")
        yield Footer()

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
        session, lang, q = self.app.session, self.app.lang, self.question
        answered, relevant = session.progress()
        bar = "█" * int(20 * answered / max(relevant, 1))
        self.query_one("#progress", Static).update(
            Text(f" {bar:<20} " + t("question_of", lang).format(answered=answered, relevant=relevant)))
        could = session.could_change(q.id) or [i for _, i in session.why_asked(q.id)][:5]
        self.query_one("#question", QuestionView).show(session.kb, q, lang, could, session.answers[q.id])
        choices = self.query_one("#choices", OptionList)
        number = self.query_one("#number", Input)
        choices.clear_options()
        if q.kind == "number":
            choices.display = False
            number.display = True
            number.placeholder = f"{t('range', lang)} {q.min:g}–{q.max:g}; u = {t('unknown', lang)}"
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
        self.query_one("#panel", DiagnosisPanel).show(session.kb, session.diagnosis, lang)

    # -- answering
    def record(self, value) -> None:
        self.app.session.answer(self.question_id, value)
        self.action_next()

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
        q, raw = self.question, event.value.strip().lower()
        if raw in ("", "u", "unknown", "?"):
            self.record(UNKNOWN)
            return
        try:
            value = float(raw)
        except ValueError:
            self.notify(f"{raw!r}: {t('range', self.app.lang)} {q.min:g}–{q.max:g}", severity="error")
            return
        if not q.min <= value <= q.max:
            self.notify(f"{value:g}: {t('range', self.app.lang)} {q.min:g}–{q.max:g}", severity="error")
            return
        self.record(int(value) if value.is_integer() else value)

    # -- navigation
    def go(self, qid: str, remember: bool = True) -> None:
        if remember and self.question_id:
            self.history.append(self.question_id)
        self.question_id = qid
        self.render_all()

    def action_next(self) -> None:
        nxt = self.app.session.next_question(after=self.question_id)
        if nxt is None:
            self.notify(t("all_done", self.app.lang))
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
        def jump(typed: str | None) -> None:
            if typed:
                qid = self.app.session.find_question(typed)
                if qid:
                    self.go(qid)
                else:
                    self.notify(f"{t('unknown_question', self.app.lang)}: {typed}", severity="warning")
        self.app.push_screen(PromptScreen(t("jump_prompt", self.app.lang)), jump)

    # -- explanations
    def action_why(self) -> None:
        session, lang = self.app.session, self.app.lang
        lines = [(f"{session.kb.name(k, i, lang)} ({k})") for k, i in session.why_asked(self.question_id)]
        body = "\n".join(f"• {line}" for line in lines) or t("none", lang)
        self.app.push_screen(TextScreen(f"{t('why_asked', lang)}: {self.question.text(lang)}", body))

    def action_how(self) -> None:
        panel = self.query_one("#panel", DiagnosisPanel)
        option = panel.highlighted_option if panel.highlighted is not None else None
        target = option.id if option is not None and option.id else None
        if not target:
            diagnosis = self.app.session.diagnosis
            target = f"problem:{diagnosis.problems[0].id}" if diagnosis.problems else None
        if target and target.split(":", 1)[1]:
            self.app.push_screen(HowScreen(target))

    @on(OptionList.OptionSelected, "#panel")
    def panel_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and event.option.id.split(":", 1)[1]:
            self.app.push_screen(HowScreen(event.option.id))

    def action_why_not(self) -> None:
        self.app.push_screen(WhyNotScreen())

    def action_review(self) -> None:
        self.app.push_screen(ReviewScreen(), self.after_review)

    def after_review(self, qid: str | None) -> None:
        if qid:
            self.go(qid)
        else:
            self.render_all()

    def action_export(self) -> None:
        self.app.push_screen(ExportScreen())


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

    def __init__(self, target: str):
        self.target = target
        super().__init__("", "")

    def after_mount(self) -> None:
        session, lang = self.app.session, self.app.lang
        kind, ident = self.target.split(":", 1)
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


class ReviewScreen(Localized, ModalScreen[str | None]):
    BINDINGS = [Binding("escape,q", "close", "Back")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label("", classes="dialog-title")
            yield Static(id="changes")
            yield DataTable(id="answers", cursor_type="row")
            yield Footer()

    def after_mount(self) -> None:
        session, lang = self.app.session, self.app.lang
        kb = session.kb
        self.query_one(".dialog-title", Label).update(f"{t('review_title', lang)} — {t('review_hint', lang)}")
        changes = session.changes_since_review()
        parts = []
        for key, label in (("problems_gained", "gained"), ("problems_lost", "lost")):
            if changes[key]:
                parts.append(f"{t(label, lang)}: " + ", ".join(kb.name("problem", p, lang) for p in changes[key]))
        for key, label in (("remedies_gained", "gained"), ("remedies_lost", "lost")):
            if changes[key]:
                parts.append(f"{t(label, lang)}: " + ", ".join(kb.name("remedy", r, lang) for r in changes[key]))
        if changes["type"]:
            parts.append(f"{t('governance_type', lang)}: " + " -> ".join(changes["type"]))
        self.query_one("#changes", Static).update(
            Text(f"{t('changed_since', lang)}: " + ("; ".join(parts) or t("no_changes", lang)), style="cyan"))
        session.reviewed = session.diagnosis
        table = self.query_one("#answers", DataTable)
        table.add_columns("#", t("section", lang), t("review_title", lang), t("current_answer", lang))
        sections = {s.id: s.title(lang) for s in kb.sections}
        order = list(sections)
        for n, q in enumerate(sorted(session.ordered(), key=lambda q: order.index(q.section)), start=1):
            table.add_row(str(n), sections[q.section], q.text(lang), answer_label(session.answers[q.id], lang), key=q.id)
        table.focus()

    @on(DataTable.RowSelected, "#answers")
    def edit(self, event: DataTable.RowSelected) -> None:
        self.dismiss(event.row_key.value)

    def action_close(self) -> None:
        self.dismiss(None)


class ExportScreen(Localized, ModalScreen):
    BINDINGS = [Binding("escape,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("", classes="dialog-title")
            yield OptionList(Option("Markdown (.md)", id="markdown"), Option("JSON (.json)", id="json"),
                             Option("HTML (.html)", id="html"), id="formats")
            yield Footer()

    def after_mount(self) -> None:
        self.query_one(".dialog-title", Label).update(t("export_title", self.app.lang))
        self.query_one("#formats", OptionList).focus()

    @on(OptionList.OptionSelected, "#formats")
    def export(self, event: OptionList.OptionSelected) -> None:
        fmt = event.option.id
        path = self.app.export(fmt)
        self.dismiss()
        self.app.notify(f"{t('exported', self.app.lang)}: {path}")


class PromptScreen(Localized, ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, prompt: str):
        super().__init__()
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.prompt, classes="dialog-title")
            yield Input(id="prompt-input")

    def after_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
