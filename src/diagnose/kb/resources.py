"""Where the bundled knowledge base and cases live: inside the installed package, next to this module.

A wheel installs rules/ and cases/ inside the package, as diagnose/rules and diagnose/cases (data
folders without an __init__.py). An editable install of a source checkout leaves them at the top of
the checkout; there, and only there, we fall back to those folders, found relative to this file,
never to the current directory.

The package is a regular one on disk (the rule files are read as files), so its folder is this file's
grandparent: what importlib.resources.files("diagnose") gives for it, without importing
importlib.resources (~4 ms of every start: it loads tempfile, shutil and the compression modules).
"""
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]    # .../diagnose/kb/resources.py -> .../diagnose
_CHECKOUT = Path(__file__).resolve().parents[3]   # src/diagnose/kb/resources.py -> the checkout


def _data_dir(folder: str) -> Path:
    packaged = _PACKAGE / folder
    if packaged.is_dir():
        return packaged
    checkout = _CHECKOUT / folder
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"the bundled {folder}/ folder is missing from the installation ({packaged})")


def rules_dir() -> Path:
    return _data_dir("rules")


def cases_dir() -> Path:
    return _data_dir("cases")

