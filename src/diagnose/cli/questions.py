"""`diagnose questions`: the questionnaire, as text."""
from __future__ import annotations

from .common import EXIT_OK, LANGS, write


def register(sub) -> None:
    questions = sub.add_parser("questions", help="list the questionnaire")
    questions.add_argument("--lang", choices=LANGS, default="en")


def run(args) -> int:
    from ..kb import knowledge
    from ..output import listings
    write(listings.questions_text(knowledge.bundled(), args.lang), None)
    return EXIT_OK
