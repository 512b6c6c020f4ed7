"""The numbers of the Learn page "Denoising" (``pages/denoising.py``; figures: :mod:`aecore.plots.denoising`).

A denoising autoencoder (``aecore.models.denoising``; Vincent et al., 2008) is trained to map a
corrupted x̃ back to the clean x. This module computes:

* clean / corrupted / reconstructed test images for any noise type and level;
* PSNR against the noise level for the denoising AE, a plain AE of the same size and PCA
  with the same code size, all applied to the same corrupted test rows;
* on a 2-D toy, the field r(x) − x on a grid — for small Gaussian noise it approximates
  σ² ∇ log p(x), so it points back toward the data (Alain & Bengio, 2014) — and the paths
  of repeated denoising x ← r(x).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np
import torch

from aecore.data.registry import DataConfig, Dataset
from aecore.labs.basics import PCA_ROWS, pca_basis
from aecore.measure.metrics import data_range, psnr, reconstruct
from aecore.models.base import Autoencoder, ModelConfig
from aecore.models.denoising import NOISE_TYPES, DenoisingAE, DenoisingConfig, check_noise_level, corrupt
from aecore.training.fit import FitSpec
from aecore.training.trainer import TrainConfig

SWEEP_ROWS = 2000  # test rows scored per noise level (all of digits; a fair sample of MNIST)


SWEEP_LEVELS = (0.1, 0.2, 0.3, 0.4, 0.6, 0.8)  # σ or fraction corrupted: six levels from mild to severe
TOYS = ("moons", "circles", "spiral", "swissroll")


def _check_noise(noise: str, level: float) -> None:
    if noise not in NOISE_TYPES:
        raise ValueError(f"noise must be one of {', '.join(NOISE_TYPES)}; got {noise!r}.")
    check_noise_level(noise, level)


def _bounds(ds: Dataset) -> tuple[float, float]:
    """Pepper and salt values: the data's range (as ``metrics.evaluate_model`` uses)."""
    return (0.0, 1.0) if ds.unit_range else (float(ds.x_test.min()), float(ds.x_test.max()))


def corrupt_rows(x: np.ndarray, ds: Dataset, noise: str, level: float, seed: int = 0) -> np.ndarray:
    """x̃ ~ p(x̃|x) for rows x (N, D) with ``aecore.models.denoising.corrupt``, seeded, in the data's range."""
    _check_noise(noise, level)
    g = torch.Generator().manual_seed(int(seed))
    low, high = _bounds(ds)
    return corrupt(torch.tensor(np.asarray(x, np.float32)), noise, float(level), g, low, high).numpy()


# ---- the image grid ------------------------------------------------------------------------
def denoise_grid(model: Autoencoder, ds: Dataset, noise: str, level: float, n: int = 8,
                 seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Clean, corrupted and reconstructed test rows, each (n, D).

    The n rows are a seeded sample of the test set, so changing the noise keeps the images.
    Works for any model (a plain AE too) and any data (2-D toys give points).
    """
    if not 1 <= int(n) <= ds.n_test:
        raise ValueError(f"n must be between 1 and the {ds.n_test} test rows; got {n}.")
    rows = np.sort(np.random.default_rng(seed).permutation(ds.n_test)[: int(n)])
    clean = np.array(ds.x_test[rows])
    noisy = corrupt_rows(clean, ds, noise, level, seed)
    return clean, noisy, reconstruct(model, noisy)


# ---- PSNR against noise level ----------------------------------------------------------------
def sweep_specs(dae_spec: FitSpec) -> FitSpec:
    """The plain-AE control for ``psnr_sweep``: the DAE's data, architecture and training budget, no noise."""
    m = dae_spec.model
    if m.variant != "denoising":
        raise ValueError(f"dae_spec must be a denoising autoencoder; got variant {m.variant!r}.")
    base = {f.name: getattr(m, f.name) for f in dataclasses.fields(ModelConfig) if f.init}
    return dataclasses.replace(dae_spec, model=ModelConfig(**base))


def psnr_sweep(dae: Autoencoder, plain_ae: Autoencoder | None, ds: Dataset, noise: str,
               levels: Sequence[float], seed: int = 0, max_rows: int = SWEEP_ROWS) -> dict:
    """PSNR (dB) of the corrupted input and of three denoisers at each noise level, on test rows.

    Every method sees the same corrupted rows at a level. PCA keeps as many components as the
    DAE's code (fitted on the clean training rows) and reconstructs the corrupted input.

    Args:
        dae: the denoising autoencoder.
        plain_ae: a plain AE of the same size (``sweep_specs``), or None to leave it out.
        noise: corruption type; levels: σ or probabilities (≥ 1 value, any order).
        max_rows: test rows scored (the first ones).
    Returns:
        levels (L,), noisy (L,), dae (L,), plain (L,) or None, pca (L,), k (PCA components),
        noise, and trained_level (the DAE's own level when it was trained on this noise type).
    """
    levels = np.asarray(levels, np.float64)
    if levels.ndim != 1 or not len(levels):
        raise ValueError(f"levels must be a non-empty list of noise levels; got {levels}.")
    for lv in levels:
        _check_noise(noise, lv)
    x = np.array(ds.x_test[: int(max_rows)])
    rng = data_range(ds)
    k = dae.cfg.latent
    mean, vt, _ = pca_basis(ds, PCA_ROWS)  # fitted on clean training rows, cached
    v = vt[:k]  # (k, D)
    out = {"noisy": [], "dae": [], "plain": [], "pca": []}
    for i, lv in enumerate(levels):
        noisy = corrupt_rows(x, ds, noise, float(lv), seed + i)
        out["noisy"].append(psnr(noisy, x, rng))
        out["dae"].append(psnr(reconstruct(dae, noisy), x, rng))
        if plain_ae is not None:
            out["plain"].append(psnr(reconstruct(plain_ae, noisy), x, rng))
        out["pca"].append(psnr((noisy - mean) @ v.T @ v + mean, x, rng))
    trained = float(dae.noise_level) if isinstance(dae, DenoisingAE) and dae.cfg.noise == noise else None
    return {"levels": levels, **{key: np.asarray(val) if val else None for key, val in out.items()},
            "k": int(k), "noise": noise, "trained_level": trained}


# ---- 2-D toys: the denoising field -----------------------------------------------------------
def toy_spec(name: str = "moons", noise_level: float = 0.3, seed: int = 0) -> FitSpec:
    """A small Gaussian DAE for a 2-D toy: 2-64-8-64-2 tanh, 30 epochs (about a second on one core).

    The code (8) is wider than the input (2): with noise the net cannot copy, so r(x) − x learns
    to point back toward the data; a wide tanh layer keeps the field smooth between the points.
    """
    if name not in TOYS:
        raise ValueError(f"name must be a 2-D toy ({', '.join(TOYS)}); got {name!r}.")
    check_noise_level("gaussian", noise_level)
    return FitSpec(DataConfig(name), DenoisingConfig(latent=8, hidden=(64,), activation="tanh", noise="gaussian",
                                                     noise_level=float(noise_level)),
                   TrainConfig(epochs=30, lr=3e-3, seed=int(seed)))


def _check_2d(ds: Dataset) -> None:
    if ds.dim != 2:
        raise ValueError(f"the denoising field needs 2-D data (moons, circles, spiral, swissroll); "
                         f"{ds.name!r} has {ds.dim} features.")


def _r(model: Autoencoder, x: np.ndarray) -> np.ndarray:
    return reconstruct(model, np.asarray(x, np.float32)).astype(np.float64)


def vector_field(model: Autoencoder, ds: Dataset, grid: int = 20,
                 margin: float = 0.5) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The field r(x) − x on a regular grid over the training data's box, widened by ``margin``.

    Args:
        grid: points per axis (2–100).
        margin: widening of the box on every side, in data units (toys are standardized).
    Returns:
        X, Y: grid coordinates (grid, grid); U, V: components of r(x) − x there.
    """
    _check_2d(ds)
    if not 2 <= int(grid) <= 100:
        raise ValueError(f"grid must be between 2 and 100 points per axis; got {grid}.")
    if margin < 0:
        raise ValueError(f"margin must be non-negative; got {margin}.")
    lo, hi = ds.x_train.min(0) - margin, ds.x_train.max(0) + margin
    xs, ys = np.linspace(lo[0], hi[0], int(grid)), np.linspace(lo[1], hi[1], int(grid))
    gx, gy = np.meshgrid(xs, ys)
    p = np.stack([gx.ravel(), gy.ravel()], 1)
    d = _r(model, p) - p
    return gx, gy, d[:, 0].reshape(gx.shape), d[:, 1].reshape(gx.shape)


def path_starts(ds: Dataset, n: int = 12, margin: float = 0.5, seed: int = 0) -> np.ndarray:
    """n seeded random points, uniform over the same box as ``vector_field``, shape (n, 2)."""
    _check_2d(ds)
    if int(n) < 1:
        raise ValueError(f"n (starting points) must be a positive integer; got {n}.")
    lo, hi = ds.x_train.min(0) - margin, ds.x_train.max(0) + margin
    return np.random.default_rng(seed).uniform(lo, hi, size=(int(n), 2)).astype(np.float32)


def denoising_paths(model: Autoencoder, starts: np.ndarray, steps: int = 10) -> np.ndarray:
    """Repeated denoising x ← r(x) from each start, shape (n, steps + 1, 2); index 0 is the start."""
    x = np.asarray(starts, np.float32)
    if x.ndim != 2 or x.shape[1] != model.input_dim:
        raise ValueError(f"starts must have shape (n, {model.input_dim}); got {x.shape}.")
    if not 1 <= int(steps) <= 1000:
        raise ValueError(f"steps must be between 1 and 1000; got {steps}.")
    out = [x]
    for _ in range(int(steps)):
        out.append(reconstruct(model, out[-1]))
    return np.stack(out, 1)


def field_alignment(X: np.ndarray, Y: np.ndarray, U: np.ndarray, V: np.ndarray, data: np.ndarray,
                    min_distance: float = 0.3) -> dict:
    """How well r(x) − x points toward the data at grid points off the data.

    For every grid point farther than ``min_distance`` from its nearest data point n(x), the
    cosine between r(x) − x and n(x) − x.

    Returns:
        mean_cosine (NaN when no point qualifies), fraction_toward (share with cosine > 0),
        n_points (grid points used).
    """
    from scipy.spatial import cKDTree

    p = np.stack([np.ravel(X), np.ravel(Y)], 1)
    f = np.stack([np.ravel(U), np.ravel(V)], 1)
    dist, idx = cKDTree(np.asarray(data, np.float64)).query(p)
    keep = (dist > min_distance) & (np.linalg.norm(f, axis=1) > 0)
    to_data = np.asarray(data, np.float64)[idx[keep]] - p[keep]
    cos = np.sum(f[keep] * to_data, 1) / (np.linalg.norm(f[keep], axis=1) * np.linalg.norm(to_data, axis=1))
    return {"mean_cosine": float(cos.mean()) if cos.size else float("nan"),
            "fraction_toward": float((cos > 0).mean()) if cos.size else float("nan"), "n_points": int(keep.sum())}
