"""The Jinja2 environment of the markdown and html templates (only output/ imports jinja2).

Every value a template prints is untrusted text (a profile's name comes from the user), so every one
is made inert for the template's format, the way HTML autoescape does it for HTML:
- HTML: autoescape is on for every template that is not markdown or plain text, whatever its name
  (``report.html.j2``, a future ``portfolio.html.j2``): a template cannot forget it.
- markdown: each printed value is escaped for markdown (no tag, link, emphasis or table bar from data).
- plain text (a ``.md.j2`` template rendered with ``markdown=False``): control characters shown visibly.
Control characters are shown visibly in every format. Markup made on purpose (the SVG diagram,
marked ``|safe``) passes as it is.
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup

from ..inputs import untrusted

TEMPLATES = Path(__file__).parent / "templates"
TEXT_TEMPLATES = (".md.j2", ".txt.j2")   # markdown, or plain text when rendered with markdown=False
_ENV: Environment | None = None


def autoescaped(name: str | None) -> bool:
    """HTML-escape every template but the markdown and plain-text ones (and strings: no name)."""
    return not (name or "").endswith(TEXT_TEMPLATES)


@pass_context
def _inert(context, value):
    if isinstance(value, Markup) or value is None:
        return value
    text = str(value)
    if autoescaped(context.name):
        return untrusted.visible(text)          # then autoescape escapes it for HTML
    if context.get("markdown", True):
        return untrusted.markdown(text)
    return untrusted.visible(text)


def environment() -> Environment:
    global _ENV
    if _ENV is None:
        _ENV = Environment(loader=FileSystemLoader(str(TEMPLATES)), undefined=StrictUndefined,
                           autoescape=autoescaped, finalize=_inert, trim_blocks=True, lstrip_blocks=True,
                           keep_trailing_newline=True)
    return _ENV
