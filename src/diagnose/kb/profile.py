"""The cluster profile: its validation, built from questions.yaml, and loading profile files.

A profile is a flat mapping: ``name`` plus one optional field per question. Every answer may be
omitted or ``unknown``. Unknown keys are errors. yes/no answers accept YAML booleans or the words
yes/no (and 是/否).

Validation is pydantic v2's own validation core, used directly: a ``pydantic_core.SchemaValidator``
over a core schema (a typed dict), with no ``BaseModel`` class. The errors are pydantic's, in the
same shape and order as a model's. A model would load pydantic's model machinery (~50 ms on a cold
start); the validator of the whole questionnaire takes ~0.5 ms to build. ``diagnose schema``
generates its JSON Schema from the same core schema, so the fields are defined once.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from pydantic_core import PydanticCustomError, SchemaValidator, ValidationError
from pydantic_core import core_schema as cs

from ..inputs.loading import InputError, Locator, load_document, pydantic_error
from ..inputs.untrusted import echo
from .conditions import UNKNOWN  # the one definition of the "unknown" answer
from .resources import cases_dir

if TYPE_CHECKING:   # names for annotations only: validating a profile needs no rule-base module loaded
    from .knowledge import KnowledgeBase
    from .models import Question

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


def _json_schema_of(q: Question):
    """The hook by which pydantic's JSON Schema generator describes a question (only `schema` calls it)."""
    return lambda _core_schema, _handler: _json_schema(q)


UNNAMED = "unnamed cluster"   # the name of a profile that gives none; each front end shows it in its own language


def _mapping_only(value: Any) -> Any:
    """Refuse a profile that is not a mapping with the error a pydantic model gives (a typed dict's own
    error names no class), so that the message stays what it was."""
    if not isinstance(value, Mapping):
        raise PydanticCustomError("model_type", "Input should be a valid dictionary or instance of {class_name}",
                                  {"class_name": "ClusterProfile"})
    return value


def _core_schema(questions: list[Question]) -> cs.CoreSchema:
    """The profile as a pydantic core schema: what validation checks and `schema` describes."""
    def optional(schema: cs.CoreSchema, default: Any, description: str | None = None) -> cs.TypedDictField:
        updates = {"pydantic_js_updates": {"description": description}} if description else None
        return cs.typed_dict_field(cs.with_default_schema(schema, default=default), required=False, metadata=updates)

    fields = {
        "name": optional(cs.str_schema(min_length=1, max_length=200), UNNAMED,
                         "A name for the cluster, e.g. 柳市低压电器 (Liushi low-voltage electrical appliances)"),
        "notes": optional(cs.nullable_schema(cs.str_schema(max_length=20000)), None,
                          "Free notes; not used by the rules"),
    }
    for q in questions:
        fields[q.id] = optional(cs.no_info_before_validator_function(
            _checker(q), cs.any_schema(), metadata={"pydantic_js_functions": [_json_schema_of(q)]}), UNKNOWN)
    profile = cs.typed_dict_schema(fields, extra_behavior="forbid",
                                   metadata={"pydantic_js_updates": {"title": "Cluster profile"}})
    return cs.no_info_before_validator_function(_mapping_only, profile)


def profile_validator(kb: KnowledgeBase) -> SchemaValidator:
    """The validator of a profile for this knowledge base, built once and kept on it."""
    validator = getattr(kb, "_profile_validator", None)
    if validator is None:
        validator = SchemaValidator(_core_schema(list(kb.questions.values())))
        kb._profile_validator = validator
    return validator


def json_schema(kb: KnowledgeBase) -> dict:
    # pydantic's JSON Schema generator loads much of pydantic: imported here, so that only `schema` pays
    from pydantic.json_schema import GenerateJsonSchema
    schema = GenerateJsonSchema().generate(_core_schema(list(kb.questions.values())))
    schema["description"] = ("Observable conditions of an industrial cluster. Every answer may be omitted or "
                             "'unknown'. Unknown fields are errors.")
    return schema


@dataclass
class Profile:
    name: str
    answers: dict[str, Any] = field(default_factory=dict)   # question id -> value or "unknown"
    notes: Optional[str] = None
    source: Optional[Path] = None
    # questions the file answers "unknown" in so many words (an answer: the questionnaire does not ask them
    # again); to the diagnosis they are unknown like an omitted one
    stated_unknown: frozenset[str] = frozenset()

    def known(self) -> dict[str, Any]:
        return {k: v for k, v in self.answers.items() if v != UNKNOWN}

    def to_dict(self, with_unknown: bool = False) -> dict:
        """The profile as a file would hold it: name, notes, then the known answers in question order
        (with_unknown: and those stated unknown, as the questionnaire saves them)."""
        out: dict[str, Any] = {"name": self.name}
        if self.notes:
            out["notes"] = self.notes
        out.update({k: v for k, v in self.answers.items()
                    if v != UNKNOWN or (with_unknown and k in self.stated_unknown)})
        return out


def validate_profile(kb: KnowledgeBase, data: dict, *, path: Path | str = "<profile>", locator=None,
                     prefix: tuple = ()) -> Profile:
    try:
        values = profile_validator(kb).validate_python(data)
    except ValidationError as exc:
        raise pydantic_error(Path(path), locator or Locator(), exc, prefix) from None
    answers = {qid: values.get(qid, UNKNOWN) for qid in kb.questions}
    stated = frozenset(q for q in data if q in kb.questions and answers[q] == UNKNOWN)   # the keys it gave
    return Profile(name=values["name"], answers=answers, notes=values.get("notes"),
                   source=Path(path) if path else None, stated_unknown=stated)


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

