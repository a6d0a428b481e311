"""Pydantic models of the files in ``rules/``: questions, rules, catalogue entries, links.

rules/
  kb.yaml                 version and date of the rule base
  questions.yaml          the questionnaire = the input schema
  catalogue/*.yaml        governance types, problems, remedies, derived facts, consequences, stages
  <theme>.yaml            rules, grouped by the chapter's themes
  source/chapter-zh.txt   the chapter (the authority every quote is checked against)
  source/links.yaml       the knowledge map's link checklist (section G)

Loading validates shapes only; cross-references (ids, quotes, reachability) are the linter's job
(``diagnose rules check``), so that a broken file gets every error listed, not just the first.
"""
from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from . import conditions

EVIDENCE_LEVELS = ("observed", "probable", "possible")   # strongest first; defined in words in rules/kb.yaml
Evidence = Literal["observed", "probable", "possible"]

ACTORS = ("gov_central", "gov_provincial", "gov_local", "government", "association", "acfic", "union",
          "lead_firm", "multi_party", "unspecified")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def __call__(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class Citation(Strict):
    paragraph: str = Field(pattern=r"^P\d+$")
    quote: str = Field(min_length=2)


def _condition(value: Any) -> Optional[conditions.Condition]:
    if value is None:
        return None
    try:
        return conditions.parse(value)
    except conditions.ConditionError as exc:
        raise ValueError(f"bad condition at {exc.path or 'top'}: {exc.reason}") from None


class Choice(Strict):
    id: str
    text: Text


class Question(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    section: str
    kind: Literal["yes_no", "one_of", "number"]
    text: Text
    help: Text
    cite: Citation
    choices: Optional[list[Choice]] = None
    min: Optional[float] = None
    max: Optional[float] = None
    unit: Optional[Text] = None
    ask_when: Any = None
    incident: bool = False   # a reported incident: makes a problem observed; dropped by --structural
    basic: bool = False      # one of the mandatory basics asked first

    @field_validator("ask_when")
    @classmethod
    def _parse_ask_when(cls, value):
        return _condition(value)

    @model_validator(mode="after")
    def _kind_fields(self):
        if self.kind == "one_of" and not self.choices:
            raise ValueError("a one_of question needs choices")
        if self.kind != "one_of" and self.choices:
            raise ValueError("only one_of questions have choices")
        if self.kind == "number" and (self.min is None or self.max is None or self.min >= self.max):
            raise ValueError("a number question needs min < max")
        return self

    def allowed_values(self) -> list:
        if self.kind == "yes_no":
            return [True, False]
        if self.kind == "one_of":
            return [c.id for c in self.choices]
        return []


class Section(Strict):
    id: str
    title: Text


class QuestionsFile(Strict):
    sections: list[Section]
    questions: list[Question]


class Conclusion(Strict):
    """What a rule concludes: exactly one of the kinds, with a certainty factor."""
    fact: Optional[str] = None
    problem: Optional[str] = None
    remedy: Optional[str] = None
    type: Optional[str] = None
    consequence: Optional[str] = None
    stage: Optional[str] = None
    certainty: float = Field(default=1.0, gt=0, le=1)
    evidence: Optional[Evidence] = None    # problems only: how strongly the rule's conditions show it
    status: Optional[Literal["observed", "risk"]] = None   # older spelling: status observed = evidence observed

    @model_validator(mode="after")
    def _one_kind(self):
        set_kinds = [k for k in conditions.CONCLUSION_KINDS if getattr(self, k)]
        if len(set_kinds) != 1:
            raise ValueError(f"then names exactly one of {', '.join(conditions.CONCLUSION_KINDS)}")
        if (self.status or self.evidence) and set_kinds[0] != "problem":
            raise ValueError("evidence and status apply to problems only")
        if self.status and self.evidence and (self.status == "observed") != (self.evidence == "observed"):
            raise ValueError(f"status {self.status} contradicts evidence {self.evidence}")
        return self

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


class Rule(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    when: Any
    then: Conclusion
    links: list[str] = Field(min_length=1)
    cite: Citation
    explain: Text
    source_file: str = ""

    @field_validator("when")
    @classmethod
    def _parse_when(cls, value):
        if value is None:
            raise ValueError("a rule needs a when condition")
        return _condition(value)

    @field_validator("links")
    @classmethod
    def _link_ids(cls, value):
        for link in value:
            if not link.startswith("LINK-"):
                raise ValueError(f"'{link}' is not a LINK-nnn id")
        return value


class RulesFile(Strict):
    rules: list[Rule]


class Precedent(Strict):
    case: str = Field(pattern=r"^K-\d\d$")
    year: Optional[str] = None
    place: Text
    what: Text


class Note(Strict):
    """A limit, conflict, effect or historical remark attached to a catalogue entry.

    Cited from the chapter, or (rarely) a fact from outside it, such as a later law: then
    ``outside_chapter`` names the source and the outputs mark the note as not from the chapter.
    """
    text: Text
    cite: Optional[Citation] = None
    outside_chapter: Optional[Text] = None   # the outside source, e.g. a statute and its articles
    links: list[str] = []
    raises: list[str] = []       # problems this remedy can bring about (limits)
    prefer: list[str] = []       # remedies the chapter prefers instead (conflicts)

    @model_validator(mode="after")
    def _one_source(self):
        if (self.cite is None) == (self.outside_chapter is None):
            raise ValueError("a note has either cite (the chapter) or outside_chapter (another source), not both")
        return self


class Precondition(Strict):
    id: str
    text: Text
    when: Any
    build_first: list[str] = []
    cite: Citation
    links: list[str] = []

    @field_validator("when")
    @classmethod
    def _parse_when(cls, value):
        return _condition(value)


class Entry(Strict):
    """Common shape of catalogue entries."""
    id: str
    code: Optional[str] = None
    name: Text
    description: Text
    evidence: list[Citation] = Field(min_length=1)
    links: list[str] = []
    notes: list[Note] = []


class TypeEntry(Entry):
    parent: Optional[str] = None
    spectrum: int = Field(ge=0, le=4)   # 0 market pole .. 4 integrated pole
    precedents: list[Precedent] = []


class ProblemEntry(Entry):
    priority_class: int = Field(ge=1, le=9)
    precedents: list[Precedent] = []


class RemedyEntry(Entry):
    actors: list[str] = Field(min_length=1)
    addresses: list[str] = []
    preconditions: list[Precondition] = []
    in_place_when: Any = None            # the institution exists AND works (functioning, not mere presence)
    fits_when: Any = None                # its mechanism fits this cluster's cause of the problem
    adoption_sets: dict[str, Any] = {}   # other answers that adopting it changes (what-if), cited in a note
    precedents: list[Precedent] = []
    implied: bool = False

    @field_validator("in_place_when", "fits_when")
    @classmethod
    def _parse(cls, value):
        return _condition(value)

    @field_validator("actors")
    @classmethod
    def _actors(cls, value):
        for actor in value:
            if actor not in ACTORS:
                raise ValueError(f"unknown actor '{actor}' (allowed: {', '.join(ACTORS)})")
        return value


class StageEntry(Entry):
    order: int
    next: Optional[str] = None


class ActorEntry(Strict):
    id: str
    name: Text


class Link(Strict):
    """One link of the knowledge map's checklist (its section G): a cited relation between two nodes."""
    id: str
    kind: str
    implied: bool
    paragraph: str
    quote: str
    text: str


class EvidenceLevel(Strict):
    name: Text
    meaning: Text


class RecommendPolicy(Strict):
    """When a remedy a rule reached is recommended rather than merely considered (inference/recommend.py)."""
    min_certainty: float = Field(default=0.5, gt=0, le=1)
    # a remedy whose fits_when is undecided (unanswered questions): considered until the answers say it fits
    unknown_fit: Literal["considered", "recommended"] = "considered"


class KBInfo(Strict):
    version: str
    date: str
    title: Text
    evidence: dict[Evidence, EvidenceLevel]
    recommend: RecommendPolicy = RecommendPolicy()

    @field_validator("evidence")
    @classmethod
    def _all_levels(cls, value):
        missing = [level for level in EVIDENCE_LEVELS if level not in value]
        if missing:
            raise ValueError(f"evidence levels missing: {', '.join(missing)}")
        return {level: value[level] for level in EVIDENCE_LEVELS}


class Catalogue(Strict):
    """The catalogue files merged: every named entry the rules and reports refer to."""
    actors: list[ActorEntry] = []
    types: list[TypeEntry] = []
    problems: list[ProblemEntry] = []
    remedies: list[RemedyEntry] = []
    facts: list[Entry] = []
    consequences: list[Entry] = []
    stages: list[StageEntry] = []
