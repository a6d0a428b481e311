"""Certainty and strength of evidence of every conclusion, from the rule firings (defined here once).

Certainty, in three steps:
- A firing's certainty is its rule's CF times the smallest certainty among the conclusions it used
  (answers count as 1.0). A rule counts once for its conclusion, with its best firing.
- A rule's *base* is the set of questions its firings rest on, directly or through the conclusions
  they used. The rules for one conclusion whose bases share a question are one *line of evidence*
  (connected components of "shares a question"): they restate the same observation, so the line
  counts with its strongest rule only (maximum).
- Independent lines combine MYCIN-style: CF = 1 - (1 - CF1)(1 - CF2)... (never above 1).
So writing a second, overlapping rule for a conclusion cannot raise its certainty; only a new,
independent observation can.

Evidence level (problems; the words are in rules/kb.yaml): each problem rule declares how strongly
its conditions show the problem: ``observed`` (a reported incident), ``probable`` (structure plus the
specific mechanism the chapter names), ``possible`` (a generic exposure). A probable or possible
firing is never stronger than the weakest problem it used, directly or through a derived fact or
consequence (a mechanism built on a mere exposure is itself only possible); an observed firing
reads an incident, which is direct evidence whatever else it used. A problem takes the strongest
level among its firings.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..kb.knowledge import KnowledgeBase
from ..kb.models import EVIDENCE_LEVELS
from .tables import tables

_STRONGEST = 0                                  # rank of "observed"; answers carry no cap
_WEAKEST = 2                                    # rank of "possible": where an unevaluated conclusion starts


@dataclass
class Evaluation:
    cf: dict[tuple, float] = field(default_factory=dict)         # conclusion key -> certainty
    rule_cf: dict[str, float] = field(default_factory=dict)      # rule id -> its best firing's certainty
    level: dict[tuple, int] = field(default_factory=dict)        # conclusion key -> evidence rank (0 strongest)

    def evidence(self, key: tuple) -> str:
        return EVIDENCE_LEVELS[self.level.get(key, _WEAKEST)]


def combine(values: list[float]) -> float:
    """MYCIN's combination of independent positive evidence."""
    remaining = 1.0
    for v in values:
        remaining *= (1.0 - v)
    return round(1.0 - remaining, 4)


def lines_of_evidence(rule_ids: list[str], base: dict[str, frozenset]) -> list[list[str]]:
    """Group rules into connected components of "their bases share a question" (order kept)."""
    parent = {rid: rid for rid in rule_ids}

    def root(rid: str) -> str:
        while parent[rid] != rid:
            parent[rid] = parent[parent[rid]]
            rid = parent[rid]
        return rid

    owner: dict[str, str] = {}
    for rid in rule_ids:
        for question in base[rid]:
            if question in owner:
                parent[root(rid)] = root(owner[question])
            else:
                owner[question] = rid
    groups: dict[str, list[str]] = {}
    for rid in rule_ids:
        groups.setdefault(root(rid), []).append(rid)
    return list(groups.values())


def evaluate(kb: KnowledgeBase, firings: dict[str, set], producers: dict[tuple, list[str]]) -> Evaluation:
    """Certainty, base and evidence level of every conclusion, iterated to a fixpoint.

    Every quantity only grows (certainty, bases) or strengthens (levels) from its start, so the
    iteration ends; a fixpoint rather than one pass in dependency order, because a subtype rule may
    read its parent type while the parent is also implied by the subtype (kb.implied_rules).
    Each round evaluates every rule from the conclusions of the round before; a rule none of whose
    conclusions changed in that round would give the same again, so it is skipped (and so is a
    conclusion none of whose rules changed): the same rounds and results, without the repeats.
    """
    rows = tables(kb).rules
    out = Evaluation()
    base: dict[tuple, frozenset] = {}
    rule_state: dict[str, tuple[float, frozenset, int]] = {}   # rule id -> (certainty, base, level)
    fired = [rid for rids in producers.values() for rid in rids]
    readers: dict[tuple, list[str]] = {}   # conclusion -> the fired rules whose firings used it
    used_by_rule: dict[str, list[tuple]] = {}
    for rid in fired:
        used = {k for support in firings[rid] for k in support if k[0] != "answer"}
        used_by_rule[rid] = list(used)
        for key in used:
            readers.setdefault(key, []).append(rid)
    stale = fired
    for _ in range(len(fired) + 2):
        changed_rules = set()
        for rid in stale:
            state = _evaluate_rule(rows[rid], firings[rid], out, base)
            if rule_state.get(rid) != state:
                rule_state[rid] = state
                changed_rules.add(rid)
        changed_keys = []
        for key, rids in producers.items():
            if changed_rules.isdisjoint(rids):
                continue
            lines = lines_of_evidence(rids, {rid: rule_state[rid][1] for rid in rids})
            state = (combine([max(rule_state[rid][0] for rid in line) for line in lines]),
                     frozenset().union(*(rule_state[rid][1] for rid in rids)), min(rule_state[rid][2] for rid in rids))
            if (out.cf.get(key), base.get(key), out.level.get(key)) != state:
                out.cf[key], base[key], out.level[key] = state
                changed_keys.append(key)
        if not changed_keys:
            break
        stale_set = {rid for key in changed_keys for rid in readers.get(key, ())}
        stale = [rid for rid in fired if rid in stale_set]
    out.rule_cf = {rid: rule_state[rid][0] for rid in fired}
    return out


def _evaluate_rule(row, supports: set, out: Evaluation, base: dict) -> tuple[float, frozenset, int]:
    """(certainty, base, evidence rank) of one fired rule, from the conclusions' current state."""
    declared = row.declared_rank
    best_cf, best_level, questions = 0.0, _WEAKEST, set()
    for support in supports:
        used = [k for k in support if k[0] != "answer"]
        questions.update(k[1] for k in support if k[0] == "answer")
        for k in used:
            questions |= base.get(k, frozenset())
        best_cf = max(best_cf, row.certainty * min((out.cf.get(k, 0.0) for k in used), default=1.0))
        cap = max((out.level.get(k, _WEAKEST) for k in used), default=_STRONGEST)
        if declared == _STRONGEST:
            level = _STRONGEST
        elif declared is not None:
            level = max(declared, cap)
        else:
            level = cap
        best_level = min(best_level, level)
    return round(best_cf, 4), frozenset(questions), best_level
