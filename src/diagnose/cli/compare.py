"""`diagnose compare OLD NEW`: two states of one cluster."""
from __future__ import annotations

from .common import EXIT_OK, LANGS, write


def register(sub) -> None:
    compare = sub.add_parser("compare", help="compare two profiles of one cluster")
    compare.add_argument("old")
    compare.add_argument("new")
    compare.add_argument("--format", choices=["text", "markdown", "json"], default="text")
    compare.add_argument("--lang", choices=LANGS, default="en")


def run(args) -> int:
    from ..inference import scenarios
    from ..kb import knowledge
    from ..kb.profile import load_profile
    from ..output.scenarios import render_compare
    kb = knowledge.bundled()
    result = scenarios.compare(kb, load_profile(kb, args.old), load_profile(kb, args.new))
    write(render_compare(kb, result, args.format, args.lang), None)
    return EXIT_OK
