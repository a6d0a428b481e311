"""Words of the spreadsheet template, the batch command and the portfolio, in Chinese and English.

Kept apart from i18n.py (the questionnaire's and single reports' words) because they belong to one
front end and its outputs; ``s(key, lang, **fields)`` formats one of them.
"""
from __future__ import annotations

from .i18n import _words

WORDS: dict[str, dict[str, str]] = _words("portfolio.json")


def s(key: str, lang: str, **fields) -> str:
    text = WORDS[key][lang]
    return text.format(**fields) if fields else text
