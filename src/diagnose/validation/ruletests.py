"""Rule tests as data: ``tests/rules/<theme>.yaml`` holds the tests of ``rules/<theme>.yaml``.

A file is a list of tests:
```yaml
- name: A price war that firms report is observed over-competition   # a sentence: what must hold
  profile: {price_war_reported: yes}     # a partial profile; every other answer is unknown
  adopt: [production_licensing]          # optional: remedies adopted first (what-if, inference/scenarios.py)
  expect: [over_competition]             # must be shown: a problem at any evidence level, a remedy
                                         # recommended or in place, the governance type (or a parent of
                                         # it), a fact, consequence or stage concluded
  absent: [peer_price_coordination]      # must not be shown: a problem not found at all, a remedy not
                                         # recommended, a type not the diagnosed one, others not concluded
  evidence: {over_competition: observed} # optional: the exact evidence level of a problem
  considered: [peer_price_coordination]  # optional: remedies a rule reaches that must stay only considered
```
The same diagnosis as ``diagnose assess`` and ``diagnose validate``; a failure names what differed.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..inference.diagnosis import diagnose
from ..inference.results import Diagnosis
from ..inference.scenarios import adopt_remedies
from ..inputs.loading import InputError, Locator, Where, parse_yaml, pydantic_error, read_text
from ..kb.knowledge import KnowledgeBase
from ..kb.models import Evidence
from ..kb.profile import Profile, validate_profile
from .cases import bundled_case_paths, load_case

KINDS = ("problem", "remedy", "type", "fact", "consequence", "stage")


class RuleTest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=8)
    profile: dict = {}
    adopt: list[str] = []
    expect: list[str] = []
    evidence: dict[str, Evidence] = {}
    considered: list[str] = []
    absent: list[str] = []


class LoadedTest(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)
    path: Path
    index: int
    test: RuleTest
    profile: Profile

    @property
    def label(self) -> str:
        return f"{self.path.stem}: {self.test.name}"


def _read(path: Path) -> tuple[list, Locator]:
    """The file's list of tests, through the one safe YAML loader (inputs/loading.py)."""
    data, locator = parse_yaml(read_text(path), path)
    if not isinstance(data, list) or not data:
        raise InputError(path, Where(1), "top_not_test_list")
    return data, locator


def names_in(path: Path) -> list[str]:
    """The tests' names, read without a knowledge base (for pytest's test ids)."""
    return [str(t.get("name", f"#{n}")) if isinstance(t, dict) else f"#{n}" for n, t in enumerate(_read(path)[0])]


def load_tests(kb: KnowledgeBase, path: Path) -> list[LoadedTest]:
    data, locator = _read(path)
    out = []
    for n, item in enumerate(data):
        where = (n,)
        try:
            test = RuleTest.model_validate(item)
        except ValidationError as exc:
            raise pydantic_error(path, locator, exc, prefix=where) from None
        for field in ("expect", "considered", "absent", "adopt"):
            for ident in getattr(test, field):
                if _kind(kb, ident) is None:
                    raise InputError(path, locator.describe(where + (field,)), "not_a_conclusion_id", ident=ident)
        for field in ("adopt", "considered"):
            for ident in getattr(test, field):
                if ident not in kb.remedies:
                    raise InputError(path, locator.describe(where + (field,)), "not_a_remedy", ident=ident)
        for ident in test.evidence:
            if ident not in kb.problems:
                raise InputError(path, locator.describe(where + ("evidence",)), "not_a_problem", ident=ident)
        profile = validate_profile(kb, test.profile, path=path, locator=locator, prefix=where + ("profile",))
        out.append(LoadedTest(path=path, index=n, test=test, profile=profile))
    return out


def _kind(kb: KnowledgeBase, ident: str) -> Optional[str]:
    return next((kind for kind in KINDS if kb.entry(kind, ident) is not None), None)


def diagnosis_of(kb: KnowledgeBase, loaded: LoadedTest) -> Diagnosis:
    profile = loaded.profile
    if loaded.test.adopt:
        profile = adopt_remedies(kb, profile, loaded.test.adopt, str(loaded.path))[0]
    return diagnose(kb, profile, with_unanswered=False)


def _diagnosed_types(kb: KnowledgeBase, d: Diagnosis) -> set[str]:
    out, tid = set(), d.governance_type.id
    while tid:
        out.add(tid)
        tid = kb.types[tid].parent
    return out


def shown(kb: KnowledgeBase, d: Diagnosis, ident: str) -> bool:
    """Does the diagnosis show this id (for expect)? See the module's docstring."""
    kind = _kind(kb, ident)
    if kind in ("problem", "remedy"):
        return ident in d.found(kind)
    if kind == "type":
        return ident in _diagnosed_types(kb, d)
    return (kind, ident) in d.concluded()


def forbidden_shown(kb: KnowledgeBase, d: Diagnosis, ident: str) -> bool:
    """Does the diagnosis show what an `absent` entry forbids? A remedy only when it is recommended."""
    if _kind(kb, ident) == "remedy":
        return any(r.id == ident and r.status == "recommended" for r in d.remedies)
    return shown(kb, d, ident)


def failures(kb: KnowledgeBase, loaded: LoadedTest) -> list[str]:
    """What this test expected and did not get (empty: it passes)."""
    test, d = loaded.test, diagnosis_of(kb, loaded)
    out = [f"expected {i}, not shown" for i in test.expect if not shown(kb, d, i)]
    out += [f"{i} must be absent, but is shown" for i in test.absent if forbidden_shown(kb, d, i)]
    levels = {p.id: p.evidence for p in d.problems}
    out += [f"{pid} should be {level}, is {levels.get(pid, 'not found')}"
            for pid, level in test.evidence.items() if levels.get(pid) != level]
    status = {r.id: r.status for r in d.remedies}
    out += [f"{rid} should be considered, is {status.get(rid, 'not reached')}"
            for rid in test.considered if status.get(rid) != "considered"]
    return out


def fired_rules(kb: KnowledgeBase, test_paths: list[Path], case_paths: list[Path] | None = None) -> set[str]:
    """Every rule some rule test or case fires."""
    fired: set[str] = set()
    for path in test_paths:
        for loaded in load_tests(kb, path):
            fired |= {t.rule for t in diagnosis_of(kb, loaded).trace}
    for path in bundled_case_paths() if case_paths is None else case_paths:
        fired |= {t.rule for t in diagnose(kb, load_case(kb, path).profile, with_unanswered=False).trace}
    return fired


def untested(kb: KnowledgeBase, tests_dir: Path, case_paths: list[Path] | None = None) -> dict[str, list[str]]:
    """Rule files with no test file, and rules that no test and no case fires."""
    test_paths = sorted(tests_dir.glob("*.yaml"))
    files = sorted({rule.source_file for rule in kb.rules})
    fired = fired_rules(kb, test_paths, case_paths)
    return {"rule_files_without_tests": [f for f in files if not (tests_dir / f).is_file()],
            "rules_never_fired": [rule.id for rule in kb.rules if rule.id not in fired]}
