"""Make experta 1.9.4 importable on Python >= 3.10, and quiet.

Import this module before experta, everywhere (the package __init__ does; so does tests/conftest.py).

1. experta pins frozendict==1.2, whose class subclasses ``collections.Mapping``; that alias was
   removed from ``collections`` in Python 3.10. We restore the aliases from ``collections.abc``
   before frozendict is imported. With frozendict >= 2.4 (what ``[tool.uv] override-dependencies``
   installs) the aliases are simply unused: both work.
2. ``import experta`` calls ``logging.basicConfig()``, which adds a stderr handler to the root
   logger; in the terminal UI that handler would draw over the screen. We remove any root handler
   that the import added.
"""
import collections
import collections.abc
import logging

for _name in ("Mapping", "MutableMapping", "Sequence", "Hashable", "Callable", "Iterable"):
    if not hasattr(collections, _name):
        setattr(collections, _name, getattr(collections.abc, _name))

_root = logging.getLogger()
_before = list(_root.handlers)
import experta  # noqa: E402,F401  (the import whose side effect we undo)

for _handler in list(_root.handlers):
    if _handler not in _before:
        _root.removeHandler(_handler)
