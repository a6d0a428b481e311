"""The questionnaire in a real terminal (tmux): opens, answers, quits cleanly, nothing drawn over it."""
import shutil
import subprocess
import sys
import time
import uuid

import pytest

pytestmark = [pytest.mark.skipif(not shutil.which("tmux"), reason="tmux is not installed"), pytest.mark.slow]


def _tmux(*args):
    return subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=30)


def _wait_for(session, text, timeout=90.0):   # generous: a loaded machine starts slowly
    deadline = time.time() + timeout
    screen = ""
    while time.time() < deadline:
        screen = _tmux("capture-pane", "-p", "-t", session).stdout
        if text in screen:
            return screen
        time.sleep(0.3)
    raise AssertionError(f"{text!r} never appeared; screen was:\n{screen}")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_opens_answers_and_quits_cleanly(tmp_path, size):
    session = f"diagnose-{uuid.uuid4().hex[:8]}"
    profile, done = tmp_path / "p.yaml", tmp_path / "exit"
    command = f"{sys.executable} -m diagnose --profile {profile} --lang en; echo $? > {done}"
    _tmux("new-session", "-d", "-s", session, "-x", str(size[0]), "-y", str(size[1]), command)
    try:
        _wait_for(session, "New assessment")
        _tmux("send-keys", "-t", session, "n")
        _wait_for(session, "Do one or a few core firms")
        _tmux("send-keys", "-t", session, "2")
        screen = _wait_for(session, "Are firms linked mainly by market trades")
        for bad in ("Traceback", "DEBUG", "WARNING:", "INFO:"):
            assert bad not in screen
        _tmux("send-keys", "-t", session, "C-q")
        deadline = time.time() + 60
        while not done.exists() and time.time() < deadline:
            time.sleep(0.2)
        assert done.read_text().strip() == "0"
        assert "dominant_lead_firm: false" in profile.read_text(encoding="utf-8")
    finally:
        _tmux("kill-session", "-t", session)


def _footer(session, key, timeout=60.0) -> str:
    """The pane's bottom row once it shows ``key`` (waiting, with a generous bound, for it to be drawn)."""
    deadline = time.time() + timeout
    while True:
        rows = _tmux("capture-pane", "-p", "-t", session).stdout.split("\n")
        bottom = [row for row in rows[:24]][-1] if len(rows) >= 24 else ""
        if f"{key} " in bottom or time.time() > deadline:
            return bottom
        time.sleep(0.1)


def _wait_until(session, condition, timeout=60.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition(_tmux("capture-pane", "-p", "-t", session).stdout):
            return
        time.sleep(0.05)
    raise AssertionError("the screen never changed:\n" + _tmux("capture-pane", "-p", "-t", session).stdout)


def _press_shown(session, key, tmux_key=None):
    """Press a key, having checked that the footer shows it (a person reads the footer, not the code)."""
    footer = _footer(session, key)
    assert f"{key} " in footer, f"{key!r} is not in the footer: {footer!r}"
    _tmux("send-keys", "-t", session, tmux_key or key)


def test_a_whole_questionnaire_to_an_export_with_only_the_keys_the_footer_shows(tmp_path):
    """At 80x24: start, answer every question ("0", unknown, the one answer key the footer names),
    export Markdown and quit, pressing nothing the footer does not show at that moment."""
    import re
    session = f"diagnose-{uuid.uuid4().hex[:8]}"
    profile, done = tmp_path / "p.yaml", tmp_path / "exit"
    command = f"{sys.executable} -m diagnose --profile {profile} --lang en; echo $? > {done}"
    _tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command)
    try:
        _wait_for(session, "New assessment")
        _press_shown(session, "n")
        _wait_for(session, "to ask")
        for _ in range(200):
            screen = _tmux("capture-pane", "-p", "-t", session).stdout
            if "· 0 to ask" in screen:         # every relevant question has been asked
                break
            progress = re.search(r"\d+ answered · \d+ to ask", screen).group(0)
            if "Type a number" in screen:       # a number question: the box has the keys; 0 and Enter is unknown
                assert "0 or u means unknown" in screen   # typed into the box, so named by its hint, not the footer
                _tmux("send-keys", "-t", session, "0")    # (an empty box is not unknown: it is told to type a number)
                _press_shown(session, "⏎", "Enter")
            else:
                _press_shown(session, "0")      # unknown, and on to the next question
            _wait_until(session, lambda now: progress not in now)
        else:
            raise AssertionError("the questionnaire never ended")
        _press_shown(session, "x")
        _wait_for(session, "Export the diagnosis")
        _press_shown(session, "1")
        deadline = time.time() + 60
        while not (tmp_path / "p-diagnosis.md").exists() and time.time() < deadline:
            time.sleep(0.2)
        assert (tmp_path / "p-diagnosis.md").read_text(encoding="utf-8").startswith("# Cluster governance diagnosis")
        _wait_for(session, "Exported")
        _press_shown(session, "^q", "C-q")
        deadline = time.time() + 15
        while not done.exists() and time.time() < deadline:
            time.sleep(0.2)
        assert done.read_text().strip() == "0"
    finally:
        _tmux("kill-session", "-t", session)
