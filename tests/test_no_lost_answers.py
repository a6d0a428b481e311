"""The questionnaire never loses an answer (issue 12, items 5 and 8-13): replacing a saved assessment asks
and keeps a backup, a corrupt file is set aside before anything is written over it, a failed save is
shown and retried, quitting unsaved asks where to save, and two questionnaires on one profile are told.

Faults are real where they can be (a profile whose folder is a file cannot be written, even by root).
"""
import asyncio
import errno
import os
import shutil

import pytest

from diagnose.inputs.loading import InputError
from diagnose.kb.conditions import UNKNOWN
from diagnose.kb.profile import Profile, load_profile
from diagnose.kb.resources import cases_dir
from diagnose.tui import autosave
from diagnose.tui.app import make_app
from diagnose.tui.screens.confirm import ConfirmScreen, UnsavedScreen
from diagnose.tui.screens.question import QuestionScreen
from diagnose.tui.screens.start import StartScreen
from diagnose.tui.session import Session

from pilot_helpers import press

SIZE = (100, 30)


def saved_case(kb, path, case="K-16-1990"):
    """A saved assessment at path: the chapter case's answers (many of them), with notes."""
    profile = load_profile(kb, cases_dir() / f"{case}.yaml")
    profile.notes = "field visit, spring"
    autosave.save_profile(profile, path)
    return load_profile(kb, path)


def notices(app):
    return [n.message for n in app._notifications]


def run_app(kb, path, script):
    """Run the questionnaire on path, drive it with script(pilot, app), return what the script returns."""
    async def main():
        app = make_app(path, "en", kb=kb)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            return await script(pilot, app)
    return asyncio.run(main())


async def open_file(pilot, app, path):
    """Open on the start screen: the path put in the prompt (typing it key by key is slow), then Enter."""
    await press(pilot, "o")
    app.screen.query_one("#prompt-input").value = str(path)
    await press(pilot, "enter")


# ---- item 8: New and Open ask before replacing, and keep a timestamped backup
def test_new_asks_and_cancel_keeps_the_saved_assessment(kb, tmp_path):
    path = tmp_path / "p.yaml"
    before = saved_case(kb, path)
    original = path.read_bytes()

    async def script(pilot, app):
        await press(pilot, "n")
        asked = isinstance(app.screen, ConfirmScreen)
        await press(pilot, "escape")
        return asked, type(app.screen)
    asked, screen = run_app(kb, path, script)
    assert asked and screen is StartScreen
    assert path.read_bytes() == original and len(before.known()) > 10
    assert not list(tmp_path.glob("p.backup-*"))


def test_new_asks_even_when_only_a_name_was_saved(kb, tmp_path):
    path = tmp_path / "p.yaml"
    autosave.save_profile(Profile(name="Liushi"), path)

    async def script(pilot, app):
        await press(pilot, "n")
        return isinstance(app.screen, ConfirmScreen)
    assert run_app(kb, path, script)


def test_new_confirmed_keeps_a_backup_then_starts_clean(kb, tmp_path):
    path = tmp_path / "p.yaml"
    before = saved_case(kb, path)
    original = path.read_bytes()

    async def script(pilot, app):
        await press(pilot, "n", "y")
        screen = type(app.screen)
        await press(pilot, "1")                          # one answer: the file now holds only it
        return screen, notices(app)
    screen, said = run_app(kb, path, script)
    assert screen is QuestionScreen
    backups = list(tmp_path.glob("p.backup-*.yaml"))
    assert len(backups) == 1 and backups[0].read_bytes() == original
    assert any(str(backups[0]) in n for n in said)
    assert len(load_profile(kb, path).known()) == 1 and len(before.known()) > 10


def test_open_asks_and_keeps_a_backup(kb, tmp_path):
    path = tmp_path / "p.yaml"
    saved_case(kb, path)
    original = path.read_bytes()
    other = cases_dir() / "K-19-1980s.yaml"

    async def script(pilot, app):
        await open_file(pilot, app, other)
        asked = isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        await press(pilot, "0")                          # an answer, so that the autosave is written
        return asked, app.session.name
    asked, name = run_app(kb, path, script)
    assert asked and name == load_profile(kb, other).name
    (backup,) = tmp_path.glob("p.backup-*.yaml")
    assert backup.read_bytes() == original
    assert load_profile(kb, path).name == load_profile(kb, other).name


def test_a_corrupt_autosave_is_set_aside_before_new_writes_over_it(kb, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("name: x\nnotes: 2020-13-45\nlow_entry_barrier: yes\n")   # unreadable: an impossible date
    original = path.read_bytes()

    async def script(pilot, app):
        await press(pilot, "n")
        screen = type(app.screen)
        await press(pilot, "1")
        return screen, notices(app)
    screen, said = run_app(kb, path, script)
    (aside,) = tmp_path.glob("p.corrupt-*.yaml")
    assert aside.read_bytes() == original and screen is QuestionScreen
    assert any("set aside" in n and str(aside) in n for n in said)
    assert len(load_profile(kb, path).known()) == 1


# ---- item 5: resuming or opening a file the safe constructor rejects is a message, never a traceback
def test_resuming_an_unbuildable_value_sets_the_file_aside(kb, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("name: x\nfirm_count: " + "9" * 5000 + "\n")

    async def script(pilot, app):
        await press(pilot, "r")
        return type(app.screen), notices(app)
    screen, said = run_app(kb, path, script)
    assert screen is QuestionScreen and not path.exists()
    assert len(list(tmp_path.glob("p.corrupt-*.yaml"))) == 1
    assert any("too long" in n for n in said)


def test_opening_a_bad_file_is_a_message_and_the_file_is_left_alone(kb, tmp_path):
    path = tmp_path / "p.yaml"
    bad = tmp_path / "bad.yaml"
    bad.write_text('name: x\nnotes: 2020-13-45\nassociation_origin: "[/]"\n')

    async def script(pilot, app):
        await open_file(pilot, app, bad)
        return type(app.screen), notices(app)
    screen, said = run_app(kb, path, script)
    assert screen is StartScreen and bad.exists()
    assert any("looks like a date" in n for n in said)


# ---- item 9: every field of a loaded profile survives a save
def test_notes_survive_resume_and_answering(kb, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("name: Liushi\nnotes: |\n  spoke to the association\n  second line\nlow_entry_barrier: yes\n")

    async def script(pilot, app):
        await press(pilot, "r", "1")
        return app.session.answers
    run_app(kb, path, script)
    saved = load_profile(kb, path)
    assert saved.notes == "spoke to the association\nsecond line\n" and saved.name == "Liushi"
    assert saved.answers["low_entry_barrier"] is True and len(saved.known()) == 2


def test_session_profile_keeps_every_loaded_field(kb, tmp_path):
    session = Session(kb, tmp_path / "p.yaml", "en")
    loaded = Profile(name="n", notes="kept", answers={"low_entry_barrier": True}, source=tmp_path / "src.yaml")
    session.load(loaded)
    session.answer("household_workshops", True)
    assert session.profile.notes == "kept" and session.profile.source == loaded.source
    assert load_profile(kb, tmp_path / "p.yaml").notes == "kept"


# ---- item 10: a --profile that is a directory is an error, never renamed
def test_a_directory_as_profile_is_refused_and_left_alone(kb, tmp_path):
    folder = tmp_path / "pdir"
    folder.mkdir()
    with pytest.raises(InputError, match="is a directory"):
        make_app(folder, "en", kb=kb)
    resumed = autosave.resume(kb, folder)
    assert resumed.profile is None and "is a directory" in resumed.problem and resumed.moved_to is None
    assert folder.is_dir() and sorted(p.name for p in tmp_path.iterdir()) == ["pdir"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_as_profile_is_refused(kb, tmp_path):
    fifo = tmp_path / "p.yaml"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="named pipe"):
        make_app(fifo, "en", kb=kb)
    assert "named pipe" in autosave.resume(kb, fifo).problem and fifo.exists()


# ---- item 11: a failed save is shown, the answer stays, saving is retried, quitting asks where to save
def unwritable(tmp_path):
    """A profile path whose folder is a regular file: no save can succeed, whoever runs the test."""
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    return blocker, blocker / "p.yaml"


def test_a_failed_save_is_shown_kept_in_memory_and_retried(kb, tmp_path):
    blocker, path = unwritable(tmp_path)

    async def script(pilot, app):
        await press(pilot, "n", "1")                       # the first answer cannot be saved
        failed = (app.session.answers["dominant_lead_firm"], app.session.unsaved, list(notices(app)), app.sub_title)
        blocker.unlink()                                   # the disk is writable again
        blocker.mkdir()
        await press(pilot, "ctrl+s")
        return failed, app.session.unsaved, notices(app), app.sub_title
    (answer, unsaved, said, title), unsaved_after, said_after, title_after = run_app(kb, path, script)
    assert answer is True and unsaved and "unsaved" in title
    assert any("Not saved" in n and str(path) in n for n in said)
    assert not unsaved_after and "unsaved" not in title_after and any("Saved to" in n for n in said_after)
    assert load_profile(kb, path).answers["dominant_lead_firm"] is True


def test_disk_full_keeps_the_old_file_and_the_new_answer(kb, tmp_path, monkeypatch):
    path = tmp_path / "p.yaml"
    session = Session(kb, path, "en")
    session.answer("low_entry_barrier", True)
    real_fsync = os.fsync

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(os, "fsync", full)
    session.answer("household_workshops", True)
    assert session.unsaved and "No space left" in session.save_problem
    assert session.answers["household_workshops"] is True
    assert load_profile(kb, path).known() == {"low_entry_barrier": True}
    assert autosave.stale_temporaries(path) == []
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert session.save() and load_profile(kb, path).known() == {"low_entry_barrier": True, "household_workshops": True}


def test_quitting_unsaved_asks_where_and_saves_there(kb, tmp_path):
    _, path = unwritable(tmp_path)
    elsewhere = tmp_path / "rescued.yaml"

    async def script(pilot, app):
        await press(pilot, "n", "1", "2")
        await press(pilot, "ctrl+q")
        asked = isinstance(app.screen, UnsavedScreen)
        field = app.screen.query_one("#save-as")
        field.value = str(elsewhere)
        await press(pilot, "enter")
        return asked, app.return_code
    asked, code = run_app(kb, path, script)
    assert asked
    rescued = load_profile(kb, elsewhere).known()
    assert rescued["dominant_lead_firm"] is True and len(rescued) == 2


def test_quitting_unsaved_refuses_an_existing_file_and_can_be_cancelled(kb, tmp_path):
    _, path = unwritable(tmp_path)
    existing = tmp_path / "existing.yaml"
    existing.write_text("precious\n")

    async def script(pilot, app):
        await press(pilot, "n", "1", "ctrl+q")
        app.screen.query_one("#save-as").value = str(existing)
        await press(pilot, "enter")
        still_asking = isinstance(app.screen, UnsavedScreen)
        error = str(app.screen.query_one("#unsaved-error").render())
        await press(pilot, "escape")
        return still_asking, error, type(app.screen), app.session.answers["dominant_lead_firm"]
    still_asking, error, screen, answer = run_app(kb, path, script)
    assert still_asking and "already exists" in error and existing.read_text() == "precious\n"
    assert screen is QuestionScreen and answer is True


# ---- item 12: set-aside names are unique; stale temporary files are cleared
def test_two_files_set_aside_in_the_same_second_keep_both(tmp_path, monkeypatch):
    monkeypatch.setattr(autosave.time, "strftime", lambda fmt: "20261201-120000")
    path = tmp_path / "p.yaml"
    path.write_text("first")
    first = autosave.set_aside(path)
    path.write_text("second")
    second = autosave.set_aside(path)
    assert first != second and first.read_text() == "first" and second.read_text() == "second"
    path.write_text("third")
    backups = {autosave.back_up(path), autosave.back_up(path)}
    assert len(backups) == 2 and all(b.read_text() == "third" for b in backups)


def test_the_first_save_clears_temporaries_that_a_kill_left(kb, tmp_path):
    path = tmp_path / "p.yaml"
    leftovers = [tmp_path / ".p.yaml.abc123.tmp", tmp_path / ".p.yaml.def456.tmp"]
    for leftover in leftovers:
        leftover.write_text("half a save")
    unrelated = tmp_path / ".other.yaml.abc.tmp"
    unrelated.write_text("not ours")
    Session(kb, path, "en").answer("low_entry_barrier", True)
    assert not any(p.exists() for p in leftovers) and unrelated.exists()


# ---- item 13: two questionnaires on one profile: the second is told, and nothing is overwritten silently
def test_a_second_questionnaire_on_the_same_profile_is_told_and_saves_nothing(kb, tmp_path):
    path = tmp_path / "p.yaml"
    first, second = Session(kb, path, "en"), Session(kb, path, "en")
    first.answer("low_entry_barrier", True)
    second.answer("household_workshops", True)
    assert second.unsaved and "open in another questionnaire" in second.save_problem
    assert str(os.getpid()) in second.save_problem
    first.answer("export_oriented", True)
    assert load_profile(kb, path).known() == {"low_entry_barrier": True, "export_oriented": True}
    first.close()
    # the first one is gone, but it wrote the file after the second one started: still not overwritten
    assert not second.save() and "changed by another questionnaire" in second.save_problem
    assert load_profile(kb, path).known() == {"low_entry_barrier": True, "export_oriented": True}
    assert second.answers["household_workshops"] is True


def test_the_second_questionnaire_is_told_on_its_start_screen(kb, tmp_path):
    path = tmp_path / "p.yaml"
    holder = autosave.ProfileStore(path)
    assert holder.claim() is None

    async def script(pilot, app):
        return notices(app)
    said = run_app(kb, path, script)
    holder.release()
    assert any("Another questionnaire has this profile open" in n for n in said)


def test_a_file_changed_on_disk_is_not_overwritten(kb, tmp_path):
    path = tmp_path / "p.yaml"
    session = Session(kb, path, "en")
    session.answer("low_entry_barrier", True)
    shutil.copy(path, tmp_path / "copy.yaml")
    os.replace(tmp_path / "copy.yaml", path)           # another program rewrote it
    session.answer("household_workshops", True)
    assert session.unsaved and "changed by another questionnaire or program" in session.save_problem
    assert load_profile(kb, path).known() == {"low_entry_barrier": True}
    assert session.answers["household_workshops"] is True and session.answers["firm_count"] == UNKNOWN
