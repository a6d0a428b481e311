"""The answer options of a question, with their number keys."""
from __future__ import annotations

from textual.widgets.option_list import Option

from ...kb.models import Question
from ...output.i18n import t


def numbered(number: str, label: str, lang: str, separator: str = "  ") -> str:
    """A numbered line that keeps its number with the first words when it wraps: a Chinese label is one
    unbroken "word" to the wrapper, so after a space it would go whole to the next line ("2" alone above
    it); joined by a full-width stop, number and label wrap as one."""
    return f"{number}．{label}" if lang == "zh" else f"{number}{separator}{label}"


def choice_options(q: Question, lang: str) -> list[Option]:
    if q.kind == "yes_no":
        items = [("1", True, t("yes", lang)), ("2", False, t("no", lang))]
    elif q.kind == "one_of":
        items = [(str(i), c.id, c.text(lang)) for i, c in enumerate(q.choices, start=1)]
    else:
        items = []
    options = [Option(numbered(key, label, lang), id=f"{i}") for i, (key, _, label) in enumerate(items)]
    options.append(Option(numbered("0", t("unknown", lang), lang), id="unknown"))
    return options


def choice_values(q: Question) -> list:
    if q.kind == "yes_no":
        return [True, False]
    if q.kind == "one_of":
        return [c.id for c in q.choices]
    return []
