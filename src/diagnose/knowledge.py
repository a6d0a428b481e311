"""The knowledge base: pydantic models of the files in ``rules/`` and loading them.

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

from functools import cached_property
from pathlib import Path
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from . import conditions
from .loading import InputError, load_document, pydantic_error
from .resources import rules_dir

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
    status: Optional[Literal["observed", "risk"]] = None

    @model_validator(mode="after")
    def _one_kind(self):
        set_kinds = [k for k in conditions.CONCLUSION_KINDS if getattr(self, k)]
        if len(set_kinds) != 1:
            raise ValueError(f"then names exactly one of {', '.join(conditions.CONCLUSION_KINDS)}")
        if self.status and set_kinds[0] != "problem":
            raise ValueError("status applies to problems only")
        return self

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
    """A limit, conflict, effect or historical remark attached to a catalogue entry."""
    text: Text
    cite: Citation
    links: list[str] = []
    raises: list[str] = []       # problems this remedy can bring about (limits)
    prefer: list[str] = []       # remedies the chapter prefers instead (conflicts)


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
    in_place_when: Any = None
    adoption_sets: dict[str, Any] = {}   # other answers that adopting it changes (what-if), cited in a note
    precedents: list[Precedent] = []
    implied: bool = False

    @field_validator("in_place_when")
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


class Catalogue(Strict):
    actors: list[ActorEntry] = []
    types: list[TypeEntry] = []
    problems: list[ProblemEntry] = []
    remedies: list[RemedyEntry] = []
    facts: list[Entry] = []
    consequences: list[Entry] = []
    stages: list[StageEntry] = []


class Link(Strict):
    id: str
    kind: str
    implied: bool
    paragraph: str
    quote: str
    text: str


class KBInfo(Strict):
    version: str
    date: str
    title: Text


class KnowledgeBase:
    """Everything in rules/, validated, with lookups by id."""

    def __init__(self, root: Path, info: KBInfo, questions: QuestionsFile, rules: list[Rule],
                 catalogue: Catalogue, links: list[Link], chapter_text: str):
        self.root = root
        self.info = info
        self.sections = questions.sections
        self.questions = {q.id: q for q in questions.questions}
        self.rules = rules
        self.catalogue = catalogue
        self.types = {t.id: t for t in catalogue.types}
        self.problems = {p.id: p for p in catalogue.problems}
        self.remedies = {r.id: r for r in catalogue.remedies}
        self.facts = {f.id: f for f in catalogue.facts}
        self.consequences = {c.id: c for c in catalogue.consequences}
        self.stages = {s.id: s for s in catalogue.stages}
        self.actors = {a.id: a for a in catalogue.actors}
        self.links = {link.id: link for link in links}
        self.chapter_text = chapter_text

    @cached_property
    def paragraphs(self) -> dict[str, str]:
        """P1..Pn: the non-empty lines after the chapter title (line 4), as the knowledge map numbers them."""
        lines = self.chapter_text.split("\n")[4:]
        return {f"P{i}": line for i, line in enumerate((ln for ln in lines if ln.strip()), start=1)}

    def entry(self, kind: str, ident: str):
        table = {"type": self.types, "problem": self.problems, "remedy": self.remedies, "fact": self.facts,
                 "consequence": self.consequences, "stage": self.stages}[kind]
        return table.get(ident)

    def name(self, kind: str, ident: str, lang: str) -> str:
        if kind == "question":
            q = self.questions.get(ident)
            return q.text(lang) if q else ident
        if kind == "actor":
            actor = self.actors.get(ident)
            return actor.name(lang) if actor else ident
        entry = self.entry(kind, ident)
        return entry.name(lang) if entry else ident

    @cached_property
    def implied_rules(self) -> list[Rule]:
        """One generated rule per subtype: a subtype implies its parent type.

        They are applied after the engine has run (diagnosis.build), not compiled into it, because
        subtype rules read their parent type and the pair would otherwise form a cycle.
        """
        implied = []
        for t in self.types.values():
            if t.parent:
                implied.append(Rule(
                    id=f"{t.id}_implies_{t.parent}", when={"type": t.id},
                    then=Conclusion(type=t.parent, certainty=1.0), links=t.links or ["LINK-003"],
                    cite=t.evidence[0], source_file="catalogue/types.yaml",
                    explain=Text(zh=f"{t.name.zh}是{self.types[t.parent].name.zh}的一个亚类型。" if t.parent in self.types else t.name.zh,
                                 en=f"{t.name.en} is a subtype of {t.parent}.")))
        return implied

    @cached_property
    def all_rules(self) -> list[Rule]:
        return self.rules + self.implied_rules

    @cached_property
    def rule_by_id(self) -> dict[str, Rule]:
        return {rule.id: rule for rule in self.all_rules}

    @cached_property
    def rule_index(self) -> dict[str, int]:
        return {rule.id: i for i, rule in enumerate(self.all_rules)}

    @cached_property
    def rules_by_conclusion(self) -> dict[tuple[str, str], list[Rule]]:
        """The rules compiled into the engine, by what they conclude."""
        out: dict[tuple[str, str], list[Rule]] = {}
        for rule in self.rules:
            out.setdefault((rule.then.kind, rule.then.id), []).append(rule)
        return out


def _load_model(model, path: Path, *, list_key: str | None = None):
    doc = load_document(path)
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        loc = first["loc"]
        # name the rule or entry by id rather than by list index
        if list_key and len(loc) >= 2 and loc[0] == list_key and isinstance(loc[1], int):
            items = doc.data.get(list_key) or []
            item = items[loc[1]] if loc[1] < len(items) else None
            ident = item.get("id") if isinstance(item, dict) else None
            line = doc.locator.line_of(tuple(loc))
            field = ".".join(str(p) for p in loc[2:]) or "(entry)"
            reason = first["msg"] if first["type"] != "extra_forbidden" else "unknown field"
            where = f"line {line}, " if line else ""
            raise InputError(path, f"{where}{list_key[:-1]} {ident or '#' + str(loc[1])}, field {field}", reason) from None
        raise pydantic_error(path, doc.locator, exc) from None


def load_rules_file(path: Path) -> list[Rule]:
    parsed = _load_model(RulesFile, path, list_key="rules")
    return [rule.model_copy(update={"source_file": path.name}) for rule in parsed.rules]


def load_knowledge_base(root: Path | None = None, extra_rule_files: list[Path] | None = None) -> KnowledgeBase:
    """Load and shape-check every file of a rule base (the bundled one unless root is given)."""
    root = Path(root) if root else rules_dir()
    info = _load_model(KBInfo, root / "kb.yaml")
    questions = _load_model(QuestionsFile, root / "questions.yaml", list_key="questions")
    merged: dict[str, list] = {}
    for path in sorted((root / "catalogue").glob("*.yaml")):
        part = _load_model(Catalogue, path)
        for key in Catalogue.model_fields:
            merged.setdefault(key, []).extend(getattr(part, key))
    catalogue = Catalogue(**merged)
    rules: list[Rule] = []
    rule_files = sorted(p for p in root.glob("*.yaml") if p.name not in ("kb.yaml", "questions.yaml"))
    for path in rule_files + list(extra_rule_files or []):
        rules.extend(load_rules_file(path))
    links_doc = load_document(root / "source" / "links.yaml")
    links = [Link(**item) for item in links_doc.data["links"]]
    chapter = (root / "source" / "chapter-zh.txt").read_text(encoding="utf-8")
    return KnowledgeBase(root, info, questions, rules, catalogue, links, chapter)


_BUNDLED: KnowledgeBase | None = None


def bundled() -> KnowledgeBase:
    """The bundled knowledge base, loaded once per process."""
    global _BUNDLED
    if _BUNDLED is None:
        _BUNDLED = load_knowledge_base()
    return _BUNDLED
