"""`diagnose assess PROFILE`: diagnose one cluster and write a report."""
from __future__ import annotations

from .common import EXIT_OK, LANGS, unknown_id, write


def register(sub) -> None:
    assess = sub.add_parser("assess", help="diagnose one cluster profile (YAML or JSON)")
    assess.add_argument("profile")
    assess.add_argument("--format", choices=["text", "markdown", "json", "html"], default="text")
    assess.add_argument("--lang", choices=LANGS, default="en")
    assess.add_argument("-o", "--output", help="write the report to this file")
    assess.add_argument("--why-not", action="append", default=[], metavar="ID",
                        help="explain why a problem, remedy or type was NOT concluded (repeatable)")


def run(args) -> int:
    from ..inference import engine, explain
    from ..inference.diagnosis import diagnose
    from ..kb import knowledge
    from ..kb.profile import load_profile
    from ..output import render
    kb = knowledge.bundled()
    profile = load_profile(kb, args.profile)
    for ident in args.why_not:
        if explain.find_kind(kb, ident) is None:
            raise unknown_id(args.profile, "--why-not", ident, [*kb.problems, *kb.remedies, *kb.types],
                             "conclusion", "'diagnose list problems', 'diagnose list remedies'")
    result = diagnose(kb, profile, runner=engine.SingleRun(kb))   # one profile: a network for it alone
    why_not = [explain.why_not(kb, profile, result.concluded(), ident) for ident in args.why_not]
    write(render.render(kb, result, args.format, args.lang, why_not=why_not), args.output)
    return EXIT_OK
