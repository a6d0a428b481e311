"""Widgets of the questionnaire: the live diagnosis panel and the question view."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..i18n import t
from ..knowledge import KnowledgeBase, Question
from ..profile import UNKNOWN


def answer_label(value, lang: str) -> str:
    if value is True:
        return t("yes", lang)
    if value is False:
        return t("no", lang)
    if value == UNKNOWN or value is None:
        return t("unknown", lang)
    return f"{value:g}" if isinstance(value, float) else str(value)


class DiagnosisPanel(OptionList):
    """Type, problems (status and certainty) and top remedies; select a line to see how it was reached."""

    def show(self, kb: KnowledgeBase, diagnosis, lang: str) -> None:
        highlighted = self.highlighted
        self.clear_options()
        gt = diagnosis.governance_type
        options: list[Option | None] = []
        head = Text(t("governance_type", lang) + ": ", style="bold")
        head.append(kb.name("type", gt.id, lang) if gt.id else t("no_type", lang))
        options.append(Option(head, id=f"type:{gt.id}" if gt.id else "type:"))
        options.append(None)
        options.append(Option(Text(t("problems", lang), style="bold underline"), disabled=True))
        if not diagnosis.problems:
            options.append(Option(Text(t("no_problems", lang), style="dim"), disabled=True))
        for p in diagnosis.problems:
            mark = "●" if p.status == "observed" else "○"
            line = Text(f"{mark} {kb.name('problem', p.id, lang)} ")
            line.append(f"{t(p.status, lang)} {p.certainty:.2f}", style="red" if p.status == "observed" else "yellow")
            options.append(Option(line, id=f"problem:{p.id}"))
        options.append(None)
        options.append(Option(Text(t("top_remedies", lang), style="bold underline"), disabled=True))
        recommended = [r for r in diagnosis.remedies if r.status == "recommended"][:6]
        if not recommended:
            options.append(Option(Text(t("no_remedies", lang), style="dim"), disabled=True))
        for r in recommended:
            line = Text(f"{r.priority}. {kb.name('remedy', r.id, lang)} ")
            line.append(f"[{kb.name('actor', r.actor, lang)}]", style="dim")
            options.append(Option(line, id=f"remedy:{r.id}"))
        self.add_options(options)
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted


class QuestionView(Static):
    """The question text, its help with the cited paragraph, and why it is asked."""

    def show(self, kb: KnowledgeBase, q: Question, lang: str, could_change: list[str], current) -> None:
        text = Text()
        section = next(s for s in kb.sections if s.id == q.section)
        text.append(section.title(lang) + "\n", style="dim")
        text.append(q.text(lang) + "\n", style="bold")
        if q.incident:
            text.append(t("reported_incident", lang) + "\n", style="italic")
        text.append("\n" + q.help(lang) + "\n", style="")
        text.append(f"{q.cite.paragraph}「{q.cite.quote}」\n", style="dim")
        if could_change:
            names = []
            for ident in could_change[:5]:
                kind = next((k for k in ("problem", "remedy", "type") if kb.entry(k, ident)), "problem")
                names.append(kb.name(kind, ident, lang))
            text.append(f"\n{t('could_affect', lang)}: " + "; ".join(names), style="cyan")
        text.append(f"\n{t('current_answer', lang)}: {answer_label(current, lang)}", style="green")
        self.update(text)


def choice_options(q: Question, lang: str) -> list[Option]:
    if q.kind == "yes_no":
        items = [("1", True, t("yes", lang)), ("2", False, t("no", lang))]
    elif q.kind == "one_of":
        items = [(str(i), c.id, c.text(lang)) for i, c in enumerate(q.choices, start=1)]
    else:
        items = []
    options = [Option(f"{key}  {label}", id=f"{i}") for i, (key, _, label) in enumerate(items)]
    options.append(Option(f"0  {t('unknown', lang)}", id="unknown"))
    return options


def choice_values(q: Question) -> list:
    if q.kind == "yes_no":
        return [True, False]
    if q.kind == "one_of":
        return [c.id for c in q.choices]
    return []
