"""What a diagnosis reads about the rule base, looked up once per knowledge base instead of once per profile.

``build`` runs for every profile (thousands in a batch, one per answer in the questionnaire) and
asks the same questions of the same rules each time: what a rule concludes (a dataclass property
that searches the conclusion's fields), its certainty, its evidence level, its citation; a
remedy's precedents and concerns. ``tables(kb)`` answers them in plain dicts, computed on first
use and kept on the knowledge base (like the compiled branches, compiler.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..kb.knowledge import KnowledgeBase
from ..kb.models import EVIDENCE_LEVELS
from .results import Key


@dataclass(frozen=True)
class RuleRow:
    """One rule (bundled or implied) as the diagnosis reads it."""
    conclusion: Key
    certainty: float
    declared_rank: Optional[int]   # a problem rule's evidence level as a rank (0 = observed); None otherwise
    index: int                     # its place among kb.all_rules: the order of the trace and of producers
    paragraph: str
    quote: str
    links: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class RemedyRow:
    """One catalogue remedy's fixed parts of its output."""
    index: int                     # catalogue order (the last tie-break of the ranking)
    precedents: tuple[str, ...]    # sorted case ids
    concerns: tuple[str, ...]      # sorted
    fallback_citations: tuple[str, ...]   # its first evidence paragraph, for a remedy no rule cited


@dataclass(frozen=True)
class Tables:
    rules: dict[str, RuleRow]
    remedies: dict[str, RemedyRow]
    type_parent: dict[str, str]    # subtype -> parent type
    type_order: dict[str, int]


def tables(kb: KnowledgeBase) -> Tables:
    cached = getattr(kb, "_diagnosis_tables", None)
    if cached is None:
        cached = _compute(kb)
        kb._diagnosis_tables = cached   # once per knowledge base
    return cached


def _compute(kb: KnowledgeBase) -> Tables:
    rank = {level: n for n, level in enumerate(EVIDENCE_LEVELS)}
    rules = {}
    for index, rule in enumerate(kb.all_rules):
        then = rule.then
        declared = then.evidence_level
        rules[rule.id] = RuleRow(
            conclusion=Key(then.kind, then.id), certainty=then.certainty,
            declared_rank=None if declared is None else rank[declared], index=index,
            paragraph=rule.cite.paragraph, quote=rule.cite.quote, links=tuple(rule.links), source=rule.source_file)
    remedies = {}
    for index, (rid, entry) in enumerate(kb.remedies.items()):
        remedies[rid] = RemedyRow(
            index=index, precedents=tuple(sorted({p.case for p in entry.precedents})),
            concerns=tuple(sorted({p for note in entry.notes for p in note.raises})),
            fallback_citations=tuple(sorted({e.paragraph for e in entry.evidence[:1]}, key=paragraph_number)))
    return Tables(rules=rules, remedies=remedies,
                  type_parent={t: entry.parent for t, entry in kb.types.items() if entry.parent},
                  type_order={t: n for n, t in enumerate(kb.types)})


def paragraph_number(p: str) -> int:
    """P12 -> 12: paragraphs sort by number, not as text."""
    return int(p[1:])
