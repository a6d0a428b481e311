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

_STRONGEST = 0                                  # rank of "observed"; answers carry no cap
_WEAKEST = 2                                    # rank of "possible": where an unevaluated conclusion starts
_RANK = {level: n for n, level in enumerate(EVIDENCE_LEVELS)}


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
    """
    rules = kb.rule_by_id
    out = Evaluation()
    base: dict[tuple, frozenset] = {}
    rule_base: dict[str, frozenset] = {}
    rule_level: dict[str, int] = {}
    fired = [rid for rids in producers.values() for rid in rids]
    for _ in range(len(fired) + 2):
        for rid in fired:
            _evaluate_rule(rules[rid], firings[rid], out, base, rule_base, rule_level)
        changed = False
        for key, rids in producers.items():
            lines = lines_of_evidence(rids, rule_base)
            state = (combine([max(out.rule_cf[rid] for rid in line) for line in lines]),
                     frozenset().union(*(rule_base[rid] for rid in rids)), min(rule_level[rid] for rid in rids))
            if (out.cf.get(key), base.get(key), out.level.get(key)) != state:
                out.cf[key], base[key], out.level[key] = state
                changed = True
        if not changed:
            break
    return out


def _evaluate_rule(rule, supports: set, out: Evaluation, base: dict, rule_base: dict, rule_level: dict) -> None:
    declared = rule.then.evidence_level
    best_cf, best_level, questions = 0.0, _WEAKEST, set()
    for support in supports:
        used = [k for k in support if k[0] != "answer"]
        questions |= {k[1] for k in support if k[0] == "answer"}
        for k in used:
            questions |= base.get(k, frozenset())
        best_cf = max(best_cf, rule.then.certainty * min((out.cf.get(k, 0.0) for k in used), default=1.0))
        cap = max((out.level.get(k, _WEAKEST) for k in used), default=_STRONGEST)
        if declared == "observed":
            level = _RANK["observed"]
        elif declared is not None:
            level = max(_RANK[declared], cap)
        else:
            level = cap
        best_level = min(best_level, level)
    out.rule_cf[rule.id] = round(best_cf, 4)
    rule_base[rule.id] = frozenset(questions)
    rule_level[rule.id] = best_level
