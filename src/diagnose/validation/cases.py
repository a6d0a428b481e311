"""Case files: a cluster's profile and what the rule base must, may and must not find in it.

``cases/K-*.yaml`` are the chapter's cases; ``cases/counter/C-*.yaml`` are counter-cases built from
the chapter's logic (well-governed clusters), whose ``expect`` may hold only ``absent`` items.
Every case is closed-world (validation/scorecard.py): each recommended remedy and each problem
above possible must be ``expected`` or ``acceptable`` (with the paragraph that justifies it), or
it counts as wrong.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..inputs.loading import InputError, load_document, pydantic_error
from ..kb.knowledge import KnowledgeBase
from ..kb.models import Text
from ..kb.profile import Profile, validate_profile
from ..kb.resources import cases_dir


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid")
    paragraphs: list[str] = Field(min_length=1)
    quote: str = Field(min_length=2)


class Acceptable(BaseModel):
    """A finding the chapter does not document for this case but justifies: not wrong, not required."""
    model_config = ConfigDict(extra="forbid")
    id: str
    paragraph: str = Field(pattern=r"^P\d+$")
    why: str = Field(min_length=3)


class Expect(BaseModel):
    model_config = ConfigDict(extra="forbid")
    governance_type: Optional[str] = None
    problems: list[str] = []
    remedies: list[str] = []
    acceptable: list[Acceptable] = []
    absent: list[str] = Field(min_length=1)


class CaseFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[KC]-\d\d(-[A-Za-z0-9]+)*$")   # K: the chapter's cases, C: counter-cases
    name: Text
    source: Source
    profile: dict
    expect: Expect
    notes: Optional[str] = None

    @field_validator("profile")
    @classmethod
    def _mapping(cls, value):
        if not isinstance(value, dict):
            raise ValueError("profile must be a mapping of answers")
        return value

    @property
    def is_counter(self) -> bool:
        return self.id.startswith("C-")

    @model_validator(mode="after")
    def _counter_expects_absence(self):
        if self.is_counter and (self.expect.problems or self.expect.remedies):
            raise ValueError("a counter-case (C-) lists only what must be absent (and what is acceptable)")
        return self


class Case(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)
    path: Path
    file: CaseFile
    profile: Profile


def load_case(kb: KnowledgeBase, path: Path) -> Case:
    doc = load_document(path)
    try:
        case = CaseFile.model_validate(doc.data)
    except ValidationError as exc:
        raise pydantic_error(path, doc.locator, exc) from None
    profile = validate_profile(kb, case.profile, path=path, locator=doc.locator, prefix=("profile",))
    known = set(kb.problems) | set(kb.remedies)
    exp = case.expect
    acceptable = [a.id for a in exp.acceptable]
    for field, ids in (("problems", exp.problems), ("remedies", exp.remedies), ("acceptable", acceptable),
                       ("absent", exp.absent)):
        for n, ident in enumerate(ids):
            if ident not in known:
                raise InputError(path, doc.locator.describe(("expect", field, n)), "not_a_problem_or_remedy_id", ident=ident)
    for ident in exp.problems:
        if ident not in kb.problems:
            raise InputError(path, doc.locator.describe(("expect", "problems")), "remedy_not_problem", ident=ident)
    for ident in exp.remedies:
        if ident not in kb.remedies:
            raise InputError(path, doc.locator.describe(("expect", "remedies")), "problem_not_remedy", ident=ident)
    clash = sorted((set(exp.problems) | set(exp.remedies) | set(acceptable)) & set(exp.absent))
    if clash:
        raise InputError(path, doc.locator.describe(("expect", "absent")), "also_expected", ident=clash[0])
    for n, item in enumerate(exp.acceptable):
        if item.paragraph not in kb.paragraphs:
            raise InputError(path, doc.locator.describe(("expect", "acceptable", n, "paragraph")),
                             "no_such_paragraph", paragraph=item.paragraph)
    if case.expect.governance_type and case.expect.governance_type not in kb.types:
        raise InputError(path, doc.locator.describe(("expect", "governance_type")),
                         "not_a_type", ident=case.expect.governance_type)
    for p in case.source.paragraphs:
        if p not in kb.paragraphs:
            raise InputError(path, doc.locator.describe(("source", "paragraphs")), "no_such_paragraph", paragraph=p)
    if not any(case.source.quote in kb.paragraphs[p] for p in case.source.paragraphs):
        raise InputError(path, doc.locator.describe(("source", "quote")), "quote_not_verbatim")
    return Case(path=path, file=case, profile=profile)


def bundled_case_paths() -> list[Path]:
    """The chapter's cases, then the counter-cases."""
    return sorted(cases_dir().glob("*.yaml")) + sorted(cases_dir().glob("counter/*.yaml"))


def without_incidents(kb: KnowledgeBase, profile: Profile) -> Profile:
    """The profile without its reported-incident answers."""
    answers = {q: ("unknown" if kb.questions[q].incident else v) for q, v in profile.answers.items()}
    return Profile(name=profile.name, answers=answers, notes=profile.notes, source=profile.source)
