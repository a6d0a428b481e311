"""`diagnose serve`: the questionnaire in a real browser (headless chromium), and its refusals.

Network rule: these tests only ever listen on or connect to 127.0.0.1.
"""
from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
import yaml

from browser import ARTIFACTS, Browser, require_cjk_font, wait_until
from diagnose.cli import main
from diagnose.kb.profile import UNKNOWN
from diagnose.output.i18n import t
from diagnose.serve.sessions import SessionRegistry
from diagnose.tui.session import Session
from diagnose.tui.widgets.choices import choice_values

BOUND = 120   # seconds: generous, for a loaded two-core machine


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


# -- refusals: one line, exit 2, nothing served

def test_any_address_but_loopback_needs_public(cli):
    result = cli("serve", "--host", "0.0.0.0", "--port", free_port(), timeout=60)
    assert result.returncode == 2
    assert "--public" in one_line(result.stderr) and "no login" in result.stderr


@pytest.mark.parametrize("args, words", [
    (["--host", "no such host!"], "--host"),
    (["--port", "70000"], "--port"),
    (["--port", "eighty"], "--port"),
])
def test_bad_host_or_port_is_one_line(cli, args, words):
    result = cli("serve", *args, timeout=60)
    assert result.returncode == 2
    assert words in one_line(result.stderr)


def test_port_in_use_is_one_line(cli):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli("serve", "--port", port, timeout=60)
    assert result.returncode == 2
    assert f"port {port} is already in use" in one_line(result.stderr)


def test_unusable_profile_dir_is_one_line(cli, tmp_path):
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("x")
    result = cli("serve", "--port", free_port(), "--profile-dir", a_file / "sessions", timeout=60)
    assert result.returncode == 2
    assert "--profile-dir" in one_line(result.stderr)


def test_public_warns_that_there_is_no_login(cli):
    # the port is taken, so the warning is printed and then nothing listens on all addresses
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli("serve", "--host", "0.0.0.0", "--port", port, "--public", "--lang", "en", timeout=60)
    assert result.returncode == 2
    warning, error = result.stderr.strip().splitlines()
    assert "no login" in warning and "authenticating proxy" in warning
    assert "in use" in error


def test_missing_textual_serve_is_one_line(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "textual_serve", None)   # what an install without the extra sees
    assert main(["serve", "--port", str(free_port())]) == 2
    line = one_line(capsys.readouterr().err)
    assert "textual-serve" in line and "[serve]" in line


# -- sessions: which file a browser's questionnaire writes

def test_a_browser_keeps_its_file_and_a_forged_cookie_gets_a_fresh_one(tmp_path):
    async def scenario():
        registry = SessionRegistry(tmp_path)
        first = await registry.claim(None)
        await registry.release(first)
        again = await registry.claim(first.token)          # a reload, or the next day
        forged = await registry.claim("../../etc/passwd")  # the cookie is user input
        return first, again, forged
    first, again, forged = asyncio.run(scenario())
    assert again == first and first.profile_path.parent == tmp_path
    assert forged.token != "../../etc/passwd" and forged.profile_path.parent == tmp_path
    assert first.token not in first.profile_path.name   # a directory listing does not give cookies away


def test_a_second_tab_of_a_busy_session_gets_its_own_file(tmp_path):
    async def scenario():
        registry = SessionRegistry(tmp_path, reload_grace=0.5)
        first = await registry.claim(None)
        second = await registry.claim(first.token)         # first still open: after the grace, a new session
        waiting = asyncio.create_task(registry.claim(first.token))
        await registry.release(first)                      # a reload: the old page closes, the new one gets it
        return first, second, await waiting
    first, second, reloaded = asyncio.run(scenario())
    assert second.profile_path != first.profile_path
    assert reloaded == first


# -- in the browser

class Served:
    """`diagnose serve` in its own process, on a free loopback port."""

    def __init__(self, workdir: Path, lang: str = "zh"):
        self.profile_dir = workdir / "sessions"
        self.port = free_port()
        self.out = open(workdir / "serve.log", "w")
        env = {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "diagnose", "serve", "--port", str(self.port), "--profile-dir",
             str(self.profile_dir), "--lang", lang], stdin=subprocess.DEVNULL, stdout=self.out,
            stderr=subprocess.STDOUT, env=env)
        wait_until(self._listening, BOUND, "the server to listen")
        self.url = f"http://127.0.0.1:{self.port}/"

    def _listening(self) -> bool:
        assert self.process.poll() is None, (self.profile_dir.parent / "serve.log").read_text()
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", self.port)) == 0

    def processes(self) -> list[str]:
        """Command lines of live processes serving this test's sessions (the server's children)."""
        found = []
        for entry in Path("/proc").iterdir():
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except (OSError, ValueError):
                continue
            if str(self.profile_dir) in cmdline and "app_process" in cmdline:
                found.append(cmdline)
        return found

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=BOUND)
        finally:
            if self.process.poll() is None:
                self.process.kill()
            self.out.close()


def test_the_page_speaks_the_language_loads_nothing_from_elsewhere_and_keeps_its_cookie_private(tmp_path):
    served = Served(tmp_path, lang="en")
    try:
        with urllib.request.urlopen(served.url, timeout=BOUND) as response:
            page, cookie = response.read().decode("utf-8"), response.headers["Set-Cookie"]
    finally:
        assert served.stop() == 0
    assert '<html lang="en">' in page and "Connecting to the questionnaire" in page and "正在连接" not in page
    assert re.findall(r'(?:src|href)="([^"]+)"', page) and all(
        not url.startswith(("http:", "https:", "//")) for url in re.findall(r'(?:src|href)="([^"]+)"', page))
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


def profile_files(served: Served) -> list[Path]:
    return sorted(served.profile_dir.glob("session-*.yaml"))


def answers_in(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if k != "name" and v != UNKNOWN}


class Person:
    """One browser session answering the questionnaire; mirrors it in a Session to know what to expect."""

    def __init__(self, page, kb, tmp: Path, choice: int):
        self.page, self.choice, self.seen = page, choice, 0
        self.mirror = Session(kb, tmp / f"mirror-{choice}.yaml", "zh")
        self.expected: dict = {}
        self.current = None

    def sees(self, text: str) -> None:
        self.seen = self.page.wait_for_text(text, BOUND, after=self.seen)

    def start_new(self) -> None:
        self.sees("新建评估")           # the start screen has been drawn in the page
        self.page.focus(".xterm-helper-textarea")   # the terminal's keyboard input
        self.page.press("n")
        self.current = self.mirror.next_question()
        self.sees(self.current.text("zh")[:8])

    def answer(self) -> None:
        """Answer the question on screen with this person's choice (or a number), as keys."""
        q = self.current
        if q.kind == "number":
            value = int(q.min) + self.choice
            for key in str(value):
                self.page.press(key)
            self.page.press("Enter")
        else:
            values = choice_values(q)
            value = values[min(self.choice, len(values) - 1)]
            self.page.press(str(values.index(value) + 1))
        self.expected[q.id] = value
        self.mirror.answer(q.id, value)
        self.current = self.mirror.next_question(after=q.id)
        if self.current is not None:    # as a person would: the next key only once the next question shows
            self.sees(self.current.text("zh")[:8])


def test_two_browsers_answer_into_their_own_profiles(kb, tmp_path):
    require_cjk_font()   # the screenshot must show Chinese, not boxes
    browser = Browser(tmp_path, timeout=BOUND)   # skips first if there is no chromium (a developer, not root)
    served = None
    try:
        served = Served(tmp_path)
        people = [Person(browser.new_page(), kb, tmp_path, choice) for choice in (0, 1)]
        for person in people:
            person.page.navigate(served.url)
        for person in people:
            person.start_new()
        for _ in range(3):
            for person in people:
                person.answer()
            # each answer reaches a file of its own on disk: two files, each with its own answers
            wait_until(lambda: len(profile_files(served)) == 2 and
                       sorted(map(answers_in, profile_files(served)), key=str) ==
                       sorted((p.expected for p in people), key=str), BOUND, "both profiles to hold the answers")
        assert people[0].expected != people[1].expected
        requested = {e["params"]["request"]["url"] for e in browser.events if e["method"] == "Network.requestWillBeSent"}
        assert requested and all(url.startswith(served.url) for url in requested), requested   # nothing from elsewhere
        people[0].page.screenshot(ARTIFACTS / "serve-questionnaire-zh.png")

        # a reload is the same browser session: it resumes its own file, and no new file appears
        first = next(f for f in profile_files(served) if answers_in(f) == people[0].expected)
        people[0].seen = len(people[0].page.received())
        people[0].page.navigate(served.url)
        people[0].sees("继续上次的评估")
        people[0].page.focus(".xterm-helper-textarea")
        people[0].page.press("r")
        people[0].current = people[0].mirror.next_question()
        people[0].sees(people[0].current.text("zh")[:8])
        people[0].answer()
        wait_until(lambda: answers_in(first) == people[0].expected, BOUND, "the resumed answer in the same file")
        assert len(profile_files(served)) == 2

        # an export is a download in the browser, not a file on the server
        downloads = tmp_path / "downloads"
        people[0].page.save_downloads_to(downloads)
        before = len(people[0].page.received())
        people[0].page.press("x")
        people[0].sees("导出诊断报告")
        people[0].sees(".html")
        # no "add to workbook": in a browser that workbook would be one server file shared by every session
        assert t("add_to_workbook", "zh").encode() not in people[0].page.received()[before:]
        people[0].page.press("Enter")          # the first format: markdown
        download = people[0].page.wait_for_download(BOUND)
        assert download["suggestedFilename"] == "diagnosis.md"
        report = wait_until(lambda: (downloads / "diagnosis.md").exists() and (downloads / "diagnosis.md").read_text(
            encoding="utf-8"), BOUND, "the downloaded report")
        assert report.startswith("# 产业集群治理诊断报告") and f"已答 {len(people[0].expected)}/" in report
        assert list(served.profile_dir.glob("*diagnosis*")) == []
    finally:
        browser.close()
        code = served.stop() if served else None
    assert code == 0, (tmp_path / "serve.log").read_text()
    # textual-serve waits for each questionnaire to close its output, which it does just before it exits
    wait_until(lambda: served.processes() == [], BOUND, "the questionnaire processes to end")
