"""What the rule-base cache may trust (a review of the pydantic-free start): every field check runs on
the cached path too, the key moves with the code that shapes the cache, a file pydantic had to coerce
is not cached, and a misplaced constraint is refused rather than silently ignored."""
import dataclasses
from typing import Annotated, Optional

import pytest

from diagnose.kb import builder, cache, knowledge
from diagnose.kb.marks import Constrained, Strict
from diagnose.kb.models import Rule


def plain(obj):
    """An object of the rule base as the cache holds it (its parsed conditions left out: raw ones follow)."""
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}


def test_the_field_checks_of_the_annotations_run_when_built_from_the_cache(kb):
    rule = next(r for r in kb.rules)
    data = {**plain(rule), "when": {next(iter(kb.questions)): True},
            "then": plain(rule.then), "cite": plain(rule.cite), "explain": plain(rule.explain)}
    assert builder.build(Rule, data).links == rule.links                  # the good one builds
    with pytest.raises(ValueError, match="LINK-nnn"):
        builder.build(Rule, {**data, "links": ["X-1"]})                   # Checked(_link_ids)
    with pytest.raises(ValueError, match="condition"):
        builder.build(Rule, {**data, "when": {"all": [], "any": []}})     # Checked(_required_condition)
    remedy = next(iter(kb.remedies.values()))
    with pytest.raises(ValueError, match="unknown actor"):
        dataclasses.replace(remedy, actors=["mayor"])                     # code, not pydantic: the same check


def test_the_key_changes_with_the_code_that_shapes_the_cache(rules_copy, tmp_path):
    code = tmp_path / "models.py"
    code.write_text("LIMIT = 1\n", encoding="utf-8")
    before = cache.key(rules_copy, [], code_files=[code])
    code.write_text("LIMIT = 0.95\n", encoding="utf-8")
    assert cache.key(rules_copy, [], code_files=[code]) != before
    assert cache.key(rules_copy, []) != before


def test_a_rule_file_pydantic_had_to_coerce_loads_but_is_not_cached(rules_copy):
    path = next(p for p in sorted(rules_copy.glob("*.yaml")) if "certainty: 0." in p.read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    value = text.split("certainty: ", 1)[1].split()[0].rstrip(",}")
    path.write_text(text.replace(f"certainty: {value}", f'certainty: "{value}"', 1), encoding="utf-8")
    kb = knowledge.load_knowledge_base(rules_copy)          # pydantic reads "0.x" as a number
    assert any(r.then.certainty == float(value) for r in kb.rules)
    assert not list(cache.cache_dir().glob("kb-*.json"))   # a start could not build it: not written


def test_a_subtype_rule_does_not_share_its_links_with_the_type(kb):
    implied = kb.implied_rules
    assert implied
    for rule in implied:
        subtype = kb.types[rule.id.split("_implies_")[0]]
        assert rule.links is not subtype.links


def test_a_constraint_that_pydantic_would_ignore_is_refused(kb):
    from pydantic import TypeAdapter

    @dataclasses.dataclass(frozen=True, kw_only=True)
    class Misplaced(Strict):
        name: Annotated[Optional[str], Constrained(min_length=3)] = None
    Misplaced.__module__ = __name__
    globals()["Misplaced"] = Misplaced
    with pytest.raises(TypeError, match="would be ignored"):
        TypeAdapter(Misplaced)
