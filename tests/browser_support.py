"""Shared pieces of the real-browser tests: a `streamlit run` server, Chromium, page helpers.

The fixtures ``server``, ``browser`` and ``page`` are registered in ``conftest.py`` (one server
and one browser per test session); browser test modules import ``open_page``/``shot`` from here.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "screenshots"
CHROMIUM = os.environ.get("DIABOLO_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
EXCEPTION = '[data-testid="stException"]'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_streamlit(env: dict, log, timeout_s: float = 60, port: int = 0) -> tuple[subprocess.Popen, str]:
    """Start ``streamlit run app.py`` on loopback ``port`` (0: a free one) and wait until it answers its health check.

    ``log`` is an open file for the server's output. Raises RuntimeError (the server killed) when it
    exits or stays silent for ``timeout_s`` seconds. Shared by the browser tests and bench/screenshots.py.
    """
    port = port or free_port()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
                             "--server.address", "127.0.0.1", "--server.port", str(port)],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.3)
        if proc.poll() is not None:
            raise RuntimeError("streamlit exited")
    proc.kill()
    raise RuntimeError(f"streamlit did not answer on /_stcore/health within {timeout_s:g} s")


@contextlib.contextmanager
def streamlit_server(prefix: str, port: int = 0):
    """A Streamlit server on its own empty runs folder for the duration of the block; yields its URL."""
    runs = tempfile.mkdtemp(prefix=prefix)
    env = {**os.environ, "DIABOLO_RUNS_DIR": runs, "PYTHONUNBUFFERED": "1"}
    log = open(Path(runs) / "server.log", "w")  # noqa: SIM115 - closed below
    try:
        proc, url = start_streamlit(env, log, port=port)
    except RuntimeError as e:
        log.close()
        pytest.fail(f"{e}:\n" + (Path(runs) / "server.log").read_text())
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def server():
    with streamlit_server("diabolo-browser-runs-") as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="en-US")
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    context.close()


def open_page(pg, url: str) -> None:
    pg.goto(url)
    pg.locator("h1").first.wait_for()
    pg.wait_for_timeout(800)  # charts and images settle


def shot(pg, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


# ---- helpers of the Learn pages' browser tests ------------------------------------------------------
def record(log: str, name: str, seconds: float) -> None:
    """Append a timing, with the load it was measured under, to ``screenshots/<log>-timings.txt``."""
    SHOTS.mkdir(exist_ok=True)
    with open(SHOTS / f"{log}-timings.txt", "a") as f:
        f.write(f"{name} {seconds:.1f} s (load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)\n")


def tall_shot(pg, name: str, max_px: int = 12000) -> None:
    """A screenshot of the whole page: the viewport grows to the main area's height (it scrolls inside)."""
    height = pg.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    size = pg.viewport_size
    pg.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, max_px)})
    pg.wait_for_timeout(1500)  # charts re-layout
    shot(pg, name)
    pg.set_viewport_size(size)


def press(pg, label: str) -> float:
    """Click a button by its exact label; returns the time of the click."""
    pg.get_by_role("button", name=label, exact=True).click()
    return time.perf_counter()


def chart_titled(pg, title: str, timeout_s: float = 180):
    """The plotly chart whose title contains ``title`` (waits for it)."""
    loc = pg.locator(".js-plotly-plot", has=pg.locator(".gtitle", has_text=title))
    loc.first.wait_for(timeout=timeout_s * 1000)
    return loc.first
