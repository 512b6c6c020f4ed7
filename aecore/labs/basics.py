"""The numbers of the Learn page "Basics & PCA" (``pages/basics.py``; figures: :mod:`aecore.plots.basics`).

What a plain autoencoder learns:

* reconstructions of test images beside their per-pixel squared error;
* a *linear* autoencoder against PCA: the PCA test error for every code size k with the
  trained model as one point on that curve, the principal angles between the decoder's
  column space and the top-k principal subspace, and the decoder's basis before and after
  rotating it onto the principal components (Baldi & Hornik, 1989: the optimum spans the
  PCA subspace but its basis is any invertible mix of the PCs);
* (overcomplete codes have their own module, :mod:`aecore.labs.overcomplete`);
* MSE vs BCE as Gaussian vs Bernoulli negative log-likelihoods of one pixel.

Every number comes from ``aecore.measure.metrics``; this module only arranges it.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np

from aecore.data.registry import Dataset
from aecore.measure.metrics import (
    decoder_matrix,
    pca_fit,
    pca_mse_curve,
)
from aecore.models.base import Autoencoder

PCA_ROWS = 5000  # training rows PCA is fitted on for large sets (MNIST): the top PCs barely move, the SVD is 12× faster


# ---- helpers -------------------------------------------------------------------------------
def pca_rows(ds: Dataset, max_rows: int = PCA_ROWS, seed: int = 0) -> np.ndarray:
    """Training rows PCA is fitted on: all of them, or a seeded sample of ``max_rows``."""
    if int(max_rows) < 2:
        raise ValueError(f"max_rows must be at least 2; got {max_rows}.")
    if ds.n_train <= max_rows:
        return ds.x_train
    return ds.x_train[np.sort(np.random.default_rng(seed).permutation(ds.n_train)[:max_rows])]


@functools.lru_cache(maxsize=4)
def pca_basis(ds: Dataset, max_rows: int = PCA_ROWS) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``metrics.pca_fit`` of ``pca_rows(ds, max_rows)``, cached per data set (read-only arrays).

    Returns:
        mean (D,), principal directions as rows (D, D), explained variances (D,).
    """
    out = pca_fit(pca_rows(ds, max_rows))
    for a in out:
        a.flags.writeable = False
    return out


@functools.lru_cache(maxsize=4)
def pca_curve(ds: Dataset, max_rows: int = PCA_ROWS) -> np.ndarray:
    """``metrics.pca_mse_curve``: test MSE per element of PCA for k = 1..D (index k − 1), cached per data set."""
    curve = pca_mse_curve(pca_rows(ds, max_rows), ds.x_test)
    curve.flags.writeable = False
    return curve


def check_linear(model: Autoencoder) -> None:
    if model.cfg.activation != "linear":
        raise ValueError(
            f"this comparison needs a linear autoencoder (activation='linear'); got activation="
            f"{model.cfg.activation!r}. Only a linear network's decoder is one matrix whose columns span a subspace."
        )


def aligned_basis(model: Autoencoder, ds: Dataset, max_rows: int = PCA_ROWS) -> dict:
    """The linear decoder's basis, the same subspace rotated onto the PCs, and the PCs themselves.

    The decoder matrix W (D, k) spans (at best) the top-k principal subspace, but its columns
    are an arbitrary mix of the PCs. Take an orthonormal basis Q of its column space (left
    singular vectors of W) and the orthogonal Procrustes rotation R = argmin ‖Q R − V‖_F onto
    the top-k PCs V (D, k): R = A Bᵀ from the SVD Qᵀ V = A Σ Bᵀ (Schönemann, 1966). Each
    rotated vector's sign is then set to agree with its PC.

    Returns:
        decoder_cols (k, D): columns of W as rows, as learned (arbitrary scale and mix);
        rotated (k, D): unit vectors Q R, matched to the PCs in order;
        pcs (k, D): top-k principal directions of the training rows;
        cosines (k,): |cos| between each rotated vector and its PC (1 = identical);
        explained_variance (k,): variance of the training data along each PC.
    """
    check_linear(model)
    w = decoder_matrix(model)  # (D, k)
    k = w.shape[1]
    _, vt, var = pca_basis(ds, max_rows)
    v = vt[:k].T  # (D, k)
    q = np.linalg.svd(w, full_matrices=False)[0]  # (D, k) orthonormal basis of col(W)
    a, _, bt = np.linalg.svd(q.T @ v)
    rotated = (q @ a @ bt).T  # (k, D)
    signs = np.sign(np.sum(rotated * v.T, axis=1))
    rotated *= np.where(signs == 0, 1.0, signs)[:, None]
    cosines = np.abs(np.sum(rotated * v.T, axis=1)) / np.linalg.norm(rotated, axis=1)
    return {"decoder_cols": w.T.astype(np.float32), "rotated": rotated.astype(np.float32),
            "pcs": v.T.astype(np.float32), "cosines": cosines, "explained_variance": var[:k]}


# ---- MSE vs BCE ----------------------------------------------------------------------------
def likelihood_curves(targets: Sequence[float] = (0.1, 0.5, 0.9), n_points: int = 199) -> dict:
    """−log p(x | x̂) of one pixel for x̂ on a grid in (0, 1), under both likelihoods.

    Gaussian (unit variance, what MSE trains): ½ (x − x̂)², the constant ½ log 2π dropped.
    Bernoulli (what BCE trains): −x log x̂ − (1 − x) log(1 − x̂); for a grey target x it is
    smallest at x̂ = x, where it equals the entropy of x, not 0.

    Returns:
        x_hat (n_points,), targets (T,), gaussian (T, n_points), bernoulli (T, n_points), in nats.
    """
    t = np.asarray(targets, np.float64)
    if t.ndim != 1 or not len(t) or np.any((t < 0) | (t > 1)):
        raise ValueError(f"targets must be pixel values in [0, 1]; got {targets}.")
    if int(n_points) < 3:
        raise ValueError(f"n_points must be at least 3; got {n_points}.")
    x_hat = np.linspace(0.0, 1.0, int(n_points) + 2)[1:-1]
    x = t[:, None]
    gaussian = 0.5 * (x - x_hat) ** 2
    bernoulli = -(x * np.log(x_hat) + (1 - x) * np.log1p(-x_hat))
    return {"x_hat": x_hat, "targets": t, "gaussian": gaussian, "bernoulli": bernoulli}
