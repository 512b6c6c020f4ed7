"""Denoising: rebuild the clean input from a corrupted copy."""

import numpy as np
import streamlit as st
import torch

from aecore.figures import image_grid_figure
from aecore.metrics import reconstruct
from pages.common import live, panel, views
from pages.common.i18n import t

PAGE, VARIANT = "denoising", "denoising"


def denoising_figure(result, n: int = 10):
    """Clean test images, their corrupted copies and what the model makes of them."""
    ds, model = result.dataset, result.model
    x = np.array(ds.x_test[:n])
    g = torch.Generator().manual_seed(result.spec.train.seed + 17)
    noisy = model.corrupt(torch.as_tensor(x), g).numpy()
    rows = [x, noisy, reconstruct(model, noisy)]
    titles = [t("row.original"), t("denoising.row_noisy"), t("denoising.row_denoised")]
    zr = (0.0, 1.0) if ds.unit_range else None
    return image_grid_figure(rows, ds.image_shape, titles, title=t("denoising.figure"), zrange=zr)


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
        if result.dataset.image_shape is not None:
            views.chart(denoising_figure(result), key=f"{PAGE}.noisy")
        views.show_result(result, *live.steps_of(PAGE), key=PAGE)
        live.save_controls(PAGE)
    elif live.active_job(PAGE) is None:
        st.info(t("result.none"))

views.things_to_try(PAGE)
