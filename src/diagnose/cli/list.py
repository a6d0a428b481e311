"""`diagnose list problems|remedies|types|questions [--lang]`: the ids that --why-not, --adopt and
profiles take, each with its name, so no one has to guess them."""
from __future__ import annotations

from .common import EXIT_OK, LANGS, write

WHAT = ("problems", "remedies", "types", "questions")


def register(sub) -> None:
    listing = sub.add_parser("list", help="list the ids of problems, remedies, governance types or questions")
    listing.add_argument("what", choices=WHAT)
    listing.add_argument("--lang", choices=LANGS, default="en")


def run(args) -> int:
    from ..kb import knowledge
    from ..output import listings
    write(listings.ids_text(knowledge.bundled(), args.what, args.lang), None)
    return EXIT_OK
