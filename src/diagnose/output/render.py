"""Renderers of a diagnosis: text (rich), markdown and html (Jinja2 templates), json."""
from __future__ import annotations

import json

from ..inference.results import Diagnosis
from ..kb.knowledge import KnowledgeBase
from . import view


def to_json(d: Diagnosis, why_not: list[dict] | None = None, *, kb: KnowledgeBase | None = None,
            lang: str | None = None) -> str:
    """The diagnosis as JSON (the contract: ids). Given kb and lang, each problem, remedy and the
    type also carry ``name`` in that language, and ``lang`` says which."""
    data = d.to_dict()
    if kb is not None and lang:
        data["lang"] = lang
        for kind, items in (("problem", data["problems"]), ("remedy", data["remedies"])):
            for item in items:
                item["name"] = kb.name(kind, item["id"], lang)
        if data["governance_type"].get("id"):
            data["governance_type"]["name"] = kb.name("type", data["governance_type"]["id"], lang)
    if why_not:
        data["why_not"] = why_not
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render(kb: KnowledgeBase, d: Diagnosis, fmt: str, lang: str, why_not: list[dict] | None = None) -> str:
    if fmt == "json":
        return to_json(d, why_not, kb=kb, lang=lang)
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
