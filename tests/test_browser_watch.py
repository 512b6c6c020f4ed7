"""Browser test of "Watching it learn" on Basics: pause, one step, resume, stop; then draw a digit.

Real Chromium against ``streamlit run``: the live view's buttons drive the job (the progress text
and the "Paused at step N" line follow each click), and the canvas component loads, takes mouse
strokes and sends them, so that a code appears. Screenshots go to ``$DIABOLO_SHOTS`` (default
``screenshots/``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.browser_support import EXCEPTION, streamlit_server

pytestmark = pytest.mark.browser
SHOTS = Path(os.environ.get("DIABOLO_SHOTS", Path(__file__).resolve().parents[1] / "screenshots"))
PORT = int(os.environ.get("DIABOLO_WATCH_PORT", "0"))  # 0: a free port


@pytest.fixture(scope="module")
def watch_server():
    with streamlit_server("diabolo-watch-runs-", port=PORT) as url:
        yield url


@pytest.fixture(scope="module")
def chromium(browser):
    """The session's shared Chromium: a second sync_playwright() in one process fails ("Sync API inside the asyncio loop")."""
    return browser


def paused_step(pg) -> int:
    text = pg.get_by_text(re.compile(r"Paused at step \d+")).first
    text.wait_for(timeout=180_000)  # the first step can take minutes on a loaded two-core machine
    return int(re.search(r"Paused at step (\d+)", text.inner_text()).group(1))


def test_pause_step_resume_stop_then_draw_a_digit(watch_server, chromium):
    SHOTS.mkdir(parents=True, exist_ok=True)
    ctx = chromium.new_context(viewport={"width": 1280, "height": 720}, locale="en-US")
    pg = ctx.new_page()
    pg.set_default_timeout(120_000)
    pg.goto(f"{watch_server}/basics?epochs=400&code=2")
    pg.locator("h1").first.wait_for()
    pg.get_by_role("button", name="Train", exact=True).click()
    pg.get_by_role("button", name="Pause", exact=True).click()
    held = paused_step(pg)
    pg.wait_for_timeout(1500)  # three polls: still held
    assert paused_step(pg) == held
    for n in (1, 2):
        pg.get_by_role("button", name="One step", exact=True).click()
        pg.get_by_text(f"Paused at step {held + n} ").first.wait_for(timeout=60_000)
    assert pg.locator('[data-testid="stProgress"]').first.inner_text().count(f"step {held + 2} ") == 1
    live = pg.locator(".js-plotly-plot", has=pg.locator(".gtitle", has_text="Code space, live"))
    live.first.wait_for()
    pg.screenshot(path=str(SHOTS / "watch-paused-1280.png"))
    pg.get_by_role("button", name="Resume", exact=True).click()
    pg.get_by_role("button", name="Pause", exact=True).wait_for()
    pg.get_by_role("button", name="Stop", exact=True).click()
    pg.get_by_text("Your own input").first.wait_for(timeout=180_000)
    canvas = pg.locator("canvas[aria-label='drawing canvas']")
    canvas.wait_for()
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    x0, y0, s = box["x"], box["y"], box["width"]
    pg.mouse.move(x0 + 0.5 * s, y0 + 0.15 * s)  # a "1": one stroke down the middle
    pg.mouse.down()
    for k in range(1, 11):
        pg.mouse.move(x0 + 0.5 * s, y0 + (0.15 + 0.07 * k) * s)
    pg.mouse.up()
    code = pg.get_by_text(re.compile(r"Its code: z = \(")).first
    code.wait_for(timeout=60_000)
    assert re.search(r"z = \(-?[\d.e+-]+, -?[\d.e+-]+\)", code.inner_text())
    pg.locator(".js-plotly-plot", has=pg.locator(".gtitle", has_text="Your input on the code map")).first.wait_for()
    code.scroll_into_view_if_needed()
    pg.screenshot(path=str(SHOTS / "watch-drawn-1280.png"))
    assert pg.locator(EXCEPTION).count() == 0
    ctx.close()
