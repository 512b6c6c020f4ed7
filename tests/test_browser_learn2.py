"""Contractive, Variational and Stacked in a real browser: train with defaults, time it, click the code map.

Uses the shared ``server``/``page`` fixtures (conftest). Screenshots go to ``screenshots/``:
``learn2-<page>[-zh].png``; the seconds from the click on Train to the page's main result go to
``screenshots/learn2-timings.txt``.
"""

from __future__ import annotations

import time

import pytest

from tests.browser_support import EXCEPTION, chart_titled, open_page, press, tall_shot
from tests.browser_support import record as support_record

pytestmark = pytest.mark.browser

# Times are recorded in screenshots/learn2-timings.txt, not asserted: speed is measured in bench/.


def record(name: str, seconds: float) -> None:
    support_record("learn2", name, seconds)


def test_contractive_trains_three_and_compares_them(server, page):
    open_page(page, f"{server}/contractive")
    t0 = press(page, "Train all three: plain, denoising, contractive")
    page.get_by_text("Contractive AE: mean ‖Jᵩ(x)‖").wait_for(timeout=180_000)  # the CAE's own result
    first = time.perf_counter() - t0
    page.get_by_text("Denoising AE: mean ‖Jᵩ(x)‖").wait_for(timeout=180_000)  # all three compared
    chart_titled(page, "(x)‖F per test example")
    three = time.perf_counter() - t0
    record("contractive (CAE result)", first)
    record("contractive (three models compared)", three)
    chart_titled(page, "Code change against perturbation size")
    tall_shot(page, "learn2-contractive")
    assert page.locator(EXCEPTION).count() == 0


def test_contractive_circles_on_a_2d_toy(server, page):
    open_page(page, f"{server}/contractive?data=moons&code=2&hidden=32&lam=1")
    t0 = press(page, "Train all three: plain, denoising, contractive")
    page.get_by_text("Denoising AE: mean ‖Jᵩ(x)‖").wait_for(timeout=180_000)
    record("contractive on moons (three models)", time.perf_counter() - t0)
    chart_titled(page, "Code change against perturbation size")
    tall_shot(page, "learn2-contractive-moons")
    assert page.locator(EXCEPTION).count() == 0


def _click_point(pg, chart, trace: int, i: int) -> int:
    """Click point i of a trace of a plotly chart; returns the test row it carries (its customdata)."""
    chart.scroll_into_view_if_needed()
    info = chart.evaluate("""(gd, [trace, i]) => {
        const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, tr = gd._fullData[trace];
        const box = gd.getBoundingClientRect();
        return {x: box.left + xa._offset + xa.l2p(tr.x[i]), y: box.top + ya._offset + ya.l2p(tr.y[i]),
                row: tr.customdata[i]};
    }""", [trace, i])
    pg.mouse.move(info["x"], info["y"])
    pg.wait_for_timeout(300)
    pg.mouse.click(info["x"], info["y"])
    return int(info["row"])


def test_variational_trains_and_two_clicks_interpolate(server, page):
    open_page(page, f"{server}/variational")
    t0 = press(page, "Train")
    chart_titled(page, "Test codes (click two points)")
    seconds = time.perf_counter() - t0
    record("variational", seconds)
    chart_titled(page, "Decoded path from #")
    tall_shot(page, "learn2-variational")
    # Two clicks on the map: the strip goes from the first clicked example to the second.
    picked = []
    for trace, i in ((1, 3), (7, 5)):
        before = page.locator(".gtitle", has_text="Decoded path from #").first.text_content()
        picked.append(_click_point(page, chart_titled(page, "Test codes (click two points)"), trace, i))
        page.wait_for_function("t => [...document.querySelectorAll('.gtitle')].some("
                               "e => e.textContent.startsWith('Decoded path from #') && e.textContent !== t)",
                               arg=before, timeout=20_000)
    title = page.locator(".gtitle", has_text="Decoded path from #").first.text_content()
    assert title == f"Decoded path from #{picked[0]} to #{picked[1]}", (title, picked)
    tall_shot(page, "learn2-variational-clicked")
    assert page.locator(EXCEPTION).count() == 0


def test_stacked_default_run_shows_layers_live_and_finishes_in_time(server, page):
    open_page(page, f"{server}/stacked")
    t0 = press(page, "Train")
    chart_titled(page, "Greedy pretraining: each layer's reconstruction loss")
    first = time.perf_counter() - t0
    record("stacked (first layer curve, live)", first)
    chart_titled(page, "with the same supervised budget")
    total = time.perf_counter() - t0
    record("stacked (whole run)", total)
    chart_titled(page, "Layer 3: units seen in input space")
    tall_shot(page, "learn2-stacked")
    assert page.locator(EXCEPTION).count() == 0


@pytest.mark.parametrize("key", ["contractive", "variational", "stacked"])
def test_learn2_pages_in_chinese(server, page, key):
    open_page(page, f"{server}/{key}?lang=zh")
    press(page, "训练")
    page.get_by_text("网络学到了什么").wait_for(timeout=180_000)
    page.wait_for_timeout(1500)
    tall_shot(page, f"learn2-{key}-zh")
    assert page.locator(EXCEPTION).count() == 0
