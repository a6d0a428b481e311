"""`diagnose batch INPUT...`: assess many clusters (workbooks, CSV files, folders of profiles) and
write the portfolio. Exit 0 when every row was read, 1 when some rows were bad (each reported on
stderr, the others assessed), 2 for bad usage or an input that cannot be opened at all."""
from __future__ import annotations

import sys

from .common import EXIT_NEGATIVE, EXIT_OK, LANGS

FORMATS = ["xlsx", "csv", "html", "json"]


def register(sub) -> None:
    batch = sub.add_parser("batch", help="assess many clusters from workbooks, CSV files or profiles; write a portfolio")
    batch.add_argument("inputs", nargs="+", metavar="INPUT",
                       help="a workbook (.xlsx), a CSV file, a folder of profiles, or profile files")
    batch.add_argument("-o", "--output", help="the portfolio file (default: the summary as CSV on stdout)")
    batch.add_argument("--format", choices=FORMATS, help="default: from the output file's suffix")
    batch.add_argument("--reports", metavar="DIR", help="also write one HTML report per cluster here (linked from the portfolio)")
    batch.add_argument("--profiles", metavar="DIR", help="also write each row as a profile file here (for the questionnaire)")
    batch.add_argument("--lang", choices=LANGS, default="en")
    batch.add_argument("--workers", type=int, metavar="N", help="processes for the bulk evaluation (default: decided by size)")
    batch.add_argument("--quiet", action="store_true", help="no progress bar and no closing summary (bad rows are still listed)")


def _format(args) -> str:
    from pathlib import Path

    from ..inputs.loading import InputError
    if args.format:
        fmt = args.format
    elif args.output:
        fmt = Path(args.output).suffix.lower().lstrip(".")
        if fmt not in FORMATS:
            raise InputError(args.output, "--format", "unknown_format", suffix=f".{fmt}", formats="|".join(FORMATS))
    else:
        fmt = "csv"
    if fmt == "xlsx" and not args.output:
        raise InputError("diagnose batch", "--format xlsx", "workbook_needs_file")
    return fmt


def run(args) -> int:
    from pathlib import Path

    from ..batch import rows
    from ..batch.progress import Reporter
    from ..batch.run import Outputs
    from ..batch.run import run as run_batch
    from ..inputs.loading import InputError, os_params
    from ..kb import knowledge
    from ..output.portfolio_strings import s
    from .common import write

    fmt = _format(args)
    files = rows.expand(args.inputs)
    output = Path(args.output) if args.output else None
    if output and any(output.resolve() == f.resolve() for f in files if f.exists()):
        raise InputError(output, "-o", "output_is_input")
    if output and not output.parent.is_dir():
        raise InputError(output, "-o", "no_such_folder")
    total = rows.size_hint(files)          # also opens every workbook once: an unreadable one stops here (exit 2)
    kb = knowledge.bundled()
    outputs = Outputs(reports=Path(args.reports) if args.reports else None,
                      profiles=Path(args.profiles) if args.profiles else None,
                      links_from=output.parent if output else None)
    try:
        with Reporter(s("progress", args.lang), total, quiet=args.quiet) as reporter:
            portfolio, bad_rows = run_batch(kb, files, args.lang, outputs=outputs, workers=args.workers,
                                            on_problem=reporter.message, on_rows=reporter.advance)
    except OSError as exc:   # a report or profile that cannot be written (full disk, no permission)
        raise InputError(exc.filename or "diagnose batch", "", "cannot_write", **os_params(exc)) from None
    try:
        if fmt == "xlsx":
            from ..batch import portfolio_xlsx
            portfolio_xlsx.write(kb, portfolio, output, args.lang)
        else:
            from ..output import portfolio as rendering
            text = rendering.render(kb, portfolio, fmt, args.lang)
            write(text if args.output else text.removeprefix("\ufeff"), args.output)   # no BOM on a pipe
    except OSError as exc:
        raise InputError(output, "", "cannot_write", **os_params(exc)) from None
    if not args.quiet:
        done = s("done", args.lang, clusters=len(portfolio.clusters), bad=bad_rows) if bad_rows else \
            s("done_ok", args.lang, clusters=len(portfolio.clusters))
        print(done, file=sys.stderr)
    return EXIT_NEGATIVE if bad_rows else EXIT_OK
