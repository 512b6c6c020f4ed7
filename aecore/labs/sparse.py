"""The numbers of the Learn page "Sparse" (``pages/sparse.py``; figures: :mod:`aecore.plots.sparse`).

A sparse autoencoder (``aecore.models.sparse``) keeps each code unit's mean activation ρ̂ⱼ near a
target ρ. This module measures what that does while a job trains and after it:

* live: ρ̂ⱼ per unit, dead / always-on counts and the lifetime and population sparsity of
  ``metrics.sparsity_stats`` (``live_stats``, computed in the worker);
* the first-layer weights, one row per hidden unit (``first_layer_weights``), that the page
  draws as a mosaic (on ``patches`` they become oriented edge detectors; Olshausen & Field, 1996);
* the KL penalty against an L1 activity penalty at about the same mean activation.

The ρ and β sliders reach a running job through ``Job.request(rho=..., beta=...)``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

import numpy as np
import torch

from aecore.data.registry import Dataset
from aecore.measure.metrics import encode, linear_probe, mse, reconstruct, sparsity_stats
from aecore.models.base import Autoencoder, reconstruction_nll
from aecore.models.sparse import SparseAE, SparseConfig
from aecore.training.fit import FitResult, FitSpec

LIVE_ROWS = 1000  # test rows used for live statistics: enough for ρ̂ⱼ to ±0.01, fast enough to redraw


# ---- activations and their statistics ------------------------------------------------------
def hidden_activations(model: Autoencoder, ds: Dataset, max_rows: int | None = LIVE_ROWS) -> np.ndarray:
    """Code activations h = φ(x) of the first ``max_rows`` test rows (None = all), shape (N, H)."""
    if max_rows is not None and int(max_rows) < 1:
        raise ValueError(f"max_rows must be a positive integer or None; got {max_rows}.")
    x = ds.x_test if max_rows is None else ds.x_test[: int(max_rows)]
    return encode(model, x)


def sparsity_summary(model: Autoencoder, ds: Dataset, max_rows: int | None = LIVE_ROWS) -> dict:
    """``metrics.sparsity_stats`` of the test codes, with the model's current ρ when it has one.

    Returns:
        rho_hat (H,), mean_activation, dead_units, always_on_units, lifetime_sparsity,
        population_sparsity, n_units, and kl (Σⱼ KL(ρ‖ρ̂ⱼ), nats) and rho for a sparse model.
    """
    rho = getattr(model, "rho", None)
    h = hidden_activations(model, ds, max_rows)
    out = sparsity_stats(h, rho)
    out["n_units"] = int(h.shape[1])
    if rho is not None:
        out["rho"] = float(rho)
    return out


def live_stats(model: Autoencoder, x: np.ndarray) -> dict:
    """``metrics.sparsity_stats`` of the codes of rows x, read from a model that may be training.

    Unlike ``hidden_activations`` it leaves the model's train/eval mode alone (a worker thread
    is stepping it) and only reads the weights under ``torch.no_grad``: cheap enough for a live
    view on a few hundred rows. Includes ``rho`` and ``kl`` with the model's current ρ.
    """
    x = np.asarray(x, np.float32)
    if x.ndim != 2 or x.shape[1] != model.input_dim:
        raise ValueError(f"x must have shape (n, {model.input_dim}); got {x.shape}.")
    with torch.no_grad():
        h = model.encode(torch.tensor(x, device=next(model.parameters()).device)).float().cpu().numpy()
    rho = getattr(model, "rho", None)
    out = sparsity_stats(h, rho)
    out["n_units"] = int(h.shape[1])
    if rho is not None:
        out["rho"] = float(rho)
    return out


# ---- learned features ----------------------------------------------------------------------
def first_layer_weights(model: Autoencoder) -> np.ndarray:
    """The encoder's first-layer weights, one row per hidden unit, shape (H, D)."""
    return model.encoder.layers[0].weight.detach().cpu().numpy().astype(np.float32)


# ---- KL vs L1 at the same mean activation ----------------------------------------------------
def l1_beta_estimate(model: SparseAE, ds: Dataset, max_rows: int = 2000) -> float:
    """β for an L1 activity penalty that would hold the trained model where it is.

    At a stationary point, ∇_θ NLL = −β_L1 ∇_θ P with P = mean over examples of Σⱼ|hⱼ|. The
    least-squares solution over the encoder's parameters, β = −⟨∇NLL, ∇P⟩ / ‖∇P‖², is the
    shadow price of activity at the KL model's operating point (one forward/backward pass).
    It is a first guess, not a guarantee: L1 has no barrier at ρ̂ = 0 and can silence units
    instead, so ``l1_match_specs`` brackets it.

    Returns:
        A non-negative β (0 when the reconstruction does not pull activity up at all).
    """
    x = torch.tensor(np.asarray(ds.x_train[: int(max_rows)]), device=next(model.parameters()).device)
    params = [p for p in model.encoder.parameters() if p.requires_grad]
    was_training = model.training
    model.train()
    try:
        h = model.encode(x)  # (B, H)
        nll = reconstruction_nll(model.decode(h), x, model.cfg.loss)
        g_nll = torch.autograd.grad(nll, params, retain_graph=True)
        g_pen = torch.autograd.grad(h.abs().sum(1).mean(), params)
    finally:
        model.train(was_training)
    num = sum(float((a * b).sum()) for a, b in zip(g_nll, g_pen, strict=True))
    den = sum(float((b * b).sum()) for b in g_pen)
    return max(0.0, -num / den) if den > 0 else 0.0


def l1_match_specs(kl_spec: FitSpec, kl_mean_activation: float, beta0: float | None = None, n: int = 5,
                   factor: float = 3.0) -> list[FitSpec]:
    """A small calibration sweep of L1-penalty runs bracketing the KL run's mean activation.

    The KL run's ρ̂ sits where the reconstruction's pull on activity balances
    β·KL'(ρ̂) = β·((1 − ρ)/(1 − ρ̂) − ρ/ρ̂). With sigmoid codes the L1 penalty is
    β_L1·Σⱼ ρ̂ⱼ, whose slope is β_L1 — so β_L1 = β·KL'(ρ̂) balances the same pull at the same ρ̂.
    That guess is poor when ρ̂ ≈ ρ (the slope vanishes); ``l1_beta_estimate`` of the trained
    KL model is better and can be passed as ``beta0``. Either way the mean activation reached
    under L1 is not a smooth function of β, so the page trains ``n`` runs at β0·factor^i,
    i = −(n−1)/2 … (n−1)/2, and ``closest_run`` picks the one whose achieved mean activation is
    nearest; ``penalty_comparison`` reports what it achieved, not the target.

    Args:
        kl_spec: the KL run (its data, architecture and training budget are kept).
        kl_mean_activation: the KL run's mean test activation (``metrics["mean_activation"]``).
        beta0: centre of the sweep; default the slope-matching guess above.
        n: number of runs (1 = only β0).
        factor: ratio between neighbouring β values (> 1).
    Returns:
        ``n`` specs with penalty="l1", sorted by β.
    """
    m = kl_spec.model
    if not isinstance(m, SparseConfig) or m.penalty != "kl":
        raise ValueError("kl_spec must be a sparse autoencoder with penalty='kl'; "
                         f"got variant {m.variant!r}{' with penalty ' + repr(m.penalty) if isinstance(m, SparseConfig) else ''}.")
    if not 0 < kl_mean_activation < 1:
        raise ValueError(f"kl_mean_activation must lie strictly between 0 and 1 (sigmoid codes); "
                         f"got {kl_mean_activation}.")
    if not 1 <= int(n) <= 9:
        raise ValueError(f"n (calibration runs) must be between 1 and 9; got {n}.")
    if not factor > 1:
        raise ValueError(f"factor must be greater than 1; got {factor}.")
    if beta0 is None:
        r, rh = m.rho, float(kl_mean_activation)
        slope = (1 - r) / (1 - rh) - r / rh  # KL'(ρ̂), ≤ 0 when the run is at or below its target
        beta0 = m.beta * max(slope, 0.01)  # floor: a run sitting on ρ still needs some L1 pressure
    if not 0 < beta0 <= 1000:
        raise ValueError(f"beta0 must be in (0, 1000]; got {beta0}. A β of 0 is no penalty at all.")
    half = (int(n) - 1) / 2
    betas = [min(1000.0, float(beta0) * factor ** (i - half)) for i in range(int(n))]
    return [dataclasses.replace(kl_spec, model=dataclasses.replace(m, penalty="l1", beta=b)) for b in betas]


def _mean_activation(result: FitResult) -> float:
    if "mean_activation" in result.metrics:
        return float(result.metrics["mean_activation"])
    return float(np.abs(encode(result.model, result.dataset.x_test)).mean())


def closest_run(results: Sequence[FitResult], target: float) -> FitResult:
    """The finished run whose mean test activation is nearest to ``target`` (on a log scale)."""
    runs = [r for r in results if r is not None]
    if not runs:
        raise ValueError("results is empty: wait for the calibration runs of l1_match_specs to finish.")
    if not target > 0:
        raise ValueError(f"target (mean activation) must be positive; got {target}.")
    return min(runs, key=lambda r: abs(np.log(max(_mean_activation(r), 1e-12) / target)))


TABLE_KEYS = ("penalty", "beta", "mean_activation", "dead_units", "always_on_units", "lifetime_sparsity",
              "population_sparsity", "test_mse", "probe_accuracy")


def penalty_comparison(results: Mapping[str, FitResult], seed: int = 0) -> dict[str, list]:
    """A table comparing finished sparse runs (e.g. {"KL": kl_result, "L1": closest_run(...)}).

    Uses each run's evaluated metrics where present, else computes them from its model on the
    test set (``metrics.sparsity_stats``, ``metrics.mse``, ``metrics.linear_probe``).

    Returns:
        Columns, one list entry per run (``pandas.DataFrame(table)`` gives the table): run,
        penalty, beta, mean_activation, dead_units, always_on_units, lifetime_sparsity,
        population_sparsity, test_mse, probe_accuracy (None without labels).
    """
    if not results:
        raise ValueError("results is empty: pass the finished KL and L1 runs.")
    table: dict[str, list] = {"run": [], **{k: [] for k in TABLE_KEYS}}
    for name, r in results.items():
        m = dict(r.metrics)
        ds, model = r.dataset, r.model
        if "mean_activation" not in m:
            stats = sparsity_stats(encode(model, ds.x_test), getattr(model, "rho", None))
            m.update({k: v for k, v in stats.items() if k != "rho_hat"})
        if "test_mse" not in m:
            m["test_mse"] = mse(reconstruct(model, ds.x_test), ds.x_test)
        if "probe_accuracy" not in m and ds.y_train is not None and ds.n_classes > 1:
            m["probe_accuracy"] = linear_probe(encode(model, ds.x_train), ds.y_train, encode(model, ds.x_test),
                                               ds.y_test, seed)
        cfg = model.cfg
        m["penalty"] = getattr(cfg, "penalty", "none")
        m["beta"] = float(getattr(model, "beta", getattr(cfg, "beta", 0.0)))
        table["run"].append(name)
        for k in TABLE_KEYS:
            table[k].append(m.get(k))
    return table
