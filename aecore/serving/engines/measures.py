"""Live measurements: what a page may ask of a model while it trains, computed on the worker.

A page never reads a training model (it may live in another process or on another machine).
It asks its job for a measurement by name (``Job.measure(name, every_s=..., **params)``); the
worker runs it between two optimizer steps, on the model it is stepping, and the value arrives
in the job's snapshot (``JobSnapshot.measures[name]``). A value is plain data: numbers, strings,
numpy arrays, lists and dicts with string keys (it travels as ``payload.pack``).

Each measurement is ``fn(model, dataset, **params) -> dict``; ``model`` is the fit's model (for
a stacked fit the deep ``StackedAE``, whose finished layers are loaded one by one).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from aecore.data.registry import Dataset
from aecore.models.base import Autoencoder


def sparsity(model: Autoencoder, ds: Dataset, rows: int = 500) -> dict:
    """ρ̂ⱼ and the sparsity statistics of the codes of the first ``rows`` test rows (``sparse_lab.live_stats``)."""
    from aecore.labs.sparse import live_stats

    return live_stats(model, ds.x_test[: int(rows)])


def stacked_layers(model: Autoencoder, ds: Dataset, upto: int = 1, units: int = 12) -> dict:
    """Pictures of layers 1..``upto`` of a stacked model (``stacked_lab.layer_pictures``), from the
    encoder pretraining left once supervised training has begun.

    Returns ``{"layers": [{"layer": l, "units": (n,), "weights": (n, D), "top": (n, D)}, ...]}``.
    """
    from aecore.labs.stacked import layer_pictures
    from aecore.models.stacked import StackedAE

    if not isinstance(model, StackedAE):
        raise ValueError(f"stacked.layers needs a stacked model; this job trains a {type(model).__name__}.")
    upto = int(upto)
    if not 1 <= upto <= len(model.cfg.sizes):
        raise ValueError(f"upto must be between 1 and {len(model.cfg.sizes)} (the stack's layers); got {upto}.")
    source = model.pretrained_view() or model
    out = []
    for layer in range(1, upto + 1):
        pics = layer_pictures(source, ds, layer, int(units))
        out.append({"layer": layer, **{k: np.asarray(v) for k, v in pics.items()}})
    return {"layers": out}


MEASURES: dict[str, Callable[..., dict]] = {"sparsity": sparsity, "stacked.layers": stacked_layers}


def check_name(name: str) -> None:
    if name not in MEASURES:
        raise ValueError(f"unknown live measurement {name!r}; known: {', '.join(sorted(MEASURES))}.")


def measure(name: str, model: Autoencoder, ds: Dataset, params: dict) -> dict:
    """Run measurement ``name``; a ValueError becomes ``{"error": message}`` (the job goes on)."""
    check_name(name)
    try:
        return MEASURES[name](model, ds, **params)
    except (ValueError, TypeError) as e:
        return {"error": str(e)}
