"""Clipped and overlapping text on a rendered page, found in the browser (Playwright).

Used by ``bench/screenshots.py`` (every page, both sizes, both languages) and by
``tests/test_browser_legible.py`` (a few pages). Two kinds of checks run inside the page:

* DOM: buttons, widget labels, metric labels and values, tabs, radio options, select values,
  page links and pill / segmented-control groups whose text is wider (or taller) than their box
  while the box hides the rest (``overflow`` not visible, or ``text-overflow: ellipsis``): "Tr…",
  "linear probe acc…", a row of pills that scrolls sideways out of its column.
* Plotly: from the bounding boxes of the rendered SVG: a title or legend cut by the figure's
  edge, a legend or annotation over the title or over the plotting area, tick labels under an
  axis title or outside the figure, and log axes that label minor ticks with a bare digit
  (0.35 shown as "3").

Each finding is a dict ``{"kind", "text", "detail"}``; ``findings(page)`` returns them all.
"""

from __future__ import annotations

DOM_JS = r"""() => {
  const out = [];
  const SEL = {
    button: 'button', label: '[data-testid="stWidgetLabel"]', metric_label: '[data-testid="stMetricLabel"]',
    metric_value: '[data-testid="stMetricValue"]', metric_delta: '[data-testid="stMetricDelta"]',
    tab: '[role="tab"]', radio: 'label[data-baseweb="radio"]', select: '[data-baseweb="select"]',
    page_link: '[data-testid="stPageLink"]', expander: '[data-testid="stExpander"] summary',
    progress: '[data-testid="stProgress"]', button_group: '[data-testid="stButtonGroup"]', caption_in_row: '[data-testid="stHorizontalBlock"] [data-testid="stCaptionContainer"]',
  };
  const text = el => (el.innerText || el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 90);
  const seen = new Set();
  for (const [kind, sel] of Object.entries(SEL)) {
    for (const root of document.querySelectorAll(sel)) {
      if (root.closest('[data-testid="stSidebarNav"]')) continue;  // Streamlit's own navigation
      for (const el of [root, ...root.querySelectorAll('*')]) {
        if (seen.has(el) || el.closest('[data-testid="stIconMaterial"]') || el.closest('.katex-mathml') || el.tagName === 'svg' || el.closest('svg')) continue;
        const r = el.getBoundingClientRect();
        if (!el.textContent.trim()) continue;
        const cs = getComputedStyle(el);
        if (cs.visibility === 'hidden' || cs.display === 'none') continue;
        const hides = cs.overflowX !== 'visible' || cs.textOverflow === 'ellipsis';
        const wide = el.scrollWidth > el.clientWidth + 1 && el.clientWidth >= 0;
        const tall = cs.overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 2 && cs.overflowY !== 'auto'
                     && cs.overflowY !== 'scroll';
        // an element squeezed to nothing (a button that shows only its icon) has r.width ~ 0
        const squeezed = r.width < 2 && r.height > 0 && el.scrollWidth > 4;
        if ((hides && wide) || tall || (squeezed && hides)) {
          seen.add(el);
          out.push({kind: kind, text: text(root), detail: `${tall && !wide ? 'height' : 'width'}: content ${tall && !wide ? el.scrollHeight : el.scrollWidth}px in a ${tall && !wide ? el.clientHeight : el.clientWidth}px box`});
          break;
        }
      }
    }
  }
  return out;
}"""

PLOTLY_JS = r"""() => {
  const out = [];
  const box = el => { const r = el.getBoundingClientRect(); return {l: r.left, r: r.right, t: r.top, b: r.bottom, w: r.width, h: r.height}; };
  const meet = (a, b, pad = 2) => Math.min(a.r, b.r) - Math.max(a.l, b.l) > pad && Math.min(a.b, b.b) - Math.max(a.t, b.t) > pad;
  const outside = (a, s, pad = 1) => a.l < s.l - pad || a.r > s.r + pad || a.t < s.t - pad || a.b > s.b + pad;
  const txt = el => (el.textContent || '').trim().slice(0, 60);
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    const svg = plot.querySelector('svg.main-svg');
    if (!svg) continue;
    const S = box(svg);
    if (S.w < 5 || S.h < 5) continue;
    const titleEl = plot.querySelector('.g-gtitle .gtitle');
    const title = titleEl && titleEl.textContent.trim() ? box(titleEl) : null;
    const name = titleEl ? txt(titleEl) : '(untitled chart)';
    const add = (kind, detail) => out.push({kind: kind, text: name, detail: detail});
    if (title && outside(title, S)) add('chart_title_cut', `title ${Math.round(title.w)}px wide runs past the ${Math.round(S.w)}px figure`);
    const areas = [...plot.querySelectorAll('.draglayer .nsewdrag')].map(box).filter(b => b.w > 0);
    const legendEl = plot.querySelector('.legend');
    const legendBg = legendEl && legendEl.querySelector('.bg');
    const legend = legendBg ? box(legendBg) : null;
    if (legend && legend.w > 0) {
      if (outside(legend, S)) add('legend_cut', 'legend runs past the figure edge');
      if (title && meet(legend, title)) add('legend_over_title', 'legend overlaps the title');
      if (areas.some(a => meet(legend, a, 6))) add('legend_over_plot', 'legend overlaps the plotting area');
    }
    for (const a of plot.querySelectorAll('.annotation')) {
      const t = a.textContent.trim();
      if (!t) continue;
      const A = box(a.querySelector('.annotation-text') || a);
      if (A.w < 1) continue;
      if (outside(A, S)) add('annotation_cut', `"${t.slice(0, 40)}" runs past the figure edge`);
      if (legend && legend.w > 0 && meet(A, legend)) add('annotation_over_legend', `"${t.slice(0, 40)}" overlaps the legend`);
      if (title && meet(A, title)) add('annotation_over_title', `"${t.slice(0, 40)}" overlaps the title`);
    }
    // axis titles vs their tick labels; both inside the figure
    for (const axTitle of plot.querySelectorAll('.g-xtitle text, .g-ytitle text, [class*="g-x"][class*="title"] text, [class*="g-y"][class*="title"] text')) {
      const T = box(axTitle);
      if (T.w < 1 || !axTitle.textContent.trim()) continue;
      if (outside(T, S)) add('axis_title_cut', `axis title "${txt(axTitle)}" runs past the figure edge`);
      const ticks = [...plot.querySelectorAll('.xtick text, .ytick text, .x2tick text, .y2tick text, [class*="tick"] text')];
      const hit = ticks.find(k => k.textContent.trim() && meet(box(k), T, 1));
      if (hit) add('tick_over_axis_title', `tick "${txt(hit)}" overlaps axis title "${txt(axTitle)}"`);
      if (legend && legend.w > 0 && meet(T, legend)) add('legend_over_axis_title', `legend overlaps axis title "${txt(axTitle)}"`);
    }
    const cut = [...plot.querySelectorAll('.xtick text, .ytick text, [class*="tick"] text')].find(
      k => k.textContent.trim() && box(k).w > 0 && outside(box(k), S));
    if (cut) add('tick_cut', `tick "${txt(cut)}" runs past the figure edge`);
    // log axes: plotly labels minor ticks 2..9 with a bare digit; 0.3 then reads "3"
    const fl = plot._fullLayout || {};
    for (const [ax, spec] of Object.entries(fl)) {
      if (!/^[xy]axis\d*$/.test(ax) || !spec || spec.type !== 'log' || !spec._vals) continue;
      const bad = spec._vals.filter(v => {
        const value = Math.pow(10, v.x), shown = parseFloat(String(v.text).replace(/<[^>]*>/g, '').replace('−', '-'));
        return v.text && isFinite(shown) && Math.abs(shown - value) > 0.02 * Math.abs(value);
      });
      if (bad.length) add('log_tick_misleading', `${ax}: ${bad.slice(0, 4).map(v => `${Math.pow(10, v.x).toPrecision(2)} shown as "${v.text}"`).join(', ')}`);
    }
  }
  return out;
}"""


def findings(page) -> list[dict]:
    """Every clipped or overlapping text on the page as it is rendered now."""
    return page.evaluate(DOM_JS) + page.evaluate(PLOTLY_JS)


FOLD_JS = r"""(sel) => {
  const main = document.querySelector('[data-testid="stMain"]');
  if (main) main.scrollTop = 0;  // as the page opens
  const el = document.querySelector(sel);
  if (!el) return {found: false};
  const r = el.getBoundingClientRect();
  return {found: true, top: r.top, bottom: r.bottom, scroll: main ? main.scrollTop : 0, height: window.innerHeight};
}"""


def train_above_fold(page, page_key: str) -> dict | None:
    """A finding when the page's Train button is not wholly visible before any scrolling, else None."""
    pos = page.evaluate(FOLD_JS, f".st-key-{page_key}-train button")
    if not pos["found"]:
        return {"kind": "train_missing", "text": page_key, "detail": "no Train button on the page"}
    if pos["bottom"] > pos["height"] or pos["top"] < 0:
        return {"kind": "train_below_fold", "text": page_key,
                "detail": f"Train spans y = {pos['top']:.0f}–{pos['bottom']:.0f} px in a {pos['height']} px window"}
    return None
