"""The whole validation against the chapter's cases, run on every commit."""
import json
from collections import Counter

import pytest

from diagnose.output import listings
from diagnose.validation import scorecard as validate
from diagnose.validation.cases import load_case, without_incidents
from diagnose.inference.diagnosis import diagnose
from diagnose.inference.results import Diagnosis, ProblemOut, RemedyOut, TypeOut
from case_helpers import CASE


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


# Issue 10's thresholds that the bundled cases do not meet yet, measured, not wished away: each is a
# strict xfail, so the day the knowledge reaches it this test fails until its name is removed here.
# `diagnose validate` exits 1 while any is below.
BELOW_THRESHOLD: set[str] = set()   # all of issue 10's thresholds are met by the issue-10 knowledge


@pytest.mark.parametrize("name", list(validate.THRESHOLDS))
def test_full_mode_meets_each_threshold(full, name, request):
    if name in BELOW_THRESHOLD:
        request.applymarker(pytest.mark.xfail(strict=True, reason=f"issue 10: {name} not reached yet"))
    figures = (f"problems {full.problems}, remedies {full.remedies}, recommended {full.recommended}, "
               f"counter-case false alarms {full.counter_false_alarms}, type {full.governance_type}")
    assert name not in full.failed_thresholds(), f"{name} below its threshold {validate.THRESHOLDS[name]}: {figures}"


def test_structural_mode_predicts_from_structure(full, structural_card):
    assert structural_card.problems["recall"] == full.problems["structural_recall"]


def test_a_failing_case_always_says_why(full):
    for r in full.results:
        if not r.passed:
            assert r.missing or r.false_alarms or r.extra or r.type_correct is False, r.case
            assert set(r.missing + r.false_alarms + r.extra) <= set(r.trace), r.case


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


def test_validate_cli_exit_codes(cli, tmp_path, case_paths, full):
    assert cli("validate").returncode == (0 if full.meets_thresholds() else 1)
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
            problems, remedies = validate.findings(diagnose(kb, profile, with_unanswered=False))
            assert not ((problems | remedies) & set(case.file.expect.absent)), path.name


def test_dated_states_of_liushi(kb, case_paths):
    ids = Counter(load_case(kb, p).file.id[:4] for p in case_paths)
    assert ids["K-16"] >= 3


# --- the closed-world scorecard on hand-made diagnoses (independent of the knowledge's state)

def _diagnosis(problems, remedies):
    return Diagnosis(profile={"name": "t"}, governance_type=TypeOut(id=None), trace=[], unanswered=[],
                     problems=[ProblemOut(id=i, status="observed" if e == "observed" else "risk", evidence=e,
                                          certainty=0.8, because=[], citations=[]) for i, e in problems],
                     remedies=[RemedyOut(id=i, status=s, actor="association", actors=["association"], addresses=[],
                                         priority=n, precedents=[], because=[], citations=[], certainty=0.7)
                               for n, (i, s) in enumerate(remedies, start=1)])



FOUND = _diagnosis([("over_competition", "probable"), ("innovation_deficit", "possible"), ("fire_risk", "probable")],
                   [("peer_price_coordination", "recommended"), ("quality_testing_centre", "in_place"),
                    ("association_self_discipline", "considered")])


def _case(kb, tmp_path, ident, expect):
    path = tmp_path / f"{ident}.yaml"
    path.write_text(CASE.format(id=ident, expect=expect), encoding="utf-8")
    return load_case(kb, path)


def test_closed_world_an_unclassified_finding_is_wrong(kb, tmp_path):
    case = _case(kb, tmp_path, "K-90", "  problems: [over_competition]\n  remedies: [quality_testing_centre]\n"
                                      "  absent: [fire_risk]")
    result, _ = validate.score_case(kb, case, FOUND, FOUND)
    assert result.false_alarms == ["fire_risk"] and result.extra == ["peer_price_coordination"]
    assert result.precision == {"problems": 0.5, "remedies": 0.0}
    assert result.recall["problems"] == 1.0 and result.recall["remedies"] == 1.0     # in place counts as found
    assert result.recommended == 1 and not result.passed
    assert "innovation_deficit" not in result.extra                                  # possible: shown, not scored


def test_closed_world_acceptable_with_a_paragraph_is_not_wrong(kb, tmp_path):
    case = _case(kb, tmp_path, "K-91", "  problems: [over_competition]\n  remedies: [quality_testing_centre]\n"
                 "  acceptable: [{id: peer_price_coordination, paragraph: P22, why: the lighter association did it},"
                 " {id: fire_risk, paragraph: P14, why: workshops are homes}]\n  absent: [regional_pollution]")
    result, _ = validate.score_case(kb, case, FOUND, FOUND)
    assert result.precision == {"problems": 1.0, "remedies": 1.0} and result.passed
    assert result.acceptable == ["fire_risk", "peer_price_coordination"]


def test_expected_problems_only_possible_are_not_recalled(kb, tmp_path):
    case = _case(kb, tmp_path, "K-92", "  problems: [innovation_deficit]\n  absent: [regional_pollution]")
    result, _ = validate.score_case(kb, case, FOUND, _diagnosis([], []))
    assert result.missing == ["innovation_deficit"] and result.possible_only == ["innovation_deficit"]
    assert result.missing_structural == ["innovation_deficit"]


def test_counter_case_false_alarms_and_recommended_counts_reach_the_card(kb, tmp_path, monkeypatch):
    paths = []
    for ident, expect in (("C-90", "  absent: [fire_risk, peer_price_coordination]"),
                          ("K-93", "  problems: [over_competition]\n  absent: [regional_pollution]")):
        paths.append(tmp_path / f"{ident}.yaml")
        paths[-1].write_text(CASE.format(id=ident, expect=expect), encoding="utf-8")
    monkeypatch.setattr(validate, "diagnose", lambda kb, profile, with_unanswered=False: FOUND)
    card = validate.run(kb, paths)
    assert card.counter_cases == 1 and card.counter_false_alarms == 2
    assert card.recommended == {"median": 1, "max": 1, "total": 2}
    assert "counter_false_alarms" in card.failed_thresholds()
    text = listings.scorecard(card, "text", verbose=True)
    assert "counter-case false alarms: 2" in text and "extra: fire_risk, peer_price_coordination" in text
    assert "extra: 2" in listings.scorecard(card, "text")
    data = json.loads(listings.scorecard(card, "json"))
    assert data["results"][1]["extra"] == ["fire_risk", "peer_price_coordination"]
    assert data["counter_false_alarms"] == 2 and data["recommended"]["median"] == 1
