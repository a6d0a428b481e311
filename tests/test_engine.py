"""The compiler: rule files -> experta engine. Each test builds a small rule base on the bundled questions."""
import pytest
import yaml

from diagnose.inference import engine
from diagnose.kb import graph
from diagnose.kb.knowledge import KnowledgeBase, validated
from diagnose.kb.models import Rule
from diagnose.kb.profile import Profile


def small_kb(kb, rules_yaml: str) -> KnowledgeBase:
    raw = yaml.safe_load(rules_yaml)
    defaults = {"links": ["LINK-027"], "cite": {"paragraph": "P8", "quote": "进入门槛低"},
                "explain": {"zh": "测试", "en": "test"}}
    rules = [validated(Rule, {**defaults, **r}) for r in raw]
    return KnowledgeBase(kb.root, kb.info, type("Q", (), {"sections": kb.sections,
                                                          "questions": list(kb.questions.values())})(),
                         rules, kb.catalogue, list(kb.links.values()), kb.chapter_text)


def fired(kb, answers: dict) -> set:
    return set(engine.run(kb, Profile(name="t", answers=answers)))


def test_all_requires_every_item(kb):
    k = small_kb(kb, """
- {id: r, when: {all: [{low_entry_barrier: true}, {export_oriented: true}]}, then: {problem: over_competition}}
""")
    assert fired(k, {"low_entry_barrier": True, "export_oriented": True}) == {"r"}
    assert fired(k, {"low_entry_barrier": True, "export_oriented": False}) == set()
    assert fired(k, {"low_entry_barrier": True}) == set()          # unknown answers are never declared


def test_any_fires_once_however_many_branches_hold(kb):
    k = small_kb(kb, """
- {id: r, when: {any: [{low_entry_barrier: true}, {export_oriented: true}]}, then: {problem: over_competition}}
""")
    firings = engine.run(k, Profile(name="t", answers={"low_entry_barrier": True, "export_oriented": True}))
    assert set(firings) == {"r"}
    assert len(firings["r"]) == 2            # two branch activations, recorded under one rule
    assert fired(k, {"export_oriented": True}) == {"r"}
    assert fired(k, {"export_oriented": False}) == set()


def test_not_over_answers_is_closed_world(kb):
    k = small_kb(kb, """
- {id: r, when: {all: [{low_entry_barrier: true}, {not: {export_oriented: true}}]}, then: {problem: over_competition}}
""")
    assert fired(k, {"low_entry_barrier": True}) == {"r"}
    assert fired(k, {"low_entry_barrier": True, "export_oriented": False}) == {"r"}
    assert fired(k, {"low_entry_barrier": True, "export_oriented": True}) == set()


@pytest.mark.parametrize("op, bound, value, hit", [
    ("gt", 1000, 1260, True), ("gt", 1000, 1000, False), ("ge", 1000, 1000, True),
    ("lt", 100, 99, True), ("le", 100, 101, False), ("ne", 5, 6, True), ("eq", 5, 5, True),
])
def test_number_operators(kb, op, bound, value, hit):
    k = small_kb(kb, f"""
- {{id: r, when: {{firm_count: {{{op}: {bound}}}}}, then: {{problem: over_competition}}}}
""")
    assert (fired(k, {"firm_count": value}) == {"r"}) is hit


def test_one_of_in_list(kb):
    k = small_kb(kb, """
- {id: r, when: {association_origin: [government_organised, converted_department]}, then: {problem: weak_association_capacity}}
""")
    assert fired(k, {"association_origin": "converted_department"}) == {"r"}
    assert fired(k, {"association_origin": "firms_founded"}) == set()


def test_chaining_to_a_fixpoint_and_the_support_of_each_firing(kb):
    k = small_kb(kb, """
- {id: a, when: {same_products_concentrated: true}, then: {problem: over_competition}}
- {id: b, when: {all: [{problem: over_competition}, {export_oriented: true}]}, then: {problem: anti_dumping_exposure}}
- {id: c, when: {problem: anti_dumping_exposure}, then: {remedy: association_anti_dumping_response}}
""")
    firings = engine.run(k, Profile(name="t", answers={"same_products_concentrated": True, "export_oriented": True}))
    assert set(firings) == {"a", "b", "c"}
    (support,) = firings["b"]
    assert ("problem", "over_competition") in support and ("answer", "export_oriented", True) in support


def test_negated_conclusion_waits_for_every_producer(kb):
    """Stratified negation: 'not problem X' is decided only after all rules that could reach X ran."""
    k = small_kb(kb, """
- {id: late_x, when: {problem: over_competition}, then: {problem: regional_quality_crisis}}
- {id: early, when: {same_products_concentrated: true}, then: {problem: over_competition}}
- {id: guard, when: {all: [{same_products_concentrated: true}, {not: {problem: regional_quality_crisis}}]}, then: {remedy: quality_pledge}}
""")
    assert graph.stratify(k.rules)["guard"] > graph.stratify(k.rules)["late_x"]
    assert fired(k, {"same_products_concentrated": True}) == {"early", "late_x"}


def test_cycles_are_rejected(kb):
    k = small_kb(kb, """
- {id: a, when: {not: {problem: regional_quality_crisis}}, then: {problem: over_competition}}
- {id: b, when: {problem: over_competition}, then: {problem: regional_quality_crisis}}
""")
    with pytest.raises(graph.CycleError):
        engine.compile_engine(k)


def test_bundled_engine_agrees_with_the_evaluator(kb, case_paths):
    """For every bundled case, a rule fired iff its condition holds (closed world) on the final conclusions."""
    from diagnose.kb import conditions
    from diagnose.validation.cases import load_case
    for path in case_paths:
        profile = load_case(kb, path).profile
        firings = engine.run(kb, profile)
        concluded = {(r.then.kind, r.then.id) for r in kb.rules if r.id in firings}
        for rule in kb.rules:
            holds = conditions.evaluate(rule.when, profile.answers, lambda k_, i: (k_, i) in concluded, closed_world=True)
            assert holds == (rule.id in firings), (path.name, rule.id)


def test_monotone_questions_exclude_anything_a_not_can_see(kb):
    safe = graph.monotone_questions(kb)
    assert "same_products_concentrated" in safe
    assert "industry_union_exists" not in safe              # tested under `not` directly
    assert "association_officials_lead_funded" not in safe  # reaches a negated fact
    assert len(safe) > len(kb.questions) / 2


def test_incremental_runs_equal_fresh_runs(kb):
    """A questionnaire adding, editing and clearing answers: every step equals a fresh run."""
    import random
    rng = random.Random(5)
    runner = engine.IncrementalRunner(kb)
    answers: dict = {}
    questions = list(kb.questions.values())
    for step in range(120):
        q = rng.choice(questions)
        roll = rng.random()
        if roll < 0.75 and q.id not in answers:
            answers[q.id] = rng.randint(1, 3000) if q.kind == "number" else rng.choice(q.allowed_values())
        elif roll < 0.9 and answers:
            answers.pop(rng.choice(sorted(answers)))
        elif q.kind != "number":
            answers[q.id] = rng.choice(q.allowed_values())
        p = Profile(name="t", answers=dict(answers))
        assert runner.run(p) == engine.run(kb, p), step
    assert runner.incremental_runs > 20
