"""The live diagnosis panel: type, problems by priority with their evidence in words, top remedies."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...inference.results import Key
from ...kb.knowledge import KnowledgeBase
from ...output.i18n import t
from ...output.view import by_priority


def _looks(options: list[Option | None]) -> list:
    """What the lines show (text, styles, target): equal looks need no redraw."""
    return [None if o is None else (o.id, o.disabled, o.prompt.plain, str(o.prompt.style), o.prompt.spans)
            for o in options]


class DiagnosisPanel(OptionList):
    """Type, problems and top remedies; Enter on a line shows how it was reached."""

    shown: list | None = None     # the looks of the lines on screen

    def show(self, kb: KnowledgeBase, diagnosis, lang: str) -> None:
        """Show the diagnosis; if its lines look as they do already (most answers change nothing the panel
        shows), nothing is redrawn: redrawing these lines is most of a repaint's cost."""
        gt = diagnosis.governance_type
        options: list[Option | None] = []
        head = Text(t("governance_type", lang) + t("colon", lang), style="bold")
        head.append(kb.name("type", gt.id, lang) if gt.id else t("no_type", lang))
        options.append(Option(head, id=str(Key("type", gt.id)), disabled=False) if gt.id else Option(head, disabled=True))
        options.append(None)
        options.append(Option(Text(t("problems", lang), style="bold underline"), disabled=True))
        if not diagnosis.problems:
            options.append(Option(Text(t("no_problems", lang), style="dim"), disabled=True))
        for p in by_priority(kb, diagnosis.problems):
            observed = p.status == "observed"
            line = Text(f"{'●' if observed else '○'} {kb.name('problem', p.id, lang)}  ")
            line.append(kb.info.evidence[p.evidence].name(lang), style="red" if observed else "yellow")
            options.append(Option(line, id=str(Key("problem", p.id))))
        options.append(None)
        options.append(Option(Text(t("top_remedies", lang), style="bold underline"), disabled=True))
        recommended = [r for r in diagnosis.remedies if r.status == "recommended"][:6]
        if not recommended:
            options.append(Option(Text(t("no_remedies", lang), style="dim"), disabled=True))
        for n, r in enumerate(recommended, start=1):
            line = Text(f"{n}. {kb.name('remedy', r.id, lang)} ")
            line.append(f"（{kb.name('actor', r.actor, lang)}）" if lang == "zh" else f"({kb.name('actor', r.actor, lang)})",
                        style="dim")
            options.append(Option(line, id=str(Key("remedy", r.id))))
        looks = _looks(options)
        if looks == self.shown:
            return
        self.shown, highlighted = looks, self.highlighted
        self.clear_options()
        self.add_options(options)
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted

    def on_focus(self) -> None:
        """Reached by Tab: highlight the first finding, so Enter explains it at once."""
        if self.highlighted is None:
            self.action_first()
