"""An SVG diagram drawn from the data: problems on the left, linked to the remedies that address them.

Labels wrap inside their boxes (never cut). The two columns are ordered to keep links from
tangling: barycentre ordering, the classic layered-graph heuristic — each box moves to the mean
position of the boxes it links to, sweeping left-to-right and back a few times, and the order
with the fewest crossings wins.
"""
from __future__ import annotations

from html import escape

WIDTH = 720
BOX_W = 250
LINE_H = 14          # one line of label text
PAD = 6              # inside a box, above and below the text
GAP = 6              # between boxes
SWEEPS = 4


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns (a CJK character counts two); breaks at spaces where it can."""
    lines, line, used = [], "", 0
    for word in _pieces(text):
        cost = sum(2 if ord(ch) > 0x2E80 else 1 for ch in word)
        if used + cost > width and line:
            lines.append(line.rstrip())
            line, used = "", 0
            word = word.lstrip()
            cost = sum(2 if ord(ch) > 0x2E80 else 1 for ch in word)
        line += word
        used += cost
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def _pieces(text: str) -> list[str]:
    """Words with their following space; each CJK character on its own, so Chinese can break anywhere."""
    pieces, current = [], ""
    for ch in text:
        if ord(ch) > 0x2E80:
            if current:
                pieces.append(current)
                current = ""
            pieces.append(ch)
        else:
            current += ch
            if ch == " ":
                pieces.append(current)
                current = ""
    if current:
        pieces.append(current)
    return pieces


def crossings(edges: list[tuple[int, int]]) -> int:
    """Pairs of links that cross, given (left position, right position) per link."""
    return sum(1 for i, (a1, b1) in enumerate(edges) for a2, b2 in edges[i + 1:] if (a1 - a2) * (b1 - b2) < 0)


def order_by_barycentre(left: list[str], right: list[str], links: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """Reorder both columns to reduce crossings; ties keep the given order (the priority order)."""
    def edges(lo: list[str], ro: list[str]) -> list[tuple[int, int]]:
        li, ri = {x: i for i, x in enumerate(lo)}, {x: i for i, x in enumerate(ro)}
        return [(li[a], ri[b]) for a, b in links]

    def sweep(fixed: list[str], moving: list[str], pairs: list[tuple[str, str]]) -> list[str]:
        at = {x: i for i, x in enumerate(fixed)}
        def centre(item: str) -> float:
            linked = [at[f] for f, m in pairs if m == item]
            return sum(linked) / len(linked) if linked else moving.index(item)
        return sorted(moving, key=lambda item: (centre(item), moving.index(item)))

    best = (crossings(edges(left, right)), left, right)
    flipped = [(b, a) for a, b in links]
    for _ in range(SWEEPS):
        right = sweep(left, right, links)
        left = sweep(right, left, flipped)
        count = crossings(edges(left, right))
        if count < best[0]:
            best = (count, left, right)
    return best[1], best[2]


def _column(items: list[str], labels: dict[str, list[str]]) -> tuple[dict[str, tuple[int, int]], int]:
    """Top and height of each box, stacked; and the column's total height."""
    place, y = {}, 10
    for item in items:
        height = len(labels[item]) * LINE_H + 2 * PAD
        place[item] = (y, height)
        y += height + GAP
    return place, y


def problems_to_remedies(view: dict) -> str:
    problems = view["problems"]
    remedies = sorted((r for group in view["remedies_by_actor"] for r in group["remedies"] if r["addresses"]),
                      key=lambda r: r["priority"])
    if not problems or not remedies:
        return ""
    known = {p["id"] for p in problems}
    links = [(a["id"], r["id"]) for r in remedies for a in r["addresses"] if a["id"] in known]
    left, right = order_by_barycentre([p["id"] for p in problems], [r["id"] for r in remedies], links)
    by_id = {p["id"]: p for p in problems} | {r["id"]: r for r in remedies}
    chars = (BOX_W - 12) // 6                  # about 6 px per column at 11 px sans-serif
    labels = {p: wrap(by_id[p]["name"], chars) for p in left}
    labels |= {r: wrap(f'{by_id[r]["priority"]}. {by_id[r]["name"]}', chars) for r in right}
    left_at, left_h = _column(left, labels)
    right_at, right_h = _column(right, labels)
    height = max(left_h, right_h) + 10
    right_x = WIDTH - BOX_W - 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
             f'role="img" aria-label="{escape(view["t"]("diagram"))}" font-family="sans-serif" font-size="11">']
    for a, b in links:
        y1 = left_at[a][0] + left_at[a][1] // 2
        y2 = right_at[b][0] + right_at[b][1] // 2
        parts.append(f'<path d="M{10 + BOX_W},{y1} C{WIDTH // 2},{y1} {WIDTH // 2},{y2} {right_x},{y2}" '
                     f'fill="none" stroke="#7a8ca5" stroke-width="1"/>')
    for column, at, x in ((left, left_at, 10), (right, right_at, right_x)):
        for item in column:
            top, box_h = at[item]
            entry = by_id[item]
            if column is left:
                fill, stroke = ("#f4c7c3" if entry["status"] == "observed" else "#fde9c9"), "#b55"
            else:
                fill, stroke = ("#d4ecd4" if entry["status"] == "in_place" else "#dbe7f6"), "#57a"
            parts.append(f'<rect x="{x}" y="{top}" width="{BOX_W}" height="{box_h}" rx="4" fill="{fill}" stroke="{stroke}"/>')
            lines = "".join(f'<tspan x="{x + 6}" dy="{LINE_H if n else 0}">{escape(line)}</tspan>'
                            for n, line in enumerate(labels[item]))
            parts.append(f'<text x="{x + 6}" y="{top + PAD + 10}">{lines}</text>')
    parts.append("</svg>")
    return "".join(parts)
