"""What a warm start of a one-shot command loads (issue 13, cold start): the modules it skips are the
time it saves, so a module that slips back onto the path fails here, not in a benchmark.

`assess` reads the rule base from the cache, validates the profile with pydantic-core, runs experta and
writes JSON: pydantic's model machinery (BaseModel, TypeAdapter, schema generation) only loads when
files are validated (a cache miss, `rules check`) or a JSON Schema is printed.
"""
import json
import subprocess
import sys

import pytest

MODEL_MACHINERY = {"pydantic.main", "pydantic.fields", "pydantic.type_adapter", "pydantic._internal._generate_schema"}

_RUN = '''
import sys
from diagnose.cli import main
code = main(sys.argv[1:])
print("\\n".join(sorted(sys.modules)), file=sys.stderr)
sys.exit(code)
'''


def run(args, env):
    return subprocess.run([sys.executable, "-c", _RUN, *args], capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def warm_cache(tmp_path, monkeypatch):
    """A user cache folder of its own, filled by one run (that run parses and validates the rule files)."""
    import os
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    first = run(["assess", "K-16-1990", "--format", "json"], env)
    assert first.returncode == 0, first.stderr[-2000:]
    assert MODEL_MACHINERY & set(first.stderr.split())    # a cache miss validates with pydantic's models
    return env, first.stdout


def test_assess_from_a_warm_cache_loads_no_model_machinery_and_says_the_same(warm_cache):
    env, first_output = warm_cache
    again = run(["assess", "K-16-1990", "--format", "json"], env)
    loaded = set(again.stderr.split())
    assert again.returncode == 0
    assert again.stdout == first_output
    assert json.loads(again.stdout)["problems"]
    assert not loaded & MODEL_MACHINERY, sorted(loaded & MODEL_MACHINERY)
    assert not loaded & {"jinja2", "textual", "openpyxl"}


def test_a_bad_profile_from_a_warm_cache_is_still_refused_by_pydantic_core(warm_cache, tmp_path):
    env, _ = warm_cache
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nzzz: 1\n", encoding="utf-8")
    again = run(["assess", str(bad), "--format", "json"], env)
    assert again.returncode == 2
    assert "field zzz: unknown field" in again.stderr
    loaded = set(again.stderr.split())
    assert "pydantic_core" in loaded and not loaded & MODEL_MACHINERY


def test_questions_load_neither_the_engine_nor_the_model_machinery(warm_cache):
    env, _ = warm_cache
    listed = run(["questions"], env)
    loaded = set(listed.stderr.split())
    assert listed.returncode == 0 and "?" in listed.stdout
    assert not loaded & (MODEL_MACHINERY | {"experta", "jinja2"}), sorted(loaded & (MODEL_MACHINERY | {"experta"}))
