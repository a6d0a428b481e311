"""Issue 10's semantics on small rule bases written here (the bundled questions and catalogue, the
rules below), so each test pins one point of the definitions and not the state of the knowledge:
lines of evidence, evidence levels, recommending as a decision, in place by functioning."""
import dataclasses

import pytest

from diagnose.inference.diagnosis import diagnose
from diagnose.kb import conditions
from diagnose.kb.knowledge import KnowledgeBase, validated
from diagnose.kb.models import Precondition, QuestionsFile, RecommendPolicy, Rule
from diagnose.kb.profile import Profile

CITE = {"paragraph": "P8", "quote": "很容易引发激烈的价格竞争"}


def make_kb(kb, rules, remedies=None, **policy) -> KnowledgeBase:
    """The bundled questions and catalogue with these rules; remedies: {id: {field: value}} (conditions parsed)."""
    parsed = [validated(Rule, {"links": ["LINK-001"], "cite": CITE, "explain": {"zh": "测试", "en": "test"}, **r})
              for r in rules]
    changes = remedies or {}
    catalogue = dataclasses.replace(kb.catalogue, remedies=[
        dataclasses.replace(entry, **{k: (conditions.parse(v) if k.endswith("_when") and v is not None else v)
                                      for k, v in changes.get(entry.id, {}).items()})
        for entry in kb.catalogue.remedies])
    info = dataclasses.replace(kb.info, recommend=RecommendPolicy(**policy)) if policy else kb.info
    return KnowledgeBase(kb.root, info, QuestionsFile(sections=kb.sections, questions=list(kb.questions.values())),
                         parsed, catalogue, list(kb.links.values()), kb.chapter_text)


def run(kb, **answers):
    return diagnose(kb, Profile(name="t", answers=answers), with_unanswered=False)


def problem(d, pid):
    return next(p for p in d.problems if p.id == pid)


def remedy(d, rid):
    return next(r for r in d.remedies if r.id == rid)


def rule(rid, when, then):
    return {"id": rid, "when": when, "then": then}


# --- certainty: lines of evidence -------------------------------------------------------------------------

def test_rules_sharing_an_answer_are_one_line_and_do_not_compound(kb):
    one = make_kb(kb, [rule("a", {"same_products_concentrated": True}, {"problem": "over_competition", "certainty": 0.6})])
    two = make_kb(kb, [rule("a", {"same_products_concentrated": True}, {"problem": "over_competition", "certainty": 0.6}),
                       rule("b", {"all": [{"same_products_concentrated": True}, {"low_entry_barrier": True}]},
                            {"problem": "over_competition", "certainty": 0.6})])
    answers = dict(same_products_concentrated=True, low_entry_barrier=True)
    assert problem(run(one, **answers), "over_competition").certainty == 0.6
    assert problem(run(two, **answers), "over_competition").certainty == 0.6      # not 0.84: same observation


def test_independent_lines_combine_mycin_style(kb):
    k = make_kb(kb, [rule("a", {"same_products_concentrated": True}, {"problem": "over_competition", "certainty": 0.6}),
                     rule("b", {"low_entry_barrier": True}, {"problem": "over_competition", "certainty": 0.5})])
    d = run(k, same_products_concentrated=True, low_entry_barrier=True)
    assert problem(d, "over_competition").certainty == 0.8                       # 1 - 0.4 * 0.5
    assert problem(run(k, same_products_concentrated=True), "over_competition").certainty == 0.6


def test_a_fact_derived_from_the_same_answer_joins_its_line(kb):
    k = make_kb(kb, [rule("f", {"low_entry_barrier": True}, {"fact": "entry_barriers_lowered", "certainty": 0.9}),
                     rule("a", {"low_entry_barrier": True}, {"problem": "over_competition", "certainty": 0.6}),
                     rule("b", {"fact": "entry_barriers_lowered"}, {"problem": "over_competition", "certainty": 0.7})])
    d = run(k, low_entry_barrier=True)
    assert problem(d, "over_competition").certainty == pytest.approx(0.63)    # max(0.6, 0.9 * 0.7), one line


# --- evidence levels ----------------------------------------------------------------------------------------

def test_levels_are_declared_capped_by_what_they_build_on_and_the_strongest_wins(kb):
    k = make_kb(kb, [
        rule("exposure", {"same_products_concentrated": True}, {"problem": "over_competition", "certainty": 0.6, "evidence": "possible"}),
        rule("built_on_it", {"problem": "over_competition"}, {"problem": "innovation_deficit", "certainty": 0.9, "evidence": "probable"}),
        rule("incident", {"price_war_reported": True}, {"problem": "over_competition", "certainty": 0.95, "evidence": "observed"}),
    ])
    d = run(k, same_products_concentrated=True)
    assert problem(d, "over_competition").evidence == "possible"
    assert problem(d, "innovation_deficit").evidence == "possible"     # a mechanism on a mere exposure
    assert problem(d, "over_competition").status == "risk"
    seen = run(k, same_products_concentrated=True, price_war_reported=True)
    assert problem(seen, "over_competition").evidence == "observed" and problem(seen, "over_competition").status == "observed"
    assert problem(seen, "innovation_deficit").evidence == "probable"


# --- recommending is a decision -----------------------------------------------------------------------------

PRICE = [rule("oc", {"same_products_concentrated": True}, {"problem": "over_competition", "certainty": 0.8, "evidence": "probable"}),
         rule("oc_exposure", {"low_entry_barrier": True}, {"problem": "over_competition", "certainty": 0.8, "evidence": "possible"}),
         rule("coord", {"problem": "over_competition"}, {"remedy": "peer_price_coordination", "certainty": 0.7})]
FIT = {"peer_price_coordination": {"addresses": ["over_competition"], "preconditions": [], "in_place_when": None,
                                   "fits_when": {"all": [{"price_war_reported": True}, {"association_exists": True}]}}}
NO_FIT = {"peer_price_coordination": {**FIT["peer_price_coordination"], "fits_when": None}}


def test_a_probable_problem_above_the_threshold_recommends(kb):
    d = run(make_kb(kb, PRICE, NO_FIT), same_products_concentrated=True)
    r = remedy(d, "peer_price_coordination")
    assert (r.status, r.reasons) == ("recommended", [])
    assert "peer_price_coordination" in d.found("remedy")


def test_a_possible_problem_recommends_nothing_by_itself(kb):
    r = remedy(run(make_kb(kb, PRICE, NO_FIT), low_entry_barrier=True), "peer_price_coordination")
    assert r.status == "considered"
    assert [(x.code, x.ids) for x in r.reasons] == [("problem_only_possible", ["over_competition"])]


def test_below_the_threshold_is_considered_and_the_threshold_lives_in_kb_yaml(kb):
    strict = make_kb(kb, PRICE, NO_FIT, min_certainty=0.9)
    r = remedy(run(strict, same_products_concentrated=True), "peer_price_coordination")
    assert r.status == "considered" and r.reasons[0].code == "problem_below_threshold"
    assert remedy(run(make_kb(kb, PRICE, NO_FIT, min_certainty=0.8), same_products_concentrated=True),
                  "peer_price_coordination").status == "recommended"


def test_fit_decides_false_and_unknown_say_why(kb):
    k = make_kb(kb, PRICE, FIT)
    unknown = remedy(run(k, same_products_concentrated=True), "peer_price_coordination")
    assert unknown.status == "considered" and unknown.fits is None
    assert [(x.code, x.ids) for x in unknown.reasons] == [("fit_unknown", ["price_war_reported", "association_exists"])]
    no = remedy(run(k, same_products_concentrated=True, price_war_reported=True, association_exists=False),
                "peer_price_coordination")
    assert no.fits is False and [(x.code, x.ids) for x in no.reasons] == [("does_not_fit", ["association_exists"])]
    yes = remedy(run(k, same_products_concentrated=True, price_war_reported=True, association_exists=True),
                 "peer_price_coordination")
    assert (yes.status, yes.fits) == ("recommended", True)
    lenient = make_kb(kb, PRICE, FIT, unknown_fit="recommended")
    assert remedy(run(lenient, same_products_concentrated=True), "peer_price_coordination").status == "recommended"


def test_an_unmet_precondition_keeps_a_remedy_considered(kb):
    needs = validated(Precondition, dict(
        id="needs_association", text={"zh": "有协会", "en": "an association"}, cite=CITE,
        when={"association_exists": True}, build_first=["govt_organised_association"]))
    k = make_kb(kb, PRICE, {"peer_price_coordination": {**NO_FIT["peer_price_coordination"], "preconditions": [needs]}})
    r = remedy(run(k, same_products_concentrated=True, association_exists=False), "peer_price_coordination")
    assert r.status == "considered" and [(x.code, x.ids) for x in r.reasons] == [("precondition_unmet", ["needs_association"])]
    assert r.preconditions[0].build_first == ["govt_organised_association"]
    # an undecided precondition is shown, not held against the remedy
    assert remedy(run(k, same_products_concentrated=True), "peer_price_coordination").status == "recommended"


def test_a_precondition_met_only_by_building_another_remedy_first_says_so(kb):
    """'An association exists, or is founded first in the same plan': with no association, the report must
    not say "met" of what the user answered is not there; it names the remedy to build first."""
    from diagnose.output import render
    needs = validated(Precondition, dict(
        id="needs_association", text={"zh": "有协会", "en": "an association"}, cite=CITE,
        when={"any": [{"association_exists": True}, {"remedy": "govt_organised_association"}]},
        build_first=["govt_organised_association"]))
    found = rule("found", {"problem": "over_competition"}, {"remedy": "govt_organised_association", "certainty": 0.7})
    k = make_kb(kb, PRICE + [found], {"peer_price_coordination": {**NO_FIT["peer_price_coordination"],
                                                                 "preconditions": [needs]}})
    planned = remedy(run(k, same_products_concentrated=True, association_exists=False), "peer_price_coordination")
    assert planned.preconditions[0].met is True and planned.preconditions[0].build_first == ["govt_organised_association"]
    present = remedy(run(k, same_products_concentrated=True, association_exists=True), "peer_price_coordination")
    assert present.preconditions[0].met is True and present.preconditions[0].build_first == []
    d = run(k, same_products_concentrated=True, association_exists=False)
    assert "待同一方案先建立后满足" in render.render(k, d, "markdown", "zh")
    assert "met once built first in the same plan" in render.render(k, d, "markdown", "en")


def test_in_place_means_working_and_is_never_also_recommended(kb):
    k = make_kb(kb, PRICE, {"peer_price_coordination": {**NO_FIT["peer_price_coordination"],
                                                        "in_place_when": {"association_exists": True}}})
    d = run(k, same_products_concentrated=True, association_exists=True)
    assert remedy(d, "peer_price_coordination").status == "in_place"
    assert remedy(run(k, same_products_concentrated=True, association_exists=False), "peer_price_coordination").status == "recommended"


def test_a_remedy_that_addresses_no_problem_stands_on_its_own_certainty(kb):
    rules = [rule("step", {"same_products_concentrated": True}, {"remedy": "provincial_association_upgrade", "certainty": 0.7}),
             rule("weak_step", {"low_entry_barrier": True}, {"remedy": "cross_regional_forum", "certainty": 0.3})]
    k = make_kb(kb, rules, {"provincial_association_upgrade": {"addresses": [], "preconditions": [], "fits_when": None},
                            "cross_regional_forum": {"addresses": [], "preconditions": [], "fits_when": None}})
    d = run(k, same_products_concentrated=True, low_entry_barrier=True)
    assert remedy(d, "provincial_association_upgrade").status == "recommended"
    assert [x.code for x in remedy(d, "cross_regional_forum").reasons] == ["support_below_threshold"]
    # the reports say what it is for instead of an empty "addresses:"
    from diagnose.output import render
    assert "针对: 不针对单一问题（制度建设步骤）" in render.render(k, d, "markdown", "zh")
    assert "addresses: no single problem (an institutional step)" in " ".join(render.render(k, d, "text", "en").split())


def test_recommended_lead_then_in_place_then_considered(kb):
    rules = PRICE + [rule("fire", {"household_workshops": True}, {"problem": "fire_risk", "certainty": 0.8}),
                     rule("fire_fix", {"problem": "fire_risk"}, {"remedy": "fire_safety_governance", "certainty": 0.8})]
    k = make_kb(kb, rules, {**FIT, "fire_safety_governance": {"addresses": ["fire_risk"], "preconditions": [],
                                                              "in_place_when": None, "fits_when": None},
                            "quality_testing_centre": {"in_place_when": {"firms_generally_small": True}}})
    d = run(k, same_products_concentrated=True, household_workshops=True, firms_generally_small=True)
    order = [r.status for r in d.remedies]
    assert order == sorted(order, key=["recommended", "in_place", "considered"].index)
    assert "considered" in order and "in_place" in order
    assert [r.priority for r in d.remedies] == list(range(1, len(d.remedies) + 1))


def test_json_keeps_status_and_adds_evidence_and_reasons(kb):
    data = run(make_kb(kb, PRICE, FIT), low_entry_barrier=True).to_dict()
    (p,) = data["problems"]
    assert (p["status"], p["evidence"]) == ("risk", "possible")
    (r,) = data["remedies"]
    assert r["status"] == "considered" and {x["code"] for x in r["reasons"]} == {"problem_only_possible", "fit_unknown"}


def test_reports_lead_with_recommendations_and_say_why_not_in_both_languages(kb):
    from diagnose.inference.explain import why_not
    from diagnose.output import render
    k = make_kb(kb, PRICE, FIT)
    profile = Profile(name="t", answers={"low_entry_barrier": True})
    d = diagnose(k, profile, with_unanswered=False)
    asked = [why_not(k, profile, d.concluded(), "peer_price_coordination")]
    en = render.render(k, d, "text", "en", asked)
    assert en.index("Recommended remedies") < en.index("Problems") < en.index("Remedies considered but not recommended")
    assert "only possible (a generic exposure)" in en and "whether its mechanism fits" in en
    assert "Why not: Peer price coordination\n  Remedies considered but not recommended:" in en
    zh = render.render(k, d, "markdown", "zh", asked)
    assert "已考虑但未建议的措施" in zh and "有可能" in zh and "Remedies considered" not in zh
