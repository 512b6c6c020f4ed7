"""Denoising: rebuild the clean input from a corrupted copy; where it beats a plain AE and PCA; the score field.

Figures and sweeps: ``aecore.labs.denoising``; numbers: ``aecore.measure.metrics`` (as ``python -m aecore evaluate``).
"""

import numpy as np
import streamlit as st

from aecore.labs import denoising as lab
from aecore.plots import denoising as plots
from pages.common import live, panel, views
from pages.common.i18n import Text, t, t_data, t_labels

PAGE, VARIANT = "denoising", "denoising"
PLAIN, TOY = f"{PAGE}.plain", f"{PAGE}.toy"
ss = st.session_state


def result_view(result) -> None:
    ds, model = result.dataset, result.model
    if ds.image_shape is not None:
        GRID = {"clean": t("row.original"), "corrupted": t("denoising.row_noisy"), "reconstructed": t("row.reconstruction")}
        noise = model.cfg.noise
        high = 1.0 if noise != "gaussian" or ds.unit_range else 2.0
        level = st.slider(t("denoising.view_level", noise=t(f"o.{noise}")), 0.0, high, float(model.noise_level), 0.05,
                          key=f"{PAGE}.view.{noise}.{model.noise_level:g}", help=t("denoising.view_level_help"))
        grid = lab.denoise_grid(model, ds, noise, level, n=min(10, ds.n_test), seed=result.spec.train.seed)
        views.chart(plots.denoise_grid_figure(*grid, ds.image_shape, title=t("denoising.figure"),
                                            labels=GRID), key=f"{PAGE}.grid")
    else:
        views.chart(views.reconstruction_figure(result, title=t("result.recon")), key=f"{PAGE}.recon")
    views.metric_row(result.metrics, views.KEY_METRICS[VARIANT])
    live.result_footer(PAGE, result)


def sweep_section(result) -> None:
    st.subheader(t("denoising.sweep.head"))
    ds, model = result.dataset, result.model
    st.markdown(t_data("denoising.sweep.text", ds.image_shape))
    plain_spec = lab.sweep_specs(result.spec)
    plain = live.current_result(PLAIN)
    plain = plain if plain is not None and plain.spec == plain_spec else None
    busy = live.active_job(PLAIN) is not None
    st.button(t("denoising.sweep.go", k=model.cfg.latent), key=f"{PAGE}.plain.go", icon=":material/play_arrow:",
              disabled=busy or plain is not None, on_click=live.submit,
              args=(PLAIN, plain_spec, Text.of("denoising.sweep.label")))
    live.live_group_view([PLAIN])
    sweep = lab.psnr_sweep(model, plain.model if plain else None, ds, model.cfg.noise, lab.SWEEP_LEVELS,
                           seed=result.spec.train.seed)
    title = t_data("denoising.sweep.title", ds.image_shape, noise=t(f"o.{model.cfg.noise}"))
    views.chart(plots.psnr_sweep_figure(sweep, title=title,
                                      labels=t_labels("denoising.sweep", plots.SWEEP_LABELS)), key=f"{PAGE}.sweep")
    others = [sweep["pca"]] + ([sweep["plain"]] if plain else [])
    wins = [f"{lv:g}" for i, lv in enumerate(sweep["levels"]) if all(sweep["dae"][i] > o[i] for o in others)]
    st.caption(t_data("denoising.sweep.rows", ds.image_shape, n=min(len(ds.x_test), lab.SWEEP_ROWS)))
    verdict = "denoising.sweep.wins" if wins else "denoising.sweep.no_wins"
    st.markdown(t(verdict, levels=", ".join(wins), n=len(wins), total=len(sweep["levels"]),
                  against=t("denoising.sweep.vs_both" if plain else "denoising.sweep.vs_pca")))


def toy_section() -> None:
    st.subheader(t("denoising.toy.head"))
    st.markdown(t("denoising.toy.text"))
    c1, c2, c3 = st.columns([1, 1, 1], vertical_alignment="bottom")
    name = c1.selectbox(t("denoising.toy.data"), lab.TOYS, key=f"{PAGE}.toy.data")
    level = c2.select_slider(t("denoising.toy.sigma"), (0.1, 0.2, 0.3, 0.5), value=0.3, key=f"{PAGE}.toy.sigma")
    c3.button(t("denoising.toy.go"), key=f"{PAGE}.toy.go", icon=":material/play_arrow:",
              disabled=live.active_job(TOY) is not None, on_click=live.submit,
              args=(TOY, lab.toy_spec(name, level), Text.of("denoising.toy.label", data=name)), width="stretch")
    live.live_group_view([TOY])
    toy = live.current_result(TOY)
    if toy is None:
        return
    model, ds = toy.model, toy.dataset
    X, Y, U, V = lab.vector_field(model, ds, grid=22)
    noisy = lab.denoise_grid(model, ds, "gaussian", model.noise_level, n=min(200, ds.n_test), seed=1)[1]
    paths = lab.denoising_paths(model, lab.path_starts(ds, n=12, seed=1), steps=12)
    title = t("denoising.toy.title", data=ds.name, sigma=model.noise_level)
    views.chart(plots.vector_field_figure(X, Y, U, V, data=ds.x_train, noisy=noisy, paths=paths, title=title,
                                        labels=t_labels("denoising.field", plots.FIELD_LABELS), height=620),
                key=f"{PAGE}.field")
    a = lab.field_alignment(X, Y, U, V, ds.x_train)
    ends = np.linalg.norm(paths[:, -1] - paths[:, -2], axis=1).mean()
    st.markdown(t("denoising.toy.measured", cos=a["mean_cosine"], frac=a["fraction_toward"], n=a["n_points"],
                 step=ends))


st.title(t(f"nav.{PAGE}"))
views.explain(PAGE)

left, right = st.columns([1, 2], gap="large")
with left:
    spec = panel.training_panel(VARIANT, key_prefix=PAGE)
    live.train_controls(spec, PAGE)
with right:
    result = live.result_block(PAGE, result_view)

st.divider()
if result is not None and result.dataset.dim > 2:
    sweep_section(result)
toy_section()
views.things_to_try(PAGE)
