"""The question view: text, help with the cited paragraph, what the answer could change."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...kb.knowledge import KnowledgeBase
from ...kb.models import Question
from ...output.i18n import answer_label, paragraph_label, t


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
        text.append(f"{paragraph_label(q.cite.paragraph, lang)}「{q.cite.quote}」\n", style="dim")
        if could_change:
            names = []
            for ident in could_change[:5]:
                kind = next((k for k in ("problem", "remedy", "type") if kb.entry(k, ident)), "problem")
                names.append(kb.name(kind, ident, lang))
            text.append(f"\n{t('could_affect', lang)}{t('colon', lang)}" + t("clause_join", lang).join(names), style="cyan")
        text.append(f"\n{t('current_answer', lang)}{t('colon', lang)}{answer_label(current, lang, q)}", style="green")
        self.update(text)
