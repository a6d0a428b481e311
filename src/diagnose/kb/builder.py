"""The model dataclasses built from data that has already passed validation (the rule-base cache).

pydantic validates a rule file once, when it is read (kb/knowledge.py ``validated``); the cache keeps
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
import sys
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


def _field_types(cls) -> dict[str, Any]:
    """The type of each field, as typing.get_type_hints gives it but with each distinct annotation text
    evaluated once (get_type_hints compiles every one: ~130 here, most of the cost of a first load)."""
    types = {}
    for base in reversed(cls.__mro__):
        for name, annotation in base.__dict__.get("__annotations__", {}).items():
            types[name] = _evaluated(annotation, base.__module__) if isinstance(annotation, str) else annotation
    return types


@cache
def annotation(text: str, module: str):
    """An annotation text of a model, evaluated once in the module it was written in (as get_type_hints
    does: these are our own annotations), its Annotated marks kept (kb/marks.py reads them)."""
    return eval(text, vars(sys.modules[module]))


def _evaluated(text: str, module: str):
    tp = annotation(text, module)
    return typing.get_args(tp)[0] if typing.get_origin(tp) is typing.Annotated else tp   # marks: pydantic's


def _dataclass_builder(cls) -> Convert:
    """Build cls as pydantic builds a stdlib dataclass: the fields set, then ``__post_init__`` called.

    (Not through ``__init__``: a frozen dataclass's __init__ sets each field by object.__setattr__, and it
    runs for every one of the ~2,500 objects of the rule base.)"""
    hints = _field_types(cls)
    plan = []   # (name, convert; None for a str checked inline, default or MISSING, factory or MISSING)
    for f in dataclasses.fields(cls):
        tp = hints[f.name]
        plan.append((f.name, None if tp is str else _converter(tp), f.default, f.default_factory))
    post_init = getattr(cls, "__post_init__", None)
    missing = dataclasses.MISSING

    def make(value: Any):
        if type(value) is not dict:
            raise TypeError(f"{cls.__name__}: expected a mapping, got {type(value).__name__}")
        obj = object.__new__(cls)
        values = obj.__dict__
        found = 0
        for name, convert, default, factory in plan:
            if name in value:
                found += 1
                item = value[name]
                if convert is not None:
                    item = convert(item)
                elif type(item) is not str:
                    raise TypeError(f"{cls.__name__}.{name}: expected str, got {type(item).__name__}")
                values[name] = item
            elif default is not missing:
                values[name] = default
            elif factory is not missing:
                values[name] = factory()
            else:
                raise TypeError(f"{cls.__name__}: {name} is missing")
        if found != len(value):
            raise KeyError(f"{cls.__name__}: unknown fields {sorted(set(value) - set(values))}")
        if post_init is not None:
            post_init(obj)
        return obj
    return make
