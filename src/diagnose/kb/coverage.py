"""``diagnose rules coverage``: which links of the knowledge map (section G) the rule base carries.

A link is carried by a rule when the rule lists it under ``links``; by the catalogue when an entry,
one of its notes or one of its preconditions lists it. The share that matters most is the share of
causal, remedy, precondition, type, evolution and limit links carried by rules.
"""
from __future__ import annotations

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
