"""Issue 13 item 3: a key press never waits for the diagnosis. The answer is stored and the next question
shown at once; the diagnosis, the panel and the autosave follow from a worker thread, the newest answer
wins, and quitting before the worker is done loses nothing.

The worker is held back deterministically by holding the session's engine lock (no sleeps, no timing)."""
import asyncio

from diagnose.inference.diagnosis import diagnose
from diagnose.kb.profile import load_profile
from diagnose.tui.app import make_app
from diagnose.tui.widgets.panel import DiagnosisPanel

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
                await pilot.pause()
                assert app.screen.question_id != qid      # the next question is on screen already
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
