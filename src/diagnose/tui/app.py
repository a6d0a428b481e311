"""The questionnaire app: wiring of session, screens, language, theme, autosave and export.

``make_app()`` is the one way to build it: the CLI, the pilots and snapshot tests, and ``serve`` use it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen

from ..inputs.loading import InputError
from ..kb import knowledge
from ..kb.profile import load_profile
from ..output import render
from ..output.i18n import KEY_LABELS, t
from . import autosave, settings
from .bindings import localize_bindings
from .messages import NewAssessment, OpenProfile, ResumeAssessment
from .screens.help import HelpScreen
from .screens.question import QuestionScreen
from .screens.start import StartScreen
from .session import Session


class DiagnoseApp(App):
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("f2", "toggle_language", "中文/English", key_display="F2"),
        Binding("f3", "toggle_theme", "Theme", show=False),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, profile_path: Path, lang: str | None, kb: knowledge.KnowledgeBase):
        super().__init__()
        self.kb = kb
        self.remember = lang is None           # no language asked for: use (and keep) the last one chosen
        self.lang = settings.remembered_language() if lang is None else lang
        self.session = Session(self.kb, profile_path, self.lang)

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        self.refresh_titles()
        self.push_screen(StartScreen())

    def localize(self) -> None:
        localize_bindings(self, self.lang)
        for screen in self.screen_stack:
            localize_bindings(screen, self.lang)

    def refresh_titles(self) -> None:
        self.title = t("app_title", self.lang)
        self.sub_title = self.session.title(self.lang)

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
        self.refresh_titles()                 # the start screen may have named the cluster
        self.switch_screen(QuestionScreen())

    @on(ResumeAssessment)
    def start_resume(self) -> None:
        resumed = autosave.resume(self.kb, self.session.profile_path)
        if resumed.problem:
            where = f" ({resumed.moved_to})" if resumed.moved_to else ""
            self.notify(f"{t('corrupt_profile', self.lang)}{where}: {resumed.problem}", severity="warning", timeout=10)
        elif resumed.profile:
            self.session.load(resumed.profile)
        self.refresh_titles()
        self.switch_screen(QuestionScreen())

    @on(OpenProfile)
    def open_profile(self, message: OpenProfile) -> None:
        if not message.path:
            return
        try:
            profile = load_profile(self.kb, Path(message.path).expanduser())
        except InputError as exc:
            self.notify(exc.message, severity="error", timeout=10)
            return
        self.session.load(profile)
        self.refresh_titles()
        self.switch_screen(QuestionScreen())

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

    def export(self, fmt: str) -> Path:
        suffix = {"markdown": ".md", "json": ".json", "html": ".html"}[fmt]
        path = self.session.profile_path.with_name(self.session.profile_path.stem + "-diagnosis" + suffix)
        text = render.render(self.kb, self.session.diagnosis, fmt, self.lang)
        path.write_text(text, encoding="utf-8")
        return path


def make_app(profile_path: str | Path | None = None, lang: str | None = None,
             kb: knowledge.KnowledgeBase | None = None) -> DiagnoseApp:
    """The questionnaire app: autosaving to profile_path (default: the user data folder), in lang
    (default: the language chosen last time, else zh)."""
    return DiagnoseApp(Path(profile_path) if profile_path else autosave.default_profile_path(), lang,
                       kb or knowledge.bundled())
