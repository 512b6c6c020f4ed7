"""Legible on a projector: no clipped or overlapping text on key pages at 1280×720, in English and 中文.

The checks are ``tests/legibility.py`` (the same ones ``bench/screenshots.py`` runs on every page
at both sizes); here Home, Basics and Variational with a short training each, and Compare with four
variants and Latent with a selection carried from PCA to UMAP.
"""

from __future__ import annotations

import pytest

from tests.browser_support import EXCEPTION, open_page
from tests.legibility import findings, train_above_fold

pytestmark = pytest.mark.browser


def settled(pg) -> None:
    """Wait until no job is training and the script is not running."""
    pg.wait_for_function("() => document.querySelectorAll('[data-testid=\"stProgress\"]').length === 0",
                         timeout=180_000)
    pg.wait_for_timeout(1500)  # charts lay out


def visit(pg, page_key: str) -> None:
    href = "/" if page_key == "home" else f"/{page_key}"
    links = pg.locator('[data-testid="stSidebarNav"] a')
    (links.first if page_key == "home" else pg.locator(f'[data-testid="stSidebarNav"] a[href$="{href}"]')).click()
    pg.locator("h1").first.wait_for()
    settled(pg)


@pytest.fixture
def projector(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="en-US")
    pg = context.new_page()
    pg.set_default_timeout(120_000)
    yield pg
    context.close()


def test_key_pages_have_no_clipped_text_at_1280x720_in_both_languages(server, projector):
    pg = projector
    open_page(pg, f"{server}/basics?epochs=2")
    pg.locator(".st-key-basics-train button").click()
    settled(pg)
    visit(pg, "variational")  # first visit: its epochs come from the panel default; keep it short
    pg.locator(".st-key-variational-epochs input").fill("2")
    pg.locator(".st-key-variational-epochs input").press("Enter")
    pg.wait_for_timeout(800)
    pg.locator(".st-key-variational-train button").click()
    settled(pg)
    problems = []
    for lang in ("English", "中文"):
        pg.locator(".st-key-lang button", has_text=lang).first.click()
        pg.wait_for_timeout(800)
        for page_key in ("home", "basics", "variational"):
            visit(pg, page_key)
            assert pg.locator(EXCEPTION).count() == 0, (lang, page_key)
            if page_key != "home" and (miss := train_above_fold(pg, page_key)) is not None:
                problems.append((lang, page_key, miss))
            problems += [(lang, page_key, f) for f in findings(pg)]
    assert not problems, "\n".join(f"{lang} {p}: {f['kind']}: {f['text']!r} — {f['detail']}"
                                   for lang, p, f in problems)


def test_compare_with_four_variants_and_latent_have_no_clipped_text_at_1280x720_in_both_languages(server, projector):
    """Compare's four columns (strips, maps on one scale, the table, the variant pills) and the Latent
    map, with a selection kept from PCA to UMAP and still highlighted there."""
    pg = projector
    open_page(pg, f"{server}/compare?variants=ae,sparse,denoising,contractive&epochs=2")
    pg.locator(".st-key-compare-train button").click()
    settled(pg)  # the Latent page then maps these models (its picker lists them)
    problems = []
    for lang in ("English", "中文"):
        pg.locator(".st-key-lang button", has_text=lang).first.click()
        pg.wait_for_timeout(800)
        for page_key in ("compare", "latent"):
            visit(pg, page_key)
            assert pg.locator(EXCEPTION).count() == 0, (lang, page_key)
            problems += [(lang, page_key, f) for f in findings(pg)]
            if page_key == "compare":  # the latent maps: WebGL scatters; each readable (4 in a row: ~110 px)
                maps = pg.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')]
                    .filter(p => (p.data || []).some(t => t.type === 'scattergl'))
                    .map(p => Math.round(p.querySelector('.nsewdrag').getBoundingClientRect().width))""")
                assert len(maps) == 4 and min(maps) >= 250, maps
    # a box selection on the PCA map stays highlighted on the UMAP map
    visit(pg, "latent")
    plot = pg.locator(".st-key-latent-map .js-plotly-plot").first
    pg.evaluate("() => window.Plotly.relayout(document.querySelector('.st-key-latent-map .js-plotly-plot'), "
                "{dragmode: 'select'})")
    box = plot.locator(".nsewdrag").first.bounding_box()
    x0, y0 = box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.25
    pg.mouse.move(x0, y0)
    pg.mouse.down()
    pg.mouse.move(x0 + box["width"] * 0.5, y0 + box["height"] * 0.5, steps=8)
    pg.mouse.up()
    settled(pg)
    pg.locator(".st-key-latent-method button", has_text="UMAP").first.click()
    pg.wait_for_function("() => !!document.querySelector('.st-key-latent-map .js-plotly-plot') && "
                         "document.querySelector('.st-key-latent-map .js-plotly-plot')._fullLayout.xaxis.title.text"
                         ".startsWith('UMAP')", timeout=240_000)
    settled(pg)
    highlighted = pg.evaluate("() => document.querySelector('.st-key-latent-map .js-plotly-plot').data"
                              ".map(t => (t.selectedpoints || []).length).reduce((a, b) => a + b, 0)")
    assert highlighted > 0
    problems += [("中文", "latent, selected", f) for f in findings(pg)]
    assert not problems, "\n".join(f"{lang} {p}: {f['kind']}: {f['text']!r} — {f['detail']}"
                                   for lang, p, f in problems)
