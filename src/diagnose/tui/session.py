"""The questionnaire's state, without any widget: answers, language, the live diagnosis, navigation.

Screens read and change the session; it re-diagnoses after every answer and autosaves. Keeping it
free of Textual makes the logic testable on its own and the screens thin.

The question screen does not wait for the diagnosis: ``record()`` stores an answer at once,
``diagnose_latest()`` (in a worker thread) diagnoses the answers as they are by then, ``adopt()`` (back
on the UI thread) takes the result unless a newer answer came meanwhile, and ``autosave()`` (another
worker) saves. The engine is used by one thread at a time (``_diagnosing``), saves one at a time (``_saving``).

No answer is lost: a save that fails (read-only folder, full disk, another questionnaire holding the
profile) leaves every answer in memory, marks the session ``unsaved`` with the reason, and is tried
again by the next answer or ``save()``; the app shows the reason and asks where to save before quitting.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from ..inference import engine, explain
from ..inference.diagnosis import diagnose
from ..inference.results import Diagnosis, Key
from ..kb.conditions import UNKNOWN
from ..kb.knowledge import KnowledgeBase
from ..kb.models import Question
from ..inputs.errors import os_params
from ..kb.profile import Profile
from ..output.i18n import error_message, t
from . import autosave



UNNAMED = "unnamed cluster"     # the profile model's default name; shown as "unnamed" in the user's language


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
    passed: set[str] = field(default_factory=set)   # shown and left unanswered: not asked again unless visited

    unsaved: bool = field(default=False, init=False)           # answers in memory that no file holds yet
    save_problem: str | None = field(default=None, init=False)  # why the last save failed
    on_save: Callable[[Session], None] | None = field(default=None, init=False, repr=False)  # the app's notice
    generation: int = field(default=0, init=False)    # how many times the answers changed
    diagnosed: int = field(default=-1, init=False)    # the generation ``diagnosis`` belongs to

    def __post_init__(self):
        self._state = threading.Lock()          # answers, generation and unsaved change together
        self._diagnosing = threading.Lock()     # one thread at a time in the engine
        self._saving = threading.Lock()         # one save at a time
        self.closed = False
        self.runner = engine.IncrementalRunner(self.kb)
        self.answers = {q: self.answers.get(q, UNKNOWN) for q in self.kb.questions}
        self.loaded = Profile(name=self.name)       # the profile answered: its other fields (notes) are kept
        self.store = autosave.ProfileStore(self.profile_path)
        self.refresh()

    # -- state
    @property
    def profile(self) -> Profile:
        """Every field of the loaded profile, with this session's name and answers."""
        return replace(self.loaded, name=self.name or UNNAMED, answers=dict(self.answers))

    def title(self, lang: str) -> str:
        """The cluster's name for titles: what the user typed, or "unnamed" in the user's language."""
        return self.name if self.name and self.name != UNNAMED else t("unnamed_cluster", lang)

    def load(self, profile: Profile) -> None:
        self.loaded = profile
        self.name = profile.name
        self.passed = set()
        with self._state:
            self.answers = {q: profile.answers.get(q, UNKNOWN) for q in self.kb.questions}
            self.generation += 1
        self.refresh()

    def start_blank(self) -> None:
        self.load(Profile(name=self.name or UNNAMED))     # the name the start screen was given, if any

    def refresh(self) -> Diagnosis:
        """Diagnose the answers now, on this thread."""
        generation, diagnosis = self._diagnose()
        self.adopt(generation, diagnosis)
        return self.diagnosis

    def current(self) -> Diagnosis:
        """The diagnosis of the answers as they are (a screen that explains or exports must not show one
        an answer behind): the worker's if it has caught up, else diagnosed here."""
        return self.diagnosis if self.diagnosed == self.generation else self.refresh()

    def answer(self, qid: str, value: Any) -> None:
        """Store an answer, diagnose and save, all on this thread."""
        self.record(qid, value)
        self.refresh()
        self.save()

    def record(self, qid: str, value: Any) -> int:
        """Store an answer at once (nothing slow); returns its generation. Diagnosis and save follow."""
        with self._state:
            self.answers[qid] = value
            self.generation += 1
            self.unsaved = True
            return self.generation

    def _diagnose(self) -> tuple[int, Diagnosis]:
        with self._diagnosing:
            with self._state:
                generation, profile = self.generation, self.profile
            return generation, diagnose(self.kb, profile, runner=self.runner)

    def diagnose_latest(self) -> tuple[int, Diagnosis]:
        """For a worker thread: diagnose the answers as they are by now."""
        return self._diagnose()

    def autosave(self) -> bool:
        """For a worker thread: save the answers as they are by now (the app shows the outcome)."""
        return self._write()

    def adopt(self, generation: int, diagnosis: Diagnosis) -> bool:
        """On the UI thread: take a diagnosis of the answers as they are; one of older answers is dropped
        (a newer answer's worker is on its way)."""
        if generation != self.generation:
            return False
        self.diagnosis, self.diagnosed = diagnosis, generation
        return True

    # -- saving
    def save(self) -> bool:
        """Save to the profile file. On failure everything stays in memory, ``save_problem`` says why."""
        self._write()
        if self.on_save:
            self.on_save(self)
        return not self.unsaved

    def _write(self) -> bool:
        """Save the answers as they are now; ``unsaved`` clears only if no answer came during the save."""
        with self._saving:
            if self.closed:
                return not self.unsaved
            with self._state:
                generation, profile = self.generation, self.profile
            try:
                self.store.save(profile)
            except autosave.SaveError as exc:
                self.save_problem = error_message(exc, self.lang)
                return False
            with self._state:
                self.save_problem = None
                if generation == self.generation:
                    self.unsaved = False
            return not self.unsaved

    def save_copy(self, path: Path) -> None:
        """Save the answers to another, new file (when the profile file cannot take them); SaveError if not."""
        path = Path(path).expanduser()
        if path.exists():
            raise autosave.SaveError(path, "", "already_exists")
        try:
            autosave.save_profile(self.profile, path)
        except OSError as exc:
            raise autosave.SaveError(path, "", "cannot_save", **os_params(exc)) from None
        self.unsaved, self.save_problem = False, None

    def close(self) -> None:
        with self._saving:
            self.closed = True          # a worker still running saves nothing after the lock is released
            self.store.release()

    # -- questions
    def concluded(self) -> set[Key]:
        """What the newest diagnosis available concluded (the question order may be one answer behind)."""
        return self.diagnosis.concluded()

    def relevant(self) -> list[Question]:
        concluded = self.concluded()
        return [q for q in self.kb.questions.values() if explain.is_relevant(self.kb, q.id, self.answers, concluded)]

    def progress(self) -> tuple[int, int]:
        """(answered, still to ask): every answered question, and the relevant ones not yet answered
        nor passed over. The second number moves as answers rule questions in or out; the screen says so."""
        relevant = self.relevant()
        answered = sum(1 for v in self.answers.values() if v != UNKNOWN)
        return answered, sum(1 for q in relevant if self.answers[q.id] == UNKNOWN and q.id not in self.passed)

    def ordered(self) -> list[Question]:
        """Relevant questions in questionnaire order: basics first, then by section."""
        sections = [s.id for s in self.kb.sections]
        relevant = self.relevant()
        return sorted(relevant, key=lambda q: (not q.basic, sections.index(q.section)))

    def leave(self, qid: str | None) -> None:
        """The user moves on from a question; left unanswered, it is not offered again in this session
        (going back, go-to and review still reach it)."""
        if qid is not None and self.answers.get(qid, UNKNOWN) == UNKNOWN:
            self.passed.add(qid)

    def to_ask(self) -> list[Question]:
        return [q for q in self.ordered() if self.answers[q.id] == UNKNOWN and q.id not in self.passed]

    def next_question(self, after: str | None = None) -> Question | None:
        """Basics first; then the question that could change most conclusions; then the rest in order.
        Never one already answered or passed over (``after``, the one on screen, counts as passed)."""
        self.leave(after)
        waiting = self.to_ask()
        basics = [q for q in waiting if q.basic]
        if basics:
            return basics[0]
        return self.next_best() or (waiting[0] if waiting else None)

    def next_best(self, exclude: str | None = None) -> Question | None:
        waiting = {q.id for q in self.to_ask()} - {exclude}
        for item in self.diagnosis.unanswered:
            if item.question in waiting:
                return self.kb.questions[item.question]
        return None

    def find_question(self, typed: str) -> str | None:
        """A question id from what was typed: the id itself or a prefix that only one id starts with."""
        typed = typed.strip()
        if typed in self.kb.questions:
            return typed
        matches = [q for q in self.kb.questions if q.startswith(typed)] if typed else []
        return matches[0] if len(matches) == 1 else None

    def search(self, typed: str, lang: str) -> list[Question]:
        """Questions whose words contain every word typed: those matching in the screen's language
        first, then in the other language, then (for a profile author) by the start of the id."""
        words = typed.casefold().split()
        if not words:
            return list(self.kb.questions.values())
        if typed.strip() in self.kb.questions:          # an id, as a profile author might type it
            return [self.kb.questions[typed.strip()]]
        other = "en" if lang == "zh" else "zh"

        def hit(text: str) -> bool:
            return all(w in text.casefold() for w in words)

        mine = [q for q in self.kb.questions.values() if hit(q.text(lang))]
        theirs = [q for q in self.kb.questions.values() if q not in mine and hit(q.text(other))]
        by_id = [q for q in self.kb.questions.values() if q not in mine + theirs and q.id.startswith(typed.strip())]
        return mine + theirs + by_id

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

    def not_recommended_remedies(self) -> list[str]:
        """Remedies neither recommended nor already in place (considered ones first)."""
        shown = {r.id: r.status for r in self.diagnosis.remedies}
        considered = [r for r, status in shown.items() if status not in ("recommended", "in_place")]
        return considered + [r for r in self.kb.remedies if r not in shown]

    def why_not(self, ident: str) -> dict:
        return explain.why_not(self.kb, self.profile, self.current().concluded(), ident)

    def changes_since_review(self) -> dict[str, list[str]]:
        now = self.current()
        before = self.reviewed or now
        bp, np_ = {p.id for p in before.problems}, {p.id for p in now.problems}
        br, nr = ({r.id for r in d.remedies if r.status != "considered"} for d in (before, now))
        return {"problems_gained": sorted(np_ - bp), "problems_lost": sorted(bp - np_),
                "remedies_gained": sorted(nr - br), "remedies_lost": sorted(br - nr),
                "type": [before.governance_type.id or "-", now.governance_type.id or "-"]
                if before.governance_type.id != now.governance_type.id else []}
