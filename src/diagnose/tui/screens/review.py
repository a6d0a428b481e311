"""The review screen: every answer, what changed since the last look; select a row to edit it."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Label, Static

from ...output.i18n import answer_label, t
from ..bindings import Localized


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
