"""Numbers of the Basics page's overcomplete section: what keeps a code wider than its input from copying?

A code wider than the input (k > D) can hold the input unchanged, so nothing in the loss forces the
network to learn anything about the data. Three runs of one overcomplete network differ only in how
that copy is held back: **plain** (nothing), **early stopping** (stop when the validation error stops
falling) and **weight decay** (L2 on the weight matrices). Measured for each, on the same rows:

* the train/test gap: reconstruction error (MSE per element) on the rows it trained on against the
  test rows. Few training rows (``Recipe.rows``) make the gap visible; with all of digits' 1,437 rows
  and 25 epochs the three runs end identical (what the page showed before this recipe);
* how close the map x ↦ x̂ is to the identity, off the data: ``noise_gain``, the fraction of a small
  random nudge ε of a test image that comes out of the network, ‖f(x + ε) − f(x)‖ / ‖ε‖. The identity
  passes all of it (1); a map onto the data's manifold passes only the part along the manifold;
* a linear probe: a logistic regression on the codes of the labelled training rows against the same
  probe on the raw pixels (``metrics.linear_probe``): a code that only re-encodes its input classifies
  no better than the pixels;
* the weights' sizes ‖W_enc‖_F and ‖W_dec‖_F. With a linear code, scaling the encoder by a and the
  decoder by 1/a leaves x̂ unchanged, so the loss alone does not fix how the size is split between
  them; L2 does: it is smallest when the two norms are equal, and it shrinks both.

Figures: ``aecore.plots.overcomplete``. The page trains the runs as jobs (``specs``) and measures
the finished models here (``measure``); ``bench/overcomplete.py`` prints the same numbers for several seeds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from aecore.data.registry import DataConfig, Dataset
from aecore.measure.metrics import encode, linear_probe, mse, reconstruct
from aecore.models.base import Autoencoder, ModelConfig
from aecore.training.fit import FitSpec
from aecore.training.trainer import TrainConfig, split_validation

RUNS = ("plain", "early stopping", "weight decay")  # the three runs, in the order the page shows them
NUDGE_ROWS = 500  # test rows nudged by ``noise_gain``


@dataclass(frozen=True)
class Recipe:
    """One overcomplete network and the three ways of training it.

    Chosen by experiment on digits (``bench/overcomplete.py``): 200 training rows, a linear code
    4× the input, Adam at 10⁻² for 200 epochs — the plain run's test error ends ~2× its train error
    and it passes more than all of a small nudge (gain > 1); early stopping and weight decay each
    lower the test error and the gain.
    """

    rows: int = 200  # training rows (``DataConfig.limit``), 20 % of them held out for validation
    width: int = 4  # code size = width × input size
    code_activation: str = "linear"  # a linear code can hold the input exactly: the copy is within reach
    epochs: int = 200
    lr: float = 1e-2
    batch_size: int = 32
    val_fraction: float = 0.2
    patience: int = 10  # epochs without validation gain before the early-stopped run halts
    weight_decay: float = 1e-4  # λ of the weight-decay run: ½ λ ‖W‖² per weight matrix
    nudge: float = 0.1  # σ of the random nudge of ``noise_gain``, in pixel units

    def __post_init__(self):
        if int(self.rows) < 20:
            raise ValueError(f"rows must be at least 20 (20 % of them are held out); got {self.rows}.")
        if int(self.width) < 2:
            raise ValueError(f"width must be at least 2 (a code wider than the input); got {self.width}.")
        if not 0 < self.weight_decay <= 10:
            raise ValueError(f"weight_decay must be in (0, 10]; got {self.weight_decay}.")
        if int(self.patience) < 1:
            raise ValueError(f"patience must be a positive number of epochs; got {self.patience}.")
        if not 0 < self.nudge <= 1:
            raise ValueError(f"nudge must be in (0, 1] (pixel units); got {self.nudge}.")


PAGE_RECIPE = Recipe()  # what the Basics page trains (read at each use, so a test may swap in a shorter one)


def specs(data_name: str, dim: int, recipe: Recipe = Recipe(), seed: int = 0) -> dict[str, FitSpec]:
    """The three runs of ``recipe`` on ``data_name`` (input size ``dim``), keyed by ``RUNS``.

    They share data (the same ``recipe.rows`` training rows), network (code ``width × dim``, no hidden
    layer) and seed; only patience and weight decay differ. ``seed`` seeds the rows and the weights.
    """
    if int(dim) < 1:
        raise ValueError(f"dim (input size) must be a positive integer; got {dim}.")
    data = DataConfig(name=data_name, limit=int(recipe.rows), seed=int(seed))
    model = ModelConfig(latent=int(recipe.width) * int(dim), hidden=(), code_activation=recipe.code_activation)
    train = TrainConfig(epochs=recipe.epochs, lr=recipe.lr, batch_size=recipe.batch_size, seed=int(seed),
                        val_fraction=recipe.val_fraction)
    return {
        "plain": FitSpec(data, model, train),
        "early stopping": FitSpec(data, model, dataclasses.replace(train, patience=int(recipe.patience))),
        "weight decay": FitSpec(data, model, dataclasses.replace(train, weight_decay=float(recipe.weight_decay))),
    }


def weight_norms(model: Autoencoder) -> tuple[float, float]:
    """(‖W_enc‖_F, ‖W_dec‖_F): Frobenius norms of all the encoder's and all the decoder's weight matrices (biases not counted)."""
    def norm(mlp) -> float:
        return float(np.sqrt(sum(float(layer.weight.detach().double().pow(2).sum()) for layer in mlp.layers)))
    return norm(model.encoder), norm(model.decoder)


def noise_gain(model: Autoencoder, x: np.ndarray, sigma: float = 0.1, seed: int = 0) -> float:
    """How much of a small random nudge passes through the network: ‖f(x + ε) − f(x)‖ / ‖ε‖ over the rows x (N, D).

    ε ~ N(0, σ² I), one seeded draw per row, not clipped (the nudge may leave [0, 1]: it is meant to
    go off the data). 1 for the identity map; about 0 for a map that ignores directions off the data.
    """
    x = np.asarray(x, np.float32)
    eps = (float(sigma) * np.random.default_rng(seed).standard_normal(x.shape)).astype(np.float32)
    return float(np.linalg.norm(reconstruct(model, x + eps) - reconstruct(model, x)) / np.linalg.norm(eps))


def nudged_examples(models: Mapping[str, Autoencoder], x: np.ndarray, sigma: float = 0.1,
                    seed: int = 0) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The nudges ``noise_gain`` gives the rows x (n, D), and what of them comes out of each model.

    Returns:
        ε (n, D); {name: f(x + ε) − f(x) (n, D)} in the order of ``models`` (ε itself for a copy).
    """
    x = np.asarray(x, np.float32)
    eps = (float(sigma) * np.random.default_rng(seed).standard_normal(x.shape)).astype(np.float32)
    return eps, {name: reconstruct(m, x + eps) - reconstruct(m, x) for name, m in models.items()}


def trained_rows(ds: Dataset, train: TrainConfig) -> np.ndarray:
    """Indices of the training rows the trainer fitted (the validation rows left out), as ``Trainer`` splits them."""
    tr, _ = split_validation(len(ds.x_train), train.val_fraction, train.seed) if train.val_fraction > 0 else (None, None)
    return np.arange(len(ds.x_train)) if tr is None else tr


def pixel_probe(ds: Dataset, seed: int = 0) -> float | None:
    """``metrics.linear_probe`` on the raw pixels of every (limited) training row; None without labels."""
    if ds.y_train is None or ds.n_classes < 2:
        return None
    return linear_probe(ds.x_train, ds.y_train, ds.x_test, ds.y_test, seed)


def measure(model: Autoencoder, ds: Dataset, train: TrainConfig, epochs: float, sigma: float = 0.1) -> dict:
    """Every number of one run.

    Args:
        model: the trained overcomplete network; ds: its data set (limited rows); train: its
            ``TrainConfig`` (for the validation split); epochs: epochs it ran (early stopping may end it sooner).
    Returns:
        train_mse (rows fitted), test_mse, gap = test − train, ratio = test / train, noise_gain,
        enc_norm, dec_norm, probe (codes; None without labels), code_dim, epochs, planned.
    """
    rows = trained_rows(ds, train)
    x_fit = ds.x_train[rows]
    train_mse, test_mse = mse(reconstruct(model, x_fit), x_fit), mse(reconstruct(model, ds.x_test), ds.x_test)
    enc, dec = weight_norms(model)
    probe = None
    if ds.y_train is not None and ds.n_classes > 1:
        probe = linear_probe(encode(model, ds.x_train), ds.y_train, encode(model, ds.x_test), ds.y_test, train.seed)
    return {"train_mse": train_mse, "test_mse": test_mse, "gap": test_mse - train_mse,
            "ratio": test_mse / max(train_mse, 1e-12),
            "noise_gain": noise_gain(model, ds.x_test[:NUDGE_ROWS], sigma, train.seed),
            "enc_norm": enc, "dec_norm": dec, "probe": probe, "code_dim": int(model.cfg.latent),
            "epochs": float(epochs), "planned": int(train.epochs)}


def summary(measured: Mapping[str, Mapping], pixels: float | None) -> dict:
    """What the three runs show, as numbers a sentence can quote (keys of ``RUNS`` in ``measured``).

    Returns:
        ratio_plain (test/train MSE of the plain run), gain_plain, and per regularized run r in
        ("early stopping", "weight decay"): test_change[r] (relative change of test MSE against plain,
        −0.2 = 20 % lower), gain[r], norms[r] = (enc, dec); best_test: the run with the lowest test
        MSE; probe_best, probe_gain_over_pixels (best code probe − pixel probe, None without labels);
        stopped_at: epochs the early-stopped run trained.
    """
    missing = [r for r in RUNS if r not in measured]
    if missing:
        raise ValueError(f"summary needs all three runs; missing {missing}.")
    plain = measured["plain"]
    regular = ("early stopping", "weight decay")
    probes = [m["probe"] for m in measured.values() if m.get("probe") is not None]
    out = {
        "ratio_plain": plain["ratio"], "gain_plain": plain["noise_gain"],
        "test_change": {r: measured[r]["test_mse"] / plain["test_mse"] - 1 for r in regular},
        "gain": {r: measured[r]["noise_gain"] for r in RUNS},
        "norms": {r: (measured[r]["enc_norm"], measured[r]["dec_norm"]) for r in RUNS},
        "best_test": min(RUNS, key=lambda r: measured[r]["test_mse"]),
        "stopped_at": measured["early stopping"]["epochs"],
        "probe_best": max(probes) if probes else None,
        "probe_gain_over_pixels": (max(probes) - pixels) if probes and pixels is not None else None,
    }
    return out
