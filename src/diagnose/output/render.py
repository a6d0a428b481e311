"""Renderers of a diagnosis: text (rich), markdown and html (Jinja2 templates), json."""
from __future__ import annotations

import json

from ..inference.results import Diagnosis
from ..kb.knowledge import KnowledgeBase
from . import view


def to_json(d: Diagnosis, why_not: list[dict] | None = None) -> str:
    data = d.model_dump(mode="json")
    if why_not:
        data["why_not"] = why_not
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render(kb: KnowledgeBase, d: Diagnosis, fmt: str, lang: str, why_not: list[dict] | None = None) -> str:
    if fmt == "json":
        return to_json(d, why_not)
    model = view.build(kb, d, lang, why_not)
    if fmt == "markdown":
        from .templates import environment
        return environment().get_template("report.md.j2").render(**model)
    if fmt == "html":
        from . import diagram
        from .templates import environment
        return environment().get_template("report.html.j2").render(svg=diagram.problems_to_remedies(model), **model)
    from .text import render_text
    return render_text(model)
