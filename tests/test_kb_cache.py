"""The rule-base cache: used on the second load, rebuilt when stale, damaged or edited, never required;
a load from it builds the same models as validating the files, without pydantic."""
import json
import os
import subprocess
import sys

import pytest

from diagnose.inputs.loading import InputError
from diagnose.kb import cache, knowledge


def cache_files():
    return sorted(cache.cache_dir().glob("*"))


def no_yaml(monkeypatch):
    def refuse(path):
        raise AssertionError(f"parsed {path} although the cache holds it")
    monkeypatch.setattr(knowledge, "load_document", refuse)


def summary(kb):
    """What a knowledge base holds, as models (dataclass equality); repr() also tells 1 from 1.0."""
    return (kb.info, kb.sections, list(kb.questions.values()), kb.rules, kb.catalogue, list(kb.links.values()))


def same(a, b) -> bool:
    return summary(a) == summary(b) and repr(summary(a)) == repr(summary(b))


def test_the_second_load_reads_the_cache_and_gives_the_same_rule_base(rules_copy, monkeypatch):
    first = knowledge.load_knowledge_base(rules_copy)
    [written] = cache_files()
    assert written.suffix == ".json" and json.loads(written.read_text(encoding="utf-8"))["documents"]
    no_yaml(monkeypatch)
    assert same(knowledge.load_knowledge_base(rules_copy), first)


def test_the_cached_load_builds_what_validating_the_files_builds(rules_copy):
    knowledge.load_knowledge_base(rules_copy)                         # writes the cache
    from_cache = knowledge.load_knowledge_base(rules_copy)            # built without pydantic
    validated = knowledge._build(rules_copy, [], knowledge.load_document)
    assert same(from_cache, validated)
    # pydantic's coercions are replicated: questions.yaml writes min: 1, a float field
    assert all(type(q.min) is float for q in from_cache.questions.values() if q.kind == "number")
    assert all(type(r.then.certainty) is float for r in from_cache.rules)
    assert list(from_cache.info.evidence) == ["observed", "probable", "possible"]


def test_an_edited_rule_file_is_read_again(rules_copy, monkeypatch):
    before = knowledge.load_knowledge_base(rules_copy)
    path = rules_copy / "labour.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("certainty: 0.", "certainty: 0.1", 1), encoding="utf-8")
    edited = knowledge.load_knowledge_base(rules_copy)
    fresh = knowledge._build(rules_copy, [], knowledge.load_document)
    assert same(edited, fresh) and summary(edited) != summary(before)
    assert len(cache_files()) == 2          # a new key; the old entry is never read again


def _rule_condition(rule):
    rule["when"] = {"no_such_operator": {"xx": 1}}


def _no_cite(rule):
    del rule["cite"]


def _text_certainty(rule):
    rule["then"]["certainty"] = "high"


def _links_not_a_list(rule):
    rule["links"] = "LINK-070"


def _unknown_key(rule):
    rule["colour"] = "red"


EDITS = [_rule_condition, _no_cite, _text_certainty, _links_not_a_list, _unknown_key]


@pytest.mark.parametrize("damage", ["not json at all {", '{"key": "other", "documents": {}}', "TRUNCATED", *EDITS])
def test_a_damaged_or_edited_cache_is_rebuilt_from_the_files(rules_copy, damage):
    expected = knowledge.load_knowledge_base(rules_copy)
    [written] = cache_files()
    text = written.read_text(encoding="utf-8")
    if damage == "TRUNCATED":
        damage = text[: len(text) // 2]
    elif callable(damage):   # valid JSON that does not build the models
        data = json.loads(text)
        damage(data["documents"]["labour.yaml"]["rules"][0])
        damage = json.dumps(data)
    written.write_text(damage, encoding="utf-8")
    assert same(knowledge.load_knowledge_base(rules_copy), expected)
    assert written.read_text(encoding="utf-8") == text   # rebuilt from the files and rewritten whole


def test_no_cache_folder_is_needed(rules_copy, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))    # the folder cannot be created
    assert knowledge.load_knowledge_base(rules_copy).rules


def test_writing_leaves_no_temporary_file(rules_copy):
    knowledge.load_knowledge_base(rules_copy)
    knowledge.load_knowledge_base(rules_copy)
    assert [p.name for p in cache_files() if not p.name.startswith("kb-")] == []


def test_an_unknown_key_in_a_rule_file_is_an_error_naming_file_line_and_field(rules_copy):
    path = rules_copy / "labour.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    links: [LINK-070]\n", "    links: [LINK-070]\n    colour: red\n", 1), encoding="utf-8")
    with pytest.raises(InputError) as info:
        knowledge.load_knowledge_base(rules_copy)
    assert info.value.message.endswith("labour.yaml: line 10, rule rural_low_skill_workforce, field colour: unknown field")


HEAVY = ("pydantic.main", "pydantic.type_adapter", "pydantic._internal._generate_schema", "pydantic.fields")


def test_a_load_from_the_cache_loads_no_pydantic_model_machinery(tmp_path):
    """The cold start (issue 13): the warm path builds dataclasses; pydantic validates files only."""
    code = ("import sys\nfrom diagnose.kb import knowledge\nknowledge.bundled()\n"
            "print(' '.join(m for m in sys.modules if m.startswith('pydantic')))")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}

    def loaded() -> set[str]:
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
        return set(run.stdout.split())

    cold = loaded()                                # a miss: the files are validated by pydantic
    assert "pydantic.type_adapter" in cold
    warm = loaded()
    assert not warm & set(HEAVY), sorted(warm)


def test_the_builder_reads_the_field_types_as_typing_does():
    """builder evaluates each distinct annotation once instead of calling typing.get_type_hints."""
    import dataclasses
    import typing

    from diagnose.kb import builder, models
    classes = [c for c in vars(models).values() if isinstance(c, type) and dataclasses.is_dataclass(c)]
    assert len(classes) > 20
    for cls in classes:
        assert builder._field_types(cls) == typing.get_type_hints(cls), cls.__name__
