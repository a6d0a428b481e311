"""HOW, WHY and WHY-NOT over a diagnosis and the rule base.

- HOW: the chain of trace entries that reached a conclusion, down to answers and cited paragraphs.
- WHY (a question): which conclusions its answer could change.
- WHY-NOT (an id that was not concluded): for each rule that could reach it, which of its
  conditions were met, not met, or unknown (unanswered), recursively for missing conclusions;
  and ``ways_to_reach``: the same, flattened to answers, so a user reads which questions,
  answered how, would have led to it.

The analysis is three-valued: a conclusion that is not reached is ``None`` ("could still be
reached") while some rule for it is undecided because of unanswered questions, else ``False``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Optional

from ..kb.conditions import UNKNOWN, AnswerTest, Concluded, answer_test, dnf, evaluate, leaves
from ..kb.knowledge import KnowledgeBase
from ..kb.profile import Profile
from .results import SCORED_KINDS, Key, UnansweredOut


def open_states(kb: KnowledgeBase, answers: dict, concluded: set) -> dict[tuple, Optional[bool]]:
    """For every conclusion: True (reached), None (could be reached with more answers) or False."""
    states: dict[tuple, Optional[bool]] = {key: (True if key in concluded else None) for key in kb.rules_by_conclusion}

    def lookup(kind: str, ident: str):
        return states.get((kind, ident), False)

    for _ in range(len(states) + 1):
        changed = False
        for key, rules in kb.rules_by_conclusion.items():
            if states[key] is not None:
                continue
            if all(evaluate(rule.when, answers, lookup) is False for rule in rules):
                states[key], changed = False, True
        if not changed:
            break
    return states


def _blockers(kb: KnowledgeBase, answers: dict, states: dict) -> dict[tuple, set[str]]:
    """Unanswered questions standing between each open conclusion and its rules."""
    memo: dict[tuple, set[str]] = {}

    def lookup(kind: str, ident: str):
        return states.get((kind, ident), False)

    def of(key: tuple, guard: frozenset) -> set[str]:
        if key in memo:
            return memo[key]
        found: set[str] = set()
        for rule in kb.rules_by_conclusion.get(key, []):
            if evaluate(rule.when, answers, lookup) is not None:
                continue
            for leaf in leaves(rule.when):
                if isinstance(leaf, AnswerTest):
                    if answers.get(leaf.question, UNKNOWN) == UNKNOWN:
                        found.add(leaf.question)
                else:
                    sub = (leaf.kind, leaf.id)
                    if states.get(sub) is None and sub not in guard and sub in states:
                        found |= of(sub, guard | {key})
        memo[key] = found
        return found

    return {key: of(key, frozenset()) for key, st in states.items() if st is None}


def is_relevant(kb: KnowledgeBase, question_id: str, answers: dict, concluded: set | None = None) -> bool:
    q = kb.questions[question_id]
    if q.ask_when is None:
        return True
    concluded = concluded or set()
    return evaluate(q.ask_when, answers, lambda k, i: (k, i) in concluded) is not False


def unanswered(kb: KnowledgeBase, profile: Profile, concluded: set) -> list:
    answers = profile.answers
    states = open_states(kb, answers, concluded)
    blockers = _blockers(kb, answers, states)
    changes: dict[str, set[str]] = {}
    for (kind, ident), questions in blockers.items():
        if kind not in SCORED_KINDS:
            continue
        for q in questions:
            changes.setdefault(q, set()).add(ident)
    order = list(kb.questions)
    out = []
    for qid in sorted(changes, key=lambda q: (-len(changes[q]), order.index(q))):
        if qid in kb.questions and is_relevant(kb, qid, answers, concluded):
            out.append(UnansweredOut(question=qid, could_change=sorted(changes[qid])))
    return out


def find_kind(kb: KnowledgeBase, ident: str) -> Optional[str]:
    for kind in ("problem", "remedy", "type", "fact", "consequence", "stage"):
        if kb.entry(kind, ident) is not None:
            return kind
    return None


def _leaf_state(leaf, answers: dict, concluded: set) -> tuple[str, str]:
    if isinstance(leaf, AnswerTest):
        actual = answers.get(leaf.question, UNKNOWN)
        if actual == UNKNOWN:
            return "unknown", "not answered"
        ok = evaluate(leaf, answers, lambda k, i: None)
        shown = {True: "yes", False: "no"}.get(actual, actual) if isinstance(actual, bool) else actual
        return ("met" if ok else "not met"), f"answer is {shown}"
    ok = (leaf.kind, leaf.id) in concluded
    return ("met" if ok else "not met"), ("concluded" if ok else "not concluded")


def why_not(kb: KnowledgeBase, profile: Profile, concluded: set, ident: str, depth: int = 2) -> dict:
    """Structured WHY-NOT for a problem, remedy, type, fact, consequence or stage id."""
    kind = find_kind(kb, ident)
    if kind is None:
        raise KeyError(ident)
    if (kind, ident) in concluded:
        return {"id": ident, "kind": kind, "concluded": True, "rules": []}
    answers = profile.answers
    out_rules = []
    for rule in kb.rules_by_conclusion.get((kind, ident), []):
        conditions = []
        for leaf in dict.fromkeys(leaves(rule.when)):
            status, detail = _leaf_state(leaf, answers, concluded)
            item: dict[str, Any] = {"condition": leaf.describe(), "status": status, "detail": detail}
            if isinstance(leaf, Concluded) and status == "not met" and depth > 0 and kb.entry(leaf.kind, leaf.id):
                item["why_not"] = why_not(kb, profile, concluded, leaf.id, depth - 1)
            conditions.append(item)
        verdict = evaluate(rule.when, answers, lambda k, i: (k, i) in concluded)
        out_rules.append({"rule": rule.id, "verdict": {True: "holds", False: "fails", None: "undecided"}[verdict],
                          "conditions": conditions, "cite": asdict(rule.cite), "links": rule.links})
    return {"id": ident, "kind": kind, "concluded": False, "rules": out_rules}


def why_asked(kb: KnowledgeBase, question_id: str) -> list[tuple[str, str]]:
    """Conclusions (kind, id) that an answer to this question can reach, directly or down the chain."""
    reached: list[tuple[str, str]] = []
    frontier = [rule for rule in kb.all_rules
                if any(isinstance(l, AnswerTest) and l.question == question_id for l in leaves(rule.when))]
    seen: set[tuple] = set()
    while frontier:
        rule = frontier.pop(0)
        key = (rule.then.kind, rule.then.id)
        if key in seen:
            continue
        seen.add(key)
        reached.append(key)
        frontier.extend(r for r in kb.all_rules
                        if any(isinstance(l, Concluded) and (l.kind, l.id) == key for l in leaves(r.when)))
    return reached


def how(diagnosis, trace_id: str) -> list:
    """The trace entries that led to one entry, the entry first, deduplicated, in chain order."""
    by_id = {t.id: t for t in diagnosis.trace}
    out, queue, seen = [], [trace_id], set()
    while queue:
        tid = queue.pop(0)
        if tid in seen or tid not in by_id:
            continue
        seen.add(tid)
        out.append(by_id[tid])
        queue.extend(by_id[tid].supports)
    return out



# ---- WHY-NOT as answers: the ways a conclusion could have been reached

@dataclass(frozen=True)
class Requirement:
    """One thing a way needs: an answer (``question`` set) or a conclusion (``key`` set).

    ``wanted`` is False when the way needs the test NOT to hold. ``status``: met (it holds now),
    blocked (the answers given rule it out, or its question is not asked given earlier answers)
    or open (not answered yet).
    """
    status: str
    wanted: bool
    test: Optional[AnswerTest] = None
    key: Optional[Key] = None


@dataclass(frozen=True)
class Way:
    rule: str                          # the rule that would conclude the id asked about
    requirements: tuple[Requirement, ...]

    @property
    def blocked(self) -> list[Requirement]:
        return [r for r in self.requirements if r.status == "blocked"]

    @property
    def open(self) -> list[Requirement]:
        return [r for r in self.requirements if r.status == "open"]

    def rank(self) -> tuple[int, int, int]:
        return len(self.blocked), len(self.open), len(self.requirements)


def _requirement(kb: KnowledgeBase, leaf, wanted: bool, answers: dict, concluded: set,
                 states: dict) -> Requirement:
    if isinstance(leaf, Concluded):
        key = Key(leaf.kind, leaf.id)
        if key not in concluded and states.get(key, False) is None:
            return Requirement("open", wanted, key=key)      # could still be reached either way
        return Requirement("met" if (key in concluded) == wanted else "blocked", wanted, key=key)
    actual = answers.get(leaf.question, UNKNOWN)
    if actual == UNKNOWN or actual is None:
        asked = leaf.question in kb.questions and is_relevant(kb, leaf.question, answers, concluded)
        return Requirement("open" if asked else "blocked", wanted, test=leaf)
    holds = answer_test(leaf.op, leaf.value, actual)
    return Requirement("met" if holds == wanted else "blocked", wanted, test=leaf)


def ways_to_reach(kb: KnowledgeBase, answers: dict, concluded: set, kind: str, ident: str,
                  depth: int = 3, keep: int = 3) -> list[Way]:
    """The ``keep`` most nearly satisfied ways to conclude (kind, ident), flattened to answers.

    Each way is one branch of one rule's condition (in disjunctive normal form). A conclusion it
    needs that was not reached is replaced by the best ways to reach that one in turn (``depth``
    levels down), so a way reads as a list of questions and the answers that would lead there.
    Ranked: fewest blocked requirements, then fewest unanswered, then shortest.
    """
    states = open_states(kb, answers, concluded)

    def expand(key: Key, level: int, guard: frozenset) -> list[tuple[str, tuple[Requirement, ...]]]:
        found: dict[tuple, tuple[str, tuple[Requirement, ...]]] = {}
        for rule in kb.rules_by_conclusion.get(key, []):
            for branch in dnf(rule.when):
                combos: list[tuple[Requirement, ...]] = [()]
                for leaf, positive in branch:
                    sub = Key(leaf.kind, leaf.id) if isinstance(leaf, Concluded) else None
                    expandable = (sub is not None and positive and sub not in concluded and level > 0
                                  and sub not in guard and sub in kb.rules_by_conclusion)
                    if expandable:
                        options = [reqs for _, reqs in expand(sub, level - 1, guard | {key})]
                        options = options or [(_requirement(kb, leaf, positive, answers, concluded, states),)]
                    else:
                        options = [(_requirement(kb, leaf, positive, answers, concluded, states),)]
                    combos = [c + o for c in combos for o in options]
                    combos = sorted(combos, key=_rank)[:keep]
                for reqs in combos:
                    reqs = tuple(dict.fromkeys(reqs))
                    found.setdefault(tuple(sorted(map(repr, reqs))), (rule.id, reqs))
        return sorted(found.values(), key=lambda item: _rank(item[1]))[:keep]

    return [Way(rule, reqs) for rule, reqs in expand(Key(kind, ident), depth, frozenset())]


def _rank(reqs: tuple[Requirement, ...]) -> tuple[int, int, int]:
    return Way("", reqs).rank()
