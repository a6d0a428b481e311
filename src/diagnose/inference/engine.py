"""Compile the rule files into an experta KnowledgeEngine and run it to a fixpoint.

The engine is generic: it knows answers, conclusions and rules, nothing about clusters.

- Each answer is declared as ``Answer(id=..., value=...)``; unknown answers are not declared.
- Each rule's condition is put in disjunctive normal form (``compiler.compile_rules``, shared with the
  fixpoint evaluator); every branch becomes one experta rule (so OR never needs experta's OR, and
  branch firings are merged per rule afterwards).
- Positive literals are bound (``AS.f0 << ...``): the bound facts are the HOW trace.
- A rule that tests that a conclusion is *absent* must run after every rule that could reach that
  conclusion (stratified negation): salience is minus the rule's stratum.
- A rule's action records its support and declares ``Concluded(kind=..., id=...)``; experta ignores
  a fact declared twice, so a conclusion reached by several rules is one fact with several firings.
"""
from __future__ import annotations

from functools import partial

from . import experta_compat  # noqa: F401  (before experta)
from experta import AS, NOT, P, Fact, InitialFact, KnowledgeEngine, Rule as ExpertaRule

from ..kb.conditions import AnswerTest, answer_test
from ..kb.graph import monotone_questions
from ..kb.knowledge import KnowledgeBase
from ..kb.models import Rule
from ..kb.profile import Profile
from .compiler import compile_rules


class Answer(Fact):
    """An answer from the profile."""


class Concluded(Fact):
    """A conclusion reached by some rule."""


Support = tuple  # sorted tuple of fact keys: ("answer", qid, value) or (kind, id)


def _pattern(leaf):
    if isinstance(leaf, AnswerTest):
        # a predicate, not a literal: experta's literal match uses ==, and True == 1 in Python
        return Answer(id=leaf.question, value=P(partial(answer_test, leaf.op, leaf.value)))
    return Concluded(kind=leaf.kind, id=leaf.id)


def fact_key(fact) -> tuple:
    if isinstance(fact, Answer):
        return ("answer", fact["id"], fact["value"])
    return (fact["kind"], fact["id"])


class _BaseEngine(KnowledgeEngine):
    def __init__(self):
        super().__init__()
        self.firings: dict[str, set[Support]] = {}


def _action(rule: Rule):
    kind, ident = rule.then.kind, rule.then.id

    def fire(self, **bound):
        support = tuple(sorted((fact_key(f) for f in bound.values() if isinstance(f, Fact)), key=repr))
        self.firings.setdefault(rule.id, set()).add(support)
        self.declare(Concluded(kind=kind, id=ident))
    fire.__name__ = rule.id
    return fire


def compile_engine(kb: KnowledgeBase, branches=None) -> type[KnowledgeEngine]:
    """Build a KnowledgeEngine subclass holding one experta rule per compiled branch (all, or those given)."""
    rules = {rule.id: rule for rule in kb.rules}
    methods = {}
    for branch in compile_rules(kb) if branches is None else branches:
        # positive patterns first (bound: they are the HOW trace), then the negated ones;
        # InitialFact only where a branch has nothing positive to start the match from
        positives = [getattr(AS, f"f{i}") << _pattern(leaf) for i, leaf in enumerate(branch.positives)]
        negatives = [NOT(_pattern(leaf)) for leaf in branch.negatives]
        patterns = (positives or [InitialFact()]) + negatives
        methods[branch.name] = ExpertaRule(*patterns, salience=-branch.stratum)(_action(rules[branch.rule]))
    return type("CompiledRuleBase", (_BaseEngine,), methods)


def branches_for(kb: KnowledgeBase, known: dict) -> list:
    """The branches that can fire on these answers: every answer test holds (negated ones fail), and
    every conclusion they need has a producer left. The others never fire on these answers, so an
    engine without them reaches the same firings."""
    def answers_allow(branch) -> bool:
        def holds(leaf):
            return leaf.question in known and answer_test(leaf.op, leaf.value, known[leaf.question])
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


class SingleRun:
    """For a command that diagnoses one profile and exits: an engine built for that profile alone
    (``branches_for``), several times cheaper to build than the whole network. Same firings as ``run()``."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb

    def run(self, profile: Profile) -> dict[str, set[Support]]:
        known = profile.known()
        engine = compile_engine(self.kb, branches_for(self.kb, known))()
        engine.reset()
        if known:
            engine.declare(*[Answer(id=qid, value=value) for qid, value in sorted(known.items())])
        engine.run()
        return engine.firings


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
    """One engine per knowledge base and process: building experta's network costs ~80 ms, reset() ~1 ms.

    Not shared across threads; the CLI and the TUI run the engine on one thread.
    """
    cached = _INSTANCES.get(id(kb))
    if cached is None or cached[0] is not kb:
        cached = (kb, engine_class(kb)())
        _INSTANCES[id(kb)] = cached
    return cached[1]


def run(kb: KnowledgeBase, profile: Profile) -> dict[str, set[Support]]:
    """Run the rules on a profile's known answers; return every rule that fired with its supports."""
    engine = _instance(kb)
    engine.firings = {}
    engine.reset()
    answers = [Answer(id=qid, value=value) for qid, value in sorted(profile.known().items())]
    if answers:
        engine.declare(*answers)   # one declare call = one pass through the Rete network
    engine.run()
    return engine.firings


class IncrementalRunner:
    """Keeps one engine's working memory between runs for a questionnaire that mostly adds answers.

    An added answer to a monotone question is declared into the running engine (cheap); any other
    change (an edited or removed answer, or an answer that a `not` could see) resets and reruns.
    Either way the firings equal those of ``run()`` on the same profile.
    """

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.engine = engine_class(kb)()
        self.safe = monotone_questions(kb)
        self.answers: dict | None = None
        self.incremental_runs = 0

    def run(self, profile: Profile) -> dict[str, set[Support]]:
        known = profile.known()
        previous = self.answers
        added = {} if previous is None else {q: v for q, v in known.items() if q not in previous}
        unchanged = previous is not None and all(known.get(q) == v for q, v in previous.items())
        if unchanged and all(q in self.safe for q in added):
            if added:
                self.engine.declare(*[Answer(id=q, value=v) for q, v in sorted(added.items())])
                self.engine.run()
                self.incremental_runs += 1
        else:
            self.engine.firings = {}
            self.engine.reset()
            facts = [Answer(id=q, value=v) for q, v in sorted(known.items())]
            if facts:
                self.engine.declare(*facts)
            self.engine.run()
        self.answers = dict(known)
        return {rid: set(supports) for rid, supports in self.engine.firings.items()}
