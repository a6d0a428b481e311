"""``diagnose rules coverage``: which links of the knowledge map (section G) the rule base carries.

A link is carried by a rule when the rule lists it under ``links``; by the catalogue when an entry,
one of its notes or one of its preconditions lists it. The share that matters most is the share of
causal, remedy, precondition, type, evolution and limit links carried by rules.
"""
from __future__ import annotations

import json
from collections import Counter

from .knowledge import KnowledgeBase

RULE_KINDS = ("cause", "conseq", "remedy", "precond", "type", "evol", "limit")


def compute(kb: KnowledgeBase) -> dict:
    by_rules: dict[str, list[str]] = {}
    for rule in kb.rules:
        for link in rule.links:
            by_rules.setdefault(link, []).append(rule.id)
    by_catalogue: dict[str, list[str]] = {}
    for kind in ("types", "problems", "remedies", "facts", "consequences", "stages"):
        for entry in getattr(kb.catalogue, kind):
            where = f"{kind[:-1]}:{entry.id}"
            refs = list(entry.links) + [l for n in entry.notes for l in n.links]
            refs += [l for p in getattr(entry, "preconditions", []) for l in p.links]
            for link in refs:
                if where not in by_catalogue.setdefault(link, []):
                    by_catalogue[link].append(where)
    links = []
    for link in kb.links.values():
        links.append({"id": link.id, "kind": link.kind, "implied": link.implied, "paragraph": link.paragraph,
                      "rules": by_rules.get(link.id, []), "catalogue": by_catalogue.get(link.id, [])})
    totals: dict[str, dict] = {}
    kinds = Counter(link["kind"] for link in links)
    for kind in sorted(kinds):
        members = [link for link in links if link["kind"] == kind]
        totals[kind] = {"links": len(members), "by_rules": sum(1 for m in members if m["rules"]),
                        "carried": sum(1 for m in members if m["rules"] or m["catalogue"])}
    rule_kind = [link for link in links if link["kind"] in RULE_KINDS]
    return {
        "links": links, "totals": totals,
        "carried": sum(1 for l in links if l["rules"] or l["catalogue"]), "total": len(links),
        "rule_kind_total": len(rule_kind),
        "rule_kind_by_rules": sum(1 for l in rule_kind if l["rules"]),
        "rule_kind_share": round(sum(1 for l in rule_kind if l["rules"]) / max(len(rule_kind), 1), 4),
        "not_carried": [l["id"] for l in links if not (l["rules"] or l["catalogue"])],
        "not_in_rules": [l["id"] for l in rule_kind if not l["rules"]],
    }


def render(report: dict, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(report, ensure_ascii=False, indent=2)
    lines = [f"links carried: {report['carried']}/{report['total']}",
             f"cause/conseq/remedy/precond/type/evol/limit links carried by rules: "
             f"{report['rule_kind_by_rules']}/{report['rule_kind_total']} ({report['rule_kind_share']:.1%})", "",
             f"{'kind':<9}{'links':>6}{'by rules':>10}{'carried':>9}"]
    for kind, row in report["totals"].items():
        lines.append(f"{kind:<9}{row['links']:>6}{row['by_rules']:>10}{row['carried']:>9}")
    lines.append("")
    lines.append("not carried anywhere: " + (", ".join(report["not_carried"]) or "none"))
    lines.append("rule-kind links carried only by the catalogue: " + (", ".join(report["not_in_rules"]) or "none"))
    lines.append("")
    for link in report["links"]:
        carriers = ", ".join(link["rules"][:4] + link["catalogue"][:2]) or "-"
        lines.append(f"{link['id']} [{link['kind']}] {link['paragraph']}: {carriers}")
    return "\n".join(lines)
