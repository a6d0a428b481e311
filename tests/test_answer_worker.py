"""Issue 13 item 3: a key press never waits for the diagnosis. The answer is stored and the next question
shown at once; the diagnosis, the panel and the autosave follow from a worker thread, the newest answer
wins, and quitting before the worker is done loses nothing.

The worker is held back deterministically by holding the session's engine lock (no sleeps, no timing)."""
import asyncio
import gc
import threading
import time

from diagnose.inference.diagnosis import diagnose
from diagnose.kb.profile import load_profile
from diagnose.tui.app import make_app
from diagnose.tui.widgets.choices import choice_values
from diagnose.tui.widgets.panel import DiagnosisPanel
from diagnose.tui.widgets.question_view import QuestionView

ANSWERS = [("same_products_concentrated", "1"), ("three_in_one_premises", "1"), ("export_oriented", "1")]


def panel_lines(app):
    panel = app.screen.query_one("#panel", DiagnosisPanel)
    return [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]


async def go_to(pilot, qid):
    await pilot.press("ctrl+g", *qid, "enter")
    await pilot.pause()


def run(kb, path, script):
    async def main():
        app = make_app(path, "en", kb=kb)
        app.RETRY_SECONDS = 10 ** 6   # the periodic save retry is not what these tests hold back (a loaded run can last 15 s)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("n")
            await pilot.pause()
            return await script(pilot, app)
    return asyncio.run(main())


def test_answers_are_stored_and_the_next_question_shown_while_the_diagnosis_is_held_back(kb, tmp_path):
    path = tmp_path / "p.yaml"

    async def script(pilot, app):
        session = app.session
        before = panel_lines(app)
        session._diagnosing.acquire()                 # the engine is busy: the worker cannot finish
        try:
            for qid, key in ANSWERS:
                await go_to(pilot, qid)
                await pilot.press(key)
                # the next question is painted while the diagnosis is still held (after at most 50 ms)
                await until(pilot, lambda: app.screen.question_id != qid, f"the question after {qid}")
            stored = {qid: session.answers[qid] for qid, _ in ANSWERS}
            held = (session.unsaved, session.diagnosed < session.generation, panel_lines(app) == before)
        finally:
            session._diagnosing.release()
        await app.workers.wait_for_complete()
        await pilot.pause()
        return stored, held, panel_lines(app), session.diagnosis, session.profile, session.unsaved

    stored, held, after, diagnosis, profile, unsaved = run(kb, path, script)
    assert stored == {"same_products_concentrated": True, "three_in_one_premises": True, "export_oriented": True}
    assert held == (True, True, True)
    # the newest answers won: the panel shows the diagnosis of all three, the file holds all three
    assert diagnosis == diagnose(kb, profile)
    assert diagnosis.problems and any(kb.name("problem", diagnosis.problems[0].id, "en") in line for line in after)
    assert not unsaved and load_profile(kb, path).known() == profile.known()


def test_quitting_while_the_worker_is_held_back_saves_every_answer(kb, tmp_path):
    path = tmp_path / "p.yaml"

    async def script(pilot, app):
        session = app.session
        session._diagnosing.acquire()
        try:
            for qid, key in ANSWERS:
                await go_to(pilot, qid)
                await pilot.press(key)
                await pilot.pause()
            await pilot.press("ctrl+q")                   # the quit saves what the worker has not yet saved
            await pilot.pause()
            return dict(session.profile.known())
        finally:
            session._diagnosing.release()

    known = run(kb, path, script)
    assert len(known) == len(ANSWERS) and load_profile(kb, path).known() == known


def test_explanations_never_show_a_diagnosis_an_answer_behind(kb, tmp_path):
    """Review, HOW, WHY-NOT and export ask ``current()``: diagnosed on the spot if the worker is behind."""
    async def script(pilot, app):
        session = app.session
        await go_to(pilot, "three_in_one_premises")
        session.record("three_in_one_premises", True)    # stored, no worker started: the diagnosis is behind
        behind = session.diagnosed < session.generation
        return behind, session.current(), session.profile

    behind, current, profile = run(kb, tmp_path / "p.yaml", script)
    assert behind and current == diagnose(kb, profile)


class SlowDiagnosis:
    """A test hook: the worker's diagnosis waits until the test lets it go (bounded, so that a failing test
    ends), standing for a diagnosis as slow as one pleases. The engine itself is untouched."""

    def __init__(self, session):
        self.gate, self.started = threading.Event(), threading.Event()
        self.diagnose = session.diagnose_latest
        session.diagnose_latest = self.held

    def held(self):
        self.started.set()
        self.gate.wait(timeout=2 * BOUND)
        return self.diagnose()


BOUND = 120   # seconds: generous bounds for a loaded machine; the waits end as soon as the event happens


async def until(pilot, condition, what: str):
    deadline = time.monotonic() + BOUND
    while not condition():
        assert time.monotonic() < deadline, f"waited {BOUND} s for {what}"
        await pilot.pause()


def panel_targets(app) -> set[str]:
    panel = app.screen.query_one("#panel", DiagnosisPanel)
    return {o.id for o in panel.options if o.id}


def expected_targets(diagnosis) -> set[str]:
    gt = diagnosis.governance_type
    recommended = [r for r in diagnosis.remedies if r.status == "recommended"][:6]
    return ({f"type:{gt.id}"} if gt.id else set()) | {f"problem:{p.id}" for p in diagnosis.problems} | {
        f"remedy:{r.id}" for r in recommended}


def test_a_slow_diagnosis_never_holds_the_next_question_back(kb, tmp_path):
    """Key after key while every diagnosis is held back: each next question is painted anyway (the repaint
    waits for the diagnosis only briefly), every answer is kept, and once the diagnosis comes the panel
    and the file follow the last answer."""
    path = tmp_path / "p.yaml"

    async def script(pilot, app):
        session = app.session
        before = panel_targets(app)
        slow = SlowDiagnosis(session)
        typed = {}
        try:
            for _ in range(6):
                q = app.screen.question
                assert q.kind != "number", "the first questions have choices"
                typed[q.id] = choice_values(q)[0]
                await pilot.press("1")
                await until(pilot, lambda: slow.started.is_set(), "the worker to start")
                # the next question is on screen and painted while the diagnosis is still held back
                await until(pilot, lambda: not app.repaint_held, "the repaint")
                assert app.screen.question_id != q.id and session.diagnosed < session.generation
                # the garbage collector, paused from the key to the repaint, runs again
                await until(pilot, gc.isenabled, "the garbage collector to run again")
                shown = app.screen.query_one("#question", QuestionView).content
                assert app.screen.question.text("en") in shown.plain
            kept = {qid: session.answers[qid] for qid in typed}
            held_back = (session.diagnosed < session.generation, panel_targets(app) == before, session.unsaved)
        finally:
            slow.gate.set()
        await app.workers.wait_for_complete()
        await until(pilot, lambda: session.diagnosed == session.generation and not session.unsaved,
                    "the diagnosis and the save of the last answer")
        await pilot.pause()
        return typed, kept, held_back, before, panel_targets(app), session.profile

    typed, kept, held_back, before, after, profile = run(kb, path, script)
    assert kept == typed and len(typed) == 6
    assert held_back == (True, True, True)
    final = diagnose(kb, profile)
    assert after == expected_targets(final) and after != before      # the panel follows the last answer
    assert load_profile(kb, path).known() == profile.known() and all(
        profile.known()[qid] == value for qid, value in typed.items())
