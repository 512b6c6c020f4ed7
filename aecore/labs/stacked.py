"""The numbers of the Learn page "Stacked — greedy pretraining, then fine-tuning" (figures: :mod:`aecore.plots.stacked`).

The page (``pages/stacked.py``) trains one ``StackedAE`` through the job queue (``Fit`` runs
greedy layer-wise pretraining, a softmax on the frozen codes, fine-tuning, and the same
network from random weights for comparison) and passes the result to the functions here:

* ``layer_features``, ``top_activating_images`` — what a unit of
  layer l responds to, seen in input space two ways (Erhan et al. 2009, "Visualizing
  higher-layer features of a deep network");
* ``receptive_spread``, ``local_units`` — how far over the image a unit's input-space weights
  reach (px), and a layer's most local units (the ones its pictures show);
* ``confusion_matrix`` — what pretraining buys;
* ``SHAPES_PRESET`` / ``shapes_preset_spec`` — the run on ``shapes`` whose layers go from edges
  to pieces of contour to whole outlines (the page's preset, ``bench/stacked_shapes.py``).

Layers are numbered from 1 (the first hidden layer) as in the history's ``phase`` column.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import torch

from aecore.data.registry import DataConfig, Dataset
from aecore.measure.metrics import apply
from aecore.models.stacked import StackedAE, StackedConfig
from aecore.training.fit import FitSpec
from aecore.training.trainer import TrainConfig

# Three sparse layers trained with full-batch L-BFGS (160 iterations each), as in the UFLDL
# exercise. With minibatch Adam, layer 1 of the same stack learns whole-outline templates at once;
# with L-BFGS it learns local strokes and edges, and the hierarchy appears (bench/stacked_shapes.py).
SHAPES_PRESET = {"data": "shapes", "limit": 3000, "epochs": 8, "finetune_epochs": 3, "lr": 1.0,
                 "weight_decay": 1e-3, "rho": 0.05, "beta": 3.0, "optimizer": "lbfgs",
                 "sizes": (128, 64, 16), "kinds": ("sparse", "sparse", "sparse")}


def shapes_preset_spec(seed: int = 0, optimizer: str = "lbfgs") -> FitSpec:
    """``SHAPES_PRESET`` as a FitSpec (``optimizer="adam"``: the same stack with minibatch Adam, lr 0.01)."""
    p = SHAPES_PRESET
    model = StackedConfig(hidden=p["sizes"][:-1], latent=p["sizes"][-1], pretrain=p["kinds"], rho=p["rho"],
                          beta=p["beta"], finetune_epochs=p["finetune_epochs"])
    train = TrainConfig(epochs=p["epochs"], lr=p["lr"] if optimizer == "lbfgs" else 0.01, optimizer=optimizer,
                        weight_decay=p["weight_decay"], seed=seed)
    return FitSpec(DataConfig(p["data"], limit=p["limit"], seed=seed), model, train)


def receptive_spread(weights: np.ndarray, image_shape: tuple[int, int]) -> np.ndarray:
    """How far each unit's input-space weights reach: the RMS distance (px) of the weight energy w²
    from its centre, per row of ``weights`` (n, H·W). A local edge detector: 2–4 px; a template
    of a whole 28×28 outline: 7 px and more."""
    h, w = image_shape
    e = np.asarray(weights, np.float64).reshape(-1, h, w) ** 2
    e /= np.maximum(e.sum((1, 2), keepdims=True), 1e-300)
    yy, xx = np.mgrid[0:h, 0:w]
    cy, cx = (e * yy).sum((1, 2)), (e * xx).sum((1, 2))
    d2 = (yy[None] - cy[:, None, None]) ** 2 + (xx[None] - cx[:, None, None]) ** 2
    return np.sqrt((e * d2).sum((1, 2)))


def phase_layer(phase: str) -> int | None:
    """The 1-based layer of a pretraining phase name ("layer 2" → 2), None for other phases."""
    p = str(phase)
    return int(p[6:]) if p.startswith("layer ") and p[6:].isdigit() else None


def _check_stacked(model) -> None:
    if not isinstance(model, StackedAE):
        raise TypeError(f"model must be a trained StackedAE (variant 'stacked'); got {type(model).__name__}.")


def _check_layer(model: StackedAE, layer: int) -> None:
    n = len(model.encoder.layers)
    if not 1 <= int(layer) <= n:
        raise ValueError(f"layer must be between 1 and {n} (this encoder has {n} layers); got {layer}.")


# ---- what each layer has learned -----------------------------------------------------------
def unit_activations(model: StackedAE, ds: Dataset, layer: int) -> np.ndarray:
    """Activations h_l of every test image at encoder layer ``layer`` (1-based), (N_test, width_l)."""
    _check_stacked(model)
    _check_layer(model, layer)
    model.eval()
    return apply(lambda x: model.layer_codes(x, int(layer)), ds.x_test, next(model.parameters()).device)


def pick_units(model: StackedAE, ds: Dataset, layer: int, n_units: int = 16) -> np.ndarray:
    """The n_units units of ``layer`` whose test activations vary most (most informative first), (n_units,)."""
    h = unit_activations(model, ds, layer)
    if not 1 <= int(n_units) <= h.shape[1]:
        raise ValueError(f"n_units must be between 1 and {h.shape[1]} (the width of layer {layer}); got {n_units}.")
    return np.argsort(-h.var(0), kind="stable")[: int(n_units)]


def top_activating_images(model: StackedAE, ds: Dataset, layer: int, units: Sequence[int], k: int = 9) -> np.ndarray:
    """For each unit, the mean of the k test images that activate it most, (len(units), D).

    A data-driven view: it shows what the unit responds to among real inputs, including the
    effect of every nonlinearity below it (Erhan et al. 2009, §3).
    """
    h = unit_activations(model, ds, layer)
    units = np.asarray(units, int).ravel()
    if units.size == 0 or units.min() < 0 or units.max() >= h.shape[1]:
        raise ValueError(f"units must be indices in [0, {h.shape[1] - 1}] of layer {layer}; got {list(units)}.")
    if not 1 <= int(k) <= len(h):
        raise ValueError(f"k must be between 1 and {len(h)} (the test rows); got {k}.")
    top = np.argsort(-h[:, units], axis=0, kind="stable")[: int(k)].T  # (units, k) test-row indices
    return ds.x_test[top].mean(1)


def layer_features(model: StackedAE, ds: Dataset, layer: int, n_units: int = 16,
                   units: Sequence[int] | None = None) -> np.ndarray:
    """Units of ``layer`` shown in input space as the rows of W_l ⋯ W_2 W_1, (n_units, D).

    Choice: a linear projection through the layers below, ignoring the nonlinearities and
    biases (as Lee et al. 2008 drew their second-layer bases as weighted sums of first-layer
    ones). It is gradient-free and needs no data, so it shows what the weights prefer, while
    ``top_activating_images`` shows what real inputs excite the unit; with sigmoid units
    working near their linear range the two agree. For layer 1 these are the filters W_1.

    Args:
        units: which units (0-based); default ``pick_units(model, ds, layer, n_units)``.
    """
    _check_stacked(model)
    _check_layer(model, layer)
    units = pick_units(model, ds, layer, n_units) if units is None else np.asarray(units, int).ravel()
    with torch.no_grad():
        w = model.encoder.layers[int(layer) - 1].weight[torch.as_tensor(units)]
        for below in reversed(model.encoder.layers[: int(layer) - 1]):
            w = w @ below.weight
    return w.double().cpu().numpy()


def local_units(model: StackedAE, ds: Dataset, layer: int, n_units: int = 12) -> tuple[np.ndarray, np.ndarray]:
    """The ``n_units`` units of ``layer`` whose input-space weights are most concentrated (smallest
    ``receptive_spread``, most local first), and the spread of every unit of the layer (px).

    Why this order for pictures: a layer's most varying units are often its broadest (on shapes,
    layer 1's are whole rings, while most of its 128 units are strokes); the most local units show
    the smallest part a layer detects, and the median over all units says how typical that is.
    """
    width = model.cfg.sizes[int(layer) - 1]
    if not 1 <= int(n_units) <= width:
        raise ValueError(f"n_units must be between 1 and {width} (the width of layer {layer}); got {n_units}.")
    spread = receptive_spread(layer_features(model, ds, layer, units=np.arange(width)), ds.image_shape)
    return np.argsort(spread, kind="stable")[: int(n_units)], spread


def layer_pictures(model: StackedAE, ds: Dataset, layer: int, n_units: int = 12, k: int = 9) -> dict:
    """Both views of ``n_units`` units of ``layer``, unit for unit: on image data the most local
    ones (``local_units``), otherwise the most varying (``pick_units``).

    Returns:
        dict with ``units`` (n,), ``weights`` (n, D) from ``layer_features``, ``top`` (n, D) from
        ``top_activating_images`` (mean of the k test images that excite each unit most) and, on
        image data, ``spread`` (width,): every unit's receptive spread in px.
    """
    _check_stacked(model)
    _check_layer(model, layer)
    n = min(int(n_units), model.cfg.sizes[int(layer) - 1])
    out = {}
    if ds.image_shape is not None:
        units, out["spread"] = local_units(model, ds, layer, n)
    else:
        units = pick_units(model, ds, layer, n)
    return {"units": units, "weights": layer_features(model, ds, layer, units=units),
            "top": top_activating_images(model, ds, layer, units, k=min(int(k), ds.n_test)), **out}


def reconstruct_through(model: StackedAE, x: np.ndarray, depth: int) -> np.ndarray:
    """Inputs x (N, D) encoded by layers 1..``depth`` and decoded by their mirror decoder layers, (N, D):
    what the stack keeps of an input ``depth`` layers up (``depth`` = all layers: the unrolled stack)."""
    _check_stacked(model)
    _check_layer(model, depth)
    n, d = len(model.encoder.layers), int(depth)
    decoder = list(zip(model.decoder.layers, model.decoder.acts, strict=True))[n - d:]

    def through(xb: torch.Tensor) -> torch.Tensor:
        h = model.layer_codes(xb, d)
        for layer, act in decoder:
            h = act(layer(h))
        return h

    model.eval()
    return apply(through, np.asarray(x, np.float32), next(model.parameters()).device)


def confusion_matrix(model: StackedAE, ds: Dataset) -> np.ndarray:
    """Counts (C, C) of test examples: row = true class, column = predicted by the softmax head."""
    _check_stacked(model)
    if ds.y_test is None or ds.n_classes < 2:
        raise ValueError(f"data set {ds.name!r} has no class labels; a confusion matrix needs labelled data.")
    model.eval()
    pred = model.predict(torch.tensor(ds.x_test, device=next(model.parameters()).device)).cpu().numpy()
    c = ds.n_classes
    return np.bincount(ds.y_test * c + pred, minlength=c * c).reshape(c, c)
