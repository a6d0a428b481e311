"""The result models are plain dataclasses (issue 13, cold start): loading and writing them needs none
of pydantic's model machinery, and what they write is exactly what pydantic wrote of them."""
import dataclasses
import json
import os
import pickle
import subprocess
import sys

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from diagnose.inference.diagnosis import diagnose
from diagnose.inference.results import CitationOut, Diagnosis, Key, ProblemOut, TraceEntry, to_plain
from diagnose.kb.profile import load_profile
from diagnose.output.render import to_json

HEAVY = ("pydantic.main", "pydantic._internal._generate_schema", "pydantic.fields", "pydantic.type_adapter")


def test_loading_and_writing_a_result_loads_no_pydantic_model_machinery():
    code = ("import json, sys\n"
            "from diagnose.inference.results import Diagnosis, Key, TraceEntry, CitationOut, TypeOut\n"
            "t = TraceEntry(id='T-r', rule='r', links=[], facts=['q = yes'], concluded=Key('problem', 'p'),\n"
            "               certainty=1.0, citation=CitationOut(paragraph='P1', quote='q'))\n"
            "d = Diagnosis(profile={'name': 'x'}, governance_type=TypeOut(id=None), problems=[], remedies=[],\n"
            "              trace=[t], unanswered=[])\n"
            "json.dumps(d.to_dict())\n"
            f"print([m for m in {HEAVY!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_diagnosing_and_writing_json_from_the_cache_loads_no_pydantic_model_machinery(kb, case_paths, tmp_path):
    """The cold assess path after the profile is read: rule base from the cache, experta, build, to_json.
    (The profile is made from answers already validated here: reading a profile file is kb/profile.py's
    part of the cold start, tested there.)"""
    answers = load_profile(kb, next(p for p in case_paths if p.stem == "K-16-1990")).answers
    code = ("import sys\n"
            "from diagnose.kb import knowledge\n"
            "from diagnose.kb.profile import Profile\n"
            "from diagnose.inference.diagnosis import diagnose\n"
            "from diagnose.output.render import to_json\n"
            "kb = knowledge.bundled()\n"
            f"d = diagnose(kb, Profile(name='K-16-1990', answers={answers!r}))\n"
            "assert d.remedies and d.trace\n"
            "to_json(d, kb=kb, lang='zh')\n"
            f"print([m for m in {HEAVY!r} if m in sys.modules])")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}

    def heavy_loaded() -> str:
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                              check=True).stdout.strip()

    heavy_loaded()                     # fills the rule-base cache (a miss validates the files with pydantic)
    assert heavy_loaded() == "[]"


@pytest.fixture(scope="module")
def diagnoses(kb, case_paths):
    return [diagnose(kb, load_profile(kb, path)) for path in case_paths]


def test_the_plain_data_is_what_pydantic_writes_of_the_same_types(diagnoses):
    """to_plain against pydantic's own serializer of the dataclasses (Key through its core schema)."""
    adapter = TypeAdapter(Diagnosis)
    for d in diagnoses:
        plain = d.to_dict()
        assert plain == adapter.dump_python(d, mode="json")
        assert list(plain) == [f.name for f in dataclasses.fields(Diagnosis)]   # and in field order
        assert adapter.validate_python(plain) == d                             # "kind:id" read back


def test_certainties_are_floats_and_keys_are_written_kind_colon_id(diagnoses):
    """pydantic coerced at construction; now the builders must pass the exact types, or the JSON changes."""
    for d in diagnoses:
        plain = d.to_dict()
        scored = [plain["governance_type"], *plain["problems"], *plain["remedies"], *plain["trace"]]
        assert all(type(item["certainty"]) is float for item in scored)
        assert all(type(t.concluded) is Key for t in d.trace)
        assert [t["concluded"] for t in plain["trace"]] == [f"{t.concluded.kind}:{t.concluded.id}" for t in d.trace]


def test_a_diagnosis_shares_no_list_with_the_knowledge_base(kb, diagnoses):
    for d in diagnoses:
        for r in d.remedies:
            assert r.actors == list(kb.remedies[r.id].actors) and r.actors is not kb.remedies[r.id].actors


def test_a_key_inside_a_pydantic_model_reads_text_or_pair_and_writes_text():
    class Holder(BaseModel):
        key: Key

    assert Holder(key="problem:fire_risk").key == Key("problem", "fire_risk")
    assert Holder(key=("remedy", "r")).key == Key("remedy", "r")
    assert Holder.model_validate_json('{"key": "type:market"}').key == Key("type", "market")
    assert Holder(key=Key("fact", "f")).model_dump() == {"key": "fact:f"}
    assert Holder(key=Key("fact", "f")).model_dump_json() == '{"key":"fact:f"}'
    for bad in (3, ("a",), ("a", 1)):
        with pytest.raises(ValidationError):
            Holder(key=bad)


def test_results_are_built_by_keyword_and_hold_their_fields_only():
    with pytest.raises(TypeError):
        ProblemOut("p", "observed", "observed", 1.0, [], [])
    problem = ProblemOut(id="p", status="observed", evidence="observed", certainty=1.0, because=[], citations=[])
    with pytest.raises(AttributeError):
        problem.colour = "red"
    assert problem.consequences == [] and problem.consequences is not ProblemOut(
        id="q", status="risk", evidence="possible", certainty=0.5, because=[], citations=[]).consequences


def test_a_diagnosis_pickles_to_the_same_json(kb, diagnoses):
    """Batch workers send diagnoses back pickled when the caller keeps them whole."""
    for d in diagnoses:
        assert to_json(pickle.loads(pickle.dumps(d)), kb=kb, lang="en") == to_json(d, kb=kb, lang="en")


def test_to_plain_writes_other_values_item_by_item():
    assert to_plain({"a": [Key("problem", "p"), (1, 2.5)], "b": None}) == {"a": ["problem:p", [1, 2.5]], "b": None}
    entry = TraceEntry(id="T-r", rule="r", links=["L1"], facts=[], concluded=Key("stage", "s"), certainty=0.5,
                       citation=CitationOut(paragraph="P1", quote="q"), supports=["T-q"])
    assert json.dumps(to_plain([entry])) == (
        '[{"id": "T-r", "rule": "r", "links": ["L1"], "facts": [], "concluded": "stage:s", "certainty": 0.5, '
        '"citation": {"paragraph": "P1", "quote": "q"}, "supports": ["T-q"], "source": ""}]')


@pytest.mark.parametrize("annotation", ["Optional[TypeOut]", "list[Key]", "dict[str, TypeOut]", "tuple[str, str]"])
def test_a_field_to_plain_cannot_write_is_refused_not_guessed(annotation):
    from diagnose.inference import results
    with pytest.raises(TypeError, match="cannot write"):
        results._writer(annotation)
