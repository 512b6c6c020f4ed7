"""Figures of the Learn page "Denoising" (``pages/denoising.py``).

The numbers come from :mod:`aecore.labs.denoising`; these builders draw them:

* ``denoise_grid_figure`` — clean / corrupted / reconstructed test images;
* ``psnr_sweep_figure`` — PSNR against the noise level for the denoising AE, a plain AE and PCA;
* ``vector_field_figure`` — on a 2-D toy, the field r(x) − x as arrows, the data and the paths
  of repeated denoising.

Text is English by default; a page passes its translations as ``labels`` (the keys of the
``*_LABELS`` dicts).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go

from aecore.plots import common as figures
from aecore.plots.basics import PCA_COLOUR

DATA_GREY = "#B8C0CC"
NOISY_COLOUR = "#E45756"
ARROW_HEAD = 0.3  # arrowhead length as a fraction of the arrow
ARROW_ANGLE = np.deg2rad(25.0)


GRID_LABELS = {"clean": "clean", "corrupted": "corrupted", "reconstructed": "reconstructed"}


def denoise_grid_figure(clean: np.ndarray, noisy: np.ndarray, recon: np.ndarray,
                        image_shape: tuple[int, int], title: str | None = None,
                        labels: Mapping[str, str] | None = None, tile_px: int = 72) -> go.Figure:
    """Three rows of tiles: clean, corrupted, reconstructed (one grey scale: the clean data's range).

    ``labels``: row names, keys of ``GRID_LABELS``.
    """
    lab = figures.merged_labels(GRID_LABELS, labels)
    clean = np.asarray(clean, np.float32)
    lo, hi = float(clean.min()), float(clean.max())
    return figures.image_grid_figure([clean, noisy, recon], image_shape, row_titles=[lab["clean"], lab["corrupted"],
                                     lab["reconstructed"]], title=title, zrange=(lo, hi if hi > lo else lo + 1),
                                     tile_px=tile_px)


SWEEP_LABELS = {"title": "PSNR on test images, {noise} noise", "noisy": "corrupted input", "dae": "denoising AE",
                "plain": "plain AE (same size)", "pca": "PCA, k = {k}", "trained": "trained level",
                "x_gaussian": "noise level (σ)", "x_other": "noise level (fraction corrupted)",
                "y": "PSNR (dB), higher is better"}


def psnr_sweep_figure(sweep: Mapping, title: str | None = None, labels: Mapping[str, str] | None = None) -> go.Figure:
    """PSNR against noise level: corrupted input (dashed), DAE, plain AE, PCA; higher is better.

    ``labels``: keys of ``SWEEP_LABELS`` ("title" is formatted with noise, "pca" with k).
    """
    lab = figures.merged_labels(SWEEP_LABELS, labels)
    lv = sweep["levels"]
    lines = [("noisy", lab["noisy"], NOISY_COLOUR, "dash"),
             ("dae", lab["dae"], figures.VARIANT_COLOURS["denoising"], "solid"),
             ("plain", lab["plain"], figures.VARIANT_COLOURS["ae"], "solid"),
             ("pca", lab["pca"].format(k=sweep["k"]), PCA_COLOUR, "dot")]
    fig = go.Figure()
    for key, name, colour, dash in lines:
        if sweep.get(key) is not None:
            y = np.asarray(sweep[key], np.float64)
            y = np.where(np.isfinite(y), y, np.nan)  # level 0 leaves the input exact: PSNR = ∞, drawn as a gap
            fig.add_trace(go.Scatter(x=lv, y=y, mode="lines+markers", name=name,
                                     line={"color": colour, "width": 3, "dash": dash}, marker={"size": 8},
                                     hovertemplate="%{y:.2f} dB<extra></extra>"))
    if sweep.get("trained_level") is not None:
        fig.add_vline(x=sweep["trained_level"], line={"color": "#9AA3AF", "dash": "dot"},
                      annotation_text=lab["trained"], annotation_position="bottom right")  # clear of the legend
    x_title = lab["x_gaussian"] if sweep["noise"] == "gaussian" else lab["x_other"]
    fig.update_layout(template=figures.TEMPLATE, title=title or lab["title"].format(noise=sweep["noise"]),
                      height=460, xaxis_title=x_title, yaxis_title=lab["y"], hovermode="x unified")
    return figures.legend_below(fig)  # beside the title, the legend covered it


def _arrow_segments(X, Y, U, V, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """Shaft and two head strokes per arrow, separated by NaN: x and y of one line trace."""
    x0, y0 = np.ravel(X), np.ravel(Y)
    dx, dy = np.ravel(U) * scale, np.ravel(V) * scale
    x1, y1 = x0 + dx, y0 + dy
    ang = np.arctan2(dy, dx)
    length = np.hypot(dx, dy) * ARROW_HEAD
    nan = np.full_like(x0, np.nan)
    cols_x, cols_y = [x0, x1, nan], [y0, y1, nan]
    for side in (1, -1):
        a = ang + np.pi - side * ARROW_ANGLE
        cols_x += [x1, x1 + length * np.cos(a), nan]
        cols_y += [y1, y1 + length * np.sin(a), nan]
    return np.stack(cols_x, 1).ravel(), np.stack(cols_y, 1).ravel()


FIELD_LABELS = {"title": "Denoising field r(x) − x", "data": "data", "corrupted": "corrupted", "field": "r(x) − x",
                "paths": "x ← r(x)", "end": "end"}


def vector_field_figure(X: np.ndarray, Y: np.ndarray, U: np.ndarray, V: np.ndarray, data: np.ndarray | None = None,
                        noisy: np.ndarray | None = None, paths: np.ndarray | None = None,
                        scale: float | None = None, title: str | None = None,
                        labels: Mapping[str, str] | None = None, height: int = 560) -> go.Figure:
    """The data (grey), corrupted points (red), the field r(x) − x as arrows, and denoising paths.

    Args:
        X, Y, U, V: from ``vector_field``.
        data: clean points (N, 2) drawn in grey; noisy: corrupted points (M, 2).
        paths: (n, steps + 1, 2) from ``denoising_paths``; each ends in a marker.
        scale: arrow length per unit of r(x) − x; None = true length, shortened if needed so
            that the longest arrow spans at most 1.5 grid cells (the hover shows true values).
        labels: trace names and title, keys of ``FIELD_LABELS``.
    """
    lab = figures.merged_labels(FIELD_LABELS, labels)
    X, Y, U, V = (np.asarray(a, np.float64) for a in (X, Y, U, V))
    if not X.shape == Y.shape == U.shape == V.shape:
        raise ValueError(f"X, Y, U, V must share one shape; got {X.shape}, {Y.shape}, {U.shape}, {V.shape}.")
    if scale is None:
        cell = min(np.ptp(X) / max(X.shape[1] - 1, 1), np.ptp(Y) / max(X.shape[0] - 1, 1))
        longest = float(np.hypot(U, V).max())
        scale = min(1.0, 1.5 * cell / longest) if longest > 0 else 1.0
    fig = go.Figure()
    if data is not None:
        d = np.asarray(data, np.float32)
        fig.add_trace(go.Scattergl(x=d[:, 0], y=d[:, 1], mode="markers", name=lab["data"],
                                   marker={"color": DATA_GREY, "size": 5}, hoverinfo="skip"))
    if noisy is not None:
        q = np.asarray(noisy, np.float32)
        fig.add_trace(go.Scattergl(x=q[:, 0], y=q[:, 1], mode="markers", name=lab["corrupted"],
                                   marker={"color": NOISY_COLOUR, "size": 5, "opacity": 0.6}, hoverinfo="skip"))
    ax, ay = _arrow_segments(X, Y, U, V, scale)
    fig.add_trace(go.Scatter(x=ax, y=ay, mode="lines", name=lab["field"] + ("" if scale == 1 else f" (× {scale:.2g})"),
                             line={"color": figures.VARIANT_COLOURS["denoising"], "width": 1.5}, hoverinfo="skip"))
    if paths is not None:
        p = np.asarray(paths, np.float64)
        seg = np.concatenate([p, np.full((len(p), 1, 2), np.nan)], 1).reshape(-1, 2)
        fig.add_trace(go.Scatter(x=seg[:, 0], y=seg[:, 1], mode="lines+markers", name=lab["paths"],
                                 line={"color": "#1F2430", "width": 2}, marker={"size": 4}))
        fig.add_trace(go.Scatter(x=p[:, -1, 0], y=p[:, -1, 1], mode="markers", name=lab["end"],
                                 marker={"color": "#1F2430", "size": 10, "symbol": "x"}))
    fig.update_layout(template=figures.TEMPLATE, title=title or lab["title"], height=height,
                      xaxis_title="x₁", yaxis_title="x₂", yaxis={"scaleanchor": "x"})
    return figures.legend_below(fig, rows=2)
