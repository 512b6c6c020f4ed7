"""Basics & PCA: the plain autoencoder; a linear one finds the PCA subspace; overcomplete codes; MSE vs BCE.

Every figure comes from ``aecore.labs.basics``, every number from ``aecore.measure.metrics`` (the same
``evaluate_model`` as ``python -m aecore evaluate``).
"""


import streamlit as st

from aecore.labs import basics as lab
from aecore.measure.metrics import reconstruct
from aecore.plots import basics as plots
from pages.common import live, panel, state, views
from pages.common.i18n import choice, for_data, t, t_labels
from pages.common.presets import Presets

PAGE, VARIANT = "basics", "ae"
LOSS_PICK = f"{PAGE}.loss_pick"
# Each optimizer's usual step (switching optimizer sets it); Adam first.
PRESETS = Presets(PAGE, {"adam": 1e-3, "lbfgs": 1.0}, default_optimizer="adam")
# One click to PCA: full-batch L-BFGS pins the k-dimensional subspace in about a second; Adam's
# minibatch noise leaves the weakest direction tens of degrees off while the MSE is within 2 %.
LINEAR = {"activation": "linear", "hidden": (), "code": 16, "epochs": 25, "lr": 1.0}
OVER = {name: f"{PAGE}.over.{i}" for i, name in enumerate(("plain", "early stopping", "weight decay"))}
ss = st.session_state


def result_view(result) -> None:
    ds = result.dataset
    if ds.dim == 2:
        views.chart(views.reconstruction_figure(result, title=t("result.recon")), key=f"{PAGE}.recon")
    else:
        x = ds.x_test[:10]
        fig = plots.reconstruction_error_figure(x, reconstruct(result.model, x), ds.image_shape, n=10, tile_px=80,
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


def submit_overcomplete(spec) -> None:
    for name, s in lab.overcomplete_specs(spec).items():
        live.submit(OVER[name], s, label=t("basics.over.label", name=t(f"basics.over.{name.replace(' ', '_')}")))


def overcomplete_section(spec) -> None:
    st.subheader(t("basics.over.head"))
    st.markdown(t("basics.over.text"))
    if spec is not None:
        dim = panel.dataset_preview(spec.data)["dim"]
        base = lab.overcomplete_base(spec, dim)
        busy = any(live.active_job(key) is not None for key in OVER.values())
        st.button(t("basics.over.go", k=base.model.latent, d=dim, epochs=base.train.epochs), key=f"{PAGE}.over.go",
                  icon=":material/play_arrow:", disabled=busy, on_click=submit_overcomplete, args=(base,))
    live.live_group_view(list(OVER.values()))
    done = {name: r for name, key in OVER.items() if (r := live.current_result(key)) is not None}
    if not done:
        return
    shown = {t(f"basics.over.{name.replace(' ', '_')}"): r for name, r in done.items()}
    first = next(iter(done.values()))
    c1, c2 = st.columns(2)
    with c1:
        views.chart(plots.overcomplete_gap_figure(shown, labels=t_labels("basics.over.gap", plots.GAP_LABELS)),
                    key=f"{PAGE}.over.gap")
    if all("probe_accuracy" in r.metrics for r in done.values()):
        ds = first.dataset
        fig = plots.probe_figure(lab.pixel_probe_accuracy(ds, first.spec.train.seed),
                               {n: r.metrics["probe_accuracy"] for n, r in shown.items()}, ds.dim,
                               first.model.cfg.latent, labels=t_labels("basics.over.probe", plots.PROBE_LABELS))
        with c2:
            views.chart(fig, key=f"{PAGE}.over.probe")
    for name, r in shown.items():
        m = r.metrics
        st.markdown(t("basics.over.row", name=name, train=m["train_mse"], test=m["test_mse"],
                     gap=m["test_mse"] - m["train_mse"], epochs=m["epochs"], planned=r.spec.train.epochs,
                     status=t(f"short.{m['status']}")))
    st.markdown(t("basics.over.lesson"))


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
    live.live_job_view(PAGE)
    result = live.current_result(PAGE)
    if result is not None:
        st.subheader(t("section.results"))
        result_view(result)
    elif live.active_job(PAGE) is None:
        st.info(t("result.none"))

st.divider()
if result is not None:
    pca_section(result)
overcomplete_section(spec)
loss_section(spec, result)
st.subheader(t("section.try"))
st.markdown(t("basics.try_lab"))
