"""Command line: argument parsing only; every command calls the modules that do the work.

Exit codes: 0 success; 1 the command ran and its verdict is negative (lint errors, validation
below thresholds); 2 bad input or usage (one line on stderr naming file, field and reason);
3 an internal error (one line on stderr naming the log file that holds the details).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import traceback
from pathlib import Path

from .loading import InputError

EXIT_OK, EXIT_NEGATIVE, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2 (argparse would print the usage too)
        raise InputError(self.prog, "", message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="diagnose", description="Diagnose the governance problems of an industrial cluster.")
    parser.add_argument("--version", action="store_true", help="print the version and the rule base version")
    parser.add_argument("--profile", help="with no command: the profile file the questionnaire reads and autosaves")
    parser.add_argument("--lang", choices=["zh", "en"], default=None, help="with no command: the questionnaire's language")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    assess = sub.add_parser("assess", help="diagnose one cluster profile (YAML or JSON)")
    assess.add_argument("profile")
    assess.add_argument("--format", choices=["text", "markdown", "json", "html"], default="text")
    assess.add_argument("--lang", choices=["zh", "en"], default="en")
    assess.add_argument("-o", "--output", help="write the report to this file")
    assess.add_argument("--why-not", action="append", default=[], metavar="ID",
                        help="explain why a problem, remedy or type was NOT concluded (repeatable)")

    validate = sub.add_parser("validate", help="score the rule base against the chapter's cases")
    validate.add_argument("cases", nargs="*", help="case files (default: all bundled cases)")
    validate.add_argument("--format", choices=["text", "json"], default="text")
    validate.add_argument("--structural", action="store_true",
                          help="drop reported-incident answers and score problems from structure alone")
    validate.add_argument("--coverage", action="store_true", help="which rules each case fires, and rules no case fires")

    rules = sub.add_parser("rules", help="lint the knowledge base or report link coverage")
    rules_sub = rules.add_subparsers(dest="rules_command", parser_class=_Parser)
    check = rules_sub.add_parser("check", help="lint the knowledge base")
    check.add_argument("--rules-dir", help="lint this rule directory instead of the bundled one")
    check.add_argument("--extra", action="append", default=[], help="also lint this extra rule file")
    coverage = rules_sub.add_parser("coverage", help="which map links the rule base encodes")
    coverage.add_argument("--format", choices=["text", "json"], default="text")

    sub.add_parser("schema", help="print the JSON Schema of a cluster profile")
    questions = sub.add_parser("questions", help="list the questionnaire")
    questions.add_argument("--lang", choices=["zh", "en"], default="en")

    whatif = sub.add_parser("whatif", help="re-diagnose with remedies adopted")
    whatif.add_argument("profile")
    whatif.add_argument("--adopt", nargs="+", required=True, metavar="REMEDY")
    whatif.add_argument("--format", choices=["text", "markdown", "json"], default="text")
    whatif.add_argument("--lang", choices=["zh", "en"], default="en")

    compare = sub.add_parser("compare", help="compare two profiles of one cluster")
    compare.add_argument("old")
    compare.add_argument("new")
    compare.add_argument("--format", choices=["text", "markdown", "json"], default="text")
    compare.add_argument("--lang", choices=["zh", "en"], default="en")
    return parser


def _write(text: str, output: str | None) -> None:
    if output:
        path = Path(output)
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(path, "", f"cannot write: {exc.strerror or exc}") from None
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _cmd_assess(args) -> int:
    from . import explain, knowledge, report
    from .diagnosis import diagnose
    from .profile import load_profile
    kb = knowledge.bundled()
    profile = load_profile(kb, args.profile)
    for ident in args.why_not:
        if explain.find_kind(kb, ident) is None:
            raise InputError(args.profile, "--why-not", f"'{ident}' is not a problem, remedy, type, fact or stage id")
    result = diagnose(kb, profile)
    why_not = [explain.why_not(kb, profile, {tuple(t.concluded.split(":", 1)) for t in result.trace}, ident)
               for ident in args.why_not]
    _write(report.render(kb, result, args.format, args.lang, why_not=why_not), args.output)
    return EXIT_OK


def _cmd_validate(args) -> int:
    from . import knowledge, validate
    kb = knowledge.bundled()
    card = validate.run(kb, [Path(p) for p in args.cases] or None, structural=args.structural)
    if args.coverage:
        text = validate.render_coverage(kb, card, args.format)
    else:
        text = validate.render(card, args.format)
    _write(text, None)
    return EXIT_OK if card.meets_thresholds(structural=args.structural) else EXIT_NEGATIVE


def _cmd_rules(args) -> int:
    from . import knowledge, lint
    if args.rules_command == "check":
        extra = [Path(p) for p in args.extra]
        errors = lint.check(Path(args.rules_dir) if args.rules_dir else None, extra)
        for error in errors:
            print(error, file=sys.stderr)
        kb_name = args.rules_dir or "bundled rule base"
        if errors:
            print(f"{len(errors)} error(s) in {kb_name}", file=sys.stderr)
            return EXIT_NEGATIVE
        kb = knowledge.load_knowledge_base(Path(args.rules_dir)) if args.rules_dir else knowledge.bundled()
        print(f"ok: {len(kb.rules)} rules, {len(kb.questions)} questions, {len(kb.problems)} problems, "
              f"{len(kb.remedies)} remedies, {len(kb.types)} types; no errors")
        return EXIT_OK
    if args.rules_command == "coverage":
        from . import coverage
        kb = knowledge.bundled()
        _write(coverage.render(coverage.compute(kb), args.format), None)
        return EXIT_OK
    raise InputError("diagnose rules", "", "expected 'check' or 'coverage'")


def _cmd_schema(args) -> int:
    from . import knowledge
    from .profile import json_schema
    _write(json.dumps(json_schema(knowledge.bundled()), ensure_ascii=False, indent=2), None)
    return EXIT_OK


def _cmd_questions(args) -> int:
    from . import knowledge, report
    _write(report.questions_text(knowledge.bundled(), args.lang), None)
    return EXIT_OK


def _cmd_whatif(args) -> int:
    from . import knowledge, scenarios
    from .profile import load_profile
    kb = knowledge.bundled()
    profile = load_profile(kb, args.profile)
    result = scenarios.whatif(kb, profile, args.adopt, source=args.profile)
    _write(scenarios.render_whatif(kb, result, args.format, args.lang), None)
    return EXIT_OK


def _cmd_compare(args) -> int:
    from . import knowledge, scenarios
    from .profile import load_profile
    kb = knowledge.bundled()
    result = scenarios.compare(kb, load_profile(kb, args.old), load_profile(kb, args.new))
    _write(scenarios.render_compare(kb, result, args.format, args.lang), None)
    return EXIT_OK


def _cmd_tui(args) -> int:
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        raise InputError("diagnose", "", "the questionnaire needs an interactive terminal; "
                         "use 'diagnose assess PROFILE' for scripts (see 'diagnose --help')")
    from .tui.app import run_app
    return run_app(profile_path=args.profile, lang=args.lang)


COMMANDS = {"assess": _cmd_assess, "validate": _cmd_validate, "rules": _cmd_rules, "schema": _cmd_schema,
            "questions": _cmd_questions, "whatif": _cmd_whatif, "compare": _cmd_compare}


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        if args.version:
            from . import __version__, knowledge
            kb = knowledge.bundled()
            print(f"diagnose {__version__}; rule base {kb.info.version} ({kb.info.date})")
            return EXIT_OK
        if args.command is None:
            return _cmd_tui(args)
        return COMMANDS[args.command](args)
    except InputError as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("diagnose: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception:  # noqa: BLE001 - the last line of defence: one line for the user, details in a log
        log = Path(tempfile.gettempdir()) / "diagnose-error.log"
        try:
            log.write_text(traceback.format_exc(), encoding="utf-8")
            where = f"details in {log}"
        except OSError:
            where = "and the details could not be written to a log file"
        print(f"diagnose: internal error ({sys.exc_info()[1].__class__.__name__}); {where}", file=sys.stderr)
        return EXIT_INTERNAL
