"""Compare and Latent space in a real browser: a two-variant comparison, then a click on the map.

What AppTest cannot do: click a WebGL point, see the polling fragment swap a UMAP map in while
the PCA map stays clickable. Uses the shared ``server``/``page`` fixtures; screenshots go to
``screenshots/``.
"""

from __future__ import annotations

import pytest

from tests.browser_support import EXCEPTION, open_page, shot

pytestmark = pytest.mark.browser

POINT_JS = """(gd) => {
  const fl = gd._fullLayout, tr = gd._fullData.find(d => d.type === 'scattergl' && d.x.length > 0);
  const i = Math.floor(tr.x.length / 2), r = gd.getBoundingClientRect();
  return {x: r.left + fl.xaxis._offset + fl.xaxis.l2p(tr.x[i]), y: r.top + fl.yaxis._offset + fl.yaxis.l2p(tr.y[i]),
          title: fl.xaxis.title.text};
}"""


def scroll(page, y: int) -> None:
    """Scroll Streamlit's main area (the page itself does not scroll, so full-page shots miss the rest)."""
    page.evaluate(f"() => document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, {y})")
    page.wait_for_timeout(800)


def map_point(page) -> dict:
    """Screen position of a point of the Latent page's map (its first plotly chart) and the axis title."""
    graph = page.locator(".js-plotly-plot").first
    graph.wait_for()
    return graph.evaluate(POINT_JS)


def test_compare_two_variants_then_click_a_point_on_the_latent_map(server, page):
    open_page(page, f"{server}/compare?epochs=3")
    assert page.locator(EXCEPTION).count() == 0
    page.get_by_role("button", name="Train all").click()
    page.get_by_text("Measurements (best per row marked ★)").wait_for(timeout=120_000)
    page.get_by_text("Validation objective, relative to epoch 1").wait_for()
    page.locator('[data-testid="stTable"]').wait_for()
    page.wait_for_timeout(1500)
    shot(page, "compare-two-variants")
    scroll(page, 900)
    shot(page, "compare-two-variants-table")
    assert page.locator(EXCEPTION).count() == 0
    assert page.get_by_role("button", name="Download the table (CSV)").is_visible()
    assert "variants" not in page.url and "epochs=3" in page.url  # default pair; the budget is shared

    # the same session's models on the Latent page (a new URL would start a new session)
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Latent space").click()
    page.get_by_role("heading", name="Latent space").wait_for()
    page.wait_for_timeout(1500)
    p = map_point(page)
    assert p["title"] == "PC 1"
    page.mouse.move(p["x"], p["y"])
    page.wait_for_timeout(300)
    page.mouse.click(p["x"], p["y"])
    page.get_by_text("1 selected (showing 1)").wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    shot(page, "latent-clicked")
    assert page.locator(".js-plotly-plot").count() >= 2  # the map and the selected example's images
    assert page.locator(EXCEPTION).count() == 0

    page.locator('[data-testid="stSidebar"]').get_by_text("中文", exact=True).click()
    page.get_by_role("heading", name="潜空间").wait_for()
    page.wait_for_timeout(1500)
    shot(page, "latent-zh")
    page.locator('[data-testid="stSidebarNav"]').get_by_text("对比").click()
    page.get_by_role("heading", name="对比").wait_for()
    page.locator('[data-testid="stTable"]').wait_for()
    page.wait_for_timeout(2000)
    shot(page, "compare-zh")
    scroll(page, 900)
    shot(page, "compare-zh-table")
    assert page.locator(EXCEPTION).count() == 0


@pytest.mark.timeout(600)  # the server's first UMAP compiles for minutes on a busy two-core machine
def test_umap_swaps_in_while_the_pca_map_stays_clickable(server, page):
    open_page(page, f"{server}/basics?epochs=2")
    page.get_by_role("button", name="Train", exact=True).click()
    page.get_by_text("What the network learned").wait_for(timeout=120_000)
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Latent space").click()
    page.get_by_role("heading", name="Latent space").wait_for()
    page.wait_for_timeout(1500)
    page.locator('[data-testid="stButtonGroup"]').get_by_text("UMAP", exact=True).click()
    page.get_by_text("PCA is shown until the map you asked for is ready").wait_for(timeout=30_000)
    shot(page, "latent-umap-pending")
    p = map_point(page)  # still the PCA map, and it answers clicks
    assert p["title"] == "PC 1"
    page.mouse.click(p["x"], p["y"])
    page.get_by_text("1 selected (showing 1)").wait_for(timeout=30_000)
    page.get_by_text("PCA is shown until the map you asked for is ready").wait_for(state="detached",
                                                                                   timeout=500_000)
    page.wait_for_timeout(1500)
    assert map_point(page)["title"] == "UMAP 1"
    assert page.get_by_text("1 selected (showing 1)").is_visible()  # the pick survives the swap
    shot(page, "latent-umap")
    assert page.locator(EXCEPTION).count() == 0
