"""Tests of the data layer: registry sets, real files, IDX parsing, user files, download, batches."""

from __future__ import annotations

import ast
import dataclasses
import gzip
import hashlib
import io
import os
import struct
import sys
import time
import urllib.error
from pathlib import Path

import numpy as np
import pytest
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from anywhere, not only the repo root

from aecore.data import generated as synthetic
from aecore.data import public as realdata
from aecore.data import registry as data
from aecore.data import user as userdata  # noqa: E402
from aecore.data.registry import DataConfig, DataUnavailableError, load_dataset  # noqa: E402

SHARED = Path(data.__file__).resolve().parents[3] / "shared" / "data"
MY_FILES = ("registry.py", "generated.py", "public.py", "user.py")  # the aecore.data package


# ----------------------------------------------------------------------------- fixtures
@pytest.fixture
def no_data_dirs(tmp_path, monkeypatch):
    """Point every data directory at two empty folders; return them."""
    dirs = [tmp_path / "a", tmp_path / "b"]
    monkeypatch.setattr(data, "data_dirs", lambda explicit=None: dirs)
    monkeypatch.setenv("AECORE_CACHE_DIR", str(tmp_path / "cache"))
    data.clear_cache()
    yield dirs
    data.clear_cache()


def _idx_bytes(arr: np.ndarray) -> bytes:
    code = {np.uint8: 0x08, np.int32: 0x0C}[arr.dtype.type]
    header = struct.pack(">HBB", 0, code, arr.ndim) + struct.pack(f">{arr.ndim}I", *arr.shape)
    return header + arr.astype(arr.dtype.newbyteorder(">")).tobytes()


def _write_tiny_mnist(folder: Path, n_train: int = 30, n_test: int = 12, gz: bool = True) -> dict:
    rng = np.random.default_rng(0)
    arrays = {
        "train-images-idx3-ubyte": rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8),
        "train-labels-idx1-ubyte": (np.arange(n_train) % 10).astype(np.uint8),
        "t10k-images-idx3-ubyte": rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
        "t10k-labels-idx1-ubyte": (np.arange(n_test) % 10).astype(np.uint8),
    }
    folder.mkdir(parents=True, exist_ok=True)
    for i, (stem, arr) in enumerate(arrays.items()):
        raw = _idx_bytes(arr)
        if gz and i % 2 == 0:  # mix gzipped and raw files: both must be found
            (folder / f"{stem}.gz").write_bytes(gzip.compress(raw))
        else:
            (folder / stem).write_bytes(raw)
    return arrays


def _load_or_skip(cfg: DataConfig):
    try:
        return load_dataset(cfg)
    except DataUnavailableError as exc:
        pytest.skip(f"{cfg.name} not available: {exc}")


# ----------------------------------------------------------------------------- registry
def test_names_and_info():
    names = data.dataset_names()
    assert names[0] == "digits"
    assert {"shapes", "patches", "moons", "circles", "swissroll", "spiral", "mnist", "fashion-mnist", "frey"} <= set(names)
    for name in names:
        info = data.dataset_info(name)
        assert info.name == name and info.description and "\n" not in info.description
        assert info.kind in ("images", "vectors", "toy2d") and info.source in ("bundled", "generated", "files")
        assert info.available or info.source == "files"
    assert data.dataset_info("Fashion_MNIST").name == "fashion-mnist"


@pytest.mark.parametrize("name", data.dataset_names())
def test_every_set_loads_with_invariants(name):
    cfg = DataConfig(name=name, seed=1)
    ds = _load_or_skip(cfg)
    assert ds.name == name and ds.description and "\n" not in ds.description
    for x in (ds.x_train, ds.x_test):
        assert x.dtype == np.float32 and x.ndim == 2 and x.flags.c_contiguous
        assert not x.flags.writeable and np.isfinite(x).all()
        assert x.shape[1] == ds.dim and len(x) > 0
    if ds.unit_range:
        assert ds.x_train.min() >= 0 and ds.x_train.max() <= 1 and ds.x_test.min() >= 0 and ds.x_test.max() <= 1
    if ds.image_shape is not None:
        assert ds.image_shape[0] * ds.image_shape[1] == ds.dim
    if ds.y_train is None:
        assert ds.y_test is None and ds.n_classes == 0
    else:
        assert ds.y_train.dtype == np.int64 and ds.y_train.shape == (ds.n_train,) and ds.y_test.shape == (ds.n_test,)
        assert 0 <= ds.y_train.min() and ds.y_train.max() < ds.n_classes
        assert ds.class_names is None or len(ds.class_names) == ds.n_classes
    assert load_dataset(cfg) is ds  # cached
    again = data._load_cached.__wrapped__(cfg, None)  # determinism: a fresh build, raw file caches kept
    assert again is not ds
    np.testing.assert_array_equal(again.x_train, ds.x_train)
    np.testing.assert_array_equal(again.x_test, ds.x_test)
    limited = load_dataset(dataclasses.replace(cfg, limit=10))
    assert limited.n_train == 10 and limited.n_test == ds.n_test


@pytest.mark.parametrize(("field", "value", "match"), [
    ("limit", 5, "limit must be >= 10, got limit=5"),
    ("limit", 2.5, "limit must be an integer"),
    ("noise", 3.0, r"noise must lie in \[0, 2\], got noise=3.0"),
    ("noise", float("nan"), "noise must lie"),
    ("n_samples", 10, r"n_samples must be in \[20, 200000\], got n_samples=10"),
    ("n_samples", 300_000, "n_samples must be in"),
    ("seed", -1, "seed must be in"),
    ("seed", True, "seed must be an integer"),
    ("name", "nope", "name='nope' is not a known data set; use one of"),
    ("name", "file:", "names no file"),
])
def test_config_validation(field, value, match):
    with pytest.raises(ValueError, match=match):
        DataConfig(**{field: value})


def test_irrelevant_fields_share_the_cache():
    assert load_dataset(DataConfig(noise=0.5, n_samples=50)) is load_dataset(DataConfig())


# ----------------------------------------------------------------------------- generated / bundled
def test_digits_split_is_stratified_and_seeded():
    ds = load_dataset(DataConfig(name="digits"))
    assert (ds.n_train, ds.n_test, ds.image_shape) == (1437, 360, (8, 8))
    share = np.bincount(ds.y_test, minlength=10) / np.bincount(np.r_[ds.y_train, ds.y_test], minlength=10)
    assert np.allclose(share, 0.2, atol=0.02)
    other = load_dataset(DataConfig(name="digits", seed=5))
    assert not np.array_equal(other.x_test, ds.x_test)


def test_shapes_balanced_distinct_and_fast():
    start = time.process_time()  # CPU time: robust to other processes sharing the machine
    ds = synthetic.load_shapes(DataConfig(name="shapes"))
    assert time.process_time() - start < 1.0
    assert (ds.n_train, ds.n_test, ds.image_shape) == (6000, 1500, (28, 28))
    counts = np.bincount(np.r_[ds.y_train, ds.y_test])
    assert counts.max() - counts.min() <= 1 and len(counts) == len(ds.class_names)
    assert len(np.unique(ds.x_train, axis=0)) == ds.n_train
    means = np.stack([ds.x_train[ds.y_train == k].mean(0) for k in range(ds.n_classes)])
    assert np.abs(means[:, None] - means[None]).sum(-1)[~np.eye(len(means), dtype=bool)].min() > 1.0
    assert (ds.x_train.max(1) > 0.5).all()  # every image has ink
    assert load_dataset(DataConfig(name="shapes", n_samples=100, seed=2)).n_train == 80


def test_patches_in_ufldl_range():
    ds = load_dataset(DataConfig(name="patches", n_samples=2000))
    assert ds.unit_range and ds.image_shape == (8, 8) and ds.dim == 64
    for x in (ds.x_train, ds.x_test):
        assert x.min() >= 0.1 and x.max() <= 0.9
    assert abs(float(ds.x_train.mean()) - 0.5) < 0.01  # mean-removed patches sit at the centre


@pytest.mark.parametrize("name", ["moons", "circles", "swissroll", "spiral"])
def test_toys_standardized(name):
    ds = load_dataset(DataConfig(name=name, noise=0.05))
    assert ds.dim == 2 and ds.image_shape is None and not ds.unit_range
    assert (ds.n_train, ds.n_test) == (1600, 400)
    np.testing.assert_allclose(ds.x_train.mean(0), 0, atol=1e-5)
    np.testing.assert_allclose(ds.x_train.std(0), 1, atol=1e-4)
    assert ds.n_classes >= 2
    quiet = load_dataset(DataConfig(name=name, noise=0.0))
    assert not np.array_equal(quiet.x_train, ds.x_train)


# ----------------------------------------------------------------------------- real files
def test_real_mnist_from_shared():
    if not (SHARED / "mnist").is_dir():
        pytest.skip(f"no shared data at {SHARED}")
    data.clear_cache()  # time a cold read of the .gz files
    start = time.process_time()
    ds = load_dataset(DataConfig(name="mnist", data_dir=str(SHARED)))
    elapsed = time.process_time() - start
    assert ds.x_train.shape == (60000, 784) and ds.x_test.shape == (10000, 784) and ds.image_shape == (28, 28)
    assert np.bincount(ds.y_test).tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
    print(f"MNIST cold read: {elapsed:.2f} s of CPU")  # speed: bench/, not a timed assert
    small = load_dataset(DataConfig(name="mnist", data_dir=str(SHARED), limit=500, seed=3))
    keep = np.random.default_rng(3).permutation(60000)[:500]
    np.testing.assert_array_equal(small.x_train, ds.x_train[keep])


def test_tiny_idx_written_by_test(tmp_path):
    arrays = _write_tiny_mnist(tmp_path / "mnist")
    ds = load_dataset(DataConfig(name="mnist", data_dir=str(tmp_path)))
    assert (ds.n_train, ds.n_test) == (30, 12)
    np.testing.assert_array_equal(ds.x_train, arrays["train-images-idx3-ubyte"].reshape(30, -1) / np.float32(255))
    np.testing.assert_array_equal(ds.y_test, arrays["t10k-labels-idx1-ubyte"])
    ints = np.arange(24, dtype=np.int32).reshape(2, 3, 4) - 5
    for blob in (_idx_bytes(ints), gzip.compress(_idx_bytes(ints))):
        (tmp_path / "ints.idx").write_bytes(blob)
        data.clear_cache()
        np.testing.assert_array_equal(realdata.read_idx(tmp_path / "ints.idx"), ints)


@pytest.mark.parametrize(("blob", "match"), [
    (b"\x12\x34\x08\x03" + bytes(20), "not an IDX file: its magic number is 0x12340803"),
    (b"", "not an IDX file"),
    (b"\x00\x00\x08\x03\x00\x00", "truncated"),
    (_idx_bytes(np.zeros((3, 4, 4), np.uint8))[:-5], r"announces shape \(3, 4, 4\) \(48 data bytes\) but 43"),
])
def test_corrupt_idx_rejected(tmp_path, blob, match):
    with pytest.raises(ValueError, match=match):
        realdata.parse_idx(blob, "bad.idx")
    path = tmp_path / "mnist" / "train-images-idx3-ubyte.gz"
    _write_tiny_mnist(tmp_path / "mnist", gz=False)
    path.write_bytes(gzip.compress(blob))
    (tmp_path / "mnist" / "train-images-idx3-ubyte").unlink()
    with pytest.raises(ValueError, match=match):
        load_dataset(DataConfig(name="mnist", data_dir=str(tmp_path)))


def test_damaged_gzip_rejected(tmp_path):
    _write_tiny_mnist(tmp_path / "mnist", gz=True)
    path = tmp_path / "mnist" / "train-images-idx3-ubyte.gz"
    path.write_bytes(path.read_bytes()[:40])
    with pytest.raises(ValueError, match="damaged gzip"):
        load_dataset(DataConfig(name="mnist", data_dir=str(tmp_path)))


@pytest.mark.parametrize("name", ["mnist", "fashion-mnist", "frey", "olivetti", "usps"])
def test_missing_files_message(no_data_dirs, name):
    assert not data.dataset_info(name).available
    with pytest.raises(DataUnavailableError) as info:
        load_dataset(DataConfig(name=name))
    msg = str(info.value)
    assert "not available offline" in msg and "AECORE_DATA_DIR" in msg
    assert f"{no_data_dirs[0] / name}, {no_data_dirs[1] / name}" in msg
    assert f"python -m aecore download {name}" in msg or "cannot fetch this set" in msg
    if name == "mnist":
        assert "train-images-idx3-ubyte.gz" in msg


def test_data_dirs_order(tmp_path, monkeypatch):
    monkeypatch.setenv("AECORE_DATA_DIR", f"{tmp_path / 'env1'}{os.pathsep}{tmp_path / 'env2'}")
    monkeypatch.setenv("AECORE_CACHE_DIR", str(tmp_path / "cache"))
    dirs = data.data_dirs(str(tmp_path / "explicit"))
    assert dirs[:4] == [tmp_path / "explicit", tmp_path / "env1", tmp_path / "env2", tmp_path / "cache" / "data"]
    assert dirs[4] == Path(data.__file__).resolve().parents[3] / "shared" / "data"
    assert dirs[-1] == Path("/usr/share/datasets") and len(set(dirs)) == len(dirs)


# ----------------------------------------------------------------------------- user files
def _csv(rows: int = 20, cols: int = 3) -> str:
    return "\n".join(",".join(f"{(r * cols + c) % 7 / 7:.3f}" for c in range(cols)) for r in range(rows)) + "\n"


def _make_bad(tmp_path: Path, case: str) -> Path:
    good = _csv()
    lines = good.splitlines()
    if case == "nan":
        lines[3] = "0.1,nan,0.2"
        return _write(tmp_path / "d.csv", "a,b,c\n" + "\n".join(lines))
    if case == "inf":
        lines[5] = "0.1,0.2,inf"
        return _write(tmp_path / "d.csv", "\n".join(lines))
    if case == "text":
        lines[2] = "0.1,hello,0.2"
        return _write(tmp_path / "d.csv", "\n".join(lines))
    if case == "ragged":
        lines[6] = "0.1,0.2"
        return _write(tmp_path / "d.csv", "\n".join(lines))
    if case == "empty":
        return _write(tmp_path / "d.csv", "\n  \n\n")
    if case == "zero-bytes":
        return _write(tmp_path / "d.csv", "")
    if case == "one-row":
        return _write(tmp_path / "d.csv", "x,y\n1,2\n")
    if case == "object-npy":
        path = tmp_path / "d.npy"
        np.save(path, np.array([{"a": 1}, None] * 10, dtype=object), allow_pickle=True)
        return path
    if case == "npz-without-x":
        path = tmp_path / "d.npz"
        np.savez(path, features=np.zeros((20, 3)))
        return path
    if case == "labels-mismatch":
        path = tmp_path / "d.npz"
        np.savez(path, x=np.zeros((20, 3)), y=np.arange(19))
        return path
    if case == "fractional-labels":
        path = tmp_path / "d.npz"
        np.savez(path, x=np.zeros((20, 3)), y=np.linspace(0, 1, 20))
        return path
    if case == "binary-csv":
        path = tmp_path / "d.csv"
        path.write_bytes(b"PK\x03\x04\x00\x00" + bytes(range(256)))
        return path
    if case == "latin1-csv":
        path = tmp_path / "d.csv"
        path.write_bytes("caf\xe9,1\n".encode("latin-1") + _csv(20, 2).encode())
        return path
    if case == "oversized":
        return _write(tmp_path / "d.csv", _csv(400, 3))
    if case == "one-d-npy":
        path = tmp_path / "d.npy"
        np.save(path, np.zeros(50))
        return path
    if case == "wrong-suffix":
        return _write(tmp_path / "d.xlsx", good)
    raise AssertionError(case)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("case", "match"), [
    ("nan", r"d.csv: nan at line 5, column 2"),
    ("inf", r"d.csv: inf at line 6, column 3"),
    ("text", r"line 3, column 2 holds 'hello', which is not a number"),
    ("ragged", r"line 7 has 2 values but the first line has 3"),
    ("empty", r"holds no data \(only blank lines\)"),
    ("zero-bytes", r"is empty \(0 bytes\)"),
    ("one-row", r"has 1 row\(s\); at least 10"),
    ("object-npy", r"holds a NumPy object array: loading it would need pickle"),
    ("npz-without-x", r"has no array named 'x' \(found: features\)"),
    ("labels-mismatch", r"labels must have one value per row \(20\), got shape \(19,\)"),
    ("fractional-labels", r"labels must be whole numbers; row 2"),
    ("binary-csv", r"binary file \(it contains NUL bytes\)"),
    ("latin1-csv", r"not UTF-8 text \(byte 0xe9 at offset 3\)"),
    ("oversized", r"above the 0.001 MB limit.*AECORE_MAX_FILE_MB"),
    ("one-d-npy", r"must be 2-D .* got shape \(50,\)"),
    ("wrong-suffix", r"unsupported file type '.xlsx'"),
])
def test_bad_user_files(tmp_path, monkeypatch, case, match):
    path = _make_bad(tmp_path, case)
    if case == "oversized":
        monkeypatch.setenv("AECORE_MAX_FILE_MB", "0.001")
    with pytest.raises(ValueError, match=match):
        load_dataset(DataConfig(name=f"file:{path}"))
    with pytest.raises(ValueError, match=match):  # same validation for uploaded bytes
        userdata.load_user_array(path.read_bytes(), path.name)


def test_oversized_checked_before_reading(tmp_path, monkeypatch):
    path = _write(tmp_path / "big.csv", _csv(400))
    monkeypatch.setenv("AECORE_MAX_FILE_MB", "0.001")
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read before the size check"))
    with pytest.raises(ValueError, match="limit"):
        userdata.load_user_array(path)


def test_user_csv_with_header_and_labels(tmp_path):
    rng = np.random.default_rng(0)
    x = rng.normal(5, 3, (60, 4))
    lines = ["f1,Label,f2,f3,f4"] + [f"{a:.6f},{k % 3 + 1},{b:.6f},{c:.6f},{d:.6f}" for k, (a, b, c, d) in enumerate(x)]
    path = _write(tmp_path / "people.csv", "\n".join(lines) + "\n\n")
    ds = load_dataset(DataConfig(name=f"file:{path}", seed=0))
    assert ds.name == f"file:{path}" and ds.dim == 4 and not ds.unit_range and ds.image_shape is None
    assert ds.class_names == ("1", "2", "3") and ds.n_classes == 3
    assert (ds.n_train, ds.n_test) == (48, 12) and np.bincount(ds.y_test).tolist() == [4, 4, 4]
    np.testing.assert_allclose(ds.x_train.mean(0), 0, atol=1e-5)
    assert load_dataset(DataConfig(name=f"file:{path}")) is ds
    _write(path, "\n".join(lines[:41]))  # edited file (new size): read again
    assert load_dataset(DataConfig(name=f"file:{path}")).n_train == 32


def test_user_arrays_images_and_bytes(tmp_path):
    rng = np.random.default_rng(1)
    images = rng.uniform(0, 1, (30, 5, 7)).astype(np.float32)
    np.save(tmp_path / "imgs.npy", images)
    ds = load_dataset(DataConfig(name=f"file:{tmp_path / 'imgs.npy'}"))
    assert ds.image_shape == (5, 7) and ds.unit_range and ds.y_train is None
    rows = np.sort(np.r_[ds.x_train, ds.x_test], axis=0)
    np.testing.assert_array_equal(rows, np.sort(images.reshape(30, -1), axis=0))
    buf = io.BytesIO()
    np.savez(buf, x=rng.uniform(0, 1, (40, 64)), y=np.arange(40) % 2)
    up = userdata.load_user_array(buf.getvalue(), "upload.npz", seed=3)
    assert up.image_shape == (8, 8) and up.unit_range and up.n_classes == 2 and up.n_test == 8
    plain = userdata.load_user_array(_csv(30, 2).encode(), "plain.csv")
    assert plain.dim == 2 and plain.unit_range and plain.image_shape is None


# ----------------------------------------------------------------------------- download
class _FakeResponse(io.BytesIO):
    def __init__(self, payload: bytes):
        super().__init__(payload)
        self.headers = {"Content-Length": str(len(payload))}


def _fake_urlopen(payloads: dict):
    def urlopen(request, timeout=None):
        name = request.full_url.rsplit("/", 1)[-1]
        if name not in payloads:
            raise urllib.error.URLError("[Errno -3] Temporary failure in name resolution")
        return _FakeResponse(payloads[name])
    return urlopen


def test_download_success(tmp_path, monkeypatch):
    payload = os.urandom(3_000_000)
    monkeypatch.setitem(realdata.DOWNLOADS, "frey", ("https://example.invalid/", {
        "frey_rawface.mat": hashlib.sha256(payload).hexdigest()}))
    monkeypatch.setattr(realdata, "urlopen", _fake_urlopen({"frey_rawface.mat": payload}))
    monkeypatch.setenv("AECORE_CACHE_DIR", str(tmp_path / "cache"))
    calls = []
    folder = realdata.download("frey", progress=lambda done, total, name: calls.append((done, total, name)))
    assert folder == tmp_path / "cache" / "data" / "frey"
    assert (folder / "frey_rawface.mat").read_bytes() == payload
    assert calls[-1] == (len(payload), len(payload), "frey_rawface.mat") and len(calls) >= 3
    assert [c[0] for c in calls] == sorted(c[0] for c in calls)
    for level in (tmp_path / "cache", tmp_path / "cache" / "data", folder):
        assert level.stat().st_mode & 0o777 == 0o700
    assert sorted(p.name for p in folder.iterdir()) == ["frey_rawface.mat"]  # no temp file left
    monkeypatch.setattr(realdata, "urlopen", _fake_urlopen({}))  # present + valid: no network needed
    assert realdata.download("frey") == folder


def test_download_real_checksums_accept_canonical_file(tmp_path, monkeypatch):
    path = SHARED / "frey" / "frey_rawface.mat"
    if not path.is_file():
        pytest.skip(f"no shared data at {SHARED}")
    monkeypatch.setattr(realdata, "urlopen", _fake_urlopen({"frey_rawface.mat": path.read_bytes()}))
    folder = realdata.download("frey", dest=tmp_path / "frey")
    data.clear_cache()
    ds = load_dataset(DataConfig(name="frey", data_dir=str(tmp_path)))
    assert folder == tmp_path / "frey" and ds.n_train + ds.n_test == 1965


def test_download_checksum_mismatch(tmp_path, monkeypatch):
    monkeypatch.setattr(realdata, "urlopen", _fake_urlopen({"frey_rawface.mat": b"<html>not found</html>"}))
    with pytest.raises(DataUnavailableError, match=r"has sha256 [0-9a-f]{64}, expected 265a83a2.*discarded"):
        realdata.download("frey", dest=tmp_path / "frey")
    assert list((tmp_path / "frey").iterdir()) == []


def test_download_offline(tmp_path, monkeypatch):
    monkeypatch.setattr(realdata, "urlopen", _fake_urlopen({}))
    with pytest.raises(DataUnavailableError, match=r"Could not download MNIST .*name resolution.*put train-images"):
        realdata.download("mnist", dest=tmp_path / "m")
    assert list((tmp_path / "m").iterdir()) == []
    with pytest.raises(ValueError, match="cannot be downloaded; use one of"):
        realdata.download("usps")


# ----------------------------------------------------------------------------- batches / hygiene
def test_batches_cover_each_row_once():
    x = torch.zeros(103, 4)
    parts = list(data.batches(x, 10, torch.Generator().manual_seed(0)))
    assert [len(p) for p in parts] == [10] * 10 + [3] and all(p.dtype == torch.int64 for p in parts)
    assert torch.equal(torch.cat(parts).sort().values, torch.arange(103))
    again = list(data.batches(x, 10, torch.Generator().manual_seed(0)))
    assert all(torch.equal(a, b) for a, b in zip(parts, again, strict=True))
    assert torch.equal(torch.cat(list(data.batches(x, 32, None, shuffle=False))), torch.arange(103))
    assert [len(p) for p in data.batches(x, 50, None, drop_last=True)] == [50, 50]
    with pytest.raises(ValueError, match="batch_size must be a positive integer, got 0"):
        next(data.batches(x, 0, None))


def test_no_streamlit_and_no_pickle():
    for name in MY_FILES:
        tree = ast.parse((Path(data.__file__).parent / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                mods = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                assert not any(m.split(".")[0] in ("streamlit", "pickle") for m in mods), name
            if isinstance(node, ast.keyword) and node.arg == "allow_pickle":
                assert isinstance(node.value, ast.Constant) and node.value.value is False, name
