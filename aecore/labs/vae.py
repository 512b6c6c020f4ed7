"""Computations and figures of the Learn page "Variational — a generative code".

The page (``pages/variational.py``) trains a ``VAE`` through the job queue and hands the
finished model, its ``Dataset`` and its epoch history to the functions here:

* ``elbo_curve_figure`` — −ELBO during training, split into reconstruction and KL;
* ``likelihood_summary``, ``posterior_collapse``, ``kl_per_dim_figure`` — the test ELBO beside
  the importance-weighted log-likelihood, and which latent dimensions carry information;
* ``latent_scatter_figure``, ``manifold_grid``/``manifold_figure`` — the 2-D code and the
  images the decoder draws over the prior's quantiles (Kingma & Welling 2014, Fig. 4);
* ``interpolate``, ``interpolation_strip``, ``prior_pair``, ``prior_samples`` — walks
  between codes (linear or spherical, White 2016) and samples from the prior.

Units: ELBO terms in nats per example; codes in the prior's units (N(0, I)).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
import torch
from scipy.stats import norm

from aecore.data.registry import Dataset
from aecore.measure.metrics import decode, encode, vae_stats
from aecore.models.vae import VAE
from aecore.plots import common as figures

QUANTILES = (0.05, 0.95)  # the manifold grid spans these prior quantiles (±1.64 σ)
COLLAPSE_NATS = 0.01  # a latent dimension whose mean KL is below this carries (almost) nothing
ACTIVE, COLLAPSED = "#E45756", "#B8C0CC"
# Text the figures show, in English; a page passes its translations as ``labels`` (same keys).
LABELS = {
    "recon": "reconstruction −log p(x|z)", "kl": "KL(q(z|x) ‖ p(z))", "neg_elbo": "−ELBO", "epoch": "epoch",
    "nats": "nats per example", "threshold": "collapse threshold", "dim": "latent dimension", "kl_y": "KL (nats)",
    "test": "test", "others": "of {k}; the others not shown", "held": "z₃ … z{k} held at 0 (the prior's mean)",
    "picked": "picked",
}


def _labels(labels: dict | None) -> dict:
    return {**LABELS, **(labels or {})}


def _check_vae(model) -> None:
    if not isinstance(model, VAE):
        raise TypeError(f"model must be a trained VAE (variant 'vae'); got {type(model).__name__}.")


# ---- ELBO and collapse ---------------------------------------------------------------------
def elbo_curve_figure(epoch_rows: Sequence[dict], title: str | None = None, labels: dict | None = None,
                      height: int = 360) -> go.Figure:
    """−ELBO per epoch as stacked areas: reconstruction NLL below, KL on top (nats per example).

    Args:
        epoch_rows: history rows of a VAE fit; rows without ``train_neg_elbo`` are skipped.
    Raises:
        ValueError: no row carries ``train_recon``, ``train_kl`` and ``train_neg_elbo``.
    """
    lab = _labels(labels)
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


def posterior_collapse(kl_per_dim: np.ndarray, threshold: float = COLLAPSE_NATS) -> dict:
    """Split latent dimensions into active and collapsed by their mean KL.

    A dimension whose posterior equals the prior for every x has KL 0: the decoder ignores it
    ("posterior collapse", Bowman et al. 2016). Note ``metrics.vae_stats`` also reports
    ``active_units`` by Burda et al.'s variance test, which usually agrees.

    Args:
        kl_per_dim: mean KL per latent dimension (k,), nats (``vae_stats(...)["kl_per_dim"]``).
        threshold: nats below which a dimension counts as collapsed.
    Returns:
        dict with ``active`` and ``collapsed`` (lists of 0-based dimension indices) and a one-line
        ``message`` for the page.
    """
    kl = np.asarray(kl_per_dim, np.float64).ravel()
    if kl.size == 0 or not np.all(np.isfinite(kl)):
        raise ValueError(f"kl_per_dim must be a non-empty array of finite values; got {kl_per_dim!r}.")
    if not threshold > 0:
        raise ValueError(f"threshold must be a positive number of nats, e.g. 0.01; got {threshold}.")
    active = [int(i) for i in np.flatnonzero(kl > threshold)]
    collapsed = [int(i) for i in np.flatnonzero(kl <= threshold)]
    k = kl.size
    if not collapsed:
        msg = f"All {k} latent dimensions carry information (KL > {threshold:g} nats each)."
    elif not active:
        msg = (f"All {k} latent dimensions collapsed to the prior (KL ≤ {threshold:g} nats): the decoder "
               "ignores the code. Train longer, use KL warm-up, or lower β.")
    else:
        msg = (f"{len(collapsed)} of {k} latent dimensions collapsed to the prior (KL ≤ {threshold:g} nats): "
               f"the code effectively uses {len(active)}.")
    return {"active": active, "collapsed": collapsed, "message": msg}


def kl_per_dim_figure(kl_per_dim: np.ndarray, threshold: float = COLLAPSE_NATS, title: str | None = None,
                      labels: dict | None = None, height: int = 320) -> go.Figure:
    """Bars of mean KL per latent dimension (nats, log axis), collapsed ones greyed, threshold dashed."""
    lab = _labels(labels)
    kl = np.asarray(kl_per_dim, np.float64).ravel()
    split = posterior_collapse(kl, threshold)
    colours = [ACTIVE if i in split["active"] else COLLAPSED for i in range(kl.size)]
    fig = go.Figure(go.Bar(x=[f"z{i + 1}" for i in range(kl.size)], y=np.maximum(kl, 1e-6), marker_color=colours,
                           hovertemplate="%{x}: %{y:.3g} nats<extra></extra>"))
    fig.add_hline(y=threshold, line={"dash": "dash", "color": "#5B6472"})
    # On a log axis an annotation's y is log10 of the value (add_hline's own annotation would sit at 10^0.01).
    fig.add_annotation(x=0, xref="paper", y=float(np.log10(threshold)), text=f"{lab['threshold']} {threshold:g}",
                       showarrow=False, xanchor="left", yanchor="bottom", font={"size": 13, "color": "#5B6472"})
    fig.update_layout(template=figures.TEMPLATE, title=title, height=height, xaxis_title=lab["dim"],
                      yaxis_title=lab["kl_y"], showlegend=False,
                      yaxis={"type": "log", "dtick": 1, "minor": {"dtick": "D1", "ticks": "outside", "showgrid": True}})
    return fig


def likelihood_summary(model: VAE, ds: Dataset, k: int = 100, n_rows: int = 500, seed: int = 0) -> dict:
    """Test −ELBO beside the importance-weighted estimate of −log p(x) (Burda et al. 2016).

    Args:
        model: trained VAE.
        ds: its data set; the first ``n_rows`` test rows are used.
        k: importance samples per example (k = 1 gives the ELBO again; larger is tighter).
        n_rows: test rows to average over.
    Returns:
        dict with ``neg_elbo``, ``iw_nll`` (both nats per example; iw_nll ≤ neg_elbo up to sampling
        noise), ``gap`` (their difference), ``recon``, ``kl``, ``kl_per_dim`` (latent,),
        ``active_units``, ``k`` and ``n_rows``.
    """
    _check_vae(model)
    if not 1 <= int(k) <= 5000:
        raise ValueError(f"k (importance samples) must be between 1 and 5000; got {k}.")
    if not 1 <= int(n_rows):
        raise ValueError(f"n_rows must be a positive number of test rows; got {n_rows}.")
    x = ds.x_test[: int(n_rows)]
    s = vae_stats(model, x, iw_samples=int(k), seed=seed, max_iw_rows=len(x))
    return {"neg_elbo": s["test_neg_elbo"], "iw_nll": s["test_iw_nll"], "gap": s["test_neg_elbo"] - s["test_iw_nll"],
            "recon": s["test_recon_nll"], "kl": s["test_kl"], "kl_per_dim": s["kl_per_dim"],
            "active_units": s["active_units"], "k": int(k), "n_rows": len(x)}


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
    lab = _labels(labels)
    fig = figures.latent_scatter_figure(z[:, :2], y, class_names, title=title, height=height)
    idx = np.arange(len(z))
    groups = [idx] if y is None else [idx[np.asarray(y) == c] for c in np.unique(y)]
    for trace, rows in zip(fig.data, groups, strict=True):
        trace.customdata = rows
        trace.hovertemplate = lab["test"] + " #%{customdata}<br>z₁=%{x:.2f}, z₂=%{y:.2f}<extra>%{fullData.name}</extra>"
    if z.shape[1] > 2:
        fig.update_layout(xaxis_title=f"z₁ ({lab['others'].format(k=z.shape[1])})", yaxis_title="z₂")
    return fig


def manifold_codes(n: int, latent: int) -> np.ndarray:
    """Codes of the manifold grid, (n, n, latent): tile (i, j) sits at (Φ⁻¹(qⱼ), Φ⁻¹(q_{n−1−i}), 0, …).

    q = linspace(0.05, 0.95, n) are quantiles of the prior N(0, 1), so tiles are equally likely
    under the prior rather than equally spaced; z₂ grows upwards (row 0 is the top).
    Dimensions beyond the first two stay at 0, the prior's mean.
    """
    if not 2 <= int(n) <= 40:
        raise ValueError(f"n (tiles per side) must be between 2 and 40; got {n}.")
    if int(latent) < 2:
        raise ValueError(f"the manifold grid needs a code of at least 2 dimensions; this VAE has {latent}.")
    q = norm.ppf(np.linspace(*QUANTILES, int(n)))
    z = np.zeros((n, n, latent))
    z[:, :, 0] = q[None, :]
    z[:, :, 1] = q[::-1, None]
    return z


def mosaic(images: np.ndarray, image_shape: tuple[int, int], cols: int, pad: int = 0,
           fill: float = np.nan) -> np.ndarray:
    """Tile flat images (n, H·W) row-major into one 2-D array of ceil(n/cols) × cols tiles."""
    h, w = image_shape
    images = np.asarray(images, np.float32).reshape(-1, h, w)
    rows = -(-len(images) // cols)
    out = np.full((rows * (h + pad) - pad, cols * (w + pad) - pad), fill, np.float32)
    for i, img in enumerate(images):
        r, c = divmod(i, cols)
        out[r * (h + pad):r * (h + pad) + h, c * (w + pad):c * (w + pad) + w] = img
    return out


def manifold_grid(model: VAE, n: int = 15, image_shape: tuple[int, int] | None = None) -> np.ndarray:
    """Decoder means over an n × n grid of prior quantiles, tiled into one image (n·H, n·W).

    For a code wider than 2 only the first two dimensions vary; the others are held at 0 (see
    ``manifold_codes``), so the grid is one 2-D slice through the code space.
    """
    _check_vae(model)
    if image_shape is None or int(np.prod(image_shape)) != model.input_dim:
        raise ValueError(f"image_shape must give (H, W) with H·W = {model.input_dim} (the data are not "
                         f"images otherwise); got {image_shape}.")
    z = manifold_codes(n, model.cfg.latent)
    x = decode(model, z.reshape(n * n, -1))
    return mosaic(x, image_shape, n)


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
        fig.add_annotation(text=_labels(labels)["held"].format(k=latent), x=0, y=-0.08, xref="paper",
                           yref="paper", xanchor="left", yanchor="top", showarrow=False, font={"size": 13})
        fig.update_layout(margin={"b": 80})
    return fig


# ---- interpolation and sampling ------------------------------------------------------------
def interpolate(z0: np.ndarray, z1: np.ndarray, steps: int = 9, method: str = "linear") -> np.ndarray:
    """Codes on a path from z0 to z1, endpoints included, (steps, k).

    ``linear``: (1 − t) z0 + t z1. ``slerp`` (Shoemake 1985; White 2016 for generative models):
    sin((1 − t)Ω)/sin Ω · z0 + sin(tΩ)/sin Ω · z1 with Ω the angle between z0 and z1. It keeps the
    norm when ‖z0‖ = ‖z1‖ — a Gaussian prior puts almost all its mass near a sphere of radius √k,
    which a straight line cuts through. As Ω → 0 slerp tends to the straight line, which is
    used below an angle of 1e-4 rad (and when an endpoint is 0); opposite codes have no
    unique great circle and raise.
    """
    z0, z1 = np.asarray(z0, np.float64).ravel(), np.asarray(z1, np.float64).ravel()
    if z0.shape != z1.shape:
        raise ValueError(f"z0 and z1 must have the same length; got {z0.size} and {z1.size}.")
    if not 2 <= int(steps) <= 200:
        raise ValueError(f"steps must be between 2 and 200 (endpoints included); got {steps}.")
    if method not in ("linear", "slerp"):
        raise ValueError(f"method must be 'linear' or 'slerp'; got {method!r}.")
    t = np.linspace(0.0, 1.0, int(steps))[:, None]
    a, b = 1 - t, t
    n0, n1 = np.linalg.norm(z0), np.linalg.norm(z1)
    if method == "slerp" and n0 > 0 and n1 > 0:
        cos = np.clip(z0 @ z1 / (n0 * n1), -1.0, 1.0)
        omega = np.arccos(cos)
        if np.pi - omega < 1e-4:
            raise ValueError("z0 and z1 point in opposite directions, so no unique great circle joins them; "
                             "use method='linear' or other endpoints.")
        if omega > 1e-4:
            a, b = np.sin(a * omega) / np.sin(omega), np.sin(b * omega) / np.sin(omega)
    path = a * z0 + b * z1
    path[0], path[-1] = z0, z1  # exact endpoints
    return path


def code_strip(model: VAE, z0: np.ndarray, z1: np.ndarray, steps: int = 9, method: str = "linear") -> np.ndarray:
    """Decoder means along ``interpolate(z0, z1, steps, method)``, (steps, D)."""
    _check_vae(model)
    return decode(model, interpolate(z0, z1, steps, method))


def interpolation_strip(model: VAE, x0: np.ndarray, x1: np.ndarray, steps: int = 9,
                        method: str = "linear") -> np.ndarray:
    """Images decoded between the posterior means of x0 and x1 (two inputs (D,)), (steps, D)."""
    _check_vae(model)
    mu = encode(model, np.stack([np.asarray(x0, np.float32).ravel(), np.asarray(x1, np.float32).ravel()]))
    return code_strip(model, mu[0], mu[1], steps, method)


def prior_pair(model: VAE, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two codes (k,) each drawn from the prior N(0, I), seeded."""
    _check_vae(model)
    z = np.random.default_rng(seed).standard_normal((2, model.cfg.latent))
    return z[0], z[1]


def prior_samples(model: VAE, n: int = 32, seed: int = 0) -> np.ndarray:
    """Decoder means of n codes drawn from the prior, (n, D) (``VAE.sample``, seeded)."""
    _check_vae(model)
    if not 1 <= int(n) <= 1000:
        raise ValueError(f"n (samples) must be between 1 and 1000; got {n}.")
    model.eval()
    g = torch.Generator(device=next(model.parameters()).device).manual_seed(int(seed))
    return model.sample(int(n), generator=g).float().cpu().numpy()


def mark_path(fig: go.Figure, paths: dict[str, np.ndarray] | None = None, ends: np.ndarray | None = None,
              labels: dict | None = None) -> go.Figure:
    """Draw interpolation paths (name → (steps, k)) and the picked codes (m ≤ 2, k) on a latent scatter, in place.

    Only the first two code dimensions are drawn, as in ``latent_scatter_figure``; the first path
    solid, the next ones dashed, none in the legend (the page's caption says which is which). The
    added traces carry no ``customdata``, so a click on them picks no test row.
    """
    lab = _labels(labels)
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


def default_pair(ds: Dataset) -> tuple[int, int]:
    """Two test rows to interpolate between at first: row 0 and the first row of another class."""
    if ds.n_test < 2:
        raise ValueError(f"interpolation needs two test rows; {ds.name!r} has {ds.n_test}.")
    if ds.y_test is not None:
        other = np.flatnonzero(ds.y_test != ds.y_test[0])
        if other.size:
            return 0, int(other[0])
    return 0, ds.n_test // 2


def strips_figure(strips: dict[str, np.ndarray], image_shape: tuple[int, int], title: str | None = None,
                  zrange: tuple[float, float] | None = (0.0, 1.0), tile_px: int = 72) -> go.Figure:
    """Rows of decoded images, one per named strip (e.g. {"linear": …, "slerp": …}).

    ``zrange`` fixes black and white (default: 0 and 1, the range of image data); None scales
    to the images shown.
    """
    return figures.image_grid_figure(list(strips.values()), image_shape, row_titles=list(strips), title=title,
                                     zrange=zrange, tile_px=tile_px)
