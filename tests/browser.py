"""A small client of Chromium's DevTools protocol, for the browser tests.

It drives Debian's ``chromium`` headless (no browser is downloaded), talks to it over a loopback
WebSocket, and offers what the tests need: isolated pages (each its own cookies, like two people
on two machines), typing, the bytes a page received over its WebSockets (what a served Textual app
drew), and screenshots. Everything stays on 127.0.0.1: the browser resolves no host name at all.
"""
from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest
import websocket   # websocket-client

ARTIFACTS = Path(__file__).parent / "artifacts"
HEADLESS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            # no DNS at all: a page that tried to reach a host by name would fail here
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
DEVTOOLS = ["--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0"]   # the port chromium picks
KEYS = {"Enter": ("Enter", 13, "\r"), "Tab": ("Tab", 9, "\t"), "Escape": ("Escape", 27, ""),
        "ArrowDown": ("ArrowDown", 40, ""), "ArrowUp": ("ArrowUp", 38, ""),
        "ArrowRight": ("ArrowRight", 39, ""), "ArrowLeft": ("ArrowLeft", 37, "")}


def chromium() -> str:
    """The chromium executable; skip (non-root developer) or fail (root, as under .ci/run) without it."""
    path = shutil.which("chromium")
    if path:
        return path
    if os.geteuid() == 0:
        pytest.fail("chromium is missing although we are root: .ci/run installs it (apt-get install chromium fonts-noto-cjk)")
    pytest.skip("Debian's chromium is not installed (as root, .ci/run installs it: apt-get install chromium fonts-noto-cjk)")


def require_cjk_font() -> None:
    """A screenshot of Chinese text needs a CJK font, or it shows boxes; skip or fail as chromium() does."""
    listed = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True) \
        if shutil.which("fc-list") else None
    if listed and listed.stdout.strip():
        return
    if os.geteuid() == 0:
        pytest.fail("no Chinese font although we are root: .ci/run installs it (apt-get install fonts-noto-cjk)")
    pytest.skip("no Chinese font installed (as root, .ci/run installs it: apt-get install fonts-noto-cjk)")


def wait_until(predicate, timeout: float, what: str, step: float = 0.1):
    """Poll predicate until it returns something truthy; fail naming what was awaited."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g}s waiting for {what}")
        time.sleep(step)


class Browser:
    """One headless chromium process and its DevTools connection."""

    def __init__(self, workdir: Path, timeout: float = 60):
        self.timeout = timeout
        self.workdir = Path(workdir)
        profile = self.workdir / "chromium-profile"
        profile.mkdir(parents=True, exist_ok=True)
        self.log = open(self.workdir / "chromium.log", "wb")
        self.process = subprocess.Popen([chromium(), *HEADLESS, *DEVTOOLS, f"--user-data-dir={profile}", "about:blank"],
                                        stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log)
        port_file = profile / "DevToolsActivePort"
        try:
            # chromium writes the port it chose, then the browser target's path
            lines = wait_until(lambda: port_file.exists() and len(port_file.read_text().split()) >= 2 and
                               port_file.read_text().split(), timeout, "chromium's DevTools port")
            self.ws = websocket.create_connection(f"ws://127.0.0.1:{lines[0]}{lines[1]}", timeout=timeout,
                                                  suppress_origin=True)
        except BaseException:   # leave no browser behind
            self.process.kill()
            self.process.wait(timeout=timeout)
            self.log.close()
            raise
        self._ids = itertools.count(1)
        self._replies: dict[int, dict] = {}
        self.events: list[dict] = []
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                message = json.loads(self.ws.recv())
            except Exception:   # the connection closed: the browser is gone
                with self._changed:
                    self._changed.notify_all()
                return
            with self._changed:
                if "id" in message:
                    self._replies[message["id"]] = message
                else:
                    self.events.append(message)
                self._changed.notify_all()

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        ident = next(self._ids)
        message = {"id": ident, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.ws.send(json.dumps(message))
        with self._changed:
            if not self._changed.wait_for(lambda: ident in self._replies, self.timeout):
                raise AssertionError(f"chromium did not answer {method} within {self.timeout:g}s")
            reply = self._replies.pop(ident)
        if "error" in reply:
            raise AssertionError(f"{method}: {reply['error']}")
        return reply["result"]

    def new_page(self, width: int = 1280, height: int = 800) -> "Page":
        """A page in a fresh browser context: its own cookies and storage."""
        context = self.send("Target.createBrowserContext")["browserContextId"]
        target = self.send("Target.createTarget", {"url": "about:blank", "browserContextId": context})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, session, context)
        for domain in ("Page", "Network", "Runtime"):
            page.send(f"{domain}.enable")
        page.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        page.send("Emulation.setFocusEmulationEnabled", {"enabled": True})   # every page acts as the focused one
        return page

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except Exception:   # already gone
            pass
        try:
            self.process.wait(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=self.timeout)
        self.ws.close()
        self.log.close()


class Page:
    def __init__(self, browser: Browser, session: str, context: str):
        self.browser, self.session, self.context = browser, session, context

    def save_downloads_to(self, folder: Path) -> None:
        """Let this page's downloads land in folder, and report them as events."""
        self.browser.send("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder),
                                                          "browserContextId": self.context, "eventsEnabled": True})

    def wait_for_download(self, timeout: float | None = None) -> dict:
        """The first download of this browser that completed: its Browser.downloadWillBegin params."""
        def done():
            with self.browser._changed:
                events = list(self.browser.events)
            finished = {e["params"]["guid"] for e in events
                        if e["method"] == "Browser.downloadProgress" and e["params"]["state"] == "completed"}
            return next((e["params"] for e in events
                         if e["method"] == "Browser.downloadWillBegin" and e["params"]["guid"] in finished), None)
        return wait_until(done, timeout or self.browser.timeout, "a download to complete")

    def send(self, method: str, params: dict | None = None) -> dict:
        return self.browser.send(method, params, self.session)

    def navigate(self, url: str) -> None:
        self.send("Page.navigate", {"url": url})

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        return result["result"].get("value")

    def focus(self, selector: str) -> None:
        """Give the keyboard to an element, as a click into it would."""
        if not self.evaluate(f"(e => e ? (e.focus(), true) : false)(document.querySelector({json.dumps(selector)}))"):
            raise AssertionError(f"no {selector} in the page")

    def received(self) -> bytes:
        """Every binary WebSocket message this page received, joined: the app's terminal output."""
        with self.browser._changed:
            frames = [e["params"]["response"] for e in self.browser.events
                      if e.get("sessionId") == self.session and e["method"] == "Network.webSocketFrameReceived"]
        return b"".join(base64.b64decode(f["payloadData"]) for f in frames if f["opcode"] == 2)

    def wait_for_text(self, text: str, timeout: float | None = None, after: int = 0) -> int:
        """Wait until the page has received text (after byte offset `after`); return the offset past it."""
        needle = text.encode("utf-8")

        def found():
            at = self.received().find(needle, after)
            return at + len(needle) if at >= 0 else None
        return wait_until(found, timeout or self.browser.timeout, f"{text!r} to reach the page")

    def press(self, key: str) -> None:
        """Type one key: a printable character or a name in KEYS."""
        name, code, text = KEYS[key] if key in KEYS else (key, ord(key.upper()), key)
        down = {"type": "keyDown", "key": name, "windowsVirtualKeyCode": code}
        if text:
            down["text"] = text
        self.send("Input.dispatchKeyEvent", down)
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": name, "windowsVirtualKeyCode": code})

    def screenshot(self, path: Path) -> Path:
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path
