"""The one path by which every file the tool reads is loaded: profiles, cases, rule files, autosaves.

Checks, in order: the path is a regular file (a FIFO or a device is refused before it is read, so
nothing hangs); at most limit+1 bytes are read; it is UTF-8 text without NUL bytes; it parses as
JSON (for .json) or as YAML with the safe loader (no tags at all, no duplicate keys, bounded
aliases and nesting, values the constructor cannot build reported, not raised); and the top level
is a mapping. Every failure is an ``InputError`` whose message is one line, ``file: location:
reason``, with control characters shown visibly and echoed values cut.

Parsed documents carry a ``Locator`` that maps a field path to its line, so that validation
errors raised later can name the line too.
"""
from __future__ import annotations

import json
import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import InputError, Where, os_params  # noqa: F401  (re-exported: every loader raises it)
from .untrusted import cut, echo

MAX_BYTES = 5 * 1024 * 1024
MAX_ALIASES = 100
MAX_DEPTH = 40


@dataclass
class Locator:
    """Line numbers (1-based) of the fields of a parsed document, keyed by path tuples."""

    lines: dict[tuple, int] = field(default_factory=dict)

    def line_of(self, path: tuple) -> int | None:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)

    def describe(self, path: tuple) -> Where:
        dotted = cut(".".join(str(p) for p in path))  # a key is the file's text too
        return Where(self.line_of(tuple(path)), dotted or None)


@dataclass
class Document:
    path: Path
    data: dict
    locator: Locator


_KINDS = [(stat.S_ISDIR, "is_directory"), (stat.S_ISFIFO, "is_fifo"), (stat.S_ISCHR, "is_char_device"),
          (stat.S_ISBLK, "is_block_device"), (stat.S_ISSOCK, "is_socket")]


def not_a_regular_file(mode: int) -> str | None:
    """The error code of why a file of this mode cannot be read as a document (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    return next((code for test, code in _KINDS if test(mode)), "not_regular_file")



def _read_bytes(p: Path, max_bytes: int) -> bytes:
    """At most max_bytes + 1 bytes of a regular file. Special files are refused before they are opened
    (opening a FIFO would wait for a writer; /dev/zero never ends), and checked again once open."""
    try:
        refused = not_a_regular_file(os.stat(p).st_mode)
        if refused:
            raise InputError(p, "", refused)
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(p, "", "no_such_file") from None
    except OSError as exc:
        raise InputError(p, "", "cannot_read", **os_params(exc)) from None
    with os.fdopen(fd, "rb") as f:
        status = os.fstat(f.fileno())
        refused = not_a_regular_file(status.st_mode)
        if refused:  # swapped for something else between the two checks
            raise InputError(p, "", refused)
        if status.st_size > max_bytes:
            raise InputError(p, "", "file_too_big", size=f"{status.st_size / 1048576:.1f}", limit=max_bytes // 1048576)
        try:
            raw = f.read(max_bytes + 1)  # st_size can lie (a growing file, /proc): never read more than this
        except OSError as exc:
            raise InputError(p, "", "cannot_read", **os_params(exc)) from None
    if len(raw) > max_bytes:
        raise InputError(p, "", "file_over_limit", limit=max_bytes // 1048576)
    return raw


def read_text(path: str | Path, max_bytes: int = MAX_BYTES) -> str:
    p = Path(path)
    raw = _read_bytes(p, max_bytes)
    if b"\x00" in raw:
        raise InputError(p, "", "binary_file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(p, Where(line), "not_utf8", byte=f"0x{raw[exc.start]:02x}", offset=exc.start) from None
    if not text.strip():
        raise InputError(p, "", "empty_file")
    return text


_YAML_TAG = "tag:yaml.org,2002:"


def shown_tag(tag: str) -> str:
    """A tag as the file spells it: tag:yaml.org,2002:binary is written !!binary."""
    return "!!" + tag[len(_YAML_TAG):] if tag.startswith(_YAML_TAG) else tag


class _Refused(yaml.YAMLError):
    """A YAML document the bounds refuse: an error code and params, and where (a PyYAML mark)."""

    def __init__(self, mark, code: str, **params):
        super().__init__(code)
        self.mark, self.code, self.params = mark, code, params


def _unbuildable(node: Node, exc: Exception) -> _Refused:
    """Why the safe constructor could not build a plain value (an impossible date, a huge integer)."""
    value = node.value if isinstance(node, ScalarNode) else ""
    if node.tag == _YAML_TAG + "int":
        digits = sum(ch.isdigit() for ch in value)
        return _Refused(node.start_mark, "number_too_long", digits=digits, limit=sys.get_int_max_str_digits() or 4300)
    if node.tag == _YAML_TAG + "timestamp":
        return _Refused(node.start_mark, "not_a_date", value=echo(value), detail=str(exc))
    return _Refused(node.start_mark, "cannot_build", value=echo(value), tag=shown_tag(node.tag), detail=str(exc))


class _Bounds:
    """Composer and constructor checks: no duplicate keys, bounded aliases and nesting depth.

    Mixed in before PyYAML's Python Composer, so they apply whichever parser produces the events.
    """

    def _init_bounds(self):
        self._aliases = 0
        self._depth = 0

    def compose_node(self, parent, index):
        tag = getattr(self.peek_event(), "tag", None)
        if tag is not None:  # an explicit tag: !!binary, !!python/..., even !!str (the README: no tags)
            raise _Refused(self.peek_event().start_mark, "tag_not_allowed", tag=echo(shown_tag(tag)))
        if self.check_event(AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise _Refused(self.peek_event().start_mark, "too_many_aliases", limit=MAX_ALIASES)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refused(self.peek_event().start_mark, "too_deep", limit=MAX_DEPTH)
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError, TypeError, AttributeError) as exc:
            raise _unbuildable(node, exc) from None

    def construct_mapping(self, node, deep=False):
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise _Refused(key_node.start_mark, "key_not_plain") from None
            if key in seen:
                raise _Refused(key_node.start_mark, "duplicate_key_yaml", key=echo(key), first=seen[key])
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


class _PureLoader(_Bounds, yaml.SafeLoader):
    def __init__(self, stream):
        yaml.SafeLoader.__init__(self, stream)
        self._init_bounds()


if getattr(yaml, "__with_libyaml__", False):
    from yaml.composer import Composer
    from yaml.constructor import SafeConstructor
    from yaml.cyaml import CParser
    from yaml.resolver import Resolver

    class _FastLoader(_Bounds, Composer, CParser, SafeConstructor, Resolver):
        """libyaml scans and parses (the slow part in Python); composing stays in Python, with the bounds.

        Composer comes before CParser so that its Python get_single_node/compose_node are used, not
        libyaml's recursive composer, which has no depth or alias limit.
        """

        def __init__(self, stream):
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            self._init_bounds()

    _BoundedSafeLoader = _FastLoader
else:  # pragma: no cover - PyYAML built without libyaml
    _BoundedSafeLoader = _PureLoader


def _walk_lines(node: Node, path: tuple, out: dict[tuple, int], depth: int = 0, seen: set | None = None) -> None:
    """Record the line of every field. Each node is entered once, so aliases cannot blow up the walk."""
    seen = set() if seen is None else seen
    out.setdefault(path, node.start_mark.line + 1)
    if depth > MAX_DEPTH or id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode):
                key_path = path + (key_node.value,)
                out[key_path] = key_node.start_mark.line + 1
                _walk_lines(value_node, key_path, out, depth + 1, seen)
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            _walk_lines(item, path + (i,), out, depth + 1, seen)


def _where(mark) -> Where | str:
    return Where(mark.line + 1) if mark else ""


def parse_yaml(text: str, path: Path) -> tuple[Any, Locator]:
    loader = _BoundedSafeLoader(text)
    # (libyaml and the pure-Python parser report the same marks; errors name lines the same way)
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputError(path, "", "no_yaml_document")
        data = loader.construct_document(node)
    except InputError:
        raise
    except _Refused as exc:
        raise InputError(path, _where(exc.mark), exc.code, **exc.params) from None
    except ConstructorError as exc:
        problem = exc.problem or ""
        if "could not determine a constructor" in problem:  # an implicit one, such as '=' (the value key)
            tag = echo(shown_tag(problem.rsplit(" ", 1)[-1].strip(chr(39))))
            raise InputError(path, _where(exc.problem_mark), "tag_not_allowed", tag=tag) from None
        raise InputError(path, _where(exc.problem_mark), "yaml_not_allowed", detail=problem or "not allowed") from None
    except yaml.MarkedYAMLError as exc:
        raise InputError(path, _where(exc.problem_mark or exc.context_mark), "malformed_yaml",
                         detail=exc.problem or exc.context) from None
    except yaml.YAMLError as exc:
        raise InputError(path, "", "malformed_yaml", detail=str(exc)) from None
    except RecursionError:
        raise InputError(path, "", "too_deep", limit=MAX_DEPTH) from None
    finally:
        loader.dispose()
    lines: dict[tuple, int] = {}
    _walk_lines(node, (), lines)
    return data, Locator(lines)


class _RefusedJSON(ValueError):
    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code, self.params = code, params


def _no_duplicates(pairs):
    out = {}
    for key, value in pairs:
        if key in out:
            raise _RefusedJSON("duplicate_key", key=echo(key))
        out[key] = value
    return out


def _bounded_int(digits: str) -> int:
    limit = sys.get_int_max_str_digits() or 4300
    if len(digits) > limit:  # int() would refuse it with advice meant for programmers
        raise _RefusedJSON("number_too_long", digits=len(digits.lstrip("-")), limit=limit)
    return int(digits)


def parse_json(text: str, path: Path) -> tuple[Any, Locator]:
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        raise InputError(path, Where(exc.lineno), "malformed_json", detail=exc.msg) from None
    except _RefusedJSON as exc:
        raise InputError(path, "", exc.code, **exc.params) from None
    except ValueError as exc:
        raise InputError(path, "", "malformed_json", detail=str(exc)) from None
    except RecursionError:
        raise InputError(path, "", "too_deep", limit=MAX_DEPTH) from None
    return data, Locator()


def load_document(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Document:
    """Read and parse one file into a mapping; raise InputError with a one-line reason otherwise."""
    p = Path(path)
    text = read_text(p, max_bytes)
    if p.suffix.lower() == ".json":
        data, locator = parse_json(text, p)
    else:
        data, locator = parse_yaml(text, p)
    if not isinstance(data, dict):
        if isinstance(data, list):
            raise InputError(p, Where(1), "top_is_list")
        raise InputError(p, Where(1), "top_not_mapping", kind=type(data).__name__)
    return Document(p, data, locator)


# pydantic's own error types -> the catalogue's codes (their ctx gives the params: gt, max_length, expected, ...)
PYDANTIC_CODES = {
    "missing": "missing_field", "extra_forbidden": "unknown_field",
    "literal_error": "not_expected", "enum": "not_expected",
    "int_parsing": "not_an_integer", "int_type": "not_an_integer", "int_from_float": "not_an_integer",
    "float_parsing": "not_a_number", "float_type": "not_a_number",
    "bool_parsing": "not_a_boolean", "bool_type": "not_a_boolean",
    "greater_than": "not_greater", "greater_than_equal": "not_greater_equal",
    "less_than": "not_less", "less_than_equal": "not_less_equal",
    "string_too_long": "text_too_long", "string_too_short": "text_too_short", "string_type": "not_text",
    "list_type": "not_a_list", "dict_type": "not_a_mapping", "model_type": "not_a_mapping",
}


def pydantic_error(doc_path: Path, locator: Locator, exc, prefix: tuple = ()) -> InputError:
    """Turn the first error of a pydantic ValidationError into a one-line InputError.

    An error the profile raised itself (a PydanticCustomError) keeps its code and params; pydantic's
    own types get the catalogue's code; any other type is ``invalid_value`` (the field is named)."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    loc = prefix + tuple(p for p in first["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    code, params = pydantic_code(first)
    if len(errors) > 1:
        params["more"] = len(errors) - 1
    return InputError(doc_path, locator.describe(loc), code, **params)


# the kb models are stdlib dataclasses: their errors as the BaseModel errors they stand for (type, English)
DATACLASS_ERRORS = {
    "unexpected_keyword_argument": ("extra_forbidden", "Extra inputs are not permitted"),
    "missing_argument": ("missing", "Field required"),
    "missing_keyword_only_argument": ("missing", "Field required"),
    "dataclass_type": ("model_type", "Input should be a valid dictionary or instance of {class_name}"),
}


def pydantic_code(error: dict) -> tuple[str, dict]:
    """One pydantic error as a catalogue code and its params (pydantic's English kept as ``detail``)."""
    from .errors import catalogue
    if error["type"] in DATACLASS_ERRORS:
        kind, msg = DATACLASS_ERRORS[error["type"]]
        error = {**error, "type": kind, "msg": msg.format(**(error.get("ctx") or {}))}
    params = {k: v for k, v in (error.get("ctx") or {}).items() if isinstance(v, (str, int, float, list))}
    params["detail"] = error["msg"].removeprefix("Value error, ")
    code = PYDANTIC_CODES.get(error["type"]) or (error["type"] if error["type"] in catalogue() else "invalid_value")
    return code, params
