"""Renderers of a diagnosis: text (rich), markdown and html (Jinja2 templates in templates/), json."""
from __future__ import annotations

import io
import json

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..diagnosis import Diagnosis
from ..knowledge import KnowledgeBase
from ..resources import templates_dir
from . import diagram, view

_ENV: Environment | None = None


def environment() -> Environment:
    global _ENV
    if _ENV is None:
        _ENV = Environment(loader=FileSystemLoader(str(templates_dir())), undefined=StrictUndefined,
                           autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True,
                           keep_trailing_newline=True)
    return _ENV


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
        return environment().get_template("report.md.j2").render(**model)
    if fmt == "html":
        return environment().get_template("report.html.j2").render(svg=diagram.problems_to_remedies(model), **model)
    return render_text(model)


def render_text(model: dict, width: int = 100) -> str:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    tr = model["t"]
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, highlight=False, soft_wrap=False)
    console.rule(f'{model["title"]}: {model["cluster"]}')
    console.print(Text(tr("summary").format(**model["summary"])))
    gt = model["type"]
    if gt["id"]:
        parent = f' ({gt["parent"]})' if gt.get("parent") else ""
        console.print(Text(f'{tr("governance_type")}: {gt["name"]}{parent}  [{tr("certainty")} {gt["certainty"]:.2f}]'))
        for step in gt["chain"][:3]:
            console.print(Text(f'  · {step["explain"]}  {step["paragraph"]}「{step["quote"]}」'))
    else:
        console.print(Text(f'{tr("governance_type")}: {tr("no_type")}'))
    if model["stage"]:
        st = model["stage"]
        nxt = f'; {tr("next_step")}: {st["next"]}' if st["next"] else ""
        console.print(Text(f'{tr("stage")}: {st["current"]}{nxt}'))
    console.print()
    console.print(Text(tr("problems"), style="bold"))
    if not model["problems"]:
        console.print(Text("  " + tr("no_problems")))
    for p in model["problems"]:
        console.print(Text(f'  ● {p["name"]} [{p["status_label"]}, {tr("certainty")} {p["certainty"]:.2f}]  {", ".join(p["citations"])}'))
        for step in p["chain"][:4]:
            console.print(Text(f'      {step["paragraph"]}「{step["quote"]}」 {step["explain"]}'))
    console.print()
    console.print(Text(tr("remedies"), style="bold"))
    if not model["remedies_by_actor"]:
        console.print(Text("  " + tr("no_remedies")))
    for group in model["remedies_by_actor"]:
        table = Table(title=Text(group["actor_name"]), title_justify="left", show_header=True, expand=False, box=None)
        table.add_column("#", justify="right")
        table.add_column(tr("remedies").split("（")[0].split(" (")[0])
        table.add_column(tr("status"), no_wrap=True)
        table.add_column(tr("addresses"))
        table.add_column(tr("precedents"))
        for r in group["remedies"]:
            status = "" if r["status"] == "recommended" else r["status_label"]
            unmet = [b for pc in r["preconditions"] if pc["met"] is False for b in pc["build_first"]]
            extra = f'\n  {tr("build_first")}: {", ".join(unmet)}' if unmet else ""
            # Text cells: names such as "[in place]" must not be read as console markup
            table.add_row(str(r["priority"]), Text(f'{r["name"]}{extra}'), Text(status),
                          Text(", ".join(a["name"] for a in r["addresses"]) or "-"),
                          Text(", ".join(f'{p["case"]} {p["year"]}'.strip() for p in r["precedents"][:3]) or "-"))
        console.print(table)
    if model["unanswered"]:
        console.print()
        console.print(Text(tr("unanswered"), style="bold"))
        for u in model["unanswered"][:8]:
            console.print(Text(f'  ? {u["text"]}  → {", ".join(u["could_change"][:4])}'))
    for w in model["why_not"]:
        console.print()
        console.print(Text(f'{tr("why_not")}: {w["name"]}', style="bold"))
        if w["concluded"]:
            console.print(Text("  " + tr("concluded_already")))
        elif not w["rules"]:
            console.print(Text("  " + tr("no_rule")))
        for r in w["rules"]:
            console.print(Text(f'  {r["rule"]}: {r["verdict"]}  ({r["paragraph"]})'))
            for c in r["conditions"]:
                console.print(Text(f'    - {c["condition"]}: {c["status"]} ({c["detail"]})'))
    console.print()
    rb = model["rule_base"]
    console.print(Text(f'{tr("rule_base")} {rb["version"]} ({rb["date"]})'))
    return buffer.getvalue()


def questions_text(kb: KnowledgeBase, lang: str) -> str:
    lines = []
    for section in kb.sections:
        lines.append(f"## {section.title(lang)}")
        for q in kb.questions.values():
            if q.section != section.id:
                continue
            if q.kind == "yes_no":
                values = "yes | no | unknown" if lang == "en" else "是 | 否 | 未知"
            elif q.kind == "one_of":
                values = " | ".join(c.id for c in q.choices) + " | unknown"
            else:
                values = f"{q.min:g}..{q.max:g} | unknown"
            tag = " [incident]" if q.incident and lang == "en" else (" [事件]" if q.incident else "")
            lines.append(f"- {q.id}: {q.text(lang)}{tag}")
            lines.append(f"    {values}. {q.help(lang)}")
        lines.append("")
    return "\n".join(lines)
