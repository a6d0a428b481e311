"""What the questionnaire remembers between runs: the language. A small JSON file in the user's
config folder; any fault reading or writing it is ignored (it is a convenience, never worth an error)."""
from __future__ import annotations

import json
import os
from pathlib import Path

LANGS = ("zh", "en")


def settings_path() -> Path:
    from platformdirs import user_config_dir
    return Path(user_config_dir("diagnose")) / "settings.json"


def remembered_language(default: str = "zh") -> str:
    try:
        lang = json.loads(settings_path().read_text(encoding="utf-8")).get("lang")
    except (OSError, ValueError, AttributeError):
        return default
    return lang if lang in LANGS else default


def remember_language(lang: str) -> None:
    path = settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps({"lang": lang}), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass
