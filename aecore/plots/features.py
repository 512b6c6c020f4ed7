"""Figures of the Features page (numbers: ``aecore.labs.features``).

``results``: feature-set key → ``FeatureResult`` (or its ``to_dict()``), in the order to draw;
``names``: key → displayed name; ``labels``: the figure's display strings (keys of its ``*_LABELS``).
Hand-crafted sets are drawn in greys and dashed, autoencoder codes in their variants' colours.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go

from aecore.labs.features import AE_VARIANTS, FeatureResult
from aecore.plots import common as figures

HAND_STYLE = {"pixels": ("#1F2430", "solid", "circle"), "pca": ("#7F8A99", "dash", "square"),
              "random": ("#B8BEC9", "dot", "x"), "hog": ("#8C6D31", "dash", "diamond"),
              "gabor": ("#5B4B8A", "dashdot", "triangle-up")}


def _get(r: FeatureResult | Mapping, key: str):
    return getattr(r, key) if isinstance(r, FeatureResult) else r[key]


def style(key: str) -> tuple[str, str, str]:
    """(colour, dash, marker) of a feature set."""
    if key in AE_VARIANTS:
        return figures.VARIANT_COLOURS[key], "solid", "circle"
    return HAND_STYLE.get(key, ("#7F8A99", "dash", "circle"))


ACCURACY_LABELS = {"title": "Test accuracy of one logistic regression against the number of labelled examples",
                   "x": "labelled training examples (class-balanced; log scale)", "y": "test accuracy"}


def accuracy_figure(results: Mapping[str, FeatureResult | Mapping], names: Mapping[str, str] | None = None,
                    labels: Mapping[str, str] | None = None, height: int = 520) -> go.Figure:
    """One line per feature set: accuracy against the label budget (log x)."""
    if not results:
        raise ValueError("results is empty: measure at least one feature set.")
    lab = figures.merged_labels(ACCURACY_LABELS, labels)
    names = names or {}
    fig = go.Figure()
    budgets: list[int] = []
    for key, r in results.items():
        colour, dash, marker = style(key)
        n, acc = list(_get(r, "budgets")), list(_get(r, "accuracy"))
        budgets = sorted(set(budgets) | set(n))
        fig.add_trace(go.Scatter(x=n, y=acc, mode="lines+markers", name=names.get(key, key),
                                 line={"color": colour, "dash": dash, "width": 3 if key in AE_VARIANTS else 2.5},
                                 marker={"symbol": marker, "size": 8},
                                 hovertemplate=f"{names.get(key, key)}: " + "%{y:.1%} with %{x} labels<extra></extra>"))
    fig.update_layout(template=figures.TEMPLATE, title=lab["title"], height=height,
                      xaxis={"type": "log", "title": lab["x"], "tickvals": budgets, "ticktext": [str(b) for b in budgets]},
                      yaxis={"title": lab["y"], "tickformat": ".0%"},
                      legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1, "yanchor": "top"})
    return figures.tidy_axes(fig)


COST_LABELS = {"title": "What each feature set costs (seconds, log scale)",
               "fit": "fitting the features and computing them", "classify": "logistic regression, all budgets",
               "x": "seconds"}


def cost_figure(results: Mapping[str, FeatureResult | Mapping], names: Mapping[str, str] | None = None,
                labels: Mapping[str, str] | None = None) -> go.Figure:
    """Horizontal bars per feature set: seconds to fit and compute the features, seconds the classifier took."""
    if not results:
        raise ValueError("results is empty: measure at least one feature set.")
    lab = figures.merged_labels(COST_LABELS, labels)
    names = names or {}
    rows = [names.get(k, k) for k in results]
    fit = [max(float(_get(r, "fit_seconds")), 1e-3) for r in results.values()]
    cls = [max(float(np.sum(_get(r, "classify_seconds"))), 1e-3) for r in results.values()]
    fig = go.Figure([
        go.Bar(y=rows, x=fit, orientation="h", name=lab["fit"], marker_color="#4C78A8", texttemplate="%{x:.2g} s",
               textposition="outside", hovertemplate="%{y}: %{x:.3g} s<extra></extra>"),
        go.Bar(y=rows, x=cls, orientation="h", name=lab["classify"], marker_color="#F58518",
               texttemplate="%{x:.2g} s", textposition="outside", hovertemplate="%{y}: %{x:.3g} s<extra></extra>"),
    ])
    lo, hi = min(fit + cls), max(fit + cls)
    fig.update_layout(template=figures.TEMPLATE, title=lab["title"], barmode="group", height=160 + 44 * len(rows),
                      xaxis={"type": "log", "title": lab["x"], "range": [np.log10(lo) - 0.3, np.log10(hi) + 0.6]},
                      yaxis={"autorange": "reversed", "automargin": True})
    figures.log_ticks(fig, "x")
    return figures.legend_below(figures.tidy_axes(fig))
