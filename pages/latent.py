"""Latent space: where a trained encoder puts the test set (PCA of the code when it is wider than 2)."""

import numpy as np
import streamlit as st

from aecore import runstore
from aecore.figures import latent_scatter_figure
from aecore.metrics import encode, pca_fit
from pages.common import live, nav, state, views
from pages.common.i18n import t

PAGE = "latent"
MAX_POINTS = 3000  # WebGL copes with more, but a projector does not need them


def choices() -> dict[str, tuple[str, str]]:
    """Label → ("page", page key) for this session's models, ("run", path) for saved runs."""
    out = {}
    for key, pr in st.session_state[state.RESULTS].items():
        if pr.result is not None and key in {p.key for p in nav.PAGES}:
            v = pr.result.spec.model.variant
            out[f"{t(nav.page(key).title_key)} — {t('v.' + v)} ({pr.result.dataset.name})"] = ("page", key)
    try:
        for run in runstore.list_runs():
            out[f"💾 {run.name}"] = ("run", str(run.path))
    except (ValueError, OSError) as e:
        st.warning(str(e))
    return out


def codes_2d(z: np.ndarray) -> tuple[np.ndarray, str]:
    if z.shape[1] == 1:
        return np.column_stack([np.arange(len(z)), z[:, 0]]), t("latent.one_dim")
    if z.shape[1] == 2:
        return z, t("latent.raw_axes")
    mean, vt, _ = pca_fit(z)
    return (z - mean) @ vt[:2].T, t("latent.pca_axes")


st.title(t(f"nav.{PAGE}"))
views.explain(PAGE)
options = choices()
if not options:
    st.info(t("latent.none"))
    st.stop()
label = st.selectbox(t("latent.pick"), list(options), key=f"{PAGE}.pick")
kind, ref = options[label]
try:
    if kind == "page":
        result = live.current_result(ref)
    else:
        live.set_loaded_run(PAGE, runstore.load_run(ref))
        result = live.current_result(PAGE)
except ValueError as e:
    st.error(str(e))
    st.stop()
ds = result.dataset
x, y = ds.x_test[:MAX_POINTS], None if ds.y_test is None else ds.y_test[:MAX_POINTS]
z2, axes = codes_2d(encode(result.model, x))
st.caption(axes)
views.chart(latent_scatter_figure(z2, y, ds.class_names, axis_titles=("1", "2")), key=f"{PAGE}.scatter")
