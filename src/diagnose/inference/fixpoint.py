"""A plain-Python forward-chaining evaluator of the compiled branches, for bulk work.

It computes what the experta engine computes (``engine.run``): every rule that fired, with the
facts each firing matched. experta stays the engine of record (single assessments, the
questionnaire); this evaluator serves many profiles against one rule base, where experta's Rete
bookkeeping dominates. Both read the branches of ``compiler.compile_rules`` and compare answers
with ``conditions.answer_test``, so the semantics live once; a test compares the two on every
bundled case and on thousands of random profiles.

How it matches experta's semantics:
- a positive answer literal matches the declared answer to its question (unknown answers are not
  declared) when ``answer_test`` holds; a negated one holds when no declared answer matches;
- a positive conclusion literal matches the conclusion fact once reached; a negated one holds
  when it is never reached: strata run in order, and every producer of a negated conclusion sits
  in a lower stratum, so by then it is final;
- within a stratum the branches are monotone: a branch fires once its literals hold, until
  nothing changes (experta fires each activation once; its order does not change the result).
"""
from __future__ import annotations

from itertools import groupby
from typing import Any

from .compiler import Branch, compile_rules
from ..kb.conditions import AnswerTest, answer_test
from ..kb.knowledge import KnowledgeBase
from ..kb.profile import Profile

Support = tuple  # sorted tuple of fact keys, as engine.run gives them


class _Compiled:
    """One branch with its literals split by what they read."""

    __slots__ = ("rule", "conclusion", "answer_pos", "answer_neg", "fact_pos", "fact_neg", "positives")

    def __init__(self, branch: Branch, leaf_index: dict[AnswerTest, int]):
        self.rule = branch.rule
        self.conclusion = (branch.kind, branch.ident)
        self.positives = branch.positives
        self.answer_pos = tuple(leaf_index[leaf] for leaf in branch.positives if isinstance(leaf, AnswerTest))
        self.answer_neg = tuple(leaf_index[leaf] for leaf in branch.negatives if isinstance(leaf, AnswerTest))
        self.fact_pos = tuple((leaf.kind, leaf.id) for leaf in branch.positives if not isinstance(leaf, AnswerTest))
        self.fact_neg = tuple((leaf.kind, leaf.id) for leaf in branch.negatives if not isinstance(leaf, AnswerTest))


class FixpointEvaluator:
    """Evaluates profiles against one knowledge base; cheap to call many times, not thread-safe."""

    def __init__(self, kb: KnowledgeBase):
        branches = compile_rules(kb)
        tests: dict[AnswerTest, int] = {}
        for branch in branches:
            for leaf in branch.positives + branch.negatives:
                if isinstance(leaf, AnswerTest):
                    tests.setdefault(leaf, len(tests))
        self._tests_by_question: dict[str, list[tuple[int, AnswerTest]]] = {}
        for leaf, index in tests.items():
            self._tests_by_question.setdefault(leaf.question, []).append((index, leaf))
        ordered = sorted(branches, key=lambda b: b.stratum)   # stable: rule-file order within a stratum
        self._strata = [[_Compiled(b, tests) for b in group]
                        for _, group in groupby(ordered, key=lambda b: b.stratum)]
        self._holding: dict[tuple[str, Any], frozenset[int]] = {}

    def _true_tests(self, known: dict[str, Any]) -> set[int]:
        """Indexes of the answer tests that the declared answers satisfy (memoised per answer)."""
        true: set[int] = set()
        for qid, value in known.items():
            key = (qid, type(value), value)   # True == 1 in Python: the type keeps them apart
            holding = self._holding.get(key)
            if holding is None:
                holding = frozenset(i for i, leaf in self._tests_by_question.get(qid, ())
                                    if answer_test(leaf.op, leaf.value, value))
                self._holding[key] = holding
            true |= holding
        return true

    def run(self, profile: Profile) -> dict[str, set[Support]]:
        """Every rule that fired on the profile's known answers, with the supports of its firings."""
        known = profile.known()
        true = self._true_tests(known)
        facts: set[tuple] = set()
        firings: dict[str, set[Support]] = {}
        for stratum in self._strata:
            pending = [b for b in stratum if all(i in true for i in b.answer_pos)
                       and not any(i in true for i in b.answer_neg)]
            progress = True
            while progress and pending:
                progress, waiting = False, []
                for b in pending:
                    if all(k in facts for k in b.fact_pos) and not any(k in facts for k in b.fact_neg):
                        keys = [("answer", leaf.question, known[leaf.question]) if isinstance(leaf, AnswerTest)
                                else (leaf.kind, leaf.id) for leaf in b.positives]
                        firings.setdefault(b.rule, set()).add(tuple(sorted(keys, key=repr)))
                        facts.add(b.conclusion)
                        progress = True
                    else:
                        waiting.append(b)
                pending = waiting
        return firings
