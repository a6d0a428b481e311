"""Where the bundled knowledge base and cases live: inside the installed package, via importlib.resources.

A wheel installs rules/ and cases/ as the data packages ``diagnose.rules`` and ``diagnose.cases``.
An editable install of a source checkout cannot map folders without an __init__.py as subpackages,
so there (and only there) we fall back to the checkout's top-level folders, found relative to this
file, never to the current directory.
"""
from importlib import resources
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parents[2]


def _data_package(name: str, folder: str) -> Path:
    try:
        return Path(str(resources.files(f"diagnose.{name}")))
    except ModuleNotFoundError:
        candidate = _CHECKOUT / folder
        if candidate.is_dir():
            return candidate
        raise


def rules_dir() -> Path:
    return _data_package("rules", "rules")


def cases_dir() -> Path:
    return _data_package("cases", "cases")


def chapter_path() -> Path:
    return rules_dir() / "source" / "chapter-zh.txt"


def templates_dir() -> Path:
    return Path(str(resources.files("diagnose.report"))) / "templates"
