"""The process textual-serve starts for one browser connection: the questionnaire on its web driver.

textual-serve sets ``TEXTUAL_DRIVER`` so the app talks to the browser over stdin/stdout; there is
no terminal here, which is why this does not go through ``diagnose`` (that refuses to start without one).
"""
from __future__ import annotations

import argparse

from ..tui.app import make_app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="diagnose.serve.app_process")
    parser.add_argument("--profile", required=True, help="this browser session's autosave file")
    parser.add_argument("--lang", choices=["zh", "en"], default="zh")
    args = parser.parse_args(argv)
    make_app(profile_path=args.profile, lang=args.lang).run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
