"""Public data sets read from files: MNIST, Fashion-MNIST, Frey faces, Olivetti faces, USPS.

Files are looked up as ``DIR/<name>/<file>`` for each DIR of :func:`aecore.data.registry.data_dirs`;
nothing is fetched implicitly.  :func:`download` fetches mnist, fashion-mnist and frey
from public mirrors into the user cache, verifying their sha256.  Raw file contents
are cached in-process, keyed by path, modification time and size.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import http.client
import io
import os
import ssl
import struct
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

import numpy as np
import scipy.io

from aecore.data import registry as _data
from aecore.data.generated import split_indices
from aecore.data.registry import DataConfig, Dataset, DataUnavailableError

_IDX = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")
_FASHION_CLASSES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")
# name -> (title, files as stored by the canonical release, manual source when not downloadable)
_FILES = {
    "mnist": ("MNIST", tuple(f + ".gz" for f in _IDX), None),
    "fashion-mnist": ("Fashion-MNIST", tuple(f + ".gz" for f in _IDX), None),
    "frey": ("Frey faces", ("frey_rawface.mat",), None),
    "olivetti": ("Olivetti faces", ("olivettifaces.mat",), "https://cs.nyu.edu/~roweis/data.html"),
    "usps": ("USPS digits", ("zip.train.gz", "zip.test.gz"), "https://hastie.su.domains/ElemStatLearn/data.html"),
}
# name -> (mirror base URL, {file: sha256 of the canonical file})
DOWNLOADS = {
    "mnist": ("https://ossci-datasets.s3.amazonaws.com/mnist/", {
        "train-images-idx3-ubyte.gz": "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
        "train-labels-idx1-ubyte.gz": "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
        "t10k-images-idx3-ubyte.gz": "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
        "t10k-labels-idx1-ubyte.gz": "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"}),
    "fashion-mnist": ("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/", {
        "train-images-idx3-ubyte.gz": "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
        "train-labels-idx1-ubyte.gz": "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
        "t10k-images-idx3-ubyte.gz": "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
        "t10k-labels-idx1-ubyte.gz": "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"}),
    "frey": ("https://cs.nyu.edu/~roweis/data/", {
        "frey_rawface.mat": "265a83a23adb081755cd3de375509828e690324d1d60f076b8ecebc840d59c64"}),
}


# ----------------------------------------------------------------------------- locating files
def find_files(name: str, explicit: str | None = None) -> list[Path] | None:
    """Return the paths of data set ``name``'s files from the first directory holding all of them.

    Each file may also be present without its ``.gz`` suffix (already decompressed).
    Returns None when no directory of :func:`aecore.data.registry.data_dirs` has them all.
    """
    files = _FILES[name][1]
    for base in _data.data_dirs(explicit):
        folder = base / name
        found = []
        for file in files:
            candidates = [folder / file] + ([folder / file[:-3]] if file.endswith(".gz") else [])
            hit = next((p for p in candidates if p.is_file()), None)
            if hit is None:
                break
            found.append(hit)
        else:
            return found
    return None


def is_available(name: str) -> bool:
    """Return whether data set ``name``'s files exist in one of the default data directories."""
    return find_files(name) is not None


def _require(name: str, explicit: str | None) -> list[Path]:
    found = find_files(name, explicit)
    if found is not None:
        return found
    title, files, source = _FILES[name]
    where = ", ".join(str(d / name) for d in _data.data_dirs(explicit))
    if name in DOWNLOADS:
        raise DataUnavailableError(
            "data.unavailable", "{title} is not available offline: put {files} into one of: {where} (or set "
            "AECORE_DATA_DIR), or run `python -m aecore download {name}`.",
            title=title, files=", ".join(files), where=where, name=name)
    raise DataUnavailableError(
        "data.unavailable_elsewhere", "{title} is not available offline: put {files} into one of: {where} (or set "
        "AECORE_DATA_DIR); get them from {source} (`python -m aecore download` cannot fetch this set).",
        title=title, files=", ".join(files), where=where, source=source, name=name)


def _stamp(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return str(path), st.st_mtime_ns, st.st_size


# ----------------------------------------------------------------------------- IDX
_IDX_DTYPES = {0x08: "u1", 0x09: "i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


def parse_idx(buf: bytes, source: str = "IDX data") -> np.ndarray:
    """Parse the bytes of an (uncompressed) IDX file into a read-only array of its shape.

    Raises:
        ValueError: bad magic number, truncated header or a size that disagrees with
            the header; the message names ``source``.
    """
    if len(buf) < 4 or buf[0] != 0 or buf[1] != 0 or buf[2] not in _IDX_DTYPES or not 1 <= buf[3] <= 4:
        raise ValueError(
            f"{source} is not an IDX file: its magic number is 0x{buf[:4].hex() or 'empty'}, expected "
            "0x00000801 (labels) or 0x00000803 (images); the file is corrupt or not what its name says "
            "(delete it and fetch it again)."
        )
    ndim = buf[3]
    header = 4 + 4 * ndim
    if len(buf) < header:
        raise ValueError(f"{source} is truncated: {len(buf)} bytes, shorter than its {header}-byte IDX header.")
    dims = struct.unpack(f">{ndim}I", buf[4:header])
    dtype = np.dtype(_IDX_DTYPES[buf[2]])
    expected = int(np.prod(dims, dtype=np.int64)) * dtype.itemsize
    if len(buf) - header != expected:
        raise ValueError(
            f"{source} is corrupt: its IDX header announces shape {dims} ({expected:,} data bytes) but "
            f"{len(buf) - header:,} bytes follow; delete it and fetch it again."
        )
    arr = np.frombuffer(buf, dtype=dtype, offset=header).reshape(dims)
    return arr if dtype.isnative else arr.astype(dtype.newbyteorder("="))


def _read_bytes(path: Path) -> bytes:
    """Read a file, transparently gunzipping it when it starts with the gzip magic bytes."""
    raw = path.read_bytes()
    if raw[:2] != b"\x1f\x8b":
        return raw
    try:
        return gzip.decompress(raw)  # whole buffer at once: ~0.2 s for MNIST's 47 MB
    except (OSError, EOFError, zlib.error) as exc:
        raise ValueError(f"{path} is a damaged gzip file ({exc}); delete it and fetch it again.") from None


@functools.lru_cache(maxsize=16)
def _idx_cached(path: str, mtime_ns: int, size: int) -> np.ndarray:
    return parse_idx(_read_bytes(Path(path)), source=path)


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """Read an IDX file (gzipped or not) into a read-only array, cached per path/mtime/size."""
    return _idx_cached(*_stamp(Path(path)))


def _to_unit(images: np.ndarray) -> np.ndarray:
    """uint8 (N, ...) -> float32 (N, D) in [0, 1], in a single pass."""
    return np.divide(images.reshape(len(images), -1), np.float32(255), dtype=np.float32)


def _load_idx_set(cfg: DataConfig) -> Dataset:
    paths = _require(cfg.name, cfg.data_dir)
    x_tr, y_tr, x_te, y_te = (read_idx(p) for p in paths)
    for images, labels, img_path in ((x_tr, y_tr, paths[0]), (x_te, y_te, paths[2])):
        if images.ndim != 3 or images.dtype != np.uint8:
            raise ValueError(f"{img_path} must hold uint8 images (N, H, W), got {images.dtype} {images.shape}.")
        if labels.shape != (len(images),) or labels.max(initial=0) > 9:
            raise ValueError(f"labels do not match {img_path}: shape {labels.shape}, expected ({len(images)},) in 0..9.")
    if x_tr.shape[1:] != x_te.shape[1:]:
        raise ValueError(f"train images are {x_tr.shape[1:]} but test images {x_te.shape[1:]} in {paths[0].parent}.")
    keep = _data.limit_rows(len(x_tr), cfg.limit, cfg.seed)
    if keep is not None:  # subset before converting: limit=1000 then costs ~nothing
        x_tr, y_tr = x_tr[keep], y_tr[keep]
    title = _FILES[cfg.name][0]
    names = _FASHION_CLASSES if cfg.name == "fashion-mnist" else tuple(str(d) for d in range(10))
    h, w = x_tr.shape[1:]
    return Dataset(cfg.name, _to_unit(x_tr), y_tr, _to_unit(x_te), y_te, (h, w),
                   f"{title}, {h}×{w} ({len(x_tr):,} train + {len(x_te):,} test, 10 classes)", True, names)


# ----------------------------------------------------------------------------- .mat and text
def _read_mat(path: Path, var: str) -> np.ndarray:
    try:
        mat = scipy.io.loadmat(path, variable_names=[var])  # MATLAB v5: plain arrays, no pickle
    except NotImplementedError:
        raise ValueError(f"{path} is a MATLAB v7.3 file, which is not supported; re-save it with -v7.") from None
    except Exception as exc:  # scipy raises many types for damaged files
        raise ValueError(f"{path} could not be read as a MATLAB file ({exc}); delete it and fetch it again.") from None
    if var not in mat:
        raise ValueError(f"{path} has no variable {var!r}; it is not the expected file.")
    return np.asarray(mat[var])


def _load_frey(cfg: DataConfig) -> Dataset:
    (path,) = _require("frey", cfg.data_dir)
    ff = _read_mat(path, "ff")
    if ff.ndim != 2 or ff.shape[0] != 28 * 20:
        raise ValueError(f"{path}: variable 'ff' must be 560 × N (one 28×20 face a column), got {ff.shape}.")
    x = _to_unit(np.ascontiguousarray(ff.T))  # columns are images, stored row-major
    tr, te = split_indices(len(x), None, 0.1, cfg.seed)
    return Dataset("frey", x[tr], None, x[te], None, (28, 20),
                   f"Frey faces, 28×20 ({len(x):,} frames of one face, no labels)", True)


def _load_olivetti(cfg: DataConfig) -> Dataset:
    (path,) = _require("olivetti", cfg.data_dir)
    faces = _read_mat(path, "faces")
    if faces.shape != (4096, 400):
        raise ValueError(f"{path}: variable 'faces' must be 4096 × 400, got {faces.shape}.")
    # Each column is a 64×64 image stored column-major: transpose every image to row-major.
    x = _to_unit(np.ascontiguousarray(faces.T.reshape(400, 64, 64).transpose(0, 2, 1)))
    y = np.arange(400, dtype=np.int64) // 10  # 40 people × 10 images, in order
    tr, te = split_indices(400, y, 0.2, cfg.seed)
    return Dataset("olivetti", x[tr], y[tr], x[te], y[te], (64, 64),
                   "Olivetti faces, 64×64 (400 images of 40 people)", True, tuple(f"person {i + 1}" for i in range(40)))


@functools.lru_cache(maxsize=4)
def _usps_cached(path: str, mtime_ns: int, size: int) -> tuple[np.ndarray, np.ndarray]:
    try:
        rows = np.loadtxt(io.BytesIO(_read_bytes(Path(path))), dtype=np.float64, ndmin=2)
    except ValueError as exc:
        raise ValueError(f"{path} is not a USPS zip.*.gz text file ({exc}).") from None
    if rows.shape[1] != 257:
        raise ValueError(f"{path} must hold rows of 257 numbers (label + 16×16 pixels), got {rows.shape[1]}.")
    x = np.clip((rows[:, 1:] + 1.0) / 2.0, 0.0, 1.0).astype(np.float32)  # [-1, 1] -> [0, 1]
    return x, rows[:, 0].astype(np.int64)


def _load_usps(cfg: DataConfig) -> Dataset:
    train, test = _require("usps", cfg.data_dir)
    x_tr, y_tr = _usps_cached(*_stamp(train))
    x_te, y_te = _usps_cached(*_stamp(test))
    return Dataset("usps", x_tr, y_tr, x_te, y_te, (16, 16),
                   f"USPS zip-code digits, 16×16 ({len(x_tr):,} + {len(x_te):,})", True,
                   tuple(str(d) for d in range(10)))


def load_real(cfg: DataConfig) -> Dataset:
    """Load the file-based set ``cfg.name``; raise DataUnavailableError when its files are missing."""
    loaders = {"mnist": _load_idx_set, "fashion-mnist": _load_idx_set, "frey": _load_frey,
               "olivetti": _load_olivetti, "usps": _load_usps}
    return loaders[cfg.name](cfg)


def clear_cache() -> None:
    """Forget the raw file contents cached by this module."""
    _idx_cached.cache_clear()
    _usps_cached.cache_clear()


# ----------------------------------------------------------------------------- download
def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def download(
    name: str,
    dest: str | os.PathLike | None = None,
    progress: Callable[[int, int | None, str], None] | None = None,
    timeout: float = 30.0,
) -> Path:
    """Download data set ``name`` (mnist, fashion-mnist or frey) and verify its sha256.

    Files already present with the right checksum are kept.  Each file streams into a
    temporary file in the destination and is renamed only once its sha256 matches.

    Args:
        name: "mnist", "fashion-mnist" or "frey".
        dest: Target folder; default ``cache_dir()/data/<name>`` (created with mode 0o700),
            which :func:`aecore.data.registry.data_dirs` searches.
        progress: Called as ``progress(bytes_done, bytes_total, filename)`` after every
            chunk; ``bytes_total`` is None when the server does not say.
        timeout: Socket timeout in seconds.

    Returns:
        The folder holding the files.

    Raises:
        DataUnavailableError: offline, server error or checksum mismatch; the message
            says where to put the files by hand.
    """
    key = DataConfig(name=name).name if isinstance(name, str) and name.strip() else name
    if key not in DOWNLOADS:
        raise ValueError(f"name={name!r} cannot be downloaded; use one of {sorted(DOWNLOADS)}.")
    base, files = DOWNLOADS[key]
    if dest is None:
        folder = _data.cache_dir() / "data" / key
        for level in (folder.parents[1], folder.parent, folder):  # each level private, not just the leaf
            _data.ensure_private_dir(level)
    else:
        folder = _data.ensure_private_dir(Path(dest).expanduser())
    for filename, sha in files.items():
        target = folder / filename
        if target.is_file() and _sha256_file(target) == sha:
            if progress is not None:
                progress(target.stat().st_size, target.stat().st_size, filename)
            continue
        _fetch(key, base + filename, target, sha, progress, timeout)
    return folder


def _fetch(name: str, url: str, target: Path, sha: str, progress, timeout: float) -> None:
    title, names, _ = _FILES[name]
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        digest = hashlib.sha256()
        with os.fdopen(fd, "wb") as out:
            try:
                with urlopen(Request(url, headers={"User-Agent": "diabolo-aecore"}), timeout=timeout) as resp:
                    total = int(resp.headers.get("Content-Length") or 0) or None
                    done = 0
                    while chunk := resp.read(1 << 20):
                        out.write(chunk)
                        digest.update(chunk)
                        done += len(chunk)
                        if progress is not None:
                            progress(done, total, target.name)
            except (URLError, TimeoutError, ConnectionError, ssl.SSLError, http.client.HTTPException) as exc:
                # Network trouble only: a local write error (disk full) propagates as itself.
                reason = exc if isinstance(exc, HTTPError) else getattr(exc, "reason", None) or exc
                raise DataUnavailableError(
                    "data.download_failed", "Could not download {title} ({url}: {reason}); this machine may be "
                    "offline. Get the files elsewhere and put {files} into {folder} or into <DIR>/{name} for a DIR "
                    "in AECORE_DATA_DIR.", title=title, url=url, reason=str(reason), files=", ".join(names),
                    folder=str(target.parent), name=name) from None
        if digest.hexdigest() != sha:
            raise DataUnavailableError(
                "data.download_damaged", "Downloaded {file} from {url} has sha256 {got}, expected {sha}: the file is "
                "damaged or not the canonical one and was discarded. Retry, or put {files} into {folder} or into "
                "<DIR>/{name} for a DIR in AECORE_DATA_DIR.", file=target.name, url=url, got=digest.hexdigest(),
                sha=sha, files=", ".join(names), folder=str(target.parent), name=name)
        os.replace(tmp, target)  # atomic: readers never see a half-written file
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
