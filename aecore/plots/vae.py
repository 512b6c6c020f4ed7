"""Figures of the Learn page "Variational — a generative code" (``pages/variational.py``).

The numbers come from :mod:`aecore.labs.vae`; these builders only draw them:

* ``elbo_curve_figure`` — −ELBO during training, split into reconstruction and KL;
* ``kl_per_dim_figure`` — which latent dimensions carry information (``posterior_collapse``);
* ``latent_scatter_figure`` + ``mark_path`` — the 2-D code, with interpolation paths on it;
* ``manifold_grid``/``manifold_figure`` — the images the decoder draws over the prior's
  quantiles (Kingma & Welling 2014, Fig. 4);
* ``strips_figure`` — rows of decoded images (interpolations, prior samples).

Text is English by default; a page passes its translations as ``labels`` (the keys of ``LABELS``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from scipy.stats import norm

from aecore.labs.vae import COLLAPSE_NATS, QUANTILES, manifold_images, posterior_collapse
from aecore.models.vae import VAE
from aecore.plots import common as figures

ACTIVE, COLLAPSED = "#E45756", "#B8C0CC"  # bars of the dimensions that carry information, and not
# Text the figures show, in English; a page passes its translations as ``labels`` (same keys).
LABELS = {
    "recon": "reconstruction −log p(x|z)", "kl": "KL(q(z|x) ‖ p(z))", "neg_elbo": "−ELBO", "epoch": "epoch",
    "nats": "nats per example", "threshold": "collapse threshold", "dim": "latent dimension", "kl_y": "KL (nats)",
    "test": "test", "others": "of {k}; the others not shown", "held": "z₃ … z{k} held at 0 (the prior's mean)",
    "picked": "picked", "nats_unit": "nats",
}


# ---- ELBO and collapse ---------------------------------------------------------------------
def elbo_curve_figure(epoch_rows: Sequence[dict], title: str | None = None, labels: dict | None = None,
                      height: int = 360) -> go.Figure:
    """−ELBO per epoch as stacked areas: reconstruction NLL below, KL on top (nats per example).

    Args:
        epoch_rows: history rows of a VAE fit; rows without ``train_neg_elbo`` are skipped.
    Raises:
        ValueError: no row carries ``train_recon``, ``train_kl`` and ``train_neg_elbo``.
    """
    lab = figures.merged_labels(LABELS, labels)
    rows = [r for r in epoch_rows if all(r.get(k) is not None for k in ("train_recon", "train_kl", "train_neg_elbo"))]
    if not rows:
        raise ValueError("epoch_rows hold no VAE terms (train_recon, train_kl, train_neg_elbo); "
                         "pass the history of a finished or running VAE fit.")
    x = np.arange(1, len(rows) + 1) if any("epoch" not in r for r in rows) else [r["epoch"] for r in rows]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=x, y=[r["train_recon"] for r in rows], name=lab["recon"],
                             mode="lines", stackgroup="elbo", line={"color": "#4C78A8"}))
    fig.add_trace(go.Scatter(x=x, y=[r["train_kl"] for r in rows], name=lab["kl"],
                             mode="lines", stackgroup="elbo", line={"color": "#F58518"}))
    fig.add_trace(go.Scatter(x=x, y=[r["train_neg_elbo"] for r in rows], name=lab["neg_elbo"], mode="lines+markers",
                             line={"color": figures.TEXT, "width": 2, "dash": "dot"}))
    fig.update_layout(template=figures.TEMPLATE, title=title, height=height, xaxis_title=lab["epoch"],
                      yaxis_title=lab["nats"], hovermode="x unified")
    return fig


def kl_per_dim_figure(kl_per_dim: np.ndarray, threshold: float = COLLAPSE_NATS, title: str | None = None,
                      labels: dict | None = None, height: int = 320) -> go.Figure:
    """Bars of mean KL per latent dimension (nats, log axis), collapsed ones greyed, threshold dashed."""
    lab = figures.merged_labels(LABELS, labels)
    kl = np.asarray(kl_per_dim, np.float64).ravel()
    split = posterior_collapse(kl, threshold)
    colours = [ACTIVE if i in split["active"] else COLLAPSED for i in range(kl.size)]
    fig = go.Figure(go.Bar(x=[f"z{i + 1}" for i in range(kl.size)], y=np.maximum(kl, 1e-6), marker_color=colours,
                           hovertemplate="%{x}: %{y:.3g} " + lab["nats_unit"] + "<extra></extra>"))
    fig.add_hline(y=threshold, line={"dash": "dash", "color": "#5B6472"})
    # On a log axis an annotation's y is log10 of the value (add_hline's own annotation would sit at 10^0.01).
    fig.add_annotation(x=0, xref="paper", y=float(np.log10(threshold)), text=f"{lab['threshold']} {threshold:g}",
                       showarrow=False, xanchor="left", yanchor="bottom", font={"size": 13, "color": "#5B6472"})
    fig.update_layout(template=figures.TEMPLATE, title=title, height=height, xaxis_title=lab["dim"],
                      yaxis_title=lab["kl_y"], showlegend=False,
                      yaxis={"type": "log", "dtick": 1, "minor": {"dtick": "D1", "ticks": "outside", "showgrid": True}})
    return fig


# ---- the code and the decoded manifold -----------------------------------------------------
def latent_scatter_figure(z: np.ndarray, y: np.ndarray | None = None, class_names: Sequence[str] | None = None,
                          title: str | None = None, labels: dict | None = None, height: int = 560) -> go.Figure:
    """Test codes (first two dimensions) coloured by label; each point's ``customdata`` is its row in z.

    The page reads ``customdata`` from a click (``st.plotly_chart(..., on_select="rerun")``) to
    show that test image. Built on ``figures.latent_scatter_figure`` (one WebGL trace per class).

    Args:
        z: codes (N, k ≥ 2), row i = test row i (e.g. ``metrics.encode(model, ds.x_test)``).
        y: labels (N,) or None.
    """
    z = np.asarray(z)
    if z.ndim != 2 or z.shape[1] < 2:
        raise ValueError(f"z must be codes of shape (N, k) with k ≥ 2; got shape {z.shape}. "
                         "For a 1-D code, plot z against the label instead.")
    lab = figures.merged_labels(LABELS, labels)
    fig = figures.latent_scatter_figure(z[:, :2], y, class_names, title=title, height=height)
    for trace in fig.data:
        trace.hovertemplate = lab["test"] + " #%{customdata}<br>z₁=%{x:.2f}, z₂=%{y:.2f}<extra>%{fullData.name}</extra>"
    if z.shape[1] > 2:
        fig.update_layout(xaxis_title=f"z₁ ({lab['others'].format(k=z.shape[1])})", yaxis_title="z₂")
    return fig


def manifold_grid(model: VAE, n: int = 15, image_shape: tuple[int, int] | None = None) -> np.ndarray:
    """``manifold_images`` tiled into one image (n·H, n·W), as ``manifold_figure`` draws it."""
    return figures.mosaic(manifold_images(model, n, image_shape), image_shape, n)


def manifold_figure(grid: np.ndarray, n: int, latent: int = 2, title: str | None = None, tile_px: int = 40,
                    labels: dict | None = None) -> go.Figure:
    """The manifold grid as one heatmap, axes labelled with each tile's z₁ and z₂.

    With ``latent`` > 2 a note under the plot says that the other dimensions are held at 0.
    """
    grid = np.asarray(grid)
    h, w = grid.shape[0] // n, grid.shape[1] // n
    q = norm.ppf(np.linspace(*QUANTILES, n))
    fig = go.Figure(go.Heatmap(z=grid, colorscale="Greys", zmin=0, zmax=max(1.0, float(np.nanmax(grid))),
                               showscale=False, hoverinfo="skip"))
    every = -(-n // 8)  # at most ~8 labels per axis, so that they never overlap
    shown = [j for j in range(n) if (j - n // 2) % every == 0]  # the middle tile (z = 0) always labelled
    ticks = [f"{round(v, 1) + 0.0:.1f}" for v in q]  # + 0.0: no "-0.0" at the middle tile
    fig.update_layout(
        template=figures.TEMPLATE, title=title, height=n * tile_px + 90,
        xaxis={"tickvals": [j * w + (w - 1) / 2 for j in shown], "ticktext": [ticks[j] for j in shown], "title": "z₁",
               "showgrid": False, "constrain": "domain"},
        yaxis={"tickvals": [i * h + (h - 1) / 2 for i in shown], "ticktext": [ticks[n - 1 - i] for i in shown],
               "title": "z₂", "autorange": "reversed", "scaleanchor": "x", "showgrid": False, "constrain": "domain"},
    )
    if latent > 2:
        fig.add_annotation(text=figures.merged_labels(LABELS, labels)["held"].format(k=latent), x=0, y=-0.08, xref="paper",
                           yref="paper", xanchor="left", yanchor="top", showarrow=False, font={"size": 13})
        fig.update_layout(margin={"b": 80})
    return fig


def mark_path(fig: go.Figure, paths: dict[str, np.ndarray] | None = None, ends: np.ndarray | None = None,
              labels: dict | None = None) -> go.Figure:
    """Draw interpolation paths (name → (steps, k)) and the picked codes (m ≤ 2, k) on a latent scatter, in place.

    Only the first two code dimensions are drawn, as in ``latent_scatter_figure``; the first path
    solid, the next ones dashed, none in the legend (the page's caption says which is which). The
    added traces carry no ``customdata``, so a click on them picks no test row.
    """
    lab = figures.merged_labels(LABELS, labels)
    for i, (name, path) in enumerate((paths or {}).items()):
        p = np.asarray(path)
        fig.add_trace(go.Scatter(x=p[:, 0], y=p[:, 1], mode="lines+markers", name=name, hoverinfo="skip", showlegend=False,
                                 line={"color": figures.TEXT, "width": 2.5, "dash": "solid" if i == 0 else "dash"},
                                 marker={"size": 5, "color": figures.TEXT}))
    if ends is not None and len(ends):
        e = np.asarray(ends)
        fig.add_trace(go.Scatter(x=e[:, 0], y=e[:, 1], mode="markers+text", name=lab["picked"], hoverinfo="skip",
                                 showlegend=False,
                                 text=["A", "B"][: len(e)], textposition="top center", textfont={"size": 18},
                                 marker={"size": 16, "symbol": "star", "color": "#FFD400",
                                         "line": {"color": figures.TEXT, "width": 1.5}}))
    return fig


def strips_figure(strips: dict[str, np.ndarray], image_shape: tuple[int, int], title: str | None = None,
                  zrange: tuple[float, float] | None = (0.0, 1.0), tile_px: int = 72) -> go.Figure:
    """Rows of decoded images, one per named strip (e.g. {"linear": …, "slerp": …}).

    ``zrange`` fixes black and white (default: 0 and 1, the range of image data); None scales
    to the images shown.
    """
    return figures.image_grid_figure(list(strips.values()), image_shape, row_titles=list(strips), title=title,
                                     zrange=zrange, tile_px=tile_px)
