"""The report's view model: a diagnosis turned into plain data with names and quotes in one language.

Every renderer (text, markdown, html, the TUI panel) reads this, so they say the same thing.
"""
from __future__ import annotations

from typing import Any

from ..inference.explain import how
from ..inference.results import Diagnosis
from ..kb.knowledge import KnowledgeBase
from ..kb.profile import UNNAMED
from .i18n import answer_label, paragraph_label, t, year_label
from .why_not import any_name, explain_absent, reason_text


def _step(kb: KnowledgeBase, entry, lang: str) -> dict:
    rule = kb.rule_by_id[entry.rule]
    return {"trace": entry.id, "rule": entry.rule, "explain": rule.explain(lang),
            "explain_en": rule.explain.en, "paragraph": entry.citation.paragraph,
            "paragraph_label": paragraph_label(entry.citation.paragraph, lang), "quote": entry.citation.quote,
            "facts": entry.facts, "links": entry.links, "certainty": entry.certainty,
            "concluded": entry.concluded, "see": None}


def chain(kb: KnowledgeBase, d: Diagnosis, because: list[str], lang: str,
          quoted: dict[tuple, str] | None = None, where: str = "") -> list[dict]:
    """The steps behind a conclusion. With ``quoted`` (shared across a report), a paragraph's quote
    is given once: a later step quoting the same words gets ``see``, the name it was quoted under."""
    seen, steps = set(), []
    for tid in because:
        for entry in how(d, tid):
            if entry.id not in seen:
                seen.add(entry.id)
                step = _step(kb, entry, lang)
                if quoted is not None:
                    key = (step["paragraph"], step["quote"])
                    if key in quoted:
                        step["see"] = quoted[key]
                    else:
                        quoted[key] = where
                steps.append(step)
    return steps


def by_priority(kb: KnowledgeBase, problems: list) -> list:
    """Problems in the documented order: the priority class (threats to life and health first), the
    stronger evidence first (observed, probable, possible), then the more certain (rationale in
    rules/catalogue/problems.yaml)."""
    strength = {"observed": 0, "probable": 1, "possible": 2}
    return sorted(problems, key=lambda p: (kb.problems[p.id].priority_class,
                                           strength.get(getattr(p, "evidence", None), 1), -p.certainty))


def consecutive_by_actor(remedies: list[dict]) -> list[tuple[str, list[dict]]]:
    """Remedies in priority order, grouped under their actor only while the actor stays the same,
    so the numbers read 1, 2, 3 down the page."""
    groups: list[tuple[str, list[dict]]] = []
    for r in sorted(remedies, key=lambda r: r["priority"]):
        if groups and groups[-1][0] == r["actor"]:
            groups[-1][1].append(r)
        else:
            groups.append((r["actor"], [r]))
    return groups


def note_view(note, lang: str) -> dict:
    """A catalogue note; one from outside the chapter names its source in place of a paragraph."""
    if note.cite is not None:
        return {"text": note.text(lang), "paragraph": paragraph_label(note.cite.paragraph, lang), "quote": note.cite.quote,
                "outside": False}
    return {"text": note.text(lang), "paragraph": t("outside_chapter", lang), "quote": note.outside_chapter(lang),
            "outside": True}


def cluster_name(d: Diagnosis, lang: str) -> str:
    """The cluster's name, or "unnamed" in the report's language when the profile gives none."""
    name = d.profile.get("name", UNNAMED)
    return t("unnamed_cluster", lang) if name == UNNAMED else name


def _met_word(pc) -> str:
    """A precondition met only once another remedy of the same plan is built is said so, not plain "met"."""
    if pc.met:
        return "met_in_plan" if pc.build_first else "met"
    return "unknown" if pc.met is None else "unmet"


def build(kb: KnowledgeBase, d: Diagnosis, lang: str, why_not: list[dict] | None = None) -> dict[str, Any]:
    name = lambda kind, ident: kb.name(kind, ident, lang)  # noqa: E731
    gt = d.governance_type
    quoted: dict[tuple, str] = {}          # (paragraph, quote) -> the heading it was first quoted under
    gov: dict[str, Any] = {"id": gt.id}
    if gt.id:
        entry = kb.types[gt.id]
        gov.update(name=entry.name(lang), description=entry.description(lang), certainty=gt.certainty,
                   parent=name("type", gt.parent) if gt.parent else None, spectrum=entry.spectrum,
                   chain=chain(kb, d, gt.because, lang, quoted, entry.name(lang)),
                   notes=[note_view(n, lang) for n in entry.notes + (kb.types[entry.parent].notes if entry.parent else [])],
                   alternatives=[name("type", a) for a in gt.alternatives])

    found = {p.id: p for p in d.problems}
    problems = []
    for p in by_priority(kb, d.problems):
        entry = kb.problems[p.id]
        problems.append({
            "id": p.id, "code": entry.code, "name": entry.name(lang), "description": entry.description(lang),
            "status": p.status, "evidence": p.evidence, "evidence_label": kb.info.evidence[p.evidence].name(lang),
            "status_label": kb.info.evidence[p.evidence].name(lang), "certainty": p.certainty,
            "citations": p.citations, "chain": chain(kb, d, p.because, lang, quoted, entry.name(lang)),
            "consequences": [name("consequence", c) for c in p.consequences],
            "notes": [note_view(n, lang) for n in entry.notes],
            "remedies": [r.id for r in d.remedies if p.id in r.addresses and r.status != "considered"],
        })

    items = []
    for r in d.remedies:
        entry = kb.remedies[r.id]
        pre_entries = {pre.id: pre for pre in entry.preconditions}
        items.append({
            "id": r.id, "code": entry.code, "name": entry.name(lang), "description": entry.description(lang),
            "status": r.status, "actor": r.actor, "status_label": t(r.status, lang), "priority": r.priority,
            "certainty": r.certainty, "implied": entry.implied,
            "actors": [name("actor", a) for a in r.actors],
            "actor_name": name("actor", r.actor),
            "addresses": [{"id": a, "name": name("problem", a), "status": found[a].status,
                           "evidence_label": kb.info.evidence[found[a].evidence].name(lang)} for a in r.addresses],
            "preconditions": [{"text": pre_entries[pc.id].text(lang), "met": pc.met,
                               "met_label": t(_met_word(pc), lang),
                               "build_first": [name("remedy", b) for b in pc.build_first]} for pc in r.preconditions],
            "concerns": [name("problem", c) if c in kb.problems else name("fact", c) for c in r.concerns],
            "notes": [{**note_view(n, lang), "prefer": [name("remedy", x) for x in n.prefer]} for n in entry.notes],
            "precedents": [{"case": p.case, "year": year_label(p.year, lang), "place": p.place(lang),
                            "what": p.what(lang)} for p in entry.precedents],
            "citations": r.citations, "chain": chain(kb, d, r.because, lang, quoted, entry.name(lang)),
            "reasons": [reason_text(kb, r.id, reason, lang) for reason in r.reasons],
        })
    # recommended and in-place remedies in detail, in priority order (grouped under an actor while it
    # stays the same); considered ones with their reasons
    remedies_by_actor = [{"actor": actor, "actor_name": name("actor", actor), "remedies": group}
                         for actor, group in consecutive_by_actor([i for i in items if i["status"] != "considered"])]

    unanswered = [{"id": u.question, "text": kb.questions[u.question].text(lang),
                   "could_change": [any_name(kb, c, lang) for c in u.could_change]} for u in d.unanswered]
    stage = None
    if d.stage.current:
        stage = {"current": name("stage", d.stage.current),
                 "reached": [name("stage", s) for s in d.stage.reached],
                 "next": name("stage", d.stage.next) if d.stage.next else None,
                 "next_description": kb.stages[d.stage.next].description(lang) if d.stage.next else None}
    answers = [{"id": q, "text": kb.questions[q].text(lang), "value": answer_label(v, lang)}
               for q, v in d.profile.items() if q in kb.questions]
    summary = {"answered": sum(1 for q, v in d.profile.items() if q in kb.questions),
               "questions": len(kb.questions),
               "observed": sum(1 for p in d.problems if p.evidence == "observed"),
               "probable": sum(1 for p in d.problems if p.evidence == "probable"),
               "possible": sum(1 for p in d.problems if p.evidence == "possible"),
               "risks": sum(1 for p in d.problems if p.status == "risk"),
               "recommended": sum(1 for r in d.remedies if r.status == "recommended"),
               "considered": sum(1 for r in d.remedies if r.status == "considered"),
               "in_place": sum(1 for r in d.remedies if r.status == "in_place")}
    return {
        "lang": lang, "t": lambda key: t(key, lang), "title": t("report_title", lang), "summary": summary,
        "cluster": cluster_name(d, lang), "type": gov, "problems": problems,
        "recommended": [i for i in items if i["status"] == "recommended"],
        "considered": [i for i in items if i["status"] == "considered"],
        "remedies_by_actor": remedies_by_actor, "remedy_count": len(d.remedies),
        "consequences": [name("consequence", c) for c in d.consequences], "unanswered": unanswered,
        "stage": stage, "answers": answers, "rule_base": {**d.rule_base, "title": kb.info.title(lang)},
        "why_not": [explain_absent(kb, d, w["kind"], w["id"], lang) for w in (why_not or [])],
        "spectrum_positions": [name("type", tid) for tid in ("market_type", "leader_tech_spinoff", "leader_type",
                                                             "leader_equity", "integrated_firm")],
    }
