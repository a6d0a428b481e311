"""Property tests over profiles generated from the questions file."""
import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from diagnose.kb import knowledge
from diagnose.inference.diagnosis import diagnose
from diagnose.kb.profile import validate_profile
from diagnose.output.render import to_json

KB = knowledge.bundled()


def _value(q):
    if q.kind == "yes_no":
        return st.sampled_from([True, False, "unknown"])
    if q.kind == "one_of":
        return st.sampled_from(q.allowed_values() + ["unknown"])
    return st.one_of(st.just("unknown"), st.integers(int(q.min), int(q.max)))


PROFILES = st.fixed_dictionaries({"name": st.text(min_size=1, max_size=20).filter(str.strip)},
                                 optional={q.id: _value(q) for q in KB.questions.values()})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=PROFILES)
def test_any_valid_profile_is_diagnosed_with_cited_explanations(raw):
    profile = validate_profile(KB, raw)
    d = diagnose(KB, profile)
    json.loads(to_json(d))
    trace = {t.id: t for t in d.trace}
    for t in d.trace:
        assert t.citation.quote in KB.paragraphs[t.citation.paragraph]
    for p in d.problems:
        assert p.because and all(b in trace for b in p.because)
        assert 0 < p.certainty <= 1
    found = {p.id for p in d.problems}
    for r in d.remedies:
        if r.status == "recommended":
            assert r.because and all(b in trace for b in r.because)
            assert set(r.addresses) & found or KB.remedies[r.id].preconditions, r.id
        assert set(r.addresses) <= found
    if d.governance_type.id:
        assert d.governance_type.because


@settings(max_examples=40, deadline=None)
@given(raw=PROFILES)
def test_diagnosis_is_a_pure_function_of_the_answers(raw):
    profile = validate_profile(KB, raw)
    assert to_json(diagnose(KB, profile)) == to_json(diagnose(KB, profile))


@pytest.mark.slow
def test_determinism_across_hash_seeds_for_a_sample_of_bundled_cases(cli, case_paths, tmp_path):
    """One subprocess per seed diagnoses a fixed sample of the bundled cases (every third, so every kind
    of cluster is in it); the bytes must be identical. In-process tests cover every case."""
    script = tmp_path / "all.py"
    script.write_text(
        "import sys\nfrom diagnose.kb import knowledge\nfrom diagnose.validation import cases as validate\nfrom diagnose.output import render as report\nfrom diagnose.inference.diagnosis import diagnose\n"
        "kb = knowledge.bundled()\n"
        "for p in validate.bundled_case_paths()[::3]:\n"
        "    sys.stdout.write(report.to_json(diagnose(kb, validate.load_case(kb, p).profile)))\n")
    import os
    import subprocess
    import sys
    outputs = set()
    for seed in ("0", "1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=300)
        assert out.returncode == 0, out.stderr
        outputs.add(out.stdout)
    assert len(outputs) == 1 and len(next(iter(outputs))) > 1000


@pytest.mark.slow
def test_random_profiles_identical_across_seeds(tmp_path):
    """A sample of generated profiles, each diagnosed under several hash seeds."""
    import os
    import random
    import subprocess
    import sys
    rng = random.Random(7)
    profiles = []
    for _ in range(15):
        raw = {"name": "p"}
        for q in KB.questions.values():
            if rng.random() < 0.5:
                raw[q.id] = rng.choice(q.allowed_values() + ["unknown"]) if q.kind != "number" else rng.randint(1, 3000)
        profiles.append(raw)
    data = tmp_path / "profiles.json"
    data.write_text(json.dumps(profiles))
    script = tmp_path / "run.py"
    script.write_text(
        "import json, sys\nfrom diagnose.kb import knowledge\nfrom diagnose.output import render as report\nfrom diagnose.inference.diagnosis import diagnose\n"
        "from diagnose.kb.profile import validate_profile\nkb = knowledge.bundled()\n"
        f"for raw in json.load(open({str(data)!r})):\n"
        "    sys.stdout.write(report.to_json(diagnose(kb, validate_profile(kb, raw))))\n")
    outs = {subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300,
                           env={**os.environ, "PYTHONHASHSEED": s}).stdout for s in ("0", "11", "222")}
    assert len(outs) == 1
