"""Rule tests as data (tests/rules/<theme>.yaml, run by diagnose.validation.ruletests): one pytest test
per YAML test, the runner's own behaviour, and the check that every rule file has tests and every
rule is fired by some test or case."""
from functools import lru_cache
from pathlib import Path

import pytest

from diagnose.inputs.loading import InputError
from diagnose.kb import knowledge
from diagnose.validation import ruletests

RULE_TESTS = Path(__file__).parent / "rules"
PARAMS = [pytest.param(path, n, id=f"{path.stem}: {name}")
          for path in sorted(RULE_TESTS.glob("*.yaml")) for n, name in enumerate(ruletests.names_in(path))]


@lru_cache(maxsize=None)
def _loaded(path: Path):
    return ruletests.load_tests(knowledge.bundled(), path)


@pytest.mark.parametrize("path, index", PARAMS)
def test_rule_test(kb, path, index):
    loaded = _loaded(path)[index]
    problems = ruletests.failures(kb, loaded)
    assert not problems, f"{loaded.label}: " + "; ".join(problems)


def _write(tmp_path, text):
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_wrong_expectation_fails_and_says_what_differed(kb, tmp_path):
    path = _write(tmp_path, """
- name: a reported price war is never a fire risk (deliberately wrong)
  profile: {price_war_reported: yes}
  expect: [over_competition, fire_risk]
  absent: [over_competition]
  evidence: {over_competition: possible}
""")
    (loaded,) = ruletests.load_tests(kb, path)
    problems = ruletests.failures(kb, loaded)
    assert "expected fire_risk, not shown" in problems
    assert "over_competition must be absent, but is shown" in problems
    assert "over_competition should be possible, is observed" in problems
    assert len(problems) == 3


def test_adopt_runs_a_what_if_before_the_expectations(kb, tmp_path):
    path = _write(tmp_path, """
- name: once licensing is adopted it is in place, not recommended
  profile: {}
  adopt: [production_licensing]
  expect: [production_licensing]
""")
    (loaded,) = ruletests.load_tests(kb, path)
    d = ruletests.diagnosis_of(kb, loaded)
    assert {r.id: r.status for r in d.remedies}["production_licensing"] == "in_place"
    assert ruletests.failures(kb, loaded) == []


@pytest.mark.parametrize("text, reason", [
    ("- name: an id that does not exist anywhere\n  expect: [no_such_thing]\n", "'no_such_thing' is not a conclusion id"),
    ("- name: a question that does not exist\n  profile: {no_such_question: yes}\n", "no_such_question"),
    ("- name: a field the format does not have\n  expected: [fire_risk]\n", "unknown field"),
    ("- name: adopting a problem is not a what-if\n  adopt: [fire_risk]\n", "'fire_risk' is not a remedy"),
    ("name: not a list\n", "expected a list of tests"),
])
def test_bad_rule_test_files_are_one_line_errors(kb, tmp_path, text, reason):
    with pytest.raises(InputError) as info:
        ruletests.load_tests(kb, _write(tmp_path, text))
    assert reason in info.value.message and "\n" not in info.value.message


def test_every_rule_file_has_tests_and_every_rule_fires_somewhere(kb):
    gaps = ruletests.untested(kb, RULE_TESTS)
    assert gaps["rule_files_without_tests"] == [], gaps
    assert gaps["rules_never_fired"] == [], gaps
