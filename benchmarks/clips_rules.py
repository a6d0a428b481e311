"""Translate the compiled rule branches into CLIPS, and run profiles through clipspy (benchmark only).

The translation reads the same ``compile_rules`` branches as the experta engine and the fixpoint
evaluator: one CLIPS defrule per branch, salience minus its stratum, positive literals as
patterns, negated ones as ``(not ...)``. Answer comparisons mirror ``conditions.answer_test``:
yes/no answers are the symbols yes/no, choices are CLIPS strings and numbers are numbers, so a
choice "yes" never equals the answer yes, and True never equals 1.

clipspy is in the ``bench`` extra; nothing in the package imports this module.
"""
from __future__ import annotations

from typing import Any

import clips

from diagnose.inference.compiler import compile_rules
from diagnose.kb.conditions import AnswerTest

TEMPLATES = (
    "(deftemplate answer (slot id (type SYMBOL)) (slot value))",
    "(deftemplate concluded (slot kind (type SYMBOL)) (slot id (type STRING)))",
    "(deftemplate fired (slot name (type STRING)))",
)


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def clips_value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return repr(value)
    return _string(str(value))


def _same(expected: Any, var: str) -> str:
    """CLIPS test that ?var equals expected with answer_test's kinds (bool, number, text)."""
    if isinstance(expected, bool) or not isinstance(expected, (int, float)):
        return f"(eq {var} {clips_value(expected)})"   # eq compares type and value
    return f"(and (numberp {var}) (= {var} {expected!r}))"


def _test(leaf: AnswerTest, var: str) -> str:
    if leaf.op == "in":
        return "(or " + " ".join(_same(v, var) for v in leaf.value) + ")"
    if leaf.op == "eq":
        return _same(leaf.value, var)
    if leaf.op == "ne":
        return f"(not {_same(leaf.value, var)})"
    if isinstance(leaf.value, bool) or not isinstance(leaf.value, (int, float)):
        return "FALSE"
    symbol = {"gt": ">", "ge": ">=", "lt": "<", "le": "<="}[leaf.op]
    return f"(and (numberp {var}) ({symbol} {var} {leaf.value!r}))"


def _pattern(leaf, n: int) -> str:
    if isinstance(leaf, AnswerTest):
        var = f"?v{n}"
        return f"(answer (id {leaf.question}) (value {var}&:{_test(leaf, var)}))"
    return f"(concluded (kind {leaf.kind}) (id {_string(leaf.id)}))"


def translate(kb) -> list[str]:
    """One CLIPS defrule per compiled branch."""
    constructs = []
    for b in compile_rules(kb):
        lhs = [_pattern(leaf, n) for n, leaf in enumerate(b.positives)]
        lhs += [f"(not {_pattern(leaf, 100 + n)})" for n, leaf in enumerate(b.negatives)]
        constructs.append(
            f"(defrule {b.name} (declare (salience {-b.stratum}))\n  " + "\n  ".join(lhs) +
            f"\n  =>\n  (assert (concluded (kind {b.kind}) (id {_string(b.ident)})))"
            f"\n  (assert (fired (name {_string(b.name)}))))")
    return constructs


class ClipsEvaluator:
    """Runs profiles in CLIPS, with a fresh environment (rules loaded again) every ``fresh_every`` profiles."""

    def __init__(self, kb, fresh_every: int = 100):
        self.constructs = translate(kb)
        self.rule_of = {b.name: b.rule for b in compile_rules(kb)}
        self.fresh_every = fresh_every
        self.runs = 0
        self.env = None

    def _fresh(self) -> None:
        self.env = clips.Environment()
        for construct in TEMPLATES + tuple(self.constructs):
            self.env.build(construct)
        self.answer = self.env.find_template("answer")
        self.fired = self.env.find_template("fired")

    def run(self, profile) -> set[str]:
        """The ids of the rules that fired."""
        if self.env is None or self.runs % self.fresh_every == 0:
            self._fresh()
        self.runs += 1
        self.env.reset()
        for qid, value in profile.known().items():
            if isinstance(value, bool):
                value = clips.Symbol("yes" if value else "no")
            self.answer.assert_fact(id=clips.Symbol(qid), value=value)
        self.env.run()
        return {self.rule_of[fact["name"]] for fact in self.fired.facts()}
