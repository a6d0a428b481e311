"""Command line: the parser and dispatch; each command lives in its own module of this package.

A command module has ``register(subparsers)`` (argparse only, cheap) and ``run(args) -> exit code``,
which imports what the command needs, so ``diagnose --help`` loads no engine and no rule base.

Exit codes: 0 success; 1 the command ran and its verdict is negative (lint errors, validation
below thresholds); 2 bad input or usage (one line on stderr naming file, field and reason);
3 an internal error (one line on stderr naming the log file that holds the details).
"""
from __future__ import annotations

import gc
import importlib
import os
import sys

from ..inputs.errors import InputError
from .common import EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, LANGS, Parser, print_error

# command name -> module of this package (one line per command)
COMMANDS = {
    "assess": "assess",
    "whatif": "whatif",
    "compare": "compare",
    "validate": "validate",
    "rules": "rules",
    "schema": "schema",
    "questions": "questions",
    "list": "list",
    "template": "template",
    "batch": "batch",
    "serve": "serve",
}

# Commands that diagnose or list once, write through common.write and hold nothing open when done.
# They run with the cyclic garbage collector off (its passes over the ~50,000 objects the imports
# make cost ~15 ms; one run makes little cyclic garbage) and skip the interpreter's teardown
# (~40 ms freeing what the process drops anyway). The questionnaire, batch, serve, validate and
# rules keep both: they run long, start workers or must save answers on the way out.
QUICK_EXIT = {"assess", "whatif", "compare", "schema", "questions", "list"}


def _command(module: str):
    return importlib.import_module(f"{__name__}.{module}")


def build_parser() -> Parser:
    parser = Parser(prog="diagnose", description="Diagnose the governance problems of an industrial cluster.")
    parser.add_argument("--version", action="store_true", help="print the version and the rule base version")
    parser.add_argument("--profile", help="with no command: the profile file the questionnaire reads and autosaves")
    parser.add_argument("--lang", choices=LANGS, default=None, help="with no command: the questionnaire's language")
    sub = parser.add_subparsers(dest="command", parser_class=Parser)
    for module in COMMANDS.values():
        _command(module).register(sub)
    return parser


def _version() -> int:
    from .. import __version__
    from ..kb import knowledge
    kb = knowledge.bundled()
    print(f"diagnose {__version__}; rule base {kb.info.version} ({kb.info.date})")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    try:
        args = build_parser().parse_args(argv)
        if args.version:
            return _version()
        if args.command is None:
            return _command("questionnaire").run(args)
        return _command(COMMANDS[args.command]).run(args)
    except InputError as exc:
        print_error(exc, words)
        return EXIT_INPUT
    except KeyboardInterrupt:   # not bad input, but the same kind of coded one-line message
        print_error(InputError("diagnose", "", "interrupted"), words)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception:  # noqa: BLE001 - the last line of defence: one line for the user, details in a log
        import traceback   # here: only a crash needs them

        from ..inputs.userdirs import write_error_log
        log = write_error_log(traceback.format_exc())
        kind = sys.exc_info()[1].__class__.__name__
        print_error(InputError("diagnose", "", "internal_error", kind=kind, log=str(log)) if log else
                    InputError("diagnose", "", "internal_error_no_log", kind=kind), words)
        return EXIT_INTERNAL


def entry() -> None:
    """The console script and ``python -m diagnose``: main(), with the quick exit of QUICK_EXIT."""
    argv = sys.argv[1:]
    quick = bool(argv) and argv[0] in QUICK_EXIT
    if quick:
        gc.disable()
    code = main(argv)
    if not quick:
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:   # the reader left (e.g. `| head`): as main() treats it
        pass
    os._exit(code)
