"""Figures of the Learn page "Stacked — greedy pretraining, then fine-tuning" (``pages/stacked.py``).

The numbers come from :mod:`aecore.labs.stacked` and the run's history (phases named as in
:mod:`aecore.training.plan`); these builders draw them:

* ``pretraining_curves_figure`` / ``finetune_curves_figure`` — the history, phase by phase;
* ``layer_features_figure`` — what units of layer l respond to, in input space;
* ``accuracy_bars_figure``, ``confusion_figure`` — what pretraining buys;
* ``label_budget_figure`` — test accuracy against the number of labelled examples.

Text is English by default; a page passes its translations as ``labels`` (the keys of ``LABELS``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from aecore.labs.stacked import phase_layer
from aecore.measure import labels as label_budgets
from aecore.plots import common as figures
from aecore.training import plan

PALETTE = figures.PALETTE
PRETRAINED, SCRATCH = figures.VARIANT_COLOURS["stacked"], "#9AA3AF"  # the pretrained stack; from scratch in grey
SUPERVISED = tuple(name for name, _ in plan.SUPERVISED)  # the supervised phases, as Fit names them
ACCURACIES = {  # metrics key → bar label; the keys Fit._run_stacked writes
    "accuracy_before_finetune": "pretrained, frozen + softmax",
    "accuracy_after_finetune": "pretrained + fine-tuned",
    "accuracy_scratch": "random init, same budget",
}


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


# ---- curves --------------------------------------------------------------------------------
def pretraining_curves_figure(epoch_rows: Sequence[dict], title: str | None = None, labels: dict | None = None,
                              height: int = 360) -> go.Figure:
    """Each layer's reconstruction loss per epoch of its greedy pretraining (solid train, dashed
    validation), one panel per layer side by side.

    Layers reconstruct different things (pixels, then codes) with a summed NLL, so their scales
    differ by orders of magnitude: each panel has its own y axis, so that every layer's curve
    shows its own progress (one shared axis flattened the upper layers into a line).
    """
    lab = figures.merged_labels(LABELS, labels)
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
    fig.update_xaxes(automargin=True)
    fig.update_xaxes(title_text=lab["layer_epoch"], row=1, col=(len(layers) + 1) // 2)  # once, under the middle
    fig.update_yaxes(automargin=True, tickformat=".3~g")
    fig.update_yaxes(title_text=lab["recon_y"], row=1, col=1)
    return fig


def finetune_curves_figure(epoch_rows: Sequence[dict], title: str | None = None, labels: dict | None = None,
                           height: int = 420) -> go.Figure:
    """Cross-entropy and training accuracy per supervised epoch: pretrained (softmax on frozen codes,
    then fine-tuning, in sequence) against the same network from random weights with the same budget."""
    lab = figures.merged_labels(LABELS, labels)
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
    fig.update_layout(template=figures.TEMPLATE, title=title, height=height + 40, hovermode="x unified")
    fig.update_xaxes(title_text=lab["sup_epoch"])
    figures.legend_below(fig, rows=2)  # below the axis titles, never over them
    fig.update_yaxes(range=[0, 1.02], row=1, col=2)
    return fig


def layer_features_figure(rows: dict[str, np.ndarray], image_shape: tuple[int, int], cols: int = 16,
                          title: str | None = None, width_px: int | None = None) -> go.Figure:
    """Named rows of unit pictures (e.g. projected weights, top-activating means), ``cols`` tiles a line
    (``width_px``: the chart's width on the page, as in ``image_grid_figure``).

    Each tile is scaled on its own: signed tiles (weights) to [−1, 1] so that grey is 0, and
    non-negative tiles (images) so that black is 0 and white their maximum.
    """
    scaled = {}
    for name, feats in rows.items():
        f = np.asarray(feats, np.float64)
        peak = np.maximum(np.abs(f).max(1, keepdims=True), 1e-12)
        signed = (f < 0).any(1, keepdims=True)
        scaled[name] = np.where(signed, f / peak, 2 * f / peak - 1)
    # Unit for unit: each block of ``cols`` units shows its rows one under the other (weights, then
    # the same units' top inputs), so a unit's two pictures stay in one column.
    lines, titles = [], []
    for start in range(0, max(len(f) for f in scaled.values()), cols):
        for name, f in scaled.items():
            lines.append(f[start:start + cols])
            titles.append(name)
    return figures.image_grid_figure(lines, image_shape, row_titles=titles, title=title, zrange=(-1.0, 1.0),
                                     width_px=width_px)


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
    lab = figures.merged_labels(LABELS, labels)
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


def confusion_figure(cm: np.ndarray, class_names: Sequence[str] | None = None, title: str | None = None,
                     labels: dict | None = None) -> go.Figure:
    """Heatmap of a confusion matrix with counts written in; colour = share of the true class."""
    lab = figures.merged_labels(LABELS, labels)
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
    lab = figures.merged_labels(LABELS, labels)
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
