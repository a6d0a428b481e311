"""The bulk path (fixpoint evaluator) gives the experta engine's diagnoses, byte for byte.

Both evaluate the branches of one compiler (inference/compiler.py); these tests compare them on
every bundled case, on seeded random profiles (a few hundred by default, 10,000 with
DIAGNOSE_EQUIVALENCE_10K=1) and
on small rule bases that use every operator, negation and chaining.
"""
import dataclasses
import os
import pickle
import random

import pytest

from diagnose.batch import portfolio
from diagnose.inference import bulk, engine
from diagnose.inference.diagnosis import diagnose
from diagnose.inference.fixpoint import FixpointEvaluator
from diagnose.kb.profile import Profile, load_profile, validate_profile
from diagnose.output.render import to_json

from test_engine import small_kb


def seeded_profiles(kb, n: int, seed: int) -> list[Profile]:
    """Random valid profiles; the answer density varies so that negated branches are exercised."""
    rng = random.Random(seed)
    profiles = []
    for i in range(n):
        density = rng.choice([0.05, 0.3, 0.6, 0.9, 1.0])
        raw = {"name": f"p{i}"}
        for q in kb.questions.values():
            if rng.random() < density:
                if q.kind == "number":
                    raw[q.id] = rng.choice([int(q.min), int(q.max), rng.randint(int(q.min), int(q.max)),
                                            rng.uniform(q.min, q.max), "unknown"])
                else:
                    raw[q.id] = rng.choice(q.allowed_values() + ["unknown"])
        profiles.append(validate_profile(kb, raw))
    return profiles


def assert_same_diagnoses(kb, profiles):
    expected = [to_json(diagnose(kb, p)) for p in profiles]
    got = [to_json(d) for d in bulk.diagnose_many(kb, profiles, workers=1)]
    assert got == expected


def test_every_bundled_case_gives_the_same_diagnosis_json(kb, case_paths):
    assert_same_diagnoses(kb, [load_profile(kb, path) for path in case_paths])


def test_random_profiles_give_the_same_diagnosis_json(kb):
    assert_same_diagnoses(kb, seeded_profiles(kb, 200, seed=13))


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("DIAGNOSE_EQUIVALENCE_10K"),
                    reason="about 15 minutes; run with DIAGNOSE_EQUIVALENCE_10K=1 pytest -m slow tests/test_bulk.py")
def test_ten_thousand_random_profiles_give_the_same_diagnosis_json(kb):
    for start in range(0, 10_000, 1_000):
        assert_same_diagnoses(kb, seeded_profiles(kb, 1_000, seed=start))


OPERATORS_KB = """
- {id: a, when: {all: [{low_entry_barrier: true}, {not: {export_oriented: true}}]}, then: {fact: f_a}}
- {id: b, when: {any: [{fact: f_a}, {firm_count: {ge: 2000}}]}, then: {problem: over_competition}}
- {id: c, when: {not: {problem: over_competition}}, then: {problem: brand_imitation}}
- {id: d, when: {all: [{firm_count: {gt: 50}}, {firm_count: {lt: 3000}}]}, then: {fact: f_d}}
- {id: e, when: {all: [{fact: f_d}, {not: {fact: f_a}}, {export_oriented: {ne: true}}]}, then: {problem: brand_imitation}}
- {id: f, when: {firm_count: {in: [100, 200, 300]}}, then: {fact: f_f}}
- {id: g, when: {all: [{fact: f_f}, {firm_count: {le: 100}}, {firm_count: {eq: 100}}]}, then: {problem: over_competition}}
- {id: h, when: {not: {any: [{low_entry_barrier: true}, {fact: f_d}]}}, then: {fact: f_h}}
"""


def test_small_rule_base_with_every_operator_negation_and_chaining(kb):
    if "firm_count" not in kb.questions:
        pytest.skip("the bundled questions changed; adapt the small rule base")
    k = small_kb(kb, OPERATORS_KB)
    rng = random.Random(7)
    profiles = []
    for i in range(400):
        answers = {}
        for qid in ("low_entry_barrier", "export_oriented"):
            answers[qid] = rng.choice([True, False, "unknown"])
        answers["firm_count"] = rng.choice([1, 50, 100, 100.0, 200, 2000, 2999.5, 3000, 3001, "unknown"])
        profiles.append(Profile(name=f"p{i}", answers=answers))
    evaluator = FixpointEvaluator(k)
    for p in profiles:
        assert evaluator.run(p) == engine.run(k, p), p.answers


def test_an_engine_built_for_one_profile_fires_like_the_whole_network(kb, case_paths):
    profiles = [load_profile(kb, path) for path in case_paths] + seeded_profiles(kb, 60, seed=21)
    for p in profiles:
        assert engine.SingleRun(kb).run(p) == engine.run(kb, p), p.name
    small = small_kb(kb, OPERATORS_KB)
    for age in (1, 50, 100, 2000, 3000, "unknown"):
        for barrier in (True, False, "unknown"):
            p = Profile(name="t", answers={"firm_count": age, "low_entry_barrier": barrier, "export_oriented": False})
            assert engine.SingleRun(small).run(p) == engine.run(small, p)


def test_parallel_bulk_keeps_input_order_and_equals_the_sequential_path(kb):
    profiles = seeded_profiles(kb, 250, seed=99)
    sequential = [to_json(d) for d in bulk.diagnose_many(kb, profiles, workers=1)]
    parallel = [to_json(d) for d in bulk.diagnose_many(kb, profiles, workers=2)]
    assert parallel == sequential
    assert [d.profile["name"] for d in bulk.diagnose_many(kb, profiles[:3], workers=1)] == ["p0", "p1", "p2"]


def test_the_rule_base_sent_to_spawned_workers_pickles_and_evaluates(kb):
    """Where fork is unavailable, workers unpickle the rule base and build their own evaluator."""
    p = seeded_profiles(kb, 1, seed=5)[0]       # validating builds the (unpicklable) profile model
    clone = pickle.loads(pickle.dumps(bulk._picklable(kb)))
    assert FixpointEvaluator(clone).run(p) == engine.run(kb, p)


def test_a_large_batch_uses_the_idle_cores_only(monkeypatch):
    monkeypatch.setattr(bulk, "available_cores", lambda: 4)
    monkeypatch.setattr(bulk.os, "getloadavg", lambda: (0.2, 0.0, 0.0))
    assert bulk.idle_cores() == 4
    monkeypatch.setattr(bulk.os, "getloadavg", lambda: (2.6, 0.0, 0.0))
    assert bulk.idle_cores() == 1
    monkeypatch.setattr(bulk.os, "getloadavg", lambda: (11.0, 0.0, 0.0))
    assert bulk.idle_cores() == 1


def test_a_stream_of_profiles_is_read_a_few_chunks_ahead_of_the_results(kb):
    """Rows being read from a sheet: the workers start before the stream ends, and it is not read
    far ahead of what has been diagnosed (memory does not grow with the length of the sheet)."""
    profiles = seeded_profiles(kb, 1_500, seed=3)
    taken = []

    def stream():
        for p in profiles:
            taken.append(p.name)
            yield p

    results = bulk.diagnose_many(kb, stream(), workers=2, keep=portfolio.findings, only_conclusions=True)
    first = next(results)
    ahead = bulk.PARALLEL_FROM + (bulk.AHEAD * 2 + 1) * bulk.CHUNK
    assert len(taken) <= ahead < len(profiles)
    rest = list(results)
    evaluator = FixpointEvaluator(kb)
    assert [first, *rest] == [portfolio.findings(kb, diagnose(kb, p, runner=evaluator)) for p in profiles]


def test_conclusions_only_leave_out_the_trace_and_unanswered_and_nothing_else(kb, case_paths):
    evaluator = FixpointEvaluator(kb)
    for path in case_paths:
        p = load_profile(kb, path)
        full = diagnose(kb, p, runner=evaluator)
        assert full.trace
        bare = diagnose(kb, p, runner=evaluator, with_trace=False, with_unanswered=False)
        assert bare == dataclasses.replace(full, trace=[], unanswered=[]), path.name
