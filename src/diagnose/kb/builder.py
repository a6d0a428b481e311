"""The model dataclasses built from data that has already passed validation (the rule-base cache).

pydantic validates a rule file once, when it is read (kb/models.py ``validated``); the cache keeps
the parsed documents of files that passed, keyed by the hash of the files (kb/cache.py). Building
them again needs no validator, only what pydantic would have done to such data: nested
dataclasses, lists, dicts and optionals built by their types, and an int in a float field made a
float (``certainty: 1`` gives 1.0, as pydantic gives it). Constraints (patterns, bounds) are not
checked again, but types are, strictly: data pydantic would have coerced some other way, a missing
or unknown field, raises TypeError or KeyError, and the caller then reads the files instead.
``__post_init__`` still runs (conditions are parsed, cross-field checks made).
"""
from __future__ import annotations

import dataclasses
import typing
from functools import cache
from typing import Any, Callable

Convert = Callable[[Any], Any]


def build(tp, data: Any):
    """data as an instance of tp (a model dataclass, or a list/dict/Optional of them)."""
    return _converter(tp)(data)


def _expect(kinds: tuple, value: Any) -> Any:
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        raise TypeError(f"expected {' or '.join(k.__name__ for k in kinds)}, got {type(value).__name__}")
    return value


def _to_float(value: Any) -> float:
    return float(_expect((int, float), value))


@cache
def _converter(tp) -> Convert:
    """How to build one value of type tp, worked out once per type."""
    if dataclasses.is_dataclass(tp):
        return _dataclass_builder(tp)
    if tp is Any:
        return lambda value: value
    if tp is float:
        return _to_float
    if tp in (str, int, bool):
        return lambda value: _expect((tp,), value)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Literal:
        allowed = set(args)
        return lambda value: value if type(value) is str and value in allowed else _refuse(value, tp)
    if origin is typing.Union and len(args) == 2 and type(None) in args:   # Optional[X]
        inner = _converter(next(a for a in args if a is not type(None)))
        return lambda value: None if value is None else inner(value)
    if origin is list:
        item = _converter(args[0])
        return lambda value: [item(v) for v in _expect((list,), value)]
    if origin is dict:
        key, val = _converter(args[0]), _converter(args[1])
        return lambda value: {key(k): val(v) for k, v in _expect((dict,), value).items()}
    raise TypeError(f"no builder for {tp!r}")   # a new kind of field: teach this module, do not guess


def _refuse(value: Any, tp) -> Any:
    raise TypeError(f"{value!r} is not one of {tp!r}")


def _dataclass_builder(cls) -> Convert:
    hints = typing.get_type_hints(cls)   # Annotated marks stripped: only pydantic reads them
    fields = {f.name: _converter(hints[f.name]) for f in dataclasses.fields(cls)}

    def make(value: Any):
        if isinstance(value, cls):
            return value
        return cls(**{name: fields[name](v) for name, v in _expect((dict,), value).items()})
    return make
