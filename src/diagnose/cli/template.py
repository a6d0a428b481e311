"""`diagnose template -o FILE`: write the fill-in workbook (or CSV) of clusters."""
from __future__ import annotations

import sys

from .common import EXIT_OK, LANGS


def register(sub) -> None:
    template = sub.add_parser("template", help="write a fill-in workbook (xlsx) or CSV: one row per cluster")
    template.add_argument("-o", "--output", required=True, help="the file to write (.xlsx or .csv)")
    template.add_argument("--format", choices=["xlsx", "csv"], help="default: from the file's suffix, else xlsx")
    template.add_argument("--lang", choices=LANGS, default="en", help="the language of headers and drop-downs")


def run(args) -> int:
    from pathlib import Path

    from ..batch import template
    from ..inputs.loading import InputError, os_params
    from ..kb import knowledge
    from ..output.portfolio_strings import s
    path = Path(args.output)
    try:
        template.write(knowledge.bundled(), path, args.lang, args.format)
    except OSError as exc:
        raise InputError(path, "", "cannot_write", **os_params(exc)) from None
    print(s("written", args.lang, path=path), file=sys.stderr)
    return EXIT_OK
