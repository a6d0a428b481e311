"""The validation scorecard (``diagnose validate``): the rule base scored against the cases.

Closed world (contract in the README): every recommended remedy and every problem found above
``possible`` is a *finding*; each case classifies each finding as ``expected``, ``acceptable``
(with the paragraph that justifies it) or wrong. An ``absent`` finding is a false alarm; a finding
the case does not classify is ``extra`` and also wrong. Precision = right findings / all findings,
pooled over every case (counter-cases included), so unscored noise makes it fall.

Recall: an expected problem counts when found above possible; an expected remedy when recommended
or in place (the chapter documents institutions a cluster already has). Structural recall drops the
answers to reported-incident questions and diagnoses again: problems predicted from structure.
A governance type is correct when the diagnosed type is the expected one or a subtype of it.
Counter-cases (``C-``) are well-governed clusters: any of their ``absent`` items found is a
counter-case false alarm. The recommended count per case (median over the chapter's cases, max
over all) shows whether the tool discriminates.

``--structural`` scores everything on the profiles without incidents.
"""
from __future__ import annotations

from pathlib import Path
from statistics import median
from typing import Optional

from pydantic import BaseModel

from ..inference.diagnosis import diagnose
from ..inference.results import Diagnosis
from ..kb.knowledge import KnowledgeBase
from .cases import Case, bundled_case_paths, load_case, without_incidents

THRESHOLDS = {"problem_recall": 0.95, "remedy_recall": 0.90, "problem_precision": 0.85, "remedy_precision": 0.85,
              "type_accuracy": 1.0, "structural_problem_recall": 0.85, "median_recommended": 5,
              "max_recommended": 9, "counter_false_alarms": 0}


class CaseResult(BaseModel):
    case: str
    counter: bool = False
    passed: bool
    recommended: int = 0                 # remedies recommended (not in place, not considered)
    missing: list[str]                   # expected, not found
    missing_structural: list[str] = []   # expected problems not found once incidents are dropped
    possible_only: list[str] = []        # expected problems found only as possible
    false_alarms: list[str]              # found and listed absent
    extra: list[str]                     # found and not classified by the case: wrong
    acceptable: list[str] = []           # found and acceptable
    precision: dict[str, Optional[float]] = {}
    recall: dict[str, Optional[float]] = {}
    type_expected: Optional[str] = None
    type_found: Optional[str] = None
    type_correct: Optional[bool] = None
    fired: list[str] = []
    trace: dict[str, list[str]] = {}   # for each missing or wrong id: the rules behind it or that could reach it


class Scorecard(BaseModel):
    cases: int
    counter_cases: int = 0
    passed: int
    problems: dict[str, float]
    remedies: dict[str, float]
    governance_type: dict[str, float]
    recommended: dict[str, float] = {}
    counter_false_alarms: int = 0
    results: list[CaseResult]
    structural: bool = False
    thresholds: dict[str, float] = THRESHOLDS

    def failed_thresholds(self, structural: bool = False) -> list[str]:
        """Names of the thresholds this scorecard is below (structural mode: recall from structure and type)."""
        t = THRESHOLDS
        if structural:
            checks = {"structural_problem_recall": self.problems["recall"] >= t["structural_problem_recall"],
                      "type_accuracy": self.governance_type["accuracy"] >= t["type_accuracy"]}
        else:
            checks = {
                "problem_recall": self.problems["recall"] >= t["problem_recall"],
                "remedy_recall": self.remedies["recall"] >= t["remedy_recall"],
                "problem_precision": self.problems["precision"] >= t["problem_precision"],
                "remedy_precision": self.remedies["precision"] >= t["remedy_precision"],
                "type_accuracy": self.governance_type["accuracy"] >= t["type_accuracy"],
                "structural_problem_recall": self.problems["structural_recall"] >= t["structural_problem_recall"],
                "median_recommended": self.recommended["median"] <= t["median_recommended"],
                "max_recommended": self.recommended["max"] <= t["max_recommended"],
                "counter_false_alarms": self.counter_false_alarms <= t["counter_false_alarms"],
            }
        return [name for name, ok in checks.items() if not ok]

    def meets_thresholds(self, structural: bool = False) -> bool:
        return not self.failed_thresholds(structural)


def _ancestors(kb: KnowledgeBase, tid: Optional[str]) -> set[str]:
    out = set()
    while tid:
        out.add(tid)
        tid = kb.types[tid].parent if tid in kb.types else None
    return out


def findings(d: Diagnosis) -> tuple[set[str], set[str]]:
    """What a case is scored on: problems above possible, and recommended remedies."""
    return ({p.id for p in d.problems if p.evidence != "possible"},
            {r.id for r in d.remedies if r.status == "recommended"})


def _trace_missing(kb: KnowledgeBase, d: Diagnosis, ident: str) -> list[str]:
    remedy = next((r for r in d.remedies if r.id == ident), None)
    if remedy is not None:   # reached, but only considered
        return [f"considered: {r.code} {', '.join(r.ids)}".rstrip() for r in remedy.reasons]
    problem = next((p for p in d.problems if p.id == ident), None)
    if problem is not None:
        return [f"found only as {problem.evidence}: {', '.join(problem.because)}"]
    kind = "problem" if ident in kb.problems else "remedy"
    return [f"could be reached by: {r.id}" for r in kb.rules_by_conclusion.get((kind, ident), [])][:6]


def score_case(kb: KnowledgeBase, case: Case, d: Diagnosis, structural_d: Diagnosis | None = None) -> tuple[CaseResult, dict]:
    exp = case.file.expect
    problems, remedies = findings(d)
    reached_remedies = set(d.found("remedy"))          # recommended or in place
    expected_problems, expected_remedies = set(exp.problems), set(exp.remedies)
    acceptable, absent = {a.id for a in exp.acceptable}, set(exp.absent)
    missing = sorted((expected_problems - problems) | (expected_remedies - reached_remedies))
    found = problems | remedies
    false_alarms = sorted(found & absent)
    extra = sorted(found - expected_problems - expected_remedies - acceptable - absent)
    structural_d = structural_d or d
    structural_problems = findings(structural_d)[0]
    type_found = d.governance_type.id
    type_correct = None
    if exp.governance_type:
        type_correct = exp.governance_type in _ancestors(kb, type_found)
    trace = {ident: _trace_missing(kb, d, ident) for ident in missing}
    for ident in false_alarms + extra:
        kind = "problem" if ident in kb.problems else "remedy"
        trace[ident] = [f"{t.rule}: {', '.join(t.facts)}" for t in d.trace if t.concluded == (kind, ident)]
    counts = {
        "p_expected": len(expected_problems), "p_found_expected": len(expected_problems & problems),
        "p_structural_found": len(expected_problems & structural_problems),
        "p_structural_any_level": len(expected_problems & set(structural_d.found("problem"))),
        "p_scored": len(problems), "p_right": len(problems & (expected_problems | acceptable)),
        "r_expected": len(expected_remedies), "r_found_expected": len(expected_remedies & reached_remedies),
        "r_scored": len(remedies), "r_right": len(remedies & (expected_remedies | acceptable)),
    }
    result = CaseResult(
        case=case.file.id, counter=case.file.is_counter,
        passed=not missing and not false_alarms and not extra and type_correct is not False,
        recommended=len(remedies), missing=missing,
        missing_structural=sorted(expected_problems - structural_problems),
        possible_only=sorted({p.id for p in d.problems if p.evidence == "possible"} & expected_problems),
        false_alarms=false_alarms, extra=extra, acceptable=sorted(found & acceptable),
        precision={"problems": _ratio(counts["p_right"], counts["p_scored"], None),
                   "remedies": _ratio(counts["r_right"], counts["r_scored"], None)},
        recall={"problems": _ratio(counts["p_found_expected"], counts["p_expected"], None),
                "remedies": _ratio(counts["r_found_expected"], counts["r_expected"], None),
                "structural_problems": _ratio(counts["p_structural_found"], counts["p_expected"], None)},
        type_expected=exp.governance_type, type_found=type_found, type_correct=type_correct,
        fired=sorted({t.rule for t in d.trace}), trace=trace)
    return result, counts


def _ratio(a: int, b: int, empty: Optional[float] = 1.0) -> Optional[float]:
    return round(a / b, 4) if b else empty


def run(kb: KnowledgeBase, paths: list[Path] | None = None, *, structural: bool = False) -> Scorecard:
    paths = paths or bundled_case_paths()
    results, totals = [], {}
    typed = correct = 0
    for path in paths:
        case = load_case(kb, path)
        stripped = without_incidents(kb, case.profile)
        d = diagnose(kb, stripped if structural else case.profile, with_unanswered=False)
        structural_d = d if structural else diagnose(kb, stripped, with_unanswered=False)
        result, counts = score_case(kb, case, d, structural_d)
        results.append(result)
        for key, value in counts.items():
            totals[key] = totals.get(key, 0) + value
        if result.type_correct is not None:
            typed += 1
            correct += result.type_correct
    chapter = [r.recommended for r in results if not r.counter] or [0]
    return Scorecard(
        cases=len(results), counter_cases=sum(r.counter for r in results),
        passed=sum(r.passed for r in results), structural=structural,
        problems={"precision": _ratio(totals.get("p_right", 0), totals.get("p_scored", 0)),
                  "recall": _ratio(totals.get("p_found_expected", 0), totals.get("p_expected", 0)),
                  "structural_recall": _ratio(totals.get("p_structural_found", 0), totals.get("p_expected", 0)),
                  # shown for what it hides: possible findings are not asserted, so they do not count above
                  "structural_recall_any_level": _ratio(totals.get("p_structural_any_level", 0), totals.get("p_expected", 0))},
        remedies={"precision": _ratio(totals.get("r_right", 0), totals.get("r_scored", 0)),
                  "recall": _ratio(totals.get("r_found_expected", 0), totals.get("r_expected", 0))},
        governance_type={"accuracy": _ratio(correct, typed), "cases_with_type": typed},
        recommended={"median": median(chapter), "max": max(r.recommended for r in results) if results else 0,
                     "total": sum(r.recommended for r in results)},
        counter_false_alarms=sum(len(r.false_alarms) for r in results if r.counter),
        results=results)
