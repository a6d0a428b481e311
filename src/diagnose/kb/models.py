"""The files in ``rules/`` as frozen dataclasses: questions, rules, catalogue entries, links.

rules/
  kb.yaml                 version and date of the rule base
  questions.yaml          the questionnaire = the input schema
  catalogue/*.yaml        governance types, problems, remedies, derived facts, consequences, stages
  <theme>.yaml            rules, grouped by the chapter's themes
  source/chapter-zh.txt   the chapter (the authority every quote is checked against)
  source/links.yaml       the knowledge map's link checklist (section G)

Stdlib dataclasses, not pydantic models, so that a start from the cache (kb/builder.py) loads none
of pydantic's model machinery. Files are still validated by pydantic (kb/knowledge.py): it reads the
annotations (strings until then, thanks to the __future__ import), the ``Constrained`` and
``Checked`` marks in them, and ``__pydantic_config__``. ``__post_init__`` runs on every path (pydantic
calls it after the fields validated): ``Strict.__post_init__`` runs each field's ``Checked`` marks again
(declared once, in the annotation; objects built without pydantic get them too), and a class's own
``__post_init__`` adds the checks that span fields.

Loading validates shapes only; cross-references (ids, quotes, reachability) are the linter's job
(``diagnose rules check``), so that a broken file gets every error listed, not just the first.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, Optional

from . import conditions
from .marks import Checked, Constrained, Strict   # noqa: F401  (Checked, Constrained: read in the annotations)

EVIDENCE_LEVELS = ("observed", "probable", "possible")   # strongest first; defined in words in rules/kb.yaml
Evidence = Literal["observed", "probable", "possible"]

ACTORS = ("gov_central", "gov_provincial", "gov_local", "government", "association", "acfic", "union",
          "lead_firm", "multi_party", "unspecified")
ID_PATTERN = r"^[a-z][a-z0-9_]*$"


_PARSED = (conditions.All, conditions.Any_, conditions.Not, conditions.AnswerTest, conditions.Concluded)


def _condition(value: Any) -> Optional[conditions.Condition]:
    """The parsed condition; one already parsed is kept (dataclasses.replace runs __post_init__ again)."""
    if value is None or isinstance(value, _PARSED):
        return value
    try:
        return conditions.parse(value)
    except conditions.ConditionError as exc:
        raise ValueError(f"bad condition at {exc.path or 'top'}: {exc.reason}") from None


def _required_condition(value: Any) -> conditions.Condition:
    if value is None:
        raise ValueError("a rule needs a when condition")
    return _condition(value)


def _link_ids(value: list[str]) -> list[str]:
    for link in value:
        if not link.startswith("LINK-"):
            raise ValueError(f"'{link}' is not a LINK-nnn id")
    return value


def _known_actors(value: list[str]) -> list[str]:
    for actor in value:
        if actor not in ACTORS:
            raise ValueError(f"unknown actor '{actor}' (allowed: {', '.join(ACTORS)})")
    return value


def _all_levels(value: dict) -> dict:
    """Every evidence level, in EVIDENCE_LEVELS order (the order the outputs list them in)."""
    missing = [level for level in EVIDENCE_LEVELS if level not in value]
    if missing:
        raise ValueError(f"evidence levels missing: {', '.join(missing)}")
    return {level: value[level] for level in EVIDENCE_LEVELS}


@dataclass(frozen=True, kw_only=True)
class Text(Strict):
    zh: Annotated[str, Constrained(min_length=1)]
    en: Annotated[str, Constrained(min_length=1)]

    def __call__(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True, kw_only=True)
class Citation(Strict):
    paragraph: Annotated[str, Constrained(pattern=r"^P\d+$")]
    quote: Annotated[str, Constrained(min_length=2)]


@dataclass(frozen=True, kw_only=True)
class Choice(Strict):
    id: str
    text: Text


@dataclass(frozen=True, kw_only=True)
class Question(Strict):
    id: Annotated[str, Constrained(pattern=ID_PATTERN)]
    section: str
    kind: Literal["yes_no", "one_of", "number"]
    text: Text
    help: Text
    cite: Citation
    choices: Optional[list[Choice]] = None
    min: Optional[float] = None
    max: Optional[float] = None
    unit: Optional[Text] = None
    ask_when: Annotated[Any, Checked(_condition)] = None
    incident: bool = False   # a reported incident: makes a problem observed; dropped by --structural
    basic: bool = False      # one of the mandatory basics asked first

    def __post_init__(self):
        super().__post_init__()
        if self.kind == "one_of" and not self.choices:
            raise ValueError("a one_of question needs choices")
        if self.kind != "one_of" and self.choices:
            raise ValueError("only one_of questions have choices")
        if self.kind == "number" and (self.min is None or self.max is None or self.min >= self.max):
            raise ValueError("a number question needs min < max")

    def allowed_values(self) -> list:
        if self.kind == "yes_no":
            return [True, False]
        if self.kind == "one_of":
            return [c.id for c in self.choices]
        return []


@dataclass(frozen=True, kw_only=True)
class Section(Strict):
    id: str
    title: Text


@dataclass(frozen=True, kw_only=True)
class QuestionsFile(Strict):
    sections: list[Section]
    questions: list[Question]


@dataclass(frozen=True, kw_only=True)
class Conclusion(Strict):
    """What a rule concludes: exactly one of the kinds, with a certainty factor."""
    fact: Optional[str] = None
    problem: Optional[str] = None
    remedy: Optional[str] = None
    type: Optional[str] = None
    consequence: Optional[str] = None
    stage: Optional[str] = None
    certainty: Annotated[float, Constrained(gt=0, le=1)] = 1.0
    evidence: Optional[Evidence] = None    # problems only: how strongly the rule's conditions show it
    status: Optional[Literal["observed", "risk"]] = None   # older spelling: status observed = evidence observed

    def __post_init__(self):
        super().__post_init__()
        set_kinds = [k for k in conditions.CONCLUSION_KINDS if getattr(self, k)]
        if len(set_kinds) != 1:
            raise ValueError(f"then names exactly one of {', '.join(conditions.CONCLUSION_KINDS)}")
        if (self.status or self.evidence) and set_kinds[0] != "problem":
            raise ValueError("evidence and status apply to problems only")
        if self.status and self.evidence and (self.status == "observed") != (self.evidence == "observed"):
            raise ValueError(f"status {self.status} contradicts evidence {self.evidence}")

    @property
    def evidence_level(self) -> Optional[Evidence]:
        """A problem rule's evidence level. Rules written before levels existed (no evidence, no
        status: observed) count as probable, which is what they were treated as before."""
        if self.kind != "problem":
            return None
        if self.evidence:
            return self.evidence
        return "observed" if self.status == "observed" else "probable"

    @property
    def kind(self) -> str:
        return next(k for k in conditions.CONCLUSION_KINDS if getattr(self, k))

    @property
    def id(self) -> str:
        return getattr(self, self.kind)


@dataclass(frozen=True, kw_only=True)
class Rule(Strict):
    id: Annotated[str, Constrained(pattern=ID_PATTERN)]
    when: Annotated[Any, Checked(_required_condition)]
    then: Conclusion
    links: Annotated[list[str], Constrained(min_length=1), Checked(_link_ids)]
    cite: Citation
    explain: Text
    source_file: str = ""



@dataclass(frozen=True, kw_only=True)
class RulesFile(Strict):
    rules: list[Rule]


@dataclass(frozen=True, kw_only=True)
class Precedent(Strict):
    case: Annotated[str, Constrained(pattern=r"^K-\d\d$")]
    year: Optional[str] = None
    place: Text
    what: Text


@dataclass(frozen=True, kw_only=True)
class Note(Strict):
    """A limit, conflict, effect or historical remark attached to a catalogue entry.

    Cited from the chapter, or (rarely) a fact from outside it, such as a later law: then
    ``outside_chapter`` names the source and the outputs mark the note as not from the chapter.
    """
    text: Text
    cite: Optional[Citation] = None
    outside_chapter: Optional[Text] = None   # the outside source, e.g. a statute and its articles
    links: list[str] = field(default_factory=list)
    raises: list[str] = field(default_factory=list)   # problems this remedy can bring about (limits)
    prefer: list[str] = field(default_factory=list)   # remedies the chapter prefers instead (conflicts)

    def __post_init__(self):
        super().__post_init__()
        if (self.cite is None) == (self.outside_chapter is None):
            raise ValueError("a note has either cite (the chapter) or outside_chapter (another source), not both")


@dataclass(frozen=True, kw_only=True)
class Precondition(Strict):
    id: str
    text: Text
    when: Annotated[Any, Checked(_condition)]
    build_first: list[str] = field(default_factory=list)
    cite: Citation
    links: list[str] = field(default_factory=list)



@dataclass(frozen=True, kw_only=True)
class Entry(Strict):
    """Common shape of catalogue entries."""
    id: str
    code: Optional[str] = None
    name: Text
    description: Text
    evidence: Annotated[list[Citation], Constrained(min_length=1)]
    links: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class TypeEntry(Entry):
    parent: Optional[str] = None
    spectrum: Annotated[int, Constrained(ge=0, le=4)]   # 0 market pole .. 4 integrated pole
    precedents: list[Precedent] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class ProblemEntry(Entry):
    priority_class: Annotated[int, Constrained(ge=1, le=9)]
    precedents: list[Precedent] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class RemedyEntry(Entry):
    actors: Annotated[list[str], Constrained(min_length=1), Checked(_known_actors)]
    addresses: list[str] = field(default_factory=list)
    preconditions: list[Precondition] = field(default_factory=list)
    # the institution exists AND works (functioning, not mere presence)
    in_place_when: Annotated[Any, Checked(_condition)] = None
    # its mechanism fits this cluster's cause of the problem
    fits_when: Annotated[Any, Checked(_condition)] = None
    # other answers that adopting it changes (what-if), cited in a note
    adoption_sets: dict[str, Any] = field(default_factory=dict)
    precedents: list[Precedent] = field(default_factory=list)
    implied: bool = False



@dataclass(frozen=True, kw_only=True)
class StageEntry(Entry):
    order: int
    next: Optional[str] = None


@dataclass(frozen=True, kw_only=True)
class ActorEntry(Strict):
    id: str
    name: Text


@dataclass(frozen=True, kw_only=True)
class Link(Strict):
    """One link of the knowledge map's checklist (its section G): a cited relation between two nodes."""
    id: str
    kind: str
    implied: bool
    paragraph: str
    quote: str
    text: str


@dataclass(frozen=True, kw_only=True)
class LinksFile(Strict):
    links: list[Link]


@dataclass(frozen=True, kw_only=True)
class EvidenceLevel(Strict):
    name: Text
    meaning: Text


@dataclass(frozen=True, kw_only=True)
class RecommendPolicy(Strict):
    """When a remedy a rule reached is recommended rather than merely considered (inference/recommend.py)."""
    min_certainty: Annotated[float, Constrained(gt=0, le=1)] = 0.5
    # a remedy whose fits_when is undecided (unanswered questions): considered until the answers say it fits
    unknown_fit: Literal["considered", "recommended"] = "considered"


@dataclass(frozen=True, kw_only=True)
class KBInfo(Strict):
    version: str
    date: str
    title: Text
    evidence: Annotated[dict[Evidence, EvidenceLevel], Checked(_all_levels)]
    recommend: RecommendPolicy = field(default_factory=RecommendPolicy)



@dataclass(frozen=True, kw_only=True)
class Catalogue(Strict):
    """The catalogue files merged: every named entry the rules and reports refer to."""
    actors: list[ActorEntry] = field(default_factory=list)
    types: list[TypeEntry] = field(default_factory=list)
    problems: list[ProblemEntry] = field(default_factory=list)
    remedies: list[RemedyEntry] = field(default_factory=list)
    facts: list[Entry] = field(default_factory=list)
    consequences: list[Entry] = field(default_factory=list)
    stages: list[StageEntry] = field(default_factory=list)
