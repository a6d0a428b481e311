"""The questionnaire app: wiring of session, screens, language, theme, autosave and export."""
from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from .. import autosave, knowledge, report
from dataclasses import replace

from ..i18n import KEY_LABELS, t
from ..loading import InputError
from ..profile import load_profile
from .screens import QuestionScreen, StartScreen
from .session import Session


def localize_bindings(node, lang: str) -> None:
    """Show footer labels in the current language. Textual keeps a node's bindings in ``_bindings``;
    replacing the (frozen) Binding objects' descriptions there is the least invasive way to relabel."""
    for key, bindings in node._bindings.key_to_bindings.items():
        node._bindings.key_to_bindings[key] = [
            replace(b, description=KEY_LABELS[b.action.split("(")[0]][lang])
            if b.action.split("(")[0] in KEY_LABELS else b for b in bindings]
    node.refresh_bindings()


class DiagnoseApp(App):
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("f2", "toggle_language", "中文/English"),
        Binding("f3", "toggle_theme", "Theme"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, profile_path: Path | None = None, lang: str = "zh", kb=None):
        super().__init__()
        self.kb = kb or knowledge.bundled()
        self.lang = lang
        self.session = Session(self.kb, Path(profile_path) if profile_path else autosave.default_profile_path(), lang)

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

    # -- actions
    def start_new(self) -> None:
        self.switch_screen(QuestionScreen())

    def start_resume(self) -> None:
        resumed = autosave.resume(self.kb, self.session.profile_path)
        if resumed.problem:
            where = f" ({resumed.moved_to})" if resumed.moved_to else ""
            self.notify(f"{t('corrupt_profile', self.lang)}{where}: {resumed.problem}", severity="warning", timeout=10)
        elif resumed.profile:
            self.session.load(resumed.profile)
        self.refresh_titles()
        self.switch_screen(QuestionScreen())

    def open_profile(self, path: str | None) -> None:
        if not path:
            return
        try:
            profile = load_profile(self.kb, Path(path).expanduser())
        except InputError as exc:
            self.notify(exc.message, severity="error", timeout=10)
            return
        self.session.load(profile)
        self.refresh_titles()
        self.switch_screen(QuestionScreen())

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

    def export(self, fmt: str) -> Path:
        suffix = {"markdown": ".md", "json": ".json", "html": ".html"}[fmt]
        path = self.session.profile_path.with_name(self.session.profile_path.stem + "-diagnosis" + suffix)
        text = report.render(self.kb, self.session.diagnosis, fmt, self.lang)
        path.write_text(text, encoding="utf-8")
        return path


def run_app(profile_path: str | None = None, lang: str | None = None) -> int:
    app = DiagnoseApp(Path(profile_path) if profile_path else None, lang or "zh")
    app.run()
    return 0
