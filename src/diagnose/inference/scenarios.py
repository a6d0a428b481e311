"""What-if on remedies and comparison of two states of a cluster.

What-if adopts remedies *through the rules*: each adopted remedy's catalogue ``in_place_when``
says which answers put it in place; those answers are set and the profile is diagnosed again.
Nothing is deleted by hand: a problem goes away only if its rules no longer fire. The result says
which problems the adopted remedies address, which disappear, which remain, and what new concerns
the chapter attaches (facts and problems newly reached, and the remedies' noted limits).
"""
from __future__ import annotations

from typing import Any, Optional

from pydantic import BaseModel

from ..inputs.loading import InputError
from ..kb.conditions import All, AnswerTest, Any_
from ..kb.knowledge import KnowledgeBase
from ..kb.profile import Profile
from .diagnosis import diagnose
from .results import Diagnosis


class RemainingProblem(BaseModel):
    id: str
    status: str
    certainty_before: float
    certainty_after: float
    addressed: bool


class WhatIf(BaseModel):
    """A re-diagnosis with remedies adopted through the rules."""
    profile: str
    adopted: list[str]
    adopted_as_answers: dict[str, dict[str, Any]]
    not_representable: list[str]
    addressed: list[str]
    resolved: list[str]
    remaining: list[RemainingProblem]
    new_problems: list[str]
    new_facts: list[str]
    noted_concerns: list[str]
    new_concerns: list[str]
    now_in_place: list[str]
    newly_recommended: list[str]
    type_before: Optional[str]
    type_after: Optional[str]


class Change(BaseModel):
    old: Any
    new: Any


class TypeChange(Change):
    changed: bool


class KeptProblem(BaseModel):
    id: str
    old: str
    new: str


class Comparison(BaseModel):
    """Two states of one cluster."""
    old: str
    new: str
    type: TypeChange
    spectrum: Change
    stage: Change
    problems_gained: list[str]
    problems_lost: list[str]
    problems_kept: list[KeptProblem]
    remedies_now_in_place: list[str]
    remedies_no_longer_needed: list[str]
    remedies_newly_recommended: list[str]


def adoption_answers(kb: KnowledgeBase, remedy_id: str) -> dict[str, Any]:
    """The answers that put a remedy in place, read from its in_place_when condition."""
    cond = kb.remedies[remedy_id].in_place_when

    def collect(node) -> dict[str, Any]:
        if isinstance(node, AnswerTest) and node.op in ("eq", "in"):
            return {node.question: node.value[0] if node.op == "in" else node.value}
        if isinstance(node, All):
            out: dict[str, Any] = {}
            for item in node.items:
                out.update(collect(item))
            return out
        if isinstance(node, Any_):
            return collect(node.items[0])
        return {}
    answers = collect(cond) if cond is not None else {}
    return {**answers, **kb.remedies[remedy_id].adoption_sets} if answers else {}


def _problem_map(d: Diagnosis) -> dict[str, Any]:
    return {p.id: p for p in d.problems}


def adopt_remedies(kb: KnowledgeBase, profile: Profile, adopt: list[str],
                   source: str = "") -> tuple[Profile, dict[str, dict[str, Any]], list[str]]:
    """The profile with the remedies adopted as answers, the answers each set, and those not representable."""
    for rid in adopt:
        if rid not in kb.remedies:
            raise InputError(source or "--adopt", "--adopt", "not_a_remedy_id", ident=rid)
    answers = dict(profile.answers)
    adopted_as, not_representable = {}, []
    for rid in adopt:
        setting = adoption_answers(kb, rid)
        if setting:
            answers.update(setting)
            adopted_as[rid] = setting
        else:
            not_representable.append(rid)
    return (Profile(name=profile.name, answers=answers, notes=profile.notes, source=profile.source),
            adopted_as, not_representable)


def whatif(kb: KnowledgeBase, profile: Profile, adopt: list[str], source: str = "") -> WhatIf:
    after_profile, adopted_as, not_representable = adopt_remedies(kb, profile, adopt, source)
    before = diagnose(kb, profile)
    after = diagnose(kb, after_profile)
    before_p, after_p = _problem_map(before), _problem_map(after)
    addressed = sorted({p for rid in adopt for p in kb.remedies[rid].addresses if p in before_p})
    concerns = sorted({c for rid in adopt for note in kb.remedies[rid].notes for c in note.raises})
    return WhatIf(**{
        "profile": profile.name, "adopted": adopt, "adopted_as_answers": adopted_as,
        "not_representable": not_representable,
        "addressed": addressed,
        "resolved": sorted(set(before_p) - set(after_p)),
        "remaining": [{"id": p, "status": after_p[p].status, "certainty_before": before_p[p].certainty,
                       "certainty_after": after_p[p].certainty, "addressed": p in addressed}
                      for p in after_p if p in before_p],
        "new_problems": sorted(set(after_p) - set(before_p)),
        "new_facts": sorted(set(after.facts) - set(before.facts)),
        "noted_concerns": concerns,
        "new_concerns": sorted(set(after_p) - set(before_p) | set(after.facts) - set(before.facts) | set(concerns)),
        "now_in_place": sorted({r.id for r in after.remedies if r.status == "in_place"}
                               - {r.id for r in before.remedies if r.status == "in_place"}),
        "newly_recommended": sorted({r.id for r in after.remedies if r.status == "recommended"}
                                    - {r.id for r in before.remedies if r.status != "considered"}),
        "type_before": before.governance_type.id, "type_after": after.governance_type.id,
    })


def compare(kb: KnowledgeBase, old: Profile, new: Profile) -> Comparison:
    a, b = diagnose(kb, old), diagnose(kb, new)
    pa, pb = _problem_map(a), _problem_map(b)
    in_place = lambda d: {r.id for r in d.remedies if r.status == "in_place"}  # noqa: E731
    recommended = lambda d: {r.id for r in d.remedies if r.status == "recommended"}  # noqa: E731
    return Comparison(**{
        "old": old.name, "new": new.name,
        "type": {"old": a.governance_type.id, "new": b.governance_type.id,
                 "changed": a.governance_type.id != b.governance_type.id},
        "spectrum": {"old": a.governance_type.spectrum, "new": b.governance_type.spectrum},
        "stage": {"old": a.stage.current, "new": b.stage.current},
        "problems_gained": sorted(set(pb) - set(pa)),
        "problems_lost": sorted(set(pa) - set(pb)),
        "problems_kept": [{"id": p, "old": pa[p].status, "new": pb[p].status} for p in pb if p in pa],
        "remedies_now_in_place": sorted(in_place(b) - in_place(a)),
        "remedies_no_longer_needed": sorted(recommended(a) - recommended(b) - in_place(b)),
        "remedies_newly_recommended": sorted(recommended(b) - recommended(a) - in_place(a)),
    })
