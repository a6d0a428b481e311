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
