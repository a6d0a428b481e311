"""Key bindings shown in the footer, in the user's language.

Textual keeps a node's bindings in ``_bindings``; replacing the (frozen) Binding objects'
descriptions there is the least invasive way to relabel the footer when the language changes.
"""
from __future__ import annotations

from dataclasses import replace

from ..output.i18n import KEY_LABELS


def action_name(binding) -> str:
    """The action a binding runs, without its arguments or namespace: "choose(0)" -> "choose",
    "app.focus_next" -> "focus_next"."""
    return binding.action.split("(")[0].rsplit(".", 1)[-1]


def localize_bindings(node, lang: str) -> None:
    """Show footer labels in the current language."""
    for key, bindings in node._bindings.key_to_bindings.items():
        node._bindings.key_to_bindings[key] = [
            replace(b, description=KEY_LABELS[action_name(b)][lang]) if action_name(b) in KEY_LABELS else b
            for b in bindings]
    node.refresh_bindings()


class Localized:
    """Mixin: relabel the footer in the app's language when the screen is mounted."""

    def on_mount(self) -> None:
        localize_bindings(self, self.app.lang)
        localize_bindings(self.app, self.app.lang)
        self.after_mount()

    def after_mount(self) -> None:
        pass
