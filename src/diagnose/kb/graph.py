"""Analysis of the rule graph: who produces what, in which order rules may run, what a `not` can see.

Both the engine (salience by stratum, incremental runs) and the linter (cycles) use it.
"""
from __future__ import annotations

from .conditions import AnswerTest, Concluded as ConcludedLeaf, signed_leaves
from .knowledge import KnowledgeBase
from .models import Rule


class CycleError(ValueError):
    pass


def stratify(rules: list[Rule]) -> dict[str, int]:
    """Stratum of each rule: above every producer of what it needs, strictly above what it negates."""
    producers: dict[tuple, list[Rule]] = {}
    for rule in rules:
        producers.setdefault((rule.then.kind, rule.then.id), []).append(rule)
    strata: dict[str, int] = {}
    visiting: set[str] = set()

    def stratum(rule: Rule) -> int:
        if rule.id in strata:
            return strata[rule.id]
        if rule.id in visiting:
            raise CycleError(f"rule {rule.id} depends on its own conclusion (cycle)")
        visiting.add(rule.id)
        level = 0
        for leaf, positive in signed_leaves(rule.when):
            if isinstance(leaf, ConcludedLeaf):
                for producer in producers.get((leaf.kind, leaf.id), []):
                    level = max(level, stratum(producer) + (0 if positive else 1))
        visiting.discard(rule.id)
        strata[rule.id] = level
        return level

    for rule in rules:
        stratum(rule)
    return strata


def monotone_questions(kb: KnowledgeBase) -> frozenset[str]:
    """Questions whose answer, once added, can only add conclusions: neither the question nor anything
    reachable from it is tested under a `not`. Adding such an answer to a run engine and running on
    reaches exactly the fixpoint a fresh run would."""
    negated: set[tuple] = set()
    for rule in kb.rules:
        for leaf, positive in signed_leaves(rule.when):
            if not positive:
                negated.add(("answer", leaf.question) if isinstance(leaf, AnswerTest) else (leaf.kind, leaf.id))
    readers: dict[tuple, list[Rule]] = {}
    for rule in kb.rules:
        for leaf, _ in signed_leaves(rule.when):
            key = ("answer", leaf.question) if isinstance(leaf, AnswerTest) else (leaf.kind, leaf.id)
            readers.setdefault(key, []).append(rule)
    safe = set()
    for qid in kb.questions:
        frontier, seen = [("answer", qid)], set()
        while frontier:
            key = frontier.pop()
            if key in seen:
                continue
            seen.add(key)
            frontier.extend((r.then.kind, r.then.id) for r in readers.get(key, []))
        if not (seen & negated):
            safe.add(qid)
    return frozenset(safe)
