"""The user's own folders (platformdirs): where the questionnaire keeps its profile, where error logs go.

Both are under the user's home, never in the shared temp folder, where another local user could
plant a file or a symlink under a name we would write.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from platformdirs import user_data_dir, user_log_dir

APP_NAME = "cluster-governance-diagnosis"


def data_dir() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    return Path(user_log_dir(APP_NAME, appauthor=False))


def write_error_log(details: str) -> Path | None:
    """Write details to a new file of its own (mkstemp: a fresh random name, O_EXCL, mode 0600, so
    no existing file or symlink is ever followed or overwritten); None if nowhere would take it.

    The user's log folder first; if that cannot be made (a read-only home), the temp folder, which
    mkstemp makes just as safe."""
    for folder in (log_dir(), None):
        try:
            if folder is not None:
                folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix="diagnose-error-", suffix=".log", dir=folder)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(details)
            return Path(name)
        except OSError:
            continue
    return None
