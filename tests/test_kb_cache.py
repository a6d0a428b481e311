"""The rule-base cache: used on the second load, rebuilt when stale, damaged or edited, never required."""
import json
import shutil

import pytest

from diagnose.kb import cache, knowledge
from diagnose.kb.resources import rules_dir


@pytest.fixture
def rules_copy(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    target = tmp_path / "rules"
    shutil.copytree(rules_dir(), target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def cache_files():
    return sorted(cache.cache_dir().glob("*"))


def no_yaml(monkeypatch):
    def refuse(path):
        raise AssertionError(f"parsed {path} although the cache holds it")
    monkeypatch.setattr(knowledge, "load_document", refuse)


def summary(kb):
    return ([r.model_dump() for r in kb.rules], [q.model_dump() for q in kb.questions.values()],
            kb.catalogue.model_dump(), [link.model_dump() for link in kb.links.values()], kb.info.model_dump())


def test_the_second_load_reads_the_cache_and_gives_the_same_rule_base(rules_copy, monkeypatch):
    first = knowledge.load_knowledge_base(rules_copy)
    [written] = cache_files()
    assert written.suffix == ".json" and json.loads(written.read_text(encoding="utf-8"))["documents"]
    no_yaml(monkeypatch)
    assert summary(knowledge.load_knowledge_base(rules_copy)) == summary(first)


def test_an_edited_rule_file_is_read_again(rules_copy, monkeypatch):
    before = summary(knowledge.load_knowledge_base(rules_copy))
    path = rules_copy / "labour.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("certainty: 0.", "certainty: 0.1", 1), encoding="utf-8")
    edited = knowledge.load_knowledge_base(rules_copy)
    fresh = knowledge._build(rules_copy, [], knowledge.load_document)
    assert summary(edited) == summary(fresh) != before
    assert len(cache_files()) == 2          # a new key; the old entry is never read again


@pytest.mark.parametrize("damage", ["not json at all {", '{"key": "other", "documents": {}}',
                                    "EDIT_RULE_CONDITION"])
def test_a_damaged_or_edited_cache_is_rebuilt_from_the_files(rules_copy, damage):
    expected = summary(knowledge.load_knowledge_base(rules_copy))
    [written] = cache_files()
    if damage == "EDIT_RULE_CONDITION":   # valid JSON that the models reject
        data = json.loads(written.read_text(encoding="utf-8"))
        data["documents"]["labour.yaml"]["rules"][0]["when"] = {"no_such_operator": {"xx": 1}}
        damage = json.dumps(data)
    written.write_text(damage, encoding="utf-8")
    assert summary(knowledge.load_knowledge_base(rules_copy)) == expected
    assert json.loads(written.read_text(encoding="utf-8"))["key"] in written.name   # rewritten whole


def test_no_cache_folder_is_needed(rules_copy, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))    # the folder cannot be created
    assert knowledge.load_knowledge_base(rules_copy).rules


def test_writing_leaves_no_temporary_file(rules_copy):
    knowledge.load_knowledge_base(rules_copy)
    knowledge.load_knowledge_base(rules_copy)
    assert [p.name for p in cache_files() if not p.name.startswith("kb-")] == []
