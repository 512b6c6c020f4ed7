"""Contractive: a penalty on the encoder's Jacobian keeps the code flat off the data.

Beside the CAE the page can train a plain and a denoising AE of the same size and budget
(``contractive_lab.trio_specs``, one click, through the job queue) and compares the three:
‖J_φ(x)‖_F, the Jacobian's spectrum and top directions, robustness, circles on a 2-D toy.
Every computation is in ``aecore/labs/contractive.py``.
"""

import streamlit as st

from aecore.labs import contractive as cl
from aecore.plots import contractive as cp
from aecore.plots.common import VARIANT_COLOURS, image_grid_figure, legend_below, tidy_axes
from pages.common import live, panel, views
from pages.common.i18n import Text, t

# One sigmoid layer: a result on digits within seconds. lr 1e-2: with 1e-3 all three barely leave the
# mean image in 20 epochs; λ 0.3: a few large singular values, the rest contracted (plain AE: a slow decay).
DEFAULTS = {"hidden": (), "lr": 0.01, "lam": 0.3}
PAGE, VARIANT = "contractive", "contractive"
KEYS = {"contractive": PAGE, "ae": f"{PAGE}.ae", "denoising": f"{PAGE}.denoising"}  # model → page key
POINTS = f"{PAGE}.points"


def labels() -> dict:
    """The lab's figure texts and the three models' names in the session's language."""
    return {**{k: t(f"contractive.l.{k}") for k in cp.LABELS}, **{k: t(f"v.{k}") for k in cl.TRIO}}


def train_all(spec) -> None:
    """Queue the CAE first (it starts first), then the plain and the denoising AE of the same size."""
    specs = cl.trio_specs(spec)
    live.submit(PAGE, specs["contractive"])
    for name in cl.TRIO[:2]:
        live.submit(KEYS[name], specs[name], Text.of("contractive.job_label", name=Text.of(f"v.{name}")))


def trained_models() -> dict:
    """The CAE's result and those of the controls trained with the same settings: name → FitResult."""
    cae = live.current_result(PAGE)
    specs = cl.trio_specs(cae.spec)
    found = {k: live.current_result(KEYS[k]) for k in cl.TRIO}
    return {k: r for k, r in found.items() if r is not None and r.model is not None and r.spec == specs[k]}


def norms_section(models: dict, ds, lab: dict) -> None:
    st.subheader(t("contractive.norms"))
    norms = cl.jacobian_norms(models, ds, n=500)
    st.caption(t("contractive.norms_caption", n=len(next(iter(norms.values())))))
    base = norms.get("ae")
    with st.container(horizontal=True, gap="medium"):  # tiles as wide as their texts (views.metric_row)
        for name, v in norms.items():
            delta = None
            if base is not None and name != "ae":
                delta = t("contractive.delta", pct=100 * (v.mean() / base.mean() - 1))
            st.metric(t("contractive.mean_norm", name=t(f"v.{name}")), f"{v.mean():.3g}", delta, delta_color="inverse",
                      width="content")
    fig = cp.jacobian_histogram_figure(norms, t("contractive.hist_title"), labels=lab)
    views.chart(legend_below(fig), key=f"{PAGE}.hist")


def spectrum_section(models: dict, ds, lab: dict) -> None:
    st.subheader(t("contractive.spectrum"))
    st.caption(t("contractive.spectrum_caption"))
    choices = list(range(min(ds.n_test, 60)))
    if any(i not in choices for i in st.session_state.get(POINTS, [])):
        del st.session_state[POINTS]  # another data set: its first points
    rows = st.multiselect(t("contractive.points"), choices, default=choices[:5], key=POINTS,
                          format_func=lambda i: f"#{i}", placeholder=t("contractive.points_placeholder"))
    if not rows:
        st.info(t("contractive.pick_points"))
        return
    spectra = cl.singular_spectra(models, ds, rows)
    fig = cp.singular_spectrum_figure(spectra, t("contractive.spectrum_title", n=len(rows)), labels=lab)
    views.chart(legend_below(fig), key=f"{PAGE}.spectrum")
    if ds.image_shape is None:
        return
    i, m = rows[0], next(iter(models.values()))
    top = min(4, min(m.cfg.latent, ds.dim))
    dirs = {k: cl.singular_directions(model, ds.x_test[i], top)[1] for k, model in models.items()}
    c1, c2 = st.columns([1, 5], vertical_alignment="center")
    with c1:
        zr = (0.0, 1.0) if ds.unit_range else None
        views.chart(image_grid_figure([ds.x_test[i:i + 1]], ds.image_shape, title=f"#{i}", zrange=zr, tile_px=110),
                    key=f"{PAGE}.point")
    with c2:
        views.chart(cp.singular_directions_figure(dirs, ds.image_shape, t("contractive.directions_title", i=i, k=top),
                                                  labels=lab, tile_px=90), key=f"{PAGE}.directions")


def robustness_section(models: dict, ds, lab: dict, seed: int) -> None:
    st.subheader(t("contractive.robust"))
    st.caption(t("contractive.robust_caption"))
    curve = cl.robustness_curve(models, ds, cl.perturbation_sizes(ds), n=200, seed=seed)
    views.chart(legend_below(cp.robustness_figure(curve, t("contractive.robust_title"), labels=lab)),
                key=f"{PAGE}.robust")


def circles_section(models: dict, ds, lab: dict) -> None:
    st.subheader(t("contractive.circles"))
    if ds.dim != 2:
        st.caption(t("contractive.circles_need_toy"))
        return
    st.caption(t("contractive.circles_caption"))
    centers, radius = cl.circle_centers(ds, 10), 0.12 * cl.data_spread(ds)
    # Two panels a row (three in this column were ~200 px wide each at 1280×720).
    cols = st.columns(2)
    for i, (name, model) in enumerate(models.items()):
        circles, mapped = cl.circle_images(model, centers, radius)
        fig = cp.circle_figure(ds.x_test, circles, mapped, VARIANT_COLOURS[name], t(f"v.{name}"), lab, height=400)
        with cols[i % 2]:
            views.chart(tidy_axes(fig.update_layout(showlegend=False, margin={"r": 5})), key=f"{PAGE}.circles.{name}")


def live_view() -> None:
    """The CAE's job and, below it, the two models it is compared with."""
    live.live_job_view(PAGE)
    live.live_group_view([KEYS["ae"], KEYS["denoising"]])


def result_view(result, busy: bool) -> None:
    views.show_result(result, *live.steps_of(PAGE), key=PAGE)
    live.save_controls(PAGE)
    models = {k: r.model for k, r in trained_models().items()}
    if len(models) < 3 and not busy:
        st.info(t("contractive.need_all"), icon=":material/stacks:")
    labs = labels()
    norms_section(models, result.dataset, labs)
    spectrum_section(models, result.dataset, labs)
    robustness_section(models, result.dataset, labs, result.spec.train.seed)
    circles_section(models, result.dataset, labs)


st.title(t(f"nav.{PAGE}"))
views.explain(PAGE)

left, right = st.columns([1, 2], gap="large")
with left:
    spec = panel.training_panel(VARIANT, defaults=DEFAULTS, key_prefix=PAGE)
    live.train_controls(spec, PAGE)
    busy = any(live.active_job(k) is not None for k in KEYS.values())
    st.button(t("contractive.train_all"), key=f"{PAGE}.train_all", icon=":material/stacks:", width="stretch", wrap=True,
              disabled=spec is None or busy, on_click=train_all, args=(spec,), help=t("contractive.train_all_help"))
with right:
    live.result_block(PAGE, lambda result: result_view(result, busy), live_view)

views.things_to_try(PAGE)
