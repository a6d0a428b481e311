"""Saving and resuming the questionnaire's profile without ever losing an answer.

- A save writes a temporary file beside the profile, flushes and fsyncs it, then renames it over the
  profile (os.replace is atomic): a crash or kill mid-save leaves the old file or the new one, never
  half of one. The ``.NAME.*.tmp`` files a killed save leaves behind are removed by the next
  questionnaire that takes the profile's lock (holding it, no other save can be in progress).
- One questionnaire per profile: an advisory lock (fcntl.flock on ``.NAME.lock``) is taken when the
  questionnaire opens the profile; a second one is told and saves nothing there. A save also never
  overwrites a file that changed on disk since this questionnaire last read or wrote it.
- A profile that cannot be read is set aside (``NAME.corrupt-TIMESTAMP.yaml``) before anything is
  written over it; one about to be replaced (New, Open) is backed up first. Set-aside and backup
  names are reserved with O_EXCL, so two in one second never share a name.
- Only a regular file (or no file yet) is a profile: a directory or a device is refused, never moved.
- The saved file is an ordinary profile that ``diagnose assess`` accepts.
"""
from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..inputs import userdirs
from ..inputs.loading import InputError, not_a_regular_file, os_params
from ..kb.knowledge import KnowledgeBase
from ..kb.profile import Profile, load_profile

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory lock; the changed-file check still applies
    fcntl = None


class SaveError(InputError):
    """A save did not happen: a coded error like every other (``output.i18n.error_message`` words it)."""


def default_profile_path() -> Path:
    return userdirs.data_dir() / "profile.yaml"


def unusable(path: Path) -> str | None:
    """Why an existing path cannot be a profile file (a directory, a FIFO, a device), or None.
    A path that cannot even be looked at (its folder is missing or unreadable) is for the save to report."""
    try:
        return not_a_regular_file(os.stat(path).st_mode)
    except OSError:
        return None


def dump_profile(profile: Profile) -> str:
    header = "# Cluster profile saved by `diagnose`; `diagnose assess` reads it too.\n"
    return header + yaml.safe_dump(profile.to_dict(), allow_unicode=True, sort_keys=False)


def save_profile(profile: Profile, path: Path) -> None:
    """Write the profile to path atomically (the old file or the new one, never half); OSError if it fails."""
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


def _reserve_beside(path: Path, label: str) -> Path:
    """A new, empty file NAME.LABEL-TIMESTAMP[-N].SUFFIX next to path, made with O_EXCL: never an existing name."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    suffix = path.suffix or ".yaml"
    for n in range(1, 1000):
        candidate = path.with_name(f"{path.stem}.{label}-{stamp}{'' if n == 1 else f'-{n}'}{suffix}")
        try:
            os.close(os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            return candidate
        except FileExistsError:
            continue
    raise OSError(f"no free name for a {label} copy of {path.name}")


def set_aside(path: Path, label: str = "corrupt") -> Path:
    """Move a file that cannot be used out of the way, under a name of its own; return where it went."""
    aside = _reserve_beside(path, label)
    try:
        os.replace(path, aside)
    except OSError:
        aside.unlink(missing_ok=True)
        raise
    return aside


def back_up(path: Path) -> Path:
    """Copy the file to NAME.backup-TIMESTAMP.yaml beside it (atomically); return the copy's path."""
    data = path.read_bytes()
    backup = _reserve_beside(path, "backup")
    try:
        tmp = backup.with_name(f".{backup.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, backup)
    except OSError:
        backup.unlink(missing_ok=True)
        raise
    return backup


def stale_temporaries(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f".{path.name}.*.tmp"))


@dataclass
class Resumed:
    profile: Profile | None                # None: start clean
    error: InputError | None = None        # why a file could not be used (worded in the user's language on screen)
    moved_to: Path | None = None           # where a corrupt file was kept

    @property
    def problem(self) -> str | None:
        """The reason in English, one line (logs and tests)."""
        return self.error.message if self.error else None


def resume(kb: KnowledgeBase, path: Path) -> Resumed:
    """Load the profile at path if there is one; set a corrupt one aside and start clean.
    A path that is not a regular file is reported and left where it is."""
    path = Path(path)
    refused = unusable(path)
    if refused:
        return Resumed(None, InputError(path, "", refused))
    if not path.exists():
        return Resumed(None)
    try:
        return Resumed(load_profile(kb, path))
    except InputError as exc:
        try:
            aside = set_aside(path)
        except OSError:
            aside = None
        return Resumed(None, exc, aside)


def _signature(path: Path) -> tuple | None:
    """What tells one version of the file from another: inode, modification time and size (None: no file)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size


class ProfileStore:
    """The one profile file a questionnaire saves to: its lock, its last known version, atomic saves."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.lock_path = self.path.with_name(f".{self.path.name}.lock")
        self._lock = None                  # the open lock file (closed with this object: the lock goes too)
        self.known = _signature(self.path)

    # -- the lock
    def claim(self) -> SaveError | None:
        """Take the profile's advisory lock; None when held, else why not (another questionnaire has it).
        Holding it, clear the temporary files that killed saves left behind. A folder where no lock file
        can be made is no reason to refuse: the save itself then fails, with its own reason."""
        if self._lock is not None or fcntl is None:
            return None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock = os.fdopen(os.open(self.lock_path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600),
                             "r+b", buffering=0)
        except OSError:
            return None
        try:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = lock.read(32).decode("ascii", "replace").strip()
            lock.close()
            return SaveError(self.path, "", "open_elsewhere", process=holder or "?")
        lock.truncate(0)
        lock.write(str(os.getpid()).encode())
        self._lock = lock
        for stale in stale_temporaries(self.path):
            stale.unlink(missing_ok=True)
        return None

    def release(self) -> None:
        if self._lock is not None:
            self._lock.close()   # closing the file releases the flock
            self._lock = None

    # -- versions
    def adopt(self) -> None:
        """Take the file as it is now as the version this questionnaire knows (after reading it, or after
        the user agreed to replace it)."""
        self.known = _signature(self.path)

    def changed_on_disk(self) -> bool:
        """Another version of the file is there (a file now missing holds nothing to lose)."""
        now = _signature(self.path)
        return now is not None and now != self.known

    def save(self, profile: Profile) -> None:
        """Save atomically, or raise SaveError and leave the file as it was."""
        refused = unusable(self.path)
        if refused:
            raise SaveError(self.path, "", refused)
        locked_out = self.claim()
        if locked_out:
            raise locked_out
        if self.changed_on_disk():
            raise SaveError(self.path, "", "changed_on_disk")
        try:
            save_profile(profile, self.path)
        except OSError as exc:
            raise SaveError(self.path, "", "cannot_save", **os_params(exc)) from None
        self.adopt()
