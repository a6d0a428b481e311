"""Many profiles against one loaded rule base (the portfolio's path).

``diagnose_many`` yields one result per profile, in input order: the diagnosis, or what ``keep``
makes of it in the process that built it (the portfolio keeps a few ids per cluster, so a worker
sends back a small tuple instead of a whole pickled diagnosis). It runs the fixpoint evaluator
(``fixpoint.py``: the same compiled branches as the experta engine, byte-identical diagnoses, proven
by tests/test_bulk.py) and the shared ``diagnosis.build``.

A large batch is spread over the cores: each worker process builds its own evaluator from the rule
base (experta's classes, made with ``type()``, cannot be pickled; nothing engine-like crosses a
process boundary). The profiles may be a stream (rows being read from a sheet): they are taken in
chunks as the workers need them, at most a few chunks ahead, so reading overlaps diagnosing and
memory does not grow with the length of the stream.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from itertools import chain, islice
from typing import Any, Callable, Iterable, Iterator, Optional

from ..kb.knowledge import KnowledgeBase
from ..kb.profile import Profile
from .diagnosis import diagnose
from .fixpoint import FixpointEvaluator
from .results import Diagnosis

PARALLEL_FROM = 500   # profiles; below this, starting worker processes costs more than it saves
CHUNK = 100           # profiles sent to a worker at a time
AHEAD = 2             # chunks per worker read ahead of the results (bounds memory, keeps workers busy)

Keep = Callable[[KnowledgeBase, Diagnosis], Any]


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


def diagnose_many(kb: KnowledgeBase, profiles: Iterable[Profile], *, workers: Optional[int] = None,
                  keep: Optional[Keep] = None, only_conclusions: bool = False) -> Iterator[Any]:
    """Diagnose every profile, in input order. ``workers``: processes to use (None: every idle core
    when the batch has at least PARALLEL_FROM profiles, else 1; 1: in this process). ``keep(kb, d)``:
    what to yield of each diagnosis (a module-level function, so that workers can be told of it);
    ``only_conclusions``: diagnoses without the trace and the unanswered questions (which only
    reports show), for a ``keep`` that reads the conclusions only."""
    stream = iter(profiles)
    head = list(islice(stream, PARALLEL_FROM))
    if workers is None:
        workers = idle_cores() if len(head) >= PARALLEL_FROM else 1
    if len(head) < PARALLEL_FROM:   # the whole batch is known: no more workers than chunks
        workers = min(workers, -(-len(head) // CHUNK))
    profiles = chain(head, stream)
    if max(workers, 1) == 1:
        evaluator = FixpointEvaluator(kb)
        for profile in profiles:
            yield _result(kb, evaluator, profile, keep, only_conclusions)
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_start_worker,
                             initargs=(_picklable(kb), keep, only_conclusions)) as pool:
        pending: deque = deque()
        for chunk in _chunks(profiles, CHUNK):
            pending.append(pool.submit(_diagnose_chunk, chunk))
            while pending and (len(pending) > AHEAD * workers or pending[0].done()):
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    while chunk := list(islice(items, size)):
        yield chunk


def _result(kb: KnowledgeBase, evaluator: FixpointEvaluator, profile: Profile, keep: Optional[Keep],
            only_conclusions: bool) -> Any:
    d = diagnose(kb, profile, runner=evaluator, with_unanswered=not only_conclusions,
                 with_trace=not only_conclusions)
    return d if keep is None else keep(kb, d)


def _context():
    # fork hands the loaded rule base to the workers for free; elsewhere they unpickle it
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _picklable(kb: KnowledgeBase) -> KnowledgeBase:
    """The same knowledge base without the per-process caches that cannot be pickled (the profile validator)."""
    clone = object.__new__(KnowledgeBase)
    clone.__dict__.update({k: v for k, v in kb.__dict__.items() if k != "_profile_validator"})
    return clone


_WORKER: tuple | None = None


def _start_worker(kb: KnowledgeBase, keep: Optional[Keep], only_conclusions: bool) -> None:
    global _WORKER
    _WORKER = (kb, FixpointEvaluator(kb), keep, only_conclusions)


def _diagnose_chunk(profiles: list[Profile]) -> list:
    kb, evaluator, keep, only_conclusions = _WORKER
    return [_result(kb, evaluator, profile, keep, only_conclusions) for profile in profiles]
