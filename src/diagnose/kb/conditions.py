"""The condition language of the rule files, and its evaluation.

A condition is one of:
    {all: [cond, ...]}   every item holds
    {any: [cond, ...]}   at least one item holds
    {not: cond}          the item does not hold
    {QUESTION: VALUE}    an answer equals VALUE (a list means "one of")
    {QUESTION: {OP: V}}  an answer compared with V; OP is eq, ne, gt, ge, lt, le or in
    {KIND: ID}           a conclusion was reached; KIND is fact, problem, remedy, type, consequence or stage

Evaluation is three-valued (True, False, None for "not known yet"), so the same code serves the
questionnaire's relevance conditions, remedy preconditions and WHY-NOT. The engine compiles the
same trees to experta patterns through ``dnf()`` and ``answer_test()``, so both agree by construction.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterator, Union

CONCLUSION_KINDS = ("fact", "problem", "remedy", "type", "consequence", "stage")
OPERATORS = ("eq", "ne", "gt", "ge", "lt", "le", "in")
RESERVED = {"all", "any", "not", *CONCLUSION_KINDS}


class ConditionError(ValueError):
    """A malformed condition; ``path`` says where inside it."""

    def __init__(self, path: str, reason: str):
        self.path, self.reason = path, reason
        super().__init__(f"{path}: {reason}" if path else reason)


@dataclass(frozen=True)
class AnswerTest:
    question: str
    op: str
    value: Any

    def describe(self) -> str:
        shown = {True: "yes", False: "no"}.get(self.value, self.value) if not isinstance(self.value, tuple) else \
            " | ".join(str(v) for v in self.value)
        symbol = {"eq": "=", "ne": "≠", "gt": ">", "ge": "≥", "lt": "<", "le": "≤", "in": "∈"}[self.op]
        return f"{self.question} {symbol} {shown}"


@dataclass(frozen=True)
class Concluded:
    kind: str
    id: str

    def describe(self) -> str:
        return f"{self.kind} {self.id}"


@dataclass(frozen=True)
class All:
    items: tuple


@dataclass(frozen=True)
class Any_:
    items: tuple


@dataclass(frozen=True)
class Not:
    item: "Condition"


Leaf = Union[AnswerTest, Concluded]
Condition = Union[All, Any_, Not, AnswerTest, Concluded]


def _plain(value: Any, path: str) -> Any:
    if isinstance(value, bool) or isinstance(value, (int, float, str)):
        return value
    raise ConditionError(path, f"expected a plain value (yes/no, a word or a number), got {type(value).__name__}")


def parse(raw: Any, path: str = "") -> Condition:
    """Parse the YAML form of a condition into a tree; ConditionError names the path of a fault."""
    if not isinstance(raw, dict) or len(raw) != 1:
        raise ConditionError(path, "a condition is a mapping with exactly one key (all, any, not, a question id or a conclusion kind)")
    (key, value), = raw.items()
    here = f"{path}.{key}" if path else str(key)
    if key in ("all", "any"):
        if not isinstance(value, list) or not value:
            raise ConditionError(here, "expects a non-empty list of conditions")
        items = tuple(parse(item, f"{here}[{i}]") for i, item in enumerate(value))
        return All(items) if key == "all" else Any_(items)
    if key == "not":
        return Not(parse(value, here))
    if key in CONCLUSION_KINDS:
        if not isinstance(value, str):
            raise ConditionError(here, "expects an id")
        return Concluded(key, value)
    if not isinstance(key, str):
        raise ConditionError(here, "a question id must be text")
    if isinstance(value, list):
        return AnswerTest(key, "in", tuple(_plain(v, here) for v in value))
    if isinstance(value, dict):
        if len(value) != 1:
            raise ConditionError(here, "a comparison has exactly one operator")
        (op, operand), = value.items()
        if op not in OPERATORS:
            raise ConditionError(here, f"unknown operator '{op}' (allowed: {', '.join(OPERATORS)})")
        if op == "in":
            if not isinstance(operand, list) or not operand:
                raise ConditionError(here, "'in' expects a non-empty list")
            return AnswerTest(key, "in", tuple(_plain(v, here) for v in operand))
        return AnswerTest(key, op, _plain(operand, here))
    return AnswerTest(key, "eq", _plain(value, here))


def _same_kind(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool)
    if isinstance(a, (int, float)) or isinstance(b, (int, float)):
        return isinstance(a, (int, float)) and isinstance(b, (int, float))
    return type(a) is type(b)


def answer_test(op: str, expected: Any, actual: Any) -> bool:
    """Compare an answer with a rule's value. Total: any actual value gives True or False, never an error.

    experta may call it with values of other facts (hash-seed-dependent order), so it checks types first.
    """
    if op == "in":
        return any(_same_kind(e, actual) and e == actual for e in expected)
    if op == "eq":
        return _same_kind(expected, actual) and expected == actual
    if op == "ne":
        return not (_same_kind(expected, actual) and expected == actual)
    numeric = isinstance(actual, (int, float)) and not isinstance(actual, bool) \
        and isinstance(expected, (int, float)) and not isinstance(expected, bool)
    if not numeric:
        return False
    return {"gt": actual > expected, "ge": actual >= expected, "lt": actual < expected, "le": actual <= expected}[op]


UNKNOWN = "unknown"


def evaluate(cond: Condition, answers: dict[str, Any], concluded: Callable[[str, str], bool | None],
             closed_world: bool = False) -> bool | None:
    """Kleene three-valued evaluation. Missing or 'unknown' answers give None (or False when closed_world)."""
    if isinstance(cond, AnswerTest):
        actual = answers.get(cond.question, UNKNOWN)
        if actual is None or actual == UNKNOWN:
            return False if closed_world else None
        return answer_test(cond.op, cond.value, actual)
    if isinstance(cond, Concluded):
        state = concluded(cond.kind, cond.id)
        return False if (state is None and closed_world) else state
    if isinstance(cond, Not):
        inner = evaluate(cond.item, answers, concluded, closed_world)
        return None if inner is None else not inner
    results = [evaluate(item, answers, concluded, closed_world) for item in cond.items]
    if isinstance(cond, All):
        if any(r is False for r in results):
            return False
        return True if all(r is True for r in results) else None
    if any(r is True for r in results):
        return True
    return False if all(r is False for r in results) else None


def leaves(cond: Condition) -> Iterator[Leaf]:
    if isinstance(cond, (AnswerTest, Concluded)):
        yield cond
    elif isinstance(cond, Not):
        yield from leaves(cond.item)
    else:
        for item in cond.items:
            yield from leaves(item)


def signed_leaves(cond: Condition, positive: bool = True) -> Iterator[tuple[Leaf, bool]]:
    """Leaves with their polarity (False under an odd number of nots)."""
    if isinstance(cond, (AnswerTest, Concluded)):
        yield cond, positive
    elif isinstance(cond, Not):
        yield from signed_leaves(cond.item, not positive)
    else:
        for item in cond.items:
            yield from signed_leaves(item, positive)


def dnf(cond: Condition, positive: bool = True) -> list[tuple[tuple[Leaf, bool], ...]]:
    """Disjunctive normal form: a list of branches, each a tuple of (leaf, polarity) literals."""
    if isinstance(cond, (AnswerTest, Concluded)):
        return [((cond, positive),)]
    if isinstance(cond, Not):
        return dnf(cond.item, not positive)
    conjunctive = isinstance(cond, All) == positive  # De Morgan: not(all) = any(not), not(any) = all(not)
    parts = [dnf(item, positive) for item in cond.items]
    if not conjunctive:
        return [branch for part in parts for branch in part]
    branches: list[tuple] = [()]
    for part in parts:
        branches = [b + extra for b in branches for extra in part]
    # drop literals repeated inside a branch, keep order
    return [tuple(dict.fromkeys(b)) for b in branches]
