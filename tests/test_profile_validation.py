"""Profile validation through pydantic_core (a SchemaValidator, no BaseModel): what it accepts, the
errors it gives (pydantic's, first one named, the rest counted), and what it leaves unloaded."""
import subprocess
import sys

import pytest

from diagnose.inputs.errors import InputError
from diagnose.inputs.loading import load_document
from diagnose.kb.knowledge import KnowledgeBase
from diagnose.kb.profile import UNKNOWN, UNNAMED, profile_validator, validate_profile


def fresh(kb: KnowledgeBase) -> KnowledgeBase:
    """The same rule base as a knowledge base that has validated no profile yet."""
    clone = object.__new__(KnowledgeBase)
    clone.__dict__.update({k: v for k, v in kb.__dict__.items() if k != "_profile_validator"})
    return clone


def refused(kb, data) -> InputError:
    with pytest.raises(InputError) as caught:
        validate_profile(fresh(kb), data, path="p.yaml")
    return caught.value


def test_every_bundled_case_validates_with_every_answer_in_question_order(kb, case_paths):
    for path in case_paths:
        data = load_document(path).data["profile"]
        profile = validate_profile(fresh(kb), data, path=path)
        assert list(profile.answers) == list(kb.questions), path.name
        assert all(profile.answers[q] == UNKNOWN for q in kb.questions if q not in data), path.name


def test_omitted_fields_take_their_defaults_and_only_stated_unknowns_count_as_stated(kb):
    yes_no = next(q.id for q in kb.questions.values() if q.kind == "yes_no")
    profile = validate_profile(fresh(kb), {yes_no: "未知"})
    assert profile.name == UNNAMED and profile.notes is None
    assert profile.stated_unknown == {yes_no} and profile.answers[yes_no] == UNKNOWN
    assert validate_profile(fresh(kb), {}).stated_unknown == frozenset()


def test_yes_no_words_become_booleans(kb):
    yes_no = next(q.id for q in kb.questions.values() if q.kind == "yes_no")
    assert validate_profile(fresh(kb), {yes_no: " Yes "}).answers[yes_no] is True
    assert validate_profile(fresh(kb), {yes_no: "否"}).answers[yes_no] is False


def test_errors_name_the_first_bad_field_in_question_order_then_unknown_keys_in_file_order(kb):
    questions = list(kb.questions.values())
    yes_no = next(q for q in questions if q.kind == "yes_no")
    one_of = next(q for q in questions if q.kind == "one_of")
    number = next(q for q in questions if q.kind == "number")
    first, second = sorted((yes_no, one_of), key=questions.index)
    cases = [
        ({"name": ""}, "name", "text_too_short", None),
        ({"name": 5}, "name", "not_text", None),
        ({"notes": "x" * 20001}, "notes", "text_too_long", None),
        ({"no_such_question": True}, "no_such_question", "unknown_field", None),
        ({"name": "x", "zzz": 1, "aaa": 2}, "zzz", "unknown_field", 1),
        ({second.id: "not-a-choice", first.id: "maybe"}, first.id, None, 1),
        ({number.id: number.max + 1, "name": "n"}, number.id, "out_of_range", None),
        ({"stray": 0, one_of.id: one_of.allowed_values()[0], yes_no.id: 3}, yes_no.id, "not_yes_no", 1),
    ]
    for data, location, code, more in cases:
        exc = refused(kb, data)
        assert exc.location.field == location, data
        assert code is None or exc.code == code, data
        assert exc.params.get("more") == more, data


def test_a_profile_that_is_not_a_mapping_gets_the_words_a_pydantic_model_gave(kb):
    exc = refused(kb, ["not", "a", "mapping"])
    assert exc.code == "not_a_mapping"
    assert exc.reason == "Input should be a valid dictionary or instance of ClusterProfile"


def test_the_validator_is_built_once_per_knowledge_base(kb):
    clone = fresh(kb)
    validate_profile(clone, {"name": "a"})
    validator = profile_validator(clone)
    validate_profile(clone, {"name": "b"})
    assert profile_validator(clone) is validator


# Validating a profile must not load pydantic's BaseModel machinery (issue 13, cold start). Until the
# rule-base models stop importing BaseModel (helper `kbdata`), the knowledge base here is a stand-in with
# questions of each kind; the integrator widens this to knowledge.bundled() once kbdata has landed.
_VALIDATE_WITH_STAND_INS = '''
import sys
from types import SimpleNamespace as NS
from diagnose.inputs.errors import InputError
from diagnose.kb.profile import validate_profile

def question(id, kind, allowed=()):
    return NS(id=id, kind=kind, min=1, max=10, text=NS(en="q?", zh="问？"), cite=NS(paragraph="P1"),
              allowed_values=lambda: list(allowed))

kb = NS(questions={q.id: q for q in (question("a", "yes_no"), question("b", "one_of", ["x", "y"]),
                                     question("c", "number"))})
assert validate_profile(kb, {"name": "n", "a": "yes", "b": "x", "c": 3}).answers == {"a": True, "b": "x", "c": 3}
try:
    validate_profile(kb, {"name": "", "c": 11, "stray": 1})
except InputError as exc:
    assert exc.code == "text_too_short" and exc.params["more"] == 2, exc
else:
    raise AssertionError("accepted")
print("\\n".join(sorted(sys.modules)))
'''
HEAVY = {"pydantic.main", "pydantic.fields", "pydantic._internal._generate_schema", "pydantic.type_adapter"}


def test_validating_a_profile_loads_no_pydantic_model_machinery():
    out = subprocess.run([sys.executable, "-c", _VALIDATE_WITH_STAND_INS], capture_output=True, text=True,
                         check=True, timeout=120).stdout
    loaded = set(out.split())
    assert "pydantic_core" in loaded and not loaded & HEAVY, sorted(loaded & HEAVY)


def test_the_json_schema_comes_from_the_same_fields(kb):
    from diagnose.kb.profile import json_schema
    schema = json_schema(kb)
    assert list(schema["properties"]) == ["name", "notes", *kb.questions]
    assert schema["additionalProperties"] is False and schema["title"] == "Cluster profile"
    question = next(iter(kb.questions.values()))
    assert schema["properties"][question.id]["title"] == question.id
    assert schema["properties"][question.id]["default"] == UNKNOWN
