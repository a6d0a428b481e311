"""The portfolio's speed and memory, printed (not asserted): `python benchmarks/bench_batch.py [--clusters N]`.

Generates N clusters (default 3,000; seeded) as a town would return them: the template filled with
the drop-down's words (Chinese and English mixed, about 60% of the questions answered), saved by
openpyxl. Then, each in a fresh process as a user would run it:
  diagnose batch clusters.xlsx -o portfolio.xlsx      and      ... -o portfolio.html
as the machine's idle cores decide, then with --workers 2 (what an idle 2-core machine picks), with
wall time, CPU time and peak memory (the process's own maximum resident set, and its workers').
Then CPU per cluster of each step, and a breakdown in one process, stage after stage (the command
overlaps reading the rows with diagnosing them): reading and validating the rows, bulk diagnosis,
the portfolio's summary, writing xlsx and html. Target: each command under 10 s on the project's
2-core machine; the load average is printed before and after (figures mean little above 1).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 10.0

# Runs a command in this child and reports its own peak memory and its workers' (ru_maxrss is in KiB).
_MEASURED = """
import json, resource, sys, time
from diagnose.cli import main
start = time.perf_counter()
code = main(sys.argv[1:])
wall = time.perf_counter() - start
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
print(json.dumps({"code": code, "inside": wall, "own_kib": me.ru_maxrss, "workers_kib": kids.ru_maxrss,
                  "cpu": cpu}), file=sys.stderr)
"""


def generate(path: Path, n: int, seed: int = 7) -> float:
    """The template filled with n clusters; returns the seconds it took (not part of the figures)."""
    from openpyxl import load_workbook

    from diagnose.batch import columns as cols
    from diagnose.batch import template
    from diagnose.kb import knowledge
    start = time.perf_counter()
    kb = knowledge.bundled()
    template.write(kb, path, "zh")
    wb = load_workbook(path)
    sheet = wb.worksheets[0]
    column = {c.value: c.column for c in sheet[2]}
    rng = random.Random(seed)
    for row in range(3, 3 + n):
        sheet.cell(row=row, column=column["name"], value=f"集群 {row - 2} ({rng.choice('ABCDEFGH')} town)")
        for q in kb.questions.values():
            if rng.random() >= 0.6:
                continue
            lang = rng.choice(("zh", "en"))
            if q.kind == "number":
                value = rng.randint(int(q.min), min(int(q.max), 5000))
            else:
                value = cols.to_cell(q, rng.choice(q.allowed_values()), lang) if rng.random() > 0.1 else \
                    cols.answer_words(lang)[2]
            sheet.cell(row=row, column=column[q.id], value=value)
    wb.save(path)
    return time.perf_counter() - start


# as a user's `pip install .` leaves it: bytecode written once and reused (this shell may say otherwise)
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def measured_run(args: list[str]) -> dict:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _MEASURED, *args], capture_output=True, text=True, env=_ENV)
    wall = time.perf_counter() - start
    figures = json.loads(done.stderr.strip().splitlines()[-1])
    figures["wall"] = wall
    return figures


def breakdown(path: Path, out: Path) -> dict[str, float]:
    """The stages one after another (the command overlaps reading with diagnosing)."""
    from diagnose.batch import portfolio as pf
    from diagnose.batch import portfolio_xlsx, rows
    from diagnose.inference.bulk import diagnose_many
    from diagnose.kb import knowledge
    from diagnose.output import portfolio as rendering
    kb = knowledge.bundled()
    times = {}
    t = time.perf_counter()
    good = [item for item in rows.read(kb, [path], "zh") if isinstance(item, rows.ClusterRow)]
    times["read + validate rows"] = time.perf_counter() - t
    t = time.perf_counter()
    found = list(diagnose_many(kb, [g.profile for g in good], keep=pf.findings, only_conclusions=True))
    times["bulk diagnosis"] = time.perf_counter() - t
    t = time.perf_counter()
    entries = [pf.cluster_entry(f, i, g.profile.name, g.place.source, g.place.sheet, g.place.row)
               for i, (g, f) in enumerate(zip(good, found), start=1)]
    portfolio = pf.assemble(kb, entries, [])
    times["summaries + ranking"] = time.perf_counter() - t
    t = time.perf_counter()
    portfolio_xlsx.write(kb, portfolio, out / "breakdown.xlsx", "zh")
    times["write xlsx"] = time.perf_counter() - t
    t = time.perf_counter()
    (out / "breakdown.html").write_text(rendering.render(kb, portfolio, "html", "zh"), encoding="utf-8")
    times["write html"] = time.perf_counter() - t
    return times


def cpu_per_cluster(path: Path, sample: int = 300) -> dict[str, float]:
    """CPU milliseconds per cluster of each step, in this process, on the first rows of the input:
    what the wall times above are made of, independent of the machine's load."""
    import pickle

    from diagnose.batch import portfolio as pf
    from diagnose.batch import rows
    from diagnose.inference.diagnosis import diagnose
    from diagnose.inference.fixpoint import FixpointEvaluator
    from diagnose.kb import knowledge
    kb = knowledge.bundled()
    evaluator = FixpointEvaluator(kb)
    out = {}
    t = time.process_time()
    good = []
    for item in rows.read(kb, [path], "zh"):
        good.append(item)
        if len(good) == sample:
            break
    out["read + validate a row (main process)"] = time.process_time() - t
    t = time.process_time()
    firings = [evaluator.run(g.profile) for g in good]
    out["fixpoint run (a worker)"] = time.process_time() - t
    t = time.process_time()
    found = [pf.findings(kb, diagnose(kb, g.profile, runner=evaluator, with_unanswered=False, with_trace=False))
             for g in good]
    out["run + conclusions + findings (a worker)"] = time.process_time() - t
    t = time.process_time()
    sent = pickle.dumps(found)
    pickle.loads(sent)
    out["send the findings back: pickle + unpickle"] = time.process_time() - t
    t = time.process_time()
    for i, (g, f) in enumerate(zip(good, found), start=1):
        pf.cluster_entry(f, i, g.profile.name, g.place.source, g.place.sheet, g.place.row)
    out["portfolio entry (main process)"] = time.process_time() - t
    t = time.process_time()
    full = [diagnose(kb, g.profile, runner=evaluator) for g in good]
    out["for --reports: full diagnosis (a worker)"] = time.process_time() - t
    t = time.process_time()
    pickle.loads(pickle.dumps(full))
    out["for --reports: pickle + unpickle it"] = time.process_time() - t
    return {name: 1000 * seconds / len(good) for name, seconds in out.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=int, default=3000)
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
          f"python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "clusters.xlsx"
        seconds = generate(source, args.clusters)
        size = source.stat().st_size
        print(f"input: {args.clusters:,} clusters, {size / 1e6:.1f} MB xlsx (generated in {seconds:.1f} s, not counted)")
        # CPU seconds (this process and its workers) do not grow with the machine's load as wall time does:
        # CPU / cores is the wall time the same work needs on an idle machine of this size
        cores = os.cpu_count() or 1
        generate(folder / "warm-up.xlsx", 20)
        for fmt in ("xlsx", "html"):   # a small batch first writes the bytecode, as a first run would
            measured_run(["batch", str(folder / "warm-up.xlsx"), "-o", str(folder / f"warm-up.{fmt}"), "--quiet"])
        from diagnose.inference.bulk import idle_cores
        print(f"worker processes the command picks now (idle cores): {idle_cores()}")
        print(f"{'command':56} {'wall s':>7} {'wall/10s':>8} {'cpu s':>6} {'cpu/cores':>9} {'ms/cluster':>10} "
              f"{'peak MB':>8} {'workers MB':>10}")
        # the commands as a user runs them, then forced onto 2 workers: what an idle 2-core machine picks
        for fmt, extra in (("xlsx", []), ("html", []), ("xlsx", ["--workers", "2"]), ("html", ["--workers", "2"])):
            out = folder / f"portfolio.{fmt}"
            figures = measured_run(["batch", str(source), "-o", str(out), "--quiet", *extra])
            assert figures["code"] == 0, figures
            label = f"diagnose batch clusters.xlsx -o portfolio.{fmt} {' '.join(extra)}"
            print(f"{label:56} {figures['wall']:7.2f} "
                  f"{figures['wall'] / TARGET_SECONDS:7.2f}x {figures['cpu']:6.1f} {figures['cpu'] / cores:9.2f} "
                  f"{1000 * figures['wall'] / args.clusters:10.2f} "
                  f"{figures['own_kib'] / 1024:8.0f} {figures['workers_kib'] / 1024:10.0f}")
            print(f"{'':56} output {out.stat().st_size / 1e6:.1f} MB")
        print("CPU per cluster (ms):")
        for name, ms in cpu_per_cluster(source).items():
            print(f"  {name:44} {ms:6.2f}")
        print("breakdown in one process (s; the bulk diagnosis on the idle cores):")
        times = breakdown(source, folder)
        total = sum(times.values())
        for name, value in times.items():
            print(f"  {name:24} {value:6.2f}  {value / total:5.1%}")
    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
