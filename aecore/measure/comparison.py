"""Compare: one table of measures, taken the same way for every model in it.

Each variant reports its own numbers after training (``metrics.evaluate_model``), some of
them only for itself (sparsity for sparse codes, KL for the VAE). A comparison needs the
same measure for every column, so ``measure`` takes them all again, for any model, on the
same rows with the same randomness:

- test MSE on the same test rows (at most ``MAX_TEST_ROWS``);
- PSNR of the reconstruction of the same corrupted rows: Gaussian noise σ = 0.3 (in data
  units on [0, 1] data; 0.3 × the test set's standard deviation otherwise), one seeded draw,
  clipped to the data's range, the clean rows as the target;
- linear-probe accuracy (``metrics.linear_probe``, the same seed and rows);
- mean activation and dead units of the code (``metrics.sparsity_stats`` on |z|): their
  meaning depends on the code's units (linear, sigmoid, ReLU, a VAE's posterior mean), which
  the table names in its own row, so mean activation is descriptive and gets no "best";
- mean ‖J_f‖_F, the exact encoder Jacobian, on the same ``metrics.JACOBIAN_ROWS`` test rows;
- KL(q(z|x) ‖ p(z)) in nats, a VAE's only ("—" elsewhere);
- training time, from the run's ``metrics["train_seconds"]``.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from aecore.data.registry import Dataset
from aecore.measure.metrics import (
    JACOBIAN_ROWS,
    data_range,
    encode,
    jacobian_frobenius,
    linear_probe,
    mse,
    psnr,
    reconstruct,
    sparsity_stats,
    vae_stats,
)
from aecore.models.stacked import StackedAE
from aecore.models.vae import VAE

CORRUPTION_SIGMA = 0.3
MAX_TEST_ROWS = 10_000
SEED = 0


@dataclass(frozen=True)
class Measure:
    """One row of the table: its key and which direction is better (None: no best is marked)."""

    key: str
    better: str | None  # "lower", "higher" or None


MEASURES: tuple[Measure, ...] = (
    Measure("test_mse", "lower"),
    Measure("psnr_corrupted", "higher"),
    Measure("probe_accuracy", "higher"),
    Measure("code_units", None),
    Measure("mean_activation", None),
    Measure("dead_units", "lower"),
    Measure("jacobian_frobenius", "lower"),
    Measure("vae_kl", "lower"),
    Measure("train_seconds", "lower"),
)


def corrupted(x: np.ndarray, unit_range: bool, sigma: float = CORRUPTION_SIGMA, seed: int = SEED) -> np.ndarray:
    """x plus one seeded Gaussian draw (σ in data units on [0, 1] data, × the data's std otherwise), clipped."""
    x = np.asarray(x, np.float32)
    scale = sigma if unit_range else sigma * float(x.std())
    noisy = x + scale * np.random.default_rng(seed).standard_normal(x.shape).astype(np.float32)
    low, high = (0.0, 1.0) if unit_range else (float(x.min()), float(x.max()))
    return np.clip(noisy, low, high).astype(np.float32)


def code_units(model) -> str:
    """What a code unit is: "gaussian_mean" for a VAE (its posterior mean), else the code's activation."""
    if isinstance(model, VAE):
        return "gaussian_mean"
    if isinstance(model, StackedAE):
        return model.cfg.activation
    return model.cfg.code_activation


def measure(model, ds: Dataset, train_seconds: float | None = None, seed: int = SEED) -> dict:
    """Every measure of ``MEASURES`` for one trained model on ``ds`` (None where it does not apply)."""
    x = ds.x_test[:MAX_TEST_ROWS]
    rng = data_range(ds)
    out: dict = {"test_mse": mse(reconstruct(model, x), x)}
    out["psnr_corrupted"] = psnr(reconstruct(model, corrupted(x, ds.unit_range, seed=seed)), x, rng)
    z_test = encode(model, x)
    out["probe_accuracy"] = None
    if ds.y_train is not None and ds.n_classes > 1:
        out["probe_accuracy"] = linear_probe(encode(model, ds.x_train), ds.y_train, z_test, ds.y_test[:MAX_TEST_ROWS],
                                             seed)
    stats = sparsity_stats(z_test)
    out["code_units"] = code_units(model)
    out["mean_activation"], out["dead_units"] = stats["mean_activation"], stats["dead_units"]
    out["jacobian_frobenius"] = float(jacobian_frobenius(model, x[:JACOBIAN_ROWS]).mean())
    out["vae_kl"] = vae_stats(model, x, seed=seed)["test_kl"] if isinstance(model, VAE) else None
    out["train_seconds"] = None if train_seconds is None else float(train_seconds)
    return out


def _number(v) -> bool:
    return isinstance(v, int | float | np.integer | np.floating) and not isinstance(v, bool) and np.isfinite(v)


def best_columns(values: dict[str, object], better: str | None) -> set[str]:
    """The columns holding the best value of a row (ties share it); none when fewer than two numbers
    are comparable, when all are equal, or when the row has no direction."""
    nums = {k: float(v) for k, v in values.items() if _number(v)}
    if better is None or len(nums) < 2 or len(set(nums.values())) == 1:
        return set()
    if better not in ("lower", "higher"):
        raise ValueError(f"better must be 'lower', 'higher' or None; got {better!r}.")
    target = min(nums.values()) if better == "lower" else max(nums.values())
    return {k for k, v in nums.items() if v == target}


def table(measured: dict[str, dict]) -> list[tuple[Measure, dict[str, object], set[str]]]:
    """Rows of the comparison: (measure, value per column, best columns); rows with no value anywhere are left out."""
    rows = []
    for m in MEASURES:
        values = {name: d.get(m.key) for name, d in measured.items()}
        if all(v is None for v in values.values()):
            continue
        rows.append((m, values, best_columns(values, m.better)))
    return rows


def table_csv(measured: dict[str, dict], labels: dict[str, str] | None = None) -> str:
    """The table as CSV: one row per measure, one column per model, then "better" and "best"."""
    import pandas as pd

    labels = labels or {}
    out = []
    for m, values, best in table(measured):
        row = {"measure": m.key}
        row.update({labels.get(k, k): v for k, v in values.items()})
        row["better"] = m.better or ""
        row["best"] = "; ".join(labels.get(k, k) for k in values if k in best)
        out.append(row)
    buf = io.StringIO()
    pd.DataFrame(out).to_csv(buf, index=False, float_format="%.6g")
    return buf.getvalue()


def relative_curve(history: Sequence[dict]) -> tuple[list[float], list[float]]:
    """Epochs and the model's own validation objective divided by its value after the first epoch.

    The variants minimise different objectives (reconstruction plus a penalty; the VAE's
    −ELBO in nats), so their raw values cannot share an axis. The ratio shows how fast each one
    converges; which one reconstructs better is for the table. Falls back to the training
    objective when a run kept no validation rows; only the first training phase is used. Empty
    when the first value is not positive (a Gaussian VAE's −ELBO can be), where a ratio means nothing.
    """
    rows = [r for r in history if r.get("phase", "train") == (history[0].get("phase", "train") if history else "")]
    xs, ys = [], []
    for r in rows:
        v = r.get("val_loss") if r.get("val_loss") is not None else r.get("train_loss")
        if v is None or not np.isfinite(v):
            continue
        xs.append(float(r.get("epoch", len(xs) + 1)))
        ys.append(float(v))
    if not ys or ys[0] <= 0:
        return [], []
    return xs, [y / ys[0] for y in ys]
