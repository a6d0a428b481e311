"""One batch: read the inputs as a stream, diagnose every good row in bulk, keep a small summary of
each, write per-cluster reports and profiles as they come, and return the ranked portfolio.

Good rows stream into ``diagnose_many`` (the bulk path, which may spread them over processes): the
workers diagnose while this process reads on, a few chunks ahead at most, so memory does not grow
with the length of the sheet. Without ``--reports`` a worker sends back only the portfolio's
findings of each cluster, not the diagnosis. Bad rows are reported the moment they are read and
never reach the engine.
"""
from __future__ import annotations

import os
import re
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Optional

import yaml

from ..inference.bulk import diagnose_many
from ..inference.results import Diagnosis
from ..kb.knowledge import KnowledgeBase
from ..kb.profile import Profile
from . import portfolio as pf
from .rows import BadRow, Place, Problem, read

PROGRESS_EVERY = 50   # rows between updates of the progress bar


@dataclass
class Outputs:
    """Where per-cluster files go (None: not written) and the folder the portfolio's links start from."""
    reports: Optional[Path] = None
    profiles: Optional[Path] = None
    links_from: Optional[Path] = None


def slug(name: str, limit: int = 40) -> str:
    """A file-name-safe form of a cluster's name (letters and digits of any script, dashes)."""
    text = re.sub(r"[^\w]+", "-", name, flags=re.UNICODE).strip("-_")
    return text[:limit] or "cluster"


def _write_report(kb: KnowledgeBase, d: Diagnosis, path: Path, lang: str) -> None:
    from ..output.render import render
    path.write_text(render(kb, d, "html", lang), encoding="utf-8")


def _write_profile(profile: Profile, path: Path) -> None:
    header = "# Cluster profile written by `diagnose batch`; `diagnose assess` and the questionnaire read it.\n"
    path.write_text(header + yaml.safe_dump(profile.to_dict(), allow_unicode=True, sort_keys=False), encoding="utf-8")


def _error_out(problem: Problem) -> pf.RowErrorOut:
    place = problem.place
    return pf.RowErrorOut(source=place.source, sheet=place.sheet, row=place.row, column=problem.column,
                          header=problem.header, reason=problem.reason)


def run(kb: KnowledgeBase, files: list[Path], lang: str, *, outputs: Outputs = Outputs(),
        workers: Optional[int] = None, on_problem: Callable[[str], None] = lambda line: None,
        on_rows: Callable[[int], None] = lambda n: None) -> tuple[pf.Portfolio, int]:
    """The portfolio of the inputs, and the number of bad rows. ``on_problem`` receives each bad
    row's lines as they are found, ``on_rows(n)`` is told when n more rows are done (good or bad)."""
    errors: list[pf.RowErrorOut] = []
    bad_rows = 0

    def good_rows() -> Iterator[tuple[Place, Profile]]:
        nonlocal bad_rows
        for item in read(kb, files, lang):
            if isinstance(item, BadRow):
                bad_rows += 1
                for problem in item.problems:
                    on_problem(problem.line(lang))
                    errors.append(_error_out(problem))
                on_rows(1)
            else:
                yield item.place, item.profile

    for folder in (outputs.reports, outputs.profiles):
        if folder:
            folder.mkdir(parents=True, exist_ok=True)
    waiting: deque[tuple[Place, Profile]] = deque()   # rows sent to the bulk path, in order, awaiting results

    def profiles() -> Iterator[Profile]:
        for place, profile in good_rows():
            waiting.append((place, profile))
            yield profile

    # reports render the whole diagnosis here; otherwise the workers keep only the portfolio's findings
    keep = None if outputs.reports else pf.findings
    entries: list[pf.ClusterEntry] = []
    unreported = 0
    for result in diagnose_many(kb, profiles(), workers=workers, keep=keep, only_conclusions=keep is not None):
        place, profile = waiting.popleft()
        index = len(entries) + 1
        stem = f"{index:04d}-{slug(profile.name)}"
        report = None
        if outputs.reports:
            target = outputs.reports / f"{stem}.html"
            _write_report(kb, result, target, lang)
            report = _relative(target, outputs.links_from)
        if outputs.profiles:
            _write_profile(profile, outputs.profiles / f"{stem}.yaml")
        found = pf.findings(kb, result) if keep is None else result
        entries.append(pf.cluster_entry(found, index, profile.name, place.source, place.sheet, place.row, report))
        unreported += 1
        if unreported == PROGRESS_EVERY:
            on_rows(unreported)
            unreported = 0
    if unreported:
        on_rows(unreported)
    return pf.assemble(kb, entries, errors), bad_rows


def _relative(target: Path, start: Optional[Path]) -> str:
    return Path(os.path.relpath(target.resolve(), (start or Path.cwd()).resolve())).as_posix()
