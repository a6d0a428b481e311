"""Diagnosis semantics: certainty, status, in-place remedies, priorities, trace, WHY-NOT, unanswered."""
import pytest

from diagnose.inference import explain
from diagnose.inference.certainty import combine as _combine
from diagnose.inference.diagnosis import diagnose
from diagnose.kb.profile import Profile
from diagnose.validation.cases import load_case


def profile(**answers):
    return Profile(name="t", answers=answers)


def test_mycin_combination():
    assert _combine([0.6]) == 0.6
    assert _combine([0.6, 0.5]) == 0.8
    assert _combine([0.5, 0.6]) == _combine([0.6, 0.5])       # order-independent
    assert _combine([0.9, 0.9, 0.9]) < 1.0


def test_structure_gives_risk_and_an_incident_gives_observed(kb):
    risk = diagnose(kb, profile(same_products_concentrated=True))
    (oc,) = [p for p in risk.problems if p.id == "over_competition"]
    assert oc.status == "risk" and oc.certainty == 0.5
    seen = diagnose(kb, profile(same_products_concentrated=True, price_war_reported=True))
    (oc2,) = [p for p in seen.problems if p.id == "over_competition"]
    assert oc2.status == "observed" and oc2.certainty > oc.certainty


def test_chained_certainty_is_bounded_by_its_premises(kb):
    d = diagnose(kb, profile(same_products_concentrated=True, export_oriented=True))
    cf = {p.id: p.certainty for p in d.problems}
    assert cf["anti_dumping_exposure"] == pytest.approx(0.4 * cf["over_competition"], abs=1e-3)


def test_remedy_in_place_when_the_profile_has_it(kb):
    base = dict(same_products_concentrated=True, corner_cutting_found=True, rapid_growth_by_imitation=True,
                firms_lack_testing_skills=True)   # the testing centre fits local technical weakness (P9)
    d = diagnose(kb, profile(**base))
    assert {r.id: r.status for r in d.remedies}["quality_testing_centre"] == "recommended"
    d2 = diagnose(kb, profile(**base, testing_centre_in_place=True, crackdown_effect_temporary=True))
    assert {r.id: r.status for r in d2.remedies}["quality_testing_centre"] == "in_place"
    # the local measures having been tried and the crisis having come back (好景不长), the chapter's
    # escalation follows: licensing (LINK-044)
    assert "production_licensing" in {r.id for r in d2.remedies}
    assert "production_licensing" not in {r.id for r in d.remedies}


def test_dependent_association_leads_to_reform_not_founding(kb):
    # issue 10 point 3: existing is not working; an association that has not acted is not in place
    d = diagnose(kb, profile(association_exists=True, association_origin="converted_department",
                             rights_convention_in_place=False, association_issued_pledge_or_standard=False,
                             association_inspects_members=False, same_products_concentrated=True))
    ids = {r.id: r.status for r in d.remedies}
    assert "weak_association_capacity" in {p.id for p in d.problems}
    assert "association_reform_decoupling" in ids
    assert ids.get("association_self_discipline") != "in_place"
    assert "govt_organised_association" not in ids


def test_unmet_precondition_names_what_to_build_first(kb):
    # a pledge needs an association of (nearly) all firms, existing or being founded in the same plan
    d = diagnose(kb, profile(corner_cutting_found=True, association_exists=False))
    (pledge,) = [r for r in d.remedies if r.id == "quality_pledge"]
    unmet = {p.id: p for p in pledge.preconditions if p.met is False}
    assert unmet["association_covers_all"].build_first == ["govt_organised_association"]


def test_priorities_put_threats_to_life_first(kb):
    d = diagnose(kb, profile(three_in_one_premises=True, household_workshops=True, same_products_concentrated=True))
    first = d.remedies[0]
    assert "fire_risk" in first.addresses
    assert [r.priority for r in d.remedies] == list(range(1, len(d.remedies) + 1))


def test_every_conclusion_has_a_cited_trace(kb, case_paths):
    for path in case_paths:
        d = diagnose(kb, load_case(kb, path).profile)
        ids = {t.id for t in d.trace}
        for item in [*d.problems, *[r for r in d.remedies if r.status == "recommended"]]:
            assert item.because and set(item.because) <= ids, (path.name, item.id)
        for t in d.trace:
            assert t.citation.quote in kb.paragraphs[t.citation.paragraph], (path.name, t.rule)
            assert set(t.supports) <= ids


def test_subtype_implies_parent_in_the_trace(kb):
    d = diagnose(kb, profile(dominant_lead_firm=True, lead_firm_link="equity"))
    assert d.governance_type.id == "leader_equity" and d.governance_type.parent == "leader_type"
    assert "leader_type" in d.governance_type.alternatives
    assert any(t.rule == "leader_equity_implies_leader_type" for t in d.trace)


def test_liushi_evolution_reaches_leader_equity_without_the_type_question(kb):
    d = diagnose(kb, profile(small_firms_joined_lead_firms=True, group_ties_tightened=True))
    assert d.governance_type.id == "leader_equity"


def test_why_not_lists_missing_and_unknown_conditions(kb):
    p = profile(household_workshops=True)
    d = diagnose(kb, p)
    concluded = d.concluded()
    w = explain.why_not(kb, p, concluded, "fire_risk")
    assert w["concluded"] is False
    rules = {r["rule"]: r for r in w["rules"]}
    cond = {c["condition"]: c["status"] for c in rules["fire_risk_from_three_in_one"]["conditions"]}
    assert cond == {"fact fire_hazards_everywhere": "not met"}
    nested = rules["fire_risk_from_three_in_one"]["conditions"][0]["why_not"]
    statuses = {c["condition"]: c["status"] for r in nested["rules"] for c in r["conditions"]}
    assert statuses["household_workshops = yes"] == "met"
    assert statuses["three_in_one_premises = yes"] == "unknown"


def test_why_not_on_a_concluded_id_says_so(kb):
    p = profile(three_in_one_premises=True)
    d = diagnose(kb, p)
    concluded = d.concluded()
    assert explain.why_not(kb, p, concluded, "fire_risk")["concluded"] is True


def test_unanswered_questions_name_what_they_could_change(kb):
    d = diagnose(kb, profile(household_workshops=True))
    by_q = {u.question: u.could_change for u in d.unanswered}
    assert "fire_risk" in by_q["three_in_one_premises"]
    # an answered question is never listed
    assert "household_workshops" not in by_q


def test_why_asked_follows_the_chain(kb):
    reached = explain.why_asked(kb, "same_products_concentrated")
    assert ("problem", "over_competition") in reached
    assert ("problem", "anti_dumping_exposure") in reached      # via over-competition


def test_stage_and_next_step(kb):
    d = diagnose(kb, profile(association_exists=True, association_origin="government_organised"))
    assert d.stage.current == "semi_official_associations"
    assert d.stage.next == "self_governing_associations"
