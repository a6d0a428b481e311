"""The one compiler from the rule files to matchable branches, shared by every evaluator.

Each rule's condition is put in disjunctive normal form; every branch becomes one ``Branch``:
its positive literals (they must match a fact; the matched facts are the HOW trace), its negated
literals (no fact may match) and its stratum (a branch that tests that a conclusion is *absent*
runs after every rule that could reach it: stratified negation).

The experta engine (``engine.py``) turns each branch into one experta rule; the fixpoint
evaluator (``fixpoint.py``) evaluates the same branches in plain Python. The semantics of a rule
file live here, once: both read the same branches, and both compare answers with
``conditions.answer_test``.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..kb.conditions import Leaf, dnf
from ..kb.graph import stratify
from ..kb.knowledge import KnowledgeBase


@dataclass(frozen=True)
class Branch:
    name: str                    # unique per rule base: r__<rule>__<n>
    rule: str                    # the rule it belongs to
    stratum: int
    positives: tuple[Leaf, ...]  # in the rule's order
    negatives: tuple[Leaf, ...]
    kind: str                    # what the rule concludes
    ident: str


def compile_rules(kb: KnowledgeBase) -> tuple[Branch, ...]:
    """Every DNF branch of every rule compiled into the engine, in rule-file order."""
    cached = getattr(kb, "_compiled_branches", None)
    if cached is None:
        strata = stratify(kb.rules)
        cached = tuple(
            Branch(name=f"r__{rule.id}__{n}", rule=rule.id, stratum=strata[rule.id],
                   positives=tuple(leaf for leaf, positive in branch if positive),
                   negatives=tuple(leaf for leaf, positive in branch if not positive),
                   kind=rule.then.kind, ident=rule.then.id)
            for rule in kb.rules for n, branch in enumerate(dnf(rule.when)))
        kb._compiled_branches = cached   # compiled once per knowledge base
    return cached
