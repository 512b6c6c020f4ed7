"""Atomic file writing for the run store: a run is written in a temp folder, then renamed into place.

``new_temp`` makes the private temp folder, ``write_text`` and ``fsync`` fill it durably, and
``publish`` renames it to its final name in one step, so a reader (or a crash) never sees a
half-written run. :mod:`aecore.store.runs` saves with these, :mod:`aecore.store.zips` imports.
"""

from __future__ import annotations

import errno
import os
import uuid
from pathlib import Path

TEMP_PREFIX = ".tmp-"  # list_runs skips these; cleanup_temp removes stale ones


def fsync(path: Path) -> None:
    """Flush a file's (or, for a folder, its entries') data to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_text(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 (not yet durable: ``fsync`` it before publishing)."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def new_temp(parent: Path) -> Path:
    """A fresh private folder ``<parent>/.tmp-<uuid>`` (mode 0o700) to write a run into."""
    tmp = parent / f"{TEMP_PREFIX}{uuid.uuid4().hex}"
    tmp.mkdir(mode=0o700)
    return tmp


def publish(tmp: Path, target: Path, exact: bool) -> Path:
    """Rename the finished temp folder to ``target`` (or ``target-2``, ``-3``… unless ``exact``).

    With ``exact`` an existing non-empty ``target`` is refused with a ValueError (the CLI's
    ``--out``); an empty one is replaced. Returns the folder the run now lives in.
    """
    base, i = target, 1
    while True:
        try:
            if exact and target.is_dir() and not target.is_symlink() and not any(target.iterdir()):
                target.rmdir()  # an empty --out folder is fine; replace it
            if target.exists() or target.is_symlink():
                raise FileExistsError(errno.EEXIST, "exists")
            os.rename(tmp, target)
            break
        except OSError as e:
            if e.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                raise
            if exact:
                raise ValueError(f"out={str(target)!r} already exists and is not empty; choose a new folder "
                                 "or delete that one first.") from None
            i += 1
            target = base.with_name(f"{base.name}-{i}")
    fsync(target.parent)
    return target
