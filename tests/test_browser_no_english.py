"""In a real browser: train a page in English, switch to 中文 on it, and read what is on screen.

Everything visible — the page's and the sidebar's text, input placeholders, the text of every
Plotly chart (SVG: titles, axes, legends, annotations) — must be free of Latin words outside the
allow-list of ``tests/latin.py`` (the same one the AppTest check ``test_no_english.py`` uses).
This also sees what AppTest cannot: Streamlit's and Plotly's own words drawn by the browser.
"""

from __future__ import annotations

import pytest

from pages.common.i18n import LANGUAGES, TABLE
from tests.browser_support import EXCEPTION, open_page, shot
from tests.latin import leaks

pytestmark = pytest.mark.browser
SIDEBAR = '[data-testid="stSidebar"]'

# Text nodes a person can see: not inside a Material icon (its ligature name, e.g. "home", is drawn as a
# picture), not hidden, not clipped to a pixel (Streamlit's "Skip to main content" link for screen readers),
# not code or KaTeX (commands such as `python -m aecore evaluate`, formulas: the AppTest check reads those). A select
# box's input keeps a placeholder attribute under its chosen value: only empty multiselects show theirs.
VISIBLE_TEXT = """() => {
    const out = [];
    const walker = document.createTreeWalker(document.querySelector('[data-testid="stApp"]'), NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || !n.textContent.trim() || el.closest('[data-testid="stIconMaterial"], .katex, code, pre, style, script')) continue;
        if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
        if (getComputedStyle(el).fontFamily.includes('Material')) continue;  // an icon without its test id
        const r = el.getBoundingClientRect();
        if (r.width <= 2 || r.height <= 2) continue;
        out.push(n.textContent);
    }
    for (const e of document.querySelectorAll('input[placeholder], textarea[placeholder]'))
        if (e.checkVisibility() && !e.value && !e.closest('[data-testid="stSelectbox"]')) out.push(e.placeholder);
    return out;
}"""


def settle(pg, quiet_ms: int = 1500, timeout_ms: int = 240_000) -> None:
    """Until no job progress bar shows and Streamlit runs no script, for ``quiet_ms``."""
    waited, quiet = 0, 0
    while waited < timeout_ms and quiet < quiet_ms:
        busy = pg.evaluate("""() => document.querySelectorAll('[data-testid="stProgress"]').length > 0 ||
            !!document.querySelector('[data-testid="stStatusWidget"] [data-testid="stStatusWidgetRunningIcon"]')""")
        quiet = 0 if busy else quiet + 250
        pg.wait_for_timeout(250)
        waited += 250


def english_on_screen(pg) -> list[str]:
    found = set()
    for block in pg.evaluate(VISIBLE_TEXT):
        for line in block.splitlines():
            if line.strip() == LANGUAGES["en"]:
                continue  # the language switch names English in English
            if bad := leaks(line):
                found.add(f"{line.strip()[:120]!r} → {sorted(set(bad))}")
    return sorted(found)


@pytest.mark.parametrize("key", ["basics", "stacked"])
def test_switching_to_chinese_on_a_page_with_results_leaves_no_english(server, page, key):
    open_page(page, f"{server}/{key}?epochs=2" + ("&finetune_epochs=1" if key == "stacked" else ""))
    page.get_by_role("button", name=TABLE["btn.train"]["en"], exact=True).click()
    page.get_by_text(TABLE["section.results"]["en"]).first.wait_for(timeout=240_000)
    settle(page)
    page.locator(SIDEBAR).get_by_role("radio", name=LANGUAGES["zh"], exact=True).click()  # mid-page
    page.get_by_text(TABLE["section.results"]["zh"]).first.wait_for()
    settle(page)
    assert page.locator(EXCEPTION).count() == 0
    shot(page, f"no-english-{key}")
    found = english_on_screen(page)
    assert not found, f"English on the 中文 {key} page:\n" + "\n".join(found)
