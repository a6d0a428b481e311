"""`diagnose whatif PROFILE --adopt REMEDY...`: re-diagnose with remedies adopted through the rules."""
from __future__ import annotations

from .common import EXIT_OK, LANGS, unknown_id, write


def register(sub) -> None:
    whatif = sub.add_parser("whatif", help="re-diagnose with remedies adopted")
    whatif.add_argument("profile")
    whatif.add_argument("--adopt", nargs="+", required=True, metavar="REMEDY")
    whatif.add_argument("--format", choices=["text", "markdown", "json"], default="text")
    whatif.add_argument("--lang", choices=LANGS, default="en")


def run(args) -> int:
    from ..inference import scenarios
    from ..kb import knowledge
    from ..kb.profile import load_profile
    from ..output.scenarios import render_whatif
    kb = knowledge.bundled()
    profile = load_profile(kb, args.profile)
    for ident in args.adopt:
        if ident not in kb.remedies:
            raise unknown_id(args.profile, "--adopt", ident, kb.remedies, "remedy", "'diagnose list remedies'")
    result = scenarios.whatif(kb, profile, args.adopt, source=args.profile)
    write(render_whatif(kb, result, args.format, args.lang), None)
    return EXIT_OK
