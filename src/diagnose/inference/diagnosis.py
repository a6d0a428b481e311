"""From rule firings to a diagnosis: type, problems, remedies, trace, unanswered questions.

- Certainty and evidence levels: inference/certainty.py (lines of evidence, MYCIN across them).
- Problems: ``evidence`` observed | probable | possible; ``status`` (kept for compatibility) is
  ``observed`` for observed problems and ``risk`` for the rest.
- Remedies: recommended | in_place | considered, with reasons: inference/recommend.py.
- Priority: recommended first, then in place, then considered, each ranked by recommend.rank_key.
"""
from __future__ import annotations

from . import recommend
from .certainty import evaluate as evaluate_certainty
from ..kb.knowledge import KnowledgeBase
from ..kb.profile import Profile
from .explain import unanswered as compute_unanswered
from .tables import paragraph_number, tables
from .results import (CitationOut, Diagnosis, Key, ProblemOut, RemedyOut, StageOut, TraceEntry,
                      TypeOut)


def _format_fact(key: tuple) -> str:
    if key[0] == "answer":
        value = {True: "yes", False: "no"}.get(key[2], key[2]) if isinstance(key[2], bool) else key[2]
        return f"{key[1]} = {value}"
    return f"{key[0]}:{key[1]}"


def diagnose(kb: KnowledgeBase, profile: Profile, *, with_unanswered: bool = True, with_trace: bool = True,
             runner=None) -> Diagnosis:
    """Diagnose a profile. A questionnaire passes its engine.IncrementalRunner to reuse working memory."""
    if runner is None:
        from . import engine   # here, not at the top: the bulk path and the reports need no experta
        firings = engine.run(kb, profile)
    else:
        firings = runner.run(profile)
    return build(kb, profile, firings, with_unanswered=with_unanswered, with_trace=with_trace)


def _add_implied_parents(parent_of: dict[str, str], rows: dict, firings: dict) -> dict:
    """A subtype implies its parent type: add the generated rules' firings (transitively)."""
    firings = {rid: set(s) for rid, s in firings.items()}
    types = {rows[rid].conclusion.id for rid in firings if rows[rid].conclusion.kind == "type"}
    frontier = list(types)
    while frontier:
        sub = frontier.pop()
        parent = parent_of.get(sub)
        if parent:
            firings.setdefault(f"{sub}_implies_{parent}", set()).add((("type", sub),))
            if parent not in types:
                types.add(parent)
                frontier.append(parent)
    return firings


def _grounds(found: dict, firings: dict, reaching: list[str]) -> dict:
    """The problems a remedy may be recommended for: those the rules that reached it rest on.
    A remedy reached from a possible exposure is not recommended because some other problem it
    could also address happens to be observed (its WHY would cite a chain that does not hold).
    A remedy reached from facts alone (no problem among its rules' premises) keeps every found problem."""
    premises = {key[1] for rid in reaching for support in firings[rid] for key in support if key[0] == "problem"}
    return {pid: found[pid] for pid in premises if pid in found} if premises else found


def build(kb: KnowledgeBase, profile: Profile, firings: dict, *, with_unanswered: bool = True,
          with_trace: bool = True) -> Diagnosis:
    """The diagnosis of the rules' firings. ``with_unanswered=False`` / ``with_trace=False`` leave those
    lists empty, for callers that read only the conclusions (the portfolio's findings of a batch)."""
    tab = tables(kb)
    rows = tab.rules
    firings = _add_implied_parents(tab.type_parent, rows, firings)
    fired = sorted(firings, key=lambda rid: rows[rid].index)
    producers: dict[tuple, list[str]] = {}
    for rid in fired:
        producers.setdefault(rows[rid].conclusion, []).append(rid)

    evaluation = evaluate_certainty(kb, firings, producers)
    cf = evaluation.cf
    support_of = {rid: set().union(*firings[rid]) for rid in fired}   # every fact a rule's firings matched
    trace = _trace(rows, fired, support_of, producers, evaluation.rule_cf) if with_trace else []

    def because(kind: str, ident: str) -> list[str]:
        return [f"T-{r}" for r in producers.get((kind, ident), ())]

    def citations(kind: str, ident: str) -> list[str]:
        return sorted({rows[r].paragraph for r in producers.get((kind, ident), ())}, key=paragraph_number)

    concluded = set(producers)

    # problems, with the consequences whose rules used them
    consequences_of: dict[str, set[str]] = {}
    for rid in fired:
        if rows[rid].conclusion.kind == "consequence":
            for k in support_of[rid]:
                if k[0] == "problem":
                    consequences_of.setdefault(k[1], set()).add(rows[rid].conclusion.id)
    problems: list[ProblemOut] = []
    for pid in kb.problems:
        if ("problem", pid) not in concluded:
            continue
        evidence = evaluation.evidence(("problem", pid))
        problems.append(ProblemOut(id=pid, status="observed" if evidence == "observed" else "risk", evidence=evidence,
                                   certainty=cf[("problem", pid)], because=because("problem", pid),
                                   citations=citations("problem", pid),
                                   consequences=sorted(consequences_of.get(pid, ()))))
    found_problems = {p.id: p for p in problems}

    # remedies: every remedy a rule reached or that may be in place, decided and ranked
    answers = profile.answers

    def state(kind: str, ident: str):
        return (kind, ident) in concluded

    remedies: list[tuple[tuple, RemedyOut]] = []
    for rid, entry in kb.remedies.items():
        reached = ("remedy", rid) in concluded
        if not reached and entry.in_place_when is None:
            continue
        fixed = tab.remedies[rid]
        certainty = cf.get(("remedy", rid), 0.0)
        pre = recommend.preconditions(entry, answers, state)
        grounds = _grounds(found_problems, firings, producers.get(("remedy", rid), []))
        status, fits, reasons = recommend.decide(kb, entry, answers, state, grounds, pre, certainty)
        if status != "in_place" and not reached:
            continue
        key = recommend.rank_key(kb, entry, status, found_problems, certainty, fixed.index)
        remedies.append((key, RemedyOut(
            id=rid, status=status, actor=entry.actors[0], actors=list(entry.actors),   # a copy: the result is mutable
            addresses=[p for p in entry.addresses if p in found_problems], priority=0,
            precedents=list(fixed.precedents), because=because("remedy", rid),
            citations=citations("remedy", rid) or list(fixed.fallback_citations),
            certainty=certainty, preconditions=pre, concerns=list(fixed.concerns), fits=fits, reasons=reasons)))
    remedies.sort(key=lambda pair: pair[0])
    remedy_list = []
    for n, (_, remedy) in enumerate(remedies, start=1):
        remedy.priority = n
        remedy_list.append(remedy)

    gov_type = _choose_type(kb, concluded, cf, because)
    stage = _stage(kb, concluded)

    diagnosis = Diagnosis(
        profile=profile.to_dict(), governance_type=gov_type, problems=problems, remedies=remedy_list,
        consequences=[c for c in kb.consequences if ("consequence", c) in concluded],
        facts=[f for f in kb.facts if ("fact", f) in concluded], stage=stage, trace=trace, unanswered=[],
        rule_base={"version": kb.info.version, "date": kb.info.date})
    if with_unanswered:
        diagnosis.unanswered = compute_unanswered(kb, profile, concluded)
    return diagnosis


def _trace(rows: dict, fired: list[str], support_of: dict[str, set], producers: dict[tuple, list[str]],
           rule_cf: dict[str, float]) -> list[TraceEntry]:
    """One entry per fired rule (HOW), shallowest first: a rule comes after the rules it built on."""
    depth: dict[str, int] = {}

    def rule_depth(rid: str, guard=()) -> int:
        if rid not in depth:
            below = [rule_depth(p, guard + (rid,)) for k in support_of[rid] if k[0] != "answer"
                     for p in producers.get(k, ()) if p not in guard]
            depth[rid] = 1 + max(below, default=0)
        return depth[rid]

    trace: list[TraceEntry] = []
    for rid in sorted(fired, key=lambda r: (rule_depth(r), rows[r].index)):
        row = rows[rid]
        support = sorted(support_of[rid], key=repr)
        feeding = sorted({f"T-{p}" for k in support if k[0] != "answer" for p in producers.get(k, ())})
        trace.append(TraceEntry(
            id=f"T-{rid}", rule=rid, links=list(row.links), facts=[_format_fact(k) for k in support],
            concluded=row.conclusion, certainty=rule_cf[rid],
            citation=CitationOut(paragraph=row.paragraph, quote=row.quote), supports=feeding, source=row.source))
    return trace


def _choose_type(kb: KnowledgeBase, concluded: set, cf: dict, because) -> TypeOut:
    """The most specific concluded type: among types none of whose subtypes was concluded, the most
    certain (ties: catalogue order). A parent is supported by its subtypes, so it never outranks them."""
    candidates = [t for t in kb.types if ("type", t) in concluded]
    if not candidates:
        return TypeOut(id=None)
    parents = {kb.types[t].parent for t in candidates}
    leaves = [t for t in candidates if t not in parents]
    order = list(kb.types)
    best = sorted(leaves, key=lambda t: (-cf[("type", t)], order.index(t)))[0]
    entry = kb.types[best]
    return TypeOut(id=best, parent=entry.parent, certainty=cf[("type", best)], spectrum=entry.spectrum,
                   because=because("type", best), alternatives=[t for t in candidates if t != best])


def _stage(kb: KnowledgeBase, concluded: set) -> StageOut:
    reached = sorted((s for s in kb.stages if ("stage", s) in concluded), key=lambda s: kb.stages[s].order)
    if not reached:
        return StageOut()
    current = reached[-1]
    return StageOut(reached=reached, current=current, next=kb.stages[current].next)
