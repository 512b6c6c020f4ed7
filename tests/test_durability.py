"""Durability: a process killed in the middle of a save, an import or a delete loses nothing.

A child process saves two runs, then starts a third operation with a hook that pauses it at
a chosen point (after config.json, after the weights, just before the rename, half-way through
an import, in the middle of a delete's clean-up); the parent SIGKILLs it there. The store must
still list the earlier runs intact and no half-written one. Also: the runs and cache folders
are private (0o700) and a whole session writes nothing outside them.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from aecore.data import user as userdata
from aecore.store import runs as runstore
from aecore.store.runs import TEMP_PREFIX, cleanup_temp, list_runs, load_run

REPO = Path(__file__).resolve().parents[1]

CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from aecore import DataConfig, FitSpec, ModelConfig, TrainConfig
    from aecore.models.registry import build_model
    from aecore.store import files as atomic
    from aecore.store import runs as runstore
    from aecore.store import zips as runzip

    root, where = sys.argv[1], sys.argv[2]
    spec = FitSpec(DataConfig("digits"), ModelConfig(latent=3, hidden=(8,)), TrainConfig(epochs=1))
    model = build_model(spec.model, 64, True, 0, 10)
    for name in ("first", "second"):
        runstore.save_fit(spec, model, None, [{"epoch": 1}], {"test_mse": 0.1}, root=root, name=name)
    zipped = runzip.export_zip(runstore.runs_root(root) / "first")

    def pause(original):
        def hooked(*args, **kwargs):
            out = original(*args, **kwargs) if where != "publish" else None
            print("PAUSED", flush=True)
            time.sleep(120)
            return out
        return hooked

    if where == "config":
        atomic.write_text = pause(atomic.write_text)
    elif where == "weights":
        runstore.save_file = pause(runstore.save_file)
    elif where == "publish":
        atomic.publish = pause(atomic.publish)
    elif where == "import":
        runzip._extract = pause(runzip._extract)
    elif where == "delete":
        runstore.shutil.rmtree = pause(lambda path, **kw: (Path(path) / "weights.safetensors").unlink())
    if where == "import":
        runzip.import_zip(zipped, root=root, name="third")
    elif where == "delete":
        runstore.delete_run(runstore.runs_root(root) / "second", root=root)
    else:
        runstore.save_fit(spec, model, None, [], {}, root=root, name="third")
    print("FINISHED", flush=True)
""")


@pytest.mark.parametrize("where", ["config", "weights", "publish", "import", "delete"])
def test_kill_mid_operation_leaves_every_earlier_run_intact(tmp_path, where):
    root = tmp_path / "runs"
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(root), where], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()  # blocks until the hook pauses (or the child dies)
        assert line.strip() == "PAUSED", (line, proc.stderr.read() if proc.poll() is not None else "")
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
        proc.stderr.close()
    survivors = ["first"] if where == "delete" else ["second", "first"]
    assert [r.name for r in list_runs(root)] == survivors  # newest first, no half run
    for name in survivors:
        run = load_run(root / name)
        assert run.model.input_dim == 64 and run.metrics == {"test_mse": 0.1}
    leftovers = [p.name for p in root.iterdir() if p.name not in survivors]
    assert all(name.startswith(TEMP_PREFIX) for name in leftovers), leftovers  # at most the dead temp folder
    assert cleanup_temp(root, max_age=0) == len(leftovers)
    assert sorted(os.listdir(root)) == sorted(survivors)


def test_runs_and_cache_folders_are_private(tmp_path, monkeypatch):
    monkeypatch.setenv("AECORE_CACHE_DIR", str(tmp_path / "cache"))
    for folder in (runstore.runs_root(tmp_path / "runs"), userdata.uploads_dir(), tmp_path / "cache"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    path = userdata.store_upload(b"\n".join(b"%d,%d,%d" % (i, i + 1, i * 2) for i in range(20)), "mine.csv")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700


SESSION = textwrap.dedent("""
    import sys
    from aecore import DataConfig, FitSpec, ModelConfig, TrainConfig, fit
    from aecore.cli import main
    from aecore.data import user as userdata
    from aecore.store import runs as runstore
    from aecore.store import zips as runzip

    rows = b"\\n".join(b"%d,%d,%d,%d" % (i % 7, i % 5, i % 3, i % 2) for i in range(40))
    path = userdata.store_upload(rows, "class data.csv")
    result = fit(FitSpec(DataConfig(f"file:{path}"), ModelConfig(latent=2, hidden=(4,)), TrainConfig(epochs=1)))
    saved = runstore.save_run(result, name="mine")
    zipped = runzip.export_zip(saved)
    runstore.delete_run(saved)  # (importing it beside itself would be refused: the same weights)
    imported = runzip.import_zip(zipped)
    assert imported.name == "mine", imported
    runstore.rename_run(imported, "renamed")
    assert main(["evaluate", str(runstore.runs_root() / "renamed")]) == 0
""")


def test_a_whole_session_writes_only_into_the_runs_and_cache_folders(tmp_path):
    for d in ("home", "tmp", "cwd"):
        (tmp_path / d).mkdir()
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1", "HOME": str(tmp_path / "home"),
           "TMPDIR": str(tmp_path / "tmp"), "DIABOLO_RUNS_DIR": str(tmp_path / "runs"),
           "AECORE_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("AECORE_DATA_DIR", None)
    t0 = time.time()
    proc = subprocess.run([sys.executable, "-c", SESSION], cwd=tmp_path / "cwd", env=env, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    written = [p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file() and p.stat().st_mtime >= t0 - 1]
    outside = [str(p) for p in written if p.parts[0] not in ("runs", "cache")]
    assert outside == [], outside
    assert {p.parts[0] for p in written} == {"runs", "cache"}
    for top in ("runs", "cache"):
        assert stat.S_IMODE((tmp_path / top).stat().st_mode) == 0o700


def test_closing_a_session_frees_its_jobs():
    """cancel_session (what a closed tab triggers) ends a running and a queued job and frees both."""
    import weakref

    from aecore import DataConfig, FitSpec, ModelConfig, TrainConfig
    from aecore.serving.jobs import JobManager

    manager = JobManager(max_running=1)
    spec = FitSpec(DataConfig("digits"), ModelConfig(latent=4, hidden=(16,)), TrainConfig(epochs=500))
    running, queued = manager.submit("tab", spec), manager.submit("tab", spec)
    other = manager.submit("another tab", spec)
    deadline = time.time() + 60
    while running.snapshot().step < 3 and time.time() < deadline:
        time.sleep(0.05)
    assert running.status == "running" and queued.status == "queued"
    refs = [weakref.ref(running), weakref.ref(queued)]
    del running, queued
    t0 = time.perf_counter()
    assert manager.cancel_session("tab") == 2
    while any(r() is not None for r in refs) and time.perf_counter() - t0 < 5:
        time.sleep(0.01)  # no gc.collect(): reference counting alone must free them
    assert all(r() is None for r in refs), "cancelled jobs still referenced 5 s after cancel_session"
    assert other.done.wait(5) is False and other.status in ("queued", "running")  # the other tab trains on
    manager.shutdown()
