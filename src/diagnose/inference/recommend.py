"""Recommending is a decision: which remedies a rule reached are recommended, in place, or only considered.

A remedy is ``in_place`` when its catalogue ``in_place_when`` holds: the institution exists and
works (a functioning test, not mere presence). A remedy in place is never also recommended.

Otherwise a remedy some rule reached is ``recommended`` only when all of these hold:
- a problem it addresses, and that a rule reaching it rests on (diagnosis._grounds), was concluded
  as observed or probable, with at least the certainty
  ``recommend.min_certainty`` of rules/kb.yaml (a possible problem recommends nothing by itself);
  a remedy whose catalogue entry addresses no problem is an institutional step the chapter ties to
  a stage or a structure (a provincial association for a cluster grown across regions): it needs
  its own certainty (its rules') to reach that threshold instead;
- none of its preconditions is unmet (an undecided precondition is shown, not held against it);
- its ``fits_when`` (its mechanism fits this cluster's cause of the problem) is not false; an
  undecided fit (unanswered questions) counts as not shown, so the remedy stays considered
  (``recommend.unknown_fit`` in rules/kb.yaml), and the reason names the questions to answer.
Everything else a rule reached is ``considered``, with every reason that stands in its way
(codes and ids, results.REASON_CODES), so WHY-NOT and the reports can say why in either language.
"""
from __future__ import annotations

from typing import Optional

from ..kb.conditions import AnswerTest, Concluded, evaluate, leaves
from ..kb.knowledge import KnowledgeBase
from ..kb.models import RemedyEntry
from ..kb.profile import UNKNOWN
from .results import PreconditionOut, ProblemOut, ReasonOut


def qualifies(kb: KnowledgeBase, problem: ProblemOut) -> bool:
    """Can this problem justify a recommendation?"""
    return problem.evidence in ("observed", "probable") and problem.certainty >= kb.info.recommend.min_certainty


def preconditions(entry: RemedyEntry, answers: dict, state) -> list[PreconditionOut]:
    """Each precondition met, unmet or undecided. ``build_first`` names what must be built first: for an
    unmet one, what would meet it; for one met only because that remedy is part of the same plan (the
    answers alone do not meet it: "a union exists" when there is none yet), the remedy it waits for,
    so a report never says "met" of something the user answered is not there."""
    def without_plan(kind: str, ident: str):
        return False if kind == "remedy" else state(kind, ident)

    out = []
    for pre in entry.preconditions:
        met = evaluate(pre.when, answers, state) if pre.when is not None else None
        if met and evaluate(pre.when, answers, without_plan) is not True:
            build_first = [b for b in pre.build_first if state("remedy", b)]
        else:
            build_first = [] if met else list(pre.build_first)
        out.append(PreconditionOut(id=pre.id, met=met, build_first=build_first))
    return out


def _leaf_ids(cond, answers: dict, state, wanted: Optional[bool]) -> list[str]:
    """Ids the condition reads whose own test is `wanted` (None: unanswered questions)."""
    ids = []
    for leaf in dict.fromkeys(leaves(cond)):
        if isinstance(leaf, AnswerTest):
            value = None if answers.get(leaf.question, UNKNOWN) == UNKNOWN else evaluate(leaf, answers, state)
            ident = leaf.question
        else:
            value, ident = state(leaf.kind, leaf.id), leaf.id
        if value is wanted and ident not in ids:
            ids.append(ident)
    return ids


def decide(kb: KnowledgeBase, entry: RemedyEntry, answers: dict, state, found: dict[str, ProblemOut],
           pre: list[PreconditionOut], certainty: float) -> tuple[str, Optional[bool], list[ReasonOut]]:
    """(status, fits, reasons) of a remedy some rule reached (with this certainty) or whose in_place_when may hold."""
    if entry.in_place_when is not None and evaluate(entry.in_place_when, answers, state) is True:
        return "in_place", None, []
    reasons: list[ReasonOut] = []
    addressed = [found[p] for p in entry.addresses if p in found]
    if not entry.addresses:
        if certainty < kb.info.recommend.min_certainty:
            reasons.append(ReasonOut(code="support_below_threshold", ids=[]))
    elif not any(qualifies(kb, p) for p in addressed):
        if not addressed:
            reasons.append(ReasonOut(code="no_problem_found", ids=list(entry.addresses)))
        possible = [p.id for p in addressed if p.evidence == "possible"]
        weak = [p.id for p in addressed if p.evidence != "possible"]
        if possible:
            reasons.append(ReasonOut(code="problem_only_possible", ids=possible))
        if weak:
            reasons.append(ReasonOut(code="problem_below_threshold", ids=weak))
    unmet = [p.id for p in pre if p.met is False]
    if unmet:
        reasons.append(ReasonOut(code="precondition_unmet", ids=unmet))
    fits = None
    if entry.fits_when is not None:
        fits = evaluate(entry.fits_when, answers, state)
        if fits is False:
            reasons.append(ReasonOut(code="does_not_fit", ids=_leaf_ids(entry.fits_when, answers, state, False)))
        elif fits is None and kb.info.recommend.unknown_fit == "considered":
            reasons.append(ReasonOut(code="fit_unknown", ids=_leaf_ids(entry.fits_when, answers, state, None)))
    return ("considered" if reasons else "recommended"), fits, reasons


def rank_key(kb: KnowledgeBase, entry: RemedyEntry, status: str, found: dict[str, ProblemOut],
             remedy_cf: float, index: int) -> tuple:
    """Recommended first, then in place, then considered; within each, by the most urgent priority
    class among the problems it addresses (threats to life and health first; rationale in
    rules/catalogue/problems.yaml), observed before the rest, then certainty, then catalogue order."""
    addressed = [found[p] for p in entry.addresses if p in found]
    strong = [p for p in addressed if qualifies(kb, p)] or addressed
    urgency = min((kb.problems[p.id].priority_class for p in strong), default=9)
    observed_first = 0 if any(p.evidence == "observed" for p in strong) else 1
    strength = max((p.certainty for p in strong), default=0.0)
    group = {"recommended": 0, "in_place": 1, "considered": 2}[status]
    return (group, urgency, observed_first, -strength, -remedy_cf, index)
