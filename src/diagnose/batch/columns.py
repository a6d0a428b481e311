"""The columns of a cluster sheet and what a cell may say: one column per question, in either language.

A header cell names its column by question id, or by the question's text in Chinese or English.
An answer cell may be written in either language: 是/否/不详 or yes/no/unknown (a few common
synonyms too), a choice's text in either language or its id, a number (also as text). Text is
compared after Unicode NFKC folding (full-width letters and digits become ASCII), trimming and
case folding, so what a drop-down wrote or a person typed reads the same.
"""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from typing import Any, Optional

from ..kb.conditions import UNKNOWN
from ..kb.knowledge import KnowledgeBase
from ..kb.models import Question
from ..output.portfolio_strings import s

NAME, NOTES = "name", "notes"
NAME_MAX = 200   # the profile's limit on a name

# Words for yes, no and unknown: the template's own (first) and synonyms people write.
YES_WORDS = ("是", "yes", "有", "是的", "对", "y", "true")
NO_WORDS = ("否", "no", "无", "没有", "不是", "n", "false")
UNKNOWN_WORDS = ("不详", "unknown", "未知", "不知道", "不清楚", "?", "？")


def shown(value: Any, limit: int = 60) -> str:
    """A cell's text as a message may show it: control characters replaced, long text cut."""
    text = "".join("?" if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in str(value))
    return text if len(text) <= limit else text[:limit - 1] + "…"


def fold(text: str) -> str:
    """The form in which texts are compared: NFKC, trimmed, inner whitespace collapsed, case-folded."""
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


_ANSWER_WORDS = {**{fold(w): True for w in YES_WORDS}, **{fold(w): False for w in NO_WORDS},
                 **{fold(w): UNKNOWN for w in UNKNOWN_WORDS}}


class CellError(ValueError):
    """A cell whose value cannot be an answer; ``reason`` is already in the user's language."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Column:
    id: str                      # "name", "notes" or a question id
    question: Optional[Question]

    def header(self, kb: KnowledgeBase, lang: str) -> str:
        if self.question is None:
            return s("col_name" if self.id == NAME else "col_notes", lang)
        return self.question.text(lang)


def columns(kb: KnowledgeBase) -> list[Column]:
    """The template's columns, in order: the name, every question in questionnaire order, notes."""
    return [Column(NAME, None)] + [Column(q.id, q) for q in kb.questions.values()] + [Column(NOTES, None)]


def header_index(kb: KnowledgeBase) -> dict[str, str]:
    """Folded header text -> column id: ids, and the headers in both languages."""
    index: dict[str, str] = {}
    for column in columns(kb):
        index[fold(column.id)] = column.id
        for lang in ("zh", "en"):
            index.setdefault(fold(column.header(kb, lang)), column.id)
    return index


def answer_words(lang: str) -> list[str]:
    """The drop-down of a yes/no question: yes, no, unknown in the language."""
    return [s("yes", lang), s("no", lang), s("unknown", lang)]


def choice_labels(q: Question, lang: str) -> list[str]:
    return [c.text(lang) for c in q.choices] + [s("unknown", lang)]


def allowed_text(q: Question, lang: str) -> str:
    if q.kind == "yes_no":
        return s("kind_yes_no", lang)
    if q.kind == "number":
        return s("kind_number", lang, min=f"{q.min:g}", max=f"{q.max:g}")
    return s("kind_one_of", lang, choices="; ".join(c.text(lang) for c in q.choices))


def _choice_index(q: Question) -> dict[str, str]:
    index = {}
    for c in q.choices:
        for text in (c.id, c.text.zh, c.text.en):
            index[fold(text)] = c.id
    return index


def _number(q: Question, value: Any, lang: str) -> float | int:
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).replace(",", "").strip()
        try:
            value = float(text)
        except ValueError:
            raise CellError(s("bad_number", lang, value=shown(value), min=f"{q.min:g}", max=f"{q.max:g}")) from None
        value = int(value) if value.is_integer() else value
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise CellError(s("bad_number", lang, value=shown(value), min=f"{q.min:g}", max=f"{q.max:g}"))
    if not q.min <= value <= q.max:
        raise CellError(s("bad_range", lang, value=f"{value:g}", min=f"{q.min:g}", max=f"{q.max:g}"))
    return value


def to_answer(q: Question, value: Any, lang: str, choices: dict | None = None) -> Any:
    """A cell's value as the profile's answer (True/False, a choice id, a number or "unknown").

    ``value`` is a non-empty cell value (str, int, float, bool, date...); raises CellError."""
    if isinstance(value, str):
        folded = fold(value)
        word = _ANSWER_WORDS.get(folded)
        if word == UNKNOWN or (word is not None and q.kind == "yes_no"):
            return word
        if q.kind == "one_of":
            choice = (choices or _choice_index(q)).get(folded)
            if choice is not None:
                return choice
            raise CellError(s("bad_answer", lang, value=shown(value), allowed=" | ".join(choice_labels(q, lang))))
    if q.kind == "number":
        return _number(q, value, lang)
    if q.kind == "yes_no" and isinstance(value, bool):   # Excel's TRUE / FALSE
        return value
    allowed = " | ".join(answer_words(lang) if q.kind == "yes_no" else choice_labels(q, lang))
    raise CellError(s("bad_answer", lang, value=shown(value), allowed=allowed))


def to_cell(q: Question, answer: Any, lang: str) -> Any:
    """An answer as the template's drop-down writes it (the inverse of ``to_answer``); None for unknown."""
    if answer is None or answer == UNKNOWN:
        return None
    if q.kind == "yes_no":
        return s("yes" if answer else "no", lang)
    if q.kind == "one_of":
        return next(c.text(lang) for c in q.choices if c.id == answer)
    return answer


def choice_indexes(kb: KnowledgeBase) -> dict[str, dict[str, str]]:
    """For each choice question, folded text -> choice id (built once per batch, not per cell)."""
    return {q.id: _choice_index(q) for q in kb.questions.values() if q.kind == "one_of"}
