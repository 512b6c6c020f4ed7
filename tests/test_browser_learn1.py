"""Basics & PCA, Sparse and Denoising in a real browser: train with defaults, time it, look at the page.

Uses the shared ``server``/``page`` fixtures (conftest). Screenshots go to ``screenshots/``:
``learn1-<page>[-<what>].png``; the seconds from the click on Train to the page's main result
go to ``screenshots/learn1-timings.txt``.
"""

from __future__ import annotations

import time

import pytest

from tests.browser_support import EXCEPTION, chart_titled, open_page, press, shot, tall_shot
from tests.browser_support import record as support_record

pytestmark = pytest.mark.browser

MAIN_RESULT_S = 10.0  # on defaults (digits, 2 cores): Train → the page's main result


def record(name: str, seconds: float) -> None:
    support_record("learn1", name, seconds)


def check_time(name: str, seconds: float) -> None:
    """The 10-s promise (Train → main result) is recorded beside the time, not asserted: speed is
    measured in bench/ (first_picture.py, ui_latency.py), and a timed assert fails on a loaded CI
    machine (10.9 s seen at load 4)."""
    record(f"{name}: {'within' if seconds < MAIN_RESULT_S else 'OVER'} the {MAIN_RESULT_S:.0f}-s promise", seconds)


@pytest.fixture(scope="module", autouse=True)
def warm(server, browser):
    """One tiny training first: a classroom server is started before the lesson, not at the first click."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(120_000)
    open_page(pg, f"{server}/basics?epochs=1")
    press(pg, "Train")
    pg.get_by_text("What the network learned").wait_for()
    context.close()


def idle(pg) -> None:
    """Wait until no job of this page is training (the Stop button is off again)."""
    pg.wait_for_function("""() => [...document.querySelectorAll('button')]
        .filter(b => b.innerText.trim() === 'Stop').every(b => b.disabled)""", timeout=180_000)


def test_basics_trains_and_shows_errors_and_the_pca_curve(server, page):
    open_page(page, f"{server}/basics")
    t0 = press(page, "Train")
    chart_titled(page, "test MSE of these 10")  # originals, reconstructions, error heat map
    main = time.perf_counter() - t0
    record("basics (reconstructions + error map)", main)
    chart_titled(page, "PCA for every k")
    page.wait_for_timeout(1000)
    tall_shot(page, "learn1-basics")
    assert page.locator(EXCEPTION).count() == 0
    check_time("basics", main)


def test_basics_linear_preset_finds_the_pca_subspace(server, page):
    open_page(page, f"{server}/basics")
    t0 = press(page, "Try: a linear AE finds PCA")
    chart_titled(page, "Principal angles")
    record("basics linear preset (principal angles)", time.perf_counter() - t0)
    chart_titled(page, "Decoder basis vs principal components")
    page.wait_for_timeout(1000)
    tall_shot(page, "learn1-basics-pca")
    assert page.locator(EXCEPTION).count() == 0


def test_basics_overcomplete_runs_fill_in(server, page):
    open_page(page, f"{server}/basics")
    t0 = press(page, "Train the 3 overcomplete runs (200 rows, code 256 > input 64)")
    chart_titled(page, "Linear probe")
    page.locator(".js-plotly-plot .xtick text", has_text="weight decay").first.wait_for(timeout=180_000)
    record("basics overcomplete (3 runs, 2 at a time)", time.perf_counter() - t0)
    chart_titled(page, "small random nudge")
    page.wait_for_timeout(1500)
    page.get_by_text("Overcomplete codes: what stops the copy?").scroll_into_view_if_needed()
    shot(page, "learn1-basics-overcomplete")
    assert page.locator(EXCEPTION).count() == 0


def test_sparse_trains_live_and_draws_features(server, page):
    open_page(page, f"{server}/sparse")
    t0 = press(page, "Train")
    chart_titled(page, "Learned features")
    main = time.perf_counter() - t0
    record("sparse (features + ρ̂ histogram)", main)
    chart_titled(page, "Mean activation ρ̂ⱼ")
    page.wait_for_timeout(1000)
    tall_shot(page, "learn1-sparse")
    assert page.locator(EXCEPTION).count() == 0
    check_time("sparse", main)


def test_sparse_rho_reaches_the_running_job(server, page):
    open_page(page, f"{server}/sparse?epochs=400")
    press(page, "Train")
    chart_titled(page, "Mean activation ρ̂ⱼ")  # the live histogram, while the job runs
    slider = page.get_by_role("slider", name="Target activation ρ")
    slider.focus()
    page.keyboard.press("ArrowLeft")  # 0.05 → 0.02
    page.get_by_text("sent to the running job").wait_for(timeout=10_000)
    page.wait_for_timeout(2500)  # the histogram moves
    shot(page, "learn1-sparse-live")
    assert page.get_by_role("button", name="Stop", exact=True).is_enabled(), "the job was restarted or ended"
    press(page, "Stop")
    page.get_by_text("What the network learned").wait_for(timeout=180_000)
    assert page.locator(EXCEPTION).count() == 0


def test_sparse_edge_preset_gives_edge_filters(server, page):
    open_page(page, f"{server}/sparse")
    t0 = press(page, "Try: edge detectors on natural patches")
    chart_titled(page, "Learned features: encoder weights of the 25 code units")
    record("sparse edge preset (patches, L-BFGS)", time.perf_counter() - t0)
    page.wait_for_timeout(1000)
    tall_shot(page, "learn1-sparse-edges")
    assert page.locator(EXCEPTION).count() == 0


def test_denoising_grid_sweep_and_score_field(server, page):
    open_page(page, f"{server}/denoising")
    t0 = press(page, "Train")
    chart_titled(page, "PSNR on test images")
    main = time.perf_counter() - t0
    record("denoising (grid + PSNR sweep)", main)
    idle(page)
    press(page, "Train the plain AE of the same size (code 16)")
    page.locator(".legendtext", has_text="plain AE (same size)").first.wait_for(timeout=180_000)
    t1 = press(page, "Train the toy DAE")
    chart_titled(page, "Denoising field r(x) − x on moons")
    record("denoising toy field", time.perf_counter() - t1)
    page.wait_for_timeout(1000)
    tall_shot(page, "learn1-denoising")
    assert page.locator(EXCEPTION).count() == 0
    check_time("denoising", main)


@pytest.mark.parametrize("name,button,title", [("basics", "训练", "这 10 张的测试 MSE"),
                                                ("sparse", "训练", "学到的特征"),
                                                ("denoising", "训练", "测试图像的 PSNR")])
def test_pages_in_chinese(server, page, name, button, title):
    open_page(page, f"{server}/{name}?lang=zh")
    press(page, button)
    chart_titled(page, title)
    page.wait_for_timeout(1500)
    tall_shot(page, f"learn1-{name}-zh")
    assert page.locator(EXCEPTION).count() == 0
