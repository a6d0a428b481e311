"""`diagnose` with no command: the questionnaire in the terminal."""
from __future__ import annotations

import sys

from ..inputs.errors import InputError


def run(args) -> int:
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        raise InputError("diagnose", "", "needs_terminal")
    from ..tui.app import make_app
    make_app(profile_path=args.profile, lang=args.lang).run()
    return 0
