"""How the model dataclasses of kb/models.py tell pydantic what to check, at no cost at runtime.

Marks in a field's ``Annotated[...]`` (annotation texts until pydantic evaluates them, when it builds a
validator for a file): ``Constrained`` gives pydantic-core's own constraint keys, ``Checked`` a check
function. ``Strict``, the base of every model, forbids unknown keys and runs the Checked marks again in
``__post_init__``, so objects built without pydantic (the cache, code) get the same checks.
"""
from __future__ import annotations

from functools import cache
from typing import Any, Callable

from .builder import annotation as evaluated


class Constrained:
    """Constraints of a field for pydantic-core (min_length, pattern, gt, le, ...), as Annotated metadata.

    Read only when pydantic builds a validator, so nothing of pydantic is imported at runtime. The keys
    go into the field's own schema, so they only mean something on a plain str, int, float or list field
    (on an Optional or after a Checked mark pydantic would ignore them): anything else is refused."""
    CONSTRAINABLE = ("str", "int", "float", "list")

    def __init__(self, **keys):
        self.keys = keys

    def __get_pydantic_core_schema__(self, source, handler):
        schema = handler(source)
        if schema.get("type") not in self.CONSTRAINABLE:
            raise TypeError(f"Constrained{tuple(self.keys)} on a {schema.get('type')} schema would be ignored: "
                            "put it first, on the plain type")
        return {**schema, **self.keys}


class Checked:
    """A check of one field run by pydantic after the field validated, so that its error names the field.

    ``Strict.__post_init__`` calls the same function, which covers objects built without pydantic."""

    def __init__(self, check: Callable[[Any], Any]):
        self.check = check

    def __get_pydantic_core_schema__(self, source, handler):
        from pydantic_core import core_schema   # only when a validator is built (a file is read)
        return core_schema.no_info_after_validator_function(self.check, handler(source))


class Strict:
    """Unknown keys are errors when pydantic validates a file (it reads this for stdlib dataclasses)."""
    __pydantic_config__ = {"extra": "forbid"}

    def __post_init__(self):
        # the Checked marks again: a start from the cache (kb/builder.py) and code build without pydantic
        for name, check in _field_checks(type(self)):
            _set(self, name, check(getattr(self, name)))


@cache
def _field_checks(cls) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """Each field's Checked marks, read from the annotation texts of cls and its bases (once per class;
    only the few annotations that hold a mark are evaluated, in the module they were written in)."""
    checks = []
    for base in reversed(cls.__mro__):
        for name, annotation in vars(base).get("__annotations__", {}).items():
            if isinstance(annotation, str) and "Checked(" in annotation:
                marks = evaluated(annotation, base.__module__).__metadata__
                checks += [(name, mark.check) for mark in marks if isinstance(mark, Checked)]
    return tuple(checks)


def _set(obj, name: str, value) -> None:
    object.__setattr__(obj, name, value)   # frozen: __post_init__ stores the parsed value this way
