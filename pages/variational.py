"""Variational: a probabilistic code space that can be sampled to make new data.

After training: the ELBO split into reconstruction and KL, KL per latent dimension (posterior
collapse), the importance-weighted log-likelihood, the 2-D code map (click two points), the
decoded manifold, interpolations (linear and spherical) and samples from the prior. Every
computation is in ``aecore/labs/vae.py``.
"""

import numpy as np
import streamlit as st

from aecore.labs import vae as vl
from aecore.measure.metrics import decode, encode
from aecore.plots import common as figures
from aecore.plots import vae as vp
from aecore.plots.common import image_grid_figure, legend_below
from pages.common import live, panel, state, views
from pages.common.i18n import plotly_config, t

DEFAULTS = {"lr": 3e-3}  # digits, 2-D code: a clearer map than 1e-3 in the same 20 epochs
PAGE, VARIANT = "variational", "vae"
A, B, MAP, STEP = f"{PAGE}.a", f"{PAGE}.b", f"{PAGE}.map", f"{PAGE}.step"
SEEDS = f"{PAGE}.seeds"  # {"pair": int, "samples": int}: the "new …" buttons count up
STEPS, IW_SAMPLES, IW_ROWS = 10, 100, 500


def labels() -> dict:
    return {k: t(f"variational.l.{k}") for k in vp.LABELS}


def result_key() -> str:
    """Identifies the page's current model (cache key): session, run label and finishing time."""
    pr = live.current(PAGE)
    return f"{state.session_id()}/{pr.label!r}/{pr.finished}"  # the label's repr: the same in every language


@st.cache_data(max_entries=16, show_spinner=False)
def test_codes(key: str, _result):
    return encode(_result.model, _result.dataset.x_test)


@st.cache_data(max_entries=16, show_spinner=False)
def likelihood(key: str, _result) -> dict:
    return vl.likelihood_summary(_result.model, _result.dataset, IW_SAMPLES, IW_ROWS, _result.spec.train.seed)


def pick() -> None:
    """A click on the code map: the clicked test example becomes B, the previous B becomes A."""
    event = st.session_state.get(MAP) or {}
    points = (event.get("selection") or {}).get("points") or []
    rows = [p["customdata"] for p in points if p.get("customdata") is not None]
    if rows:
        row = rows[-1][0] if isinstance(rows[-1], list) else rows[-1]
        st.session_state[A], st.session_state[B] = st.session_state.get(B, 0), int(row)


def bump(which: str) -> None:
    st.session_state[SEEDS][which] += 1


def kl_per_dim(result):
    """Mean KL per latent dimension on the test set: measured after training (older saved runs: now)."""
    kl = result.metrics.get("kl_per_dim")
    return np.asarray(kl) if kl is not None else likelihood(result_key(), result)["kl_per_dim"]


def elbo_section(result, lab: dict) -> None:
    st.subheader(t("variational.elbo"))
    kl = kl_per_dim(result)
    # One above the other: side by side in this column each got ~200-290 px at 1280×720.
    fig = vp.elbo_curve_figure(result.history, t("variational.elbo_title"), lab, height=420)
    views.chart(legend_below(fig, 2), key=f"{PAGE}.elbo", title_px=460)
    fig = vp.kl_per_dim_figure(kl, title=t("variational.kl_title"), labels=lab, height=380)
    views.chart(legend_below(fig), key=f"{PAGE}.kl", title_px=460)
    split = vl.posterior_collapse(kl)
    dims = ", ".join(f"z{i + 1}" for i in split["collapsed"])
    if not split["active"]:
        st.error(t("variational.collapse_all"), icon=":material/warning:")
    elif split["collapsed"]:
        st.warning(t("variational.collapse_some", n=len(split["collapsed"]), k=len(kl), dims=dims),
                   icon=":material/warning:")


def likelihood_section(result) -> None:
    """The importance-weighted estimate of −log p(x) beside the ELBO (the slowest number: drawn last)."""
    st.subheader(t("variational.likelihood"))
    s = likelihood(result_key(), result)
    with st.container(horizontal=True, gap="medium"):  # tiles as wide as their texts (views.metric_row)
        st.metric(t("variational.neg_elbo"), f"{s['neg_elbo']:.2f}", help=t("variational.neg_elbo_help"), width="content")
        st.metric(t("variational.iw_nll", k=s["k"]), f"{s['iw_nll']:.2f}", help=t("variational.iw_nll_help"),
                  width="content")
        st.metric(t("variational.gap"), f"{s['gap']:.2f}", help=t("variational.gap_help"), width="content")


def map_section(result, z, a: int, b: int, lab: dict) -> None:
    ds = result.dataset
    st.subheader(t("variational.map"))
    st.caption(t("variational.map_caption"))
    paths = {t("variational.linear"): vl.interpolate(z[a], z[b], STEPS, "linear"),
             t("variational.slerp"): slerp(z[a], z[b])}
    fig = vp.mark_path(vp.latent_scatter_figure(z, ds.y_test, ds.class_names, t("variational.map_title"), lab,
                                                height=560), paths, z[[a, b]], lab)
    fig.update_layout(margin={"r": 10, "l": 50}, legend={"x": 1.02, "xanchor": "left", "y": 1.0, "yanchor": "top",
                                                       "itemsizing": "constant"},  # beside the plot: auto margin
                      yaxis={"scaleanchor": "x", "scaleratio": 1})  # equal axes: the N(0, I) prior looks round
    # The map, then the decoded grid, each the column's full width (side by side: ~240 px each, 20 px tiles).
    st.plotly_chart(figures.wrap_title(fig, 460), theme=None, key=MAP, on_select=pick, selection_mode=("points",),
                    config=plotly_config(views.PLOTLY_CONFIG))
    if ds.image_shape is not None:
        n = 10 if max(ds.image_shape) <= 16 else 12  # tiles of ≥ 40 px in this column at 1280×720
        grid = vp.manifold_grid(result.model, n, ds.image_shape)
        fig = vp.manifold_figure(grid, n, result.model.cfg.latent, t("variational.manifold_title"), labels=lab,
                                 tile_px=52)
        views.chart(fig, key=f"{PAGE}.manifold", title_px=460)


def slerp(z0, z1):
    try:
        return vl.interpolate(z0, z1, STEPS, "slerp")
    except ValueError:  # opposite codes: no unique great circle, the straight line instead
        return vl.interpolate(z0, z1, STEPS, "linear")


def strips(model, z0, z1) -> dict:
    return {t("variational.linear"): vl.code_strip(model, z0, z1, STEPS, "linear"),
            t("variational.slerp"): decode(model, slerp(z0, z1))}


def interpolation_section(result, z, a: int, b: int) -> None:
    ds, model = result.dataset, result.model
    zr = (0.0, 1.0) if ds.unit_range else None
    st.subheader(t("variational.interp"))
    c1, c2, c3 = st.columns([1, 1, 2], vertical_alignment="bottom")
    c1.number_input(t("variational.pick_a"), 0, ds.n_test - 1, key=A, step=1)
    c2.number_input(t("variational.pick_b"), 0, ds.n_test - 1, key=B, step=1)
    c3.caption(t("variational.pick_help"))
    rows = strips(model, z[a], z[b])
    views.chart(vp.strips_figure(rows, ds.image_shape, t("variational.strip_title", a=a, b=b), zr, tile_px=64),
                key=f"{PAGE}.strip")
    step = st.slider(t("variational.step"), 0, STEPS - 1, key=STEP, format="%d")
    frame = [r[step:step + 1] for r in rows.values()]
    g1, g2 = st.columns([1, 2], vertical_alignment="center")
    with g1:
        views.chart(image_grid_figure(frame, ds.image_shape, list(rows), zrange=zr, tile_px=110), key=f"{PAGE}.frame")
    g2.markdown(t("variational.frame", t=step / (STEPS - 1)))
    st.markdown(f"**{t('variational.prior_pair')}**")
    seed = st.session_state[SEEDS]["pair"]
    z0, z1 = vl.prior_pair(model, seed)
    views.chart(vp.strips_figure(strips(model, z0, z1), ds.image_shape, zrange=zr, tile_px=64), key=f"{PAGE}.pair")
    st.button(t("variational.new_pair"), key=f"{PAGE}.new_pair", on_click=bump, args=("pair",),
              icon=":material/casino:")


def samples_section(result) -> None:
    ds = result.dataset
    st.subheader(t("variational.samples_title"))
    x = vl.prior_samples(result.model, 20, seed=st.session_state[SEEDS]["samples"])
    zr = (0.0, 1.0) if ds.unit_range else None
    views.chart(image_grid_figure([x[:10], x[10:]], ds.image_shape, zrange=zr, tile_px=64), key=f"{PAGE}.samples")
    st.button(t("variational.new_samples"), key=f"{PAGE}.new_samples", on_click=bump, args=("samples",),
              icon=":material/casino:")


def result_view(result) -> None:
    views.show_result(result, *live.steps_of(PAGE), key=PAGE)
    live.save_controls(PAGE)
    labs = labels()
    elbo_section(result, labs)
    ds = result.dataset
    if result.model.cfg.latent >= 2:
        z = test_codes(result_key(), result)
        pair = vl.default_pair(ds)
        for key, default in zip((A, B), pair, strict=True):
            if not 0 <= st.session_state.get(key, default) < ds.n_test:
                st.session_state[key] = default
            st.session_state.setdefault(key, default)
        a, b = st.session_state[A], st.session_state[B]
        map_section(result, z, a, b, labs)
        if ds.image_shape is not None:
            interpolation_section(result, z, a, b)
    else:
        st.info(t("variational.one_dim"))
    if ds.image_shape is not None:
        samples_section(result)
    else:
        st.caption(t("variational.images_only"))
    likelihood_section(result)


st.title(t(f"nav.{PAGE}"))
views.explain(PAGE)
st.session_state.setdefault(SEEDS, {"pair": 0, "samples": 0})

left, right = st.columns([1, 2], gap="large")
with left:
    spec = panel.training_panel(VARIANT, defaults=DEFAULTS, key_prefix=PAGE)
    live.train_controls(spec, PAGE)
with right:
    live.result_block(PAGE, result_view)

views.things_to_try(PAGE)
