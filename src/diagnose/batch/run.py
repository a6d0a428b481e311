"""One batch: read the inputs as a stream, diagnose every good row in bulk, keep a small summary of
each, write per-cluster reports and profiles as they come, and return the ranked portfolio.

Good rows go to ``diagnose_many`` (the bulk path, which may spread them over processes) in chunks
of BULK_CHUNK, so that at most one chunk of profiles and diagnoses is held at a time however long
the sheet is. Bad rows are reported the moment they are read and never reach the engine.
"""
from __future__ import annotations

import os
import re
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

BULK_CHUNK = 2000   # profiles per call of diagnose_many: bounds memory; each call may start worker processes


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


def _write_profile(d: Diagnosis, path: Path) -> None:
    header = "# Cluster profile written by `diagnose batch`; `diagnose assess` and the questionnaire read it.\n"
    path.write_text(header + yaml.safe_dump(d.profile, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _error_out(problem: Problem) -> pf.RowErrorOut:
    place = problem.place
    return pf.RowErrorOut(source=place.source, sheet=place.sheet, row=place.row, column=problem.column,
                          header=problem.header, reason=problem.reason)


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


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
    entries: list[pf.ClusterEntry] = []
    for chunk in _chunks(good_rows(), BULK_CHUNK):
        diagnoses = diagnose_many(kb, [profile for _, profile in chunk], workers=workers)
        for (place, _), d in zip(chunk, diagnoses):
            index = len(entries) + 1
            name = d.profile.get("name", "")
            stem = f"{index:04d}-{slug(name)}"
            report = None
            if outputs.reports:
                target = outputs.reports / f"{stem}.html"
                _write_report(kb, d, target, lang)
                report = _relative(target, outputs.links_from)
            if outputs.profiles:
                _write_profile(d, outputs.profiles / f"{stem}.yaml")
            entries.append(pf.summarise(kb, d, index, name, place.source, place.sheet, place.row, report))
        on_rows(len(chunk))
    return pf.assemble(kb, entries, errors), bad_rows


def _relative(target: Path, start: Optional[Path]) -> str:
    return Path(os.path.relpath(target.resolve(), (start or Path.cwd()).resolve())).as_posix()
