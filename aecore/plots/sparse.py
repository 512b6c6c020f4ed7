"""Figures of the Learn page "Sparse" (``pages/sparse.py``).

The numbers come from :mod:`aecore.labs.sparse`; these builders draw them:

* ``rho_hat_figure`` — the histogram of ρ̂ⱼ against the target ρ;
* ``kl_curve_figure`` — the sparsity penalty per epoch (KL or L1);
* ``activation_heatmap_figure`` — test activations, samples × units sorted by ρ̂ⱼ;
* ``feature_mosaic`` / ``feature_mosaic_figure`` / ``mosaic_png`` — first-layer weights as
  tiles, normalized as UFLDL's ``display_network.m`` does.

Text is English by default; a page passes its translations as ``labels`` (the keys of the
``*_LABELS`` dicts).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from aecore.plots import common as figures

KL_COLOUR = figures.VARIANT_COLOURS["sparse"]


RHO_LABELS = {"title": "Mean activation ρ̂ⱼ of each code unit", "x": "ρ̂ⱼ (mean activation on test images)",
              "y": "units", "target": "ρ = {rho:g}", "mean": "mean {mean:.3f}"}


def rho_hat_figure(rho_hat: np.ndarray, rho: float | None = None, bins: int = 30,
                   title: str | None = None, labels: Mapping[str, str] | None = None,
                   height: int = 320) -> go.Figure:
    """Histogram of the units' mean activations ρ̂ⱼ with a vertical line at the target ρ.

    ``labels``: keys of ``RHO_LABELS`` ("target" is formatted with rho, "mean" with mean).
    """
    lab = figures.merged_labels(RHO_LABELS, labels)
    rho_hat = np.asarray(rho_hat, np.float64).ravel()
    if not rho_hat.size:
        raise ValueError("rho_hat is empty: pass one mean activation per code unit.")
    # Zoom on where the units are (and the target): with ρ = 0.05 a [0, 1] axis squeezes them into two bins.
    top = 1.15 * max(float(rho_hat.max()), 2 * float(rho) if rho is not None else 0.0, 1e-3)
    fig = go.Figure(go.Histogram(x=rho_hat, xbins={"start": 0, "end": top, "size": top / int(bins)},
                                 marker_color=KL_COLOUR, name=lab["y"],
                                 hovertemplate="ρ̂ %{x}: %{y}<extra></extra>"))
    mean = float(rho_hat.mean())
    mean_text = lab["mean"].format(mean=mean)
    close = rho is not None and abs(mean - float(rho)) < 0.15 * top  # one label, or the two would overlap
    if rho is not None:
        target = lab["target"].format(rho=rho)
        fig.add_vline(x=float(rho), line={"color": "#1F2430", "dash": "dash", "width": 2},
                      annotation_text=f"{target} · {mean_text}" if close else target, annotation_position="top right")
    label = {} if close else {"annotation_text": mean_text, "annotation_position": "top left"}
    fig.add_vline(x=mean, line={"color": KL_COLOUR, "dash": "dot", "width": 2}, **label)
    fig.update_layout(template=figures.TEMPLATE, title=title or lab["title"], height=height, xaxis_title=lab["x"],
                      yaxis_title=lab["y"], xaxis_range=[0, top], bargap=0.05)
    return figures.tidy_axes(fig)


KL_LABELS = {"title": "Sparsity penalty per epoch", "x": "epoch", "y_kl": "Σⱼ KL(ρ ‖ ρ̂ⱼ)  (nats)",
             "y_l1": "mean Σⱼ |hⱼ|", "empty": "no finished epoch yet"}


def kl_curve_figure(epoch_rows: Sequence[dict], penalty: str = "kl", title: str | None = None,
                    labels: Mapping[str, str] | None = None, height: int = 300) -> go.Figure:
    """The sparsity penalty per epoch: Σⱼ KL(ρ‖ρ̂ⱼ) (nats) for penalty="kl", mean Σⱼ|hⱼ| for "l1".

    Args:
        epoch_rows: ``FitResult.history`` rows (key ``train_sparsity``) or job-snapshot rows
            (key ``sparsity``), each with ``epoch``. Values are epoch means over batches.
        penalty: the model's ``cfg.penalty``; only labels the axis.
        labels: keys of ``KL_LABELS``.
    """
    lab = figures.merged_labels(KL_LABELS, labels)
    y, x = [], []
    for i, r in enumerate(epoch_rows):
        v = r.get("train_sparsity", r.get("sparsity"))
        if v is not None:
            y.append(float(v))
            x.append(r.get("epoch", i + 1))
    y_title = lab["y_kl"] if penalty == "kl" else lab["y_l1"]
    fig = go.Figure(go.Scatter(x=x, y=y, mode="lines+markers" if len(y) < 60 else "lines", name=y_title,
                               line={"color": KL_COLOUR, "width": 3}))
    if not y:
        fig.add_annotation(text=lab["empty"], showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    pos = [v for v in y if v > 0]
    log_y = bool(pos) and max(pos) / min(pos) > 30  # the first epoch's penalty dwarfs the rest: a log axis
    fig.update_layout(template=figures.TEMPLATE, title=title or lab["title"], height=height, xaxis_title=lab["x"],
                      yaxis_title=y_title, yaxis_type="log" if log_y else None, yaxis_exponentformat="power",
                      yaxis_rangemode=None if log_y else "tozero")
    return figures.tidy_axes(figures.log_ticks(fig) if log_y else fig)


HEATMAP_LABELS = {"title": "Activations: test samples × units (sorted by ρ̂ⱼ)",
                  "x": "unit (sorted by mean activation)", "y": "test sample"}


def activation_heatmap_figure(h: np.ndarray, n_samples: int = 50, title: str | None = None,
                              labels: Mapping[str, str] | None = None) -> go.Figure:
    """Heat map of activations, test samples × code units, units sorted by ρ̂ⱼ (busiest left).

    Args:
        h: activations (N, H), e.g. from ``hidden_activations``.
        n_samples: rows shown (the first ones).
        labels: keys of ``HEATMAP_LABELS``.
    """
    lab = figures.merged_labels(HEATMAP_LABELS, labels)
    h = np.asarray(h, np.float32)
    if h.ndim != 2 or not h.size:
        raise ValueError(f"h must be a non-empty 2-D array (samples, units); got shape {h.shape}.")
    if int(n_samples) < 1:
        raise ValueError(f"n_samples must be a positive integer; got {n_samples}.")
    order = np.argsort(-np.abs(h).mean(0), kind="stable")
    z = h[: int(n_samples)][:, order]
    fig = go.Figure(go.Heatmap(z=z, customdata=np.broadcast_to(order, z.shape), colorscale="Viridis",
                               zmin=min(0.0, float(z.min())), colorbar={"title": "hⱼ", "thickness": 14},
                               hovertemplate="%{y} · %{customdata}: %{z:.3f}<extra></extra>"))
    fig.update_layout(template=figures.TEMPLATE, title=title or lab["title"], height=380, xaxis_title=lab["x"],
                      yaxis_title=lab["y"], yaxis_autorange="reversed")
    return figures.tidy_axes(fig)


def feature_mosaic(weights: np.ndarray, image_shape: tuple[int, int], cols: int | None = None,
                   pad: int = 1) -> np.ndarray:
    """Tile each unit's weights as an image, normalized like UFLDL's ``display_network.m``.

    The global mean of all weights is subtracted, then every tile is divided by its own
    largest absolute value, so each tile spans [−1, 1] and its sign pattern shows.

    Args:
        weights: (H, D), one row per hidden unit (``first_layer_weights``).
        image_shape: (H_img, W_img) with H_img · W_img = D.
        cols: tiles per row (default ⌈√H⌉).
        pad: gap between tiles, in pixels; gaps are NaN (transparent in a plotly heatmap).
    Returns:
        2-D float32 array of shape (rows·(H_img+pad) − pad, cols·(W_img+pad) − pad).
    """
    a = np.asarray(weights, np.float64)
    if a.ndim != 2 or not a.size:
        raise ValueError(f"weights must be a non-empty 2-D array (units, inputs); got shape {a.shape}.")
    if image_shape is None or int(np.prod(image_shape)) != a.shape[1]:
        raise ValueError(f"image_shape must give (H, W) with H·W = {a.shape[1]} (features are shown as images "
                         f"only for image data); got {image_shape}.")
    if int(pad) < 0:
        raise ValueError(f"pad must be a non-negative integer; got {pad}.")
    n = len(a)
    cols = int(cols) if cols else int(np.ceil(np.sqrt(n)))
    if cols < 1:
        raise ValueError(f"cols must be a positive integer; got {cols}.")
    h, w = (int(s) for s in image_shape)
    a = a - a.mean()
    peak = np.abs(a).max(axis=1, keepdims=True)
    a = a / np.where(peak > 0, peak, 1.0)
    return figures.mosaic(a, (h, w), cols, pad=int(pad))


def feature_mosaic_figure(weights: np.ndarray, image_shape: tuple[int, int], cols: int | None = None,
                          title: str | None = None, height: int = 520) -> go.Figure:
    """The ``feature_mosaic`` of ``weights`` (H, D) as one grey heatmap (black −1, white +1)."""
    mosaic = feature_mosaic(weights, image_shape, cols)
    fig = go.Figure(go.Heatmap(z=mosaic, colorscale="gray", zmin=-1, zmax=1, showscale=False,
                               hovertemplate="%{z:.2f}<extra></extra>"))
    fig.update_layout(template=figures.TEMPLATE, title=title or f"Features of {len(weights)} hidden units "
                      "(first-layer weights)", height=height, plot_bgcolor="#1F2430",
                      margin={"l": 8, "r": 8, "t": 48 if title is not False else 8, "b": 8},
                      xaxis={"visible": False, "constrain": "domain"},
                      yaxis={"visible": False, "autorange": "reversed", "scaleanchor": "x", "constrain": "domain"})
    return fig


def mosaic_png(mosaic: np.ndarray, scale: int = 4) -> bytes:
    """A ``feature_mosaic`` as PNG bytes: −1 black, +1 white, gaps black, each pixel ``scale``² pixels."""
    from PIL import Image

    m = np.asarray(mosaic, np.float64)
    if m.ndim != 2 or not m.size:
        raise ValueError(f"mosaic must be a non-empty 2-D array; got shape {m.shape}.")
    if not 1 <= int(scale) <= 64:
        raise ValueError(f"scale must be an integer between 1 and 64; got {scale}.")
    grey = np.nan_to_num((np.clip(m, -1, 1) + 1) * 127.5, nan=0.0).round().astype(np.uint8)
    grey = np.kron(grey, np.ones((int(scale), int(scale)), np.uint8))
    buf = io.BytesIO()
    Image.fromarray(grey, mode="L").save(buf, format="PNG")
    return buf.getvalue()
