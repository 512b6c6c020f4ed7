"""The numbers of the Learn page "Variational — a generative code" (figures: :mod:`aecore.plots.vae`).

The page (``pages/variational.py``) trains a ``VAE`` through the job queue and hands the
finished model, its ``Dataset`` and its epoch history to the functions here:

* ``likelihood_summary``, ``posterior_collapse`` — the test ELBO beside the
  importance-weighted log-likelihood, and which latent dimensions carry information;
* ``manifold_codes``, ``manifold_images`` — the decoder's images over the prior's quantiles
  (Kingma & Welling 2014, Fig. 4);
* ``interpolate``, ``interpolation_strip``, ``prior_pair``, ``prior_samples`` — walks
  between codes (linear or spherical, White 2016) and samples from the prior.

Units: ELBO terms in nats per example; codes in the prior's units (N(0, I)).
"""

from __future__ import annotations

import numpy as np
import torch
from scipy.stats import norm

from aecore.data.registry import Dataset
from aecore.measure.metrics import decode, encode, vae_stats
from aecore.models.vae import VAE

QUANTILES = (0.05, 0.95)  # the manifold grid spans these prior quantiles (±1.64 σ)
COLLAPSE_NATS = 0.01  # a latent dimension whose mean KL is below this carries (almost) nothing


def _check_vae(model) -> None:
    if not isinstance(model, VAE):
        raise TypeError(f"model must be a trained VAE (variant 'vae'); got {type(model).__name__}.")


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


def manifold_images(model: VAE, n: int = 15, image_shape: tuple[int, int] | None = None) -> np.ndarray:
    """Decoder means (n·n, H·W) over an n × n grid of prior quantiles, row-major (z₂ falling, z₁ rising).

    For a code wider than 2 only the first two dimensions vary; the others are held at 0 (see
    ``manifold_codes``), so the grid is one 2-D slice through the code space.
    """
    _check_vae(model)
    if image_shape is None or int(np.prod(image_shape)) != model.input_dim:
        raise ValueError(f"image_shape must give (H, W) with H·W = {model.input_dim} (the data are not "
                         f"images otherwise); got {image_shape}.")
    z = manifold_codes(n, model.cfg.latent)
    return decode(model, z.reshape(n * n, -1))


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


def default_pair(ds: Dataset) -> tuple[int, int]:
    """Two test rows to interpolate between at first: row 0 and the first row of another class."""
    if ds.n_test < 2:
        raise ValueError(f"interpolation needs two test rows; {ds.name!r} has {ds.n_test}.")
    if ds.y_test is not None:
        other = np.flatnonzero(ds.y_test != ds.y_test[0])
        if other.size:
            return 0, int(other[0])
    return 0, ds.n_test // 2
