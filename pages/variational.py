"""Variational: a probabilistic code space that can be sampled to make new data."""

import numpy as np
import streamlit as st

from aecore.figures import image_grid_figure
from aecore.metrics import decode
from pages.common import live, panel, views
from pages.common.i18n import t

PAGE, VARIANT = "variational", "vae"


def prior_samples_figure(result, n: int = 10):
    """Decoder outputs for codes drawn from the prior N(0, I): data the model invents."""
    z = np.random.default_rng(result.spec.train.seed).standard_normal((n, result.model.cfg.latent))
    ds = result.dataset
    zr = (0.0, 1.0) if ds.unit_range else None
    return image_grid_figure([decode(result.model, z)], ds.image_shape, [t("variational.row_samples")],
                             title=t("variational.samples"), zrange=zr)


st.title(t(f"nav.{PAGE}"))
views.explain(PAGE)

left, right = st.columns([1, 2], gap="large")
with left:
    spec = panel.training_panel(VARIANT, key_prefix=PAGE)
    live.train_controls(spec, PAGE)
with right:
    live.live_job_view(PAGE)
    result = live.current_result(PAGE)
    if result is not None:
        st.subheader(t("section.results"))
        views.show_result(result, *live.steps_of(PAGE), key=PAGE)
        if result.dataset.image_shape is not None:
            views.chart(prior_samples_figure(result), key=f"{PAGE}.prior_samples")
        live.save_controls(PAGE)
    elif live.active_job(PAGE) is None:
        st.info(t("result.none"))

views.things_to_try(PAGE)
