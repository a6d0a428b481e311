"""The result models of a diagnosis: what the engine concluded, in the shape the JSON contract gives.

Both ``diagnosis`` (which builds them) and ``explain`` (which reads them) import this module, so
neither imports the other.
"""
from __future__ import annotations

from typing import Annotated, Any, NamedTuple, Optional

from pydantic import BaseModel, BeforeValidator, PlainSerializer

SCORED_KINDS = ("problem", "remedy", "type")


class Key(NamedTuple):
    """A conclusion's identity: its kind (fact, problem, remedy, type, consequence, stage) and id.

    A tuple, so ``(kind, id) in concluded`` works on sets of keys; written as ``kind:id`` in JSON.
    """
    kind: str
    id: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}"

    @classmethod
    def parse(cls, text: str) -> "Key":
        kind, _, ident = text.partition(":")
        return cls(kind, ident)


KeyField = Annotated[Key, BeforeValidator(lambda v: Key.parse(v) if isinstance(v, str) else Key(*v)),
                     PlainSerializer(str, return_type=str)]


class CitationOut(BaseModel):
    paragraph: str
    quote: str


class TraceEntry(BaseModel):
    id: str
    rule: str
    links: list[str]
    facts: list[str]
    concluded: KeyField
    certainty: float
    citation: CitationOut
    supports: list[str] = []     # trace ids of the rules that reached the conclusions this one used
    source: str = ""


class TypeOut(BaseModel):
    id: Optional[str]
    parent: Optional[str] = None
    certainty: float = 0.0
    spectrum: Optional[int] = None
    because: list[str] = []
    alternatives: list[str] = []


class ProblemOut(BaseModel):
    id: str
    status: str                 # observed | risk (kept for compatibility: risk = probable or possible)
    evidence: str               # observed | probable | possible (rules/kb.yaml defines them)
    certainty: float
    because: list[str]
    citations: list[str]
    consequences: list[str] = []


class PreconditionOut(BaseModel):
    id: str
    met: Optional[bool]
    build_first: list[str] = []


# Why a remedy that a rule reached is only considered, not recommended (outputs put them in words).
REASON_CODES = (
    "no_problem_found",         # ids: the problems it addresses; none was concluded
    "problem_only_possible",    # ids: the problems it addresses that are only possible
    "problem_below_threshold",  # ids: the problems it addresses that are less certain than the threshold
    "support_below_threshold",  # a remedy that addresses no problem: its rules are less certain than the threshold
    "precondition_unmet",       # ids: the preconditions that do not hold
    "does_not_fit",             # ids: the questions or conclusions that show its mechanism does not fit
    "fit_unknown",              # ids: the unanswered questions that decide whether it fits
)


class ReasonOut(BaseModel):
    code: str
    ids: list[str] = []


class RemedyOut(BaseModel):
    id: str
    status: str                 # recommended | in_place | considered
    actor: str
    actors: list[str]
    addresses: list[str]
    priority: int
    precedents: list[str]
    because: list[str]
    citations: list[str]
    certainty: float
    preconditions: list[PreconditionOut] = []
    concerns: list[str] = []
    fits: Optional[bool] = None         # fits_when: True, False, or None (undecided or not stated)
    reasons: list[ReasonOut] = []       # why it is considered and not recommended; empty otherwise


class UnansweredOut(BaseModel):
    question: str
    could_change: list[str]


class StageOut(BaseModel):
    reached: list[str] = []
    current: Optional[str] = None
    next: Optional[str] = None


class Diagnosis(BaseModel):
    profile: dict[str, Any]
    governance_type: TypeOut
    problems: list[ProblemOut]
    remedies: list[RemedyOut]
    consequences: list[str] = []
    facts: list[str] = []
    stage: StageOut = StageOut()
    trace: list[TraceEntry]
    unanswered: list[UnansweredOut]
    rule_base: dict[str, str] = {}

    def found(self, kind: str) -> list[str]:
        """Problems at any evidence level; remedies recommended or in place (not merely considered)."""
        if kind == "problem":
            return [p.id for p in self.problems]
        if kind == "remedy":
            return [r.id for r in self.remedies if r.status != "considered"]
        if kind == "type":
            return [self.governance_type.id] if self.governance_type.id else []
        raise KeyError(kind)

    def concluded(self) -> set[Key]:
        """Every conclusion some rule reached (the trace's conclusions)."""
        return {t.concluded for t in self.trace}
