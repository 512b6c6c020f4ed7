"""Run zips: export a saved run as one flat zip, and import a zip only after checking all of it.

A run zip holds ``config.json`` and ``weights.safetensors`` (and optionally ``metrics.json``
and ``history.jsonl``), flat or inside one folder. An import refuses, before anything lands in
the store: paths that leave the folder, links, pickle-based weights, unknown files, encrypted
entries, zip bombs, configs with unknown or absurd values, weights whose shapes disagree with
the config, and data files outside Diabolo's uploads folder. Nothing here unpickles.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import stat
import zipfile
import zlib
from pathlib import Path, PurePath

from aecore.data.registry import FILE_PREFIX, DataConfig
from aecore.data.user import uploads_dir
from aecore.errors import KeyedError
from aecore.store import files as atomic
from aecore.store.runs import (
    FILES,
    check_name,
    default_name,
    file_sha256,
    find_same_run,
    load_run,
    runs_root,
    sanitize_name,
)

MAX_IMPORT_BYTES = 500 * 2**20
MAX_RATIO = 100  # uncompressed / compressed; real weights barely compress, zip bombs do
RATIO_MIN_BYTES = 2**20  # small files (JSON) may compress well and cannot hurt anyway
PICKLE_SUFFIXES = (".pt", ".pth", ".pkl", ".pickle", ".ckpt", ".bin", ".joblib", ".npy", ".npz")


class AlreadyInStore(ValueError):
    """The zip holds a run that is in the store already (the same weights); nothing was imported."""

    def __init__(self, name: str, path: Path):
        super().__init__(f"this run is already in the run store as {name!r} (the same weights); nothing was "
                         "imported.")
        self.name, self.path = name, path


def export_zip(path) -> bytes:
    """The run's files in one flat zip (what :func:`import_zip` accepts).

    Its config.json also carries the run's name (``"name"``), so an import keeps it.
    """
    folder = Path(path).expanduser()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in FILES:
            if f == "config.json" and (folder / f).is_file():
                config = json.loads((folder / f).read_text(encoding="utf-8"))
                zf.writestr(f, json.dumps({**config, "name": folder.name}, indent=2, ensure_ascii=False))
            elif (folder / f).is_file():
                zf.write(folder / f, f)
    return buf.getvalue()


def _name_from_file(file_name: str | None) -> str | None:
    """``my-run.zip`` → ``my-run``; a browser's copy suffix (``my-run (1).zip``) is dropped."""
    if not file_name:
        return None
    stem = re.sub(r"\s*\(\d+\)$", "", PurePath(file_name.replace("\\", "/")).stem)
    return stem or None


def _check_entries(zf: zipfile.ZipFile) -> tuple[dict[str, zipfile.ZipInfo], str]:
    """Validate a run zip's table of contents; return {file name: entry} and the top folder ('' if flat)."""
    infos = zf.infolist()
    allowed = ", ".join(FILES)
    if len(infos) > len(FILES) + 1:
        raise KeyedError("zip.too_many", "this zip has {n} entries; a run zip holds at most {limit} files "
                         "({allowed}), optionally inside one folder.", n=len(infos), limit=len(FILES), allowed=allowed)
    files: dict[str, zipfile.ZipInfo] = {}
    tops: set[str] = set()
    for info in infos:
        raw = info.filename
        parts = [p for p in raw.replace("\\", "/").split("/")]
        if raw.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", raw) or ".." in parts:
            raise KeyedError("zip.traversal", "this zip contains the path {entry!r}, which points outside its folder; "
                             "refusing it (path traversal). Export the run again with Diabolo.", entry=raw)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise KeyedError("zip.link", "this zip contains a symbolic link {entry!r}; links are refused because they "
                             "can point anywhere on this machine. Zip the files themselves.", entry=raw)
        parts = [p for p in parts if p]
        if info.is_dir():
            if len(parts) != 1:
                raise KeyedError("zip.folders", "this zip contains the folder {entry!r}; a run zip has at most one "
                                 "folder.", entry=raw)
            tops.add(parts[0])
            continue
        leaf = parts[-1] if parts else raw
        if leaf not in FILES:
            if leaf.lower().endswith(PICKLE_SUFFIXES):
                raise KeyedError("zip.pickle", "this zip contains {entry}: only safetensors weights are accepted; "
                                 "pickle-based formats can run code when loaded. Save the model as "
                                 "weights.safetensors.", entry=leaf)
            raise KeyedError("zip.unknown_file", "this zip contains {entry!r}; a run zip may hold only {allowed}.",
                             entry=raw, allowed=allowed)
        if len(parts) > 2 or leaf in files:
            raise KeyedError("zip.nested", "this zip contains {entry!r} in a nested folder or twice; expected "
                             "{allowed} once each.", entry=raw, allowed=allowed)
        if info.flag_bits & 0x1:
            raise KeyedError("zip.encrypted", "{entry} in this zip is encrypted; export the run again without a "
                             "password.", entry=leaf)
        tops.add(parts[0] if len(parts) == 2 else "")
        files[leaf] = info
    if len(tops) > 1:
        raise KeyedError("zip.mixed", "this zip mixes files at the top level and inside folders; put all of them in "
                         "one place.")
    for f in FILES[:2]:
        if f not in files:
            raise KeyedError("zip.missing", "this zip has no {entry}; a run zip needs config.json and "
                             "weights.safetensors.", entry=f)
    total = sum(i.file_size for i in files.values())
    if total > MAX_IMPORT_BYTES:
        raise KeyedError("zip.too_large", "this zip unpacks to {n:,} bytes; the limit is {limit:,}.", n=total,
                         limit=MAX_IMPORT_BYTES)
    for leaf, i in files.items():
        if i.file_size > RATIO_MIN_BYTES and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise KeyedError("zip.bomb_ratio", "{entry} in this zip expands {ratio:.0f}-fold (limit {limit}); that "
                             "is a zip bomb, not a run.", entry=leaf, ratio=i.file_size / max(i.compress_size, 1),
                             limit=MAX_RATIO)
    return files, (tops.pop() if tops else "")


def _extract(zf: zipfile.ZipFile, files: dict[str, zipfile.ZipInfo], dest: Path) -> None:
    budget = MAX_IMPORT_BYTES  # the declared sizes may lie: count the bytes actually produced
    for leaf, info in files.items():
        with zf.open(info) as src, open(dest / leaf, "wb") as dst:
            n = 0
            while chunk := src.read(1 << 20):
                n += len(chunk)
                if n > info.file_size or n > budget:
                    raise KeyedError("zip.bomb_size", "{entry} in this zip is larger than its header says; refusing "
                                     "it (zip bomb).", entry=leaf)
                dst.write(chunk)
            budget -= n


def _check_data_source(data: DataConfig) -> None:
    """Refuse an imported run whose data is a file outside the uploads folder (it could read any file)."""
    if not data.name.startswith(FILE_PREFIX):
        return
    path = Path(data.name[len(FILE_PREFIX):])
    try:
        inside = path.is_absolute() and path.resolve().is_relative_to(uploads_dir(create=False).resolve())
    except (OSError, RuntimeError):  # a symlink loop
        inside = False
    if not inside:
        raise KeyedError("zip.outside_uploads", "config.json: the run was trained on the file {path!r}, which lies "
                         "outside Diabolo's uploads folder; an imported run may only refer to uploaded data, so that "
                         "it cannot make this server read other files. Upload that data under 'Your own data' and "
                         "train the model here.", path=str(path))


def import_zip(data: bytes, root=None, name: str | None = None, file_name: str | None = None) -> Path:
    """Validate a run zip completely, then add it to the store; nothing is left behind on failure.

    The run's name is ``name`` if given, else the one its config.json carries (zips exported by
    Diabolo), else the zip's folder, else ``file_name``'s stem (the uploaded file's name), else
    ``<variant>-<data>-<time>``; a taken name gets ``-2``, ``-3``, …

    Raises:
        AlreadyInStore: a run with the same weights is in the store already (nothing changes).
        ValueError: the zip is not a valid run (the message says why).
    """
    if not isinstance(data, bytes | bytearray) or len(data) > MAX_IMPORT_BYTES:
        raise ValueError(f"data must be the bytes of a zip file of at most {MAX_IMPORT_BYTES:,} bytes.")
    wanted = check_name(name) if name is not None else None
    base = runs_root(root)
    tmp = None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            files, top = _check_entries(zf)
            tmp = atomic.new_temp(base)
            _extract(zf, files, tmp)
        run = load_run(tmp)  # every check load_run makes: config, model size, weight names and shapes
        _check_data_source(run.spec.data)
        same = find_same_run(tmp / "weights.safetensors", base)
        if same is not None:
            raise AlreadyInStore(same.name, same.path)
        config = json.loads((tmp / "config.json").read_text(encoding="utf-8"))  # valid: load_run read it
        carried = config.pop("name", None)  # the folder name is the run's name once in the store
        config["weights_sha256"] = file_sha256(tmp / "weights.safetensors")  # computed here, never trusted
        atomic.write_text(tmp / "config.json", json.dumps(config, indent=2, ensure_ascii=False, allow_nan=False))
        for f in ("metrics.json", "history.jsonl"):
            if not (tmp / f).exists():
                atomic.write_text(tmp / f, "{}" if f.endswith(".json") else "")
        for f in (*FILES, ""):
            atomic.fsync(tmp / f)
        default = default_name(run.spec)
        for candidate in (carried, top, _name_from_file(file_name)):
            try:
                if candidate:
                    default = sanitize_name(candidate)
                    break
            except ValueError:
                continue
        return atomic.publish(tmp, base / (wanted or default), exact=False)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error, NotImplementedError) as e:
        raise KeyedError("zip.unreadable", "this file is not a readable zip ({detail}); it may be truncated or "
                         "damaged. Export the run again and upload the complete file.", detail=str(e)) from None
    except AlreadyInStore:
        raise
    except ValueError as e:
        raise KeyedError("zip.cannot_import", "cannot import this zip: {error}", error=e) from None
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
