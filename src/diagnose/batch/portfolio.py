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

from typing import NamedTuple, Optional

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


class Findings(NamedTuple):
    """What the portfolio keeps of one diagnosis, in plain tuples (cheap to send from a worker process)."""
    governance_type: Optional[str]
    problems: tuple[tuple[str, str, float, int], ...]   # (id, evidence, certainty, priority class), most urgent first
    remedies: tuple[tuple[str, str, int], ...]          # (id, leading actor, priority), the recommended ones in order


def findings(kb: KnowledgeBase, d: Diagnosis) -> Findings:
    problems = sorted(((p.id, evidence_of(p), p.certainty, kb.problems[p.id].priority_class)
                       for p in d.problems if evidence_of(p) in COUNTED_EVIDENCE),
                      key=lambda p: _urgency(p[3], p[1], p[2]))
    remedies = sorted(((r.id, r.actor, r.priority) for r in d.remedies if r.status == "recommended"),
                      key=lambda r: r[2])
    return Findings(d.governance_type.id, tuple(problems), tuple(remedies))


def cluster_entry(found: Findings, index: int, name: str, source: str, sheet: Optional[str] = None,
          row: Optional[int] = None, report: Optional[str] = None) -> ClusterEntry:
    return ClusterEntry(
        index=index, name=name, source=source, sheet=sheet, row=row, governance_type=found.governance_type,
        problems=[ProblemHit(id=i, evidence=e, certainty=c, priority_class=k) for i, e, c, k in found.problems],
        remedies=[RemedyHit(id=i, actor=a, priority=n) for i, a, n in found.remedies], report=report)


def summarise(kb: KnowledgeBase, d: Diagnosis, index: int, name: str, source: str,
              sheet: Optional[str] = None, row: Optional[int] = None, report: Optional[str] = None) -> ClusterEntry:
    return cluster_entry(findings(kb, d), index, name, source, sheet, row, report)


def _urgency(priority_class: int, evidence: str, certainty: float) -> tuple:
    return (priority_class, _EVIDENCE_RANK[evidence], -certainty)


def _problem_key(p: ProblemHit) -> tuple:
    return _urgency(p.priority_class, p.evidence, p.certainty)


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
