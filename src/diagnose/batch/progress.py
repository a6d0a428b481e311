"""Progress on stderr: a rich bar with count, rate and time left when stderr is a terminal, nothing
otherwise (a pipe, a log file, CI) or with ``--quiet``. Messages (bad rows) go to stderr either way,
printed above the bar, as plain text (no rich markup is interpreted)."""
from __future__ import annotations

import sys
from typing import Optional, TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
from rich.text import Text


class RateColumn(ProgressColumn):
    """Rows per second."""

    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f}/s" if speed else "–/s")


class Reporter:
    def __init__(self, label: str, total: Optional[int], *, quiet: bool = False, stream: Optional[TextIO] = None):
        self.stream = stream or sys.stderr
        self.shown = not quiet and self.stream.isatty()
        self._progress: Optional[Progress] = None
        if self.shown:
            self._progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                      RateColumn(), TimeRemainingColumn(),
                                      console=Console(file=self.stream), transient=False)
            self._task = self._progress.add_task(label, total=total)

    def __enter__(self) -> "Reporter":
        if self._progress:
            self._progress.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._progress:
            self._progress.stop()

    def advance(self, n: int = 1) -> None:
        if self._progress:
            self._progress.advance(self._task, n)

    def message(self, line: str) -> None:
        if self._progress:
            self._progress.console.print(line, markup=False, highlight=False, emoji=False, soft_wrap=True)
        else:
            print(line, file=self.stream, flush=True)
