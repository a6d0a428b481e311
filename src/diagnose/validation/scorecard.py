"""The validation scorecard (``diagnose validate``): the rule base scored against the chapter's cases.

Scoring (contract.md): recall is the share of expected items found; precision counts only items a
case lists in ``expect`` or ``absent``. Findings listed in neither are ``extra`` and not scored.
A problem is found at any status; a remedy is found when it is ``recommended`` or ``in_place``
(the chapter documents institutions a cluster already has, such as a professional market). A governance type is correct when the
diagnosed type is the expected one or a subtype of it.

``--structural`` drops the answers to reported-incident questions and diagnoses again, to show the
rule base predicts problems from structure and does not merely echo incidents.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from pydantic import BaseModel

from ..inference.diagnosis import diagnose
from ..inference.results import Diagnosis
from ..kb.knowledge import KnowledgeBase
from .cases import Case, bundled_case_paths, load_case, without_incidents

THRESHOLDS = {"problem_recall": 0.95, "remedy_recall": 0.90, "precision": 0.95, "type_accuracy": 1.0,
              "structural_problem_recall": 0.85}


class CaseResult(BaseModel):
    case: str
    passed: bool
    missing: list[str]
    false_alarms: list[str]
    extra: list[str]
    type_expected: Optional[str] = None
    type_found: Optional[str] = None
    type_correct: Optional[bool] = None
    fired: list[str] = []
    trace: dict[str, list[str]] = {}   # for each missing or falsely found id: the rules behind it or that could reach it


class Scorecard(BaseModel):
    cases: int
    passed: int
    problems: dict[str, float]
    remedies: dict[str, float]
    governance_type: dict[str, float]
    results: list[CaseResult]
    structural: bool = False
    thresholds: dict[str, float] = THRESHOLDS

    def meets_thresholds(self, structural: bool = False) -> bool:
        if structural:
            return self.problems["recall"] >= THRESHOLDS["structural_problem_recall"] and \
                self.governance_type["accuracy"] >= THRESHOLDS["type_accuracy"]
        return (self.problems["recall"] >= THRESHOLDS["problem_recall"]
                and self.remedies["recall"] >= THRESHOLDS["remedy_recall"]
                and self.problems["precision"] >= THRESHOLDS["precision"]
                and self.remedies["precision"] >= THRESHOLDS["precision"]
                and self.governance_type["accuracy"] >= THRESHOLDS["type_accuracy"])


def _ancestors(kb: KnowledgeBase, tid: Optional[str]) -> set[str]:
    out = set()
    while tid:
        out.add(tid)
        tid = kb.types[tid].parent if tid in kb.types else None
    return out


def score_case(kb: KnowledgeBase, case: Case, d: Diagnosis) -> tuple[CaseResult, dict]:
    exp = case.file.expect
    problems, remedies = set(d.found("problem")), set(d.found("remedy"))
    found = problems | remedies
    expected_problems, expected_remedies = set(exp.problems), set(exp.remedies)
    expected = expected_problems | expected_remedies
    absent = set(exp.absent)
    missing = sorted(expected - found)
    false_alarms = sorted(found & absent)
    extra = sorted(found - expected - absent)
    type_found = d.governance_type.id
    type_correct = None
    if exp.governance_type:
        type_correct = exp.governance_type in _ancestors(kb, type_found)
    fired = sorted({t.rule for t in d.trace})
    trace = {}
    for ident in missing:
        trace[ident] = [f"could be reached by: {r.id}" for r in
                        kb.rules_by_conclusion.get(("problem" if ident in kb.problems else "remedy", ident), [])][:6]
    for ident in false_alarms:
        kind = "problem" if ident in kb.problems else "remedy"
        trace[ident] = [f"{t.rule}: {', '.join(t.facts)}" for t in d.trace if t.concluded == (kind, ident)]
    result = CaseResult(case=case.file.id, passed=not missing and not false_alarms and type_correct is not False,
                        missing=missing, false_alarms=false_alarms, extra=extra, type_expected=exp.governance_type,
                        type_found=type_found, type_correct=type_correct, fired=fired, trace=trace)
    counts = {
        "p_expected": len(expected_problems), "p_found_expected": len(expected_problems & problems),
        "p_scored": len(problems & (expected_problems | absent)),
        "r_expected": len(expected_remedies), "r_found_expected": len(expected_remedies & remedies),
        "r_scored": len(remedies & (expected_remedies | absent)),
    }
    return result, counts


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 1.0


def run(kb: KnowledgeBase, paths: list[Path] | None = None, *, structural: bool = False) -> Scorecard:
    paths = paths or bundled_case_paths()
    results, totals = [], dict.fromkeys(("p_expected", "p_found_expected", "p_scored", "r_expected",
                                         "r_found_expected", "r_scored"), 0)
    typed = correct = 0
    for path in paths:
        case = load_case(kb, path)
        profile = without_incidents(kb, case.profile) if structural else case.profile
        d = diagnose(kb, profile, with_unanswered=False)
        result, counts = score_case(kb, case, d)
        results.append(result)
        for key, value in counts.items():
            totals[key] += value
        if result.type_correct is not None:
            typed += 1
            correct += result.type_correct
    return Scorecard(
        cases=len(results), passed=sum(r.passed for r in results), structural=structural,
        problems={"precision": _ratio(totals["p_found_expected"], totals["p_scored"]),
                  "recall": _ratio(totals["p_found_expected"], totals["p_expected"])},
        remedies={"precision": _ratio(totals["r_found_expected"], totals["r_scored"]),
                  "recall": _ratio(totals["r_found_expected"], totals["r_expected"])},
        governance_type={"accuracy": _ratio(correct, typed), "cases_with_type": typed},
        results=results)
