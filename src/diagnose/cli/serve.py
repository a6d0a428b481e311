"""`diagnose serve`: the questionnaire in a web browser (textual-serve), loopback unless --public."""
from __future__ import annotations

import os
import sys

from .common import EXIT_OK, LANGS

DEFAULT_PORT = 8000


def register(sub) -> None:
    serve = sub.add_parser("serve", help="serve the questionnaire to web browsers (no login: loopback unless --public)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port to listen on (default {DEFAULT_PORT})")
    serve.add_argument("--profile-dir", help="folder of the browser sessions' autosave files (default: the user data folder)")
    serve.add_argument("--lang", choices=LANGS, default="zh")
    serve.add_argument("--public", action="store_true",
                       help="allow an address other machines reach; there is no login, so put it behind an authenticating proxy")


def run(args) -> int:
    from ..inputs.loading import InputError, os_params
    try:
        import aiohttp_jinja2  # noqa: F401  (textual-serve brings both)
        import textual_serve  # noqa: F401
    except ImportError:
        raise InputError("diagnose serve", "", "needs_textual_serve") from None
    from pathlib import Path

    from ..output.i18n import t
    from ..serve import address
    from ..serve.server import QuestionnaireServer
    from ..serve.sessions import default_profile_dir
    addresses = address.resolve(args.host, args.port)
    if not address.is_loopback(addresses):
        if not args.public:
            raise InputError("diagnose serve", "--host", "host_is_public", host=args.host)
        print(t("serve_public_warning", args.lang), file=sys.stderr)
    address.check_free(addresses, args.host, args.port)
    profile_dir = Path(args.profile_dir).expanduser() if args.profile_dir else default_profile_dir()
    try:
        profile_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(profile_dir, "--profile-dir", "cannot_create", **os_params(exc)) from None
    if not os.access(profile_dir, os.W_OK | os.X_OK):
        raise InputError(profile_dir, "--profile-dir", "folder_not_writable")
    server = QuestionnaireServer(args.host, args.port, profile_dir, args.lang, address.url(args.host, args.port))
    try:
        server.serve()
    except OSError as exc:   # the port was taken between the check and the start
        raise InputError("diagnose serve", "--port", "cannot_listen", host=args.host, port=args.port,
                         **os_params(exc)) from None
    return EXIT_OK
