"""What a cold start skips must not change what a command gives: the quick exit of the one-shot
commands, the network built for one profile. (A profile's validator is cheap enough to build whole, ~0.5 ms:
tests/test_profile_validation.py.)"""
import json
import subprocess
import sys


def run_script(*args, **kw):
    return subprocess.run([sys.executable, "-m", "diagnose", *args], capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL, **kw)


def test_the_quick_exit_flushes_the_whole_report():
    r = run_script("assess", "K-16-1990", "--format", "json")
    assert r.returncode == 0 and r.stderr == ""
    assert json.loads(r.stdout)["governance_type"]["id"] == "market_type"
    assert r.stdout.endswith("}\n") and len(r.stdout) > 10_000


def test_a_reader_that_leaves_early_gets_no_traceback():
    proc = subprocess.Popen([sys.executable, "-m", "diagnose", "assess", "K-16-1990", "--format", "json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    proc.stdout.read(10)
    proc.stdout.close()                   # as `| head -c 10` does
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0 and "Traceback" not in stderr


def test_the_quick_exit_keeps_the_exit_codes(tmp_path):
    r = run_script("assess", str(tmp_path / "missing.yaml"))
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
    r = run_script("whatif", "K-16-1990", "--adopt", "no_such_remedy")
    assert r.returncode == 2 and "no_such_remedy" in r.stderr


def test_the_network_built_for_one_profile_gives_the_whole_networks_report_byte_for_byte(kb, case_paths):
    """`assess` builds experta's network from the branches its answers allow (engine.SingleRun); the
    report, WHY-NOT included, must be the one the whole network gives."""
    from diagnose.inference import engine, explain
    from diagnose.inference.diagnosis import diagnose
    from diagnose.kb.profile import load_profile
    from diagnose.output import render

    from test_bulk import seeded_profiles
    profiles = [load_profile(kb, path) for path in case_paths] + seeded_profiles(kb, 200, seed=2026)
    problems = list(kb.problems)
    for n, p in enumerate(profiles):
        pruned, whole = diagnose(kb, p, runner=engine.SingleRun(kb)), diagnose(kb, p)
        ident = problems[n % len(problems)]
        why_not = [explain.why_not(kb, p, d.concluded(), ident) for d in (pruned, whole)]
        assert render.to_json(pruned, why_not[:1], kb=kb, lang="en") == \
            render.to_json(whole, why_not[1:], kb=kb, lang="en"), p.name
