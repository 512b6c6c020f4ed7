"""Compare: train 2–4 variants on one shared setting, overlay their curves, tabulate their numbers."""

import dataclasses

import pandas as pd
import streamlit as st

from aecore import VARIANTS, FitSpec, variant
from aecore.figures import multi_curve_figure
from pages.common import live, panel, views
from pages.common.i18n import t

PAGE = "compare"
ROWS = {"test_mse": min, "test_psnr": max, "probe_accuracy": max, "jacobian_frobenius": min, "train_seconds": min}


def spec_for(shared: FitSpec, name: str) -> FitSpec:
    """The shared setting with variant ``name``'s own defaults for everything else."""
    m = shared.model
    cfg = variant(name).config_class(latent=m.latent, hidden=m.hidden, activation=m.activation)
    return dataclasses.replace(shared, model=cfg)


def train_all(shared: FitSpec, names: list[str]) -> None:
    for name in names:
        try:
            live.submit(f"{PAGE}.{name}", spec_for(shared, name))
        except ValueError as e:
            st.session_state[f"{PAGE}.error"] = str(e)


def metrics_table(results: dict) -> pd.DataFrame:
    """One column per variant; the best value of each row gets a ★."""
    table = {}
    for metric, best in ROWS.items():
        values = {n: r.metrics[metric] for n, r in results.items() if isinstance(r.metrics.get(metric), int | float)}
        if not values:
            continue
        winner = best(values, key=values.get)
        table[t(f"m.{metric}", default=metric)] = {
            t(f"v.{n}"): views.format_metric(metric, v) + (" ★" if n == winner and len(values) > 1 else "")
            for n, v in values.items()}
    return pd.DataFrame(table).T


st.title(t(f"nav.{PAGE}"))
views.explain(PAGE)
left, right = st.columns([1, 2], gap="large")
with left:
    names = st.multiselect(t("compare.pick"), list(VARIANTS), default=["ae", "denoising"], key=f"{PAGE}.pick",
                           format_func=lambda n: t(f"v.{n}"), max_selections=4, help=t("compare.pick_help"))
    shared = panel.training_panel(None, key_prefix=PAGE)
    keys = [f"{PAGE}.{n}" for n in names]
    for k in keys:
        live.collect(k)
    busy = any(live.active_job(k) is not None for k in keys)
    ok = shared is not None and 2 <= len(names) <= 4
    st.button(t("compare.train_all"), type="primary", icon=":material/play_arrow:", disabled=busy or not ok,
              on_click=train_all, args=(shared, names), key=f"{PAGE}.train", width="stretch")
    if len(names) < 2:
        st.caption(t("compare.need"))
with right:
    if err := st.session_state.pop(f"{PAGE}.error", None):
        st.error(err)
    live.live_group_view(keys)
    results = {n: r for n in names if (r := live.current_result(f"{PAGE}.{n}")) is not None}
    if results:
        curves = [{"name": t(f"v.{n}"), "x": list(range(1, len(r.history) + 1)), "colour": VARIANTS[n].colour,
                   "y": [row.get("val_loss") if row.get("val_loss") is not None else row.get("train_loss")
                         for row in r.history]} for n, r in results.items()]
        views.chart(multi_curve_figure(curves, t("compare.curves"), t("curve.epoch"), t("curve.y"), log_y=True),
                    key=f"{PAGE}.curves")
        st.markdown(f"**{t('compare.table')}**")
        st.dataframe(metrics_table(results))
    elif not busy:
        st.info(t("compare.none"))
