"""Basics & PCA: the plain autoencoder; a linear one finds the PCA subspace; overcomplete codes; MSE vs BCE.

Every figure comes from ``aecore.labs.basics``, every number from ``aecore.measure.metrics`` (the same
``evaluate_model`` as ``python -m aecore evaluate``).
"""


import streamlit as st

from aecore.labs import basics as lab
from aecore.labs import overcomplete as oc
from aecore.measure.metrics import reconstruct
from aecore.plots import basics as plots
from aecore.plots import overcomplete as oc_plots
from aecore.plots.common import COLUMN_PX
from pages.common import live, panel, state, views
from pages.common.i18n import Text, choice, for_data, t, t_labels
from pages.common.presets import Presets

PAGE, VARIANT = "basics", "ae"
LOSS_PICK = f"{PAGE}.loss_pick"
# Each optimizer's usual step (switching optimizer sets it); Adam first.
PRESETS = Presets(PAGE, {"adam": 1e-3, "lbfgs": 1.0}, default_optimizer="adam")
# One click to PCA: full-batch L-BFGS pins the k-dimensional subspace in about a second; Adam's
# minibatch noise leaves the weakest direction tens of degrees off while the MSE is within 2 %.
LINEAR = {"activation": "linear", "hidden": (), "code": 16, "epochs": 25, "lr": 1.0}
OVER = {name: f"{PAGE}.over.{i}" for i, name in enumerate(oc.RUNS)}  # the overcomplete runs' page keys
OVER_DATA, OVER_MEASURED = f"{PAGE}.over.data", f"{PAGE}.over.measured"
ss = st.session_state


def result_view(result) -> None:
    ds = result.dataset
    if ds.dim == 2:
        views.chart(views.reconstruction_figure(result, title=t("result.recon")), key=f"{PAGE}.recon")
    else:
        x = ds.x_test[:10]
        fig = plots.reconstruction_error_figure(x, reconstruct(result.model, x), ds.image_shape, n=10, tile_px=80,
                                                width_px=COLUMN_PX,
                                                title=for_data(t("result.recon"), ds.image_shape),
                                                labels=t_labels("basics.recon", plots.RECON_LABELS))
        views.chart(fig, key=f"{PAGE}.recon")
    views.metric_row(result.metrics, views.KEY_METRICS[VARIANT])
    live.result_footer(PAGE, result)


def pca_section(result) -> None:
    st.subheader(t("basics.pca.head"))
    st.markdown(t("basics.pca.text"))
    model, ds, m = result.model, result.dataset, result.metrics
    k, linear = model.cfg.latent, model.cfg.activation == "linear"
    if k > ds.dim:
        st.info(t("basics.pca.too_wide", k=k, d=ds.dim))
        return
    c1, c2 = st.columns(2)
    with c1:
        views.chart(plots.pca_curve_figure(ds, m["test_mse"], k, t("basics.pca.model", k=k),
                                         labels=t_labels("basics.pca.curve", plots.PCA_CURVE_LABELS)), key=f"{PAGE}.pca")
    if not linear:
        c2.info(t("basics.pca.nonlinear"))
        return
    with c2:
        views.chart(plots.principal_angles_figure(model, ds, labels=t_labels("basics.pca.angles", plots.ANGLE_LABELS)),
                    key=f"{PAGE}.angles")
    basis = lab.aligned_basis(model, ds)
    views.chart(plots.basis_comparison_figure(basis, ds.image_shape, labels=t_labels("basics.pca.basis", plots.BASIS_LABELS)),
                key=f"{PAGE}.basis")
    st.markdown(t("basics.pca.read", mse=m["test_mse"], pca=m["pca_mse"], angle=m["max_principal_angle_deg"],
                 cos=float(basis["cosines"].min())))
    if ds.n_train > lab.PCA_ROWS:
        st.caption(t("basics.pca.rows", n=lab.PCA_ROWS))


def _run_name(name: str) -> str:
    return t(f"basics.oc.{name.replace(' ', '_')}")


def submit_overcomplete(data_name: str, dim: int) -> None:
    ss[OVER_DATA] = data_name
    for name, s in oc.specs(data_name, dim, oc.PAGE_RECIPE).items():
        live.submit(OVER[name], s, label=Text.of("basics.oc.label", name=Text.of(f"basics.oc.{name.replace(' ', '_')}")))


def _measured(name: str) -> dict | None:
    """``overcomplete.measure`` of the run ``name``'s current result, computed once per result (a probe and two
    passes over the test rows: well under a second on digits)."""
    pr = live.current(OVER[name])
    if pr is None or pr.result is None:
        return None
    cache = ss.setdefault(OVER_MEASURED, {})
    tag = (OVER[name], pr.finished)
    if tag not in cache:
        r = pr.result
        cache[tag] = oc.measure(r.model, r.dataset, r.spec.train, r.train.epochs, oc.PAGE_RECIPE.nudge)
    return cache[tag]


def overcomplete_reading(measured: dict, pixels: float | None) -> str:
    """The sentence under the figures, every number taken from ``overcomplete.summary``."""
    s = oc.summary(measured, pixels)
    plain = measured["plain"]
    parts = [t("basics.oc.read_gap", ratio=s["ratio_plain"], rows=oc.PAGE_RECIPE.rows),
             t("basics.oc.read_copy" if s["gain_plain"] >= 0.9 else "basics.oc.read_nocopy", gain=s["gain_plain"]),
             t("basics.oc.read_early", epochs=s["stopped_at"], planned=plain["planned"],
               change=s["test_change"]["early stopping"], gain=s["gain"]["early stopping"]),
             t("basics.oc.read_decay", change=s["test_change"]["weight decay"], gain=s["gain"]["weight decay"],
               enc=s["norms"]["weight decay"][0], dec=s["norms"]["weight decay"][1], penc=s["norms"]["plain"][0],
               pdec=s["norms"]["plain"][1]),
             t("basics.oc.read_best", name=_run_name(s["best_test"]))]
    if s["probe_gain_over_pixels"] is not None:
        diff = 100 * s["probe_gain_over_pixels"]
        parts.append(t("basics.oc.read_probe_same" if diff < 2 else "basics.oc.read_probe_better",
                       probe=s["probe_best"], diff=diff))
    return " ".join(parts)


def overcomplete_section(spec) -> None:
    st.subheader(t("basics.over.head"))
    data_name = spec.data.name if spec is not None else ss.get(OVER_DATA, "digits")
    dim = panel.dataset_preview(spec.data)["dim"] if spec is not None else None
    r0 = oc.PAGE_RECIPE
    st.markdown(t("basics.oc.text", rows=r0.rows, data=data_name, k=r0.width * (dim or 64), d=dim or 64,
                 epochs=r0.epochs, patience=r0.patience, wd=r0.weight_decay))
    busy = any(live.active_job(key) is not None for key in OVER.values())
    if spec is not None:
        st.button(t("basics.oc.go", rows=r0.rows, k=r0.width * dim, d=dim), key=f"{PAGE}.over.go",
                  icon=":material/play_arrow:", disabled=busy, on_click=submit_overcomplete, args=(data_name, dim))
    live.live_group_view(list(OVER.values()))
    if busy:
        return
    measured = {name: m for name in oc.RUNS if (m := _measured(name)) is not None}
    if len(measured) < len(oc.RUNS):
        return
    results = {name: live.current_result(OVER[name]) for name in oc.RUNS}
    ds = results["plain"].dataset
    if spec is not None and ds.name != data_name:
        st.info(t("basics.oc.other_data", data=ds.name, now=data_name))
    shown = {_run_name(n): m for n, m in measured.items()}
    c1, c2 = st.columns(2)
    with c1:
        views.chart(oc_plots.gap_figure(shown, labels=t_labels("basics.oc.gap", oc_plots.GAP_LABELS)),
                    key=f"{PAGE}.oc.gap")
    with c2:
        views.chart(oc_plots.gain_figure(shown, labels=t_labels("basics.oc.gain", oc_plots.GAIN_LABELS)),
                    key=f"{PAGE}.oc.gain")
    c1, c2 = st.columns(2)
    with c1:
        views.chart(oc_plots.norms_figure(shown, labels=t_labels("basics.oc.norms", oc_plots.NORM_LABELS)),
                    key=f"{PAGE}.oc.norms")
    pixels = oc.pixel_probe(ds, results["plain"].spec.train.seed) if measured["plain"]["probe"] is not None else None
    if pixels is not None:
        with c2:
            views.chart(oc_plots.probe_figure(shown, pixels, ds.dim,
                                              labels=t_labels("basics.oc.probe", oc_plots.PROBE_LABELS)),
                        key=f"{PAGE}.oc.probe")
    if ds.image_shape is not None:
        nudge, passed = oc.nudged_examples({_run_name(n): results[n].model for n in oc.RUNS}, ds.x_test[:10],
                                          oc.PAGE_RECIPE.nudge, results["plain"].spec.train.seed)
        views.chart(oc_plots.nudge_figure(nudge, passed, ds.image_shape,
                                          labels=t_labels("basics.oc.nudge", oc_plots.NUDGE_LABELS)),
                    key=f"{PAGE}.oc.nudge")
    st.markdown(overcomplete_reading(measured, pixels))
    for name, m in measured.items():
        status = live.current(OVER[name]).status
        st.markdown(t("basics.oc.row", name=_run_name(name), train=m["train_mse"], test=m["test_mse"], ratio=m["ratio"],
                     epochs=m["epochs"], planned=m["planned"], status=t(f"short.{status}")))


def loss_section(spec, result) -> None:
    st.subheader(t("basics.loss.head"))
    st.markdown(t("basics.loss.text"))
    current = spec.model.loss if spec is not None else ss[state.KEEP].get(f"{PAGE}.loss", "mse")
    ss[LOSS_PICK] = current
    choice(st.segmented_control, t("p.loss"), ["mse", "bce"], key=LOSS_PICK, required=True,
           format_func={v: t(f"basics.loss.{v}") for v in ("mse", "bce")}.get,
           on_change=lambda: PRESETS.set_values({"loss": ss[LOSS_PICK]}, ss[PRESETS.optimizer_key]))
    views.chart(plots.likelihood_figure(labels=t_labels("basics.loss.fig", plots.LIKELIHOOD_LABELS), highlight=current),
                key=f"{PAGE}.likelihood")
    if result is not None and "test_bce" in result.metrics:
        st.markdown(t("basics.loss.measured", loss=t(f"basics.loss.{result.model.cfg.loss}"),
                     mse=result.metrics["test_mse"], bce=result.metrics["test_bce"]))


st.title(t(f"nav.{PAGE}"))
views.explain(PAGE)
left, right = st.columns([1, 2], gap="large")
with left:
    spec = panel.training_panel(VARIANT, key_prefix=PAGE)
    spec = PRESETS.apply(spec)
    live.train_controls(spec, PAGE)
with right:
    PRESETS.button("basics.preset", "basics.preset_why", LINEAR, "lbfgs")
    result = live.result_block(PAGE, result_view)

st.divider()
if result is not None:
    pca_section(result)
overcomplete_section(spec)
loss_section(spec, result)
views.things_to_try(PAGE)
