"""Compile the rule files into an experta KnowledgeEngine and run it to a fixpoint.

The engine is generic: it knows answers, conclusions and rules, nothing about clusters.

- The profile is declared as ONE fact, ``Answers``, with a field per question (``q0``, ``q1``, ...
  in questionnaire order) holding the answer or ``unknown``. One fact instead of one per answer:
  experta tests every fact against every pattern, and one fact makes a fresh run about twice as
  fast, which is what the questionnaire needs after an edit.
- Each rule's condition is put in disjunctive normal form (``compiler.compile_rules``, shared with the
  fixpoint evaluator); every branch becomes one experta rule (so OR never needs experta's OR, and
  branch firings are merged per rule afterwards). Its answer tests are predicates on the fields of
  ``Answers`` (a negated test holds when the answer is unknown: closed world); its conclusion
  literals are ``Concluded`` patterns, negated with NOT.
- The support of a firing (the HOW trace) is the answers its positive tests read and the
  conclusion facts it matched.
- A rule that tests that a conclusion is *absent* must run after every rule that could reach that
  conclusion (stratified negation): salience is minus the rule's stratum.
- A rule's action records its support and declares ``Concluded(kind=..., id=...)``; experta ignores
  a fact declared twice, so a conclusion reached by several rules is one fact with several firings.
"""
from __future__ import annotations

import inspect
from functools import partial

from . import experta_compat  # noqa: F401  (before experta)
from experta import AS, NOT, P, Fact, KnowledgeEngine, Rule as ExpertaRule

from ..kb.conditions import UNKNOWN, AnswerTest, answer_test
from ..kb.graph import monotone_questions
from ..kb.knowledge import KnowledgeBase
from ..kb.profile import Profile
from .compiler import Branch, compile_rules


class Answers(Fact):
    """Every answer of the profile, one field per question (unknown ones hold ``unknown``)."""


class Concluded(Fact):
    """A conclusion reached by some rule."""


Support = tuple  # sorted tuple of fact keys: ("answer", qid, value) or (kind, id)


def _holds(op: str, expected, actual) -> bool:
    return actual != UNKNOWN and answer_test(op, expected, actual)


def _fails(op: str, expected, actual) -> bool:
    return not _holds(op, expected, actual)


def _fields(kb: KnowledgeBase) -> dict[str, str]:
    """Question id -> field name of Answers (question ids could hold experta's path separator '__')."""
    return {qid: f"q{n}" for n, qid in enumerate(kb.questions)}


def answers_fact(kb: KnowledgeBase, answers: dict) -> Answers:
    return Answers(**{field: answers.get(qid, UNKNOWN) for qid, field in _fields(kb).items()})


class _BaseEngine(KnowledgeEngine):
    def __init__(self):
        super().__init__()
        self.firings: dict[str, set[Support]] = {}


def _fire_signature(self, answers, **bound): ...   # the parameters of fire() in _action: keep them the same


_FIRE_SIGNATURE = inspect.signature(_fire_signature)


def _action(branch: Branch, fields: dict[str, str]):
    read = [(leaf.question, fields[leaf.question]) for leaf in branch.positives if isinstance(leaf, AnswerTest)]

    def fire(self, answers, **bound):
        keys = [("answer", qid, answers[field]) for qid, field in read]
        keys += [(fact["kind"], fact["id"]) for fact in bound.values() if isinstance(fact, Concluded)]
        self.firings.setdefault(branch.rule, set()).add(tuple(sorted(keys, key=repr)))
        self.declare(Concluded(kind=branch.kind, id=branch.ident))
    fire.__name__ = branch.rule
    # experta's Rule inspects its action's signature each time it rewraps a rule while building the
    # network (~8 times per rule); a signature given up front is returned at once (a third of the build)
    fire.__signature__ = _FIRE_SIGNATURE
    return fire


def _answers_pattern(branch: Branch, fields: dict[str, str]) -> Answers:
    """One Answers pattern holding every answer test of the branch (tests of one field joined with &)."""
    tests: dict[str, object] = {}
    for leaf, check in [(leaf, _holds) for leaf in branch.positives] + [(leaf, _fails) for leaf in branch.negatives]:
        if isinstance(leaf, AnswerTest):
            # a predicate, not a literal: experta's literal match uses ==, and True == 1 in Python
            test = P(partial(check, leaf.op, leaf.value))
            field = fields[leaf.question]
            tests[field] = tests[field] & test if field in tests else test
    return Answers(**tests)


def compile_engine(kb: KnowledgeBase, branches=None) -> type[KnowledgeEngine]:
    """Build a KnowledgeEngine subclass holding one experta rule per compiled branch (all, or those given)."""
    fields = _fields(kb)
    methods = {}
    for branch in compile_rules(kb) if branches is None else branches:
        patterns = [AS.answers << _answers_pattern(branch, fields)]
        patterns += [getattr(AS, f"f{i}") << Concluded(kind=leaf.kind, id=leaf.id)
                     for i, leaf in enumerate(branch.positives) if not isinstance(leaf, AnswerTest)]
        patterns += [NOT(Concluded(kind=leaf.kind, id=leaf.id))
                     for leaf in branch.negatives if not isinstance(leaf, AnswerTest)]
        methods[branch.name] = ExpertaRule(*patterns, salience=-branch.stratum)(_action(branch, fields))
    return type("CompiledRuleBase", (_BaseEngine,), methods)


def branches_for(kb: KnowledgeBase, known: dict) -> list[Branch]:
    """The branches that can fire on these answers: every answer test holds (negated ones fail), and
    every conclusion they need has a producer left. The others never fire on these answers, so an
    engine without them reaches the same firings."""
    def answers_allow(branch: Branch) -> bool:
        def holds(leaf):
            return _holds(leaf.op, leaf.value, known.get(leaf.question, UNKNOWN))
        return all(holds(leaf) for leaf in branch.positives if isinstance(leaf, AnswerTest)) and \
            not any(holds(leaf) for leaf in branch.negatives if isinstance(leaf, AnswerTest))

    kept = [b for b in compile_rules(kb) if answers_allow(b)]
    while True:
        produced = {(b.kind, b.ident) for b in kept}
        still = [b for b in kept if all(isinstance(leaf, AnswerTest) or (leaf.kind, leaf.id) in produced
                                        for leaf in b.positives)]
        if len(still) == len(kept):
            return kept
        kept = still


def _fresh_run(engine: KnowledgeEngine, kb: KnowledgeBase, known: dict) -> dict[str, set[Support]]:
    engine.firings = {}
    engine.reset()
    engine.declare(answers_fact(kb, known))
    engine.run()
    return engine.firings


class SingleRun:
    """For a command that diagnoses one profile and exits: an engine built for that profile alone
    (``branches_for``), several times cheaper to build than the whole network. Same firings as ``run()``."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb

    def run(self, profile: Profile) -> dict[str, set[Support]]:
        known = profile.known()
        return _fresh_run(compile_engine(self.kb, branches_for(self.kb, known))(), self.kb, known)


_COMPILED: dict[int, tuple[KnowledgeBase, type]] = {}


def engine_class(kb: KnowledgeBase) -> type[KnowledgeEngine]:
    """The compiled engine of a knowledge base, built once per process (classes made by type() can't be pickled)."""
    cached = _COMPILED.get(id(kb))
    if cached is None or cached[0] is not kb:
        cached = (kb, compile_engine(kb))
        _COMPILED[id(kb)] = cached
    return cached[1]


_INSTANCES: dict[int, tuple[KnowledgeBase, KnowledgeEngine]] = {}


def _instance(kb: KnowledgeBase) -> KnowledgeEngine:
    """One engine per knowledge base and process: building experta's network costs ~60 ms, reset() ~1 ms.

    Not shared across threads; the CLI and the TUI run the engine on one thread.
    """
    cached = _INSTANCES.get(id(kb))
    if cached is None or cached[0] is not kb:
        cached = (kb, engine_class(kb)())
        _INSTANCES[id(kb)] = cached
    return cached[1]


def run(kb: KnowledgeBase, profile: Profile) -> dict[str, set[Support]]:
    """Run the rules on a profile's known answers; return every rule that fired with its supports."""
    return _fresh_run(_instance(kb), kb, profile.known())


class IncrementalRunner:
    """Keeps one engine's working memory between runs for a questionnaire that mostly adds answers.

    Answers to monotone questions (no `not` can see them) that are only added are written into the
    Answers fact (``modify``): every rule matches again, fires again on what it had already reached
    (the same supports, the same conclusion facts: nothing changes) and fires anew where the added
    answers allow. Any other change (an edited or removed answer, an answer that a `not` could see)
    starts afresh. Either way the firings equal those of ``run()`` on the same profile.
    """

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.engine = engine_class(kb)()
        self.fields = _fields(kb)
        self.safe = monotone_questions(kb)
        self.answers: dict | None = None
        self.fact: Answers | None = None
        self.incremental_runs = 0

    def run(self, profile: Profile) -> dict[str, set[Support]]:
        known = profile.known()
        previous = self.answers
        added = {} if previous is None else {q: v for q, v in known.items() if q not in previous}
        unchanged = previous is not None and all(known.get(q) == v for q, v in previous.items())
        if unchanged and all(q in self.safe for q in added):
            if added:
                self.fact = self.engine.modify(self.fact, **{self.fields[q]: v for q, v in added.items()})
                self.engine.run()
                self.incremental_runs += 1
        else:
            _fresh_run(self.engine, self.kb, known)
            self.fact = next(f for f in self.engine.facts.values() if isinstance(f, Answers))
        self.answers = dict(known)
        return {rid: set(supports) for rid, supports in self.engine.firings.items()}
