"""The one error type for bad input, in a module of its own so that the command line can catch it
without loading the file parsers (``diagnose --help`` stays as quick as argparse).

An error is data: a stable ``code`` and its ``params``; its words, in Chinese and English, are in
``output/words/errors.json``. ``str()``/``message`` is the English line (what logs, ``rules check`` and the
command line without ``--lang`` show); a front end shows ``output.i18n.error_message(exc, lang)`` instead.
The catalogue is read here as a data file, not imported: rendering in the user's language stays output's job.
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from .untrusted import cut, visible

MAX_REASON = 300          # characters of a reason shown; what a file says is echoed cut shorter still
CATALOGUE = Path(__file__).resolve().parent.parent / "output" / "words" / "errors.json"


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """code -> {"zh": template, "en": template}; templates are str.format strings over the params."""
    return json.loads(CATALOGUE.read_text(encoding="utf-8"))


class Where(str):
    """A place in a file: ``line 3, field profile.x`` in English, with its parts kept for other languages."""

    def __new__(cls, line: int | None = None, field: str | None = None):
        parts = [f"line {line}" if line else "", f"field {field}" if field else ""]
        self = super().__new__(cls, ", ".join(p for p in parts if p))
        self.line, self.field = line, field
        return self

    def __reduce__(self):   # copied or pickled as its parts, not as its English text
        return (Where, (self.line, self.field))


def fill(template: str, params: dict, join: str = ", ") -> str:
    """A template filled with its params; a list param is joined (", " in English, "、" in Chinese)."""
    shown = {k: join.join(str(x) for x in v) if isinstance(v, (list, tuple)) else v for k, v in params.items()}
    try:
        return template.format(**shown)
    except (KeyError, IndexError, ValueError):   # a template naming a param the code did not give: still one line
        return template


def words(code: str, params: dict, lang: str, join: str = ", ") -> str:
    """The reason a code and its params stand for, in lang; a code missing from the catalogue is shown as itself
    (a test checks that every code raised has its words)."""
    entry = catalogue().get(code)
    text = fill(entry[lang], params, join) if entry else code
    return text + fill(catalogue()["more"][lang], params) if params.get("more") else text


def one_line(path: str, location: str, reason: str, sep: str = ": ") -> str:
    reason = cut(reason, MAX_REASON)
    text = sep.join(part for part in (path, location, reason) if part)
    return visible(" ".join(text.split()))  # always one line, and inert in a terminal


def os_params(exc: OSError) -> dict:
    """An OSError as error params: its errno (for words in the user's language) and the system's English words."""
    return {"errno": exc.errno, "detail": exc.strerror or str(exc)}


class InputError(Exception):
    """A user's file or value is bad: where (path and location) and why (code and params)."""

    def __init__(self, path, location: str, code: str, /, **params):
        self.path, self.location, self.code, self.params = str(path), location, code, params
        super().__init__(self.message)

    @property
    def reason(self) -> str:
        """The reason in English (the catalogue's ``en`` words; a code missing from it is shown as itself)."""
        return words(self.code, self.params, "en")

    @property
    def message(self) -> str:
        return one_line(self.path, str(self.location), self.reason)

    def __reduce__(self):   # pickled (to or from a worker process) as what it is made of
        return (_remake, (type(self), self.path, self.location, self.code, self.params))


def _remake(cls, path, location, code, params):
    return cls(path, location, code, **params)
