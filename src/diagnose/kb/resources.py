"""Where the bundled knowledge base and cases live: inside the installed package, via importlib.resources.

A wheel installs rules/ and cases/ inside the package, as diagnose/rules and diagnose/cases (data
folders without an __init__.py). An editable install of a source checkout leaves them at the top of
the checkout; there, and only there, we fall back to those folders, found relative to this file,
never to the current directory.
"""
from importlib import resources
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parents[3]   # src/diagnose/kb/resources.py -> the checkout


def _data_dir(folder: str) -> Path:
    # files() of a regular package installed on disk is a pathlib.Path
    packaged = Path(str(resources.files("diagnose"))) / folder
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

