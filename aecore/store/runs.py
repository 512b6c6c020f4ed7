"""The run store: each trained model is a folder of plain files, weights in safetensors.

A run is ``<root>/<name>/`` holding ``config.json`` (the FitSpec plus what rebuilding the
model needs), ``weights.safetensors``, ``metrics.json`` and ``history.jsonl``. Writes go to
``<root>/.tmp-<uuid>/`` and are renamed into place, so a crash never leaves a half run.
Reads rebuild the model from ``config.json`` alone (no data set needed) and refuse weights
whose names or shapes disagree with it. Nothing here unpickles: pickle can run code.
Atomic writing is :mod:`aecore.store.files`; zip export and import are :mod:`aecore.store.zips`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import os
import re
import shutil
import time
import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import load_file, save_file

from aecore.data.registry import DataConfig, Dataset, load_dataset
from aecore.data.user import display_name
from aecore.errors import KeyedError
from aecore.models.base import Autoencoder
from aecore.models.registry import build_model, config_from_dict
from aecore.store import files as atomic
from aecore.store.files import TEMP_PREFIX
from aecore.training.fit import FitResult, FitSpec
from aecore.training.trainer import TrainConfig

FORMAT = 1
FILES = ("config.json", "weights.safetensors", "metrics.json", "history.jsonl")
STALE_SECONDS = 3600.0  # a temp folder this old belongs to a crashed save, not a running one
MAX_CLASSES = 1000  # a softmax head this wide on a 16k code is already ~16M weights
_CONFIG_KEYS = {"format", "created", "data", "model", "train", "input_dim", "unit_range", "n_classes", "live",
                "weights_sha256", "name"}
# ``weights_sha256``: the run's identity (its trained weights; written by save_fit and import_zip).
# ``name``: only in an exported zip's config.json, so that an import keeps the run's name.


@dataclass
class RunInfo:
    """One row of :func:`list_runs`: what a run list shows without loading weights."""

    name: str
    path: Path
    variant: str
    dataset: str
    created: str  # ISO 8601, UTC
    metrics: dict = field(default_factory=dict)


@dataclass
class LoadedRun:
    """A run read back from disk; ``model`` is on the CPU in eval mode."""

    name: str
    path: Path
    spec: FitSpec
    model: Autoencoder
    metrics: dict
    history: list[dict]


# ---- names and places ---------------------------------------------------------------
def runs_root(explicit: str | os.PathLike | None = None) -> Path:
    """The run store folder: ``explicit``, else $DIABOLO_RUNS_DIR, else ~/.local/share/diabolo/runs."""
    env = os.environ.get("DIABOLO_RUNS_DIR")
    root = Path(explicit) if explicit else Path(env) if env else Path.home() / ".local/share/diabolo/runs"
    root = root.expanduser()
    root.mkdir(mode=0o700, parents=True, exist_ok=True)  # runs may hold a user's own data's features
    return root


def sanitize_name(name: str) -> str:
    """A safe folder name: letters (any script), digits, ``-``, ``_`` and ``.``; at most 64 chars."""
    text = name if isinstance(name, str) else ""
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("C"))  # control chars
    text = re.sub(r"[/\\]", "", text).replace(" ", "-")
    text = re.sub(r"[^\w.\-]", "", text)  # \w is Unicode-aware, so CJK names survive
    while ".." in text:
        text = text.replace("..", "")
    text = text.lstrip(".")[:64]
    if not text:
        raise KeyedError("run.name_empty", "run name {name!r} is empty after removing control characters, slashes, "
                         "'..' and leading dots; use letters, digits, '-', '_' or '.'.", name=name)
    return text


def check_name(name: str) -> str:
    """A run name a person typed: refuse slashes and control characters with a message, then sanitize.

    Spaces become ``-``; other punctuation is dropped (see :func:`sanitize_name`).
    """
    if not isinstance(name, str):
        raise ValueError(f"run name must be text; got {type(name).__name__}.")
    bad = next((ch for ch in name if ch in "/\\" or unicodedata.category(ch).startswith("C")), None)
    if bad is not None:
        if bad in "/\\":
            raise KeyedError("run.name_slash", "run name {name!r} contains a slash ({char!r}); a run name is one "
                             "folder name. Use letters, digits, '-', '_' or '.', e.g. 'my-run-2'.", name=name, char=bad)
        raise KeyedError("run.name_control", "run name {name!r} contains the control character {char!r}; a run name "
                         "is one folder name. Use letters, digits, '-', '_' or '.', e.g. 'my-run-2'.", name=name,
                         char=bad)
    return sanitize_name(name)


def default_name(spec: FitSpec) -> str:
    """``<variant>-<data set>-<YYYYmmdd-HHMMSS>``: the name a run gets when nobody names it."""
    data = spec.data.name
    data = "file-" + Path(data[5:]).stem if data.startswith("file:") else data
    return f"{spec.model.variant}-{data}-{datetime.now():%Y%m%d-%H%M%S}"


def _inside_root(path, root) -> Path:
    base = runs_root(root).resolve()
    p = Path(path).expanduser()
    if p.is_symlink() or p.resolve().parent != base or not p.is_dir():
        raise ValueError(f"path={str(path)!r} is not a run folder inside the run store {str(base)!r}; only "
                         "runs that list_runs shows can be renamed or deleted.")
    return p.resolve()


# ---- writing --------------------------------------------------------------------------
def to_jsonable(obj):
    """Plain JSON values for metrics and history: arrays → lists, numpy scalars → Python, inf/nan → None."""
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, np.ndarray) or torch.is_tensor(obj):
        return to_jsonable(obj.tolist() if isinstance(obj, np.ndarray) else obj.detach().cpu().tolist())
    if isinstance(obj, bool | np.bool_):
        return bool(obj)
    if isinstance(obj, int | np.integer):
        return int(obj)
    if isinstance(obj, float | np.floating):
        return float(obj) if math.isfinite(obj) else None
    return obj if obj is None or isinstance(obj, str) else str(obj)


def save_fit(spec: FitSpec, model: Autoencoder, dataset: Dataset | None, history: list[dict], metrics: dict,
             root=None, name: str | None = None, *, path=None) -> Path:
    """Write a run atomically and return its folder.

    Args:
        dataset: Only its class count is read (for models without ``n_classes``); may be None.
        root: Run store folder (see :func:`runs_root`); ignored when ``path`` is given.
        name: Folder name (sanitized); default ``<variant>-<dataset>-<YYYYmmdd-HHMMSS>``.
            An existing name gets ``-2``, ``-3``, … appended.
        path: Write exactly this folder instead (the CLI's ``--out``); it must not exist or be empty.
    """
    if path is not None:
        target = Path(path).expanduser().absolute()
        if target.exists() and (not target.is_dir() or any(target.iterdir())):
            raise ValueError(f"out={str(path)!r} already exists and is not empty; choose a new folder or "
                             "delete that one first.")
        target.parent.mkdir(parents=True, exist_ok=True)
    else:
        base = runs_root(root)
        cleanup_temp(base)
        target = base / (check_name(name) if name else sanitize_name(default_name(spec)))
    n_classes = getattr(model, "n_classes", dataset.n_classes if dataset is not None else 0)
    config = {"format": FORMAT, "created": datetime.now(UTC).isoformat(timespec="milliseconds"),
              **spec.to_dict(), "input_dim": int(model.input_dim), "unit_range": bool(model.unit_range),
              "n_classes": int(n_classes)}
    live = live_settings(model)
    if live:  # changed while the job ran (ρ, β, noise level, λ): the weights were trained toward these
        config["live"] = live
    state = {k: v.detach().to("cpu").contiguous() for k, v in model.state_dict().items()}
    tmp = atomic.new_temp(target.parent)
    try:
        save_file(state, tmp / "weights.safetensors")
        config["weights_sha256"] = file_sha256(tmp / "weights.safetensors")
        atomic.write_text(tmp / "config.json", json.dumps(config, indent=2, ensure_ascii=False, allow_nan=False))
        atomic.write_text(tmp / "metrics.json", json.dumps(to_jsonable(metrics), indent=2, allow_nan=False))
        atomic.write_text(tmp / "history.jsonl", "".join(json.dumps(to_jsonable(r), allow_nan=False) + "\n"
                                                   for r in history))
        for f in (*FILES, ""):
            atomic.fsync(tmp / f)  # "" = the folder itself, so its entries are durable before the rename
        return atomic.publish(tmp, target, exact=path is not None)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # a no-op after a successful rename


def live_settings(model: Autoencoder) -> dict[str, float]:
    """The model's live hyper-parameters whose values differ from its config (changed during training)."""
    out = {}
    for k in model.live_hparams:
        now = float(getattr(model, k))
        if now != float(getattr(model.cfg, k)):
            out[k] = now
    return out


def apply_live_settings(model: Autoencoder, live) -> None:
    """Set the live hyper-parameters a run was saved with (validated by the model)."""
    if live is None:
        return
    if not isinstance(live, dict) or not all(isinstance(v, int | float) and not isinstance(v, bool)
                                             and math.isfinite(v) for v in live.values()):
        raise KeyedError("run.live_not_numbers", "config.json: live must map setting names to numbers; got {live!r}.",
                         live=str(live))
    try:
        model.set_hparams(**live)
    except ValueError as e:
        raise KeyedError("run.live_invalid", "config.json: live: {error}", error=e) from None


def save_run(result: FitResult, root=None, name: str | None = None, *, path=None) -> Path:
    """Save a :class:`FitResult` (see :func:`save_fit` for the arguments)."""
    return save_fit(result.spec, result.model, result.dataset, result.history, result.metrics, root, name,
                    path=path)


# ---- identity -------------------------------------------------------------------------
def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file, read in 1 MiB chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def run_digest(folder: Path) -> str:
    """A run's identity: the SHA-256 of its ``weights.safetensors`` (recorded in config.json when saved).

    The weights are what training produced; two runs with the same weights are the same model,
    whatever their names or save times. Runs saved before the digest was recorded are hashed here.
    """
    try:
        recorded = json.loads((folder / "config.json").read_text(encoding="utf-8")).get("weights_sha256")
    except (OSError, UnicodeDecodeError, ValueError, AttributeError):
        recorded = None
    return recorded if _is_digest(recorded) else file_sha256(folder / "weights.safetensors")


def _is_digest(value) -> bool:
    return isinstance(value, str) and re.fullmatch(r"[0-9a-f]{64}", value) is not None


def find_same_run(weights: Path, root=None) -> RunInfo | None:
    """The run in the store whose weights are byte-identical to ``weights``, or None.

    Only runs whose weights file has the same size are compared (a cheap first filter).
    """
    size, digest = weights.stat().st_size, None
    for info in list_runs(root):
        try:
            if (info.path / "weights.safetensors").stat().st_size != size:
                continue
            digest = digest or file_sha256(weights)
            if run_digest(info.path) == digest:
                return info
        except OSError:
            continue  # deleted meanwhile
    return None


# ---- reading --------------------------------------------------------------------------
def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        raise KeyedError("run.bad_json", "{file} cannot be read as JSON ({detail}); the run is damaged.",
                         file=path.name, detail=str(e)) from None


def _section(config: dict, key: str, cls):
    d = config.get(key)
    if not isinstance(d, dict):
        raise KeyedError("run.section_not_object", "config.json: {section!r} must be a JSON object; got {got!r}.",
                         section=key, got=d)
    names = {f.name for f in dataclasses.fields(cls) if f.init}
    unknown = sorted(set(d) - names)
    if unknown:
        raise KeyedError("run.unknown_settings", "config.json: unknown {section} setting(s) {names}; this run was "
                         "written by another version of Diabolo or edited by hand.", section=key,
                         names=", ".join(unknown))
    try:
        return cls(**d)
    except (TypeError, ValueError) as e:
        raise KeyedError("run.invalid_settings", "config.json: invalid {section} settings: {error}", section=key,
                         error=e) from None


def _int_field(config: dict, key: str, low: int, high: int) -> int:
    v = config.get(key)
    if isinstance(v, bool) or not isinstance(v, int) or not low <= v <= high:
        raise KeyedError("run.bad_int", "config.json: {field} must be an integer between {low} and {high}; got "
                         "{got!r}.", field=key, low=low, high=high, got=v)
    return v


def parse_config(config: dict) -> tuple[FitSpec, int, bool, int]:
    """Validate a ``config.json`` object; return (spec, input_dim, unit_range, n_classes)."""
    if not isinstance(config, dict):
        raise KeyedError("run.config_not_object", "config.json must hold a JSON object.")
    unknown = sorted(set(config) - _CONFIG_KEYS)
    if unknown:
        raise KeyedError("run.unknown_keys", "config.json: unknown key(s) {names}; allowed: {allowed}.",
                         names=", ".join(unknown), allowed=", ".join(sorted(_CONFIG_KEYS)))
    if config.get("format") != FORMAT or isinstance(config.get("format"), bool):
        raise KeyedError("run.format", "config.json: format must be {format}; got {got!r}. A newer format needs a "
                         "newer version of Diabolo.", format=FORMAT, got=config.get("format"))
    try:
        model_cfg = config_from_dict(config.get("model"))
    except ValueError as e:
        raise KeyedError("run.config_invalid", "config.json: {error}", error=e) from None
    spec = FitSpec(_section(config, "data", DataConfig), model_cfg, _section(config, "train", TrainConfig))
    if not isinstance(config.get("unit_range"), bool):
        raise KeyedError("run.unit_range", "config.json: unit_range must be true or false; got {got!r}.",
                         got=config.get("unit_range"))
    n_classes = _int_field(config, "n_classes", 0, MAX_CLASSES)
    if "weights_sha256" in config and not _is_digest(config["weights_sha256"]):
        raise KeyedError("run.bad_digest", "config.json: weights_sha256 must be 64 lower-case hex digits; got {got!r}.",
                         got=config["weights_sha256"])
    if "name" in config and not isinstance(config["name"], str):
        raise KeyedError("run.bad_name_type", "config.json: name must be text; got {got!r}.", got=config["name"])
    return spec, _int_field(config, "input_dim", 1, 1_000_000), config["unit_range"], n_classes


def _load_weights(path: Path, model: Autoencoder) -> dict[str, torch.Tensor]:
    """Read safetensors weights and check every name and shape against ``model`` (no pickle)."""
    try:
        state = load_file(path, device="cpu")
    except Exception as e:  # SafetensorError, OSError: the file is damaged or not safetensors
        raise KeyedError("run.weights_invalid", "weights.safetensors is not a valid safetensors file ({detail}); export "
                         "the run again.", detail=str(e)) from None
    expected = model.state_dict()
    missing, extra = sorted(set(expected) - set(state)), sorted(set(state) - set(expected))
    if missing or extra:
        raise KeyedError("run.weights_names", "weights.safetensors does not match config.json: missing tensors "
                         "{missing}, unexpected tensors {extra}. The weights belong to another model.",
                         missing=str(missing), extra=str(extra))
    for k, want in expected.items():  # in the model's order, so the first mismatch named is the earliest layer
        t = state[k]
        if t.shape != want.shape or not t.is_floating_point():
            raise KeyedError("run.weights_shape", "weights.safetensors: tensor {tensor!r} has shape {shape} ({dtype}) "
                             "but the model in config.json needs {want} (float); the weights belong to another model.",
                             tensor=k, shape=str(tuple(t.shape)), dtype=str(t.dtype), want=str(tuple(want.shape)))
    return state


def load_run(path) -> LoadedRun:
    """Rebuild a saved run's model and read its metrics and history; no data set is loaded."""
    folder = Path(path).expanduser()
    if not (folder / "config.json").is_file() or not (folder / "weights.safetensors").is_file():
        raise KeyedError("run.not_a_run", "path={path!r} is not a run folder: it needs config.json and "
                         "weights.safetensors.", path=str(path))
    config = _read_json(folder / "config.json")
    spec, input_dim, unit_range, n_classes = parse_config(config)
    try:
        model = build_model(spec.model, input_dim, unit_range, spec.train.seed, n_classes)
    except (TypeError, ValueError) as e:
        raise KeyedError("run.unbuildable", "config.json describes a model that cannot be built: {error}",
                         error=e) from None
    apply_live_settings(model, config.get("live"))
    model.load_state_dict(_load_weights(folder / "weights.safetensors", model))
    model.eval()
    metrics = _read_json(folder / "metrics.json") if (folder / "metrics.json").is_file() else {}
    history = []
    if (folder / "history.jsonl").is_file():
        for line in (folder / "history.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                try:
                    history.append(json.loads(line))
                except ValueError as e:
                    raise KeyedError("run.bad_history", "history.jsonl has a line that is not JSON ({detail}); the run "
                                     "is damaged.", detail=str(e)) from None
    if not isinstance(metrics, dict) or not all(isinstance(r, dict) for r in history):
        raise KeyedError("run.bad_metrics", "metrics.json must hold a JSON object and history.jsonl one object per "
                         "line.")
    return LoadedRun(folder.name, folder, spec, model, metrics, history)


def load_run_data(run: LoadedRun) -> Dataset:
    """Load the data set a run was trained on, refusing data whose width no longer fits its model."""
    ds = load_dataset(run.spec.data)
    if ds.dim != run.model.input_dim:
        raise KeyedError("run.data_width", "data set {data!r} now has {dim} columns but run {run!r} was trained on "
                         "{want}; the model cannot read this data. Restore the original file, or train a new model "
                         "on this data.", data=display_name(ds.name), dim=ds.dim, run=run.name,
                         want=run.model.input_dim)
    return ds


def _run_info(folder: Path) -> RunInfo | None:
    try:
        config = _read_json(folder / "config.json")
        weights = folder / "weights.safetensors"
        if not weights.is_file() or weights.stat().st_size < 8:
            return None
        metrics = _read_json(folder / "metrics.json") if (folder / "metrics.json").exists() else {}
        info = RunInfo(folder.name, folder, str(config["model"]["variant"]), str(config["data"]["name"]),
                       str(config["created"]), metrics)
        datetime.fromisoformat(info.created)
        return info if isinstance(metrics, dict) else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def list_runs(root=None) -> list[RunInfo]:
    """Every complete run in the store, newest first; temp and damaged folders are skipped."""
    base = runs_root(root)
    runs = [info for entry in base.iterdir()
            if not entry.name.startswith(TEMP_PREFIX) and entry.is_dir() and not entry.is_symlink()
            and (info := _run_info(entry)) is not None]

    def created(r: RunInfo) -> float:
        t = datetime.fromisoformat(r.created)
        return (t if t.tzinfo else t.replace(tzinfo=UTC)).timestamp()

    return sorted(runs, key=lambda r: (created(r), r.name), reverse=True)


def cleanup_temp(root=None, max_age: float = STALE_SECONDS) -> int:
    """Remove ``.tmp-*`` folders older than ``max_age`` seconds (left by crashes); return how many."""
    base, now, removed = runs_root(root), time.time(), 0
    for entry in base.glob(f"{TEMP_PREFIX}*"):
        try:
            if entry.is_dir() and not entry.is_symlink() and now - entry.stat().st_mtime > max_age:
                shutil.rmtree(entry)
                removed += 1
        except OSError:
            pass  # another process cleaning up at the same time
    return removed


# ---- managing ---------------------------------------------------------------------------
def rename_run(path, new_name: str, root=None) -> Path:
    """Rename a run inside the store; refuses a name that is taken."""
    folder = _inside_root(path, root)
    target = folder.parent / check_name(new_name)
    if target == folder:
        return folder
    if target.exists() or target.is_symlink():
        raise KeyedError("run.name_taken", "a run named {name!r} already exists; choose another name.",
                         name=target.name)
    os.rename(folder, target)
    return target


def delete_run(path, root=None) -> None:
    """Delete a run inside the store (renamed to a temp name first, so no half run is ever listed)."""
    folder = _inside_root(path, root)
    doomed = folder.parent / f"{TEMP_PREFIX}{uuid.uuid4().hex}"
    os.rename(folder, doomed)
    shutil.rmtree(doomed, ignore_errors=True)

