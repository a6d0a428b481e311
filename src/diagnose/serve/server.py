"""The web server: textual-serve runs one questionnaire process per browser connection.

What this adds to textual-serve's ``Server``:
- each connection's process autosaves to its browser session's own file (``sessions.py``);
- the page is ours (``templates/index.html``): in the questionnaire's language, and loading nothing
  from outside this server (textual-serve's own page fetches a web font from the internet);
- shutting down stops every questionnaire process before the event loop closes, so none is left;
- plain log lines instead of textual-serve's banner.
"""
from __future__ import annotations

import asyncio
import contextvars
import logging
import shlex
import sys
from pathlib import Path

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server

from ..output.i18n import t
from .sessions import COOKIE, COOKIE_MAX_AGE, SessionRegistry, new_token, valid_token

TEMPLATES = Path(__file__).parent / "templates"
SHUTDOWN_BOUND = 30.0   # seconds to wait for the questionnaires to close when the server stops
PAGE_TEXTS = ("app_title", "serve_connecting", "serve_ended", "serve_restart", "serve_needs_js")

# The command line of the connection being handled; each aiohttp request runs in its own task,
# so each connection sees its own value.
_connection_command: contextvars.ContextVar[str] = contextvars.ContextVar("connection_command")


def app_command(profile_path: Path, lang: str) -> str:
    """The shell command textual-serve runs for one connection (``exec``: no shell left in between)."""
    return (f"exec {shlex.quote(sys.executable)} -m diagnose.serve.app_process "
            f"--profile {shlex.quote(str(profile_path))} --lang {lang}")


class QuestionnaireServer(Server):
    def __init__(self, host: str, port: int, profile_dir: Path, lang: str, url: str):
        super().__init__(command="", host=host, port=port, title=t("app_title", lang), templates_path=TEMPLATES)
        self.lang, self.url = lang, url
        self.sessions = SessionRegistry(profile_dir)
        self._connections: dict[asyncio.Task, web.Request] = {}   # the live browser connections

    # textual-serve reads ``self.command`` when a browser connects; answering with the command of
    # the connection being handled gives every connection its own profile file. Outside a
    # connection there is no command (a LookupError, rather than a file every session would share).
    @property
    def command(self) -> str:
        return _connection_command.get()

    @command.setter
    def command(self, value: str) -> None:
        pass   # textual-serve's __init__ sets one command for all connections; each gets its own here

    def initialize_logging(self) -> None:
        logging.basicConfig(level=logging.WARNING, format="diagnose serve: %(message)s", stream=sys.stderr)

    async def on_startup(self, app: web.Application) -> None:
        print(t("serve_listening", self.lang).format(url=self.url), flush=True)

    async def on_shutdown(self, app: web.Application) -> None:
        # Hang up on every browser: textual-serve then tells each process to quit and waits for it.
        # (Cancelling the handlers instead would interrupt that wait and leave processes behind.)
        for request in self._connections.values():
            if request.transport is not None:
                request.transport.close()
        if self._connections:
            await asyncio.wait(list(self._connections), timeout=SHUTDOWN_BOUND)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        token = request.cookies.get(COOKIE)
        context = {"lang": self.lang, "text": {key: t(key, self.lang) for key in PAGE_TEXTS}}
        response = aiohttp_jinja2.render_template("index.html", request, context)
        response.set_cookie(COOKIE, token if valid_token(token) else new_token(), max_age=COOKIE_MAX_AGE,
                            httponly=True, samesite="Strict", path="/")
        response.headers["Cache-Control"] = "no-store"
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        claim = await self.sessions.claim(request.cookies.get(COOKIE))
        _connection_command.set(app_command(claim.profile_path, self.lang))
        task = asyncio.current_task()
        self._connections[task] = request
        try:
            return await super().handle_websocket(request)
        finally:
            self._connections.pop(task, None)
            await self.sessions.release(claim)
