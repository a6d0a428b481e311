"""Plain listings: the questionnaire, the validation scorecard, case coverage and link coverage."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..kb.knowledge import KnowledgeBase
from .i18n import t

if TYPE_CHECKING:   # a type only: `diagnose questions` must not load the scorecard, the cases and the engine
    from ..validation.scorecard import Scorecard


def questions_text(kb: KnowledgeBase, lang: str) -> str:
    lines = []
    for section in kb.sections:
        lines.append(f"## {section.title(lang)}")
        for q in kb.questions.values():
            if q.section != section.id:
                continue
            unknown = t("unknown", lang)
            if q.kind == "yes_no":
                values = f"{t('yes', lang)} | {t('no', lang)} | {unknown}"
            elif q.kind == "one_of":   # the words, with the id a profile file takes
                values = " | ".join(f"{c.text(lang)} = {c.id}" for c in q.choices) + f" | {unknown}"
            else:
                values = f"{q.min:g}..{q.max:g} | {unknown}"
            tag = " [incident]" if q.incident and lang == "en" else (" [事件]" if q.incident else "")
            lines.append(f"- {q.id}: {q.text(lang)}{tag}")
            lines.append(f"    {values}{'。' if lang == 'zh' else '. '}{q.help(lang)}")
        lines.append("")
    return "\n".join(lines)


def ids_text(kb: KnowledgeBase, what: str, lang: str) -> str:
    """One line per id: the id (what --why-not, --adopt and profiles take) and its name in lang."""
    if what == "questions":
        rows = [(q.id, q.text(lang)) for q in kb.questions.values()]
    else:
        table = {"problems": kb.problems, "remedies": kb.remedies, "types": kb.types}[what]
        rows = [(ident, entry.name(lang)) for ident, entry in table.items()]
    width = max(len(ident) for ident, _ in rows)
    return "\n".join(f"{ident:<{width}}  {name}" for ident, name in rows)


def _figure(value) -> str:
    return "-" if value is None else f"{value:.2f}"


def scorecard(card: Scorecard, fmt: str, verbose: bool = False) -> str:
    """The scorecard; JSON always names the extra findings, text does with --verbose."""
    if fmt == "json":
        data = card.model_dump(mode="json")
        for result in data["results"]:
            result.pop("fired", None)
        return json.dumps(data, ensure_ascii=False, indent=2)
    mode = "structural (incidents dropped)" if card.structural else "full"
    width = max([len(r.case) for r in card.results] + [14]) + 2
    lines = [f"{'case':<{width}}{'pass':<5}{'type':<6}{'rec':>4} {'prec p/r':>10} {'recall p/r/struct':>17}  "
             "missing / false alarms / extra (wrong: unclassified)", "-" * 110]
    for r in card.results:
        type_mark = {True: "ok", False: "WRONG", None: "-"}[r.type_correct]
        detail = []
        if r.missing:
            detail.append("missing: " + ", ".join(r.missing))
        if r.false_alarms:
            detail.append("FALSE: " + ", ".join(r.false_alarms))
        if r.extra:
            detail.append("extra: " + (", ".join(r.extra) if verbose else str(len(r.extra))))
        precision = f"{_figure(r.precision['problems'])}/{_figure(r.precision['remedies'])}"
        recall = "/".join(_figure(r.recall[k]) for k in ("problems", "remedies", "structural_problems"))
        lines.append(f"{r.case:<{width}}{'yes' if r.passed else 'NO':<5}{type_mark:<6}{r.recommended:>4} "
                     f"{precision:>10} {recall:>17}  {'; '.join(detail)}")
    failed = card.failed_thresholds(card.structural)
    rec = card.recommended
    lines += ["-" * 110,
              f"mode: {mode}; cases: {card.cases} ({card.counter_cases} counter-cases), passed: {card.passed}",
              f"problems: closed-world precision {card.problems['precision']:.3f}, recall {card.problems['recall']:.3f}, "
              f"structural recall {card.problems['structural_recall']:.3f} "
              f"({card.problems['structural_recall_any_level']:.3f} counting possible ones)",
              f"remedies: closed-world precision {card.remedies['precision']:.3f}, recall {card.remedies['recall']:.3f}",
              "  (recall counts problems found above possible, remedies recommended or in place;"
              " precision counts every such finding)",
              f"recommended per case: median {rec['median']:g} (chapter cases), max {rec['max']:g}",
              f"counter-case false alarms: {card.counter_false_alarms}",
              f"governance type: accuracy {card.governance_type['accuracy']:.3f} "
              f"({int(card.governance_type['cases_with_type'])} cases state a type)",
              "thresholds met" if not failed else "THRESHOLDS NOT MET: " + ", ".join(failed)]
    return "\n".join(lines)


def case_coverage(kb: KnowledgeBase, card: Scorecard, fmt: str) -> str:
    fired_by = {r.case: r.fired for r in card.results}
    all_fired = set().union(*fired_by.values()) if fired_by else set()
    never = [r.id for r in kb.rules if r.id not in all_fired]
    if fmt == "json":
        return json.dumps({"cases": fired_by, "rules_no_case_fires": never,
                           "rules_fired": len(all_fired & {r.id for r in kb.rules}), "rules": len(kb.rules)},
                          ensure_ascii=False, indent=2)
    lines = [f"{case}: {len(rules)} rules: {', '.join(rules)}" for case, rules in fired_by.items()]
    lines += ["", f"rules fired by some case: {len(all_fired & {r.id for r in kb.rules})}/{len(kb.rules)}",
              "rules no case fires: " + (", ".join(never) or "none")]
    return "\n".join(lines)


def link_coverage(report: dict, fmt: str) -> str:
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
