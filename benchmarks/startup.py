"""Start-up and questionnaire figures: fresh processes against their bare imports, the first screen,
and the questionnaire's refresh after each answer while another process keeps one core busy."""
from __future__ import annotations

import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from engines import pct

BIN = Path(sys.executable).parent
DIAGNOSE = [str(BIN / "diagnose")] if (BIN / "diagnose").exists() else [sys.executable, "-m", "diagnose"]
BARE = "import diagnose.inference.experta_compat, experta, pydantic, yaml"

COMMANDS = {
    "python -c 'import argparse'": [sys.executable, "-c", "import argparse"],
    "diagnose --help": DIAGNOSE + ["--help"],
    f"python -c '{BARE}'": [sys.executable, "-c", BARE],
    "diagnose assess K-16-1990 --format json": DIAGNOSE + ["assess", "K-16-1990", "--format", "json"],
    "diagnose questions": DIAGNOSE + ["questions"],
    "diagnose schema": DIAGNOSE + ["schema"],
}


def run_child(cmd: list[str], env: dict) -> float:
    """Wall time of one fresh process."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd} failed: {proc.stderr.decode()[-500:]}")
    return elapsed


def peak_memory(cmd: list[str], env: dict) -> int:
    """Peak resident memory (KiB) of one run, through /usr/bin/time (a child forked from this large
    process would report this process's size); 0 where /usr/bin/time is missing."""
    if not Path("/usr/bin/time").exists():
        return 0
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    return int(proc.stderr.strip().splitlines()[-1])


def child_env(**extra) -> dict:
    """The children's environment: with bytecode, as an installed product has it (PYTHONDONTWRITEBYTECODE,
    if this shell sets it, would make every child compile the project's sources again, ~30 ms)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, **extra}


def cold_starts(runs: int) -> dict[str, dict]:
    """Every command ``runs`` times, interleaved, with a warm rule-base cache in a private cache folder;
    and ``assess`` with an empty cache folder each time (the first run after installing or editing rules).
    One untimed run of every command first writes the bytecode and the cache."""
    cache = tempfile.mkdtemp(prefix="bench-cache-")
    env = child_env(XDG_CACHE_HOME=cache)
    for cmd in COMMANDS.values():
        run_child(cmd, env)
    results = {name: {"times": [], "rss": peak_memory(cmd, env)} for name, cmd in COMMANDS.items()}
    assess = COMMANDS["diagnose assess K-16-1990 --format json"]
    results["assess, empty cache"] = {"times": [], "rss": peak_memory(assess, child_env(
        XDG_CACHE_HOME=tempfile.mkdtemp(prefix="bench-cache-")))}
    for _ in range(runs):
        for name, cmd in COMMANDS.items():
            results[name]["times"].append(run_child(cmd, env))
        empty = child_env(XDG_CACHE_HOME=tempfile.mkdtemp(prefix="bench-cache-"))
        results["assess, empty cache"]["times"].append(run_child(assess, empty))
    for item in results.values():
        item["median"] = statistics.median(item["times"])
    return results


FIRST_SCREEN = """
import asyncio, sys
from diagnose.tui.app import make_app
async def main():
    app = make_app(sys.argv[1], "zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        print("ready", type(app.screen).__name__, flush=True)
        sys.stdout.close()
        import os; os._exit(0)          # the first screen is drawn: stop the clock, skip the teardown
asyncio.run(main())
"""


def first_screen(runs: int) -> list[float]:
    """Seconds from starting a fresh process until the questionnaire's first screen has been drawn."""
    times = []
    env = child_env(XDG_CACHE_HOME=tempfile.mkdtemp(prefix="bench-cache-"))
    for n in range(runs + 1):
        profile = Path(tempfile.mkdtemp()) / "profile.yaml"
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", FIRST_SCREEN, str(profile)], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = proc.stdout.readline()
        elapsed = time.perf_counter() - start
        proc.wait()
        if not line.startswith("ready"):
            raise RuntimeError(f"questionnaire did not start: {proc.stderr.read()[-500:]}")
        proc.stdout.close()
        proc.stderr.close()
        if n:                                  # the first run writes the bytecode and the rule-base cache
            times.append(elapsed)
    return times


@contextmanager
def one_busy_core():
    """Another process spinning on one core for the duration."""
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.5)
        yield
    finally:
        busy.kill()
        busy.wait()


def questionnaire_refresh(n: int, seed: int = 3, on_ui_thread: bool = False) -> dict[str, list[float]]:
    """A questionnaire as people fill it: questions in a random order, one answer in five an edit of an
    earlier one. For each answer, from the key's action (``record``, what the answer keys call) until
    (a) the next question has been painted (the first screen update sent to the terminal after it) and
    (b) the panel shows the diagnosis of this answer (from the worker: diagnose, adopt, render) and has
    been painted (``call_after_refresh``). The autosave follows in its own worker, and is waited for
    before the next answer. Returns {"<kind>": panel times, "<kind>, next question": times} for added,
    seen-by-a-not and edited. ``on_ui_thread``: the same answers as the questionnaire handled them before
    the worker (diagnose, save, next question, all on the UI thread), for the comparison."""
    from diagnose.kb import knowledge
    from diagnose.kb.graph import monotone_questions
    from diagnose.tui.app import make_app
    kb = knowledge.bundled()
    sees_not = set(kb.questions) - monotone_questions(kb)
    rng = random.Random(seed)
    kinds = ("added", "added, seen by a not", "edited")
    times: dict[str, list[float]] = {k: [] for k in kinds} | {f"{k}, next question": [] for k in kinds}

    async def run():
        app = make_app(Path(tempfile.mkdtemp()) / "bench.yaml", "en", kb=kb)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("n")
            await pilot.pause()
            screen, session = app.screen, app.session
            painted = asyncio.Event()
            display = app._display          # what sends a repaint to the terminal

            def display_and_tell(*args, **kwargs):
                display(*args, **kwargs)
                painted.set()
            app._display = display_and_tell
            order = [q for q in kb.questions.values() if q.kind != "number"]
            rng.shuffle(order)
            answered = []
            for _ in range(n):
                if answered and (rng.random() < 0.2 or not order):
                    q, kind = rng.choice(answered), "edited"
                    value = rng.choice([v for v in q.allowed_values() if v != session.answers[q.id]])
                else:
                    if not order:
                        break
                    q = order.pop()
                    kind = "added, seen by a not" if q.id in sees_not else "added"
                    answered.append(q)
                    value = rng.choice(q.allowed_values())
                screen.go(q.id)
                await app.workers.wait_for_complete()
                await pilot.pause()
                panel = asyncio.Event()
                target = session.generation + 1

                def painted_when_current(show=screen.show_diagnosis):
                    show()
                    if session.diagnosed == target:
                        screen.call_after_refresh(panel.set)
                screen.show_diagnosis = painted_when_current
                painted.clear()
                start = time.perf_counter()
                if on_ui_thread:
                    session.answer(q.id, value)
                    screen.action_next()
                else:
                    screen.record(value)
                await asyncio.wait_for(painted.wait(), timeout=30)
                times[f"{kind}, next question"].append(time.perf_counter() - start)
                await asyncio.wait_for(panel.wait(), timeout=30)
                times[kind].append(time.perf_counter() - start)
                del screen.show_diagnosis
    asyncio.run(run())
    return times


def summary(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), pct(values, 0.95)


def cold_start_ratios(runs: int) -> None:
    """The cold-start figures alone, as ratios to their bare imports, with the load they ran under."""
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    results = cold_starts(runs)
    names = list(COMMANDS)
    print(f"cold starts, median of {runs} fresh processes each, interleaved; load average before: {load}")
    for name, item in results.items():
        print(f"  {item['median'] * 1000:6.1f} ms  {name}")
    for command, bare in ((names[1], names[0]), (names[3], names[2])):
        ratio = results[command]["median"] / results[bare]["median"]
        print(f"  `{command}` / `{bare}`: {ratio:.2f}x (target <= 2x)")


if __name__ == "__main__":
    cold_start_ratios(int(sys.argv[1]) if len(sys.argv) > 1 else 11)
