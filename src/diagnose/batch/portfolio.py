"""The portfolio: every cluster's diagnosis summed up in a few ids, ranked by urgency, and the views
across clusters (which clusters share a problem; what each actor would have to do).

Only what the portfolio shows is kept of each diagnosis, so a batch of many thousand rows holds a
small record per cluster, never the diagnoses themselves.

Evidence: a problem counts when it is ``observed`` or ``probable`` (the diagnosis' ``evidence``;
a diagnosis without that field gives ``observed`` for an observed status and ``probable`` for a
risk). ``possible`` problems are left out: they recommend nothing by themselves. Remedies count
when their status is ``recommended``.

Urgency, the same order as single reports (rules/catalogue/problems.yaml: threats to life and
health are class 1): a cluster ranks by its most urgent problem, that is by the problem's
priority class, then observed before probable, then the higher certainty; ties go to the cluster
with more problems, then to input order. Clusters without problems come last.
"""
from __future__ import annotations

from typing import Optional

from pydantic import BaseModel

from ..inference.results import Diagnosis
from ..kb.knowledge import KnowledgeBase

COUNTED_EVIDENCE = ("observed", "probable")
_EVIDENCE_RANK = {"observed": 0, "probable": 1}


class ProblemHit(BaseModel):
    id: str
    evidence: str          # observed | probable
    certainty: float
    priority_class: int


class RemedyHit(BaseModel):
    id: str
    actor: str             # the leading actor
    priority: int          # the diagnosis' own ranking (1 = first)


class ClusterEntry(BaseModel):
    index: int             # 1-based, in input order
    name: str
    source: str
    sheet: Optional[str] = None
    row: Optional[int] = None
    governance_type: Optional[str] = None
    problems: list[ProblemHit] = []       # most urgent first
    remedies: list[RemedyHit] = []        # recommended ones, in the diagnosis' order
    rank: int = 0                         # urgency rank, 1 = act here first
    report: Optional[str] = None          # the per-cluster report written with --reports


class SharedProblem(BaseModel):
    id: str
    clusters: list[int]    # cluster indexes, in urgency order
    observed: int


class SharedRemedy(BaseModel):
    id: str
    clusters: list[int]


class ActorRemedies(BaseModel):
    actor: str
    remedies: list[SharedRemedy]


class RowErrorOut(BaseModel):
    source: str
    sheet: Optional[str] = None
    row: Optional[int] = None
    column: Optional[str] = None
    header: Optional[str] = None
    reason: str


class Portfolio(BaseModel):
    clusters: list[ClusterEntry]          # in urgency order
    problems: list[SharedProblem]         # most shared first
    actors: list[ActorRemedies]           # in the catalogue's order of actors
    errors: list[RowErrorOut]
    rule_base: dict[str, str] = {}


def evidence_of(problem) -> str:
    """observed | probable | possible: the diagnosis' evidence level, read from its status before it had one."""
    level = getattr(problem, "evidence", None)
    if level:
        return level
    return "observed" if problem.status == "observed" else "probable"


def summarise(kb: KnowledgeBase, d: Diagnosis, index: int, name: str, source: str,
              sheet: Optional[str] = None, row: Optional[int] = None, report: Optional[str] = None) -> ClusterEntry:
    problems = [ProblemHit(id=p.id, evidence=evidence_of(p), certainty=p.certainty,
                           priority_class=kb.problems[p.id].priority_class)
                for p in d.problems if evidence_of(p) in COUNTED_EVIDENCE]
    problems.sort(key=_problem_key)
    remedies = [RemedyHit(id=r.id, actor=r.actor, priority=r.priority) for r in d.remedies if r.status == "recommended"]
    remedies.sort(key=lambda r: r.priority)
    return ClusterEntry(index=index, name=name, source=source, sheet=sheet, row=row,
                        governance_type=d.governance_type.id, problems=problems, remedies=remedies, report=report)


def _problem_key(p: ProblemHit) -> tuple:
    return (p.priority_class, _EVIDENCE_RANK[p.evidence], -p.certainty)


def urgency_key(entry: ClusterEntry) -> tuple:
    if not entry.problems:
        return (10, 2, 0.0, 0, entry.index)
    return (*_problem_key(entry.problems[0]), -len(entry.problems), entry.index)


def assemble(kb: KnowledgeBase, entries: list[ClusterEntry], errors: list[RowErrorOut]) -> Portfolio:
    """Rank the clusters and build the views across them."""
    ranked = sorted(entries, key=urgency_key)
    for rank, entry in enumerate(ranked, start=1):
        entry.rank = rank
    by_problem: dict[str, list[int]] = {}
    observed: dict[str, int] = {}
    by_remedy: dict[tuple[str, str], list[int]] = {}
    for entry in ranked:
        for p in entry.problems:
            by_problem.setdefault(p.id, []).append(entry.index)
            observed[p.id] = observed.get(p.id, 0) + (p.evidence == "observed")
        for r in entry.remedies:
            by_remedy.setdefault((r.actor, r.id), []).append(entry.index)
    order = list(kb.problems)
    shared = [SharedProblem(id=pid, clusters=found, observed=observed[pid]) for pid, found in by_problem.items()]
    shared.sort(key=lambda sp: (-len(sp.clusters), kb.problems[sp.id].priority_class, order.index(sp.id)))
    actors = []
    remedy_order = list(kb.remedies)
    for actor in _actor_order(kb, {a for a, _ in by_remedy}):
        remedies = [SharedRemedy(id=rid, clusters=found) for (a, rid), found in by_remedy.items() if a == actor]
        remedies.sort(key=lambda sr: (-len(sr.clusters), remedy_order.index(sr.id) if sr.id in remedy_order else 0))
        actors.append(ActorRemedies(actor=actor, remedies=remedies))
    return Portfolio(clusters=ranked, problems=shared, actors=actors, errors=errors,
                     rule_base={"version": kb.info.version, "date": kb.info.date})


def _actor_order(kb: KnowledgeBase, present: set[str]) -> list[str]:
    known = [a for a in kb.actors if a in present]
    return known + sorted(present - set(known))
