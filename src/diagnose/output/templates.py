"""The Jinja2 environment of the markdown and html templates (only output/ imports jinja2)."""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

TEMPLATES = Path(__file__).parent / "templates"
_ENV: Environment | None = None


def environment() -> Environment:
    global _ENV
    if _ENV is None:
        _ENV = Environment(loader=FileSystemLoader(str(TEMPLATES)), undefined=StrictUndefined,
                           autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True,
                           keep_trailing_newline=True)
    return _ENV
