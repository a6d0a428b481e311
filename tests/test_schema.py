"""The knowledge schema of issue 10: evidence levels, fits_when, notes from outside the chapter,
the recommending policy in kb.yaml, the lint checks on them, and the closed-world case files."""
import shutil

import pytest
from pydantic import ValidationError

from diagnose.inputs.loading import InputError
from diagnose.kb import lint
from diagnose.kb.knowledge import load_knowledge_base, validated
from diagnose.kb.models import EVIDENCE_LEVELS, Conclusion, KBInfo, Note, RemedyEntry
from diagnose.kb.resources import cases_dir, rules_dir
from diagnose.validation.cases import bundled_case_paths, load_case
from case_helpers import CASE


@pytest.fixture
def rules_copy(tmp_path):
    """A writable copy of the bundled rule base."""
    root = tmp_path / "rules"
    shutil.copytree(rules_dir(), root)
    return root


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_evidence_levels_and_the_older_status_spelling():
    assert Conclusion(problem="fire_risk", evidence="possible").evidence_level == "possible"
    assert Conclusion(problem="fire_risk", status="observed").evidence_level == "observed"
    assert Conclusion(problem="fire_risk").evidence_level == "probable"       # rules written before levels
    assert Conclusion(problem="fire_risk", status="observed", evidence="observed").evidence_level == "observed"
    with pytest.raises(ValidationError, match="contradicts"):
        validated(Conclusion, dict(problem="fire_risk", status="observed", evidence="probable"))
    with pytest.raises(ValidationError, match="problems only"):
        validated(Conclusion, dict(remedy="production_licensing", evidence="probable"))
    with pytest.raises(ValidationError):
        validated(Conclusion, dict(problem="fire_risk", evidence="likely"))
    with pytest.raises(ValueError, match="contradicts"):   # built in code, without pydantic: checked too
        Conclusion(problem="fire_risk", status="observed", evidence="probable")


def test_kb_yaml_defines_the_levels_and_the_threshold(kb):
    assert list(kb.info.evidence) == list(EVIDENCE_LEVELS)
    assert all(level.name.zh and level.meaning.en for level in kb.info.evidence.values())
    assert 0 < kb.info.recommend.min_certainty <= 1
    with pytest.raises(ValidationError, match="evidence levels missing: possible"):
        validated(KBInfo, dict(version="1", date="d", title={"zh": "题", "en": "t"},
                               evidence={k: {"name": {"zh": "x", "en": "x"}, "meaning": {"zh": "y", "en": "y"}}
                                         for k in ("observed", "probable")}))


def test_fits_when_is_a_parsed_condition():
    base = dict(id="r", name={"zh": "措施", "en": "r"}, description={"zh": "措施", "en": "r"},
                evidence=[{"paragraph": "P5", "quote": "许可生产"}], actors=["government"])
    assert validated(RemedyEntry, base).fits_when is None
    assert validated(RemedyEntry, {**base, "fits_when": {"price_war_reported": True}}).fits_when is not None
    with pytest.raises(ValidationError, match="bad condition"):
        validated(RemedyEntry, {**base, "fits_when": {"all": "not a list"}})


def test_a_note_cites_the_chapter_or_names_an_outside_source():
    text = {"zh": "说明", "en": "note"}
    assert validated(Note, dict(text=text, cite={"paragraph": "P8", "quote": "价格竞争"})).outside_chapter is None
    assert validated(Note, dict(text=text, outside_chapter={"zh": "《反垄断法》", "en": "Anti-Monopoly Law"})).cite is None
    with pytest.raises(ValidationError, match="either cite"):
        validated(Note, dict(text=text))
    with pytest.raises(ValidationError, match="either cite"):
        validated(Note, dict(text=text, cite={"paragraph": "P8", "quote": "价格竞争"}, outside_chapter=text))


def test_lint_observed_needs_an_incident_question(rules_copy):
    assert lint.check(rules_copy) == []
    _edit(rules_copy / "competition_quality.yaml",
          "then: {problem: over_competition, certainty: 0.5, evidence: possible}",
          "then: {problem: over_competition, certainty: 0.5, evidence: observed}")
    errors = lint.check(rules_copy)
    assert len(errors) == 1 and "over_competition_from_concentration" in errors[0] and "incident" in errors[0]


def test_lint_a_remedy_rule_reads_a_problem_the_remedy_addresses(rules_copy):
    _edit(rules_copy / "competition_quality.yaml",
          "when: {problem: over_competition}\n    then: {remedy: peer_price_coordination",
          "when: {problem: regional_pollution}\n    then: {remedy: peer_price_coordination")
    errors = lint.check(rules_copy)
    assert any("peer_price_coordination from problem regional_pollution" in e for e in errors), errors


def test_lint_reads_fits_when(rules_copy):
    _edit(rules_copy / "catalogue" / "remedies.yaml", "    in_place_when: {jurisdictions_coordinate: true}\n",
          "    in_place_when: {jurisdictions_coordinate: true}\n    fits_when: {no_such_question: true}\n")
    errors = lint.check(rules_copy)
    assert errors == ["catalogue: remedy cross_regional_governance, fits_when: reads 'no_such_question', which no question asks"]
    assert load_knowledge_base(rules_copy).remedies["cross_regional_governance"].fits_when is not None


def _case(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path




def test_case_acceptable_items_name_a_paragraph(kb, tmp_path):
    ok = _case(tmp_path, "K-90.yaml", CASE.format(id="K-90", expect="  problems: [over_competition]\n"
               "  acceptable: [{id: innovation_deficit, paragraph: P8, why: thin profits starve innovation}]\n"
               "  absent: [fire_risk]"))
    assert load_case(kb, ok).file.expect.acceptable[0].paragraph == "P8"
    bad = _case(tmp_path, "K-91.yaml", CASE.format(id="K-91", expect="  problems: [over_competition]\n"
                "  acceptable: [{id: innovation_deficit, paragraph: P99, why: no such paragraph}]\n  absent: [fire_risk]"))
    with pytest.raises(InputError, match="paragraph P99 does not exist"):
        load_case(kb, bad)
    clash = _case(tmp_path, "K-92.yaml", CASE.format(id="K-92", expect="  problems: [over_competition]\n"
                  "  absent: [over_competition]"))
    with pytest.raises(InputError, match="also expected"):
        load_case(kb, clash)


def test_counter_cases_list_only_what_must_be_absent(kb, tmp_path):
    ok = _case(tmp_path, "C-01.yaml", CASE.format(id="C-01", expect="  absent: [peer_price_coordination]"))
    assert load_case(kb, ok).file.is_counter
    bad = _case(tmp_path, "C-02.yaml", CASE.format(id="C-02", expect="  problems: [over_competition]\n  absent: [fire_risk]"))
    with pytest.raises(InputError, match="counter-case"):
        load_case(kb, bad)
    wrong_id = _case(tmp_path, "X-01.yaml", CASE.format(id="X-01", expect="  absent: [fire_risk]"))
    with pytest.raises(InputError, match="id"):
        load_case(kb, wrong_id)


def test_bundled_cases_include_the_counter_cases():
    paths = bundled_case_paths()
    assert sorted(cases_dir().glob("*.yaml")) == [p for p in paths if p.parent == cases_dir()]
    assert all(p.parent.name == "counter" for p in paths if p.parent != cases_dir())
