"""Sparse: a wide code with few units active at once; ρ and β reach the running job.

Figures and statistics: ``aecore.labs.sparse``; numbers: ``aecore.measure.metrics`` (as ``python -m aecore evaluate``).
"""


import pandas as pd
import streamlit as st

from aecore.labs import sparse as lab
from aecore.plots import sparse as plots
from pages.common import live, panel, polling, state, views
from pages.common.i18n import Text, t, t_labels
from pages.common.presets import Presets

PAGE, VARIANT = "sparse", "sparse"
# Each optimizer's usual step (switching optimizer sets it); L-BFGS first (see EDGES).
PRESETS = Presets(PAGE, {"adam": 1e-2, "lbfgs": 1.0}, default_optimizer="lbfgs")
# Digits: 64 sigmoid units straight on the pixels (one mosaic tile per code unit), full-batch L-BFGS
# with weight decay: stroke detectors, lifetime sparsity ≈ 0.8, in 20 epochs (= 400 iterations).
DEFAULTS = {"code": 64, "hidden": (), "weight_decay": 1e-3, "lr": 1.0}
# UFLDL's exercise: 64-25-64 sigmoid on whitened natural patches → oriented edge detectors.
EDGES = {"data": "patches", "code": 25, "hidden": (), "activation": "sigmoid", "rho": 0.01, "beta": 3.0,
         "weight_decay": 1e-4, "lr": 1.0, "epochs": 20}
KEYS = ("mean_activation", "dead_units", "always_on_units", "kl", "lifetime_sparsity", "population_sparsity",
        "test_mse", "probe_accuracy")
L1 = [f"{PAGE}.l1.{i}" for i in range(3)]
ss = st.session_state


def sparsity_charts(stats: dict, epochs: list, penalty: str, key: str) -> None:
    """ρ̂ histogram beside the penalty curve, then the unit counts and sparsities."""
    # One above the other: side by side in this column each chart got ~240 px at 1280×720 (titles cut).
    views.chart(plots.rho_hat_figure(stats["rho_hat"], stats.get("rho"), labels=t_labels("sparse.rho", plots.RHO_LABELS),
                                   height=300), key=f"{key}.rho", title_px=460)
    views.chart(plots.kl_curve_figure(epochs, penalty, labels=t_labels("sparse.kl", plots.KL_LABELS)), key=f"{key}.kl",
                title_px=460)


def training(job_id: str) -> bool:
    job = state.jobs().get(job_id)
    return job is not None and job.snapshot().active


# Once a second: ρ̂ moves per epoch, and the job needs the CPU more. The page's live view reruns the app.
@polling.fragment(2 * live.POLL_S, pending=training, rerun=False)
def live_sparsity(job_id: str) -> None:
    """While the job trains: ρ̂ⱼ of the live model on a fixed batch of test rows, and the penalty so far.

    Measured on the worker between two steps (``lab.live_stats`` there), never read from here.
    """
    job = state.jobs().get(job_id)
    snap = job.snapshot()
    job.measure("sparsity", every_s=2 * live.POLL_S, rows=500)
    stats = snap.measures.get("sparsity", {}).get("value")
    if not stats or "error" in stats:
        return
    sparsity_charts(stats, snap.epochs, job.spec.model.penalty, key=f"{PAGE}.live")
    views.metric_row(stats, KEYS[:6])


def features(result, key: str, title: str) -> None:
    ds = result.dataset
    if ds.image_shape is not None:
        w = lab.first_layer_weights(result.model)
        views.chart(plots.feature_mosaic_figure(w, ds.image_shape, title=title, height=480 if len(w) > 30 else 400),
                    key=key)


def submit_l1(result) -> None:
    ss[f"{PAGE}.l1.source"] = result.spec  # the KL run these L1 runs are matched to
    beta0 = lab.l1_beta_estimate(result.model, result.dataset)
    specs = lab.l1_match_specs(result.spec, result.metrics["mean_activation"], beta0=beta0 or None, n=len(L1))
    for key, spec in zip(L1, specs, strict=True):
        live.submit(key, spec, label=Text.of("sparse.l1.label", beta=spec.model.beta))


def l1_section(result) -> None:
    st.subheader(t("sparse.l1.head"))
    st.markdown(t("sparse.l1.text"))
    m = result.metrics
    if result.model.cfg.penalty != "kl" or not 0 < m.get("mean_activation", 0) < 1:
        st.info(t("sparse.l1.needs_kl"))
        return
    busy = any(live.active_job(k) is not None for k in L1)
    st.button(t("sparse.l1.go", n=len(L1)), key=f"{PAGE}.l1.go", icon=":material/play_arrow:", disabled=busy,
              on_click=submit_l1, args=(result,))
    live.live_group_view(L1)
    runs = [r for k in L1 if (r := live.current_result(k)) is not None]
    runs = runs if ss.get(f"{PAGE}.l1.source") == result.spec else []
    if not runs or busy:
        return
    best = lab.closest_run(runs, m["mean_activation"])
    table = pd.DataFrame(lab.penalty_comparison({"KL": result, "L1": best}, seed=result.spec.train.seed))
    table = table.rename(columns={c: t(f"sparse.col.{c}", default=t(f"m.{c}", default=c)) for c in table.columns})
    st.dataframe(table, hide_index=True)
    st.markdown(t("sparse.l1.picked", n=len(runs), beta=best.model.beta, act=best.metrics["mean_activation"],
                 target=m["mean_activation"]))
    c1, c2 = st.columns(2)
    with c1:
        features(result, f"{PAGE}.l1.kl_features", t("sparse.l1.kl_features"))
    with c2:
        features(best, f"{PAGE}.l1.l1_features", t("sparse.l1.l1_features"))


def live_view() -> None:
    """The job's live view and, beside it, the code units' mean activations ρ̂ⱼ as they move."""
    live.live_job_view(PAGE)
    job = live.active_job(PAGE)
    if job is not None:
        live_sparsity(job.id)


def result_view(result) -> None:
    views.metric_row(result.metrics, KEYS)
    stats = lab.sparsity_summary(result.model, result.dataset, max_rows=None)  # all test rows, as the metrics
    sparsity_charts(stats, result.history, result.model.cfg.penalty, key=f"{PAGE}.result")
    features(result, f"{PAGE}.features", t("sparse.features", n=result.model.cfg.latent))
    h = lab.hidden_activations(result.model, result.dataset)
    views.chart(plots.activation_heatmap_figure(h, labels=t_labels("sparse.heat", plots.HEATMAP_LABELS)),
                key=f"{PAGE}.heat")
    views.chart(views.reconstruction_figure(result, title=t("result.recon")), key=f"{PAGE}.recon")
    live.result_footer(PAGE, result)


st.title(t(f"nav.{PAGE}"))
views.explain(PAGE)
left, right = st.columns([1, 2], gap="large")
with left:
    spec = panel.training_panel(VARIANT, defaults=DEFAULTS, key_prefix=PAGE)
    spec = PRESETS.apply(spec)
    live.train_controls(spec, PAGE)
    st.caption(t("sparse.live_hint"))
with right:
    PRESETS.button("sparse.preset", "sparse.preset_why", EDGES, "lbfgs")
    result = live.result_block(PAGE, result_view, live_view)

if result is not None:
    st.divider()
    l1_section(result)
views.things_to_try(PAGE)
