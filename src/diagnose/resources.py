"""Where the bundled knowledge base and cases live: inside the installed package, via importlib.resources."""
from importlib import resources
from pathlib import Path


def rules_dir() -> Path:
    return Path(str(resources.files("diagnose.rules")))


def cases_dir() -> Path:
    return Path(str(resources.files("diagnose.cases")))


def chapter_path() -> Path:
    return rules_dir() / "source" / "chapter-zh.txt"


def templates_dir() -> Path:
    return Path(str(resources.files("diagnose.report"))) / "templates"
