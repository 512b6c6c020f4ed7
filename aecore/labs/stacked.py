"""Computations and figures of the Learn page "Stacked — greedy pretraining, then fine-tuning".

The page (``pages/stacked.py``) trains one ``StackedAE`` through the job queue (``Fit`` runs
greedy layer-wise pretraining, a softmax on the frozen codes, fine-tuning, and the same
network from random weights for comparison) and passes the result to the functions here:

* ``pretraining_curves_figure`` / ``finetune_curves_figure`` — the history, phase by phase;
* ``layer_features``, ``top_activating_images``, ``layer_features_figure`` — what a unit of
  layer l responds to, seen in input space two ways (Erhan et al. 2009, "Visualizing
  higher-layer features of a deep network");
* ``receptive_spread`` — how far over the image a unit's input-space weights reach (px);
* ``accuracy_bars_figure``, ``confusion_matrix``, ``confusion_figure`` — what pretraining buys;
* ``SHAPES_PRESET`` / ``shapes_preset_spec`` — the run on ``shapes`` whose layers go from edges
  to pieces of contour to whole outlines (the page's preset, ``bench/stacked_shapes.py``).

Layers are numbered from 1 (the first hidden layer) as in the history's ``phase`` column.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
import torch
from plotly.subplots import make_subplots

from aecore.data.registry import DataConfig, Dataset
from aecore.measure import labels as label_budgets
from aecore.measure.metrics import apply
from aecore.models.registry import VARIANTS
from aecore.models.stacked import StackedAE, StackedConfig
from aecore.plots import common as figures
from aecore.training.fit import FitSpec
from aecore.training.trainer import TrainConfig

PALETTE = ("#4C78A8", "#F58518", "#54A24B", "#E45756", "#B279A2", "#72B7B2", "#EECA3B", "#9D755D")
SUPERVISED = ("softmax on frozen codes", "finetune", "from scratch")
PRETRAINED, SCRATCH = VARIANTS["stacked"].colour, "#9AA3AF"
ACCURACIES = {  # metrics key → bar label; the keys Fit._run_stacked writes
    "accuracy_before_finetune": "pretrained, frozen + softmax",
    "accuracy_after_finetune": "pretrained + fine-tuned",
    "accuracy_scratch": "random init, same budget",
}
# Three sparse layers trained with full-batch L-BFGS (400 iterations each), as in the UFLDL
# exercise. With minibatch Adam, layer 1 of the same stack learns whole-outline templates at once;
# with L-BFGS it learns local strokes and edges, and the hierarchy appears (bench/stacked_shapes.py).
SHAPES_PRESET = {"data": "shapes", "limit": 3000, "epochs": 20, "finetune_epochs": 3, "lr": 1.0,
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


# Text the figures show, in English; a page passes its translations as ``labels`` (same keys,
# plus the ACCURACIES keys for the bars).
LABELS = {
    "layer": "layer {n}", "validation": "validation", "layer_epoch": "epoch of the layer",
    "recon_y": "reconstruction loss (nats)", "pretrained": "pretrained", "scratch": "from scratch",
    "xent": "cross-entropy", "train_acc": "training accuracy", "ft_starts": "fine-tuning starts",
    "sup_epoch": "supervised epoch", "test_acc": "test accuracy", "share": "share", "predicted": "predicted",
    "true": "true", **ACCURACIES,
    "n_labels": "labelled training examples (log scale)", "budget_pretrained": "pretrained + fine-tuned",
    "budget_scratch": "same network from scratch", "budget_logreg": "pixels + logistic regression",
    "all": "all",
}


def _labels(labels: dict | None) -> dict:
    return {**LABELS, **(labels or {})}


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


# ---- curves --------------------------------------------------------------------------------
def pretraining_curves_figure(epoch_rows: Sequence[dict], title: str | None = None, labels: dict | None = None,
                              height: int = 360) -> go.Figure:
    """Each layer's reconstruction loss per epoch of its greedy pretraining (solid train, dashed
    validation), one panel per layer side by side.

    Layers reconstruct different things (pixels, then codes) with a summed NLL, so their scales
    differ by orders of magnitude: each panel has its own y axis, so that every layer's curve
    shows its own progress (one shared axis flattened the upper layers into a line).
    """
    lab = _labels(labels)
    layers: dict[str, list[dict]] = {}
    for r in epoch_rows:
        if str(r.get("phase", "")).startswith("layer "):
            layers.setdefault(r["phase"], []).append(r)
    if not layers:
        raise ValueError("epoch_rows hold no pretraining phase ('layer 1', 'layer 2', …); pass a stacked fit's history.")
    names = [lab["layer"].format(n=phase_layer(phase)) for phase in layers]
    fig = make_subplots(rows=1, cols=len(layers), subplot_titles=names, horizontal_spacing=0.28 / len(layers) + 0.04)
    for i, (phase, rows) in enumerate(layers.items()):
        c, x, name = PALETTE[i % len(PALETTE)], [r["epoch"] for r in rows], names[i]
        fig.add_trace(go.Scatter(x=x, y=[r.get("train_recon", r["train_loss"]) for r in rows], mode="lines+markers",
                                 name=name, legendgroup=phase, line={"color": c, "width": 3}), 1, i + 1)
        if any(r.get("val_loss") is not None for r in rows):
            fig.add_trace(go.Scatter(x=x, y=[r.get("val_loss") for r in rows], mode="lines",
                                     name=f"{name} ({lab['validation']})", legendgroup=phase, showlegend=False,
                                     line={"color": c, "dash": "dash"}), 1, i + 1)
    fig.update_layout(template=figures.TEMPLATE, title=title, height=height, hovermode="x unified", showlegend=False)
    fig.update_xaxes(title_text=lab["layer_epoch"], automargin=True)
    fig.update_yaxes(automargin=True, tickformat=".3~g")
    fig.update_yaxes(title_text=lab["recon_y"], row=1, col=1)
    return fig


def finetune_curves_figure(epoch_rows: Sequence[dict], title: str | None = None, labels: dict | None = None,
                           height: int = 420) -> go.Figure:
    """Cross-entropy and training accuracy per supervised epoch: pretrained (softmax on frozen codes,
    then fine-tuning, in sequence) against the same network from random weights with the same budget."""
    lab = _labels(labels)
    paths: dict[str, list[dict]] = {"pretrained": [], "from scratch": []}
    for r in epoch_rows:
        if r.get("phase") in SUPERVISED:
            paths["from scratch" if r["phase"] == "from scratch" else "pretrained"].append(r)
    if not paths["pretrained"] and not paths["from scratch"]:
        raise ValueError("epoch_rows hold no supervised phase (" + ", ".join(SUPERVISED) + "); the data set may "
                         "have no labels, or finetune_epochs is 0.")
    fig = make_subplots(rows=1, cols=2, subplot_titles=(lab["xent"], lab["train_acc"]))
    for key, rows in paths.items():
        if not rows:
            continue
        name = lab["pretrained"] if key == "pretrained" else lab["scratch"]
        c, x = (PRETRAINED if key == "pretrained" else SCRATCH), np.arange(1, len(rows) + 1)
        fig.add_trace(go.Scatter(x=x, y=[r["train_loss"] for r in rows], name=name, legendgroup=name,
                                 mode="lines+markers", line={"color": c, "width": 3}), 1, 1)
        fig.add_trace(go.Scatter(x=x, y=[r.get("val_loss") for r in rows], name=f"{name} ({lab['validation']})",
                                 legendgroup=name, mode="lines", line={"color": c, "dash": "dash"}), 1, 1)
        fig.add_trace(go.Scatter(x=x, y=[r.get("train_accuracy") for r in rows], name=name, legendgroup=name,
                                 showlegend=False, mode="lines+markers", line={"color": c, "width": 3}), 1, 2)
    frozen = sum(r["phase"] == SUPERVISED[0] for r in paths["pretrained"])
    if frozen and frozen < len(paths["pretrained"]):
        for col in (1, 2):
            fig.add_vline(x=frozen + 0.5, line={"color": "#9AA3AF", "dash": "dot"}, row=1, col=col)
        fig.add_annotation(x=frozen + 0.5, y=0, yref="y2 domain", xref="x2", text=lab["ft_starts"],
                           showarrow=False, xanchor="left", yanchor="bottom", font={"size": 13})
    fig.update_layout(template=figures.TEMPLATE, title=title, height=height, hovermode="x unified",
                      legend={"y": -0.3, "yanchor": "top", "x": 0.5, "xanchor": "center"}, margin={"b": 110})
    fig.update_xaxes(title_text=lab["sup_epoch"])
    fig.update_yaxes(range=[0, 1.02], row=1, col=2)
    return fig


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


def layer_pictures(model: StackedAE, ds: Dataset, layer: int, n_units: int = 12, k: int = 9) -> dict:
    """Both views of the ``n_units`` most varying units of ``layer``, unit for unit.

    Returns:
        dict with ``units`` (n,), ``weights`` (n, D) from ``layer_features`` and ``top`` (n, D)
        from ``top_activating_images`` (mean of the k test images that excite each unit most).
    """
    _check_stacked(model)
    _check_layer(model, layer)
    units = pick_units(model, ds, layer, min(int(n_units), model.cfg.sizes[int(layer) - 1]))
    return {"units": units, "weights": layer_features(model, ds, layer, units=units),
            "top": top_activating_images(model, ds, layer, units, k=min(int(k), ds.n_test))}


def layer_features_figure(rows: dict[str, np.ndarray], image_shape: tuple[int, int], cols: int = 16,
                          title: str | None = None) -> go.Figure:
    """Named rows of unit pictures (e.g. projected weights, top-activating means), ``cols`` tiles a line.

    Each tile is scaled on its own: signed tiles (weights) to [−1, 1] so that grey is 0, and
    non-negative tiles (images) so that black is 0 and white their maximum.
    """
    lines, titles = [], []
    for name, feats in rows.items():
        f = np.asarray(feats, np.float64)
        peak = np.maximum(np.abs(f).max(1, keepdims=True), 1e-12)
        signed = (f < 0).any(1, keepdims=True)
        f = np.where(signed, f / peak, 2 * f / peak - 1)
        for start in range(0, len(f), cols):
            lines.append(f[start:start + cols])
            titles.append(name if start == 0 else "")
    return figures.image_grid_figure(lines, image_shape, row_titles=titles, title=title, zrange=(-1.0, 1.0))


# ---- accuracy ------------------------------------------------------------------------------
def accuracy_bars_figure(metrics: dict, title: str | None = None, labels: dict | None = None,
                         horizontal: bool = False) -> go.Figure:
    """Test accuracy with frozen pretrained features, after fine-tuning, and from random weights.

    ``horizontal``: bars to the right, each bar's name written above it across the whole width
    (tick labels on the left were cut in a narrow column: "etrained, frozen + softmax").
    """
    keys = [k for k in ACCURACIES if metrics.get(k) is not None]
    if not keys:
        raise ValueError("metrics hold no accuracy (" + ", ".join(ACCURACIES) + "); they come from a stacked fit "
                         "on labelled data with finetune_epochs > 0.")
    lab = _labels(labels)
    values = [float(metrics[k]) for k in keys]
    colours = [SCRATCH if k == "accuracy_scratch" else PRETRAINED for k in keys]
    names, text = [lab[k] for k in keys], [f"{v:.1%}" for v in values]
    if horizontal:
        rows = list(range(len(keys)))[::-1]  # first bar on top
        fig = go.Figure(go.Bar(y=rows, x=values, orientation="h", marker_color=colours, text=text,
                               textposition="outside", cliponaxis=False, width=0.5, textfont={"size": 15},
                               hovertext=names, hovertemplate="%{hovertext}: %{x:.1%}<extra></extra>"))
        for r, name in zip(rows, names, strict=True):
            fig.add_annotation(x=0, y=r + 0.27, text=name, showarrow=False, xanchor="left", yanchor="bottom",
                               font={"size": 14})
        fig.update_layout(template=figures.TEMPLATE, title=title, height=130 + 78 * len(keys), showlegend=False,
                          xaxis={"range": [0, 1.12], "tickvals": [0, 0.25, 0.5, 0.75, 1.0], "tickformat": ".0%",
                                 "title": {"text": lab["test_acc"], "standoff": 12}, "automargin": True},
                          yaxis={"visible": False, "range": [-0.5, len(keys) - 0.1]}, margin={"r": 30, "l": 20})
        return fig
    fig = go.Figure(go.Bar(x=names, y=values, marker_color=colours, text=text, textposition="outside"))
    fig.update_layout(template=figures.TEMPLATE, title=title, height=340, yaxis={"range": [0, 1.1], "tickformat": ".0%"},
                      yaxis_title=lab["test_acc"], showlegend=False)
    return figures.tidy_axes(fig)


def confusion_matrix(model: StackedAE, ds: Dataset) -> np.ndarray:
    """Counts (C, C) of test examples: row = true class, column = predicted by the softmax head."""
    _check_stacked(model)
    if ds.y_test is None or ds.n_classes < 2:
        raise ValueError(f"data set {ds.name!r} has no class labels; a confusion matrix needs labelled data.")
    model.eval()
    pred = model.predict(torch.tensor(ds.x_test, device=next(model.parameters()).device)).cpu().numpy()
    c = ds.n_classes
    return np.bincount(ds.y_test * c + pred, minlength=c * c).reshape(c, c)


def confusion_figure(cm: np.ndarray, class_names: Sequence[str] | None = None, title: str | None = None,
                     labels: dict | None = None) -> go.Figure:
    """Heatmap of a confusion matrix with counts written in; colour = share of the true class."""
    lab = _labels(labels)
    cm = np.asarray(cm)
    names = list(class_names) if class_names is not None else [str(i) for i in range(len(cm))]
    share = cm / np.maximum(cm.sum(1, keepdims=True), 1)
    # Counts at 14 px in cells of ≥ 40 px; a slim colour bar no taller than the matrix.
    fig = go.Figure(go.Heatmap(z=share, x=names, y=names, text=cm, texttemplate="%{text}", textfont={"size": 14},
                               colorscale="Blues", zmin=0, zmax=1,
                               colorbar={"title": {"text": lab["share"], "side": "right"}, "tickformat": ".0%",
                                         "thickness": 14, "len": 0.75, "tickvals": [0, 0.5, 1]},
                               hovertemplate=f"{lab['true']} %{{y}}, {lab['predicted']} %{{x}}: %{{text}}<extra></extra>"))
    fig.update_layout(template=figures.TEMPLATE, title=title, height=170 + 44 * len(cm),
                      xaxis={"title": lab["predicted"], "type": "category", "showgrid": False, "constrain": "domain",
                             "automargin": True, "tickangle": -45 if max(map(len, names)) > 2 else 0},
                      yaxis={"title": lab["true"], "type": "category", "autorange": "reversed", "showgrid": False,
                             "scaleanchor": "x", "constrain": "domain", "automargin": True})
    return fig


# ---- accuracy against the number of labels -------------------------------------------------
BUDGET_COLOURS = {"pretrained": PRETRAINED, "scratch": SCRATCH, "logreg": "#E45756"}


def label_budget_figure(summary: Sequence[dict], title: str | None = None, labels: dict | None = None,
                        height: int = 420) -> go.Figure:
    """Test accuracy against the number of labelled training examples (log x axis), one line per
    method of ``labels.summarize``'s rows, with error bars of ±1 sd over seeds when there are several.

    A budget of all labels (row["all"]) is marked "all (n)" on the axis.
    """
    if not summary:
        raise ValueError("summary holds no budget; pass labels.summarize(...) of a stacked fit with label_budgets.")
    lab = _labels(labels)
    rows = sorted(summary, key=lambda r: r["n"])
    x = [r["n"] for r in rows]
    several = len(rows[0]["pretrained_all"]) > 1
    fig = go.Figure()
    for m in label_budgets.METHODS:
        y = [r[f"{m}_mean"] for r in rows]
        err = {"type": "data", "array": [r[f"{m}_sd"] for r in rows], "thickness": 2, "width": 6} if several else None
        fig.add_trace(go.Scatter(x=x, y=y, error_y=err, name=lab[f"budget_{m}"], mode="lines+markers",
                                 line={"color": BUDGET_COLOURS[m], "width": 3, "dash": "dot" if m == "logreg" else None},
                                 marker={"size": 9}, hovertemplate="%{x}: %{y:.1%}<extra>" + lab[f"budget_{m}"] + "</extra>"))
    fig.update_layout(template=figures.TEMPLATE, title=title, height=height, xaxis_title=lab["n_labels"],
                      yaxis_title=lab["test_acc"], hovermode="x unified",
                      xaxis={"type": "log"}, yaxis={"tickformat": ".0%"})
    figures.log_ticks(fig, "x")
    vals = list(fig.layout.xaxis.tickvals or [])
    text = list(fig.layout.xaxis.ticktext or [])
    # The largest budget is "all": label it so, in place of a 1-2-5 tick too close to it.
    if vals and rows[-1].get("all"):
        keep = [(v, s) for v, s in zip(vals, text, strict=True) if v < rows[-1]["n"] / 1.6]
        vals, text = [v for v, _ in keep] + [rows[-1]["n"]], [s for _, s in keep] + [f"{lab['all']} ({rows[-1]['n']})"]
        fig.update_xaxes(tickvals=vals, ticktext=text)
    return figures.legend_below(fig)
