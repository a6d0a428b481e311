"""Untrusted text (a profile's name and notes, a file's keys and values) made inert where it is shown.

One helper for every place: terminals and plain text (control characters shown as visible escapes, so
no ANSI/OSC sequence reaches the terminal and no carriage return or newline can fake a line), markdown
(HTML, links, emphasis and table bars escaped too), and echoes in error messages (cut, so a 4 MB value
is not a 4 MB line). HTML is escaped by Jinja's autoescape (output/templates.py); rich and Textual are
given ``Text`` objects or ``markup=False``, never a markup string built from user text.
"""
from __future__ import annotations

import re

# C0 and C1 controls, DEL, and the Unicode bidirectional marks, overrides and isolates (they reorder text)
_CONTROL = "\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROLS = re.compile(f"[{_CONTROL}\n]")
_CONTROLS_BUT_NEWLINE = re.compile(f"[{_CONTROL}]")
# markdown syntax that could make user text a tag, a link, an image, emphasis, code, a heading or a table
# cell. Only what can start syntax is escaped, so that ordinary text stays readable in the file:
# "<" before a letter, "/", "!" or "?" (a tag, comment or autolink; "<->" is text), "&" before an
# entity name and ";" ("R&D" stays), and "_" at the edge of a word ("low_entry_barrier" is never emphasis).
_MARKDOWN = re.compile(r"[\\`*\[\]|#]|<(?=[A-Za-z/!?])|&(?=#?[0-9A-Za-z]+;)|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_ENTITIES = {"<": "&lt;", "&": "&amp;"}
ECHO_LIMIT = 80


def _shown(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, multiline: bool = False) -> str:
    """Control characters as visible escapes: ESC becomes the four characters ``\\x1b``.

    With ``multiline`` a newline stays a newline; every other control character is always shown.
    """
    return (_CONTROLS_BUT_NEWLINE if multiline else _CONTROLS).sub(_shown, str(text))


def markdown(text: str) -> str:
    """Inert in markdown: visible controls, and every character of markdown or HTML syntax escaped."""
    return _MARKDOWN.sub(lambda m: _ENTITIES.get(m.group(), "\\" + m.group()), visible(text))


def cut(text: str, limit: int = ECHO_LIMIT) -> str:
    """At most ``limit`` characters of text, saying how long the whole was."""
    text = str(text)
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} characters)"


def echo(value: object, limit: int = ECHO_LIMIT) -> str:
    """A value quoted for a one-line message: its repr (controls escaped), cut to ``limit`` characters."""
    if isinstance(value, int) and value.bit_length() > 4 * limit:  # repr() of a huge int is refused
        return f"a number of about {int(value.bit_length() * 0.30103) + 1} digits"
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit]!r}… ({len(value)} characters)"
    return cut(repr(value), limit)
