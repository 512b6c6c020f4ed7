"""User data files (``"file:PATH"``): .csv, .npy, .npz and zips of images, validated with precise messages.

Nothing is ever unpickled: .npy/.npz go through ``np.load(allow_pickle=False)`` and
object arrays are rejected from their header.  Files are size-checked before reading;
zips (of images, or .npz) are checked for their unpacked and decoded size before anything
is unpacked, so a zip bomb is refused cheaply.  :func:`load_user_array` also accepts raw
bytes so the app can validate an upload before :func:`store_upload` keeps it in the
private uploads folder (the only place the app writes a user's data).
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import re
import uuid
import zipfile
import zlib
from pathlib import Path

import numpy as np

from aecore.data.generated import split_indices, standardize
from aecore.data.registry import FILE_PREFIX, DataConfig, Dataset, cache_dir, ensure_private_dir
from aecore.errors import KeyedError

MIN_ROWS = 10
DEFAULT_MAX_MB = 200.0
SUFFIXES = (".csv", ".npy", ".npz", ".zip")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")
MAX_IMAGES = 100_000  # entries of a zip of images
MAX_ZIP_RATIO = 100  # unpacked / packed per entry; PNG and JPEG barely compress again, zip bombs do
RATIO_MIN_BYTES = 2**20  # below this an entry cannot hurt, whatever its ratio


def max_file_bytes() -> int:
    """Return the size cap in bytes: ``$AECORE_MAX_FILE_MB`` megabytes, default 200."""
    raw = os.environ.get("AECORE_MAX_FILE_MB", "")
    try:
        mb = float(raw) if raw else DEFAULT_MAX_MB
    except ValueError:
        raise KeyedError("file.cap_not_number", "AECORE_MAX_FILE_MB must be a number of megabytes, got {raw!r}.",
                         raw=raw) from None
    if not mb > 0:
        raise KeyedError("file.cap_not_positive", "AECORE_MAX_FILE_MB must be positive, got {raw!r}.", raw=raw)
    return int(mb * 1e6)


def _check_size(size: int, filename: str) -> None:
    if size == 0:
        raise KeyedError("file.empty", "{file} is empty (0 bytes); choose a file with data rows.", file=filename)
    cap = max_file_bytes()
    if size > cap:
        raise KeyedError("file.too_large", "{file} is {mb:.1f} MB, above the {cap:g} MB limit; use a smaller "
                         "file or raise the limit with the environment variable AECORE_MAX_FILE_MB.",
                         file=filename, mb=size / 1e6, cap=cap / 1e6)


# ----------------------------------------------------------------------------- readers
def _read_npy(buf: bytes, filename: str) -> np.ndarray:
    f = io.BytesIO(buf)
    try:
        version = np.lib.format.read_magic(f)
        read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
        dtype = read_header(f)[2]
    except (ValueError, EOFError):
        raise KeyedError("npy.bad_header", "{file} is not a valid .npy file (bad header); save it with np.save.",
                         file=filename) from None
    if dtype.hasobject:
        raise KeyedError("npy.object", "{file} holds a NumPy object array: loading it would need pickle, which can "
                         "run arbitrary code; save a plain numeric array instead, e.g. np.save(path, "
                         "x.astype(np.float32)).", file=filename)
    if dtype.names:
        raise KeyedError("npy.structured", "{file} holds a NumPy structured array ({dtype}); save a plain numeric "
                         "array instead, e.g. np.save(path, x.astype(np.float32)).", file=filename, dtype=str(dtype))
    try:
        return np.load(io.BytesIO(buf), allow_pickle=False)
    except (ValueError, EOFError, OSError) as exc:
        raise KeyedError("npy.damaged", "{file} is a damaged .npy file ({detail}).", file=filename,
                         detail=str(exc)) from None


def _read_npz(buf: bytes, filename: str) -> tuple[np.ndarray, np.ndarray | None]:
    try:
        with zipfile.ZipFile(io.BytesIO(buf)) as zf:
            unpacked = sum(info.file_size for info in zf.infolist())
    except zipfile.BadZipFile:
        raise KeyedError("npz.not_zip", "{file} is not a valid .npz file (not a zip archive); save it with np.savez.",
                         file=filename) from None
    if unpacked > max_file_bytes():  # a small archive may expand enormously
        _check_size(unpacked, f"{filename} (uncompressed)")
    with np.load(io.BytesIO(buf), allow_pickle=False) as npz:
        keys = list(npz.files)
        if "x" not in keys:
            raise KeyedError("npz.no_x", "{file} has no array named 'x' (found: {found}); save it as "
                             "np.savez(path, x=features, y=labels).", file=filename, found=", ".join(keys) or "none")
        arrays = []
        for key in ("x", "y"):
            try:
                arrays.append(npz[key] if key in keys else None)
            except ValueError as exc:  # object arrays refuse to load without pickle
                if "allow_pickle" not in str(exc):
                    raise KeyedError("npz.damaged", "{file}: array {array!r} is damaged ({detail}).", file=filename,
                                     array=key, detail=str(exc)) from None
                raise KeyedError("npz.object", "{file}: array {array!r} has dtype object, which cannot be loaded "
                                 "safely; save plain numeric arrays.", file=filename, array=key) from None
    return arrays[0], arrays[1]


def _zip_of_images_entries(zf: zipfile.ZipFile, filename: str) -> list[zipfile.ZipInfo]:
    """The image entries of a zip, checked from its table of contents alone (nothing unpacked yet)."""
    entries = [i for i in zf.infolist() if not i.is_dir()
               and not i.filename.startswith("__MACOSX/") and not Path(i.filename).name.startswith(".")]
    if not entries:
        raise KeyedError("images.none", "{file} holds no images; put .png or .jpg files in the zip "
                         "(optionally in one folder per class).", file=filename)
    if len(entries) > MAX_IMAGES:
        raise KeyedError("images.too_many", "{file} holds {n:,} files; the limit is {limit:,} images.", file=filename,
                         n=len(entries), limit=MAX_IMAGES)
    total = sum(i.file_size for i in entries)
    if total > max_file_bytes():
        _check_size(total, f"{filename} (unpacked)")
    for i in entries:
        if not i.filename.lower().endswith(IMAGE_SUFFIXES):
            raise KeyedError("images.not_image_name", "{file}: {entry!r} is not a PNG or JPEG image; a zip of images "
                             "may hold only .png, .jpg and .jpeg files (in one folder per class, if you have labels).",
                             file=filename, entry=i.filename)
        if i.flag_bits & 0x1:
            raise KeyedError("images.encrypted", "{file}: {entry!r} is encrypted; zip the images without a password.",
                             file=filename, entry=i.filename)
        if i.file_size > RATIO_MIN_BYTES and i.file_size > MAX_ZIP_RATIO * max(i.compress_size, 1):
            raise KeyedError("images.bomb_ratio", "{file}: {entry!r} expands {ratio:.0f}-fold when unpacked (limit "
                             "{limit}); that is a zip bomb, not an image.", file=filename, entry=i.filename,
                             ratio=i.file_size / max(i.compress_size, 1), limit=MAX_ZIP_RATIO)
    return sorted(entries, key=lambda i: i.filename)


def _read_image_zip(buf: bytes, filename: str) -> tuple[np.ndarray, np.ndarray | None, tuple[str, ...] | None]:
    """Decode a zip of same-size PNG/JPEG images to grey values in [0, 1]; labels from folder names."""
    from PIL import Image, UnidentifiedImageError  # Pillow: only needed for this format

    try:
        zf = zipfile.ZipFile(io.BytesIO(buf))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError):
        raise KeyedError("images.bad_zip", "{file} is not a readable zip archive (damaged or truncated); zip the "
                         "images again.", file=filename) from None
    with zf:
        entries = _zip_of_images_entries(zf, filename)
        cap, first, rows = max_file_bytes(), None, []
        for info in entries:
            try:
                with zf.open(info) as f:
                    data = f.read(info.file_size + 1)  # the header may lie: never read more than it says
                if len(data) > info.file_size:
                    raise KeyedError("images.bomb_size", "{file}: {entry!r} is larger than the zip says; refusing "
                                     "it (zip bomb).", file=filename, entry=info.filename)
                with Image.open(io.BytesIO(data)) as im:  # reads the header only
                    if im.format not in ("PNG", "JPEG"):
                        raise KeyedError("images.format", "{file}: {entry!r} is a {format} image; use PNG or JPEG.",
                                         file=filename, entry=info.filename, format=im.format)
                    if first is None:
                        first = (info.filename, im.size)
                        decoded = len(entries) * im.size[0] * im.size[1] * 4
                        if decoded > cap:  # before decoding a single pixel
                            raise KeyedError(
                                "images.decoded_too_large", "{file}: {n:,} images of {w}×{h} pixels take {mb:.0f} MB "
                                "as numbers, above the {cap:g} MB limit; use fewer or smaller images.",
                                file=filename, n=len(entries), w=im.size[0], h=im.size[1], mb=decoded / 1e6,
                                cap=cap / 1e6)
                    elif im.size != first[1]:
                        raise KeyedError(
                            "images.sizes_differ", "{file}: {entry!r} is {w}×{h} pixels but {first!r} is "
                            "{w0}×{h0}; every image must have the same size. Resize them first.", file=filename,
                            entry=info.filename, w=im.size[0], h=im.size[1], first=first[0], w0=first[1][0],
                            h0=first[1][1])
                    rows.append(np.asarray(im.convert("L"), dtype=np.uint8))  # colour → grey
            except Image.DecompressionBombError:
                raise KeyedError("images.bomb_pixels", "{file}: {entry!r} declares an enormous image (a "
                                 "decompression bomb); use images of at most a few thousand pixels a side.",
                                 file=filename, entry=info.filename) from None
            except UnidentifiedImageError:
                raise KeyedError("images.not_image", "{file}: {entry!r} is not a PNG or JPEG image (its content is "
                                 "not an image format); remove it from the zip.", file=filename,
                                 entry=info.filename) from None
            except (OSError, SyntaxError, zipfile.BadZipFile, EOFError, zlib.error) as exc:
                raise KeyedError("images.damaged", "{file}: {entry!r} is a damaged image or zip entry ({detail}); "
                                 "export it again.", file=filename, entry=info.filename, detail=str(exc)) from None
    x = np.stack(rows).astype(np.float32) / np.float32(255.0)  # (N, H, W)
    folders = [str(Path(i.filename).parent) for i in entries]
    if "." in folders or len(set(folders)) < 2:
        return x, None, None
    names = sorted(set(folders))
    return x, np.array([names.index(f) for f in folders]), tuple(Path(n).name for n in names)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _read_csv(buf: bytes, filename: str) -> tuple[np.ndarray, np.ndarray | None, np.ndarray]:
    """Parse numeric CSV; return (values, labels or None, 1-based file line number of each row)."""
    if b"\x00" in buf[:65536]:
        raise KeyedError("csv.binary", "{file} is a binary file (it contains NUL bytes), not CSV text; "
                         "export the data as comma-separated numbers.", file=filename)
    try:
        text = buf.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KeyedError("csv.not_utf8", "{file} is not UTF-8 text (byte 0x{byte:02x} at offset {offset}); "
                         "it may be a binary file; save the CSV as UTF-8.", file=filename, byte=buf[exc.start],
                         offset=exc.start) from None
    lines = [(i + 1, line) for i, line in enumerate(text.splitlines()) if line.strip()]
    if not lines:
        raise KeyedError("csv.blank", "{file} holds no data (only blank lines); write one row of numbers per line.",
                         file=filename)
    first = lines[0][1]
    delim = next((d for d in (",", "\t", ";") if d in first), ",")
    header = [c.strip().strip('"').strip() for c in first.split(delim)]
    has_header = not all(_is_number(c) for c in header)
    label_col = None
    if has_header:
        lowered = [c.lower() for c in header]
        label_col = lowered.index("label") if "label" in lowered else None
        lines = lines[1:]
        if not lines:
            raise KeyedError("csv.header_only", "{file} has a header but no data rows.", file=filename)
    width = len(header)
    body = "\n".join(line for _, line in lines)
    try:
        values = np.loadtxt(io.StringIO(body), delimiter=delim, dtype=np.float64, ndmin=2,
                            comments=None, quotechar='"')
    except ValueError as exc:
        _explain_csv(lines, delim, width, filename)  # raises with line and column
        raise KeyedError("csv.unparsed", "{file} could not be parsed as numeric CSV ({detail}).", file=filename,
                         detail=str(exc)) from None
    labels = None
    if label_col is not None:
        labels = values[:, label_col]
        values = np.delete(values, label_col, axis=1)
    return values, labels, np.array([lineno for lineno, _ in lines])


def _explain_csv(lines: list[tuple[int, str]], delim: str, width: int, filename: str) -> None:
    """Find the first ragged row or non-numeric field (only runs after a parse failure)."""
    for lineno, line in lines:
        fields = line.split(delim)
        if len(fields) != width:
            raise KeyedError("csv.ragged", "{file}: line {line} has {n} values but the first line has {width}; "
                             "every row needs the same number of columns.", file=filename, line=lineno, n=len(fields),
                             width=width)
        for col, field in enumerate(fields, start=1):
            value = field.strip().strip('"').strip()
            if not value:
                raise KeyedError("csv.empty_value", "{file}: line {line}, column {col} is empty; fill in every value.",
                                 file=filename, line=lineno, col=col)
            if not _is_number(value):
                raise KeyedError("csv.not_number", "{file}: line {line}, column {col} holds {value!r}, which is not "
                                 "a number; only numeric columns are allowed (plus a 'label' column).", file=filename,
                                 line=lineno, col=col, value=value[:30])


# ----------------------------------------------------------------------------- validation
def _check_features(x: np.ndarray, filename: str, line_numbers: np.ndarray | None) -> np.ndarray:
    if x.dtype.kind not in "biuf":
        raise KeyedError("data.not_numeric", "{file}: features must be numeric, got dtype {dtype}.", file=filename,
                         dtype=str(x.dtype))
    if x.ndim not in (2, 3):
        raise KeyedError("data.bad_shape", "{file}: features must be 2-D (rows × columns) or 3-D (rows × height × "
                         "width), got shape {shape}; reshape it, e.g. x.reshape(len(x), -1).", file=filename,
                         shape=str(x.shape))
    if len(x) < MIN_ROWS:
        raise KeyedError("data.too_few_rows", "{file} has {n} row(s); at least {min} are needed for a train/test "
                         "split.", file=filename, n=len(x), min=MIN_ROWS)
    flat = x.reshape(len(x), -1)
    if flat.shape[1] == 0:
        raise KeyedError("data.no_columns", "{file} has rows but no feature columns.", file=filename)
    bad = ~np.isfinite(flat) if x.dtype.kind == "f" else None
    if bad is not None and bad.any():
        row, col = np.argwhere(bad)[0]
        if line_numbers is not None:
            raise KeyedError("data.not_finite_line", "{file}: {value} at line {line}, column {col}; all values must "
                             "be finite numbers (fill or drop missing values first).", file=filename,
                             value=str(flat[row, col]), line=int(line_numbers[row]), col=int(col) + 1)
        raise KeyedError("data.not_finite_row", "{file}: {value} at row {row}, column {col} (1-based); all values "
                         "must be finite numbers (fill or drop missing values first).", file=filename,
                         value=str(flat[row, col]), row=int(row) + 1, col=int(col) + 1)
    return flat


def _check_labels(y: np.ndarray | None, n: int, filename: str) -> tuple[np.ndarray | None, tuple[str, ...] | None]:
    """Validate labels and map them to 0..K-1; return (labels, class names = original values)."""
    if y is None:
        return None, None
    y = np.asarray(y)
    if y.ndim != 1 or len(y) != n:
        raise KeyedError("labels.bad_shape", "{file}: labels must have one value per row ({n}), got shape {shape}.",
                         file=filename, n=n, shape=str(y.shape))
    if y.dtype.kind not in "biuf":
        raise KeyedError("labels.not_integer", "{file}: labels must be integers, got dtype {dtype}.", file=filename,
                         dtype=str(y.dtype))
    if y.dtype.kind == "f" and not (np.isfinite(y).all() and (y == np.round(y)).all()):
        bad = np.flatnonzero(~np.isfinite(y) | (y != np.round(y)))[0]
        raise KeyedError("labels.not_whole", "{file}: labels must be whole numbers; row {row} has {value}.",
                         file=filename, row=int(bad) + 1, value=str(y[bad]))
    classes, codes = np.unique(y.astype(np.int64), return_inverse=True)
    return codes.astype(np.int64), tuple(str(c) for c in classes)


# ----------------------------------------------------------------------------- public
def load_user_array(source: str | os.PathLike | bytes, filename: str | None = None, *, seed: int = 0) -> Dataset:
    """Read and validate a user's .csv/.npy/.npz file or zip of images (a path, or the bytes of an upload).

    Values all in [0, 1] are kept (unit_range=True); otherwise columns are standardized
    with train statistics.  Rows of a perfect-square width (>= 16) or 3-D arrays become
    images.  A zip of PNG/JPEG images of one size becomes grey images in [0, 1], labelled
    by their folders when there are two or more.  20 % of the rows form the test split,
    stratified when labels allow.

    Args:
        source: Path of the file, or its content as bytes.
        filename: Name used for the format (by suffix) and in messages; defaults to the path's.
        seed: Split seed.

    Raises:
        ValueError: the file is empty, too large, not numeric, ragged, non-finite, ... —
            the message names the file and, where it applies, the line and column.
    """
    if isinstance(source, bytes | bytearray | memoryview):
        if filename is None:
            raise ValueError("filename is required with bytes, to tell the format (.csv, .npy, .npz or .zip).")
        buf = bytes(source)
        _check_size(len(buf), filename)
    else:
        path = Path(source).expanduser()
        filename = filename or path.name
        if not path.is_file():
            raise KeyedError("file.missing", "no such file: {path!r}.", path=str(path))
        _check_size(path.stat().st_size, filename)  # before reading a single byte
        buf = path.read_bytes()
    suffix = Path(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise KeyedError("file.type", "{file}: unsupported file type {suffix!r}; use one of {allowed}.", file=filename,
                         suffix=suffix or "(none)", allowed=", ".join(SUFFIXES))
    y, line_numbers, folder_names = None, None, None
    if suffix == ".npy":
        x = _read_npy(buf, filename)
    elif suffix == ".npz":
        x, y = _read_npz(buf, filename)
    elif suffix == ".zip":
        x, y, folder_names = _read_image_zip(buf, filename)
    else:
        x, y, line_numbers = _read_csv(buf, filename)
    image_shape = tuple(x.shape[1:]) if x.ndim == 3 else None
    x = _check_features(x, filename, line_numbers)
    y, class_names = _check_labels(y, len(x), filename)
    class_names = folder_names or class_names
    side = math.isqrt(x.shape[1])
    if image_shape is None and x.shape[1] >= 16 and side * side == x.shape[1]:
        image_shape = (side, side)
    x = x.astype(np.float32)
    tr, te = split_indices(len(x), y, 0.2, seed)
    unit = bool(x.min() >= 0.0 and x.max() <= 1.0)
    x_train, x_test = (x[tr], x[te]) if unit else standardize(x[tr], x[te])
    labels = f", {len(class_names)} classes" if class_names else ""
    return Dataset(f"{FILE_PREFIX}{filename}", x_train, None if y is None else y[tr], x_test,
                   None if y is None else y[te], image_shape,
                   f"user file {filename}: {len(x):,} rows × {x.shape[1]} columns{labels}"
                   + ("" if unit else " (standardized)"), unit, class_names)


def load_user_file(cfg: DataConfig) -> Dataset:
    """Load ``cfg.name == "file:PATH"`` with ``cfg.seed`` (the loader behind load_dataset)."""
    path = cfg.name[len(FILE_PREFIX):]
    if not Path(path).expanduser().is_file():  # named by its file name: the folder is this server's business
        raise ValueError(f"the data file {Path(path).name!r} is no longer on this server (its uploads folder may "
                         "have been cleared); upload it again under 'Your own data'.")
    ds = load_user_array(path, Path(path).name, seed=cfg.seed)
    return Dataset(cfg.name, ds.x_train, ds.y_train, ds.x_test, ds.y_test, ds.image_shape,
                   ds.description, ds.unit_range, ds.class_names)


def display_name(data_name: str) -> str:
    """A data set's name as people read it: a ``file:PATH`` set by its file name alone.

    The path of an upload lies in this server's private cache; showing it would tell a
    browser where the server keeps its files and means nothing to the person who uploaded it.
    """
    return Path(data_name[len(FILE_PREFIX):]).name if data_name.startswith(FILE_PREFIX) else data_name


# ----------------------------------------------------------------------------- uploads
def uploads_dir(create: bool = True) -> Path:
    """Where the app keeps uploaded data files: ``cache_dir()/uploads``, readable by the owner only."""
    path = cache_dir() / "uploads"
    if create:
        ensure_private_dir(cache_dir())  # created level by level: mkdir(parents=True) ignores the mode
        ensure_private_dir(path)
    return path


def _safe_filename(filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    stem = re.sub(r"[^\w.\-]", "", Path(filename).stem.replace(" ", "-")).lstrip(".")[:60]
    return (stem or "data") + suffix


def store_upload(data: bytes, filename: str) -> Path:
    """Validate an uploaded file, keep it in :func:`uploads_dir` and return its path (for ``"file:PATH"``).

    The folder is named by the content's hash, so the same upload is stored once and a run
    trained on it finds its data again; files are written atomically with mode 0o600.

    Raises:
        ValueError: the file is not usable (see :func:`load_user_array`); nothing is written.
    """
    load_user_array(data, filename)
    folder = ensure_private_dir(uploads_dir() / hashlib.sha256(bytes(data)).hexdigest()[:32])
    path = folder / _safe_filename(filename)
    if path.is_file() and path.stat().st_size == len(data):
        return path
    tmp = folder / f".tmp-{uuid.uuid4().hex}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
