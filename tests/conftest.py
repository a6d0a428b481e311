"""Shared fixtures. The compat shim must run before anything imports experta."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import diagnose.inference.experta_compat  # noqa: F401  (frozendict / logging fixes before experta)
import pytest

from diagnose.kb import knowledge
from diagnose.kb.resources import cases_dir, rules_dir

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def kb():
    return knowledge.bundled()


@pytest.fixture(scope="session")
def case_paths():
    return sorted(cases_dir().glob("*.yaml"))


@pytest.fixture
def rules_copy(tmp_path, monkeypatch):
    """A copy of the bundled rule base to edit, with a user cache folder of its own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    target = tmp_path / "rules"
    shutil.copytree(rules_dir(), target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def run_cli(*args, env_extra=None, cwd=None, timeout=120):
    """Run `python -m diagnose ARGS` in a fresh process, as a user would."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}   # a test sets the seed it wants
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "diagnose", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=timeout, stdin=subprocess.DEVNULL)


@pytest.fixture
def cli():
    return run_cli


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/ from the current outputs (on purpose, after a wanted change)")
