"""Speed figures, printed (not asserted): run `python benchmarks/bench.py [--quick]`.

- cold wall time of `diagnose assess` on a bundled case (a fresh process each time)
- engine build time (compiling the rules into experta and building its network)
- per-profile diagnosis time over random valid profiles (median, p95)
- questionnaire refresh after an answer (session update + autosave + re-render), median and p95,
  for a simulated questionnaire (answers added in random order, one in ten an edit); target p95 < 50 ms
"""
from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def cold_assess(runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "diagnose", "assess", "K-16-1990", "--format", "json"],
                       check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return times


def engine_build(runs: int) -> tuple[float, list[float]]:
    from diagnose.inference import engine
    from diagnose.kb import knowledge
    t = time.perf_counter()
    kb = knowledge.load_knowledge_base()
    load = time.perf_counter() - t
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        engine.compile_engine(kb)()
        times.append(time.perf_counter() - t)
    return load, times


def random_profiles(kb, n: int, seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        raw = {"name": f"random {i}"}
        density = rng.choice([0.1, 0.3, 0.6, 0.9])
        for q in kb.questions.values():
            if rng.random() < density:
                raw[q.id] = rng.randint(int(q.min), int(q.max)) if q.kind == "number" else \
                    rng.choice(q.allowed_values() + ["unknown"])
        out.append(raw)
    return out


def per_profile(n: int) -> list[float]:
    from diagnose.kb import knowledge
    from diagnose.inference.diagnosis import diagnose
    from diagnose.kb.profile import validate_profile
    kb = knowledge.bundled()
    profiles = [validate_profile(kb, raw) for raw in random_profiles(kb, n)]
    diagnose(kb, profiles[0])                       # warm: compile once
    times = []
    for p in profiles:
        t = time.perf_counter()
        diagnose(kb, p)
        times.append(time.perf_counter() - t)
    return times


def tui_refresh(n: int) -> dict[str, list[float]]:
    """A questionnaire as people fill it: questions answered in a random order, one in ten an edit of
    an earlier answer. Times `record()`: store, re-diagnose, autosave, re-render."""
    from diagnose.kb import knowledge
    from diagnose.tui.app import make_app
    kb = knowledge.bundled()
    rng = random.Random(3)
    times: dict[str, list[float]] = {"added": [], "edited": []}

    async def run():
        app = make_app(Path(tempfile.mkdtemp()) / "bench.yaml", "en", kb=kb)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("n")
            await pilot.pause()
            screen = app.screen
            order = [q for q in kb.questions.values() if q.kind != "number"]
            rng.shuffle(order)
            answered = []
            for _ in range(n):
                if answered and (rng.random() < 0.1 or not order):
                    q, kind = rng.choice(answered), "edited"
                else:
                    if not order:
                        break
                    q, kind = order.pop(), "added"
                    answered.append(q)
                screen.question_id = q.id
                value = rng.choice(q.allowed_values())
                t = time.perf_counter()
                screen.record(value)          # answer -> re-diagnose -> autosave -> re-render
                times[kind].append(time.perf_counter() - t)
                await pilot.pause()
    asyncio.run(run())
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    n = 40 if args.quick else 300
    ms = lambda s: f"{1000 * s:.1f} ms"  # noqa: E731

    cold = cold_assess(3 if args.quick else 10)
    print(f"cold `diagnose assess K-16-1990`: median {ms(statistics.median(cold))}, max {ms(max(cold))}")
    load, build = engine_build(3 if args.quick else 10)
    print(f"rule base load + validation: {ms(load)}")
    print(f"engine build (compile + experta network): median {ms(statistics.median(build))}")
    per = per_profile(n)
    print(f"diagnosis per profile ({n} random profiles): median {ms(statistics.median(per))}, "
          f"p95 {ms(pct(per, 0.95))}, max {ms(max(per))}")
    refresh = tui_refresh(60 if args.quick else 100)
    every = refresh["added"] + refresh["edited"]
    print(f"questionnaire refresh per answer ({len(every)} answers): median {ms(statistics.median(every))}, "
          f"p95 {ms(pct(every, 0.95))} (target p95 < 50 ms)")
    for kind, values in refresh.items():
        if values:
            print(f"  {kind} answers ({len(values)}): median {ms(statistics.median(values))}, p95 {ms(pct(values, 0.95))}")


if __name__ == "__main__":
    main()
