"""Case files (``cases/*.yaml``): a chapter case's profile and what the rule base must find in it."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..inputs.loading import InputError, load_document, pydantic_error
from ..kb.knowledge import KnowledgeBase
from ..kb.models import Text
from ..kb.profile import Profile, validate_profile
from ..kb.resources import cases_dir


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid")
    paragraphs: list[str] = Field(min_length=1)
    quote: str = Field(min_length=2)


class Expect(BaseModel):
    model_config = ConfigDict(extra="forbid")
    governance_type: Optional[str] = None
    problems: list[str] = []
    remedies: list[str] = []
    absent: list[str] = Field(min_length=1)


class CaseFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^K-\d\d(-[A-Za-z0-9]+)*$")
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
    for ident in case.expect.problems + case.expect.remedies + case.expect.absent:
        if ident not in known:
            raise InputError(path, doc.locator.describe(("expect",)), f"'{ident}' is not a problem or remedy id")
    if case.expect.governance_type and case.expect.governance_type not in kb.types:
        raise InputError(path, doc.locator.describe(("expect", "governance_type")),
                         f"'{case.expect.governance_type}' is not a governance type")
    for p in case.source.paragraphs:
        if p not in kb.paragraphs:
            raise InputError(path, doc.locator.describe(("source", "paragraphs")), f"paragraph {p} does not exist")
    if not any(case.source.quote in kb.paragraphs[p] for p in case.source.paragraphs):
        raise InputError(path, doc.locator.describe(("source", "quote")), "quote is not verbatim in the source paragraphs")
    return Case(path=path, file=case, profile=profile)


def bundled_case_paths() -> list[Path]:
    return sorted(cases_dir().glob("*.yaml"))


def without_incidents(kb: KnowledgeBase, profile: Profile) -> Profile:
    """The profile without its reported-incident answers."""
    answers = {q: ("unknown" if kb.questions[q].incident else v) for q, v in profile.answers.items()}
    return Profile(name=profile.name, answers=answers, notes=profile.notes, source=profile.source)
