"""What a cold start skips must not change what a command gives: the first profile's smaller model,
the quick exit of the one-shot commands."""
import json
import subprocess
import sys

import pytest

from diagnose.inputs.errors import InputError
from diagnose.inputs.loading import load_document
from diagnose.kb.knowledge import KnowledgeBase
from diagnose.kb.profile import profile_model, validate_profile


def fresh(kb: KnowledgeBase) -> KnowledgeBase:
    """The same rule base as a knowledge base that has validated no profile yet."""
    clone = object.__new__(KnowledgeBase)
    clone.__dict__.update({k: v for k, v in kb.__dict__.items() if k not in ("_profile_model", "_validated_one")})
    return clone


def outcome(kb, data):
    try:
        return validate_profile(kb, data, path="p.yaml")
    except InputError as exc:
        return ("error", exc.message)


def first_and_whole(kb, data):
    """The outcome through the first-profile model, and through the whole model."""
    first_kb = fresh(kb)
    first = outcome(first_kb, data)
    assert getattr(first_kb, "_profile_model", None) is None     # the whole model was not built
    whole_kb = fresh(kb)
    profile_model(whole_kb)                                      # built first: every profile uses it
    return first, outcome(whole_kb, data)


def test_the_first_profile_validates_as_the_whole_model_does_on_every_bundled_case(kb, case_paths):
    for path in case_paths:
        data = load_document(path).data["profile"]
        first, whole = first_and_whole(kb, data)
        assert first == whole, path.name
        assert first.answers == whole.answers and list(first.answers) == list(kb.questions)


BAD = [
    {"name": ""},                                                  # too short
    {"no_such_question": True},                                    # unknown key
    {"name": "x", "zzz": 1, "aaa": 2},                             # two unknown keys: the same first one named
]


@pytest.mark.parametrize("bad", range(len(BAD) + 3))
def test_the_first_profile_gives_the_whole_models_errors(kb, bad):
    questions = list(kb.questions.values())
    yes_no = next(q for q in questions if q.kind == "yes_no")
    one_of = next(q for q in questions if q.kind == "one_of")
    number = next(q for q in questions if q.kind == "number")
    extra = [{yes_no.id: "maybe", one_of.id: "not-a-choice"},        # two bad answers: the same first one named
             {number.id: number.max + 1, "name": "n"},
             {one_of.id: one_of.allowed_values()[0], "stray": 0, yes_no.id: 3}]
    data = (BAD + extra)[bad]
    first, whole = first_and_whole(kb, data)
    assert first == whole and first[0] == "error"


def test_after_the_first_profile_the_whole_model_serves_every_other(kb):
    clone = fresh(kb)
    validate_profile(clone, {"name": "a"})
    validate_profile(clone, {"name": "b"})
    assert clone._profile_model is not None


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
