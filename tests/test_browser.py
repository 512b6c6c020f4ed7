"""End-to-end in a real browser: `streamlit run app.py` on a free loopback port, driven by Chromium.

What AppTest cannot see: the polling fragment, the worker thread, clicks, latency. Screenshots
go to ``screenshots/`` (git-ignored). Skips without Chromium/Playwright, fails under CI=true.
"""

from __future__ import annotations

import time

import pytest

from pages.common import nav
from tests.browser_support import EXCEPTION, SHOTS, open_page, record, shot

pytestmark = pytest.mark.browser

def test_every_page_opens_without_an_exception(server, page):
    for p in nav.PAGES:
        open_page(page, f"{server}/{'' if p.key == 'home' else p.key}")
        shot(page, f"page-{p.key}")
        assert page.locator(EXCEPTION).count() == 0, p.key
    open_page(page, f"{server}/basics?lang=zh")
    assert page.locator("h1").first.inner_text() == "基础与 PCA"
    shot(page, "page-basics-zh")


def test_train_then_stop_on_basics_while_the_page_stays_responsive(server, page):
    open_page(page, f"{server}/basics?epochs=500&hidden=512-512")
    page.get_by_role("button", name="Train", exact=True).click()
    page.get_by_text("step", exact=False).first.wait_for()
    page.wait_for_timeout(1500)
    shot(page, "basics-training")
    # An interaction while training: switch to Advanced and back, each time until the UI shows it.
    # Median of five; a second round only if the first was slow (a busy shared machine).
    rounds = []
    for _ in range(2):
        latencies = []
        for mode, label in (("Advanced", "Learning rate"), ("Beginner", None)) * 2 + (("Advanced", "Learning rate"),):
            t0 = time.perf_counter()
            page.locator('[data-testid="stSidebar"]').get_by_text(mode, exact=True).click()
            if label:
                page.get_by_text(label, exact=True).first.wait_for(timeout=10_000)
            else:
                page.get_by_text("Learning rate", exact=True).first.wait_for(state="detached", timeout=10_000)
            latencies.append(time.perf_counter() - t0)
        rounds.append(sorted(latencies)[2])
        (SHOTS / "latency.txt").write_text(" ".join(f"{x:.3f}" for x in latencies) + "\n")
        if rounds[-1] < 1.0:
            break
    # Latency is recorded, not asserted: speed is measured by bench/ui_latency.py and bench/browser_load.py,
    # which print ratios in one run; a timed assert here fails on a loaded CI machine (6.7 s seen at load 4.2).
    record("browser", "basics: median Beginner/Advanced switch while training", min(rounds))
    assert page.get_by_role("button", name="Stop", exact=True).is_enabled(), "the job ended early: the test needs it running"
    t0 = time.perf_counter()
    page.get_by_role("button", name="Stop", exact=True).click()
    page.get_by_text("Stopped", exact=False).first.wait_for(timeout=30_000)
    record("browser", "basics: Stop → 'Stopped' shown", time.perf_counter() - t0)
    page.get_by_text("What the network learned").wait_for(timeout=60_000)
    page.wait_for_timeout(800)
    shot(page, "basics-stopped")
    assert page.locator(EXCEPTION).count() == 0
    assert page.get_by_role("button", name="Save run").is_visible()
