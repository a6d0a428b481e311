"""The questionnaire, driven as a person would: keys in, screens and saved files out."""
import asyncio
import fcntl
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from diagnose.tui import autosave
from diagnose.inference.diagnosis import diagnose
from diagnose.kb.profile import UNKNOWN, Profile, load_profile
from diagnose.tui.app import make_app
from diagnose.tui.screens.question import QuestionScreen
from diagnose.tui.screens.review import ReviewScreen
from diagnose.tui.screens.text import HowScreen
from diagnose.tui.session import Session
from diagnose.validation.cases import load_case


def keys_for(q, value):
    if q.kind == "yes_no":
        return ["1" if value else "2"]
    if q.kind == "one_of":
        return [str(q.allowed_values().index(value) + 1)]
    return [*f"{value:g}", "enter"]


def shortest_prefix(kb, qid):
    """What a profile author types to jump (g): the question's id (a user types its words instead)."""
    return qid


async def answer_through_ui(pilot, app, answers: dict):
    for qid, value in answers.items():
        await pilot.press("ctrl+g", *shortest_prefix(app.kb, qid), "enter")
        await pilot.pause()
        assert app.screen.question_id == qid
        await pilot.press(*keys_for(app.kb.questions[qid], value))
        await pilot.pause()


@pytest.mark.parametrize("case", ["K-16-1990"])
def test_answering_a_chapter_case_gives_the_same_diagnosis_as_assess(kb, case_paths, tmp_path, case):
    case_file = load_case(kb, [p for p in case_paths if p.stem == case][0])

    async def run():
        app = make_app(tmp_path / "p.yaml", "en", kb=kb)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("n")
            await pilot.pause()
            await answer_through_ui(pilot, app, case_file.profile.known())
            return app.session.diagnosis
    via_ui = asyncio.run(run())
    direct = diagnose(kb, Profile(name=via_ui.profile["name"], answers=case_file.profile.answers))
    assert via_ui.to_dict() == direct.to_dict()
    # the autosaved file is a normal profile that assess accepts, with the same answers
    assert load_profile(kb, tmp_path / "p.yaml").known() == case_file.profile.known()


def test_language_switch_rerenders_everything(kb, tmp_path):
    async def run():
        app = make_app(tmp_path / "p.yaml", "zh", kb=kb)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n")
            await pilot.pause()
            zh = str(app.screen.query_one("#question").render())
            await pilot.press("f2")
            await pilot.pause()
            en = str(app.screen.query_one("#question").render())
            footer = [b.description for _, b, _, _ in app.screen.active_bindings.values()] \
                if hasattr(app.screen, "active_bindings") else []
            return zh, en, app.title, footer
    zh, en, title, footer = asyncio.run(run())
    assert "是否" in zh and "Do one or a few core firms" in en
    assert title == "Cluster Governance Diagnosis"
    if footer:
        assert "Review" in footer and "全部回答" not in footer


def test_keyboard_navigation_unknown_back_and_best(kb, tmp_path):
    async def run():
        app = make_app(tmp_path / "p.yaml", "en", kb=kb)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n")
            await pilot.pause()
            first = app.screen.question_id
            await pilot.press("0")                       # unknown, move on
            await pilot.pause()
            second = app.screen.question_id
            await pilot.press("left")                    # back
            await pilot.pause()
            back = app.screen.question_id
            await pilot.press("up", "enter")             # arrows + enter: from "unknown" up to "no"
            await pilot.pause()
            return first, second, back, app.session.answers[first]
    first, second, back, value = asyncio.run(run())
    assert first == "dominant_lead_firm" and second != first and back == first and value is False


def test_basics_first_then_the_question_that_could_change_most(kb, tmp_path):
    session = Session(kb, tmp_path / "p.yaml", "en")
    basics = [q.id for q in kb.questions.values() if q.basic]
    for qid in basics:
        assert session.next_question().id == qid or session.next_question().basic
        session.answer(session.next_question().id, False)
    nxt = session.next_question()
    assert not nxt.basic
    assert nxt.id == session.diagnosis.unanswered[0].question


def test_how_and_review_screens(kb, tmp_path):
    async def run():
        app = make_app(tmp_path / "p.yaml", "en", kb=kb)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("n")
            await pilot.pause()
            await answer_through_ui(pilot, app, {"three_in_one_premises": True, "household_workshops": True})
            await pilot.press("h")
            await pilot.pause()
            how = app.screen
            how_text = str(how.query_one("#body").render())
            how_title = str(how.query_one(".dialog-title").render())
            await pilot.press("escape")
            await pilot.press("v")
            await pilot.pause()
            review = app.screen
            rows = review.query_one("#answers").option_count
            await pilot.press("enter")                   # edit the first question
            await pilot.pause()
            return isinstance(how, HowScreen), how_text, how_title, isinstance(review, ReviewScreen), rows, app.screen
    is_how, how_text, how_title, is_review, rows, screen = asyncio.run(run())
    assert how_title.startswith("How it was reached: ")
    assert is_how and "P15" in how_text and "集生产、仓储、生活于一身" in how_text
    assert is_review and rows > 10
    assert isinstance(screen, QuestionScreen)


def test_export_writes_reports(kb, tmp_path):
    async def run():
        app = make_app(tmp_path / "p.yaml", "en", kb=kb)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n")
            await pilot.pause()
            await answer_through_ui(pilot, app, {"same_products_concentrated": True})
            for key in ("1", "2", "3"):                  # the format keys the export dialog's footer shows
                await pilot.press("x", key)
                await pilot.pause()
    asyncio.run(run())
    assert (tmp_path / "p-diagnosis.md").read_text(encoding="utf-8").startswith("# Cluster governance diagnosis")
    assert '"problems"' in (tmp_path / "p-diagnosis.json").read_text(encoding="utf-8")
    assert (tmp_path / "p-diagnosis.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


KILLED_RUN = """
import asyncio, os, signal, sys
from diagnose.tui.app import make_app
async def main():
    app = make_app(sys.argv[1], "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        for key in ["2", "1", "1", "1", "2", "1"]:
            await pilot.press(key)
            await pilot.pause()
        os.kill(os.getpid(), signal.SIGKILL)       # the machine dies mid-questionnaire
asyncio.run(main())
"""


@pytest.mark.slow
def test_killed_mid_questionnaire_resumes_with_every_answer(kb, tmp_path):
    path = tmp_path / "p.yaml"
    proc = subprocess.run([sys.executable, "-c", KILLED_RUN, str(path)], capture_output=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL
    saved = load_profile(kb, path).known()
    assert len(saved) == 6

    async def resume():
        app = make_app(path, "en", kb=kb)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("r")
            await pilot.pause()
            return {k: v for k, v in app.session.answers.items() if v != UNKNOWN}, type(app.screen)
    answers, screen = asyncio.run(resume())
    assert answers == saved and screen is QuestionScreen


SAVE_LOOP = """
import sys
from diagnose.kb import knowledge
from diagnose.tui import autosave
from diagnose.kb.profile import Profile
kb = knowledge.bundled()
qs = list(kb.questions.values())
a = Profile(name="A", notes="A" * 15000, answers={q.id: True for q in qs if q.kind == "yes_no"})
b = Profile(name="B", answers={q.id: False for q in qs if q.kind == "yes_no"})
saves = 0
while True:
    autosave.save_profile(a if saves % 2 == 0 else b, sys.argv[1])
    saves += 1
    print(saves, flush=True)                    # the test kills it after a number of saves, not a time
"""


def read_lines_until(proc, done, timeout=120.0):
    """Read the child's lines until done(line) is true: waits for an event, with a generous bound."""
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if selector.select(timeout=deadline - time.monotonic()):
            line = proc.stdout.readline()
            if not line:
                raise AssertionError(f"the child ended (exit {proc.wait()}) before the awaited line")
            if done(line.decode().strip()):
                return
    raise AssertionError(f"no awaited line in {timeout:.0f} s")


@pytest.mark.slow
def test_a_kill_during_saves_never_leaves_a_half_written_profile(kb, tmp_path):
    """Killed after 1, 2, 3, 5, 8, 13 and 21 saves (events, never a sleep): the profile is always whole;
    the temporary files a kill can leave are cleared by the next questionnaire that takes the profile."""
    path = tmp_path / "p.yaml"
    for saves in (1, 2, 3, 5, 8, 13, 21):
        proc = subprocess.Popen([sys.executable, "-c", SAVE_LOOP, str(path)], stdout=subprocess.PIPE, bufsize=0)
        try:
            read_lines_until(proc, lambda line: int(line) >= saves)
        finally:
            proc.kill()
            proc.wait(timeout=120)
        profile = load_profile(kb, path)                 # always a whole file, one of the two
        assert (profile.name, profile.notes) in (("A", "A" * 15000), ("B", None))
    (tmp_path / ".p.yaml.leftover.tmp").write_text("half a save")  # what a kill mid-save leaves
    store = autosave.ProfileStore(path)
    assert store.claim() is None
    assert autosave.stale_temporaries(path) == []
    store.release()


def test_failed_save_keeps_the_old_file(kb, tmp_path, monkeypatch):
    path = tmp_path / "p.yaml"
    autosave.save_profile(Profile(name="old", answers={"low_entry_barrier": True}), path)
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        autosave.save_profile(Profile(name="new", answers={}), path)
    assert load_profile(kb, path).name == "old"
    assert not list(tmp_path.glob("*.tmp"))


def test_corrupt_autosave_is_set_aside_and_reported(kb, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("name: [broken\n")
    resumed = autosave.resume(kb, path)
    assert resumed.profile is None and "malformed YAML" in resumed.problem
    assert resumed.moved_to.exists() and not path.exists()

    path.write_text("name: x\nlow_entry_barrier: maybe\n")

    async def run():
        app = make_app(path, "en", kb=kb)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("r")
            await pilot.pause()
            return [n.message for n in app._notifications], app.session.answers
    notes, answers = asyncio.run(run())
    assert any("set aside" in n for n in notes)
    assert all(v == UNKNOWN for v in answers.values())


# ---- snapshots (pytest-textual-snapshot); update with: pytest tests/test_tui.py --snapshot-update
# Each snapshot app autosaves into its own fixed folder: the start screen shows the path, so it must be
# the same on every run; snapshot tests take turns (a lock), since other runs may share the folder.
SNAP_DIR = Path(tempfile.gettempdir()) / "diagnose-snapshots"
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
EVERY_VIEW = [(lang, size) for lang in ("zh", "en") for size in SIZES]


@pytest.fixture(autouse=True)
def _one_snapshot_at_a_time(request):
    """The snapshot tests share SNAP_DIR (its path is drawn on the start screen), and a questionnaire
    locks its profile: under `pytest -n 2` they take turns (a blocking lock, outside SNAP_DIR)."""
    if "snap_compare" not in request.fixturenames:
        yield
        return
    with open(SNAP_DIR.parent / "diagnose-snapshots.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _snapshot_app(kb, lang, name="app"):
    folder = SNAP_DIR / name
    folder.mkdir(parents=True, exist_ok=True)
    for f in folder.glob("*"):
        f.unlink()
    return make_app(folder / "profile.yaml", lang, kb=kb)


async def _answer(pilot, answers):
    """Go to each question (g, its id) and press the answer's key."""
    for qid, key in answers:
        await pilot.press("ctrl+g", *qid, "enter", key)
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()     # the diagnosis follows from a worker
        await pilot.pause()


async def _named_cluster(pilot):
    """Type a cluster's name, place and year on the start screen, then start (Enter)."""
    pilot.app.screen.query_one("#cluster-name").focus()
    await pilot.press(*"Shoe town", "tab", *"Wenzhou", "tab", *"2026")
    await pilot.pause()


class TestStartScreen:
    """The start screen with a cluster name, place and year typed in, before starting."""

    @pytest.mark.parametrize("lang,size", EVERY_VIEW)
    def test_start_with_a_cluster_name(self, snap_compare, kb, lang, size):
        assert snap_compare(_snapshot_app(kb, lang, f"start-{lang}-{size}"), run_before=_named_cluster,
                            terminal_size=SIZES[size])


class TestQuestionScreen:
    """The first question of a named cluster: text, help, the chapter's words, answers, live panel, footer."""

    @pytest.mark.parametrize("lang,size", EVERY_VIEW)
    def test_first_question(self, snap_compare, kb, lang, size):
        async def run_before(pilot):
            await _named_cluster(pilot)
            await pilot.press("enter")
            await pilot.pause()
        assert snap_compare(_snapshot_app(kb, lang, f"question-{lang}-{size}"), run_before=run_before,
                            terminal_size=SIZES[size])


class TestReviewScreen:
    """The review screen after a few answers (a choice among them): every question with its answer in words."""

    @pytest.mark.parametrize("lang,size", EVERY_VIEW)
    def test_review(self, snap_compare, kb, lang, size):
        async def run_before(pilot):
            await pilot.press("n")
            await _answer(pilot, [("dominant_lead_firm", "2"), ("chain_structure", "2"), ("household_workshops", "1")])
            await pilot.press("v")
            await pilot.pause()
        assert snap_compare(_snapshot_app(kb, lang, f"review-{lang}-{size}"), run_before=run_before,
                            terminal_size=SIZES[size])


class TestHelpScreen:
    """Help (?) on the question screen: every key of every screen, and what each screen does."""

    @pytest.mark.parametrize("lang,size", EVERY_VIEW)
    def test_help(self, snap_compare, kb, lang, size):
        async def run_before(pilot):
            await pilot.press("n")
            await pilot.pause()
            await pilot.press("question_mark")
            await pilot.pause()
        assert snap_compare(_snapshot_app(kb, lang, f"help-{lang}-{size}"), run_before=run_before,
                            terminal_size=SIZES[size])


class TestWhyNotScreen:
    """WHY-NOT for the first problem not found: the questions, answered how, that would lead to it."""

    @pytest.mark.parametrize("lang,size", EVERY_VIEW)
    def test_why_not(self, snap_compare, kb, lang, size):
        async def run_before(pilot):
            await pilot.press("n")
            await _answer(pilot, [("same_products_concentrated", "1"), ("price_war_reported", "2")])
            await pilot.press("y")
            await pilot.pause()
        assert snap_compare(_snapshot_app(kb, lang, f"why-not-{lang}-{size}"), run_before=run_before,
                            terminal_size=SIZES[size])


class TestPanelAndHow:
    """The live panel with a diagnosis, and HOW for a problem (its chain, in one language)."""

    def test_panel_with_a_diagnosis(self, snap_compare, kb):
        async def run_before(pilot):
            await pilot.press("n")
            await _answer(pilot, [("same_products_concentrated", "1"), ("three_in_one_premises", "1"),
                                  ("export_oriented", "1"), ("association_exists", "2")])
        assert snap_compare(_snapshot_app(kb, "en", "panel"), run_before=run_before, terminal_size=(120, 40))

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_how_view(self, snap_compare, kb, lang):
        async def run_before(pilot):
            await pilot.press("n")
            await _answer(pilot, [("three_in_one_premises", "1"), ("household_workshops", "1")])
            await pilot.press("h")
            await pilot.pause()
        assert snap_compare(_snapshot_app(kb, lang, f"how-{lang}"), run_before=run_before, terminal_size=(100, 30))
