"""The run store: round trips for every variant, atomic saves, names, and hostile zips."""

import io
import json
import os
import stat
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest
import torch

import aecore.data.registry
from aecore import VARIANTS, DataConfig, FitSpec, TrainConfig, VAEConfig, fit, variant
from aecore.store import runs as runstore
from aecore.store.runs import (
    FILES,
    cleanup_temp,
    delete_run,
    list_runs,
    load_run,
    rename_run,
    runs_root,
    sanitize_name,
    save_fit,
    save_run,
)
from aecore.store.zips import AlreadyInStore, export_zip, import_zip

_FITS: dict = {}


def tiny_config(name: str):
    kw = {"latent": 3, "hidden": (8,)}
    if name == "stacked":
        kw["finetune_epochs"] = 1
    if name == "vae-gaussian":  # the one variant with a scalar parameter (log σ)
        return VAEConfig(**kw, decoder="gaussian")
    return variant(name).config_class(**kw)


def trained(name: str = "ae"):
    """A one-epoch fit on 200 digits, shared by the tests (they never mutate it)."""
    if name not in _FITS:
        spec = FitSpec(DataConfig("digits", limit=200), tiny_config(name), TrainConfig(epochs=1, batch_size=64))
        _FITS[name] = fit(spec)
    return _FITS[name]


def names(root: Path) -> list[str]:
    return sorted(os.listdir(root))


@pytest.fixture
def root(tmp_path):
    """A run store holding one run, 'base'."""
    r = tmp_path / "runs"
    save_run(trained("ae"), root=r, name="base")
    return r


@pytest.mark.parametrize("name", [*VARIANTS, "vae-gaussian"])
def test_round_trip_every_variant(tmp_path, monkeypatch, name):
    result = trained(name)
    path = save_run(result, root=tmp_path)
    assert sorted(os.listdir(path)) == sorted(FILES)

    def no_data(*args, **kwargs):
        raise AssertionError("loading a run must not load its data set")

    monkeypatch.setattr(aecore.data.registry, "_load_cached", no_data)  # behind every load_dataset
    run = load_run(path)
    assert run.spec == result.spec
    assert run.spec.to_dict() == result.spec.to_dict()
    assert not run.model.training and next(run.model.parameters()).device.type == "cpu"
    x = torch.tensor(result.dataset.x_test[:32])
    result.model.eval()
    with torch.no_grad():
        assert torch.equal(run.model.encode(x), result.model.cpu().encode(x))
        assert torch.equal(run.model(x), result.model(x))
        if name == "stacked":
            assert torch.equal(run.model.predict(x), result.model.predict(x))
    assert run.metrics["test_mse"] == result.metrics["test_mse"]
    assert run.history == runstore.to_jsonable(result.history)
    info = list_runs(tmp_path)[0]
    assert (info.name, info.variant, info.dataset) == (path.name, result.spec.model.variant, "digits")


def test_default_name_and_collisions(tmp_path):
    first = save_run(trained(), root=tmp_path)
    assert first.name.startswith("ae-digits-") and len(first.name) == len("ae-digits-20250101-120000")
    second = save_run(trained(), root=tmp_path, name=first.name)
    third = save_run(trained(), root=tmp_path, name=first.name)
    assert (second.name, third.name) == (f"{first.name}-2", f"{first.name}-3")
    assert [r.name for r in list_runs(tmp_path)] == [third.name, second.name, first.name]  # newest first


def test_runs_root_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("DIABOLO_RUNS_DIR", str(tmp_path / "store"))
    root = runs_root()
    assert root == tmp_path / "store" and stat.S_IMODE(root.stat().st_mode) == 0o700
    assert runs_root(tmp_path / "explicit") == tmp_path / "explicit"


def test_metrics_are_strict_json(tmp_path):
    r = trained()
    metrics = {"a": np.float32(1.5), "b": np.arange(3), "inf": float("inf"), "nan": np.nan, "n": np.int64(4)}
    path = save_fit(r.spec, r.model, r.dataset, r.history, metrics, root=tmp_path)

    def refuse(token):
        raise AssertionError(f"non-standard JSON constant {token}")

    saved = json.loads((path / "metrics.json").read_text(), parse_constant=refuse)
    assert saved == {"a": 1.5, "b": [0, 1, 2], "inf": None, "nan": None, "n": 4}


@pytest.mark.parametrize("where", ["rename", "weights"])
def test_crash_mid_save_leaves_no_half_run(root, monkeypatch, where):
    def crash(*args, **kwargs):
        if where == "weights":
            Path(args[1]).write_bytes(b"\0" * 10)  # a half-written file, then the writer dies
        raise OSError("simulated crash")

    target, attr = (os, "rename") if where == "rename" else (runstore, "save_file")
    monkeypatch.setattr(target, attr, crash)
    with pytest.raises(OSError, match="simulated crash"):
        save_run(trained(), root=root, name="second")
    monkeypatch.undo()
    assert names(root) == ["base"]
    assert [r.name for r in list_runs(root)] == ["base"]
    assert load_run(root / "base").spec == trained().spec


def test_list_skips_temp_and_damaged_folders(root):
    (root / ".tmp-dead").mkdir()
    (root / ".tmp-dead" / "config.json").write_text((root / "base" / "config.json").read_text())
    (root / "no-weights").mkdir()
    (root / "no-weights" / "config.json").write_text((root / "base" / "config.json").read_text())
    (root / "bad-json").mkdir()
    (root / "bad-json" / "config.json").write_text("{not json")
    (root / "bad-json" / "weights.safetensors").write_bytes(b"x" * 100)
    (root / "stray-file").write_text("hi")
    assert [r.name for r in list_runs(root)] == ["base"]
    assert cleanup_temp(root) == 0  # fresh: perhaps a save in progress
    old = time.time() - 7200
    os.utime(root / ".tmp-dead", (old, old))
    assert cleanup_temp(root) == 1 and not (root / ".tmp-dead").exists()


@pytest.mark.parametrize("raw, clean", [
    ("../etc", "etc"), ("a/b", "ab"), ("x\x00y", "xy"), ("名字 run", "名字-run"), ("a\\b", "ab"),
    (".hidden", "hidden"), ("a..b", "ab"), ("ok_name-1.0", "ok_name-1.0"), ("x" * 100, "x" * 64),
])
def test_sanitize_name(raw, clean):
    assert sanitize_name(raw) == clean


@pytest.mark.parametrize("raw", ["", "..", "/", "../..", "\x00\x01", "***"])
def test_sanitize_name_refuses_empty(raw):
    with pytest.raises(ValueError, match="is empty after removing"):
        sanitize_name(raw)


def test_rename_and_delete(root, tmp_path):
    other = save_run(trained(), root=root, name="other")
    renamed = rename_run(root / "base", "new name", root=root)
    assert renamed == root / "new-name" and load_run(renamed)
    with pytest.raises(ValueError, match="already exists"):
        rename_run(renamed, "other", root=root)
    delete_run(other, root=root)
    assert names(root) == ["new-name"]


def test_delete_refuses_paths_outside_the_store(root, tmp_path):
    outside = tmp_path / "precious"
    outside.mkdir()
    (outside / "config.json").write_text("{}")
    (root / "link").symlink_to(outside)
    for path in (outside, root / "link", root / ".." / "precious", root):
        with pytest.raises(ValueError, match="not a run folder inside the run store"):
            delete_run(path, root=root)
        with pytest.raises(ValueError, match="not a run folder inside the run store"):
            rename_run(path, "x", root=root)
    assert (outside / "config.json").exists() and (root / "base").exists()


def test_save_to_exact_folder(tmp_path):
    out = tmp_path / "deep" / "run"
    assert save_run(trained(), path=out) == out and sorted(os.listdir(out)) == sorted(FILES)
    with pytest.raises(ValueError, match="already exists and is not empty"):
        save_run(trained(), path=out)
    (tmp_path / "empty").mkdir()
    assert save_run(trained(), path=tmp_path / "empty") == tmp_path / "empty"


# ---- zips ------------------------------------------------------------------------------
def run_files(folder: Path) -> dict[str, bytes]:
    return {f: (folder / f).read_bytes() for f in FILES}


def make_zip(entries: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_zip_round_trip(root, tmp_path):
    data = export_zip(root / "base")
    assert sorted(zipfile.ZipFile(io.BytesIO(data)).namelist()) == sorted(FILES)
    other = tmp_path / "other"
    path = import_zip(data, root=other, name="copy")
    assert path == other / "copy"
    x = torch.tensor(trained().dataset.x_test[:16])
    with torch.no_grad():
        assert torch.equal(load_run(path).model.encode(x), load_run(root / "base").model.encode(x))
    assert "name" not in json.loads((path / "config.json").read_text())  # the folder name is the name


def test_an_imported_zip_keeps_its_run_s_name(root, tmp_path):
    rename_run(root / "base", "edges-of-digits", root=root)
    data = export_zip(root / "edges-of-digits")
    assert json.loads(zipfile.ZipFile(io.BytesIO(data)).read("config.json"))["name"] == "edges-of-digits"
    other = tmp_path / "other"
    # the uploaded file's name does not matter when the zip carries the run's name
    assert import_zip(data, root=other, file_name="download (3).zip").name == "edges-of-digits"
    # a flat zip without a carried name (older exports, hand-made zips): the file's name, less a copy suffix
    plain = make_zip({f: (root / "edges-of-digits" / f).read_bytes() for f in FILES})
    assert import_zip(plain, root=tmp_path / "third", file_name="my run (1).zip").name == "my-run"
    assert import_zip(plain, root=tmp_path / "fourth").name.startswith("ae-digits-")  # nothing better known


def test_importing_the_same_run_twice_says_so_and_changes_nothing(root, tmp_path):
    data = export_zip(root / "base")
    with pytest.raises(AlreadyInStore, match="already in the run store as 'base'") as err:
        import_zip(data, root=root)  # exported from this very store
    assert err.value.name == "base" and err.value.path == root / "base"
    assert names(root) == ["base"]
    other = tmp_path / "other"
    first = import_zip(data, root=other)
    with pytest.raises(AlreadyInStore, match="'base'"):
        import_zip(data, root=other, name="another-name", file_name="base (1).zip")
    assert names(other) == ["base"] and first == other / "base"
    # identity is the weights, not the name: the renamed run is still found
    rename_run(first, "renamed", root=other)
    with pytest.raises(AlreadyInStore, match="'renamed'"):
        import_zip(data, root=other)
    # a recorded digest is recomputed at import, never trusted: a forged one changes nothing
    forged = _edit_config(run_files(root / "base"), lambda c: c.update(weights_sha256="0" * 64))
    with pytest.raises(AlreadyInStore):
        import_zip(make_zip(forged), root=other)
    # a different model (other weights) is imported beside it
    save_run(trained("sparse"), root=tmp_path / "src", name="base")
    assert import_zip(export_zip(tmp_path / "src" / "base"), root=other).name == "base"
    assert names(other) == ["base", "renamed"]


def test_runs_without_a_recorded_digest_are_hashed(root):
    config = json.loads((root / "base" / "config.json").read_text())
    recorded = config.pop("weights_sha256")
    assert recorded == runstore.file_sha256(root / "base" / "weights.safetensors")
    (root / "base" / "config.json").write_text(json.dumps(config))  # as saved before the digest existed
    assert runstore.run_digest(root / "base") == recorded
    with pytest.raises(AlreadyInStore):
        import_zip(export_zip(root / "base"), root=root)


def test_zip_inside_one_folder_and_without_optional_files(root, tmp_path):
    files = run_files(root / "base")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("shared run/", b"")
        for f in FILES[:2]:
            zf.writestr(f"shared run/{f}", files[f])
    path = import_zip(buf.getvalue(), root=tmp_path / "other")
    assert path.name == "shared-run" and sorted(os.listdir(path)) == sorted(FILES)
    assert load_run(path).metrics == {} and load_run(path).history == []


def _edit_config(files: dict, edit) -> dict:
    config = json.loads(files["config.json"])
    edit(config)
    return {**files, "config.json": json.dumps(config).encode()}


def _symlink_zip(files: dict) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("config.json", files["config.json"])
        link = zipfile.ZipInfo("weights.safetensors")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
    return buf.getvalue()


HOSTILE = {
    "traversal": (lambda f: make_zip({"../config.json": f["config.json"], "weights.safetensors": b""}),
                  "path traversal"),
    "absolute": (lambda f: make_zip({"/tmp/config.json": f["config.json"]}), "path traversal"),
    "symlink": (_symlink_zip, "symbolic link"),
    "pickle": (lambda f: make_zip({**f, "model.pt": b"\x80\x04K\x01."}),
               "model.pt: only safetensors weights are accepted; pickle-based formats can run code"),
    "stranger": (lambda f: make_zip({"config.json": f["config.json"], "notes.txt": b"hi"}), "may hold only"),
    "too many": (lambda f: make_zip({**f, **{f"run/{k}": v for k, v in f.items()}}), "entries"),
    "bomb": (lambda f: make_zip({"config.json": f["config.json"], "weights.safetensors": b"\0" * (20 << 20)}),
             "zip bomb"),
    "truncated": (lambda f: make_zip(f)[: len(make_zip(f)) // 2], "truncated"),
    "not a zip": (lambda f: b"PK\x03\x04 nonsense", "truncated or damaged"),
    "no weights": (lambda f: make_zip({"config.json": f["config.json"]}), "no weights.safetensors"),
    "garbage weights": (lambda f: make_zip({**f, "weights.safetensors": b"\x08" + b"\0" * 40}),
                        "not a valid safetensors file"),
    "shapes": (lambda f: make_zip(_edit_config(f, lambda c: c["model"].update(latent=5))),
               r"tensor 'encoder\.layers\.1\.weight' has shape \(3, 8\).*needs \(5, 8\)"),
    "huge latent": (lambda f: make_zip(_edit_config(f, lambda c: c["model"].update(latent=10**9))), "latent"),
    "negative hidden": (lambda f: make_zip(_edit_config(f, lambda c: c["model"].update(hidden=[-4]))),
                        "hidden sizes must be between"),
    "unknown model key": (lambda f: make_zip(_edit_config(f, lambda c: c["model"].update(colour="red"))),
                          "unknown setting"),
    "unknown top key": (lambda f: make_zip(_edit_config(f, lambda c: c.update(exec="rm -rf /"))), "unknown key"),
    "unknown train key": (lambda f: make_zip(_edit_config(f, lambda c: c["train"].update(momentum=0.9))),
                          "unknown train setting"),
    "absurd input": (lambda f: make_zip(_edit_config(f, lambda c: c.update(input_dim=-1))), "input_dim"),
    "bad history": (lambda f: make_zip({**f, "history.jsonl": b"{oops\n"}), "history.jsonl"),
    "live unknown": (lambda f: make_zip(_edit_config(f, lambda c: c.update(live={"rho": 0.1}))),
                     "live: Autoencoder has no live setting 'rho'"),
    "live text": (lambda f: make_zip(_edit_config(f, lambda c: c.update(live={"rho": "0.1"}))),
                  "live must map setting names to numbers"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_zip_is_refused_and_leaves_root_unchanged(root, case):
    build, match = HOSTILE[case]
    before = names(root)
    with pytest.raises(ValueError, match=match):
        import_zip(build(run_files(root / "base")), root=root, name="intruder")
    assert names(root) == before


def test_settings_changed_while_training_are_saved_and_restored(tmp_path):
    """ρ and β moved by the sliders mid-run travel with the weights; the config keeps the start values."""
    result = trained("sparse")
    model = result.model
    model.set_hparams(rho=0.2, beta=1.5)
    try:
        folder = save_run(result, root=tmp_path, name="moved")
        config = json.loads((folder / "config.json").read_text())
        assert config["live"] == {"rho": 0.2, "beta": 1.5}
        assert config["model"]["rho"] == model.cfg.rho != 0.2  # the recipe that replays the run
        back = load_run(folder).model
        assert (back.rho, back.beta) == (0.2, 1.5)
    finally:
        model.set_hparams(rho=model.cfg.rho, beta=model.cfg.beta)
    unchanged = json.loads((save_run(result, root=tmp_path, name="kept") / "config.json").read_text())
    assert "live" not in unchanged
