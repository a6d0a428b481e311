"""Rendering of what-if and compare results: json, or text/markdown through their templates."""
from __future__ import annotations

import json

from ..inference.scenarios import Comparison, WhatIf
from ..kb.knowledge import KnowledgeBase
from .i18n import t
from .templates import environment


def _names(kb: KnowledgeBase, ids: list[str], lang: str) -> list[str]:
    out = []
    for ident in ids:
        kind = next((k for k in ("problem", "remedy", "fact", "type", "stage") if kb.entry(k, ident)), None)
        out.append(f"{kb.name(kind, ident, lang)} ({ident})" if kind else ident)
    return out


def render_whatif(kb: KnowledgeBase, whatif: WhatIf, fmt: str, lang: str) -> str:
    result = whatif.model_dump(mode="json")
    if fmt == "json":
        return json.dumps(result, ensure_ascii=False, indent=2)
    view = {k: (_names(kb, v, lang) if isinstance(v, list) and v and isinstance(v[0], str) else v)
            for k, v in result.items()}
    view["remaining"] = [{**r, "name": _names(kb, [r["id"]], lang)[0]} for r in result["remaining"]]
    view["type_before"] = _names(kb, [result["type_before"]], lang)[0] if result["type_before"] else "-"
    view["type_after"] = _names(kb, [result["type_after"]], lang)[0] if result["type_after"] else "-"
    return environment().get_template("whatif.md.j2").render(r=view, lang=lang, markdown=fmt == "markdown",
                                                             t=lambda k: t(k, lang))


def render_compare(kb: KnowledgeBase, comparison: Comparison, fmt: str, lang: str) -> str:
    result = comparison.model_dump(mode="json")
    if fmt == "json":
        return json.dumps(result, ensure_ascii=False, indent=2)
    view = dict(result)
    for key in ("problems_gained", "problems_lost", "remedies_now_in_place", "remedies_no_longer_needed",
                "remedies_newly_recommended"):
        view[key] = _names(kb, result[key], lang)
    view["problems_kept"] = [{**p, "name": _names(kb, [p["id"]], lang)[0]} for p in result["problems_kept"]]
    view["type"] = {k: (_names(kb, [v], lang)[0] if isinstance(v, str) else v) for k, v in result["type"].items()}
    view["stage"] = {k: (_names(kb, [v], lang)[0] if v else "-") for k, v in result["stage"].items()}
    return environment().get_template("compare.md.j2").render(r=view, lang=lang, markdown=fmt == "markdown",
                                                              t=lambda k: t(k, lang))
