"""Home: what an autoencoder is, the chosen network drawn as a diabolo, where to go, a quick start."""

import streamlit as st

from aecore.plots.common import VARIANT_COLOURS, diabolo_figure
from pages.common import nav, state, views
from pages.common.i18n import t

DEFAULT_ARCH = (64, (128,), 16, "ae")  # digits with the plain autoencoder's defaults


def layer_names(n_hidden: int) -> list[str]:
    hidden = [t("home.layer_hidden")] * n_hidden
    return [t("home.layer_in"), *hidden, t("home.layer_code"), *hidden, t("home.layer_out")]


st.title(t("home.title"))
left, right = st.columns([3, 2], gap="large")
with left:
    views.explain("home")
with right:
    dim, hidden, code, variant_name = st.session_state.get(state.ARCH, DEFAULT_ARCH)
    widths = [dim, *hidden, code, *reversed(hidden), dim]
    fig = diabolo_figure(widths, layer_names(len(hidden)), colour=VARIANT_COLOURS[variant_name])
    views.chart(fig, key="home.diabolo")
    st.caption(t("home.picture"))

st.divider()
pages_col, quick_col = st.columns([3, 2], gap="large")
with pages_col:
    st.subheader(t("home.pages"))
    for section in nav.SECTIONS[1:]:
        st.markdown(f"**{t(f'nav.section.{section}')}**")
        for p in (p for p in nav.PAGES if p.section == section):
            link, text = st.columns([2, 3], vertical_alignment="center")
            link.page_link(p.path, label=t(p.title_key), icon=p.icon)
            text.caption(t(f"home.go.{p.key}"))
with quick_col:
    st.subheader(t("home.quick"))
    st.markdown(t("home.quick_steps"))
