"""Figures of the Basics page's overcomplete section (numbers: ``aecore.labs.overcomplete``).

Every builder takes ``measured``: run name → the dict of ``overcomplete.measure``, in the order to
draw, the names already as displayed; ``labels``: the figure's display strings (keys of its
``*_LABELS``, English by default). Values are written with two or three significant digits: the errors
here are of the order of 10⁻³: significant digits, never a fixed number of decimals ("0.0000").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from aecore.plots import common as figures

TRAIN_COLOUR = figures.VARIANT_COLOURS["ae"]
TEST_COLOUR = figures.VARIANT_COLOURS["vae"]
ENC_COLOUR, DEC_COLOUR = "#4C78A8", "#E45756"
PIXEL_COLOUR = "#7F8A99"
IDENTITY_COLOUR = "#9AA3AF"


def _check(measured: Mapping[str, Mapping], keys: Sequence[str]) -> list[str]:
    if not measured:
        raise ValueError("measured is empty: pass the measured runs (overcomplete.measure).")
    for name, m in measured.items():
        missing = [k for k in keys if k not in m]
        if missing:
            raise ValueError(f"run {name!r} lacks {missing}: measure it with overcomplete.measure.")
    return list(measured)


def _bars_layout(fig: go.Figure, title: str, y_title: str, height: int = 380) -> go.Figure:
    fig.update_layout(template=figures.TEMPLATE, title=title, height=height, yaxis_title=y_title,
                      yaxis_rangemode="tozero", barmode="group", uniformtext={"minsize": 11, "mode": "show"})
    return figures.legend_below(figures.tidy_axes(fig))


GAP_LABELS = {"title": "Train vs test error (MSE per pixel)", "train": "rows it trained on", "test": "test rows",
              "ratio": "test {ratio:.1f}× train", "y": "MSE per pixel"}


def gap_figure(measured: Mapping[str, Mapping], labels: Mapping[str, str] | None = None) -> go.Figure:
    """Grouped bars: train MSE (rows fitted) and test MSE per run; each group's name carries the ratio test/train."""
    names = _check(measured, ("train_mse", "test_mse", "ratio"))
    lab = figures.merged_labels(GAP_LABELS, labels)
    groups = [f"{n}<br>{lab['ratio'].format(ratio=float(measured[n]['ratio']))}" for n in names]
    train = [float(measured[n]["train_mse"]) for n in names]
    test = [float(measured[n]["test_mse"]) for n in names]
    fig = go.Figure([
        go.Bar(x=groups, y=train, name=lab["train"], marker_color=TRAIN_COLOUR, texttemplate="%{y:.2g}",
               textposition="outside", textfont={"size": 12}, hovertemplate="%{y:.4g}<extra></extra>"),
        go.Bar(x=groups, y=test, name=lab["test"], marker_color=TEST_COLOUR, texttemplate="%{y:.2g}",
               textposition="outside", textfont={"size": 12}, hovertemplate="%{y:.4g}<extra></extra>"),
    ])
    fig.update_yaxes(range=[0, max(train + test) * 1.2], tickformat=".2g")
    fig.update_xaxes(tickangle=0)
    return _bars_layout(fig, lab["title"], lab["y"], height=400)


GAIN_LABELS = {"title": "How much of a small random nudge comes out", "y": "‖f(x + ε) − f(x)‖ / ‖ε‖",
               "identity": "identity map: 1"}


def gain_figure(measured: Mapping[str, Mapping], labels: Mapping[str, str] | None = None) -> go.Figure:
    """Bars of ``noise_gain`` per run, with the identity map's value 1 as a dashed line."""
    names = _check(measured, ("noise_gain",))
    lab = figures.merged_labels(GAIN_LABELS, labels)
    gains = [float(measured[n]["noise_gain"]) for n in names]
    fig = go.Figure(go.Bar(x=names, y=gains, marker_color=TRAIN_COLOUR, texttemplate="%{y:.2f}",
                           textposition="outside", showlegend=False, hovertemplate="%{x}: %{y:.3f}<extra></extra>"))
    fig.add_hline(y=1.0, line={"color": IDENTITY_COLOUR, "dash": "dash", "width": 2},
                  annotation={"text": lab["identity"], "xanchor": "right", "x": 1, "yanchor": "bottom"})
    fig.update_yaxes(range=[0, max(1.15, max(gains) * 1.2)])
    return _bars_layout(fig, lab["title"], lab["y"])


NORM_LABELS = {"title": "Size of the weights (Frobenius norm)", "enc": "encoder ‖W<sub>enc</sub>‖", "dec": "decoder ‖W<sub>dec</sub>‖",
               "y": "‖W‖ (Frobenius)"}


def norms_figure(measured: Mapping[str, Mapping], labels: Mapping[str, str] | None = None) -> go.Figure:
    """Grouped bars of ‖W_enc‖_F and ‖W_dec‖_F per run."""
    names = _check(measured, ("enc_norm", "dec_norm"))
    lab = figures.merged_labels(NORM_LABELS, labels)
    enc = [float(measured[n]["enc_norm"]) for n in names]
    dec = [float(measured[n]["dec_norm"]) for n in names]
    fig = go.Figure([
        go.Bar(x=names, y=enc, name=lab["enc"], marker_color=ENC_COLOUR, texttemplate="%{y:.1f}", textposition="outside"),
        go.Bar(x=names, y=dec, name=lab["dec"], marker_color=DEC_COLOUR, texttemplate="%{y:.1f}", textposition="outside"),
    ])
    fig.update_yaxes(range=[0, max(enc + dec) * 1.2])
    return _bars_layout(fig, lab["title"], lab["y"])


PROBE_LABELS = {"title": "Linear probe: a logistic regression on the labelled training rows",
                "pixels": "raw pixels ({d})", "codes": "codes: {name} ({d})", "x": "test accuracy"}


def probe_figure(measured: Mapping[str, Mapping], pixels: float, pixel_dim: int,
                 labels: Mapping[str, str] | None = None) -> go.Figure:
    """Horizontal bars of test accuracy: the raw pixels (grey) and each run's codes."""
    names = _check(measured, ("probe", "code_dim"))
    lab = figures.merged_labels(PROBE_LABELS, labels)
    rows = [lab["pixels"].format(d=int(pixel_dim))] + [lab["codes"].format(name=n, d=int(measured[n]["code_dim"]))
                                                       for n in names]
    values = [float(pixels)] + [float(measured[n]["probe"]) for n in names]
    fig = go.Figure(go.Bar(y=rows, x=values, orientation="h", marker_color=[PIXEL_COLOUR] + [TRAIN_COLOUR] * len(names),
                           texttemplate="%{x:.1%}", textposition="inside", insidetextanchor="end",
                           hovertemplate="%{y}: %{x:.2%}<extra></extra>"))
    low = max(0.0, min(values) - 0.1)
    fig.update_layout(template=figures.TEMPLATE, title=lab["title"], height=140 + 56 * len(values), showlegend=False,
                      xaxis={"range": [low, 1.0], "tickformat": ".0%", "title": lab["x"]},
                      yaxis={"autorange": "reversed", "automargin": True})
    return figures.tidy_axes(fig)


NUDGE_LABELS = {"title": "A small random nudge ε of test images (top) and what comes out of each run: f(x + ε) − f(x)",
                "nudge": "nudge ε"}


def nudge_figure(nudge: np.ndarray, passed: Mapping[str, np.ndarray], image_shape: tuple[int, int],
                 labels: Mapping[str, str] | None = None, tile_px: int = 64) -> go.Figure:
    """Rows of images on one red–blue scale: the nudges ε (n, D), then each run's f(x + ε) − f(x) (n, D).

    A copy gives the top row back unchanged; a map onto the data lets only part of it through.
    The scale is symmetric, ±3 standard deviations of ε (0 is white).
    """
    lab = figures.merged_labels(NUDGE_LABELS, labels)
    nudge = np.asarray(nudge, np.float32)
    rows = [nudge] + [np.asarray(v, np.float32) for v in passed.values()]
    lim = 3 * float(nudge.std()) or 1.0
    fig = figures.image_grid_figure(rows, image_shape, row_titles=[lab["nudge"], *passed], title=lab["title"],
                                    zrange=(-lim, lim), tile_px=tile_px)
    fig.update_traces(colorscale="RdBu", zmid=0, reversescale=True)
    fig.update_yaxes(automargin=True)
    return fig
