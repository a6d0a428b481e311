"""The whole validation against the chapter's cases, run on every commit."""
from collections import Counter

import pytest

from diagnose.output import listings
from diagnose.validation import scorecard as validate
from diagnose.validation.cases import load_case, without_incidents
from diagnose.inference.diagnosis import diagnose


@pytest.fixture(scope="module")
def full(kb):
    return validate.run(kb)


@pytest.fixture(scope="module")
def structural_card(kb):
    return validate.run(kb, structural=True)


def _explain(card):
    return "\n".join(f"{r.case}: missing {r.missing} false alarms {r.false_alarms} type {r.type_found} "
                     f"(expected {r.type_expected}); trace {r.trace}" for r in card.results if not r.passed)


def test_case_files_cover_the_chapter(kb, case_paths):
    assert len(case_paths) >= 45
    ids = {load_case(kb, p).file.id[:4] for p in case_paths}
    assert len(ids) >= 40
    documented = {f"K-{n:02d}" for n in [4, 5, 6, 7, 16, *range(18, 57)]}   # map E: a problem or remedy
    assert documented <= ids


def test_full_mode_meets_the_thresholds(full):
    assert full.problems["recall"] >= 0.95, _explain(full)
    assert full.remedies["recall"] >= 0.90, _explain(full)
    assert full.problems["precision"] >= 0.95 and full.remedies["precision"] >= 0.95, _explain(full)
    assert full.governance_type["accuracy"] == 1.0, _explain(full)
    assert full.meets_thresholds()


def test_structural_mode_predicts_from_structure(structural_card):
    assert structural_card.problems["recall"] >= 0.85, _explain(structural_card)


def test_every_case_passes_and_a_failure_would_say_why(full):
    assert all(r.passed for r in full.results), _explain(full)


def test_profiles_state_conditions_not_conclusions(kb, case_paths):
    """A case may not answer a question named after what it is scored on (no question is a conclusion id)."""
    conclusions = set(kb.problems) | set(kb.remedies) | set(kb.types)
    for path in case_paths:
        case = load_case(kb, path)
        assert not (set(case.profile.known()) & conclusions), path.name


def test_structural_drops_only_incidents(kb, case_paths):
    case = load_case(kb, [p for p in case_paths if p.stem == "K-54"][0])
    stripped = without_incidents(kb, case.profile)
    dropped = {q for q in case.profile.known() if q not in stripped.known()}
    assert dropped == {"poaching_reported", "wage_arrears_reported"}


def test_a_failing_case_names_the_missing_ids_and_the_trace(kb, case_paths, tmp_path):
    source = [p for p in case_paths if p.stem == "K-25"][0].read_text(encoding="utf-8")
    broken = tmp_path / "K-25-broken.yaml"
    # an expected remedy turned into a forbidden one (a case may not both expect and forbid an id)
    broken.write_text(source.replace("absent:\n", "absent:\n    - regional_brand_governance\n")
                      .replace("remedies: [regional_brand_governance]", "remedies: []")
                      .replace("problems: [regional_brand_commons]", "problems: [regional_brand_commons, fire_risk]"),
                      encoding="utf-8")
    card = validate.run(kb, [broken])
    (result,) = card.results
    assert not result.passed
    assert result.missing == ["fire_risk"]
    assert result.false_alarms == ["regional_brand_governance"]
    assert any("regional_brand_governance_for_commons" in line for line in result.trace["regional_brand_governance"])
    assert any("fire_risk" in line or "fire" in line for line in result.trace["fire_risk"])
    text = listings.scorecard(card, "text")
    assert "K-25" in text and "missing: fire_risk" in text and "FALSE: regional_brand_governance" in text


def test_validate_cli_exit_codes(cli, tmp_path, case_paths):
    assert cli("validate").returncode == 0
    source = [p for p in case_paths if p.stem == "K-01"][0].read_text(encoding="utf-8")
    bad = tmp_path / "K-01-bad.yaml"
    bad.write_text(source.replace("problems: []", "problems: [fire_risk]"), encoding="utf-8")
    r = cli("validate", bad)
    assert r.returncode == 1 and "missing: fire_risk" in r.stdout


def test_rule_exercise_report(cli):
    r = cli("validate", "--coverage")
    assert r.returncode == 0
    assert "rules fired by some case" in r.stdout and "rules no case fires" in r.stdout


def test_absent_items_are_never_recommended_in_full_or_structural_mode(kb, case_paths):
    for path in case_paths:
        case = load_case(kb, path)
        for profile in (case.profile, without_incidents(kb, case.profile)):
            found = set(diagnose(kb, profile, with_unanswered=False).found("problem")) | \
                    set(diagnose(kb, profile, with_unanswered=False).found("remedy"))
            assert not (found & set(case.file.expect.absent)), path.name


def test_dated_states_of_liushi(kb, case_paths):
    ids = Counter(load_case(kb, p).file.id[:4] for p in case_paths)
    assert ids["K-16"] >= 3
