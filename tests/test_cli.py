"""The command line as users and scripts use it (contract.md)."""
import json

import pytest

from conftest import FIXTURES


def test_assess_json_follows_the_contract(cli, kb):
    r = cli("assess", "K-16-1990", "--format", "json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert set(d) >= {"profile", "governance_type", "problems", "remedies", "trace", "unanswered"}
    assert d["governance_type"]["id"] == "market_type"
    problem = d["problems"][0]
    assert set(problem) >= {"id", "status", "certainty", "because", "citations"}
    remedy = d["remedies"][0]
    assert set(remedy) >= {"id", "status", "actor", "addresses", "priority", "precedents", "because", "citations"}
    entry = d["trace"][0]
    assert set(entry) >= {"id", "rule", "links", "facts", "concluded", "citation"}
    for t in d["trace"]:
        assert t["citation"]["quote"] in kb.paragraphs[t["citation"]["paragraph"]]


def test_assess_by_path_and_output_file(cli, tmp_path, case_paths):
    out = tmp_path / "r.md"
    r = cli("assess", case_paths[0], "--format", "markdown", "--lang", "zh", "-o", out)
    assert r.returncode == 0 and r.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("# 产业集群治理诊断报告")


def test_assess_why_not(cli):
    r = cli("assess", "K-01", "--why-not", "fire_risk")
    assert r.returncode == 0
    # in words: the questions that would lead there, never the rule ids (issue 11)
    assert "Why not: Fire risk" in r.stdout and "three-in-one" in r.stdout
    assert "fire_risk_from_three_in_one" not in r.stdout


def test_why_not_unknown_id_is_a_usage_error(cli):
    r = cli("assess", "K-01", "--why-not", "no_such_thing")
    assert r.returncode == 2 and "no_such_thing" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.slow
def test_output_is_identical_under_any_hash_seed(cli):
    outputs = {seed: cli("assess", "K-19-1980s", "--format", "json", env_extra={"PYTHONHASHSEED": seed}).stdout
               for seed in ("0", "1", "2", "3", "4")}
    assert len(set(outputs.values())) == 1 and outputs["0"]


def test_schema_is_json_schema_of_the_profile(cli, kb):
    r = cli("schema")
    schema = json.loads(r.stdout)
    assert schema["additionalProperties"] is False
    assert set(kb.questions) <= set(schema["properties"])


@pytest.mark.parametrize("lang, word", [("zh", "是否"), ("en", "Does")])
def test_questions_in_both_languages(cli, lang, word):
    r = cli("questions", "--lang", lang)
    assert r.returncode == 0 and word in r.stdout


def test_rules_check_passes_on_the_bundled_base(cli):
    r = cli("rules", "check")
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("broken", sorted((FIXTURES / "broken_rules").glob("*.yaml")), ids=lambda p: p.stem)
def test_rules_check_fails_on_each_broken_file(cli, broken):
    r = cli("rules", "check", "--extra", broken)
    assert r.returncode == 1
    first = r.stderr.splitlines()[0]
    assert broken.name in first or "rules: " in first       # names the file (cycles name the rules)
    assert "broken_" in r.stderr or "over_competition_from_concentration" in r.stderr   # names the rule id


def test_coverage_json(cli):
    r = cli("rules", "coverage", "--format", "json")
    data = json.loads(r.stdout)
    assert data["not_carried"] == []
    assert data["rule_kind_share"] >= 0.95


def test_usage_errors_are_one_line(cli):
    r = cli("assess")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
    r = cli("nonsense")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1


def test_no_terminal_no_questionnaire(cli):
    r = cli()
    assert r.returncode == 2 and "interactive terminal" in r.stderr


def test_whatif_licensing_in_liushi_1990(cli):
    r = cli("whatif", "K-16-1990", "--adopt", "production_licensing", "--format", "json")
    data = json.loads(r.stdout)
    assert "regional_quality_crisis" in data["addressed"]
    assert "unlicensed_small_firms_exit" in data["new_concerns"]
    assert "production_licensing" in data["now_in_place"]


def test_whatif_unknown_remedy(cli):
    r = cli("whatif", "K-16-1990", "--adopt", "magic")
    assert r.returncode == 2 and "magic" in r.stderr


def test_compare_liushi_states(cli):
    r = cli("compare", "K-16-1984", "K-16-integrated", "--format", "json")
    data = json.loads(r.stdout)
    assert data["type"] == {"old": "market_type", "new": "leader_equity", "changed": True}
    assert "lead_firm_integration" in data["remedies_now_in_place"]
    assert "regional_quality_crisis" in data["problems_lost"]
