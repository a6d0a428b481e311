"""The cluster profile: a pydantic model built from questions.yaml, and loading profile files.

A profile is a flat mapping: ``name`` plus one optional field per question. Every answer may be
omitted or ``unknown``. Unknown keys are errors. yes/no answers accept YAML booleans or the words
yes/no (and 是/否).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Optional

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, WithJsonSchema, create_model
from pydantic_core import PydanticCustomError

from ..inputs.loading import InputError, Locator, load_document, pydantic_error
from ..inputs.untrusted import echo
from .conditions import UNKNOWN  # the one definition of the "unknown" answer
from .knowledge import KnowledgeBase
from .models import Question
from .resources import cases_dir

_YES = {"yes", "y", "true", "是"}
_NO = {"no", "n", "false", "否"}
_UNKNOWN = {UNKNOWN, "未知"}   # a Chinese file may say 未知, as the questionnaire's Chinese errors do


def _refused(code: str, **params) -> PydanticCustomError:
    """A refused answer as an error code and params (words in output/words/errors.json), through pydantic."""
    return PydanticCustomError(code, code, params)


def _checker(q: Question):
    def check(value: Any) -> Any:
        if value is None or (isinstance(value, str) and value.strip() in _UNKNOWN):
            return UNKNOWN
        if q.kind == "yes_no":
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.strip().lower() in _YES | _NO:
                return value.strip().lower() in _YES
            raise _refused("not_yes_no", value=echo(value))
        if q.kind == "one_of":
            allowed = q.allowed_values()
            if isinstance(value, str) and value in allowed:
                return value
            raise _refused("not_a_choice", value=echo(value), allowed=allowed)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _refused("answer_not_a_number", value=echo(value), min=f"{q.min:g}", max=f"{q.max:g}")
        if not (q.min <= value <= q.max):
            raise _refused("out_of_range", value=f"{value:g}", min=f"{q.min:g}", max=f"{q.max:g}")
        return value
    return check


def _json_schema(q: Question) -> dict:
    desc = f"{q.text.en} / {q.text.zh} ({q.cite.paragraph})"
    if q.kind == "yes_no":
        inner = {"anyOf": [{"type": "boolean"}, {"enum": ["yes", "no", UNKNOWN]}]}
    elif q.kind == "one_of":
        inner = {"enum": q.allowed_values() + [UNKNOWN]}
    else:
        inner = {"anyOf": [{"type": "number", "minimum": q.min, "maximum": q.max}, {"const": UNKNOWN}]}
    return {**inner, "description": desc, "title": q.id}


def _build_profile_model(questions: list[Question]) -> type[BaseModel]:
    fields: dict[str, Any] = {
        "name": (str, Field(default="unnamed cluster", min_length=1, max_length=200,
                            description="A name for the cluster, e.g. 柳市低压电器 (Liushi low-voltage electrical appliances)")),
        "notes": (Optional[str], Field(default=None, max_length=20000, description="Free notes; not used by the rules")),
    }
    for q in questions:
        annotated = Annotated[Any, BeforeValidator(_checker(q)), WithJsonSchema(_json_schema(q))]
        fields[q.id] = (annotated, Field(default=UNKNOWN))
    return create_model("ClusterProfile", __config__=ConfigDict(extra="forbid"), **fields)


def profile_model(kb: KnowledgeBase) -> type[BaseModel]:
    """The pydantic model of a profile for this knowledge base, built once and kept on it."""
    model = getattr(kb, "_profile_model", None)
    if model is None:
        model = _build_profile_model(list(kb.questions.values()))
        kb._profile_model = model
    return model


def _validating_model(kb: KnowledgeBase, data: dict) -> type[BaseModel]:
    """The model that validates ``data``. The first profile a knowledge base validates (often the only
    one: a command reads one file) gets a model of only the questions it answers; every later one, the
    whole model, built once. Both give the same result and errors: absent answers take the same
    default, other keys are the same unknown-field error, in the same order. The whole model costs
    ~0.1 ms per question to build, and one file answers few."""
    if getattr(kb, "_profile_model", None) is not None or getattr(kb, "_validated_one", False) \
            or not isinstance(data, dict):
        return profile_model(kb)
    kb._validated_one = True
    return _build_profile_model([q for qid, q in kb.questions.items() if qid in data])


def json_schema(kb: KnowledgeBase) -> dict:
    schema = profile_model(kb).model_json_schema()
    schema["title"] = "Cluster profile"
    schema["description"] = ("Observable conditions of an industrial cluster. Every answer may be omitted or "
                             "'unknown'. Unknown fields are errors.")
    return schema


@dataclass
class Profile:
    name: str
    answers: dict[str, Any] = field(default_factory=dict)   # question id -> value or "unknown"
    notes: Optional[str] = None
    source: Optional[Path] = None

    def known(self) -> dict[str, Any]:
        return {k: v for k, v in self.answers.items() if v != UNKNOWN}

    def to_dict(self) -> dict:
        """The profile as a file would hold it: name, notes, then the known answers in question order."""
        out: dict[str, Any] = {"name": self.name}
        if self.notes:
            out["notes"] = self.notes
        out.update(self.known())
        return out


def validate_profile(kb: KnowledgeBase, data: dict, *, path: Path | str = "<profile>", locator=None,
                     prefix: tuple = ()) -> Profile:
    try:
        model = _validating_model(kb, data).model_validate(data)
    except ValidationError as exc:
        raise pydantic_error(Path(path), locator or Locator(), exc, prefix) from None
    values = model.model_dump()
    answers = {qid: values.get(qid, UNKNOWN) for qid in kb.questions}
    return Profile(name=values["name"], answers=answers, notes=values.get("notes"),
                   source=Path(path) if path else None)


CASE_KEYS = {"id", "profile", "expect"}


def resolve_path(path: str | Path) -> Path:
    """A file path, or the id of a bundled case (e.g. K-16-1990) when no such file exists."""
    p = Path(path)
    if not p.exists() and p.suffix == "" and "/" not in str(path):
        bundled = cases_dir() / f"{path}.yaml"
        if bundled.exists():
            return bundled
    return p


def load_profile(kb: KnowledgeBase, path: str | Path) -> Profile:
    """Load a profile file; a case file is accepted too (its ``profile`` is used)."""
    doc = load_document(resolve_path(path))
    if CASE_KEYS <= set(doc.data):
        if not isinstance(doc.data["profile"], dict):
            raise InputError(doc.path, doc.locator.describe(("profile",)), "profile_not_mapping")
        return validate_profile(kb, doc.data["profile"], path=doc.path, locator=doc.locator, prefix=("profile",))
    return validate_profile(kb, doc.data, path=doc.path, locator=doc.locator)

