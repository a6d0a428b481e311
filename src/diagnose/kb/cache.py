"""A cache of a rule base's parsed files, so that a second start skips parsing the YAML.

- Key: a SHA-256 over every file under the rules folder (its relative path and its bytes), over
  the extra rule files, and over the modules that decide what a cached copy holds (kb/models.py,
  marks.py, builder.py: a tightened constraint must not trust data validated before it), so any
  edit gives a new key; a stale entry is simply never read.
- Place: the user cache folder (platformdirs), one file ``kb-<key>.json``.
- Format: JSON, which cannot run code. It holds the parsed documents (plain data) of files that
  loaded and validated with pydantic, and nothing else: an entry is written only after every file
  validated, under the hash of exactly those files. So a load from it builds the models without
  pydantic (kb/builder.py: types checked, constraints not checked again; ``rules check`` validates
  it with pydantic all the same). A damaged or edited cache (bad JSON, a field missing, unknown
  or of the wrong type) fails to build and is rebuilt from the files.
- Writing: a temporary file in the same folder, then ``os.replace`` (atomic); a cache that cannot
  be read or written is skipped silently: it only saves time.
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path
from typing import Any

APP_NAME = "cluster-governance-diagnosis"
FORMAT = 1   # bump when the cached layout changes
MAX_HASHED = 5 * 1024 * 1024   # bytes; the loader refuses larger files anyway


def cache_dir() -> Path:
    from platformdirs import user_cache_dir
    return Path(user_cache_dir(APP_NAME, appauthor=False))


def key(root: Path, extra_files: list[Path], code_files: list[Path] = ()) -> str | None:
    """The hash of every file of the rule base (and of the code files given: the modules that decide
    what a cached copy holds), or None when a file cannot be read."""
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    try:
        files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        named = [(path.relative_to(root).as_posix(), path) for path in files]
        named += [(f"extra {Path(path).resolve()}", Path(path)) for path in extra_files]
        named += [(f"code {Path(path).name}", Path(path)) for path in code_files]
        for name, path in named:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_HASHED:
                return None   # a pipe, a device or a huge file: no cache; the loader says what is wrong
            digest.update(f"{name}\n".encode())
            digest.update(path.read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


def _path(cache_key: str) -> Path:
    return cache_dir() / f"kb-{cache_key}.json"


def read(cache_key: str | None) -> dict[str, Any] | None:
    """The cached documents (by file name), or None when absent or unreadable."""
    if cache_key is None:
        return None
    try:
        data = json.loads(_path(cache_key).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("key") != cache_key or not isinstance(data.get("documents"), dict):
        return None
    return data["documents"]


def write(cache_key: str | None, documents: dict[str, Any]) -> None:
    """Store the documents, unless JSON would not give them back unchanged (then nothing is cached)."""
    if cache_key is None:
        return
    try:
        text = json.dumps({"key": cache_key, "documents": documents}, ensure_ascii=False)
        if json.loads(text)["documents"] != documents:   # e.g. a YAML date or a non-text key
            return
        import tempfile   # only when writing: a start from the cache does not pay for it
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".kb-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(tmp, _path(cache_key))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, TypeError, ValueError):
        return
