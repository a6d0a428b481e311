"""`diagnose rules check|coverage`: lint the knowledge base, or report which map links it carries."""
from __future__ import annotations

import sys

from ..inputs.errors import InputError
from .common import EXIT_NEGATIVE, EXIT_OK, Parser, write


def register(sub) -> None:
    rules = sub.add_parser("rules", help="lint the knowledge base or report link coverage")
    rules_sub = rules.add_subparsers(dest="rules_command", parser_class=Parser)
    check = rules_sub.add_parser("check", help="lint the knowledge base")
    check.add_argument("--rules-dir", help="lint this rule directory instead of the bundled one")
    check.add_argument("--extra", action="append", default=[], help="also lint this extra rule file")
    coverage = rules_sub.add_parser("coverage", help="which map links the rule base encodes")
    coverage.add_argument("--format", choices=["text", "json"], default="text")


def run(args) -> int:
    from pathlib import Path

    from ..kb import knowledge, lint
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
        from ..kb import coverage
        from ..output import listings
        kb = knowledge.bundled()
        write(listings.link_coverage(coverage.compute(kb), args.format), None)
        return EXIT_OK
    raise InputError("diagnose rules", "", "rules_subcommand")
