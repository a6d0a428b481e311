"""The live diagnosis panel: type, problems with status and certainty, top remedies."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...inference.results import Key
from ...kb.knowledge import KnowledgeBase
from ...output.i18n import t


class DiagnosisPanel(OptionList):
    """Type, problems (status and certainty) and top remedies; select a line to see how it was reached."""

    def show(self, kb: KnowledgeBase, diagnosis, lang: str) -> None:
        highlighted = self.highlighted
        self.clear_options()
        gt = diagnosis.governance_type
        options: list[Option | None] = []
        head = Text(t("governance_type", lang) + ": ", style="bold")
        head.append(kb.name("type", gt.id, lang) if gt.id else t("no_type", lang))
        options.append(Option(head, id=str(Key("type", gt.id or ""))))
        options.append(None)
        options.append(Option(Text(t("problems", lang), style="bold underline"), disabled=True))
        if not diagnosis.problems:
            options.append(Option(Text(t("no_problems", lang), style="dim"), disabled=True))
        for p in diagnosis.problems:
            mark = "●" if p.status == "observed" else "○"
            line = Text(f"{mark} {kb.name('problem', p.id, lang)} ")
            line.append(f"{t(p.status, lang)} {p.certainty:.2f}", style="red" if p.status == "observed" else "yellow")
            options.append(Option(line, id=str(Key("problem", p.id))))
        options.append(None)
        options.append(Option(Text(t("top_remedies", lang), style="bold underline"), disabled=True))
        recommended = [r for r in diagnosis.remedies if r.status == "recommended"][:6]
        if not recommended:
            options.append(Option(Text(t("no_remedies", lang), style="dim"), disabled=True))
        for r in recommended:
            line = Text(f"{r.priority}. {kb.name('remedy', r.id, lang)} ")
            line.append(f"[{kb.name('actor', r.actor, lang)}]", style="dim")
            options.append(Option(line, id=str(Key("remedy", r.id))))
        self.add_options(options)
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted
