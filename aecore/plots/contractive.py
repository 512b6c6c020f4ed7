"""Figures of the Learn page "Contractive — resisting small perturbations" (``pages/contractive.py``).

The numbers come from :mod:`aecore.labs.contractive`; these builders draw them, one colour per
model (a variant's own, then ``EXTRA_COLOURS``):

* ``jacobian_histogram_figure`` — ‖J_f(x)‖_F per test example and model;
* ``singular_spectrum_figure``, ``singular_directions_figure`` — the Jacobian's spectrum at a
  point and its leading right singular vectors as images;
* ``robustness_figure`` — how far the code moves for an input perturbation of a given size;
* ``circle_figure`` — on a 2-D toy, small circles and their images under r(x).

Text is English by default; a page passes its translations as ``labels`` (the keys of ``LABELS``).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from aecore.plots import common as figures

EXTRA_COLOURS = figures.PALETTE[6:]  # models that are not variants: the colours after the variants'
# Text the figures show, in English; a page passes its translations as ``labels`` (same keys).
# A model's display name is looked up under its own key ("ae", "denoising", …) first.
LABELS = {
    "mean": "mean", "hist_x": "‖J<sub>φ</sub>(x)‖<sub>F</sub>", "hist_y": "test examples",
    "spec_x": "singular value index i", "spec_y": "sᵢ of J<sub>φ</sub>(x)",
    "rob_x": "‖ε‖ (input units)", "rob_y": "‖φ(x + ε) − φ(x)‖ (code units)", "rob_pred": "‖J<sub>φ</sub>‖<sub>F</sub>/√D·‖ε‖",
    "data": "data", "circles": "circles around x", "images": "their images r(x)", "x1": "x₁", "x2": "x₂",
}


def _colour(name: str, i: int) -> str:
    return figures.VARIANT_COLOURS[name] if name in figures.VARIANT_COLOURS else EXTRA_COLOURS[i % len(EXTRA_COLOURS)]


def jacobian_histogram_figure(norms: dict[str, np.ndarray], title: str | None = None, bins: int = 40,
                              labels: dict | None = None) -> go.Figure:
    """Overlaid histograms of ‖J_f(x)‖_F per model, with each model's mean as a dotted line."""
    lab = figures.merged_labels(LABELS, labels)
    fig = go.Figure()
    top = max(float(v.max()) for v in norms.values()) if norms else 1.0
    for i, (name, v) in enumerate(norms.items()):
        c = _colour(name, i)
        fig.add_trace(go.Histogram(x=v, name=f"{figures.variant_label(name, lab)} ({lab['mean']} {v.mean():.3g})", marker_color=c,
                                   opacity=0.55,
                                   xbins={"start": 0, "end": top * 1.0001, "size": top / bins}))
        fig.add_vline(x=float(v.mean()), line={"color": c, "dash": "dot", "width": 2})
    fig.update_layout(template=figures.TEMPLATE, title=title, barmode="overlay", height=360,
                      xaxis_title=lab["hist_x"], yaxis_title=lab["hist_y"])
    return fig


def singular_spectrum_figure(spectra: dict[str, np.ndarray], title: str | None = None,
                             labels: dict | None = None) -> go.Figure:
    """Singular values sᵢ against i (log scale): each point faint, the mean over points bold, per model."""
    lab = figures.merged_labels(LABELS, labels)
    fig = go.Figure()
    for i, (name, s) in enumerate(spectra.items()):
        s = np.atleast_2d(s)
        c = _colour(name, i)
        idx = np.arange(1, s.shape[1] + 1)
        for row in s:
            fig.add_trace(go.Scatter(x=idx, y=row, mode="lines", line={"color": c, "width": 1}, opacity=0.3,
                                     hoverinfo="skip", showlegend=False, legendgroup=name))
        fig.add_trace(go.Scatter(x=idx, y=s.mean(0), mode="lines+markers", name=figures.variant_label(name, lab), legendgroup=name,
                                 line={"color": c, "width": 3}))
    fig.update_layout(template=figures.TEMPLATE, title=title, height=360, xaxis_title=lab["spec_x"],
                      yaxis_title=lab["spec_y"], yaxis={"type": "log", "dtick": 1, "minor": {"dtick": "D1", "ticks": "outside", "showgrid": True}})
    return fig


def singular_directions_figure(directions: dict[str, np.ndarray], image_shape: tuple[int, int],
                               title: str | None = None, labels: dict | None = None, tile_px: int = 72) -> go.Figure:
    """One row of images per model: its top right singular vectors, each scaled to [−1, 1] (grey = 0)."""
    rows = [d / np.maximum(np.abs(d).max(1, keepdims=True), 1e-12) for d in directions.values()]
    return figures.image_grid_figure(rows, image_shape, row_titles=[figures.variant_label(k, labels) for k in directions],
                                     title=title, zrange=(-1.0, 1.0), tile_px=tile_px)


def robustness_figure(curve: dict, title: str | None = None, labels: dict | None = None) -> go.Figure:
    """Mean code change (±1 s.d. band) against ‖ε‖ per model; dashed: the Jacobian's small-ε prediction."""
    lab = figures.merged_labels(LABELS, labels)
    fig = go.Figure()
    eps = np.asarray(curve["eps"])
    for i, name in enumerate(curve["mean"]):
        c, mean, std = _colour(name, i), curve["mean"][name], curve["std"][name]
        fig.add_trace(go.Scatter(x=np.r_[eps, eps[::-1]], y=np.r_[mean + std, (mean - std)[::-1]], fill="toself",
                                 fillcolor=c, opacity=0.15, line={"width": 0}, hoverinfo="skip", showlegend=False))
        fig.add_trace(go.Scatter(x=eps, y=mean, mode="lines+markers", name=figures.variant_label(name, lab),
                                 line={"color": c, "width": 3}))
        fig.add_trace(go.Scatter(x=eps, y=curve["slope"][name] * eps, mode="lines",
                                 name=f"{figures.variant_label(name, lab)}: {lab['rob_pred']}",
                                 line={"color": c, "dash": "dash", "width": 1.5}, showlegend=False))
    fig.update_layout(template=figures.TEMPLATE, title=title, height=380, xaxis_title=lab["rob_x"],
                      yaxis_title=lab["rob_y"], hovermode="x unified")
    return fig


def circle_figure(x: np.ndarray, circles: np.ndarray, mapped: np.ndarray, colour: str = figures.VARIANT_COLOURS["contractive"],
                  title: str | None = None, labels: dict | None = None, height: int = 460) -> go.Figure:
    """Data points (grey), the circles (dotted) and their images under r (solid, closed)."""
    def closed(paths: np.ndarray) -> np.ndarray:  # every path closed and separated by a NaN row
        m, n, _ = paths.shape
        out = np.full((m, n + 2, 2), np.nan)
        out[:, :n], out[:, n] = paths, paths[:, 0]
        return out.reshape(-1, 2)

    lab = figures.merged_labels(LABELS, labels)
    x = np.asarray(x)
    c, r = closed(np.asarray(circles)), closed(np.asarray(mapped))
    # A faint segment from each circle's centre to the centre of its image: which image is whose.
    ends = np.stack([np.asarray(circles).mean(1), np.asarray(mapped).mean(1)], 1)  # (m, 2, 2)
    links = np.concatenate([ends, np.full((len(ends), 1, 2), np.nan)], 1).reshape(-1, 2)
    fig = go.Figure([
        go.Scattergl(x=x[:, 0], y=x[:, 1], mode="markers", name=lab["data"], marker={"size": 4, "color": "#B8C0CC"}),
        go.Scatter(x=links[:, 0], y=links[:, 1], mode="lines", line={"color": "#9AA3AF", "width": 1}, hoverinfo="skip",
                   showlegend=False),
        go.Scatter(x=c[:, 0], y=c[:, 1], mode="lines", name=lab["circles"], line={"color": figures.TEXT,
                                                                                  "dash": "dot", "width": 1.5}),
        go.Scatter(x=r[:, 0], y=r[:, 1], mode="lines", name=lab["images"], line={"color": colour, "width": 2.5}),
    ])
    fig.update_layout(template=figures.TEMPLATE, title=title, height=height, yaxis={"scaleanchor": "x"},
                      xaxis_title=lab["x1"], yaxis_title=lab["x2"])
    return fig
