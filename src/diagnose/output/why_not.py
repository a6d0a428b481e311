"""WHY-NOT in words: which questions, answered how, would have led to a problem, remedy or type.

``inference.explain.ways_to_reach`` finds the ways (rule branches flattened to answers); this module
says them in one language, with no internal id: question texts, answers as the user would give
them, conclusions by name. The questionnaire's WHY-NOT screen and the reports both read it.
"""
from __future__ import annotations

from typing import Any

from ..inference import explain
from ..inference.results import Diagnosis, Key
from ..kb.conditions import UNKNOWN, AnswerTest
from ..kb.knowledge import KnowledgeBase
from .i18n import answer_label, t

_INVERSE = {"eq": "ne", "ne": "eq", "gt": "le", "ge": "lt", "lt": "ge", "le": "gt", "in": "not_in"}


def wanted_answer(kb: KnowledgeBase, test: AnswerTest, wanted: bool, lang: str) -> str:
    """The answer a way needs, as the user would give it: "yes", "Short chain ...", "at least 100 firms"."""
    q = kb.questions.get(test.question)
    op = test.op if wanted else _INVERSE[test.op]
    values = test.value if isinstance(test.value, tuple) else (test.value,)
    if q is not None and q.kind == "yes_no" and op in ("eq", "ne", "in", "not_in") and len(values) == 1:
        yes = bool(values[0]) == (op in ("eq", "in"))
        return t("yes" if yes else "no", lang)
    shown = t("or_join", lang).join(answer_label(v, lang, q) for v in values)
    if op in ("eq", "in"):
        return shown
    unit = f"{t('unit_space', lang)}{q.unit(lang)}" if q is not None and q.unit else ""
    return t(f"need_{op}", lang).format(value=shown, unit=unit)


def requirement_words(kb: KnowledgeBase, req: explain.Requirement, answers: dict, lang: str) -> dict[str, Any]:
    """One requirement of a way: what it asks, what it needs, where it stands, in words."""
    if req.test is not None:
        qid = req.test.question
        q = kb.questions.get(qid)
        current = answers.get(qid, UNKNOWN)
        if req.status == "blocked" and current == UNKNOWN:
            state = t("req_not_asked", lang)
        elif req.status == "open":
            state = t("req_open", lang)
        else:
            state = t("req_answered", lang).format(answer=answer_label(current, lang, q))
        return {"question": qid, "text": q.text(lang) if q else qid, "need": wanted_answer(kb, req.test, req.wanted, lang),
                "state": state, "status": req.status}
    kind, ident = req.key
    name = kb.name(kind, ident, lang)
    need = t("req_found" if req.wanted else "req_not_found", lang)
    state = {"met": t("req_holds", lang), "open": t("req_open_conclusion", lang),
             "blocked": t("req_fails", lang)}[req.status]
    return {"question": None, "text": name, "need": need, "state": state, "status": req.status}


def fact_words(kb: KnowledgeBase, fact: str, lang: str) -> str:
    """A trace entry's fact ("question = value" or "kind:id") in words: the question and its answer,
    or the conclusion's name."""
    qid, sep, raw = fact.partition(" = ")
    if sep and qid in kb.questions:
        q = kb.questions[qid]
        value: Any = {"yes": True, "no": False}.get(raw, raw) if q.kind == "yes_no" else raw
        if q.kind == "number":
            try:
                value = float(raw)
            except ValueError:
                pass
        return f"{q.text(lang)} {answer_label(value, lang, q)}"
    kind, _, ident = fact.partition(":")
    return kb.name(kind, ident, lang)


def _reason_names(kb: KnowledgeBase, remedy_id: str, ident: str, lang: str) -> str:
    pre = {p.id: p for p in kb.remedies[remedy_id].preconditions}.get(ident)
    if pre is not None:
        return pre.text(lang)
    if ident in kb.questions:
        return kb.questions[ident].text(lang)
    return any_name(kb, ident, lang)


def reason_text(kb: KnowledgeBase, remedy_id: str, reason, lang: str) -> str:
    """Why a remedy is only considered, in words: a reason code with the ids it names (results.REASON_CODES)."""
    names = "、".join if lang == "zh" else ", ".join
    listed = names(_reason_names(kb, remedy_id, i, lang) for i in reason.ids) or t("none", lang)
    return t(f"reason_{reason.code}", lang).format(names=listed, threshold=kb.info.recommend.min_certainty)


def reasons_words(kb: KnowledgeBase, remedy_id: str, reasons: list, lang: str) -> list[str]:
    """A considered remedy's reasons as sentences."""
    return [reason_text(kb, remedy_id, reason, lang) for reason in reasons or []]


def any_name(kb: KnowledgeBase, ident: str, lang: str) -> str:
    """Any id by its name: a conclusion's name, a question's text, else the id itself."""
    for kind in ("problem", "remedy", "type", "fact", "consequence", "stage"):
        if kb.entry(kind, ident) is not None:
            return kb.name(kind, ident, lang)
    question = kb.questions.get(ident)
    return question.text(lang) if question else ident


def explain_absent(kb: KnowledgeBase, d: Diagnosis, kind: str, ident: str, lang: str, keep: int = 3) -> dict[str, Any]:
    """Everything the user reads about one absent conclusion: its name, why it stands where it does
    (a considered remedy's reasons), and the nearest ways to reach it, each a list of questions."""
    answers = {q: d.profile.get(q, UNKNOWN) for q in kb.questions}
    concluded = d.concluded()
    remedy = next((r for r in d.remedies if r.id == ident), None) if kind == "remedy" else None
    status = getattr(remedy, "status", None)
    view: dict[str, Any] = {"id": ident, "kind": kind, "name": kb.name(kind, ident, lang),
                            "kind_label": t(f"kind_{kind}", lang), "concluded": False, "reasons": [], "ways": []}
    if status == "in_place":
        view["summary"] = t("wn_in_place", lang)
        return view
    if status == "recommended" or (kind != "remedy" and Key(kind, ident) in concluded):
        view["concluded"] = True
        view["summary"] = t("concluded_already", lang)
        return view
    view["reasons"] = reasons_words(kb, ident, getattr(remedy, "reasons", None) or [], lang)
    considered = status == "considered"
    ways = explain.ways_to_reach(kb, answers, concluded, kind, ident, keep=keep)
    if Key(kind, ident) in concluded and not view["reasons"]:
        view["reasons"] = [t("wn_reached_not_recommended", lang)]
    view["ways"] = [{"requirements": [requirement_words(kb, r, answers, lang) for r in way.requirements],
                     "blocked": len(way.blocked), "open": len(way.open)} for way in ways]
    if considered:       # reached, weighed, not recommended: the reasons first
        view["summary"] = t("considered_title", lang) + t("colon", lang).rstrip()
    elif not ways:
        view["summary"] = t("no_rule", lang)
    elif all(w["blocked"] for w in view["ways"]):
        view["summary"] = t("wn_ruled_out", lang)
    else:
        view["summary"] = t("wn_could_still", lang)
    return view
