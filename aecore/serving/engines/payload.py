"""What crosses an engine boundary: specs and results as plain dicts, nested data as JSON + arrays.

A job's spec goes to a worker as ``spec_to_dict`` (config dicts) and its result comes back as
``result_to_dict``: the trained model's state dict as numpy arrays, the train result and the
metrics as plain values. The parent rebuilds the model from the spec (``result_from_dict``)
and loads the data set itself (``load_dataset`` caches it), so no model or data set object is
ever pickled. ``pack``/``unpack`` turn such nested dicts into one JSON-able header plus a list
of arrays, the form ``aecore/serving/wire.py`` sends between processes.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import torch

from aecore.data.registry import DataConfig, load_dataset
from aecore.models.registry import build_model, config_from_dict
from aecore.training.fit import FitResult, FitSpec
from aecore.training.trainer import TrainConfig, TrainResult

ARRAY = "$array"  # key of the placeholder that stands for arrays[i] in a packed header


def spec_to_dict(spec: FitSpec) -> dict:
    return spec.to_dict()


def spec_from_dict(d: dict) -> FitSpec:
    """Rebuild a ``FitSpec`` from ``spec_to_dict`` (also after a JSON round trip: lists become tuples)."""
    def section(cls, values: dict):
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in values.items()})

    return FitSpec(section(DataConfig, d["data"]), config_from_dict(d["model"]), section(TrainConfig, d["train"]))


def state_to_arrays(state: dict[str, torch.Tensor]) -> dict[str, np.ndarray]:
    return {k: v.detach().cpu().numpy().copy() for k, v in state.items()}


def result_to_dict(result: FitResult) -> dict:
    """The parts of a finished fit a parent needs to rebuild it: weights, train result, metrics."""
    model = result.model
    pre = getattr(model, "pretrained_encoder", None)
    return {"state": state_to_arrays(model.state_dict()),
            "pretrained": None if pre is None else state_to_arrays(pre),
            "train": dataclasses.asdict(result.train), "metrics": dict(result.metrics),
            # live settings changed while it trained (ρ, β, …) are attributes, not part of the state dict
            "hparams": {k: float(getattr(model, k)) for k in model.live_hparams if hasattr(model, k)}}


def result_from_dict(spec: FitSpec, d: dict) -> FitResult:
    """The ``FitResult`` of ``result_to_dict``: the model built from ``spec`` (seeded) with the sent weights."""
    ds = load_dataset(spec.data)
    model = build_model(spec.model, ds.dim, ds.unit_range, spec.train.seed, ds.n_classes)
    model.load_state_dict({k: torch.tensor(np.array(v)) for k, v in d["state"].items()})
    if d.get("pretrained") is not None:  # stacked: the encoder as pretraining left it (not in the state dict)
        model.pretrained_encoder = {k: torch.tensor(np.array(v)) for k, v in d["pretrained"].items()}
    if d.get("hparams"):
        model.set_hparams(**d["hparams"])
    model.eval()
    t = d["train"]
    train = TrainResult(t["status"], int(t["steps"]), float(t["epochs"]), float(t["train_seconds"]),
                        t.get("message", ""), list(t.get("history", [])))
    return FitResult(spec, model, ds, train, dict(d["metrics"]))


def pack(obj) -> tuple[object, list[np.ndarray]]:
    """(JSON-able header, arrays) of nested dicts/lists of numbers, strings, None and numpy arrays.

    Dict keys must be strings. Each array becomes ``{"$array": i}``; numpy scalars become numbers.
    """
    arrays: list[np.ndarray] = []

    def walk(x):
        if isinstance(x, np.ndarray):
            arrays.append(x)
            return {ARRAY: len(arrays) - 1}
        if isinstance(x, torch.Tensor):
            arrays.append(x.detach().cpu().numpy())
            return {ARRAY: len(arrays) - 1}
        if isinstance(x, dict):
            if not all(isinstance(k, str) for k in x):
                raise TypeError(f"pack: dict keys must be strings; got {sorted(map(repr, x))[:3]}.")
            return {k: walk(v) for k, v in x.items()}
        if isinstance(x, list | tuple):
            return [walk(v) for v in x]
        if isinstance(x, np.generic):
            return x.item()
        if x is None or isinstance(x, bool | int | float | str):  # JSON with allow_nan keeps inf and nan
            return x
        raise TypeError(f"pack: cannot send a {type(x).__name__}; send numbers, strings, arrays, lists or dicts.")

    return walk(obj), arrays


def unpack(header, arrays: list[np.ndarray]):
    """The inverse of ``pack``."""
    def walk(x):
        if isinstance(x, dict):
            if len(x) == 1 and ARRAY in x:
                return arrays[int(x[ARRAY])]
            return {k: walk(v) for k, v in x.items()}
        if isinstance(x, list):
            return [walk(v) for v in x]
        return x

    return walk(header)
