"""The start screen: new assessment, resume the autosave, open a profile, language."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Static

from ...output.i18n import t
from ..bindings import Localized
from ..messages import NewAssessment, OpenProfile, ResumeAssessment
from .prompt import PromptScreen


class StartScreen(Localized, Screen):
    BINDINGS = [Binding("n", "new", "New"), Binding("r", "resume", "Resume"), Binding("o", "open", "Open")]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="start"):
            yield Static(id="start-intro")
            yield Button(id="new", variant="primary")
            yield Button(id="resume")
            yield Button(id="open")
            yield Button(id="lang")
            yield Static(id="start-path")
        yield Footer()

    def after_mount(self) -> None:
        self.relabel()

    def relabel(self) -> None:
        lang, session = self.app.lang, self.app.session
        self.query_one("#start-intro", Static).update(t("start_intro", lang))
        self.query_one("#new", Button).label = t("new_assessment", lang)
        self.query_one("#resume", Button).label = t("resume", lang)
        self.query_one("#resume", Button).disabled = not session.profile_path.exists()
        self.query_one("#open", Button).label = t("open_profile", lang)
        self.query_one("#open", Button).display = not self.app.is_web
        self.query_one("#lang", Button).label = t("switch_language", lang)
        self.query_one("#start-path", Static).update(Text(f"{t('saved_to', lang)}: {session.profile_path}", style="dim"))

    def check_action(self, action: str, parameters) -> bool:
        # In a browser (diagnose serve) a path would name a file on the server: no opening by path.
        return not (action == "open" and self.app.is_web)

    @on(Button.Pressed, "#new")
    def action_new(self) -> None:
        self.post_message(NewAssessment())

    @on(Button.Pressed, "#resume")
    def action_resume(self) -> None:
        self.post_message(ResumeAssessment())

    @on(Button.Pressed, "#open")
    def action_open(self) -> None:
        self.app.push_screen(PromptScreen(t("profile_path_prompt", self.app.lang)),
                             lambda path: self.post_message(OpenProfile(path)))

    @on(Button.Pressed, "#lang")
    def switch_language(self) -> None:
        self.app.action_toggle_language()
