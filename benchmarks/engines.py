"""Engine figures: experta, the fixpoint (bulk) evaluator and CLIPS on the same compiled rules.

Every engine sees the same seeded random profiles; the conclusion sets are compared on every
profile before any time is reported. Timings are interleaved per profile so that a change in the
machine's load hits every engine alike.
"""
from __future__ import annotations

import gc
import random
import statistics
import tempfile
import time
from functools import partial
from pathlib import Path

import yaml

from diagnose.inference import engine
from diagnose.inference import bulk
from diagnose.inference.bulk import diagnose_many
from diagnose.inference.diagnosis import diagnose
from diagnose.inference.fixpoint import FixpointEvaluator
from diagnose.kb.knowledge import load_knowledge_base
from diagnose.kb.profile import load_profile, validate_profile
from diagnose.kb.resources import cases_dir, rules_dir

from clips_rules import ClipsEvaluator


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def random_profiles(kb, n: int, seed: int = 1) -> list:
    """Valid profiles: each question answered with probability 0.6 (yes/no/choice/unknown/number)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        raw = {"name": f"random {i}"}
        for q in kb.questions.values():
            if rng.random() < 0.6:
                raw[q.id] = rng.randint(int(q.min), int(q.max)) if q.kind == "number" else \
                    rng.choice(q.allowed_values() + ["unknown"])
        out.append(validate_profile(kb, raw))
    return out


def case_profiles(kb) -> list:
    return [load_profile(kb, path) for path in sorted(cases_dir().glob("*.yaml"))]


def conclusions(kb, fired_rules) -> set:
    by_id = {rule.id: rule for rule in kb.rules}
    return {(by_id[r].then.kind, by_id[r].then.id) for r in fired_rules}


def check_agreement(kb, profiles, clips: ClipsEvaluator, fixpoint: FixpointEvaluator) -> int:
    """Profiles on which experta, CLIPS and the fixpoint reach other rules or conclusions (must be 0)."""
    bad = 0
    for p in profiles:
        experta_rules = set(engine.run(kb, p))
        others = (clips.run(p), set(fixpoint.run(p)))
        if any(rules != experta_rules or conclusions(kb, rules) != conclusions(kb, experta_rules) for rules in others):
            bad += 1
    return bad


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def forget_engines() -> None:
    """Drop the experta networks kept per rule base, so that a larger one is not measured beside them."""
    engine._INSTANCES.clear()
    engine._COMPILED.clear()
    gc.collect()


def per_profile(kb, profiles, *, with_experta: bool = True, with_diagnose: bool = True) -> dict[str, list[float]]:
    """Seconds per profile for each engine, interleaved. The long-lived objects (rule bases, networks)
    are frozen out of the garbage collector's scans, and garbage is collected between runs (as timeit
    does), so that one engine's garbage is not charged to the next."""
    clips, fixpoint = ClipsEvaluator(kb, fresh_every=100), FixpointEvaluator(kb)
    engine.run(kb, profiles[0])                 # build experta's network outside the timings
    times: dict[str, list[float]] = {"experta": [], "diagnose": [], "clips": [], "fixpoint": []}
    gc.collect()
    gc.freeze()
    gc.disable()                                # collected between profiles, outside the timings
    for p in profiles:
        gc.collect()
        if with_experta:
            times["experta"].append(timed(engine.run, kb, p))
        if with_diagnose:
            times["diagnose"].append(timed(diagnose, kb, p))
        times["clips"].append(timed(clips.run, p))   # includes a fresh environment every 100 profiles
        times["fixpoint"].append(timed(fixpoint.run, p))
    gc.enable()
    gc.unfreeze()
    return {k: v for k, v in times.items() if v}


def growth(sizes: dict, profiles) -> dict[int, dict[str, list[float]]]:
    """Seconds per profile for each engine on each rule base size, sizes and engines interleaved per profile."""
    runners = {copies: {"experta": partial(engine.run, kb), "clips": ClipsEvaluator(kb).run,
                        "fixpoint": FixpointEvaluator(kb).run} for copies, kb in sizes.items()}
    for copies, kb in sizes.items():
        engine.run(kb, profiles[0])             # networks built outside the timings
    times = {copies: {key: [] for key in ("experta", "clips", "fixpoint")} for copies in sizes}
    gc.collect()
    gc.freeze()
    gc.disable()                                # collected between runs, outside the timings: experta's
    for p in profiles:                          # garbage must not be charged to the next engine
        for copies, by_engine in runners.items():
            for key, run in by_engine.items():
                gc.collect()
                times[copies][key].append(timed(run, p))
    gc.enable()
    gc.unfreeze()
    return times


def bulk_workers(profiles) -> int:
    """How many processes diagnose_many chooses for this batch now."""
    return bulk.idle_cores() if len(profiles) >= bulk.PARALLEL_FROM else 1


def bulk_throughput(kb, profiles, workers: int | None) -> float:
    """Full diagnoses per second through diagnose_many (process start-up and pickling included)."""
    start = time.perf_counter()
    count = sum(1 for _ in diagnose_many(kb, profiles, workers=workers))
    return count / (time.perf_counter() - start)


def scaled_rule_base(copies: int):
    """The bundled rule base with every rule present ``copies`` times (copies renamed *_copyN)."""
    if copies == 1:
        return load_knowledge_base()
    folder = Path(tempfile.mkdtemp(prefix="bench-rules-"))
    extra = []
    for n in range(2, copies + 1):
        rules = []
        for path in sorted(rules_dir().glob("*.yaml")):
            if path.name in ("kb.yaml", "questions.yaml"):
                continue
            for rule in yaml.safe_load(path.read_text(encoding="utf-8")).get("rules", []):
                rules.append({**rule, "id": f"{rule['id']}_copy{n}"})
        target = folder / f"copy{n}.yaml"
        target.write_text(yaml.safe_dump({"rules": rules}, allow_unicode=True), encoding="utf-8")
        extra.append(target)
    return load_knowledge_base(extra_rule_files=extra)


def summary(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), pct(values, 0.95)
