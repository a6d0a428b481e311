"""Case files and the validation scorecard (``diagnose validate``).

Scoring (contract.md): recall is the share of expected items found; precision counts only items a
case lists in ``expect`` or ``absent``. Findings listed in neither are ``extra`` and not scored.
A problem is found at any status; a remedy is found when it is ``recommended`` or ``in_place``
(the chapter documents institutions a cluster already has, such as a professional market). A governance type is correct when the
diagnosed type is the expected one or a subtype of it.

``--structural`` drops the answers to reported-incident questions and diagnoses again, to show the
rule base predicts problems from structure and does not merely echo incidents.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .diagnosis import Diagnosis, diagnose
from .knowledge import KnowledgeBase, Text
from .loading import InputError, load_document, pydantic_error
from .profile import Profile, validate_profile
from .resources import cases_dir

THRESHOLDS = {"problem_recall": 0.95, "remedy_recall": 0.90, "precision": 0.95, "type_accuracy": 1.0,
              "structural_problem_recall": 0.85}


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid")
    paragraphs: list[str] = Field(min_length=1)
    quote: str = Field(min_length=2)


class Expect(BaseModel):
    model_config = ConfigDict(extra="forbid")
    governance_type: Optional[str] = None
    problems: list[str] = []
    remedies: list[str] = []
    absent: list[str] = Field(min_length=1)


class CaseFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^K-\d\d(-[A-Za-z0-9]+)*$")
    name: Text
    source: Source
    profile: dict
    expect: Expect
    notes: Optional[str] = None

    @field_validator("profile")
    @classmethod
    def _mapping(cls, value):
        if not isinstance(value, dict):
            raise ValueError("profile must be a mapping of answers")
        return value


class Case(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)
    path: Path
    file: CaseFile
    profile: Profile


def load_case(kb: KnowledgeBase, path: Path) -> Case:
    doc = load_document(path)
    try:
        case = CaseFile.model_validate(doc.data)
    except ValidationError as exc:
        raise pydantic_error(path, doc.locator, exc) from None
    profile = validate_profile(kb, case.profile, path=path, locator=doc.locator, prefix=("profile",))
    known = set(kb.problems) | set(kb.remedies)
    for ident in case.expect.problems + case.expect.remedies + case.expect.absent:
        if ident not in known:
            raise InputError(path, doc.locator.describe(("expect",)), f"'{ident}' is not a problem or remedy id")
    if case.expect.governance_type and case.expect.governance_type not in kb.types:
        raise InputError(path, doc.locator.describe(("expect", "governance_type")),
                         f"'{case.expect.governance_type}' is not a governance type")
    for p in case.source.paragraphs:
        if p not in kb.paragraphs:
            raise InputError(path, doc.locator.describe(("source", "paragraphs")), f"paragraph {p} does not exist")
    if not any(case.source.quote in kb.paragraphs[p] for p in case.source.paragraphs):
        raise InputError(path, doc.locator.describe(("source", "quote")), "quote is not verbatim in the source paragraphs")
    return Case(path=path, file=case, profile=profile)


def bundled_case_paths() -> list[Path]:
    return sorted(cases_dir().glob("*.yaml"))


def structural(kb: KnowledgeBase, profile: Profile) -> Profile:
    """The profile without its reported-incident answers."""
    answers = {q: ("unknown" if kb.questions[q].incident else v) for q, v in profile.answers.items()}
    return Profile(name=profile.name, answers=answers, notes=profile.notes, source=profile.source)


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
        trace[ident] = [f"{t.rule}: {', '.join(t.facts)}" for t in d.trace if t.concluded == f"{kind}:{ident}"]
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
        profile = globals()["structural"](kb, case.profile) if structural else case.profile
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


def render(card: Scorecard, fmt: str) -> str:
    if fmt == "json":
        data = card.model_dump(mode="json")
        for result in data["results"]:
            result.pop("fired", None)
        return json.dumps(data, ensure_ascii=False, indent=2)
    mode = "structural (incidents dropped)" if card.structural else "full"
    lines = [f"{'case':<18}{'pass':<6}{'type':<8}missing / false alarms / extra", "-" * 96]
    for r in card.results:
        type_mark = {True: "ok", False: "WRONG", None: "-"}[r.type_correct]
        detail = []
        if r.missing:
            detail.append("missing: " + ", ".join(r.missing))
        if r.false_alarms:
            detail.append("FALSE: " + ", ".join(r.false_alarms))
        if r.extra:
            detail.append(f"extra: {len(r.extra)}")
        lines.append(f"{r.case:<18}{'yes' if r.passed else 'NO':<6}{type_mark:<8}{'; '.join(detail)}")
    lines += ["-" * 96,
              f"mode: {mode}; cases: {card.cases}, passed: {card.passed}",
              f"problems: precision {card.problems['precision']:.3f}, recall {card.problems['recall']:.3f}",
              f"remedies: precision {card.remedies['precision']:.3f}, recall {card.remedies['recall']:.3f}",
              f"governance type: accuracy {card.governance_type['accuracy']:.3f} "
              f"({int(card.governance_type['cases_with_type'])} cases state a type)",
              "thresholds met" if card.meets_thresholds(card.structural) else "THRESHOLDS NOT MET"]
    return "\n".join(lines)


def render_coverage(kb: KnowledgeBase, card: Scorecard, fmt: str) -> str:
    fired_by = {r.case: r.fired for r in card.results}
    all_fired = set().union(*fired_by.values()) if fired_by else set()
    never = [r.id for r in kb.rules if r.id not in all_fired]
    if fmt == "json":
        return json.dumps({"cases": fired_by, "rules_no_case_fires": never,
                           "rules_fired": len(all_fired & {r.id for r in kb.rules}), "rules": len(kb.rules)},
                          ensure_ascii=False, indent=2)
    lines = [f"{case}: {len(rules)} rules: {', '.join(rules)}" for case, rules in fired_by.items()]
    lines += ["", f"rules fired by some case: {len(all_fired & {r.id for r in kb.rules})}/{len(kb.rules)}",
              "rules no case fires: " + (", ".join(never) or "none")]
    return "\n".join(lines)
