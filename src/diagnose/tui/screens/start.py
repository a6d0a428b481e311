"""The start screen: name the cluster, then a new assessment, resume the autosave, open a profile, language."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Label, Static

from ...output.i18n import t
from ..bindings import Localized
from ..widgets.footer import KeysFooter
from ..messages import NewAssessment, OpenProfile, ResumeAssessment
from .prompt import PromptScreen


class StartScreen(Localized, Screen):
    BINDINGS = [Binding("n", "new", "New"), Binding("r", "resume", "Resume"), Binding("o", "open", "Open"),
                Binding("tab", "app.focus_next", "Next field")]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="start"):
            yield Static(id="start-intro")
            with Horizontal(classes="field"):
                yield Label(id="name-label", classes="field-label")
                yield Input(id="cluster-name", max_length=120)
            with Horizontal(classes="field"):
                yield Label(id="place-label", classes="field-label")
                yield Input(id="cluster-place", max_length=60)
                yield Label(id="year-label", classes="field-label short")
                yield Input(id="cluster-year", max_length=4, restrict=r"[0-9]*", classes="year")
            with Horizontal(id="start-buttons"):
                yield Button(id="new", variant="primary")
                yield Button(id="resume")
                yield Button(id="open")
                yield Button(id="lang")
            yield Static(id="start-path")
        yield KeysFooter()

    def after_mount(self) -> None:
        self.relabel()
        self.query_one("#new", Button).focus()

    def relabel(self) -> None:
        lang, session = self.app.lang, self.app.session
        self.query_one("#start-intro", Static).update(t("start_intro", lang))
        self.query_one("#name-label", Label).update(t("cluster_name", lang))
        self.query_one("#place-label", Label).update(t("cluster_place", lang))
        self.query_one("#year-label", Label).update(t("cluster_year", lang))
        self.query_one("#cluster-name", Input).placeholder = t("cluster_name_hint", lang)
        self.query_one("#new", Button).label = t("new_assessment", lang)
        self.query_one("#resume", Button).label = t("resume", lang)
        self.query_one("#resume", Button).disabled = not session.profile_path.exists()
        self.query_one("#open", Button).label = t("open_profile", lang)
        self.query_one("#open", Button).display = not self.app.is_web
        self.query_one("#lang", Button).label = t("switch_language", lang)
        self.query_one("#start-path", Static).update(Text(f"{t('saved_to', lang)}: {session.profile_path}", style="dim"))

    def typed_name(self) -> str:
        """The name as it will title the profile: "name (place, year)", each part optional."""
        name, place, year = (self.query_one(f"#cluster-{part}", Input).value.strip() for part in ("name", "place", "year"))
        where = t("list_join", self.app.lang).join(part for part in (place, year) if part)
        if where:
            return f"{name or t('unnamed_cluster', self.app.lang)}{t('paren_open', self.app.lang)}{where}{t('paren_close', self.app.lang)}"
        return name
    def check_action(self, action: str, parameters) -> bool:
        # In a browser (diagnose serve) a path would name a file on the server: no opening by path.
        return not (action == "open" and self.app.is_web)

    @on(Button.Pressed, "#new")
    @on(Input.Submitted)
    def action_new(self) -> None:
        self.app.session.name = self.typed_name()
        self.post_message(NewAssessment())

    @on(Button.Pressed, "#resume")
    def action_resume(self) -> None:
        if not self.app.session.profile_path.exists():
            self.notify(t("nothing_to_resume", self.app.lang), severity="warning")
            return
        self.post_message(ResumeAssessment())

    @on(Button.Pressed, "#open")
    def action_open(self) -> None:
        self.app.push_screen(PromptScreen(t("profile_path_prompt", self.app.lang)),
                             lambda path: self.post_message(OpenProfile(path)))

    @on(Button.Pressed, "#lang")
    def switch_language(self) -> None:
        self.app.action_toggle_language()
