"""The portfolio in words: tables in one language, rendered as HTML (one self-contained page),
CSV (the summary table) or JSON (the portfolio's ids, language-free).

``tables()`` is the one place the portfolio becomes rows of words; the HTML page, the CSV file
and the xlsx workbook (batch/portfolio_xlsx.py) all show those same tables.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any, Optional

from ..inputs.untrusted import visible
from ..kb.knowledge import KnowledgeBase
from .portfolio_strings import s

MARKS = {"observed": "●", "probable": "○"}
LIST_LIMIT = 200          # names listed in one cell before "and N more"
TOP_REMEDIES = 3


@dataclass
class Table:
    key: str                          # summary | matrix | shared | actors | errors
    title: str
    headers: list[str]
    rows: list[list[Any]]
    frozen_columns: int = 0           # columns kept in view when scrolling sideways
    links: list[Optional[str]] = field(default_factory=list)   # per row: the cluster's report, if any


def _join(items, lang: str) -> str:
    return ("；" if lang == "zh" else "; ").join(items)


def _names(kb: KnowledgeBase, kind: str, ids, lang: str) -> str:
    return _join((kb.name(kind, i, lang) for i in ids), lang)


def _listed(names: list[str], lang: str) -> str:
    text = _join(names[:LIST_LIMIT], lang)
    if len(names) > LIST_LIMIT:
        text += " " + s("more", lang, n=len(names) - LIST_LIMIT)
    return text


def _source(entry, lang: str) -> str:
    if entry.row is None:
        return entry.source
    where = f"{entry.sheet} · " if entry.sheet else ""
    return f"{entry.source} · {where}{s('h_row', lang)} {entry.row}"


def tables(kb: KnowledgeBase, portfolio, lang: str) -> list[Table]:
    """The portfolio's tables: summary, problem matrix, shared problems, remedies by actor, errors."""
    by_index = {c.index: c for c in portfolio.clusters}

    def cluster_names(indexes: list[int]) -> str:
        return _listed([by_index[i].name for i in indexes], lang)

    summary = Table("summary", s("tab_summary", lang),
                    [s(k, lang) for k in ("h_rank", "h_cluster", "h_type", "h_observed", "h_probable", "h_remedies", "h_source")],
                    [], frozen_columns=2)
    for c in portfolio.clusters:
        remedies = _join((f"{kb.name('remedy', r.id, lang)}（{kb.name('actor', r.actor, lang)}）" if lang == "zh"
                          else f"{kb.name('remedy', r.id, lang)} ({kb.name('actor', r.actor, lang)})"
                          for r in c.remedies[:TOP_REMEDIES]), lang)
        summary.rows.append([c.rank, c.name, kb.name("type", c.governance_type, lang) if c.governance_type else s("no_type", lang),
                             _names(kb, "problem", [p.id for p in c.problems if p.evidence == "observed"], lang),
                             _names(kb, "problem", [p.id for p in c.problems if p.evidence == "probable"], lang),
                             remedies, _source(c, lang)])
        summary.links.append(c.report)

    columns = [sp.id for sp in portfolio.problems]
    matrix = Table("matrix", s("tab_matrix", lang),
                   [s("h_rank", lang), s("h_cluster", lang)]
                   + [f"{kb.name('problem', sp.id, lang)} ({len(sp.clusters)})" for sp in portfolio.problems],
                   [], frozen_columns=2)
    for c in portfolio.clusters:
        marks = {p.id: MARKS[p.evidence] for p in c.problems}
        matrix.rows.append([c.rank, c.name] + [marks.get(pid, "") for pid in columns])
        matrix.links.append(c.report)

    shared = Table("shared", s("tab_shared", lang),
                   [s(k, lang) for k in ("h_problem", "h_count", "h_count_observed", "h_clusters")],
                   [[kb.name("problem", sp.id, lang), len(sp.clusters), sp.observed, cluster_names(sp.clusters)]
                    for sp in portfolio.problems], frozen_columns=1)

    actors = Table("actors", s("tab_actors", lang),
                   [s(k, lang) for k in ("h_actor", "h_remedy", "h_count", "h_clusters")],
                   [[kb.name("actor", a.actor, lang), kb.name("remedy", r.id, lang), len(r.clusters), cluster_names(r.clusters)]
                    for a in portfolio.actors for r in a.remedies], frozen_columns=2)

    errors = Table("errors", s("tab_errors", lang),
                   [s(k, lang) for k in ("h_file", "h_sheet", "h_row", "h_column", "h_reason")],
                   [[e.source, e.sheet or "", e.row if e.row is not None else "",
                     f"{e.column} ({e.header})" if e.column and e.header else (e.column or ""), e.reason]
                    for e in portfolio.errors])
    return [summary, matrix, shared, actors, errors]


def to_json(portfolio) -> str:
    return portfolio.model_dump_json(indent=2) + "\n"


def _inert(value: Any) -> Any:
    """A cell a spreadsheet will not run: text that starts like a formula gets a leading apostrophe;
    and a terminal will not obey (the CSV may go to stdout): control characters are shown as escapes."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        value = "'" + value
    return visible(value) if isinstance(value, str) else value


def to_csv(kb: KnowledgeBase, portfolio, lang: str) -> str:
    """The summary table (one CSV holds one table), UTF-8 with a byte-order mark for Excel and WPS."""
    summary = tables(kb, portfolio, lang)[0]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(summary.headers)
    for row in summary.rows:
        writer.writerow([_inert(v) for v in row])
    return "\ufeff" + out.getvalue()


def to_html(kb: KnowledgeBase, portfolio, lang: str) -> str:
    from .templates import environment
    found = tables(kb, portfolio, lang)
    with_problems = sum(1 for c in portfolio.clusters if c.problems)
    intro = s("portfolio_intro", lang, clusters=len(portfolio.clusters), with_problems=with_problems,
              errors=len({(e.source, e.sheet, e.row) for e in portfolio.errors}))
    return environment().get_template("portfolio.html.j2").render(
        lang=lang, title=s("portfolio_title", lang), intro=intro, legend=s("legend", lang),
        tables={t.key: t for t in found}, no_errors=s("no_errors", lang), marks=MARKS,
        footer=s("footer", lang, version=portfolio.rule_base.get("version", ""), date=portfolio.rule_base.get("date", "")))


def render(kb: KnowledgeBase, portfolio, fmt: str, lang: str) -> str:
    if fmt == "json":
        return to_json(portfolio)
    if fmt == "csv":
        return to_csv(kb, portfolio, lang)
    return to_html(kb, portfolio, lang)
