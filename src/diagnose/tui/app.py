"""The questionnaire app: wiring of session, screens, language, theme, autosave and export.

``make_app()`` is the one way to build it: the CLI, the pilots and snapshot tests, and ``serve`` use it.
"""
from __future__ import annotations

import io
from pathlib import Path

from textual import on
from textual.app import App
from textual.binding import Binding

from ..inputs.loading import InputError
from ..kb import knowledge
from ..kb.profile import load_profile
from ..output import render
from ..output.i18n import t
from . import autosave
from .bindings import localize_bindings
from .messages import NewAssessment, OpenProfile, ResumeAssessment
from .screens.question import QuestionScreen
from .screens.start import StartScreen
from .session import Session


class DiagnoseApp(App):
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("f2", "toggle_language", "中文/English"),
        Binding("f3", "toggle_theme", "Theme"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, profile_path: Path, lang: str, kb: knowledge.KnowledgeBase):
        super().__init__()
        self.kb = kb
        self.lang = lang
        self.session = Session(self.kb, profile_path, lang)

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
        self.sub_title = self.session.name

    # -- what the start screen asks for
    @on(NewAssessment)
    def start_new(self) -> None:
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
        self.refresh_titles()
        self.localize()
        for candidate in self.screen_stack:
            if hasattr(candidate, "render_all"):
                candidate.render_all()
            elif hasattr(candidate, "relabel"):
                candidate.relabel()

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def export(self, fmt: str) -> str:
        """Write the report next to the profile and say where; in a browser (``diagnose serve``) the
        server's disk is not the user's, so the report is offered as a download instead."""
        suffix = {"markdown": ".md", "json": ".json", "html": ".html"}[fmt]
        text = render.render(self.kb, self.session.diagnosis, fmt, self.lang)
        if self.is_web:
            name = f"diagnosis{suffix}"   # ASCII: textual-serve puts it in a header unquoted
            self.deliver_text(io.StringIO(text), save_filename=name, open_method="download", encoding="utf-8")
            return name
        path = self.session.profile_path.with_name(self.session.profile_path.stem + "-diagnosis" + suffix)
        path.write_text(text, encoding="utf-8")
        return str(path)


def make_app(profile_path: str | Path | None = None, lang: str | None = None,
             kb: knowledge.KnowledgeBase | None = None) -> DiagnoseApp:
    """The questionnaire app: autosaving to profile_path (default: the user data folder), in lang (default zh)."""
    return DiagnoseApp(Path(profile_path) if profile_path else autosave.default_profile_path(), lang or "zh",
                       kb or knowledge.bundled())
