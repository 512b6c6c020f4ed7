"""Data sets of the lab: configuration, registry, loading, caching and mini-batches.

Every loader returns a :class:`Dataset` of float32, C-contiguous, finite, read-only
arrays, identical for identical :class:`DataConfig` values.  Generated and bundled sets
live in :mod:`aecore.data.generated`, file-based public sets in :mod:`aecore.data.public` and
user files (``"file:PATH"``) in :mod:`aecore.data.user`; those modules are imported
lazily so that importing this one stays cheap.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from aecore.errors import KeyedError

FILE_PREFIX = "file:"
_ALIASES = {"fashion": "fashion-mnist", "fmnist": "fashion-mnist", "swiss-roll": "swissroll"}


class DataUnavailableError(KeyedError):
    """A data set's files are missing (or could not be downloaded); the message says where to put them."""


@dataclass(frozen=True)
class DataConfig:
    """What to load: a registry name or ``"file:PATH"`` plus generation/split options.

    Attributes:
        name: Registry name (see :func:`dataset_names`) or ``"file:PATH"``.
        seed: Seed of the train/test split, of the generated sets and of ``limit``.
        limit: Cap on training rows (None = all), chosen by a seeded permutation.
        noise: Noise level of the 2-D toys, in [0, 2] (ignored by other sets).
        n_samples: Total rows of generated sets (shapes, patches, toys), in
            [20, 200000]; 20 % of them form the test split.  None = the set's default.
        data_dir: Extra directory searched first for mnist, fashion-mnist, frey, ...
    """

    name: str = "digits"
    seed: int = 0
    limit: int | None = None
    noise: float = 0.1
    n_samples: int | None = None
    data_dir: str | None = None

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError(f"name must be a non-empty string, got {self.name!r}.")
        name = self.name.strip()
        if not name.startswith(FILE_PREFIX):
            name = name.lower().replace("_", "-")
            name = _ALIASES.get(name, name)
            if name not in _REGISTRY:
                raise ValueError(
                    f"name={self.name!r} is not a known data set; use one of {dataset_names()} "
                    f"or '{FILE_PREFIX}PATH' for a .csv/.npy/.npz file or a .zip of images."
                )
        elif len(name) == len(FILE_PREFIX):
            raise ValueError(f"name={self.name!r} names no file; write it as '{FILE_PREFIX}PATH'.")
        object.__setattr__(self, "name", name)
        # numpy ints are turned into int so that equal configs hash (and cache) alike.
        for field, low, high, optional in (("seed", 0, 2**32 - 1, False), ("limit", 10, None, True),
                                           ("n_samples", 20, 200_000, True)):
            value = getattr(self, field)
            if not (optional and value is None):
                object.__setattr__(self, field, _check_int(field, value, low, high))
        if isinstance(self.noise, bool) or not isinstance(self.noise, int | float | np.floating | np.integer):
            raise ValueError(f"noise must be a number in [0, 2], got {self.noise!r}.")
        if not 0.0 <= float(self.noise) <= 2.0:  # also rejects NaN
            raise ValueError(f"noise must lie in [0, 2], got noise={self.noise!r}.")
        object.__setattr__(self, "noise", float(self.noise))
        if self.data_dir is not None:
            if not isinstance(self.data_dir, str | os.PathLike):
                raise ValueError(f"data_dir must be a path string or None, got {self.data_dir!r}.")
            object.__setattr__(self, "data_dir", os.fspath(self.data_dir))


def _check_int(field: str, value, low: int, high: int | None) -> int:
    """Return ``value`` as an int, or raise a ValueError naming ``field`` unless it lies in [low, high]."""
    allowed = f">= {low}" if high is None else f"in [{low}, {high}]"
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise ValueError(f"{field} must be an integer {allowed}, got {value!r}.")
    if value < low or (high is not None and value > high):
        raise ValueError(f"{field} must be {allowed}, got {field}={value!r}.")
    return int(value)


@dataclass(frozen=True, eq=False)
class Dataset:
    """A train/test pair of row-vector arrays, read-only, with its metadata.

    Attributes:
        name: Registry name or ``"file:..."``.
        x_train: float32 (N, D), C-contiguous, finite.
        y_train: int64 (N,) class labels 0..K-1, or None.
        x_test: float32 (M, D).
        y_test: int64 (M,) or None.
        image_shape: (H, W) with H * W == D when rows are row-major images, else None.
        description: One line for the UI.
        unit_range: True when values lie in [0, 1] (sigmoid output / BCE allowed);
            False for standardized vectors.
        class_names: Names of the K classes, or None.
    """

    name: str
    x_train: np.ndarray
    y_train: np.ndarray | None
    x_test: np.ndarray
    y_test: np.ndarray | None
    image_shape: tuple[int, int] | None
    description: str
    unit_range: bool
    class_names: tuple[str, ...] | None = None

    def __post_init__(self):
        for split in ("train", "test"):
            x = np.ascontiguousarray(getattr(self, f"x_{split}"), dtype=np.float32)
            if x.ndim != 2 or x.shape[1] == 0:
                raise ValueError(f"x_{split} must be 2-D (rows, features), got shape {x.shape}.")
            y = getattr(self, f"y_{split}")
            if y is not None:
                y = np.ascontiguousarray(y, dtype=np.int64)
                if y.shape != (len(x),):
                    raise ValueError(f"y_{split} must have shape ({len(x)},), got {y.shape}.")
                y.flags.writeable = False
            x.flags.writeable = False  # cached and shared: callers must copy before mutating
            object.__setattr__(self, f"x_{split}", x)
            object.__setattr__(self, f"y_{split}", y)
        if self.x_train.shape[1] != self.x_test.shape[1]:
            raise ValueError(f"x_train has {self.x_train.shape[1]} columns but x_test {self.x_test.shape[1]}.")
        if (self.y_train is None) != (self.y_test is None):
            raise ValueError("y_train and y_test must both be arrays or both be None.")
        if self.image_shape is not None:
            shape = tuple(int(s) for s in self.image_shape)
            if len(shape) != 2 or shape[0] * shape[1] != self.dim:
                raise ValueError(f"image_shape={self.image_shape!r} does not match {self.dim} columns.")
            object.__setattr__(self, "image_shape", shape)
        if self.class_names is not None:
            object.__setattr__(self, "class_names", tuple(str(c) for c in self.class_names))

    @property
    def dim(self) -> int:
        """Number of features D per row."""
        return int(self.x_train.shape[1])

    @property
    def n_train(self) -> int:
        """Number of training rows N."""
        return int(self.x_train.shape[0])

    @property
    def n_test(self) -> int:
        """Number of test rows M."""
        return int(self.x_test.shape[0])

    @property
    def n_classes(self) -> int:
        """Number of classes K (0 when the set has no labels)."""
        if self.y_train is None:
            return 0
        if self.class_names is not None:
            return len(self.class_names)
        return int(max(self.y_train.max(initial=-1), self.y_test.max(initial=-1))) + 1


@dataclass(frozen=True)
class DatasetInfo:
    """What the UI needs to list a data set without loading it.

    Attributes:
        name: Registry name (or ``"file:..."``).
        description: One line.
        kind: "images", "vectors" or "toy2d".
        available: Whether it can be loaded now (cheap check: its files exist).
        source: "bundled", "generated" or "files".
    """

    name: str
    description: str
    kind: str
    available: bool
    source: str


@dataclass(frozen=True)
class _Spec:
    loader: str  # "module:function" inside aecore, imported on first use
    description: str
    kind: str
    source: str
    params: tuple[str, ...] = ()  # DataConfig fields the loader reads besides name/seed/limit


_GEN = ("n_samples",)
_TOY = ("n_samples", "noise")
_REGISTRY: dict[str, _Spec] = {
    "digits": _Spec("data.generated:load_digits", "8×8 handwritten digits from scikit-learn (1,797 images, 10 classes)", "images", "bundled"),
    "shapes": _Spec("data.generated:load_shapes", "28×28 outlines of circles, squares, triangles, crosses and lines", "images", "generated", _GEN),
    "patches": _Spec("data.generated:load_patches", "8×8 grey patches of two photos, normalized as in UFLDL's sparse autoencoder", "images", "bundled", _GEN),
    "moons": _Spec("data.generated:load_toy", "two interleaving half-moons in 2-D (2 classes)", "toy2d", "generated", _TOY),
    "circles": _Spec("data.generated:load_toy", "two concentric circles in 2-D (2 classes)", "toy2d", "generated", _TOY),
    "swissroll": _Spec("data.generated:load_toy", "a 2-D Swiss roll, labelled by 4 bands along the roll", "toy2d", "generated", _TOY),
    "spiral": _Spec("data.generated:load_toy", "a two-arm spiral in 2-D (labels = arm)", "toy2d", "generated", _TOY),
    "mnist": _Spec("data.public:load_real", "MNIST handwritten digits, 28×28 (60,000 + 10,000)", "images", "files", ("data_dir",)),
    "fashion-mnist": _Spec("data.public:load_real", "Fashion-MNIST clothing, 28×28 (60,000 + 10,000, 10 classes)", "images", "files", ("data_dir",)),
    "frey": _Spec("data.public:load_real", "Frey faces, 28×20 (1,965 frames of one face, no labels)", "images", "files", ("data_dir",)),
    "olivetti": _Spec("data.public:load_real", "Olivetti faces, 64×64 (400 images of 40 people)", "images", "files", ("data_dir",)),
    "usps": _Spec("data.public:load_real", "USPS zip-code digits, 16×16 (7,291 + 2,007)", "images", "files", ("data_dir",)),
}


def _resolve(loader: str):
    module, func = loader.split(":")
    return getattr(importlib.import_module(f"aecore.{module}"), func)


def dataset_names() -> list[str]:
    """Return the registry names, ``"digits"`` first (user files are not listed)."""
    return list(_REGISTRY)


def dataset_info(name: str) -> DatasetInfo:
    """Describe data set ``name`` without loading it (availability is a cheap file check)."""
    cfg = DataConfig(name=name)  # validates and normalizes the name
    if cfg.name.startswith(FILE_PREFIX):
        path = Path(cfg.name[len(FILE_PREFIX):]).expanduser()
        return DatasetInfo(cfg.name, f"user file {path.name}", "vectors", path.is_file(), "files")
    spec = _REGISTRY[cfg.name]
    available = spec.source != "files" or _resolve("data.public:is_available")(cfg.name)
    return DatasetInfo(cfg.name, spec.description, spec.kind, bool(available), spec.source)


def cache_dir() -> Path:
    """Return the per-user cache directory: ``$AECORE_CACHE_DIR`` or ``~/.cache/diabolo``.

    Not created here; writers create it with mode 0o700 (see :func:`ensure_private_dir`).
    """
    env = os.environ.get("AECORE_CACHE_DIR")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "diabolo"


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by the owner only (mode 0o700); return it."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def data_dirs(explicit: str | None = None) -> list[Path]:
    """Return the directories searched for file-based sets, in order, without duplicates.

    Order: ``explicit``, each entry of ``$AECORE_DATA_DIR`` (``os.pathsep``-separated),
    ``cache_dir()/data`` (where downloads go), ``<repo>/../shared/data`` and
    ``/usr/share/datasets``.  The directories need not exist.
    """
    dirs = [Path(explicit).expanduser()] if explicit else []
    dirs += [Path(p).expanduser() for p in os.environ.get("AECORE_DATA_DIR", "").split(os.pathsep) if p]
    repo = Path(__file__).resolve().parents[2]
    dirs += [cache_dir() / "data", repo.parent / "shared" / "data", Path("/usr/share/datasets")]
    return list(dict.fromkeys(dirs))


def limit_rows(n: int, limit: int | None, seed: int) -> np.ndarray | None:
    """Return the row indices kept by ``limit`` (first ``limit`` of a seeded permutation), or None."""
    if limit is None or limit >= n:
        return None
    return np.random.default_rng(seed).permutation(n)[:limit]


def load_dataset(cfg: DataConfig) -> Dataset:
    """Load (or fetch from the in-process cache) the data set described by ``cfg``.

    Returns read-only arrays shared between callers: copy before mutating.

    Raises:
        DataUnavailableError: a file-based set is missing; the message says where to put it.
        ValueError: a user file is invalid; the message says what and where.
    """
    if not isinstance(cfg, DataConfig):
        raise ValueError(f"cfg must be a DataConfig, got {type(cfg).__name__}.")
    if cfg.name.startswith(FILE_PREFIX):
        path = Path(cfg.name[len(FILE_PREFIX):]).expanduser()
        try:
            st = path.stat()
        except OSError:
            raise ValueError(f"name={cfg.name!r}: no such file {str(path)!r}.") from None
        stamp, params = (st.st_mtime_ns, st.st_size), ()  # an edited file is read again
    else:
        stamp, params = None, _REGISTRY[cfg.name].params
    # Fields a set ignores are reset so that, e.g., digits with noise=0.3 shares the cache entry.
    unused = {f: getattr(DataConfig, f) for f in ("n_samples", "data_dir", "noise") if f not in params}
    return _load_cached(dataclasses.replace(cfg, **unused), stamp)


# Small: one MNIST entry holds ~220 MB of float32.
@functools.lru_cache(maxsize=6)
def _load_cached(cfg: DataConfig, stamp) -> Dataset:
    if cfg.name.startswith(FILE_PREFIX):
        ds = _resolve("data.user:load_user_file")(cfg)
    else:
        ds = _resolve(_REGISTRY[cfg.name].loader)(cfg)
    keep = limit_rows(ds.n_train, cfg.limit, cfg.seed)
    if keep is not None:
        y = None if ds.y_train is None else ds.y_train[keep]
        ds = dataclasses.replace(ds, x_train=ds.x_train[keep], y_train=y)
    # min/max propagate NaN and expose ±inf without allocating a mask as large as the data.
    if not all(np.isfinite(f(x)) for x in (ds.x_train, ds.x_test) for f in (np.min, np.max)):
        raise ValueError(f"data set {cfg.name!r} produced non-finite values; this is a bug in its loader.")
    return ds


def clear_cache() -> None:
    """Forget every cached data set (e.g. after replacing files on disk in the same process)."""
    _load_cached.cache_clear()
    _resolve("data.public:clear_cache")()


def batches(
    x: torch.Tensor,
    batch_size: int,
    generator: torch.Generator | None,
    shuffle: bool = True,
    *,
    drop_last: bool = False,
) -> Iterator[torch.Tensor]:
    """Yield LongTensor row indices of ``x`` in mini-batches; use as ``x[idx]``.

    Args:
        x: Tensor (N, ...); only its length and device are used.
        batch_size: Rows per batch (the last one may be smaller unless ``drop_last``).
        generator: Seeded torch.Generator for the shuffle (None = torch's global one).
        shuffle: Permute the rows once per call (i.e. per epoch).
        drop_last: Skip a final batch smaller than ``batch_size``.

    Yields:
        int64 tensors (B,) on ``x.device``, slices of one permutation: every row once.
    """
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive integer, got {batch_size!r}.")
    n = int(x.shape[0])
    if shuffle:
        # The permutation is drawn where the generator lives, then moved next to x.
        gen_device = generator.device if generator is not None else torch.device("cpu")
        order = torch.randperm(n, generator=generator, device=gen_device).to(x.device)
    else:
        order = torch.arange(n, device=x.device)
    stop = n - n % batch_size if drop_last else n
    for start in range(0, stop, batch_size):
        yield order[start:start + batch_size]

