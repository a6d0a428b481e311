"""An SVG diagram drawn from the data: problems on the left, linked to the remedies that address them."""
from __future__ import annotations

from html import escape

ROW = 26
WIDTH = 720


def problems_to_remedies(view: dict) -> str:
    problems = view["problems"]
    remedies = [r for group in view["remedies_by_actor"] for r in group["remedies"] if r["addresses"]]
    remedies.sort(key=lambda r: r["priority"])
    if not problems or not remedies:
        return ""
    height = max(len(problems), len(remedies)) * ROW + 20
    left_y = {p["id"]: 10 + i * ROW + ROW // 2 for i, p in enumerate(problems)}
    right_y = {r["id"]: 10 + i * ROW + ROW // 2 for i, r in enumerate(remedies)}
    box_w, right_x = 250, WIDTH - 260
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
             f'role="img" aria-label="{escape(view["t"]("diagram"))}" font-family="sans-serif" font-size="11">']
    for r in remedies:
        for a in r["addresses"]:
            if a["id"] in left_y:
                y1, y2 = left_y[a["id"]], right_y[r["id"]]
                parts.append(f'<path d="M{10 + box_w},{y1} C{WIDTH // 2},{y1} {WIDTH // 2},{y2} {right_x},{y2}" '
                             f'fill="none" stroke="#7a8ca5" stroke-width="1"/>')
    for p in problems:
        y = left_y[p["id"]]
        fill = "#f4c7c3" if p["status"] == "observed" else "#fde9c9"
        parts.append(f'<rect x="10" y="{y - 10}" width="{box_w}" height="20" rx="4" fill="{fill}" stroke="#b55"/>')
        parts.append(f'<text x="16" y="{y + 4}">{escape(p["name"][:38])}</text>')
    for r in remedies:
        y = right_y[r["id"]]
        fill = "#d4ecd4" if r["status"] == "in_place" else "#dbe7f6"
        parts.append(f'<rect x="{right_x}" y="{y - 10}" width="{box_w}" height="20" rx="4" fill="{fill}" stroke="#57a"/>')
        parts.append(f'<text x="{right_x + 6}" y="{y + 4}">{r["priority"]}. {escape(r["name"][:34])}</text>')
    parts.append("</svg>")
    return "".join(parts)
