"""The questionnaire's state, without any widget: answers, language, the live diagnosis, navigation.

Screens read and change the session; it re-diagnoses after every answer and autosaves. Keeping it
free of Textual makes the logic testable on its own and the screens thin.

No answer is lost: a save that fails (read-only folder, full disk, another questionnaire holding the
profile) leaves every answer in memory, marks the session ``unsaved`` with the reason, and is tried
again by the next answer or ``save()``; the app shows the reason and asks where to save before quitting.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from ..inference import engine, explain
from ..inference.diagnosis import diagnose
from ..inference.results import Diagnosis, Key
from ..kb.conditions import UNKNOWN
from ..kb.knowledge import KnowledgeBase
from ..kb.models import Question
from ..kb.profile import Profile
from . import autosave


UNNAMED = "未命名集群 / unnamed cluster"


@dataclass
class Session:
    kb: KnowledgeBase
    profile_path: Path
    lang: str = "zh"
    name: str = UNNAMED
    answers: dict[str, Any] = field(default_factory=dict)
    diagnosis: Diagnosis | None = None
    reviewed: Diagnosis | None = None     # the diagnosis as last seen on the review screen
    runner: engine.IncrementalRunner | None = None
    unsaved: bool = field(default=False, init=False)           # answers in memory that no file holds yet
    save_problem: str | None = field(default=None, init=False)  # why the last save failed
    on_save: Callable[[Session], None] | None = field(default=None, init=False, repr=False)  # the app's notice

    def __post_init__(self):
        self.runner = engine.IncrementalRunner(self.kb)
        self.answers = {q: self.answers.get(q, UNKNOWN) for q in self.kb.questions}
        self.loaded = Profile(name=self.name)       # the profile answered: its other fields (notes) are kept
        self.store = autosave.ProfileStore(self.profile_path)
        self.refresh()

    # -- state
    @property
    def profile(self) -> Profile:
        """Every field of the loaded profile, with this session's name and answers."""
        return replace(self.loaded, name=self.name, answers=dict(self.answers))

    def load(self, profile: Profile) -> None:
        self.loaded = profile
        self.name = profile.name
        self.answers = {q: profile.answers.get(q, UNKNOWN) for q in self.kb.questions}
        self.refresh()

    def start_blank(self) -> None:
        self.load(Profile(name=UNNAMED))

    def refresh(self) -> Diagnosis:
        self.diagnosis = diagnose(self.kb, self.profile, runner=self.runner)
        return self.diagnosis

    def answer(self, qid: str, value: Any) -> None:
        self.answers[qid] = value
        self.refresh()
        self.unsaved = True
        self.save()

    # -- saving
    def save(self) -> bool:
        """Save to the profile file. On failure everything stays in memory, ``save_problem`` says why."""
        try:
            self.store.save(self.profile)
            self.unsaved, self.save_problem = False, None
        except autosave.SaveError as exc:
            self.save_problem = str(exc)
        if self.on_save:
            self.on_save(self)
        return not self.unsaved

    def save_copy(self, path: Path) -> None:
        """Save the answers to another, new file (when the profile file cannot take them); SaveError if not."""
        path = Path(path).expanduser()
        if path.exists():
            raise autosave.SaveError(f"{path} already exists; choose a new file name")
        try:
            autosave.save_profile(self.profile, path)
        except OSError as exc:
            raise autosave.SaveError(f"cannot save {path}: {exc.strerror or exc}") from None
        self.unsaved, self.save_problem = False, None

    def close(self) -> None:
        self.store.release()

    # -- questions
    def concluded(self) -> set[Key]:
        return self.diagnosis.concluded()

    def relevant(self) -> list[Question]:
        concluded = self.concluded()
        return [q for q in self.kb.questions.values() if explain.is_relevant(self.kb, q.id, self.answers, concluded)]

    def progress(self) -> tuple[int, int]:
        relevant = self.relevant()
        return sum(1 for q in relevant if self.answers[q.id] != UNKNOWN), len(relevant)

    def ordered(self) -> list[Question]:
        """Relevant questions in questionnaire order: basics first, then by section."""
        sections = [s.id for s in self.kb.sections]
        relevant = self.relevant()
        return sorted(relevant, key=lambda q: (not q.basic, sections.index(q.section)))

    def next_question(self, after: str | None = None) -> Question | None:
        """Basics first; then the unanswered relevant question that could change most conclusions;
        then any unanswered relevant question in order (skipping the one just shown)."""
        unanswered = [q for q in self.ordered() if self.answers[q.id] == UNKNOWN and q.id != after]
        basics = [q for q in unanswered if q.basic]
        if basics:
            return basics[0]
        best = self.next_best(exclude=after)
        if best:
            return best
        return unanswered[0] if unanswered else None

    def next_best(self, exclude: str | None = None) -> Question | None:
        relevant = {q.id for q in self.relevant()}
        for item in self.diagnosis.unanswered:
            if item.question in relevant and item.question != exclude:
                return self.kb.questions[item.question]
        return None

    def find_question(self, typed: str) -> str | None:
        """A question id from what was typed: the id itself or a prefix that only one id starts with."""
        typed = typed.strip()
        if typed in self.kb.questions:
            return typed
        matches = [q for q in self.kb.questions if q.startswith(typed)] if typed else []
        return matches[0] if len(matches) == 1 else None

    def could_change(self, qid: str) -> list[str]:
        for item in self.diagnosis.unanswered:
            if item.question == qid:
                return item.could_change
        return []

    def why_asked(self, qid: str) -> list[tuple[str, str]]:
        return [(k, i) for k, i in explain.why_asked(self.kb, qid) if k in ("problem", "remedy", "type")]

    def not_found_problems(self) -> list[str]:
        found = {p.id for p in self.diagnosis.problems}
        return [p for p in self.kb.problems if p not in found]

    def why_not(self, ident: str) -> dict:
        return explain.why_not(self.kb, self.profile, self.concluded(), ident)

    def changes_since_review(self) -> dict[str, list[str]]:
        before = self.reviewed or self.diagnosis
        now = self.diagnosis
        bp, np_ = {p.id for p in before.problems}, {p.id for p in now.problems}
        br, nr = ({r.id for r in d.remedies if r.status != "considered"} for d in (before, now))
        return {"problems_gained": sorted(np_ - bp), "problems_lost": sorted(bp - np_),
                "remedies_gained": sorted(nr - br), "remedies_lost": sorted(br - nr),
                "type": [before.governance_type.id or "-", now.governance_type.id or "-"]
                if before.governance_type.id != now.governance_type.id else []}
