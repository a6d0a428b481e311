"""Key bindings shown in the footer, in the user's language.

Textual keeps a node's bindings in ``_bindings``; replacing the (frozen) Binding objects'
descriptions there is the least invasive way to relabel the footer when the language changes.
"""
from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding

from ..output.i18n import KEY_LABELS


def action_name(binding) -> str:
    """The action a binding runs, without its arguments or namespace: "choose(0)" -> "choose",
    "app.focus_next" -> "focus_next"."""
    return binding.action.split("(")[0].rsplit(".", 1)[-1]


def arrows(action: str) -> list[Binding]:
    """↑ and ↓ under one label in the footer ("move" a list, "scroll" a text), run by the screen's
    ``action_ACTION(step)``; priority, or the focused list would take them and hide them from the footer."""
    group = Binding.Group(action)
    return [Binding("up", f"{action}(-1)", action, key_display="↑", group=group, priority=True),
            Binding("down", f"{action}(1)", action, key_display="↓", group=group, priority=True)]


def group_label(description: str) -> str | None:
    """The words entry of a key group's label in any language ("explain" for "Explain" or "解释")."""
    return next((name for name, words in KEY_LABELS.items() if description in (name, *words.values())), None)


def localized(binding, lang: str):
    if action_name(binding) in KEY_LABELS:
        binding = replace(binding, description=KEY_LABELS[action_name(binding)][lang])
    if binding.group is not None and group_label(binding.group.description):
        label = KEY_LABELS[group_label(binding.group.description)][lang]
        binding = replace(binding, group=replace(binding.group, description=label))
    return binding


def localize_bindings(node, lang: str) -> None:
    """Show footer labels (and the labels of key groups, several keys under one label) in the current language."""
    for key, bindings in node._bindings.key_to_bindings.items():
        node._bindings.key_to_bindings[key] = [localized(b, lang) for b in bindings]
    node.refresh_bindings()


class Localized:
    """Mixin: relabel the footer in the app's language when the screen is mounted."""

    def on_mount(self) -> None:
        localize_bindings(self, self.app.lang)
        localize_bindings(self.app, self.app.lang)
        self.after_mount()

    def after_mount(self) -> None:
        pass
