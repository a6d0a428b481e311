"""Browser sessions: which autosave file each browser's questionnaire writes.

A browser is known by a random token in a cookie (no account, no name). Its profile lives at
``PROFILE_DIR/session-<digest of the token>.yaml``: reloading the page, or coming back another day,
resumes it, and a directory listing does not reveal anyone's cookie. One file has at most one live
app at a time: a second tab of the same browser, while the first is open, gets a fresh one-off
session rather than two processes overwriting each other's answers.
"""
from __future__ import annotations

import asyncio
import hashlib
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from ..inputs.userdirs import data_dir

COOKIE = "diagnose_session"
COOKIE_MAX_AGE = 90 * 24 * 3600   # a questionnaire may take several sittings
RELOAD_GRACE = 5.0                # seconds a reloaded page waits for its previous app to close
_TOKEN = re.compile(r"[0-9a-f]{32}")


def default_profile_dir() -> Path:
    return data_dir() / "browser-sessions"


def new_token() -> str:
    return secrets.token_hex(16)


def valid_token(token: str | None) -> bool:
    """Only tokens we could have issued: the cookie is user input and becomes part of a file name."""
    return bool(token) and _TOKEN.fullmatch(token) is not None


@dataclass(frozen=True)
class Claim:
    token: str
    profile_path: Path


class SessionRegistry:
    """Hands out profile files, one live app per file. Lives in the server's event loop."""

    def __init__(self, profile_dir: Path, reload_grace: float = RELOAD_GRACE):
        self.profile_dir = Path(profile_dir)
        self.reload_grace = reload_grace
        self._live: set[str] = set()
        self._released = asyncio.Condition()

    def profile_path(self, token: str) -> Path:
        digest = hashlib.sha256(token.encode("ascii")).hexdigest()[:32]
        return self.profile_dir / f"session-{digest}.yaml"

    async def claim(self, token: str | None) -> Claim:
        """The cookie's session if it is free (after a short wait, for a reload), else a fresh one."""
        async with self._released:
            if valid_token(token):
                try:
                    await asyncio.wait_for(self._released.wait_for(lambda: token not in self._live),
                                           self.reload_grace)
                except TimeoutError:
                    token = None
            if not valid_token(token):
                token = new_token()
            self._live.add(token)
        return Claim(token, self.profile_path(token))

    async def release(self, claim: Claim) -> None:
        async with self._released:
            self._live.discard(claim.token)
            self._released.notify_all()
