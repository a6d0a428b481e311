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
    """Certainty, base and evidence level of every conclusion.

    Defined as a fixpoint, in rounds: each round evaluates every fired rule from the conclusions'
    state after the round before, then every conclusion from its rules, until nothing changes
    (``_rounds``). A rule may read a conclusion that its own conclusion supports (a subtype rule
    reads its parent type, which the subtype implies: kb.implied_rules); then the rounds are run.
    When no fired rule depends on itself, the rounds end where one pass in dependency order
    ends (each conclusion computed once from the final state of what it used: the same numbers),
    so that pass is what runs.
    """
    rows = tables(kb).rules
    shapes = {rid: _Shape(rows[rid], firings[rid]) for rids in producers.values() for rid in rids}
    order = _dependency_order(producers, shapes)
    out = Evaluation()
    base: dict[tuple, frozenset] = {}
    if order is None:
        rule_state = _rounds(producers, shapes, out, base)
    else:
        rule_state = {}
        for key in order:
            for rid in producers[key]:
                rule_state[rid] = shapes[rid].evaluate(out, base)
            out.cf[key], base[key], out.level[key] = _conclusion_state(producers[key], rule_state)
    out.rule_cf = {rid: rule_state[rid][0] for rids in producers.values() for rid in rids}
    return out


def _dependency_order(producers: dict[tuple, list[str]], shapes: dict) -> "list[tuple] | None":
    """The conclusions, each after every conclusion its rules used; None if some depend on themselves."""
    order: list[tuple] = []
    done: set[tuple] = set()
    visiting: set[tuple] = set()

    def visit(key: tuple) -> bool:
        if key in done:
            return True
        if key in visiting:
            return False   # a cycle
        visiting.add(key)
        for rid in producers[key]:
            for used in shapes[rid].used:
                if used in producers and not visit(used):
                    return False
        visiting.discard(key)
        done.add(key)
        order.append(key)
        return True

    for key in producers:
        if not visit(key):
            return None
    return order


def _conclusion_state(rids: list[str], rule_state: dict) -> tuple[float, frozenset, int]:
    """(certainty, base, level) of a conclusion from the state of the rules that reached it."""
    if len(rids) == 1:   # one rule, one line of evidence
        cf, rule_base, level = rule_state[rids[0]]
        return combine([cf]), rule_base, level
    lines = lines_of_evidence(rids, {rid: rule_state[rid][1] for rid in rids})
    return (combine([max(rule_state[rid][0] for rid in line) for line in lines]),
            frozenset().union(*(rule_state[rid][1] for rid in rids)), min(rule_state[rid][2] for rid in rids))


def _rounds(producers: dict[tuple, list[str]], shapes: dict, out: Evaluation, base: dict) -> dict:
    """The fixpoint in rounds. A rule none of whose conclusions changed in the round before would
    give the same again, so it is skipped (and so is a conclusion none of whose rules changed)."""
    fired = [rid for rids in producers.values() for rid in rids]
    readers: dict[tuple, list[str]] = {}   # conclusion -> the fired rules whose firings used it
    for rid in fired:
        for key in shapes[rid].used:
            readers.setdefault(key, []).append(rid)
    rule_state: dict[str, tuple[float, frozenset, int]] = {}   # rule id -> (certainty, base, level)
    stale = fired
    for _ in range(len(fired) + 2):
        changed_rules = set()
        for rid in stale:
            state = shapes[rid].evaluate(out, base)
            if rule_state.get(rid) != state:
                rule_state[rid] = state
                changed_rules.add(rid)
        changed_keys = []
        for key, rids in producers.items():
            if changed_rules.isdisjoint(rids):
                continue
            state = _conclusion_state(rids, rule_state)
            if (out.cf.get(key), base.get(key), out.level.get(key)) != state:
                out.cf[key], base[key], out.level[key] = state
                changed_keys.append(key)
        if not changed_keys:
            break
        stale_set = {rid for key in changed_keys for rid in readers.get(key, ())}
        stale = [rid for rid in fired if rid in stale_set]
    return rule_state


class _Shape:
    """One fired rule's firings, reduced to what its certainty, base and level depend on."""

    __slots__ = ("certainty", "declared", "questions", "used", "supports")

    def __init__(self, row, supports: set):
        self.certainty, self.declared = row.certainty, row.declared_rank
        self.questions = frozenset(k[1] for support in supports for k in support if k[0] == "answer")
        # per firing, the conclusions it used (answers count as certain and carry no cap)
        self.supports = list({tuple(k for k in support if k[0] != "answer") for support in supports})
        self.used = list({k for used in self.supports for k in used})

    def evaluate(self, out: Evaluation, base: dict) -> tuple[float, frozenset, int]:
        """(certainty, base, evidence rank) of the rule, from the conclusions' current state."""
        questions = self.questions
        for k in self.used:
            questions = questions | base.get(k, frozenset())
        best_cf, best_level = 0.0, _WEAKEST
        for used in self.supports:
            best_cf = max(best_cf, self.certainty * min((out.cf.get(k, 0.0) for k in used), default=1.0))
            cap = max((out.level.get(k, _WEAKEST) for k in used), default=_STRONGEST)
            if self.declared == _STRONGEST:
                level = _STRONGEST
            elif self.declared is not None:
                level = max(self.declared, cap)
            else:
                level = cap
            best_level = min(best_level, level)
        return round(best_cf, 4), questions, best_level
