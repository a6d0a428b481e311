"""User-interface words in Chinese and English (domain words live in rules/).

The words themselves are data, in words/*.json (one key per line, both languages side by side), so a
translator edits them without touching code.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from ..inputs.errors import InputError, Where, catalogue, fill, one_line, os_params
from ..inputs.errors import words as error_words

WORDS_DIR = Path(__file__).parent / "words"


def _words(name: str) -> dict[str, dict[str, str]]:
    return json.loads((WORDS_DIR / name).read_text(encoding="utf-8"))


UI: dict[str, dict[str, str]] = _words("ui.json")


# Footer labels of key bindings, by action name.
KEY_LABELS: dict[str, dict[str, str]] = _words("keys.json")

# The words of every error code (words/errors.json; read once, by inputs.errors, whose English line needs them).
ERRORS: dict[str, dict[str, str]] = catalogue()

KEY_NAMES = {"right": "→", "left": "←", "down": "↓", "up": "↑", "pagedown": "PgDn", "pageup": "PgUp",
             "escape": "Esc", "enter": "Enter", "tab": "Tab", "question_mark": "?"}


def key_name(key: str, lang: str) -> str:
    """A key as printed on the keyboard: arrows as arrows, ctrl+q as Ctrl+Q, f1 as F1."""
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    parts = key.split("+")
    if len(parts) == 1 and len(key) == 1:
        return key                                    # a letter or digit, as typed
    return "+".join(part.capitalize() if len(part) > 1 else part.upper() for part in parts)


def year_label(year: str | None, lang: str) -> str:
    """A precedent's year as the catalogue writes it (1990, 1990s, early 1990s, after 1984,
    before 1991, 2000-, 1992-2003, "1984, 1990") in the reader's language."""
    text = (year or "").strip()
    if lang != "zh" or not text:
        return text
    if "," in text:
        return "、".join(year_label(part, lang) for part in text.split(","))
    for pattern, form in ((r"^(\d{4})$", "{0}年"), (r"^(\d{4})-$", "{0}年起"), (r"^(\d{4})-(\d{4})$", "{0}—{1}年"),
                          (r"^after (\d{4})$", "{0}年以后"), (r"^before (\d{4})$", "{0}年以前")):
        found = re.match(pattern, text)
        if found:
            return form.format(*found.groups())
    found = re.match(r"^(early |late )?(\d{4})s$", text)
    if found:
        y, when = found.group(2), {"early ": "初", "late ": "末"}.get(found.group(1) or "", "")
        century = f"{int(y[:2]) + 1}世纪"
        return century + when if y[2] == "0" and when else f"{century}{y[2]}0年代{when}"
    return text


def paragraph_label(paragraph: str, lang: str) -> str:
    """A chapter paragraph reference: 第15段 in Chinese, P15 in English."""
    return f"第{paragraph[1:]}段" if lang == "zh" and paragraph[1:].isdigit() else paragraph


def t(key: str, lang: str) -> str:
    entry = UI.get(key)
    return entry[lang] if entry else key


def answer_label(value, lang: str, question=None) -> str:
    """An answer as the user reads it: yes/no/unknown in the language, a choice by its text (when the
    question is given), numbers without trailing zeros."""
    if value is True:
        return t("yes", lang)
    if value is False:
        return t("no", lang)
    if value is None or value == "unknown":
        return t("unknown", lang)
    if question is not None and getattr(question, "choices", None):
        choice = next((c for c in question.choices if c.id == value), None)
        if choice is not None:
            return choice.text(lang)
    return f"{value:g}" if isinstance(value, float) else str(value)


# ---- errors in the user's language: an InputError is a code and params; its words are in words/errors.json

def _os_reason(params: dict, lang: str) -> str:
    """An operating-system error (errno) in words: the common ones by name, others by number."""
    import errno as errnos
    entry = ERRORS.get(f"errno_{errnos.errorcode.get(params.get('errno'), '')}") or ERRORS["errno_other"]
    return fill(entry[lang], params)


def error_location(location, lang: str) -> str:
    """Where in a file, in lang: a Where (line, field) in words; any other location (an option such as
    --profile, which the user typed) as it is."""
    if lang == "en" or not location or not isinstance(location, Where):
        return str(location or "")
    key = "where_line_field" if location.line and location.field else "where_line" if location.line else "where_field"
    return fill(ERRORS[key][lang], {"line": location.line, "field": location.field})


def error_reason(exc, lang: str) -> str:
    """Why, in lang (English: the error's own line, as the command line has always printed it)."""
    if lang == "en":
        return exc.reason
    params = dict(exc.params)
    if "errno" in params:
        params["os_reason"] = _os_reason(params, lang)
    if isinstance(params.get("expected"), str):            # pydantic writes "'a', 'b' or 'c'"
        params["expected"] = params["expected"].replace(" or ", ", ").replace(", ", "、")
    return _cut_notes(error_words(exc.code, params, lang, join="、"), lang)


def _cut_notes(text: str, lang: str) -> str:
    """A value (or a whole reason) cut short says how long it was: "… (4000 characters)" in lang."""
    if lang == "en":
        return text
    note = ERRORS["echo_cut"][lang]
    return re.sub(r"… \((\d+) characters\)", lambda m: note.format(count=m.group(1)), text)


def error_message(exc, lang: str) -> str:
    """The one line a front end shows for an InputError: file, place and reason, in lang."""
    line = one_line(exc.path, error_location(exc.location, lang), error_reason(exc, lang), sep=_colon(lang))
    return _cut_notes(line, lang)


def write_failure(path, exc: OSError, lang: str) -> str:
    """The line for a file that could not be written (a report, a backup, a workbook), in lang."""
    return error_message(InputError(path, "", "cannot_write", **os_params(exc)), lang)


def error_detail(exc, lang: str) -> str:
    """Place and reason without the file (where the file is already named, as in a batch report's row)."""
    return _cut_notes(one_line("", error_location(exc.location, lang), error_reason(exc, lang), sep=_colon(lang)), lang)


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "
