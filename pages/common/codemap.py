"""The code space live: the codes z of ≤ 500 fixed test rows, redrawn while a job trains.

The worker encodes those rows between two steps and sends the codes with the snapshot
(``JobSnapshot.codes``, ``code_labels``), so this page only draws them: a 2-D code as it is,
a wider one on its first two principal components (``aecore.serving.projection.pca_2d``,
milliseconds for 500 × k), a 1-D code against the row index. Colours per class come from
``aecore.plots.common.latent_scatter_figure``, the builder of every other code map.

Rerun cost: the fragment polls twice a second; one WebGL scatter of 500 points and a k × k
eigen-decomposition per poll, nothing else (the class names are cached per data set).
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from aecore import DataConfig
from aecore.data.registry import load_dataset
from aecore.plots.common import latent_scatter_figure
from aecore.serving.jobs import JobSnapshot
from aecore.serving.projection import natural_2d, pca_2d

from .i18n import t_data

LEGEND_BELOW = {"legend": {"orientation": "h", "x": 0.0, "xanchor": "left", "y": -0.3, "yanchor": "top"},
                "margin": {"r": 20, "b": 100}}


@st.cache_data(show_spinner=False, max_entries=16)
def class_names(cfg: DataConfig) -> tuple[str, ...] | None:
    return load_dataset(cfg).class_names


@st.cache_data(show_spinner=False, max_entries=16)
def image_shape(cfg: DataConfig) -> tuple[int, ...] | None:
    """The data's image shape, None for tables and points (their texts say "rows", not "images")."""
    return load_dataset(cfg).image_shape


def projected(codes: np.ndarray) -> tuple[np.ndarray, str] | None:
    """(coords (m, 2), method) for codes (m, k): "code", "index" or "pca"; None if they are not finite."""
    z = np.asarray(codes, np.float32)
    if z.ndim != 2 or not len(z) or not np.isfinite(z).all():
        return None
    p = natural_2d(z) or pca_2d(z)
    return p.coords, p.method


def live_code_figure(snap: JobSnapshot, data: DataConfig, height: int = 380):
    """The snapshot's codes as a class-coloured scatter, or None when there are none to draw."""
    if snap.codes is None:
        return None
    found = projected(snap.codes)
    if found is None:
        return None
    coords, method = found
    m, k = snap.codes.shape
    shape = image_shape(data)
    axes = {"code": ("z₁", "z₂"), "index": (t_data("watch.map.row", shape), "z₁"), "pca": ("PC 1", "PC 2")}[method]
    title = t_data(f"watch.map.title_{method}", shape, m=m, k=k)
    fig = latent_scatter_figure(coords, snap.code_labels, class_names(data), title=title, axis_titles=axes,
                                height=height)
    # Keep the reader's zoom and hidden classes across polls (a new figure every half second); the
    # classes in one row below the plot (a column beside it scrolls in a chart this low).
    fig.update_layout(uirevision=f"{snap.id}.{method}", **LEGEND_BELOW)
    return fig
