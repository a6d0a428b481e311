"""`diagnose validate`: the scorecard against the chapter's cases."""
from __future__ import annotations

from .common import EXIT_NEGATIVE, EXIT_OK, write


def register(sub) -> None:
    validate = sub.add_parser("validate", help="score the rule base against the chapter's cases")
    validate.add_argument("cases", nargs="*", help="case files (default: all bundled cases)")
    validate.add_argument("--format", choices=["text", "json"], default="text")
    validate.add_argument("--structural", action="store_true",
                          help="drop reported-incident answers and score problems from structure alone")
    validate.add_argument("--coverage", action="store_true", help="which rules each case fires, and rules no case fires")
    validate.add_argument("--verbose", action="store_true", help="name every extra (unclassified) finding in the text")


def run(args) -> int:
    from pathlib import Path

    from ..kb import knowledge
    from ..output import listings
    from ..validation import scorecard
    kb = knowledge.bundled()
    card = scorecard.run(kb, [Path(p) for p in args.cases] or None, structural=args.structural)
    if args.coverage:
        text = listings.case_coverage(kb, card, args.format)
    else:
        text = listings.scorecard(card, args.format, verbose=args.verbose)
    write(text, None)
    if args.coverage:   # a listing, not a verdict
        return EXIT_OK
    return EXIT_OK if card.meets_thresholds(structural=args.structural) else EXIT_NEGATIVE
