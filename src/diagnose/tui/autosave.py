"""Saving and resuming the questionnaire's profile, safely.

- Every save writes a temporary file in the same folder, flushes and fsyncs it, then renames it
  over the profile (os.replace is atomic): a crash or kill mid-save leaves the old file or the new
  one, never half of one.
- A profile that fails to load is moved aside (``NAME.corrupt-TIMESTAMP.yaml``), reported, and
  the user starts clean; nothing is silently overwritten.
- The saved file is an ordinary profile that ``diagnose assess`` accepts.
"""
from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from platformdirs import user_data_dir

from ..inputs.loading import InputError
from ..kb.knowledge import KnowledgeBase
from ..kb.profile import Profile, load_profile

APP_NAME = "cluster-governance-diagnosis"


def default_profile_path() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "profile.yaml"


def dump_profile(profile: Profile) -> str:
    header = "# Cluster profile saved by `diagnose`; `diagnose assess` reads it too.\n"
    data = {k: v for k, v in profile.to_dict().items()}
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def save_profile(profile: Profile, path: Path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(dump_profile(profile))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass
class Resumed:
    profile: Profile | None        # None: start clean
    problem: str | None = None     # the one-line reason a file could not be used
    moved_to: Path | None = None   # where a corrupt file was kept


def resume(kb: KnowledgeBase, path: Path) -> Resumed:
    """Load the profile at path if there is one; set a corrupt one aside and start clean."""
    path = Path(path)
    if not path.exists():
        return Resumed(None)
    try:
        return Resumed(load_profile(kb, path))
    except InputError as exc:
        aside = path.with_name(f"{path.stem}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}{path.suffix or '.yaml'}")
        try:
            os.replace(path, aside)
        except OSError:
            aside = None
        return Resumed(None, exc.message, aside)
