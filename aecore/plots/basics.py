"""Figures of the Learn page "Basics & PCA" (``pages/basics.py``).

The numbers come from :mod:`aecore.labs.basics` (and ``aecore.measure.metrics``); these builders
draw them:

* ``reconstruction_error_figure`` — test images, reconstructions and per-pixel squared error;
* ``pca_curve_figure``, ``principal_angles_figure``, ``basis_comparison_figure`` — a linear
  autoencoder against PCA (Baldi & Hornik, 1989);
* ``likelihood_figure`` — MSE vs BCE as Gaussian vs Bernoulli negative log-likelihoods.

Text is English by default; a page passes its translations as ``labels`` (the keys of the
``*_LABELS`` dicts).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from aecore.data.registry import Dataset
from aecore.labs.basics import PCA_ROWS, check_linear, likelihood_curves, pca_curve, pca_rows
from aecore.measure.metrics import principal_angles_deg
from aecore.models.base import Autoencoder
from aecore.plots import common as figures

MAX_COMPONENTS = 16  # basis vectors drawn at most by basis_comparison_figure
ERROR_COLOURS = "Reds"
AE_COLOUR = figures.VARIANT_COLOURS["ae"]
PCA_COLOUR = "#7F8A99"


def _check_image_shape(image_shape, dim: int) -> tuple[int, int] | None:
    if image_shape is None:
        return None
    h, w = (int(s) for s in image_shape)
    if h * w != dim:
        raise ValueError(f"image_shape={tuple(image_shape)} has {h * w} pixels but the rows have {dim} values.")
    return h, w


# ---- reconstructions -----------------------------------------------------------------------
RECON_LABELS = {"original": "original", "reconstruction": "reconstruction", "error": "squared error",
                "head": "test MSE of these {n}: {mse:.4g}", "example": "example", "feature": "feature"}


def reconstruction_error_figure(x: np.ndarray, x_hat: np.ndarray, image_shape: tuple[int, int] | None,
                                n: int = 8, title: str | None = None, tile_px: int = 72,
                                labels: Mapping[str, str] | None = None, width_px: int | None = None) -> go.Figure:
    """Originals above reconstructions above the per-pixel squared error (x − x̂)².

    Args:
        x: test originals (N, D).
        x_hat: their reconstructions (N, D).
        image_shape: (H, W) with H·W = D, or None for non-image rows: then each of the three
            panels is an n × D heat map (one row per example, one column per feature).
        n: examples shown (the first n rows).
        width_px: the chart's width on the page, if known: the height fits the tiles drawn at it.
        labels: display strings, keys of ``RECON_LABELS`` ("head" is formatted with n and mse).
    Returns:
        A figure with two heatmap traces: the images (grey) and the error (red, its own scale).
    """
    x, x_hat = np.asarray(x, np.float32), np.asarray(x_hat, np.float32)
    if x.shape != x_hat.shape or x.ndim != 2:
        raise ValueError(f"x and x_hat must be 2-D arrays of one shape; got {x.shape} and {x_hat.shape}.")
    if int(n) < 1:
        raise ValueError(f"n (examples shown) must be a positive integer; got {n}.")
    n = min(int(n), len(x))
    x, x_hat = x[:n], x_hat[:n]
    err = (x - x_hat) ** 2  # (n, D)
    shape = _check_image_shape(image_shape, x.shape[1])
    lab = figures.merged_labels(RECON_LABELS, labels)
    names = [lab["original"], lab["reconstruction"], lab["error"]]
    lo, hi = float(min(x.min(), x_hat.min())), float(max(x.max(), x_hat.max()))
    hi = hi if hi > lo else lo + 1.0
    emax = max(float(err.max()), 1e-12)
    head = lab["head"].format(n=n, mse=float(err.mean()))
    title = f"{title} — {head}" if title else head
    if shape is None:  # vectors: one n × D heat map per panel
        fig = make_subplots(rows=3, cols=1, shared_xaxes=True, subplot_titles=names, vertical_spacing=0.08)
        for i, (z, cs, zr) in enumerate([(x, "Greys", (lo, hi)), (x_hat, "Greys", (lo, hi)),
                                         (err, ERROR_COLOURS, (0, emax))]):
            fig.add_trace(go.Heatmap(z=z, colorscale=cs, zmin=zr[0], zmax=zr[1], showscale=i == 2,
                                     colorbar={"len": 0.3, "y": 0.15, "title": "(x − x̂)²"} if i == 2 else None,
                                     hovertemplate="%{y}, %{x}: %{z:.3g}<extra></extra>"),
                          row=i + 1, col=1)
            fig.update_yaxes(autorange="reversed", title=lab["example"], row=i + 1, col=1)
        fig.update_xaxes(title=lab["feature"], row=3, col=1)
        fig.update_layout(template=figures.TEMPLATE, title=title, height=160 + 3 * max(60, 18 * n))
        return fig
    h, w = shape
    images = figures.mosaic_rows([x, x_hat, None], shape, n)
    errors = figures.mosaic_rows([None, None, err], shape, n)
    fig = go.Figure([
        go.Heatmap(z=images, colorscale="Greys", zmin=lo, zmax=hi, showscale=False, name=lab["original"],
                   hovertemplate="%{z:.3f}<extra></extra>"),
        go.Heatmap(z=errors, colorscale=ERROR_COLOURS, zmin=0, zmax=emax, name=lab["error"],
                   colorbar={"title": {"text": "(x − x̂)²", "side": "right"}, "len": 0.5, "y": 0.0,
                             "yanchor": "bottom", "thickness": 14, "nticks": 4},
                   hovertemplate="(x − x̂)² = %{z:.4f}<extra></extra>"),
    ])
    centres = [i * (h + 1) + (h - 1) / 2 for i in range(3)]
    fig.update_layout(
        template=figures.TEMPLATE, title=title, margin={"l": 130, "r": 60, "t": 48, "b": 6},
        height=figures.grid_height(images.shape, shape, tile_px, 130 + 60, width_px) + 60,
        xaxis={"visible": False, "constrain": "domain"},
        yaxis={"autorange": "reversed", "scaleanchor": "x", "showgrid": False, "zeroline": False, "ticks": "",
               "tickvals": centres, "ticktext": names, "showline": False, "constrain": "domain"},
    )
    return fig


# ---- linear AE vs PCA ----------------------------------------------------------------------
PCA_CURVE_LABELS = {"title": "Test MSE: PCA for every k, and the autoencoder", "curve": "PCA, top-k components",
                    "pca_at": "PCA at k = {k}", "x": "code size k (principal components kept)",
                    "y": "test MSE per element", "code": "code size"}


def pca_curve_figure(ds: Dataset, model_mse: float, k: int, model_label: str = "trained AE",
                     max_rows: int = PCA_ROWS, title: str | None = None,
                     labels: Mapping[str, str] | None = None) -> go.Figure:
    """Test MSE of PCA for every k = 1..D, with the trained autoencoder as one point at its code size.

    Args:
        ds: the data set (PCA is fitted on training rows, scored on the test rows).
        model_mse: the autoencoder's test MSE per element (``FitResult.metrics["test_mse"]``).
        k: its code size.
        max_rows: training rows PCA is fitted on (see ``pca_rows``).
        labels: display strings, keys of ``PCA_CURVE_LABELS`` ("pca_at" is formatted with k).
    Returns:
        Traces: the PCA curve (D points), PCA at k, the model at k. A linear AE trained to
        convergence sits on the curve; a nonlinear one may go below it.
    """
    d = ds.dim
    if not 1 <= int(k) <= d:
        raise ValueError(f"k (code size) must be between 1 and the input size {d}; got {k}.")
    if not np.isfinite(model_mse) or model_mse < 0:
        raise ValueError(f"model_mse must be a finite, non-negative number; got {model_mse}.")
    k = int(k)
    lab = figures.merged_labels(PCA_CURVE_LABELS, labels)
    curve = pca_curve(ds, max_rows)  # (D,), index k − 1
    ks = np.arange(1, d + 1)
    fig = go.Figure([
        go.Scatter(x=ks, y=curve, mode="lines", name=lab["curve"], line={"color": PCA_COLOUR, "width": 3},
                   hovertemplate="k = %{x}: MSE %{y:.4g}<extra></extra>"),
        go.Scatter(x=[k], y=[curve[k - 1]], mode="markers", name=lab["pca_at"].format(k=k),
                   marker={"color": PCA_COLOUR, "size": 12, "symbol": "circle-open", "line": {"width": 3}}),
        go.Scatter(x=[k], y=[float(model_mse)], mode="markers", name=model_label,
                   marker={"color": AE_COLOUR, "size": 14, "symbol": "diamond"},
                   hovertemplate=lab["code"] + " %{x}: MSE %{y:.4g}<extra></extra>"),
    ])
    fig.update_layout(template=figures.TEMPLATE, title=title or lab["title"], height=470, xaxis_title=lab["x"],
                      yaxis_title=lab["y"], yaxis_rangemode="tozero")
    return figures.legend_below(fig, rows=2)  # in a half-page column an inset legend covers the curve


ANGLE_LABELS = {"title": "Principal angles to the top-{k} PCs (largest {max:.1f}°)", "x": "angle index (ascending)",
                "y": "degrees", "angle": "angle"}


def principal_angles_figure(model: Autoencoder, ds: Dataset, max_rows: int = PCA_ROWS,
                            title: str | None = None, labels: Mapping[str, str] | None = None) -> go.Figure:
    """Bar chart of the principal angles (degrees) between the decoder's column space and the top-k PCs.

    All bars near 0° mean the linear autoencoder found the PCA subspace; angles near 90° mean
    directions it has not found yet (usually the components with the smallest variance).
    ``labels``: keys of ``ANGLE_LABELS`` ("title" is formatted with k and max).
    """
    check_linear(model)
    lab = figures.merged_labels(ANGLE_LABELS, labels)
    angles = principal_angles_deg(model, pca_rows(ds, max_rows))  # (k,), ascending
    fig = go.Figure(go.Bar(x=np.arange(1, len(angles) + 1), y=angles, marker_color=AE_COLOUR, name=lab["angle"],
                           hovertemplate=lab["angle"] + " %{x}: %{y:.2f}°<extra></extra>"))
    fig.update_layout(template=figures.TEMPLATE, height=320,
                      title=title or lab["title"].format(k=len(angles), max=float(angles.max())),
                      xaxis_title=lab["x"], yaxis_title=lab["y"], yaxis_range=[0, 90],
                      xaxis={"dtick": 1} if len(angles) <= 20 else None)
    return figures.tidy_axes(fig)


BASIS_LABELS = {"title": "Decoder basis vs principal components (mean |cos| after rotation {cos:.3f})",
                "decoder": "decoder columns", "rotated": "rotated onto PCs", "pcs": "principal components",
                "component": "component {i} (|cos| {cos:.3f})", "feature": "feature"}


def basis_comparison_figure(basis: Mapping[str, np.ndarray], image_shape: tuple[int, int] | None = None,
                            max_components: int = MAX_COMPONENTS, title: str | None = None,
                            labels: Mapping[str, str] | None = None) -> go.Figure:
    """Decoder columns, the rotated basis and the PCs side by side (``basis`` from ``aligned_basis``).

    Images (``image_shape`` given): three rows of tiles, each tile scaled by its largest
    absolute value to [−1, 1] (a basis vector's sign and scale carry no meaning on their own).
    Vectors (``image_shape`` None): one bar chart per component with the three bases grouped.
    ``labels``: keys of ``BASIS_LABELS``.
    """
    lab = figures.merged_labels(BASIS_LABELS, labels)
    rows = {lab["decoder"]: basis["decoder_cols"], lab["rotated"]: basis["rotated"], lab["pcs"]: basis["pcs"]}
    k = min(len(basis["pcs"]), int(max_components))
    if k < 1:
        raise ValueError(f"max_components must be a positive integer; got {max_components}.")
    scaled = {}
    for name, m in rows.items():
        m = np.asarray(m, np.float64)[:k]
        peak = np.abs(m).max(axis=1, keepdims=True)
        scaled[name] = m / np.where(peak > 0, peak, 1.0)
    cos = np.asarray(basis["cosines"])[:k]
    head = title or lab["title"].format(cos=float(cos.mean()))
    dim = scaled[lab["pcs"]].shape[1]
    shape = _check_image_shape(image_shape, dim)
    if shape is not None:
        fig = figures.image_grid_figure(list(scaled.values()), shape, row_titles=list(scaled), title=head,
                                        zrange=(-1.0, 1.0))
        fig.update_traces(colorscale="RdBu", zmid=0, reversescale=True)
        fig.update_yaxes(automargin=True)  # long (translated) row names
        return fig
    fig = make_subplots(rows=k, cols=1, shared_xaxes=True, vertical_spacing=0.04,
                        subplot_titles=[lab["component"].format(i=i + 1, cos=c) for i, c in enumerate(cos)])
    colours = (AE_COLOUR, figures.VARIANT_COLOURS["sparse"], PCA_COLOUR)
    for i in range(k):
        for (name, m), colour in zip(scaled.items(), colours, strict=True):
            fig.add_trace(go.Bar(x=np.arange(1, dim + 1), y=m[i], name=name, marker_color=colour,
                                 legendgroup=name, showlegend=i == 0), row=i + 1, col=1)
    fig.update_xaxes(title=lab["feature"], row=k, col=1)
    fig.update_layout(template=figures.TEMPLATE, title=head, barmode="group", height=120 + 150 * k)
    return fig


LIKELIHOOD_LABELS = {"title": "One pixel's loss: Gaussian vs Bernoulli likelihood", "panel": "target x = {x:g}",
                     "gaussian": "Gaussian (MSE): ½(x − x̂)²",
                     "bernoulli": "Bernoulli (BCE): −x log x̂ − (1−x) log(1−x̂)", "x": "prediction x̂",
                     "y": "−log p(x | x̂)  (nats)"}


def likelihood_figure(targets: Sequence[float] = (0.1, 0.5, 0.9), title: str | None = None,
                      labels: Mapping[str, str] | None = None, highlight: str | None = None) -> go.Figure:
    """One panel per target pixel x: −log p(x|x̂) against x̂ for the Gaussian (MSE) and Bernoulli (BCE) likelihoods.

    ``labels``: keys of ``LIKELIHOOD_LABELS``. ``highlight``: "mse" or "bce" draws that curve
    bold and the other one faint (the loss the user chose).
    """
    if highlight not in (None, "mse", "bce"):
        raise ValueError(f"highlight must be None, 'mse' or 'bce'; got {highlight!r}.")
    lab = figures.merged_labels(LIKELIHOOD_LABELS, labels)
    width = {"mse": (4, 2), "bce": (2, 4), None: (3, 3)}[highlight]
    fade = {"mse": (1.0, 0.45), "bce": (0.45, 1.0), None: (1.0, 1.0)}[highlight]
    c = likelihood_curves(targets)
    t = c["targets"]
    fig = make_subplots(rows=1, cols=len(t), shared_yaxes=True, subplot_titles=[lab["panel"].format(x=v) for v in t])
    for i, v in enumerate(t):
        fig.add_trace(go.Scatter(x=c["x_hat"], y=c["gaussian"][i], mode="lines", name=lab["gaussian"],
                                 line={"color": AE_COLOUR, "width": width[0]}, opacity=fade[0], legendgroup="g",
                                 showlegend=i == 0), row=1, col=i + 1)
        fig.add_trace(go.Scatter(x=c["x_hat"], y=c["bernoulli"][i], mode="lines", name=lab["bernoulli"],
                                 line={"color": figures.VARIANT_COLOURS["vae"], "width": width[1]}, opacity=fade[1],
                                 legendgroup="b", showlegend=i == 0), row=1, col=i + 1)
        fig.add_vline(x=float(v), line={"color": "#9AA3AF", "dash": "dot"}, row=1, col=i + 1)
        fig.update_xaxes(title=lab["x"], range=[0, 1], row=1, col=i + 1)
    fig.update_yaxes(title=lab["y"], range=[0, 3], row=1, col=1)
    fig.update_layout(template=figures.TEMPLATE, height=420, title=title or lab["title"],
                      legend={"y": -0.36, "yanchor": "top", "x": 0, "xanchor": "left"},
                      margin={"l": 60, "r": 20, "t": 70, "b": 100})
    return figures.tidy_axes(fig)
