"""Shared test set-up: data and run folders, the repo on sys.path, the ``browser`` marker.

- ``AECORE_DATA_DIR`` points at the sibling ``../shared/data`` when it exists (real data sets).
- ``DIABOLO_RUNS_DIR`` is a fresh temporary folder for the whole session: tests never touch a
  user's saved runs.
- ``ray_engine``: a local Ray with 2 CPUs for the tests that run jobs on the Ray engine.
- Tests marked ``browser`` need Chromium and Playwright; without them they skip locally and
  fail under ``CI=true`` (CI installs both, so a skip there would hide a broken set-up).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_shared = ROOT.parent / "shared" / "data"
if _shared.is_dir() and "AECORE_DATA_DIR" not in os.environ:
    os.environ["AECORE_DATA_DIR"] = str(_shared)
_runs = tempfile.mkdtemp(prefix="diabolo-test-runs-")
os.environ["DIABOLO_RUNS_DIR"] = _runs
# Uploads and caches of the tests (and of the browser tests' server, which inherits this) stay
# out of the user's own ~/.cache/diabolo.
os.environ["AECORE_CACHE_DIR"] = tempfile.mkdtemp(prefix="diabolo-test-cache-")
os.environ.setdefault("DIABOLO_SESSION_GRACE_S", "0")

import torch  # noqa: E402

# The test models are tiny: one intra-op thread is as fast and keeps the job worker threads
# (which set their own share) from oversubscribing the two cores.
torch.set_num_threads(1)

from pages.common import patch_for_apptest  # noqa: E402

patch_for_apptest()

CHROMIUM = os.environ.get("DIABOLO_CHROMIUM", "/usr/bin/chromium")


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        return f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -r requirements-dev.txt)"
    return None


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def pytest_runtest_setup(item):
    if "browser" not in item.keywords:
        return
    reason = browser_missing()
    if reason is not None:
        if in_ci():
            pytest.fail(f"CI=true but the browser tests cannot run: {reason}", pytrace=False)
        pytest.skip(reason)


from tests.browser_support import browser, page, server  # noqa: E402,F401  (shared browser fixtures)


@pytest.fixture(scope="session")
def ray_engine():
    """The Ray engine on one local Ray with 2 CPUs, started once per test session.

    Skips when Ray is not installed, except under ``CI=true`` (requirements.txt pins it there).
    """
    try:
        import ray
    except ImportError:
        if in_ci():
            pytest.fail("CI=true but Ray is not installed (pip install -r requirements.txt)", pytrace=False)
        pytest.skip("Ray is not installed (pip install -r requirements.txt)")
    from aecore.serving.engines.ray_engine import RayEngine

    engine = RayEngine(address="", num_cpus=2)
    yield engine
    ray.shutdown()


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_runs, ignore_errors=True)


# ---- fixtures shared by the labs' tests ------------------------------------------------------
@pytest.fixture(scope="module")
def one_torch_thread():
    """Tiny models train fastest on one thread, and on a busy 2-core machine extra threads only contend."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="module")
def digits():
    """The scikit-learn 8×8 digits, as every page loads them by default."""
    from aecore import DataConfig, load_dataset

    return load_dataset(DataConfig("digits"))
