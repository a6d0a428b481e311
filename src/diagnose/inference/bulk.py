"""Many profiles against one loaded rule base (the portfolio's path).

``diagnose_many`` yields one diagnosis per profile, in input order.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from ..kb.knowledge import KnowledgeBase
from ..kb.profile import Profile
from .diagnosis import diagnose
from .results import Diagnosis


def diagnose_many(kb: KnowledgeBase, profiles: Iterable[Profile], *, workers: int | None = None) -> Iterator[Diagnosis]:
    """Diagnose each profile in turn (``workers`` is reserved for parallel evaluation)."""
    for profile in profiles:
        yield diagnose(kb, profile)
