"""The plain-text report (rich, no colour), from the view model."""
from __future__ import annotations

import io

from ..inputs.untrusted import visible


def _heading(console, title: str, when_empty: str, has_items: bool) -> None:
    """A blank line, a bold section title, and a line saying the section is empty when it is."""
    from rich.text import Text
    console.print()
    console.print(Text(title, style="bold"))
    if not has_items:
        console.print(Text("  " + when_empty))


def _cite(step: dict, tr) -> str:
    """A step's paragraph and quote, or a pointer to where that quote was already given."""
    return tr("see_quote").format(name=step["see"]) if step.get("see") else f'{step["paragraph_label"]}「{step["quote"]}」'


def _item(console, indent: int, marker: str, body: str) -> None:
    """One list item whose continuation lines hang under its first word, not under the margin."""
    from rich.table import Table
    from rich.text import Text
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True, min_width=indent + len(marker), justify="right")
    grid.add_column(overflow="fold")
    grid.add_row(Text(marker), Text(body))
    console.print(grid)


def render_text(model: dict, width: int = 100) -> str:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    tr = model["t"]
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, highlight=False, soft_wrap=False)
    # the cluster's name is the user's text: a Text (never console markup), control characters shown
    console.rule(Text(visible(f'{model["title"]}: {model["cluster"]}')))
    console.print(Text(tr("summary").format(**model["summary"])))
    # the decision first: what to do, ranked
    _heading(console, tr("recommended_title"), tr("no_remedies"), bool(model["recommended"]))
    for n, r in enumerate(model["recommended"], start=1):
        addressed = ", ".join(f'{a["name"]} ({a["evidence_label"]})' for a in r["addresses"]) or tr("institution_step")
        _item(console, 2, f'{n}.', f'{r["name"]} — {r["actor_name"]}; {tr("addresses")}: {addressed}')
    console.print()
    gt = model["type"]
    if gt["id"]:
        parent = f' ({gt["parent"]})' if gt.get("parent") else ""
        console.print(Text(f'{tr("governance_type")}: {gt["name"]}{parent}  [{tr("certainty")} {gt["certainty"]:.2f}]'))
        for step in gt["chain"][:3]:
            _item(console, 2, '·', f'{step["explain"]}  {_cite(step, tr)}')
    else:
        console.print(Text(f'{tr("governance_type")}: {tr("no_type")}'))
    if model["stage"]:
        st = model["stage"]
        nxt = f'; {tr("next_step")}: {st["next"]}' if st["next"] else ""
        console.print(Text(f'{tr("stage")}: {st["current"]}{nxt}'))
    _heading(console, tr("problems"), tr("no_problems"), bool(model["problems"]))
    for p in model["problems"]:
        _item(console, 2, '●', f'{p["name"]} [{p["evidence_label"]}, {tr("certainty")} {p["certainty"]:.2f}]  {", ".join(p["citations"])}')
        for step in p["chain"][:4]:
            _item(console, 6, '', f'{_cite(step, tr)} {step["explain"]}')
    _heading(console, tr("remedies"), tr("no_remedies"), bool(model["remedies_by_actor"]))
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
    if model["considered"]:
        _heading(console, tr("considered_title"), "", True)
        for r in model["considered"]:
            console.print(Text(f'  - {r["name"]}: {"; ".join(r["reasons"])}'))
    if model["unanswered"]:
        console.print()
        console.print(Text(tr("unanswered"), style="bold"))
        for u in model["unanswered"][:8]:
            console.print(Text(f'  ? {u["text"]}  → {", ".join(u["could_change"][:4])}'))
    for w in model["why_not"]:
        console.print()
        console.print(Text(f'{tr("why_not")}: {w["name"]}', style="bold"))
        console.print(Text("  " + w.get("summary", "")))
        for reason in w["reasons"]:
            console.print(Text(f"  - {reason}"))
        for n, way in enumerate(w["ways"], start=1):
            console.print(Text(f'  {tr("way")} {n}{tr("colon")}{tr("way_intro")}'))
            for req in way["requirements"]:
                console.print(Text(f'    - {req["text"]} — {tr("would_need")}{tr("colon")}{req["need"]}{tr("clause_join")}{req["state"]}'))
    console.print()
    rb = model["rule_base"]
    console.print(Text(f'{tr("rule_base")} {rb["version"]} ({rb["date"]})'))
    return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))   # grid cells pad to the width
