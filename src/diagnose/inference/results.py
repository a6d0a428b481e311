"""The result models of a diagnosis: what the engine concluded, in the shape the JSON contract gives.

Both ``diagnosis`` (which builds them) and ``explain`` (which reads them) import this module, so
neither imports the other.

Plain dataclasses, not pydantic models: a diagnosis is built from data already validated (the rule
base, the profile), so validating it again only cost time, and ``from pydantic import BaseModel``
alone costs more than the cold-start budget of ``diagnose assess`` (issue 13). Their builders pass
the exact types (floats, lists, ``Key``); ``to_plain`` writes them out as the JSON contract has it.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Callable, NamedTuple, Optional

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

    @classmethod
    def __get_pydantic_core_schema__(cls, source, handler):
        """For pydantic models or TypeAdapters that hold a Key: read "kind:id" or a (kind, id) pair,
        write "kind:id". pydantic_core is imported here, so a plain diagnosis never needs it."""
        from pydantic_core import core_schema

        def to_key(value) -> "Key":
            if isinstance(value, str):
                value = cls.parse(value)
            elif isinstance(value, (tuple, list)) and len(value) == 2:
                value = cls(*value)
            else:
                raise ValueError("a key is 'kind:id' or a (kind, id) pair")
            if not (isinstance(value.kind, str) and isinstance(value.id, str)):
                raise ValueError("a key's kind and id are strings")
            return value

        return core_schema.no_info_plain_validator_function(
            to_key, json_schema_input_schema=core_schema.str_schema(),
            serialization=core_schema.plain_serializer_function_ser_schema(str, return_schema=core_schema.str_schema()))


# As the pydantic models were: built by keyword only, no attribute beyond the fields (slots, which
# also make lookups faster), mutable (the builder ranks remedies and adds the unanswered questions).
@dataclass(slots=True, kw_only=True)
class CitationOut:
    paragraph: str
    quote: str


@dataclass(slots=True, kw_only=True)
class TraceEntry:
    id: str
    rule: str
    links: list[str]
    facts: list[str]
    concluded: Key
    certainty: float
    citation: CitationOut
    supports: list[str] = field(default_factory=list)   # trace ids of the rules that reached the conclusions this one used
    source: str = ""


@dataclass(slots=True, kw_only=True)
class TypeOut:
    id: Optional[str]
    parent: Optional[str] = None
    certainty: float = 0.0
    spectrum: Optional[int] = None
    because: list[str] = field(default_factory=list)
    alternatives: list[str] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class ProblemOut:
    id: str
    status: str                 # observed | risk (kept for compatibility: risk = probable or possible)
    evidence: str               # observed | probable | possible (rules/kb.yaml defines them)
    certainty: float
    because: list[str]
    citations: list[str]
    consequences: list[str] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class PreconditionOut:
    id: str
    met: Optional[bool]
    build_first: list[str] = field(default_factory=list)


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


@dataclass(slots=True, kw_only=True)
class ReasonOut:
    code: str
    ids: list[str] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class RemedyOut:
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
    preconditions: list[PreconditionOut] = field(default_factory=list)
    concerns: list[str] = field(default_factory=list)
    fits: Optional[bool] = None         # fits_when: True, False, or None (undecided or not stated)
    reasons: list[ReasonOut] = field(default_factory=list)   # why it is considered and not recommended; empty otherwise


@dataclass(slots=True, kw_only=True)
class UnansweredOut:
    question: str
    could_change: list[str]


@dataclass(slots=True, kw_only=True)
class StageOut:
    reached: list[str] = field(default_factory=list)
    current: Optional[str] = None
    next: Optional[str] = None


@dataclass(slots=True, kw_only=True)
class Diagnosis:
    profile: dict[str, Any]
    governance_type: TypeOut
    problems: list[ProblemOut]
    remedies: list[RemedyOut]
    consequences: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    stage: StageOut = field(default_factory=StageOut)
    trace: list[TraceEntry]
    unanswered: list[UnansweredOut]
    rule_base: dict[str, str] = field(default_factory=dict)

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

    def to_dict(self) -> dict[str, Any]:
        """The diagnosis as JSON-ready data (what the JSON output writes)."""
        return to_plain(self)


_RESULT_CLASSES = (CitationOut, TraceEntry, TypeOut, ProblemOut, PreconditionOut, ReasonOut, RemedyOut,
                   UnansweredOut, StageOut, Diagnosis)


def to_plain(value: Any) -> Any:
    """A result as JSON-ready data: a dict of its fields in order, a Key as "kind:id", lists and dicts
    copied; the same data pydantic's model_dump(mode="json") gave. Any other value: lists, tuples and
    dicts converted item by item, the rest as it is."""
    plan = _PLANS.get(type(value))
    if plan is None:
        if isinstance(value, Key):
            return str(value)
        if isinstance(value, (list, tuple)):
            return [to_plain(item) for item in value]
        if isinstance(value, dict):
            return {key: to_plain(item) for key, item in value.items()}
        return value
    out = {}
    for name, write in plan:
        item = getattr(value, name)
        out[name] = item if write is None else write(item)
    return out


def _each(items: list) -> list:
    return [to_plain(item) for item in items]


def _writer(annotation: str) -> Optional[Callable[[Any], Any]]:
    """How to_plain writes a field declared with this annotation; None: as it is (str, number, bool,
    None). Read from the annotation's text (this module postpones annotations), once per field at
    import: evaluating them with typing.get_type_hints cost ten times as much (7 M instructions)."""
    if annotation == "Key":
        return str
    if annotation in _BY_NAME:
        return to_plain
    if annotation.startswith("list[") and annotation[len("list["):-1] in _BY_NAME:
        return _each
    if annotation == "list[str]":
        return list
    if annotation == "dict[str, str]":
        return dict
    if annotation == "dict[str, Any]":
        return to_plain   # the profile: item by item
    if annotation in _AS_IS:
        return None
    # a new kind of field (Optional[TypeOut], list[Key], ...): teach this function, do not guess
    raise TypeError(f"to_plain cannot write a field declared {annotation!r}")


_AS_IS = {"str", "int", "float", "bool", "Optional[str]", "Optional[int]", "Optional[float]", "Optional[bool]"}


_BY_NAME = {cls.__name__: cls for cls in _RESULT_CLASSES}
_PLANS = {cls: tuple((f.name, _writer(f.type)) for f in fields(cls)) for cls in _RESULT_CLASSES}
