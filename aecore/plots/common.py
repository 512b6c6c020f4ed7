"""Plotly figure builders shared by every page (and usable from notebooks or the CLI).

No Streamlit here: each ``<thing>_figure`` takes plain arrays and returns a ``go.Figure``.
One template (``TEMPLATE``) keeps fonts large enough for a classroom projector; pages
draw with ``st.plotly_chart(fig, theme=None)`` so Streamlit's theme does not override it.
Builders are kept cheap (one heatmap for a whole image grid, decimated curves) because the
live view redraws them twice a second while a job trains.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

FONT = "Source Sans Pro, Noto Sans CJK SC, Microsoft YaHei, Helvetica, Arial, sans-serif"
GRID = "#E3E7EE"
TEXT = "#1F2430"
DEFAULT_COLOUR = "#4C78A8"
# The one categorical palette (Tableau 10): classes in a scatter, layers, extra models.
PALETTE = ("#4C78A8", "#F58518", "#54A24B", "#E45756", "#72B7B2", "#B279A2", "#EECA3B", "#9D755D",
           "#FF9DA6", "#79706E")
# Each variant's own colour (taken from PALETTE), the same on every page and chart, and its
# English name (the app shows the translation table's ``v.<name>`` instead).
VARIANT_COLOURS = {"ae": PALETTE[0], "sparse": PALETTE[1], "denoising": PALETTE[2], "contractive": PALETTE[5],
                   "vae": PALETTE[3], "stacked": PALETTE[4]}
VARIANT_LABELS = {"ae": "Plain AE", "sparse": "Sparse AE", "denoising": "Denoising AE",
                  "contractive": "Contractive AE", "vae": "Variational AE", "stacked": "Stacked AE"}


def variant_label(name: str, labels: dict | None = None) -> str:
    """A model's name to show: ``labels[name]`` (a translation), else the variant's English label, else ``name``."""
    if labels and name in labels:
        return labels[name]
    return VARIANT_LABELS.get(name, name)
MAX_CURVE_POINTS = 600  # a per-step curve is decimated to this many points before drawing

TEMPLATE = go.layout.Template(layout=go.Layout(
    font={"family": FONT, "size": 16, "color": TEXT},
    paper_bgcolor="white", plot_bgcolor="white",
    margin={"l": 60, "r": 20, "t": 48, "b": 50},
    title={"font": {"size": 19}, "x": 0.0, "xanchor": "left"},
    xaxis={"gridcolor": GRID, "zeroline": False, "linecolor": "#B8C0CC", "ticks": "outside"},
    yaxis={"gridcolor": GRID, "zeroline": False, "linecolor": "#B8C0CC", "ticks": "outside"},
    legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1.0},
    hoverlabel={"font": {"size": 15}},
))


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def palette_colour(i: int) -> str:
    """The ``i``-th colour of ``PALETTE``, cycling."""
    return PALETTE[int(i) % len(PALETTE)]


# ---- images --------------------------------------------------------------------------------
def mosaic(images: np.ndarray, image_shape: tuple[int, int], cols: int, pad: int = 0,
           fill: float = np.nan) -> np.ndarray:
    """Tile flat images (n, H·W) row-major into one 2-D array of ⌈n/cols⌉ × cols tiles.

    Gaps (``pad`` pixels) and the unused tiles of the last row hold ``fill`` (NaN: transparent
    in a plotly heatmap). Returns float32 of shape (rows·(H+pad) − pad, cols·(W+pad) − pad).
    """
    h, w = image_shape
    images = np.asarray(images, np.float32).reshape(-1, h, w)
    rows = -(-len(images) // cols)
    out = np.full((rows * (h + pad) - pad, cols * (w + pad) - pad), fill, np.float32)
    for i, img in enumerate(images):
        r, c = divmod(i, cols)
        out[r * (h + pad):r * (h + pad) + h, c * (w + pad):c * (w + pad) + w] = img
    return out


def mosaic_rows(rows: Sequence[np.ndarray | None], image_shape: tuple[int, int], n: int | None = None,
                gap: int = 1) -> np.ndarray:
    """Rows of flat images (each (m, H·W); None: an empty row) as one ``mosaic`` of ``n`` tiles a row.

    ``n`` defaults to the longest row; longer rows are cut, shorter ones end in NaN tiles.
    """
    h, w = image_shape
    flat = [None if r is None else np.asarray(r, np.float32).reshape(-1, h * w) for r in rows]
    n = max((len(r) for r in flat if r is not None), default=0) if n is None else n
    blank = np.full((n, h * w), np.nan, np.float32)
    tiles = [blank if r is None else np.concatenate([r[:n], blank[len(r[:n]):]]) for r in flat]
    return mosaic(np.concatenate(tiles), image_shape, n, pad=gap)


def label_margin(labels: Sequence[str], min_px: int = 110, max_px: int = 260) -> int:
    """Left margin (px) that fits the longest axis label at the template's font: ~7 px per Latin
    character, ~17 per CJK one (16-px glyphs and their spacing) (so "after fine-tuning" or "预训练后的堆叠" is not cut)."""
    def width(text: str) -> int:
        return sum(17 if ord(c) >= 0x2E80 else 7 for c in str(text))
    return max(min_px, min(max_px, 16 + max((width(x) for x in labels), default=0)))


# The plot width (px) the Learn pages' right-hand column gives a chart at 1280×720, the smallest
# projector size: where their results are drawn.
COLUMN_PX = 494


def grid_height(grid_shape: tuple[int, int], image_shape: tuple[int, int], tile_px: float, margin_px: int,
                width_px: int | None) -> int:
    """Height (px) of a mosaic's plot area: ``grid_shape`` (rows, cols) in data pixels, tiles of
    ``image_shape`` wanting ``tile_px`` on screen, but no wider than ``width_px`` minus the side
    margins allow. A figure taller than that leaves empty bands above and below the tiles (the
    axes keep the pixels square and shrink them to the width), as in the Stacked reconstructions
    at 1280×720: 25-px tiles in a 360-px figure."""
    scale = tile_px / max(image_shape)
    if width_px:
        scale = min(scale, max(width_px - margin_px, 50) / grid_shape[1])
    return int(round(grid_shape[0] * scale))


def image_grid_figure(rows: Sequence[np.ndarray], image_shape: tuple[int, int], row_titles: Sequence[str] = (),
                      title: str | None = None, zrange: tuple[float, float] | None = None,
                      tile_px: int = 72, gap: int = 1, width_px: int | None = None) -> go.Figure:
    """Rows of small grey images drawn as one heatmap (fast to build and to redraw).

    Args:
        rows: one array (n, H·W) per row of tiles, e.g. [originals, reconstructions].
        image_shape: (H, W) of each tile.
        row_titles: label shown left of each row.
        zrange: (black, white) data values; default: the min and max over all rows, so that
            originals and reconstructions share one scale.
        tile_px: approximate on-screen size of a tile in pixels.
        width_px: the chart's width on the page, if known (e.g. ``COLUMN_PX``): the height then
            fits the tiles as they are drawn at that width (``grid_height``).
    """
    h, w = image_shape
    tiles = mosaic_rows(rows, image_shape, gap=gap)
    if zrange is None:
        finite = tiles[np.isfinite(tiles)]
        zrange = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        if zrange[0] == zrange[1]:
            zrange = (zrange[0] - 0.5, zrange[1] + 0.5)
    fig = go.Figure(go.Heatmap(z=tiles, colorscale="Greys", zmin=zrange[0], zmax=zrange[1], showscale=False,
                               hoverinfo="skip", xgap=0, ygap=0))
    centres = [i * (h + gap) + (h - 1) / 2 for i in range(len(rows))]
    left = label_margin(row_titles) if any(row_titles) else 8
    fig.update_layout(
        template=TEMPLATE, title=title, margin={"l": left, "r": 8, "t": 40 if title else 6, "b": 6},
        height=grid_height(tiles.shape, image_shape, tile_px, left + 8, width_px) + (46 if title else 12),
        xaxis={"visible": False, "constrain": "domain"},
        yaxis={"autorange": "reversed", "scaleanchor": "x", "showgrid": False, "zeroline": False,
               "tickvals": centres, "ticktext": list(row_titles), "ticks": "", "showline": False,
               "showticklabels": bool(row_titles), "constrain": "domain"},
        plot_bgcolor="white",
    )
    return fig


def points_figure(x: np.ndarray, x_hat: np.ndarray | None = None, labels: np.ndarray | None = None,
                  colour: str = DEFAULT_COLOUR, title: str | None = None,
                  names: tuple[str, str] = ("data", "reconstruction")) -> go.Figure:
    """2-D points, optionally with their reconstructions joined by grey segments."""
    x = np.asarray(x, np.float32)
    fig = go.Figure()
    if x_hat is not None:
        x_hat = np.asarray(x_hat, np.float32)
        seg = np.full((3 * len(x), 2), np.nan, np.float32)
        seg[0::3], seg[1::3] = x, x_hat
        fig.add_trace(go.Scattergl(x=seg[:, 0], y=seg[:, 1], mode="lines", line={"color": "#C9CED6", "width": 1},
                                   hoverinfo="skip", showlegend=False))
    marker = {"size": 6, "color": "#7F8A99"}
    if labels is not None:
        marker = {"size": 6, "color": np.asarray(labels), "colorscale": "Viridis"}
    fig.add_trace(go.Scattergl(x=x[:, 0], y=x[:, 1], mode="markers", marker=marker, name=names[0], opacity=0.6))
    if x_hat is not None:
        fig.add_trace(go.Scattergl(x=x_hat[:, 0], y=x_hat[:, 1], mode="markers", name=names[1],
                                   marker={"size": 6, "color": colour, "symbol": "x"}))
    fig.update_layout(template=TEMPLATE, title=title, height=380, yaxis={"scaleanchor": "x"})
    return fig


def merged_labels(defaults: Mapping[str, str], labels: Mapping[str, str] | None) -> dict[str, str]:
    """Display strings: the English ``defaults`` with ``labels`` (the app's translations) on top."""
    return {**defaults, **(labels or {})}


def tidy_axes(fig: go.Figure) -> go.Figure:
    """Axis titles never overlap tick labels, however long the (translated) labels are."""
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def text_px(text: str, size: float = 16) -> float:
    """Rough on-screen width of ``text`` at font ``size`` (px): ~0.52 em per Latin character, 1 em per CJK one."""
    plain = re.sub(r"<[^>]+>", "", str(text))  # <sub>, <b>: markup takes no room
    return sum(size * (1.0 if ord(c) >= 0x2E80 else 0.52) for c in plain)


def wrap_text(text: str, max_px: float, size: float = 19) -> list[str]:
    """Split ``text`` into lines no wider than ``max_px``: at spaces, or between CJK characters.

    A single word wider than ``max_px`` stays whole (it is never cut in the middle).
    """
    tokens: list[str] = []
    for word in str(text).split(" "):  # CJK runs break anywhere; Latin words only at spaces
        buf = ""
        for c in word:
            if c in "，。：；）、！？」" and (buf or tokens):  # never at the start of a line
                if buf:
                    buf += c
                else:
                    tokens[-1] += c
            elif ord(c) >= 0x2E80:
                tokens.extend([buf, c] if buf else [c])
                buf = ""
            else:
                buf += c
        tokens.append(buf + " ")
    lines, line = [], ""
    for tok in tokens:
        if line and text_px((line + tok).rstrip(), size) > max_px:
            lines.append(line.rstrip())
            line = tok.lstrip() if tok.strip() else ""
        else:
            line += tok
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def wrap_title(fig: go.Figure, max_px: float = 380) -> go.Figure:
    """Break a title wider than ``max_px`` into lines; the top margin (and a set height) grow to fit.

    Plotly never wraps or shrinks a title, so one wider than its chart is cut at the right edge
    ("KL per latent dimension (te"). The chart's width is only known in the browser, so pages
    pass the narrowest width it gets at 1280×720 (default: ~a half-page column).
    """
    title = fig.layout.title.text
    if not title or "<br>" in title:
        return fig
    size = fig.layout.title.font.size or TEMPLATE.layout.title.font.size or 19
    lines = wrap_text(title, max_px, size)
    if len(lines) < 2:
        return fig
    extra = round(1.25 * size * (len(lines) - 1))
    top = fig.layout.margin.t if fig.layout.margin.t is not None else TEMPLATE.layout.margin.t
    # A no-break space ends each broken line: plotly trims plain ones, and the title's text (what
    # a reader's search or a test finds) keeps its word break.
    fig.update_layout(title={"text": "\u00a0<br>".join(lines), "y": 1.0, "yref": "container", "yanchor": "top",
                             "pad": {"t": 18}}, margin={"t": top + extra + 8})
    if fig.layout.height is not None:
        fig.update_layout(height=fig.layout.height + extra + 8)
    return fig


def plain_title(text: str | None) -> str:
    """A title as one line of text again (``wrap_title`` undone), e.g. to search for it."""
    return (text or "").replace("\u00a0<br>", " ")


def log_tick_values(lo: float, hi: float, most: int = 8) -> list[float]:
    """Readable ticks for a log axis over [lo, hi]: 1-2-5 steps, thinned to at most ``most``.

    A range inside one decade gets finer steps (1, 1.5, 2, 3, … ×10ⁿ) so it has at least 3 ticks.
    """
    if not (0 < lo <= hi and np.isfinite(hi)):
        return []
    e0, e1 = int(np.floor(np.log10(lo))), int(np.ceil(np.log10(hi)))
    for mantissas in ((1, 2, 5), (1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9), (1,)):
        vals = [float(f"{m * 10.0 ** e:.6g}") for e in range(e0, e1 + 1) for m in mantissas]
        vals = [v for v in vals if lo / 1.02 <= v <= hi * 1.02]
        if mantissas == (1, 2, 5) and len(vals) < 3:
            continue  # too few: the finer steps
        if len(vals) > most and mantissas != (1,):
            decades = [v for v in vals if abs(np.log10(v) - round(np.log10(v))) < 1e-9]
            if len(decades) >= 3 or mantissas == (1, 2, 5):
                vals = decades if len(decades) >= 2 else vals[::2]
        return vals
    return []


def tick_text(v: float) -> str:
    """A tick label: 0.35, 2, 1000; powers of ten beyond that range as 1e-5, 2e+06 (never a bare digit)."""
    return f"{v:g}" if 1e-4 <= abs(v) < 1e5 else f"{v:.0e}"


def log_ticks(fig: go.Figure, axis: str = "y") -> go.Figure:
    """Tick labels of a log axis that read as their values ("0.3", not plotly's bare minor digit "3").

    Ticks are placed from the traces' data (1-2-5 steps); plotly's own choice on a ~250 px axis
    labels every minor tick with one digit, so 0.35 reads as "3".
    """
    vals = [float(v) for tr in fig.data for v in (getattr(tr, axis) if getattr(tr, axis) is not None else ())
            if v is not None and np.isfinite(v) and v > 0]
    ticks = log_tick_values(min(vals), max(vals)) if vals else []
    if ticks:
        getattr(fig, f"update_{axis}axes")(tickvals=ticks, ticktext=[tick_text(v) for v in ticks])
    else:
        getattr(fig, f"update_{axis}axes")(tickformat=".2~g")
    return fig


def legend_below(fig: go.Figure, rows: int = 1) -> go.Figure:
    """Move the legend to the bottom of the figure and let the axes make room for their titles.

    For charts in a narrow column, where a legend beside the title would cover it. ``rows``: the
    legend's expected number of lines (the bottom margin grows with it).
    """
    fig.update_layout(legend={"orientation": "h", "yref": "container", "y": 0.0, "yanchor": "bottom", "x": 0.0,
                              "xanchor": "left"}, margin={"b": 70 + 26 * rows})
    return tidy_axes(fig)


# ---- curves --------------------------------------------------------------------------------
def cumulative_steps(steps: Sequence[int]) -> np.ndarray:
    """Make step counts that restart (a new phase of a stacked fit) run on from the previous phase."""
    out = np.empty(len(steps), np.int64)
    offset, prev = 0, None
    for i, s in enumerate(steps):
        if prev is not None and s <= prev - offset:
            offset = prev
        out[i] = offset + s
        prev = out[i]
    return out


def _decimate(x: np.ndarray, y: np.ndarray, n: int = MAX_CURVE_POINTS) -> tuple[np.ndarray, np.ndarray]:
    """Average consecutive points so that at most ~n remain (keeps the curve's shape, not its noise)."""
    if len(x) <= n:
        return x, y
    k = int(np.ceil(len(x) / n))
    m = len(x) // k * k
    xs = x[:m].reshape(-1, k)[:, -1]
    ys = y[:m].reshape(-1, k).mean(1)
    return xs, ys


def history_steps(rows: Sequence[dict]) -> np.ndarray | None:
    """Cumulative step of each epoch row (rows carry a per-phase ``step``), or None if they do not."""
    if not rows or any("step" not in r for r in rows):
        return None
    out, offset, prev_phase, last = [], 0, rows[0].get("phase"), 0
    for r in rows:
        if r.get("phase") != prev_phase:
            offset, prev_phase = last, r.get("phase")
        last = offset + int(r["step"])
        out.append(last)
    return np.asarray(out)


def loss_curve_figure(epochs: Sequence[dict], steps: Sequence[int] | None = None,
                      losses: Sequence[float] | None = None, colour: str = DEFAULT_COLOUR,
                      title: str | None = None, labels: dict | None = None, log_y: bool = False,
                      height: int = 340, phase_label: Callable[[str], str] = str) -> go.Figure:
    """Training curves: per-step loss (thin), train and validation loss per epoch.

    Args:
        epochs: rows with ``train_loss``, ``val_loss`` (may be None), optionally ``step`` and
            ``phase`` (job snapshots and run histories both qualify).
        steps, losses: per-step curve; steps may restart per phase.
        labels: display names for "step", "train", "val", "x", "y" (the app translates them).
        phase_label: the display name of a phase (``"layer 2"``, ``"finetune"``), marked where it starts.
    """
    lab = {"step": "loss per step", "train": "train (epoch mean)", "val": "validation", "x": "step",
           "y": "loss", **(labels or {})}
    fig = go.Figure()
    x_epoch = history_steps(epochs)
    if x_epoch is None and len(epochs):  # rows without a step column: plot against the epoch count
        x_epoch = np.arange(1, len(epochs) + 1)
        lab["x"] = lab.get("epoch", "epoch")
        steps = None
    if steps is not None and losses is not None and len(steps):
        xs, ys = _decimate(cumulative_steps(list(steps)).astype(np.float64), np.asarray(losses, np.float64))
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name=lab["step"],
                                 line={"color": _rgba(colour, 0.35), "width": 1.5}))
    if len(epochs):
        fig.add_trace(go.Scatter(x=x_epoch, y=[r.get("train_loss") for r in epochs], mode="lines+markers",
                                 name=lab["train"], line={"color": colour, "width": 3}, marker={"size": 7}))
        val = [r.get("val_loss") for r in epochs]
        if any(v is not None for v in val):
            fig.add_trace(go.Scatter(x=x_epoch, y=val, mode="lines+markers", name=lab["val"],
                                     line={"color": colour, "width": 3, "dash": "dash"},
                                     marker={"size": 7, "symbol": "diamond-open"}))
        phases = [r.get("phase") for r in epochs]
        changes = [i for i in range(1, len(phases)) if phases[i] != phases[i - 1]]
        for n, i in enumerate(changes):  # stagger the labels: short phases sit close together
            fig.add_vline(x=float(x_epoch[i - 1]), line={"color": "#9AA3AF", "dash": "dot", "width": 1})
            fig.add_annotation(x=float(x_epoch[i - 1]), y=1 - 0.08 * (n % 3), yref="paper", text=phase_label(str(phases[i])),
                               showarrow=False, xanchor="left", yanchor="top", font={"size": 13})
        if not log_y:  # phases with different objectives (stacked): a log axis keeps each one readable
            vals = [v for r in epochs for v in (r.get("train_loss"), r.get("val_loss")) if v is not None and v > 0]
            log_y = bool(vals) and max(vals) / min(vals) > 30
    fig.update_layout(template=TEMPLATE, title=title, height=height, xaxis_title=lab["x"], yaxis_title=lab["y"],
                      yaxis_type="log" if log_y else None, hovermode="x unified")
    return log_ticks(fig) if log_y else fig


def multi_curve_figure(curves: Sequence[dict], title: str | None = None, x_title: str = "epoch",
                       y_title: str = "loss", log_y: bool = False, height: int = 380) -> go.Figure:
    """Several curves on one chart: each dict has name, x, y and optionally colour and dash."""
    fig = go.Figure()
    for c in curves:
        fig.add_trace(go.Scatter(x=list(c["x"]), y=list(c["y"]), mode="lines+markers" if len(c["x"]) < 60 else "lines",
                                 name=c["name"], line={"color": c.get("colour", DEFAULT_COLOUR), "width": 3,
                                                       "dash": c.get("dash", "solid")}))
    fig.update_layout(template=TEMPLATE, title=title, height=height, xaxis_title=x_title, yaxis_title=y_title,
                      yaxis_type="log" if log_y else None, hovermode="x unified")
    return log_ticks(fig) if log_y else fig


# ---- architecture and codes ----------------------------------------------------------------
def diabolo_figure(widths: Sequence[int], names: Sequence[str] | None = None, colour: str = DEFAULT_COLOUR,
                   code_colour: str = "#E45756", height: int = 300) -> go.Figure:
    """Layer widths drawn as the wide–narrow–wide diabolo: a bar per layer, funnels between.

    Bar heights grow with the square root of the width, so a 784-wide input and a 2-wide code
    both stay visible. The narrowest layer (the code) is drawn in ``code_colour``.
    """
    widths = [int(w) for w in widths]
    if len(widths) < 2:
        raise ValueError(f"a diabolo needs at least two layers; got widths={widths}.")
    top = max(widths)
    half = [0.5 * max(np.sqrt(w / top), 0.04) for w in widths]
    code = int(np.argmin(widths))
    xs = np.arange(len(widths), dtype=float) * 1.6
    bar = 0.22
    fig = go.Figure()
    for i in range(len(widths) - 1):  # funnels first, bars on top
        x0, x1, h0, h1 = xs[i] + bar / 2, xs[i + 1] - bar / 2, half[i], half[i + 1]
        fig.add_trace(go.Scatter(x=[x0, x1, x1, x0, x0], y=[h0, h1, -h1, -h0, h0], fill="toself", mode="lines",
                                 line={"width": 0}, fillcolor=_rgba(colour, 0.18), hoverinfo="skip",
                                 showlegend=False))
    for i, (x, h, w) in enumerate(zip(xs, half, widths, strict=True)):
        c = code_colour if i == code else colour
        label = names[i] if names is not None else ""
        fig.add_trace(go.Scatter(x=[x - bar / 2, x + bar / 2, x + bar / 2, x - bar / 2, x - bar / 2],
                                 y=[h, h, -h, -h, h], fill="toself", mode="lines", line={"width": 0},
                                 fillcolor=c, hovertemplate=f"{label} {w}<extra></extra>", showlegend=False))
        fig.add_annotation(x=x, y=h, text=f"<b>{w}</b>", showarrow=False, yanchor="bottom", yshift=4,
                           font={"size": 17, "color": c})
        if label:
            fig.add_annotation(x=x, y=-0.5, text=label, showarrow=False, yanchor="top", yshift=-6,
                               font={"size": 14, "color": "#5B6472"})
    fig.update_layout(template=TEMPLATE, height=height, margin={"l": 10, "r": 10, "t": 30, "b": 40},
                      xaxis={"visible": False, "range": [xs[0] - 0.6, xs[-1] + 0.6]},
                      yaxis={"visible": False, "range": [-0.75, 0.68]})
    return fig


def latent_scatter_figure(z: np.ndarray, labels: np.ndarray | None = None, class_names: Sequence[str] | None = None,
                          title: str | None = None, axis_titles: tuple[str, str] = ("z₁", "z₂"),
                          height: int = 560, rows: np.ndarray | None = None, hover: tuple[str, str] | None = None,
                          uirevision: str = "", marker_size: int = 5, legend: bool = True) -> go.Figure:
    """The one class scatter: points (N, 2) — codes, or a map of them — as WebGL, one trace per class
    so that the legend toggles classes; every point carries its row as ``customdata`` (what a
    click or a box selection returns).

    Args:
        z: (N, ≥ 2) coordinates; the first two are drawn.
        labels: (N,) class of each point, or None (one grey-blue trace, no legend).
        rows: (N,) the number each point carries (its row in the split); default 0..N−1.
        hover: the words for "row" and "label" in the page's language; None keeps Plotly's hover.
        uirevision: zoom and pan survive redraws while this string stays the same.
    """
    z = np.asarray(z, np.float32)
    rows = np.arange(len(z)) if rows is None else np.asarray(rows)
    groups = [(None, np.ones(len(z), bool))] if labels is None else [
        (cls, np.asarray(labels) == cls) for cls in np.unique(np.asarray(labels))]
    fig = go.Figure()
    for k, (cls, m) in enumerate(groups):
        name = "" if cls is None else (class_names[int(cls)] if class_names is not None and 0 <= int(cls)
                                       < len(class_names) else str(cls))
        trace = {"x": z[m, 0], "y": z[m, 1], "customdata": rows[m], "mode": "markers", "name": name, "opacity": 0.8,
                 "showlegend": cls is not None,
                 "marker": {"size": marker_size, "color": DEFAULT_COLOUR if cls is None else palette_colour(k)}}
        if hover is not None:
            trace["hovertemplate"] = (f"{hover[0]} %{{customdata}}" + (f"<br>{hover[1]} {name}" if cls is not None
                                                                        else "") + "<extra></extra>")
        fig.add_trace(go.Scattergl(**trace))
    show_legend = legend and labels is not None
    fig.update_layout(template=TEMPLATE, title=title, height=height, uirevision=uirevision or None,
                      xaxis_title=axis_titles[0], yaxis_title=axis_titles[1], showlegend=show_legend,
                      legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1, "yanchor": "top",
                              "itemsizing": "constant"},
                      margin={"r": 120 if show_legend else 20, "t": 48 if title else 36})
    return fig
