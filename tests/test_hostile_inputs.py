"""Bad and hostile input, one table: every case of issue 7, fed where a user meets it.

Each ``Case`` names what is wrong, the channels it reaches (``api``: the Python API, ``cli``:
``python -m aecore`` in-process with exit code 2 and one ``error:`` line, ``app``: AppTest of
the real pages, ``browser``: a real browser in ``test_browser_safety.py``) and the message a
user must see. Every check also asserts that nothing was lost: the run store lists the same
runs and the earlier run still loads, no upload was kept, the page's model is still there.
Add a row to grow the list.
"""

from __future__ import annotations

import io
import json
import math
import os
import re
import shutil
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from aecore import DataConfig, FitSpec, ModelConfig, TrainConfig, fit
from aecore.cli import main
from aecore.data import user as userdata
from aecore.measure.metrics import evaluate_model
from aecore.serving.jobs import JobManager
from aecore.store import runs as runstore
from aecore.store.runs import FILES, list_runs, load_run, load_run_data, rename_run, save_run
from aecore.store.zips import import_zip


@dataclass(frozen=True)
class Case:
    """One bad input: what it is, how it is built, where it is fed and what the user must read."""

    id: str
    kind: str  # "data" (a data file), "run" (a run zip) or "settings"
    channels: tuple[str, ...]
    match: str  # regex the message must match
    build: Callable | None = None  # data: () -> (file name, bytes); run: (run files) -> zip bytes
    cli: tuple[str, ...] = ()  # settings: argv ("OUT" → a fresh folder, "RUN" → the saved run)
    app: dict | None = None  # settings: query parameters of the Basics page
    env: tuple[tuple[str, str], ...] = ()


# ---- builders: data files ---------------------------------------------------------------------
def csv_rows(rows: int = 20, cols: int = 3) -> list[str]:
    return [",".join(f"{(r * cols + c) % 7 / 7:.3f}" for c in range(cols)) for r in range(rows)]


def csv_with(line: int, text: str, header: str = "") -> Callable:
    def build():
        rows = csv_rows()
        rows[line] = text
        return "d.csv", ((header + "\n") if header else "").encode() + "\n".join(rows).encode()
    return build


def npy(array: np.ndarray, name: str = "d.npy") -> Callable:
    def build():
        buf = io.BytesIO()
        np.save(buf, array, allow_pickle=True)
        return name, buf.getvalue()
    return build


def npz(**arrays) -> Callable:
    def build():
        buf = io.BytesIO()
        np.savez(buf, **arrays)
        return "d.npz", buf.getvalue()
    return build


def png(w: int, h: int, seed: int = 0) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(np.random.default_rng(seed).integers(0, 255, (h, w), dtype=np.uint8)).save(buf, "PNG")
    return buf.getvalue()


def zip_of(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def good_images() -> tuple[str, bytes]:
    """A valid zip of images: 12 grey 8×8 PNGs in two class folders."""
    return "faces.zip", zip_of({f"{c}/{i}.png": png(8, 8, 10 * k + i) for k, c in enumerate("ab") for i in range(6)})


def good_csv() -> tuple[str, bytes]:
    return "good.csv", "\n".join(csv_rows(30, 4)).encode() + b"\n"


def huge_png() -> bytes:
    """A tiny PNG header that claims 30000×30000 pixels (a decompression bomb)."""
    buf = io.BytesIO()
    Image.new("1", (30000, 30000)).save(buf, "PNG")
    return buf.getvalue()


# ---- builders: run zips (from the files of a valid run) ---------------------------------------------
def edit_config(edit) -> Callable:
    def build(files):
        config = json.loads(files["config.json"])
        edit(config)
        return zip_of({**files, "config.json": json.dumps(config).encode()})
    return build


def symlink_zip(files) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("config.json", files["config.json"])
        link = zipfile.ZipInfo("weights.safetensors")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
    return buf.getvalue()


def lying_zip(files) -> bytes:
    """A zip whose headers declare 1 MiB but whose data inflates to 8 MiB: reading stops at the declared size."""
    data = zip_of({**files, "weights.safetensors": b"\0" * (8 << 20)})
    small = (1 << 20).to_bytes(4, "little")  # patch the declared size in both headers to 1 MiB
    big = (8 << 20).to_bytes(4, "little")
    return data.replace(big, small)


CASES = [
    # ---- data files: the panel's "Your own data", load_user_array, DataConfig("file:PATH"), --dataset file:PATH
    Case("nan", "data", ("api", "cli", "browser"), r"d\.csv: nan at line 5, column 2; all values must be finite",
         csv_with(3, "0.1,nan,0.2", header="a,b,c")),
    Case("inf", "data", ("api", "cli"), r"d\.csv: inf at line 6, column 3", csv_with(5, "0.1,0.2,inf")),
    Case("text-in-numbers", "data", ("api", "cli", "browser"),
         r"line 3, column 2 holds 'hello', which is not a number", csv_with(2, "0.1,hello,0.2")),
    Case("ragged", "data", ("api", "cli"), r"line 7 has 2 values but the first line has 3", csv_with(6, "0.1,0.2")),
    Case("blank-file", "data", ("api", "cli"), r"holds no data \(only blank lines\)", lambda: ("d.csv", b"\n \n\n")),
    Case("zero-bytes", "data", ("api", "cli", "browser"), r"d\.csv is empty \(0 bytes\); choose a file",
         lambda: ("d.csv", b"")),
    Case("one-row", "data", ("api", "cli"), r"has 1 row\(s\); at least 10 are needed", lambda: ("d.csv", b"x,y\n1,2\n")),
    Case("over-size-cap", "data", ("api", "cli"), r"above the 0\.001 MB limit.*AECORE_MAX_FILE_MB",
         lambda: ("d.csv", "\n".join(csv_rows(400)).encode()), env=(("AECORE_MAX_FILE_MB", "0.001"),)),
    Case("object-npy", "data", ("api", "cli", "browser"), r"object array: loading it would need pickle",
         npy(np.array([{"a": 1}, None] * 10, dtype=object))),
    Case("npz-without-x", "data", ("api", "cli"), r"has no array named 'x' \(found: features\)",
         npz(features=np.zeros((20, 3)))),
    Case("labels-mismatch", "data", ("api", "cli"), r"labels must have one value per row \(20\), got shape \(19,\)",
         npz(x=np.zeros((20, 3)), y=np.arange(19))),
    Case("binary-csv", "data", ("api", "cli", "browser"), r"binary file \(it contains NUL bytes\), not CSV text",
         lambda: ("d.csv", b"PK\x03\x04\x00\x00" + bytes(range(256)))),
    Case("wrong-suffix", "data", ("api", "cli"), r"unsupported file type '\.xlsx'", lambda: ("d.xlsx", b"1,2\n")),
    Case("images-mixed-sizes", "data", ("api", "cli", "browser"),
         r"'z\.png' is 9×8 pixels but '0\.png' is 8×8; every image must have the same size",
         lambda: ("imgs.zip", zip_of({**{f"{i}.png": png(8, 8, i) for i in range(10)}, "z.png": png(9, 8)}))),
    Case("images-zip-bomb", "data", ("api", "cli", "browser"), r"expands \d+-fold when unpacked.*zip bomb",
         lambda: ("imgs.zip", zip_of({"a.png": b"\0" * (40 << 20)}))),
    Case("images-pixel-bomb", "data", ("api", "cli"), r"declares an enormous image \(a decompression bomb\)",
         lambda: ("imgs.zip", zip_of({"a.png": huge_png()}))),
    Case("images-not-images", "data", ("api", "cli"), r"'notes\.txt' is not a PNG or JPEG image",
         lambda: ("imgs.zip", zip_of({"a.png": png(8, 8), "notes.txt": b"hi"}))),
    Case("images-truncated-zip", "data", ("api", "cli"), r"is not a readable zip archive \(damaged or truncated\)",
         lambda: ("imgs.zip", good_images()[1][:300])),
    # ---- run imports: the Runs page's uploader, runzip.import_zip, python -m aecore import
    Case("path-traversal", "run", ("api", "cli", "browser"), r"points outside its folder.*path traversal",
         lambda f: zip_of({"../config.json": f["config.json"], "weights.safetensors": f["weights.safetensors"]})),
    Case("absolute-path", "run", ("api", "cli"), r"path traversal",
         lambda f: zip_of({"/tmp/config.json": f["config.json"]})),
    Case("symlink", "run", ("api", "cli", "browser"), r"symbolic link 'weights\.safetensors'", symlink_zip),
    Case("pickle-pt", "run", ("api", "cli", "browser"),
         r"weights\.pt: only safetensors weights are accepted; pickle-based formats can run code",
         lambda f: zip_of({"config.json": f["config.json"], "weights.pt": b"\x80\x04K\x01."})),
    Case("pickle-as-safetensors", "run", ("api", "cli"), r"not a valid safetensors file",
         lambda f: zip_of({**f, "weights.safetensors": b"\x80\x04\x95" + b"cos\nsystem\n" * 8})),
    Case("shapes-disagree", "run", ("api", "cli", "browser"),
         r"tensor 'encoder\.layers\.1\.weight' has shape \(3, 8\).*needs \(5, 8\)",
         edit_config(lambda c: c["model"].update(latent=5))),
    Case("unknown-setting", "run", ("api", "cli"), r"unknown setting\(s\) for variant 'ae': colour",
         edit_config(lambda c: c["model"].update(colour="red"))),
    Case("unknown-top-key", "run", ("api", "cli"), r"unknown key\(s\) exec", edit_config(lambda c: c.update(exec="rm"))),
    Case("negative-size", "run", ("api", "cli"), r"hidden sizes must be between 1 and",
         edit_config(lambda c: c["model"].update(hidden=[-4]))),
    Case("code-size-1e9", "run", ("api", "cli", "browser"), r"latent \(code size\) must be between 1 and \d+; got 1000000000",
         edit_config(lambda c: c["model"].update(latent=10**9))),
    Case("absurd-classes", "run", ("api", "cli"), r"n_classes must be an integer between 0 and 1000",
         edit_config(lambda c: c.update(n_classes=10**7))),
    Case("negative-epochs-in-config", "run", ("api", "cli"), r"invalid train settings: epochs must be between 1",
         edit_config(lambda c: c["train"].update(epochs=-3))),
    Case("data-file-outside-uploads", "run", ("api", "cli", "browser"),
         r"trained on the file '/etc/passwd', which lies outside Diabolo's uploads folder",
         edit_config(lambda c: c["data"].update(name="file:/etc/passwd"))),
    Case("truncated-zip", "run", ("api", "cli", "browser"), r"not a readable zip.*truncated",
         lambda f: zip_of(f)[: len(zip_of(f)) // 2]),
    Case("truncated-weights", "run", ("api", "cli"), r"weights\.safetensors is not a valid safetensors file",
         lambda f: zip_of({**f, "weights.safetensors": f["weights.safetensors"][: len(f["weights.safetensors"]) // 2]})),
    Case("run-zip-bomb", "run", ("api", "cli"), r"expands \d+-fold.*zip bomb",
         lambda f: zip_of({"config.json": f["config.json"], "weights.safetensors": b"\0" * (20 << 20)})),
    Case("run-zip-lying-header", "run", ("api", "cli"), r"not a readable zip \(Bad CRC-32 for file 'weights", lying_zip),
    Case("not-a-zip", "run", ("api", "cli"), r"not a readable zip", lambda f: b"this is not a zip at all"),
    # ---- settings: TrainConfig/ModelConfig, the job manager, CLI options, the page's URL and widgets
    Case("diverging-lr", "settings", ("api", "cli", "app"),
         r"training diverged at step \d+ \(epoch \d+\).*Try a smaller learning rate",
         cli=("train", "--variant", "ae", "--dataset", "digits", "--limit", "300", "--epochs", "2", "--latent", "4",
              "--activation", "linear", "--lr", "5", "--quiet", "--out", "OUT"),
         app={"lr": "1", "epochs": "3", "code": "64", "activation": "linear"}),
    Case("zero-epochs", "settings", ("api", "cli", "app"), r"epochs",
         cli=("train", "--variant", "ae", "--dataset", "digits", "--epochs", "0", "--out", "OUT"),
         app={"epochs": "0"}),
    Case("negative-epochs", "settings", ("api", "cli", "app"), r"epochs",
         cli=("train", "--variant", "ae", "--dataset", "digits", "--epochs", "-5", "--out", "OUT"),
         app={"epochs": "-5"}),
    Case("code-size-1e9", "settings", ("api", "cli", "app"), r"latent \(code size\) must be between 1 and \d+",
         cli=("train", "--variant", "ae", "--dataset", "digits", "--latent", "1000000000", "--out", "OUT"),
         app={"code": "1000000000"}),
    Case("too-big-for-memory", "settings", ("api", "cli", "app"),
         r"this architecture has [\d,]+ parameters .*the limit is [\d,]+\. Use a smaller code or hidden layers",
         cli=("train", "--variant", "ae", "--dataset", "digits", "--latent", "16384", "--hidden", "16384",
              "--out", "OUT"),
         app={"code": "16384", "hidden": "16384", "mode": "advanced"}),
    Case("run-name-slash", "settings", ("api", "cli", "app", "browser"),
         r"run name 'a/b' contains a slash \('/'\); a run name is one folder name",
         cli=("import", "ZIP", "--name", "a/b", "--runs-dir", "ROOT")),
    Case("run-name-control-char", "settings", ("api", "cli"),
         r"run name 'x\\x07y' contains the control character '\\x07'",
         cli=("import", "ZIP", "--name", "x\x07y", "--runs-dir", "ROOT")),
    Case("data-width-changed", "settings", ("api", "cli"),
         r"now has 5 columns but run 'filerun' was trained on 3; the model cannot read this data",
         cli=("evaluate", "RUN")),
]


def cases(kind: str, channel: str) -> list:
    return [pytest.param(c, id=c.id) for c in CASES if c.kind == kind and channel in c.channels]


def test_the_table_covers_every_channel():
    ids = [(c.kind, c.id) for c in CASES]
    assert len(ids) == len(set(ids)), "case ids repeat"
    for kind in ("data", "run", "settings"):
        assert cases(kind, "api") and cases(kind, "cli"), kind
    assert sum("browser" in c.channels for c in CASES) >= 10


# ---- fixtures: a store with one good run -------------------------------------------------------------
@pytest.fixture(scope="module")
def good_run(tmp_path_factory):
    spec = FitSpec(DataConfig("digits", limit=200), ModelConfig(latent=3, hidden=(8,)), TrainConfig(epochs=1))
    folder = save_run(fit(spec), root=tmp_path_factory.mktemp("src"), name="base")
    return {f: (folder / f).read_bytes() for f in FILES}


@pytest.fixture
def store(tmp_path, good_run):
    """A run store holding the run 'base'; yields (root, check) where check() asserts nothing was lost."""
    root = tmp_path / "runs"
    path = import_zip(zip_of(good_run), root=root, name="base")
    before = sorted(os.listdir(root))

    def check():
        assert sorted(os.listdir(root)) == before, "the run store changed"
        assert [r.name for r in list_runs(root)] == ["base"]
        assert load_run(path).model.input_dim == 64

    return root, check


@pytest.fixture
def uploads(tmp_path, monkeypatch):
    """A private cache folder; yields a check that no upload was kept."""
    monkeypatch.setenv("AECORE_CACHE_DIR", str(tmp_path / "cache"))

    def check():
        folder = userdata.uploads_dir(create=False)
        assert not folder.exists() or not any(p.is_file() for p in folder.rglob("*")), "a rejected file was kept"

    return check


def one_error_line(capsys, rc: int, match: str, expected_rc: int = 2) -> str:
    captured = capsys.readouterr()
    assert rc == expected_rc, captured.err
    assert "Traceback" not in captured.err
    errors = [line for line in captured.err.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and len(captured.err.strip().splitlines()) == 1, captured.err
    assert re.search(match, errors[0]), errors[0]
    return errors[0]


# ---- data files ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("case", cases("data", "api"))
def test_data_file_api(case, tmp_path, monkeypatch, uploads):
    for k, v in case.env:
        monkeypatch.setenv(k, v)
    name, data = case.build()
    with pytest.raises(ValueError, match=case.match):  # the bytes of an upload
        userdata.load_user_array(data, name)
    with pytest.raises(ValueError, match=case.match):  # what the app's uploader calls: nothing is kept
        userdata.store_upload(data, name)
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ValueError, match=case.match):  # a file on disk, as a job loads it
        userdata.load_user_file(DataConfig(f"file:{path}"))
    uploads()


@pytest.mark.parametrize("case", cases("data", "cli"))
def test_data_file_cli(case, tmp_path, monkeypatch, capsys):
    for k, v in case.env:
        monkeypatch.setenv(k, v)
    name, data = case.build()
    (tmp_path / name).write_bytes(data)
    rc = main(["train", "--variant", "ae", "--dataset", f"file:{tmp_path / name}", "--epochs", "1", "--quiet",
               "--out", str(tmp_path / "out")])
    one_error_line(capsys, rc, case.match)
    assert not (tmp_path / "out").exists()


def test_a_good_upload_is_kept_privately_and_trains(tmp_path, monkeypatch):
    monkeypatch.setenv("AECORE_CACHE_DIR", str(tmp_path / "cache"))
    for name, data in (good_images(), good_csv()):
        path = userdata.store_upload(data, name)
        assert path.read_bytes() == data and path.parent.parent == userdata.uploads_dir()
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        for folder in (path.parent, userdata.uploads_dir(), tmp_path / "cache"):
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
        assert userdata.store_upload(data, name) == path  # stored once
    name, data = good_images()
    ds = userdata.load_user_file(DataConfig(f"file:{userdata.store_upload(data, name)}"))
    assert ds.image_shape == (8, 8) and ds.class_names == ("a", "b") and ds.unit_range


# ---- run imports ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("case", cases("run", "api"))
def test_run_zip_api(case, store, good_run):
    root, check = store
    with pytest.raises(ValueError, match=case.match):
        import_zip(case.build(good_run), root=root, name="intruder")
    check()


@pytest.mark.parametrize("case", cases("run", "cli"))
def test_run_zip_cli(case, store, good_run, tmp_path, capsys):
    root, check = store
    (tmp_path / "run.zip").write_bytes(case.build(good_run))
    rc = main(["import", str(tmp_path / "run.zip"), "--runs-dir", str(root)])
    one_error_line(capsys, rc, case.match)
    check()


def test_run_zip_in_a_real_process(store, good_run, tmp_path):
    """The real entry point: a hostile zip gives one line, exit 2 and no traceback."""
    import subprocess
    import sys

    root, check = store
    (tmp_path / "evil.zip").write_bytes(symlink_zip(good_run))
    proc = subprocess.run([sys.executable, "-m", "aecore", "import", str(tmp_path / "evil.zip"), "--runs-dir",
                           str(root)], cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("error: ") and "symbolic link" in proc.stderr and proc.stdout == ""
    check()


def test_a_good_run_zip_imports_through_the_cli(store, good_run, tmp_path, capsys):
    root, check = store
    (tmp_path / "ok.zip").write_bytes(zip_of(good_run))
    assert main(["import", str(tmp_path / "ok.zip"), "--name", "my copy", "--runs-dir", str(root)]) == 2
    assert "already in the run store as 'base'" in capsys.readouterr().err  # the same weights: not twice
    check()
    fresh = tmp_path / "fresh"
    assert main(["import", str(tmp_path / "ok.zip"), "--name", "my copy", "--runs-dir", str(fresh)]) == 0
    assert capsys.readouterr().out.strip() == str(fresh / "my-copy")
    assert {r.name for r in list_runs(fresh)} == {"my-copy"}


# ---- settings ------------------------------------------------------------------------------------------
def tiny_spec(**train) -> FitSpec:
    return FitSpec(DataConfig("digits", limit=300), ModelConfig(latent=4, hidden=(), activation="linear"),
                   TrainConfig(**{"epochs": 2, **train}))


def diverge_through_the_job_manager() -> str:
    manager = JobManager(max_running=1)
    job = manager.submit("s", tiny_spec(lr=5.0))
    assert job.done.wait(120)
    assert job.status == "diverged"
    model = job.result.model  # the last finite weights stay usable
    assert all(torch.isfinite(p).all() for p in model.parameters())
    with torch.no_grad():
        out = model(torch.tensor(job.result.dataset.x_test[:8]))
    assert torch.isfinite(out).all()
    metrics = evaluate_model(model, job.result.dataset, seed=0)
    assert math.isfinite(metrics["test_mse"])
    return job.message


def file_run(tmp_path: Path) -> Path:
    """A run trained on a 3-column file that has since been replaced by a 5-column one."""
    data = tmp_path / "mine.csv"
    data.write_text("\n".join(csv_rows(30, 3)) + "\n")
    spec = FitSpec(DataConfig(f"file:{data}"), ModelConfig(latent=2, hidden=()), TrainConfig(epochs=1))
    path = save_run(fit(spec), root=tmp_path / "file-runs", name="filerun")
    data.write_text("\n".join(csv_rows(30, 5)) + "\n")
    return path


SETTINGS_API = {
    "diverging-lr": lambda tmp, root: diverge_through_the_job_manager(),
    "zero-epochs": lambda tmp, root: TrainConfig(epochs=0),
    "negative-epochs": lambda tmp, root: TrainConfig(epochs=-5),
    "code-size-1e9": lambda tmp, root: ModelConfig(latent=10**9),
    "too-big-for-memory": lambda tmp, root: fit(FitSpec(DataConfig("digits"), ModelConfig(latent=16384,
                                                         hidden=(16384,)), TrainConfig(epochs=1))),
    "run-name-slash": lambda tmp, root: rename_run(root / "base", "a/b", root=root),
    "run-name-control-char": lambda tmp, root: rename_run(root / "base", "x\x07y", root=root),
    "data-width-changed": lambda tmp, root: load_run_data(load_run(file_run(tmp))),
}


@pytest.mark.parametrize("case", cases("settings", "api"))
def test_settings_api(case, store, tmp_path):
    root, check = store
    try:
        message = SETTINGS_API[case.id](tmp_path, root)
    except ValueError as e:
        message = str(e)
    assert isinstance(message, str) and re.search(case.match, message), message
    check()


@pytest.mark.parametrize("case", cases("settings", "cli"))
def test_settings_cli(case, store, good_run, tmp_path, capsys):
    root, check = store
    (tmp_path / "ok.zip").write_bytes(zip_of(good_run))
    run = file_run(tmp_path) if "RUN" in case.cli else None
    subs = {"OUT": str(tmp_path / "out"), "ZIP": str(tmp_path / "ok.zip"), "ROOT": str(root), "RUN": str(run)}
    rc = main([subs.get(a, a) for a in case.cli])
    if case.id == "diverging-lr":  # exit 3: the run is saved with the last finite weights
        captured = capsys.readouterr()
        assert rc == 3 and "Traceback" not in captured.err and re.search(case.match, captured.err)
        model = load_run(tmp_path / "out").model
        assert all(torch.isfinite(p).all() for p in model.parameters())
    else:
        one_error_line(capsys, rc, case.match)
        assert not (tmp_path / "out").exists()
    check()


# ---- settings in the app (AppTest of the Basics page) ---------------------------------------------------
def open_basics(**query):
    from streamlit.testing.v1 import AppTest

    from pages.common import state

    at = AppTest.from_file("../app.py", default_timeout=90)
    at.session_state[state.LANG] = "en"
    for k, v in query.items():
        at.query_params[k] = v
    at.switch_page("pages/basics.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def messages(at) -> str:
    return "\n".join(e.value for e in [*at.error, *at.warning])


@pytest.mark.parametrize("case", [c for c in cases("settings", "app") if c.values[0].app is not None])
def test_settings_app(case):
    from aecore.serving.jobs import manager
    from pages.common import state

    before = [r.name for r in runstore.list_runs()]
    at = open_basics(**case.app)
    if case.id in ("zero-epochs", "negative-epochs"):  # the link's value is refused; the default applies
        assert re.search(r"settings epochs are not valid here and were ignored", messages(at)), messages(at)
        assert at.number_input(key="basics.epochs").value >= 1
    elif case.id == "diverging-lr":
        at.button(key="basics.train").click().run()
        job = manager().get(at.session_state[state.ACTIVE]["basics"])
        assert job.done.wait(120)
        at.run()
        assert re.search(case.match, messages(at)), messages(at)
        model = at.session_state[state.RESULTS]["basics"].result.model  # kept, finite
        assert all(torch.isfinite(p).all() for p in model.parameters())
    else:
        assert re.search(case.match, messages(at)), messages(at)
        assert at.button(key="basics.train").disabled
    assert not at.exception
    assert [r.name for r in runstore.list_runs()] == before


def test_run_name_with_a_slash_in_the_app_keeps_the_model():
    from aecore.serving.jobs import manager
    from pages.common import state

    at = open_basics(epochs="1", code="2")
    at.button(key="basics.train").click().run()
    assert manager().get(at.session_state[state.ACTIVE]["basics"]).done.wait(120)
    at.run()
    before = [r.name for r in runstore.list_runs()]
    at.text_input(key="basics.save_name").input("a/b")
    at.button(key="basics.save").click().run()
    case = next(c for c in CASES if c.id == "run-name-slash")
    assert re.search(case.match, messages(at)), messages(at)
    assert not at.exception
    assert [r.name for r in runstore.list_runs()] == before
    pr = at.session_state[state.RESULTS]["basics"]
    assert pr.result is not None and pr.saved_as is None  # the model is still there, unsaved


# ---- the server's own settings ------------------------------------------------------------------------------
def test_server_configuration_is_safe_for_a_class():
    import tomllib

    config = tomllib.loads((Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml").read_text())
    server = config["server"]
    assert server["maxUploadSize"] == 200  # MB: the data-file cap of aecore.data.user is 200 MB too
    assert server["enableXsrfProtection"] is True
    assert "enableCORS" not in server  # Streamlit's default (on), which XSRF protection needs
    assert server["enableStaticServing"] is False  # nothing (least of all the runs folder) is served as files
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["showErrorDetails"] in ("type", "none")  # no tracebacks in the browser
    assert userdata.max_file_bytes() == 200 * 10**6


def test_latent_page_refuses_a_run_whose_data_changed_width(tmp_path):
    """The Latent page opens saved runs too: a run whose data file no longer fits says so, nothing breaks."""
    from streamlit.testing.v1 import AppTest

    from pages.common import state

    folder = file_run(tmp_path)
    moved = shutil.copytree(folder, runstore.runs_root() / "filerun-latent")
    try:
        at = AppTest.from_file("../app.py", default_timeout=90)
        at.session_state[state.LANG] = "en"
        at.switch_page("pages/latent.py")
        at.run()
        saved = next(r.path for r in runstore.list_runs() if r.name == "filerun-latent")
        at.selectbox(key="latent.pick").set_value(f"run:{saved}").run()
        assert not at.exception, [e.value for e in at.exception]
        assert re.search(r"now has 5 columns but run 'filerun-latent' was trained on 3", messages(at)), messages(at)
    finally:
        shutil.rmtree(moved)
