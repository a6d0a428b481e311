"""Many profiles against one loaded rule base (the portfolio's path).

``diagnose_many`` yields one diagnosis per profile, in input order. It runs the fixpoint evaluator
(``fixpoint.py``: the same compiled branches as the experta engine, byte-identical diagnoses, proven
by tests/test_bulk.py) and the shared ``diagnosis.build``. A large batch is spread over the cores:
each worker process builds its own evaluator from the rule base (experta's classes, made with
``type()``, cannot be pickled; nothing engine-like crosses a process boundary).
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Iterable, Iterator

from ..kb.knowledge import KnowledgeBase
from ..kb.profile import Profile
from .diagnosis import diagnose
from .fixpoint import FixpointEvaluator
from .results import Diagnosis

PARALLEL_FROM = 500   # profiles; below this, starting worker processes costs more than it saves
CHUNK = 100           # profiles sent to a worker at a time


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:   # not on Linux
        return os.cpu_count() or 1


def idle_cores() -> int:
    """Cores not already kept busy by other processes (load average of the last minute), at least 1:
    on a loaded machine, worker processes only add start-up and pickling to the same CPU time."""
    try:
        busy = os.getloadavg()[0]
    except (AttributeError, OSError):
        busy = 0.0
    return max(1, round(available_cores() - busy))


def diagnose_many(kb: KnowledgeBase, profiles: Iterable[Profile], *, workers: int | None = None) -> Iterator[Diagnosis]:
    """Diagnose every profile, in input order. ``workers``: processes to use (None: every idle core
    when the batch has at least PARALLEL_FROM profiles, else 1; 1: in this process)."""
    profiles = list(profiles)
    if workers is None:
        workers = idle_cores() if len(profiles) >= PARALLEL_FROM else 1
    workers = max(1, min(workers, -(-len(profiles) // CHUNK)))
    if workers == 1:
        evaluator = FixpointEvaluator(kb)
        for profile in profiles:
            yield diagnose(kb, profile, runner=evaluator)
        return
    chunks = [profiles[i:i + CHUNK] for i in range(0, len(profiles), CHUNK)]
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_start_worker,
                             initargs=(_picklable(kb),)) as pool:
        for diagnoses in pool.map(_diagnose_chunk, chunks):
            yield from diagnoses


def _context():
    # fork hands the loaded rule base to the workers for free; elsewhere they unpickle it
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _picklable(kb: KnowledgeBase) -> KnowledgeBase:
    """The same knowledge base without the per-process caches that cannot be pickled (the profile model)."""
    clone = object.__new__(KnowledgeBase)
    clone.__dict__.update({k: v for k, v in kb.__dict__.items() if k != "_profile_model"})
    return clone


_WORKER: tuple[KnowledgeBase, FixpointEvaluator] | None = None


def _start_worker(kb: KnowledgeBase) -> None:
    global _WORKER
    _WORKER = (kb, FixpointEvaluator(kb))


def _diagnose_chunk(profiles: list[Profile]) -> list[Diagnosis]:
    kb, evaluator = _WORKER
    return [diagnose(kb, profile, runner=evaluator) for profile in profiles]
