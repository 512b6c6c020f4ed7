"""Stacked: deep autoencoders trained one layer at a time, then fine-tuned with labels."""

import streamlit as st

from pages.common import live, panel, views
from pages.common.i18n import t

DEFAULTS = {"epochs": 10, "finetune_epochs": 5}  # a visible result on digits within seconds
PAGE, VARIANT = "stacked", "stacked"

st.title(t(f"nav.{PAGE}"))
views.explain(PAGE)

left, right = st.columns([1, 2], gap="large")
with left:
    spec = panel.training_panel(VARIANT, defaults=DEFAULTS, key_prefix=PAGE)
    live.train_controls(spec, PAGE)
with right:
    live.live_job_view(PAGE)
    result = live.current_result(PAGE)
    if result is not None:
        st.subheader(t("section.results"))
        views.show_result(result, *live.steps_of(PAGE), key=PAGE)
        live.save_controls(PAGE)
    elif live.active_job(PAGE) is None:
        st.info(t("result.none"))

views.things_to_try(PAGE)
