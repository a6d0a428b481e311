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
from .results import (CitationOut, Diagnosis, Key, ProblemOut, RemedyOut, StageOut, TraceEntry,
                      TypeOut)


def _paragraph_key(p: str) -> int:
    return int(p[1:])


def _format_fact(key: tuple) -> str:
    if key[0] == "answer":
        value = {True: "yes", False: "no"}.get(key[2], key[2]) if isinstance(key[2], bool) else key[2]
        return f"{key[1]} = {value}"
    return f"{key[0]}:{key[1]}"


def diagnose(kb: KnowledgeBase, profile: Profile, *, with_unanswered: bool = True, runner=None) -> Diagnosis:
    """Diagnose a profile. A questionnaire passes its engine.IncrementalRunner to reuse working memory."""
    if runner is None:
        from . import engine   # here, not at the top: the bulk path and the reports need no experta
        firings = engine.run(kb, profile)
    else:
        firings = runner.run(profile)
    return build(kb, profile, firings, with_unanswered=with_unanswered)


def _add_implied_parents(kb: KnowledgeBase, firings: dict) -> dict:
    """A subtype implies its parent type: add the generated rules' firings (transitively)."""
    firings = {rid: set(s) for rid, s in firings.items()}
    types = {kb.rule_by_id[rid].then.id for rid in firings if kb.rule_by_id[rid].then.kind == "type"}
    frontier = list(types)
    while frontier:
        sub = frontier.pop()
        entry = kb.types.get(sub)
        if entry and entry.parent:
            firings.setdefault(f"{sub}_implies_{entry.parent}", set()).add((("type", sub),))
            if entry.parent not in types:
                types.add(entry.parent)
                frontier.append(entry.parent)
    return firings


def _grounds(found: dict, firings: dict, reaching: list[str]) -> dict:
    """The problems a remedy may be recommended for: those the rules that reached it rest on.
    A remedy reached from a possible exposure is not recommended because some other problem it
    could also address happens to be observed (its WHY would cite a chain that does not hold).
    A remedy reached from facts alone (no problem among its rules' premises) keeps every found problem."""
    premises = {key[1] for rid in reaching for support in firings[rid] for key in support if key[0] == "problem"}
    return {pid: found[pid] for pid in premises if pid in found} if premises else found


def build(kb: KnowledgeBase, profile: Profile, firings: dict, *, with_unanswered: bool = True) -> Diagnosis:
    firings = _add_implied_parents(kb, firings)
    rules = kb.rule_by_id
    fired = sorted(firings, key=kb.rule_index.__getitem__)
    producers: dict[tuple, list[str]] = {}
    for rid in fired:
        producers.setdefault((rules[rid].then.kind, rules[rid].then.id), []).append(rid)

    evaluation = evaluate_certainty(kb, firings, producers)
    cf, rule_cf = evaluation.cf, evaluation.rule_cf

    # trace entries, shallowest first
    depth: dict[str, int] = {}

    def rule_depth(rid: str, guard=()) -> int:
        if rid not in depth:
            supports = set().union(*firings[rid])
            below = [rule_depth(p, guard + (rid,)) for k in supports if k[0] != "answer"
                     for p in producers.get(k, []) if p not in guard]
            depth[rid] = 1 + max(below, default=0)
        return depth[rid]

    trace: list[TraceEntry] = []
    for rid in sorted(fired, key=lambda r: (rule_depth(r), kb.rule_index[r])):
        rule = rules[rid]
        support = sorted(set().union(*firings[rid]), key=repr)
        feeding = sorted({f"T-{p}" for k in support if k[0] != "answer" for p in producers.get(k, [])})
        trace.append(TraceEntry(
            id=f"T-{rid}", rule=rid, links=rule.links, facts=[_format_fact(k) for k in support],
            concluded=Key(rule.then.kind, rule.then.id), certainty=rule_cf[rid],
            citation=CitationOut(paragraph=rule.cite.paragraph, quote=rule.cite.quote),
            supports=feeding, source=rule.source_file))
    by_rule = {t.rule: t for t in trace}

    def because(kind: str, ident: str) -> list[str]:
        return [f"T-{r}" for r in producers.get((kind, ident), [])]

    def citations(kind: str, ident: str) -> list[str]:
        return sorted({by_rule[r].citation.paragraph for r in producers.get((kind, ident), [])}, key=_paragraph_key)

    concluded = set(producers)

    # problems
    problems: list[ProblemOut] = []
    for pid in kb.problems:
        if ("problem", pid) not in concluded:
            continue
        evidence = evaluation.evidence(("problem", pid))
        consequences = sorted({rules[r].then.id for r in fired if rules[r].then.kind == "consequence"
                               and any(("problem", pid) in s for s in firings[r])})
        problems.append(ProblemOut(id=pid, status="observed" if evidence == "observed" else "risk", evidence=evidence,
                                   certainty=cf[("problem", pid)], because=because("problem", pid),
                                   citations=citations("problem", pid), consequences=consequences))
    found_problems = {p.id: p for p in problems}

    # remedies: every remedy a rule reached or that may be in place, decided and ranked
    answers = profile.answers

    def state(kind: str, ident: str):
        return (kind, ident) in concluded

    remedies: list[tuple[tuple, RemedyOut]] = []
    for index, (rid, entry) in enumerate(kb.remedies.items()):
        if ("remedy", rid) not in concluded and entry.in_place_when is None:
            continue
        pre = recommend.preconditions(entry, answers, state)
        status, fits, reasons = recommend.decide(kb, entry, answers, state, _grounds(found_problems, firings,
                                                 producers.get(("remedy", rid), [])), pre,
                                                 cf.get(("remedy", rid), 0.0))
        if status != "in_place" and ("remedy", rid) not in concluded:
            continue
        key = recommend.rank_key(kb, entry, status, found_problems, cf.get(("remedy", rid), 0.0), index)
        remedies.append((key, RemedyOut(
            id=rid, status=status, actor=entry.actors[0], actors=entry.actors,
            addresses=[p for p in entry.addresses if p in found_problems], priority=0,
            precedents=sorted({p.case for p in entry.precedents}),
            because=because("remedy", rid), citations=citations("remedy", rid) or
            sorted({e.paragraph for e in entry.evidence[:1]}, key=_paragraph_key),
            certainty=cf.get(("remedy", rid), 0.0), preconditions=pre,
            concerns=sorted({p for note in entry.notes for p in note.raises}), fits=fits, reasons=reasons)))
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
