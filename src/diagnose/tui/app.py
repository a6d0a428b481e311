"""The questionnaire app: wiring of session, screens, language, theme, autosave and export.

``make_app()`` is the one way to build it: the CLI, the pilots and snapshot tests, and ``serve`` use it.

Data safety lives here too: New and Open ask before they replace a saved assessment and keep a
backup; a failed save is shown (in the header and a notice) and retried; quitting with answers no
file holds asks where to save them.
"""
from __future__ import annotations

import gc
import io
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Iterable

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from ..inputs.loading import InputError
from ..inputs.untrusted import visible
from ..kb import knowledge
from ..kb.profile import load_profile
from ..output import render
from ..output.i18n import KEY_LABELS, error_message, t, write_failure
from . import autosave, settings
from .bindings import localize_bindings
from .messages import NewAssessment, OpenProfile, ResumeAssessment
from .screens.help import HelpScreen
from .screens.confirm import ConfirmScreen, UnsavedScreen
from .screens.question import QuestionScreen
from .screens.start import StartScreen
from .session import UNNAMED, Session
from .widgets.number_input import NumberInput


class DiagnoseApp(App):
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("f2", "toggle_language", "中文/English", key_display="F2"),
        Binding("f3", "toggle_theme", "Theme", show=False),
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("ctrl+s", "save", "Save", show=False),
    ]
    RETRY_SECONDS = 15          # a failed save is tried again this often (and on every answer, and Ctrl+S)

    def __init__(self, profile_path: Path, lang: str | None, kb: knowledge.KnowledgeBase):
        super().__init__()
        self.kb = kb
        self.remember = lang is None           # no language asked for: use (and keep) the last one chosen
        self.lang = settings.remembered_language() if lang is None else lang
        self.session = Session(self.kb, profile_path, self.lang)
        self.session.on_save = self.show_save_result
        self._shown_problem: str | None = None
        self._repaint_held: ExitStack | None = None
        self._collector_paused = False

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        self.refresh_titles()
        self.push_screen(StartScreen())
        locked_out = self.session.store.claim()
        if locked_out:   # a second questionnaire on this profile: told now, before it answers anything
            self.session.save_problem = error_message(locked_out, self.lang)
            self.notify(f"{t('locked_out', self.lang)}: {self.session.save_problem}", severity="warning", timeout=20,
                        markup=False)
        self.set_interval(self.RETRY_SECONDS, self.retry_save)

    def on_unmount(self) -> None:
        self.session.close()

    def localize(self) -> None:
        localize_bindings(self, self.lang)
        for screen in self.screen_stack:
            localize_bindings(screen, self.lang)
            for box in screen.query(NumberInput):   # a widget with footer keys of its own
                localize_bindings(box, self.lang)

    def refresh_titles(self) -> None:
        self.title = t("app_title", self.lang)
        unsaved = f"{t('unsaved_mark', self.lang)} · " if self.session.unsaved else ""   # first: never cut off
        self.sub_title = unsaved + visible(self.session.title(self.lang))

    # -- the command palette (Ctrl+P), in the user's language
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        lang = self.lang
        for action, method in (("help", self.action_help), ("toggle_language", self.action_toggle_language),
                               ("toggle_theme", self.action_toggle_theme), ("quit", self.action_quit)):
            yield SystemCommand(KEY_LABELS[action][lang], t(f"help_key_{action}", lang), method)
        for action in ("jump", "review", "why_not", "export", "how"):
            method = getattr(screen, f"action_{action}", None)
            if method is not None:
                yield SystemCommand(KEY_LABELS[action][lang], t(f"help_key_{action}", lang), method)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=t("palette_placeholder", self.lang)))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # -- what the start screen asks for
    @on(NewAssessment)
    def start_new(self) -> None:
        self.replace_saved(lambda: self.begin(None))

    @on(ResumeAssessment)
    def start_resume(self) -> None:
        resumed = autosave.resume(self.kb, self.session.profile_path)
        if resumed.problem:
            self.report_unreadable(resumed)
        elif resumed.profile:
            self.session.load(resumed.profile)
        self.session.store.adopt()
        self.refresh_titles()
        self.switch_screen(QuestionScreen())

    @on(OpenProfile)
    def open_profile(self, message: OpenProfile) -> None:
        if not message.path:
            return
        try:
            profile = load_profile(self.kb, Path(message.path).expanduser())
        except InputError as exc:   # the user's own file: reported, left where it is
            self.notify(error_message(exc, self.lang), severity="error", timeout=10, markup=False)
            return
        self.replace_saved(lambda: self.begin(profile))

    def begin(self, profile) -> None:
        if profile is None:
            self.session.start_blank()
        else:
            self.session.load(profile)
        self.refresh_titles()
        self.switch_screen(QuestionScreen())

    def report_unreadable(self, resumed: autosave.Resumed) -> None:
        where = f" ({resumed.moved_to})" if resumed.moved_to else ""
        self.notify(f"{t('corrupt_profile', self.lang)}{where}: {error_message(resumed.error, self.lang)}",
                    severity="warning", timeout=10, markup=False)

    def replace_saved(self, proceed) -> None:
        """Before New or Open replaces the saved assessment: set a corrupt one aside, and for a real one ask,
        then keep a timestamped backup. proceed() runs only once nothing can be lost."""
        path = self.session.profile_path
        resumed = autosave.resume(self.kb, path) if path.exists() else autosave.Resumed(None)
        if resumed.problem:
            self.report_unreadable(resumed)
        self.session.store.adopt()
        saved = resumed.profile
        if saved is None or not (saved.known() or saved.stated_unknown or saved.notes
                                 or saved.name != UNNAMED):   # nothing to lose
            proceed()
            return
        body = t("replace_body", self.lang).format(path=path, name=saved.name, answers=len(saved.known()))

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                backup = autosave.back_up(path)
            except OSError as exc:
                self.notify(f"{t('backup_failed', self.lang)}: {write_failure(path, exc, self.lang)}", severity="error",
                            timeout=10, markup=False)
                return
            self.notify(f"{t('backup_kept', self.lang)}: {backup}", timeout=10, markup=False)
            proceed()
        self.push_screen(ConfirmScreen(t("replace_title", self.lang), body, t("replace_yes", self.lang),
                                       t("cancel", self.lang)), answered)

    # -- after an answer: diagnosis and autosave off the UI thread, so that no key press waits for them
    @work(thread=True, exclusive=True, group="diagnosis", name="diagnosis")
    def rediagnose(self):
        """Diagnose the answers as they are (then autosave, see below); an older run still going is cancelled (its
        result dropped), so the newest answer wins."""
        return self.session.diagnose_latest()

    @work(thread=True, exclusive=True, group="autosave", name="autosave")
    def autosave(self) -> bool:
        """After the panel shows the diagnosis: save the answers as they are by then."""
        return self.session.autosave()

    # Python runs one thread at a time: a repaint of the next question while the worker diagnoses slows
    # both, and a second repaint for the panel waits for the next frame. So the screen changes at once
    # (keys act on the new question) but is repainted once, with the answer's diagnosis, unless that takes
    # longer than this; then it is repainted without it and the panel follows.
    REPAINT_WAITS_FOR_DIAGNOSIS = 0.05   # seconds

    @property
    def repaint_held(self) -> bool:
        return self._repaint_held is not None

    def hold_repaint(self) -> None:
        if self._repaint_held is None:
            self._repaint_held = ExitStack()
            self._repaint_held.enter_context(self.batch_update())
            timer = self.set_timer(self.REPAINT_WAITS_FOR_DIAGNOSIS, self.release_repaint)
            self._repaint_held.callback(timer.stop)
        if gc.isenabled():      # likewise the garbage collector: a full collection can take longer than the
            gc.disable()        # whole refresh, so collections wait until the screen has been repainted
            self._collector_paused = True

    def release_repaint(self) -> None:
        if self._repaint_held is not None:
            held, self._repaint_held = self._repaint_held, None
            held.close()                 # stops the timer, ends the batch
            self.screen.check_idle()     # the screen repaints what changed when it is next idle
            self.screen.call_after_refresh(self.resume_collector)
            self.set_timer(1, self.resume_collector)     # should that screen be gone before it repaints

    def resume_collector(self) -> None:
        if self._collector_paused and self._repaint_held is None:
            self._collector_paused = False
            gc.enable()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name == "autosave" and event.state == WorkerState.SUCCESS:
            self.show_save_result(self.session)
        if event.worker.name != "diagnosis" or event.state != WorkerState.SUCCESS:
            return
        # only the screen on top is redrawn now; a screen underneath catches up when it is shown again
        if self.session.adopt(*event.worker.result):
            if hasattr(self.screen, "show_diagnosis"):
                self.screen.show_diagnosis()
            self.release_repaint()
        self.autosave()

    # -- saving
    def show_save_result(self, session: Session) -> None:
        """After every save: a failure is shown once per reason (and in the header until saved)."""
        problem = session.save_problem
        if problem and problem != self._shown_problem:
            self.notify(f"{t('not_saved', self.lang)}: {problem}. {t('retry_hint', self.lang)}", severity="error",
                        timeout=15, markup=False)
        elif not problem and self._shown_problem:
            self.notify(f"{t('saved_again', self.lang)}: {session.profile_path}", timeout=5, markup=False)
        self._shown_problem = problem
        self.refresh_titles()

    def retry_save(self) -> None:
        if self.session.unsaved:
            self.session.save()

    def action_save(self) -> None:
        if self.session.unsaved:
            self.session.save()
        else:
            self.notify(f"{t('saved_again', self.lang)}: {self.session.profile_path}", timeout=5, markup=False)

    async def action_quit(self) -> None:
        if self.session.unsaved and not self.session.save():
            suggestion = Path.home() / f"diagnose-unsaved-{time.strftime('%Y%m%d-%H%M%S')}.yaml"

            def closed(outcome: str | None) -> None:
                if outcome:
                    self.exit()
            self.push_screen(UnsavedScreen(self.session, str(suggestion)), closed)
            return
        self.exit()

    # -- keys of every screen
    def action_toggle_language(self) -> None:
        self.lang = "en" if self.lang == "zh" else "zh"
        self.session.lang = self.lang
        if self.remember:
            settings.remember_language(self.lang)
        self.refresh_titles()
        self.localize()
        for candidate in self.screen_stack:
            if hasattr(candidate, "render_all"):
                candidate.render_all()
            elif hasattr(candidate, "relabel"):
                candidate.relabel()

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def export(self, fmt: str) -> Path | None:
        """Write the report beside the profile and say where; None (and a notice saying why) if it cannot
        be written. In a browser (``diagnose serve``) the server's disk is not the user's, so the report
        is offered as a download instead."""
        suffix = {"markdown": ".md", "json": ".json", "html": ".html"}[fmt]
        text = render.render(self.kb, self.session.current(), fmt, self.lang)
        if self.is_web:
            name = f"diagnosis{suffix}"   # ASCII: textual-serve puts it in a header unquoted
            self.deliver_text(io.StringIO(text), save_filename=name, open_method="download", encoding="utf-8")
            return Path(name)
        path = self.session.profile_path.with_name(self.session.profile_path.stem + "-diagnosis" + suffix)
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            self.notify(write_failure(path, exc, self.lang), severity="error", timeout=10, markup=False)
            return None
        return path


def make_app(profile_path: str | Path | None = None, lang: str | None = None,
             kb: knowledge.KnowledgeBase | None = None) -> DiagnoseApp:
    """The questionnaire app: autosaving to profile_path (default: the user data folder), in lang
    (default: the language chosen last time, else zh).
    A profile path that is a directory or a device is an InputError (never renamed, never written)."""
    path = Path(profile_path).expanduser() if profile_path else autosave.default_profile_path()
    refused = autosave.unusable(path)
    if refused:
        raise InputError(path, "--profile", refused)
    return DiagnoseApp(path, lang, kb or knowledge.bundled())
