"""The numbers of the Learn page "Contractive — resisting small perturbations" (figures: :mod:`aecore.plots.contractive`).

The page (``pages/contractive.py``) submits ``trio_specs(cae_spec)`` — a contractive AE beside
a plain and a denoising AE of the same size and budget — and passes the finished models
(a dict name → model) to the functions here:

* ``jacobian_norms`` — ‖J_f(x)‖_F per test example, the
  quantity the CAE penalizes (Rifai et al. 2011, eq. 2);
* ``singular_spectra`` and ``singular_directions`` — the
  Jacobian's spectrum at a point: a few large singular values whose right singular vectors
  follow the data manifold, the rest contracted (Rifai et al. 2011, §5.3);
* ``robustness_curve`` — how far the code moves for a random input
  perturbation of a given size;
* ``circle_images`` — on a 2-D toy, small circles through the
  reconstruction r(x): stretched along the data, squashed across it.

All Jacobians are exact (``metrics.jacobian_frobenius`` / ``metrics.jacobian_svd``, built on
``MLP.jacobian``); distances are Euclidean, in the data's and the code's own units.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np

from aecore.data.registry import Dataset
from aecore.measure.metrics import encode, jacobian_frobenius, jacobian_svd, reconstruct
from aecore.models.base import Autoencoder, ModelConfig
from aecore.models.contractive import ContractiveConfig
from aecore.models.denoising import DenoisingConfig
from aecore.training.fit import FitSpec

TRIO = ("ae", "denoising", "contractive")  # keys of trio_specs, in display order


def _rows(ds: Dataset, n: int) -> np.ndarray:
    if not 1 <= int(n):
        raise ValueError(f"n (test rows) must be a positive integer; got {n}.")
    return ds.x_test[: int(n)]


# ---- the three models ----------------------------------------------------------------------
def trio_specs(cae_spec: FitSpec, noise: str = "gaussian", noise_level: float = 0.3) -> dict[str, FitSpec]:
    """The CAE run and two controls of the same size: a plain AE and a denoising AE.

    All three share data, architecture (widths, activations, code nonlinearity, output, loss),
    training budget and seed, so differences come from the objective alone.

    Args:
        cae_spec: the contractive run the user configured (model a ``ContractiveConfig``).
        noise, noise_level: the denoising AE's corruption (see ``DenoisingConfig``).
    Returns:
        {"ae": …, "denoising": …, "contractive": cae_spec}, keys being variant names.
    """
    if not isinstance(cae_spec, FitSpec) or not isinstance(cae_spec.model, ContractiveConfig):
        raise ValueError("cae_spec must be a FitSpec whose model is a ContractiveConfig; got "
                         f"{type(getattr(cae_spec, 'model', cae_spec)).__name__}.")
    shape = {f.name: getattr(cae_spec.model, f.name) for f in dataclasses.fields(ModelConfig) if f.init}
    return {
        "ae": dataclasses.replace(cae_spec, model=ModelConfig(**shape)),
        "denoising": dataclasses.replace(cae_spec, model=DenoisingConfig(**shape, noise=noise, noise_level=noise_level)),
        "contractive": cae_spec,
    }


# ---- ‖J‖_F ---------------------------------------------------------------------------------
def jacobian_norms(models: dict[str, Autoencoder], ds: Dataset, n: int = 500) -> dict[str, np.ndarray]:
    """‖J_f(x)‖_F (code units per input unit) at the first n test rows, per model: name → (N,)."""
    x = _rows(ds, n)
    return {name: jacobian_frobenius(m, x) for name, m in models.items()}


# ---- the spectrum at a point ---------------------------------------------------------------
def singular_spectra(models: dict[str, Autoencoder], ds: Dataset, rows: Sequence[int]) -> dict[str, np.ndarray]:
    """Singular values of J_f at the chosen test rows, per model: name → (len(rows), min(k, D)), descending."""
    idx = np.asarray(rows, int).ravel()
    if idx.size == 0 or idx.min() < 0 or idx.max() >= ds.n_test:
        raise ValueError(f"rows must be test-row indices in [0, {ds.n_test - 1}]; got {list(idx)}.")
    return {name: jacobian_svd(m, ds.x_test[idx])[0] for name, m in models.items()}


def singular_directions(model: Autoencoder, x_point: np.ndarray, top: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """Singular values of J_f(x) and its top right singular vectors, in input space.

    The right singular vector vᵢ is the input direction the code is most sensitive to after
    v₁…vᵢ₋₁: J vᵢ = sᵢ uᵢ. Their sign is arbitrary.

    Args:
        x_point: one input (D,).
        top: how many directions to return, at most min(k, D).
    Returns:
        s (min(k, D),) descending and directions (top, D), unit norm.
    """
    x = np.asarray(x_point, np.float32).reshape(1, -1)
    if x.shape[1] != model.input_dim:
        raise ValueError(f"x_point must have {model.input_dim} values (one input); got {x.shape[1]}.")
    s, vh = jacobian_svd(model, x)
    if not 1 <= int(top) <= vh.shape[1]:
        raise ValueError(f"top must be between 1 and {vh.shape[1]} (= min(code size, input size)); got {top}.")
    return s[0], vh[0, : int(top)]


# ---- robustness ----------------------------------------------------------------------------
def data_spread(ds: Dataset) -> float:
    """Root-mean-square distance of the test rows from their mean (input units): the data's own scale."""
    x = np.asarray(ds.x_test, np.float64)
    return float(np.sqrt(((x - x.mean(0)) ** 2).sum(1).mean()))


def perturbation_sizes(ds: Dataset, n: int = 11, fraction: float = 0.25) -> np.ndarray:
    """n perturbation sizes ‖ε‖ from 0 to ``fraction`` of the data's spread (``data_spread``), (n,).

    Small against the data, so the curves compare how each code reacts near the data, whatever
    the data's units (digits in [0, 1], standardized 2-D toys).
    """
    if not 2 <= int(n) <= 100 or not 0 < fraction <= 1:
        raise ValueError(f"n must be 2–100 and fraction in (0, 1]; got n={n}, fraction={fraction}.")
    return np.linspace(0.0, fraction * data_spread(ds), int(n))


def robustness_curve(models: dict[str, Autoencoder], ds: Dataset, eps_norms: Sequence[float] = tuple(np.linspace(0, 1, 11)),
                     n: int = 200, seed: int = 0) -> dict:
    """Mean code change ‖f(x + ε) − f(x)‖ against ‖ε‖ for random perturbation directions.

    Each of the first n test rows gets one direction u, uniform on the unit sphere and shared by
    every model and every size, and ε = ‖ε‖·u (not clipped to the data's range). For small ‖ε‖
    the change is ≈ ‖J_f(x) u‖·‖ε‖, whose root mean square over u is ‖J_f(x)‖_F/√D: returned as
    ``slope`` (the mean over x), the small-ε prediction.

    Returns:
        dict with ``eps`` (E,), and per model name: ``mean`` and ``std`` (E,) over test rows,
        ``slope`` (float).
    """
    eps = np.asarray(eps_norms, np.float64).ravel()
    if eps.size == 0 or eps.size > 100 or not np.all(np.isfinite(eps)) or eps.min() < 0:
        raise ValueError(f"eps_norms must be 1 to 100 finite values ≥ 0 (perturbation sizes); got {list(eps)}.")
    x = _rows(ds, n)
    u = np.random.default_rng(seed).standard_normal(x.shape)
    u /= np.linalg.norm(u, axis=1, keepdims=True)
    out: dict = {"eps": eps, "mean": {}, "std": {}, "slope": {}}
    for name, m in models.items():
        z0 = encode(m, x)
        dz = np.stack([np.linalg.norm(encode(m, (x + e * u).astype(np.float32)) - z0, axis=1) for e in eps], 1)
        out["mean"][name], out["std"][name] = dz.mean(0), dz.std(0)
        out["slope"][name] = float(jacobian_frobenius(m, x).mean() / np.sqrt(x.shape[1]))
    return out


# ---- circles on a 2-D toy ------------------------------------------------------------------
def circle_centers(ds: Dataset, m: int = 12) -> np.ndarray:
    """m test points spread over the data (greedy farthest-point picks from the first test row), (m, 2)."""
    x = np.asarray(ds.x_test, np.float64)
    if x.ndim != 2 or x.shape[1] != 2:
        raise ValueError(f"circle_centers needs 2-D data; {ds.name!r} has {x.shape[1]} dimensions.")
    if not 1 <= int(m) <= len(x):
        raise ValueError(f"m must be between 1 and {len(x)} (the test rows); got {m}.")
    picked, dist = [0], np.linalg.norm(x - x[0], axis=1)
    for _ in range(int(m) - 1):
        picked.append(int(dist.argmax()))
        dist = np.minimum(dist, np.linalg.norm(x - x[picked[-1]], axis=1))
    return x[picked]


def circle_images(model: Autoencoder, centers: np.ndarray, radius: float, n_points: int = 64
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Small circles around 2-D points and their images under the reconstruction r(x) = g(f(x)).

    To first order r maps a circle of radius ρ around c to an ellipse centred at r(c) with
    semi-axes ρ·sᵢ(J_r(c)): long along the directions r keeps, short across those it squashes.

    Args:
        model: an autoencoder on 2-D inputs.
        centers: (m, 2) circle centres, e.g. a few test points.
        radius: circle radius ρ, in input units.
        n_points: points per circle.
    Returns:
        circles (m, n_points, 2) and mapped = r(circles) (m, n_points, 2).
    """
    c = np.asarray(centers, np.float64)
    if model.input_dim != 2 or c.ndim != 2 or c.shape[1] != 2:
        raise ValueError(f"circle_images needs a model on 2-D data and centers of shape (m, 2); got input width "
                         f"{model.input_dim} and centers of shape {c.shape}. Pick a 2-D toy data set (e.g. moons).")
    if not radius > 0:
        raise ValueError(f"radius must be positive (input units); got {radius}.")
    if not 3 <= int(n_points) <= 10000:
        raise ValueError(f"n_points must be between 3 and 10000; got {n_points}.")
    t = np.linspace(0, 2 * np.pi, int(n_points), endpoint=False)
    circles = c[:, None, :] + radius * np.stack([np.cos(t), np.sin(t)], 1)[None]  # (m, n, 2)
    mapped = reconstruct(model, circles.reshape(-1, 2).astype(np.float32)).reshape(circles.shape)
    return circles, mapped
