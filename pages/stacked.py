"""Stacked: deep autoencoders trained one layer at a time, then fine-tuned with labels.

The page's own "Layers" box sets the stack (width and pretraining kind per layer). While the
job runs, a fragment draws each layer's reconstruction curve and, as soon as a layer is done,
what its units respond to. After it: accuracies (frozen features, fine-tuned, from scratch) and
a confusion matrix. Every computation is in ``aecore/labs/stacked.py``.
"""

import dataclasses
import time

import numpy as np
import streamlit as st

from aecore.labs import stacked as sl
from aecore.measure import labels as label_budgets
from aecore.measure.metrics import reconstruct
from aecore.models.base import check_size
from aecore.models.stacked import PRETRAIN_KINDS
from aecore.plots import stacked as stacked_plots
from aecore.plots.common import COLUMN_PX, image_grid_figure
from pages.common import codemap, live, panel, polling, state, urlstate, views
from pages.common.i18n import Text, choice, t, t_error, t_phase
from pages.common.presets import Presets

# digits: the whole run (3 layers, softmax, fine-tuning, from scratch) in a few seconds; sigmoid
# stacks need lr ≈ 1e-2 (with 1e-3 the frozen codes barely move and pretraining loses to scratch).
DEFAULTS = {"epochs": 10, "finetune_epochs": 5, "lr": 0.01}
PAGE, VARIANT = "stacked", "stacked"
WIDTHS = (4, 8, 16, 32, 64, 128, 256, 512, 1024)
STACKS = {1: (32,), 2: (128, 32), 3: (128, 64, 32), 4: (256, 128, 64, 32)}  # default widths per depth
N_KEY, URL_LAYERS, URL_KINDS = f"{PAGE}.layers", "layers", "kinds"
DEFAULT_KIND = "denoising"  # StackedConfig's default
# Preset: the outline shapes, three sparse layers trained with full-batch L-BFGS as in the UFLDL
# exercise: edges → pieces of contour → whole outlines (see stacked_lab.SHAPES_PRESET).
PRESET = sl.SHAPES_PRESET
PRESETS = Presets(PAGE, {"adam": DEFAULTS["lr"], "lbfgs": 1.0}, default_optimizer="adam")
UNITS = 12  # units shown per layer
UNIT_COLS = 6  # a line of unit pictures: 12 across were ~30 px tiles at 1280×720
LIVE_PICTURES = f"{PAGE}.live_pictures"  # session key: {"job": id, layer: figure} of the running job
# Label budgets (Erhan et al. 2010): one job per seed, each page key its own so they run side by side.
BUDGETS, SEEDS = (20, 50, 100, 500, 0), 3
BUDGET_KEYS = tuple(f"{PAGE}.labels{i}" for i in range(SEEDS))
BUDGET_RUN = f"{PAGE}.budget_run"  # session key: {"specs": [...], "summary": rows | None, "seconds", "status"}


def wkey(what: str, i: int) -> str:
    """Widget key of layer i's (0-based) "width" or "kind"."""
    return f"{PAGE}.{what}{i + 1}"


def remember(key: str, default) -> None:
    """Start a widget from its kept value (it survives page changes, like the panel's)."""
    if key not in st.session_state:
        st.session_state[key] = st.session_state[state.KEEP].get(key, default)


def put(values: dict) -> None:
    """Set widgets (before they are drawn: in a callback or on the first draw) and keep the values."""
    st.session_state.update(values)
    st.session_state[state.KEEP].update(values)


def stack_values(sizes, kinds=()) -> dict:
    return {N_KEY: len(sizes), **{wkey("width", i): w for i, w in enumerate(sizes)},
            **{wkey("kind", i): k for i, k in enumerate(kinds)}}


def read_url() -> None:
    """On the first draw in this session, take the stack from ``?layers=128-64-32&kinds=ae-sparse-ae``."""
    if not urlstate.first_read(N_KEY):
        return
    sizes = [int(v) for v in urlstate.get(URL_LAYERS, "").split("-") if v.isdigit()]
    kinds = [v for v in urlstate.get(URL_KINDS, "").split("-") if v in PRETRAIN_KINDS]
    if 1 <= len(sizes) <= 4 and all(w in WIDTHS for w in sizes):
        put(stack_values(sizes, kinds if len(kinds) == len(sizes) else ()))


def apply_preset() -> None:
    """The shapes experiment: data, budget, optimizer and stack into the widgets, then train."""
    put(stack_values(PRESET["sizes"], PRESET["kinds"]))
    PRESETS.set_values({k: v for k, v in PRESET.items() if k not in ("sizes", "kinds", "optimizer")},
                       PRESET["optimizer"], go=True)


def layer_editor() -> tuple[tuple[int, ...], tuple[str, ...]]:
    """Width and pretraining kind of each layer, bottom to top; mirrored in the URL when not the default."""
    read_url()
    with st.container(border=True):
        st.markdown(f"**{t('stacked.layers')}**")
        remember(N_KEY, 3)
        n = st.segmented_control(t("stacked.n_layers"), [1, 2, 3, 4], key=N_KEY, required=True,
                                 help=t("stacked.n_layers_help"))
        sizes, kinds = [], []
        for i in range(n):
            remember(wkey("width", i), STACKS[n][i])
            remember(wkey("kind", i), DEFAULT_KIND)
            # One under the other: side by side in this column the width read "12" for 128 and the
            # kind "denoi…" at 1280×720.
            sizes.append(st.selectbox(t("stacked.width", n=i + 1), WIDTHS, key=wkey("width", i)))
            kinds.append(choice(st.selectbox, t("stacked.kind", n=i + 1), PRETRAIN_KINDS, key=wkey("kind", i),
                                format_func=lambda v: t(f"o.{v}")))
        st.session_state[state.KEEP].update(stack_values(sizes, kinds))
        st.caption(t("stacked.layers_caption"))
    default = list(STACKS[3]) == sizes and kinds == [DEFAULT_KIND] * 3
    for name, value in ((URL_LAYERS, "-".join(map(str, sizes))), (URL_KINDS, "-".join(kinds))):
        urlstate.mirror(name, None if default else value)
    return tuple(sizes), tuple(kinds)


def with_layers(spec, sizes, kinds):
    """The panel's spec with the editor's stack; None (and the reason shown) when it is not valid."""
    if spec is None:
        return None
    try:
        model = dataclasses.replace(spec.model, hidden=sizes[:-1], latent=sizes[-1], pretrain=kinds)
        dim = panel.dataset_preview(spec.data)["dim"]
        check_size(model, dim)
    except ValueError as e:
        st.error(t_error(e))
        return None
    st.session_state[state.ARCH] = (dim, tuple(model.hidden), int(model.latent), model.variant)
    return dataclasses.replace(spec, model=model)


def labels() -> dict:
    return {k: t(f"stacked.l.{k}") for k in stacked_plots.LABELS}


def phase_text(phase: str) -> str:
    return t_phase(phase)


def layer_figure(model, ds, layer: int):
    """What the units of ``layer`` respond to, in input space: weights and top-activating test images."""
    return pictures_figure(sl.layer_pictures(model, ds, layer, UNITS), ds.image_shape, layer)


def pictures_figure(rows: dict, image_shape, layer: int):
    """The figure of one layer's ``sl.layer_pictures``."""
    named = {t("stacked.row_weights"): rows["weights"], t("stacked.row_top"): rows["top"]}
    title = t(f"stacked.layer_title{'1' if layer == 1 else ''}", n=layer)
    if rows.get("spread") is not None:  # which units these are, and how typical their reach is
        spread = np.asarray(rows["spread"])
        title += " — " + t("stacked.layer_reach", k=len(rows["units"]), width=len(spread),
                            shown=float(np.median(spread[np.asarray(rows["units"])])), median=float(np.median(spread)))
    return stacked_plots.layer_features_figure(named, image_shape, cols=UNIT_COLS, title=title,
                                               width_px=COLUMN_PX)


def live_layer_figures(job, snap, done: int) -> list:
    """The pictures of the layers pretrained so far, each drawn once per job (its weights are final).

    The worker computes them between two steps (live measurement "stacked.layers"), once
    supervised training has begun from the weights pretraining left.
    """
    cache = st.session_state.setdefault(LIVE_PICTURES, {})
    if cache.get("job") != job.id:
        cache.clear()
        cache["job"] = job.id
    image_shape = panel.dataset_preview(job.spec.data)["image_shape"]
    if image_shape is None or done < 1:
        return []
    if any(layer not in cache for layer in range(1, done + 1)):
        m = snap.measures.get("stacked.layers")
        if m is None or m["params"].get("upto", 0) < done:
            job.measure("stacked.layers", upto=done, units=UNITS)
        else:
            for rows in m["value"].get("layers", []):
                cache.setdefault(rows["layer"], pictures_figure(rows, image_shape, rows["layer"]))
    return [cache[layer] for layer in range(1, done + 1) if layer in cache]


@polling.fragment(live.POLL_S, pending=lambda: live.job_running(PAGE))
def live_stack() -> None:
    """Progress, per-layer curves and the finished layers' pictures while the stack trains."""
    job = live.active_job(PAGE)
    snap = job.snapshot()
    if snap.status == "queued":
        st.progress(0.0, text=t("live.queued", pos=snap.queue_position))
        return
    phase = f"{phase_text(snap.phase)} · " if snap.phase else ""
    st.progress(snap.progress, text=t("live.progress", phase=phase, epoch=snap.epoch, step=snap.step,
                                      pct=100 * snap.progress, secs=snap.elapsed))
    live.pause_controls(job, snap, PAGE)
    lab = labels()
    if any(sl.phase_layer(r["phase"]) for r in snap.epochs):
        fig = stacked_plots.pretraining_curves_figure(snap.epochs, t("stacked.pretrain_title"), lab, height=320)
        views.chart(fig, key=f"{PAGE}.live.pretrain", title_px=700)
    current = sl.phase_layer(snap.phase)  # layer l trains: layers 1..l−1 are done
    done = len(job.spec.model.sizes) if current is None and snap.epochs else (current or 1) - 1
    for layer, fig in enumerate(live_layer_figures(job, snap, done), 1):
        views.chart(fig, key=f"{PAGE}.live.features{layer}")
    if any(r["phase"] in stacked_plots.SUPERVISED for r in snap.epochs):
        views.chart(stacked_plots.finetune_curves_figure(snap.epochs, t("stacked.finetune_title"), lab, height=340),
                    key=f"{PAGE}.live.finetune")
    fig = codemap.live_code_figure(snap, job.spec.data)  # the top code: watch it sort the classes when fine-tuned
    if fig is not None:
        views.chart(fig, key=f"{PAGE}.live.codes")
        st.caption(t("stacked.live_map_caption", n=len(snap.codes)))


def reconstruction_view(result, pretrained) -> None:
    """Test images through the first 1, 2, … layers and the whole unrolled stack, as pretraining left
    them, and through the whole stack after fine-tuning.

    The decoders are trained only during pretraining; fine-tuning for the labels moves the encoder
    away from them (L-BFGS's large steps most of all), which the third row shows.
    """
    ds = result.dataset
    if pretrained is None or ds.image_shape is None:
        views.chart(views.reconstruction_figure(result, title=t("result.recon")), key=f"{PAGE}.recon")
        return
    x, n = ds.x_test[:10], len(pretrained.encoder.layers)
    # One row per depth: what the stack keeps of an input 1, 2, … layers up (the last is the whole
    # pretrained stack), then the whole stack after fine-tuning.
    rows = [x] + [sl.reconstruct_through(pretrained, x, d) for d in range(1, n)] + [reconstruct(pretrained, x),
                                                                                  reconstruct(result.model, x)]
    names = ([t("row.original")] + [t("stacked.row_depth1") if d == 1 else t("stacked.row_depth", n=d) for d in range(1, n)]
             + [t("stacked.row_pretrained"), t("stacked.row_finetuned")])
    views.chart(image_grid_figure(rows, ds.image_shape, names, title=t("result.recon"),
                                  zrange=(0.0, 1.0) if ds.unit_range else None, tile_px=80, width_px=COLUMN_PX),
                key=f"{PAGE}.recon")
    st.caption(t("stacked.recon_caption"))


def results(result, pretrained) -> None:
    ds, lab = result.dataset, labels()
    st.subheader(t("stacked.pretraining"))
    st.caption(t("stacked.pretraining_caption"))
    fig = stacked_plots.pretraining_curves_figure(result.history, t("stacked.pretrain_title"), lab)
    views.chart(fig, key=f"{PAGE}.pretrain", title_px=700)
    if ds.image_shape is not None:
        if pretrained is None:
            st.caption(t("stacked.final_weights"))
        for layer in range(1, len(result.model.encoder.layers) + 1):
            views.chart(layer_figure(pretrained or result.model, ds, layer), key=f"{PAGE}.features{layer}")
    st.subheader(t("stacked.finetuning"))
    if result.metrics.get("accuracy_after_finetune") is None:
        st.info(t("stacked.no_finetune"))
        return
    # One under the other, each as wide as the column: side by side (1280 px) the bar names were cut
    # and the matrix shrank to ~120 px with 6 px counts.
    fig = stacked_plots.accuracy_bars_figure(result.metrics, t("stacked.accuracy_title"), lab, horizontal=True)
    views.chart(fig, key=f"{PAGE}.bars")
    cm = sl.confusion_matrix(result.model, ds)
    views.chart(stacked_plots.confusion_figure(cm, ds.class_names, t("stacked.confusion_title"), lab), key=f"{PAGE}.cm")
    views.chart(stacked_plots.finetune_curves_figure(result.history, t("stacked.finetune_title"), lab), key=f"{PAGE}.finetune")


# ---- accuracy against the number of labels ---------------------------------------------------
def submit_budgets(specs) -> None:
    """Button callback: one job per seed (the job manager runs them; the page only polls)."""
    for key, sp in zip(BUDGET_KEYS, specs, strict=True):
        live.submit(key, sp, Text.of("stacked.budget.job", seed=sp.train.seed))  # named in the reader's language
    st.session_state[BUDGET_RUN] = {"specs": list(specs), "summary": None, "seconds": 0.0, "status": "running",
                                    "submitted": time.time()}


def stop_budgets() -> None:
    for key in BUDGET_KEYS:
        live.stop(key)


def collect_budgets() -> None:
    """Once every seed's job has ended: their tables → one summary (the models are let go)."""
    run = st.session_state.get(BUDGET_RUN)  # app.py has collected the ended jobs before the page draws
    if run is None or run["summary"] is not None or any(live.active_job(k) is not None for k in BUDGET_KEYS):
        return
    done = [live.current(k) for k in BUDGET_KEYS]
    tables = [label_budgets.budget_table(pr.result.metrics) if pr is not None and pr.result is not None else None
              for pr in done]
    for key in BUDGET_KEYS:
        st.session_state[state.RESULTS].pop(key, None)
    if any(tb is None for tb in tables) or any(pr.status not in ("done", "early_stopped") for pr in done):
        run["status"] = ", ".join(sorted({pr.status if pr is not None else "cancelled" for pr in done}))
        st.session_state[BUDGET_RUN] = {**run, "summary": []}
        return
    run["summary"] = label_budgets.summarize(tables, run["specs"][0].model.label_budgets)
    run["seconds"] = max(pr.finished for pr in done) - run["submitted"]  # wall time, queueing included
    run["status"] = "done"


def n_text(row: dict) -> str:
    return t("stacked.budget.n_all" if row.get("all") else "stacked.budget.n", n=row["n"])


def budget_sentences(summary: list[dict]) -> str:
    """Where pretraining helps, in words, from the numbers (``labels.verdict``)."""
    v = label_budgets.verdict(summary)
    first, last = v["first"], v["last"]
    pct, pts = (lambda a: f"{100 * a:.1f} %"), (lambda a: f"{100 * a:+.1f}")
    fmt = {"n0": n_text(first), "nN": n_text(last), "p0": pct(first["pretrained_mean"]),
           "s0": pct(first["scratch_mean"]), "g0": pts(first["gap_mean"]), "gN": pts(last["gap_mean"])}
    if v["case"] == "few":
        fmt["upto"] = n_text(next(r for r in summary if r["n"] == v["helps_upto"]))
    if v["case"] == "mixed":
        fmt["helped"] = ", ".join(n_text(r) for r in sorted(summary, key=lambda r: r["n"]) if r["helps"])
    d = v["logreg_first"]
    logreg = t(f"stacked.budget.v.logreg_{'above' if d >= 0 else 'below'}", l0=pct(first["logreg_mean"]),
               n0=fmt["n0"], d=f"{100 * abs(d):.1f}")
    return t(f"stacked.budget.v.{v['case']}", **fmt) + " " + logreg


def budget_section(spec) -> None:
    """The one-click label-budget experiment: button, live progress, figure and what it shows."""
    st.subheader(t("stacked.budget.section"))
    collect_budgets()
    running = any(live.active_job(k) is not None for k in BUDGET_KEYS)
    info = panel.dataset_preview(spec.data) if spec is not None else None
    specs = None
    if info is not None and info["n_classes"] >= 2 and spec.model.finetune_epochs > 0:
        specs = label_budgets.budget_specs(spec, SEEDS, BUDGETS, info["n_train"], info["n_classes"])
    with st.container(border=True):
        c1, c2 = st.columns([3, 1], vertical_alignment="center")
        c1.button(t("stacked.budget.go", seeds=SEEDS), key=f"{PAGE}.labels.go", icon=":material/stacked_line_chart:",
                  type="primary", on_click=submit_budgets, args=(specs,), disabled=specs is None or running, wrap=True)
        c2.button(t("stacked.budget.stop"), key=f"{PAGE}.labels.stop", icon=":material/stop:",
                  on_click=stop_budgets, disabled=not running, wrap=True)
        if specs is not None:
            budgets = ", ".join(t("stacked.budget.all") if n == 0 else f"{n:,}" for n in specs[0].model.label_budgets)
            st.markdown(t("stacked.budget.why", data=spec.data.name, seeds=SEEDS, budgets=budgets))
        elif info is not None and info["n_classes"] < 2:
            st.info(t("stacked.budget.no_labels"))
        elif spec is not None:
            st.info(t("stacked.no_finetune"))
    if running:
        live.live_group_view(list(BUDGET_KEYS))
        return
    run = st.session_state.get(BUDGET_RUN)
    if run is None or run["summary"] is None:
        return
    if not run["summary"]:
        st.warning(t("stacked.budget.failed", status=run["status"]))
        return
    s0 = run["specs"][0]
    fig = stacked_plots.label_budget_figure(run["summary"], t("stacked.budget.title"), labels())
    views.chart(fig, key=f"{PAGE}.budget")
    st.markdown(budget_sentences(run["summary"]))
    st.caption(t("stacked.budget.ran", data=s0.data.name, stack="-".join(map(str, s0.model.sizes)),
                 epochs=s0.train.epochs, ft=s0.model.finetune_epochs, secs=run["seconds"],
                 seeds=", ".join(str(sp.train.seed) for sp in run["specs"])))


def live_view() -> None:
    if live.active_job(PAGE) is not None:
        live_stack()
    else:
        live.live_job_view(PAGE)  # the finished job's outcome, once


def result_view(result) -> None:
    pretrained = result.model.pretrained_view()  # a copy of the model: made once per rerun
    reconstruction_view(result, pretrained)
    views.metric_row(result.metrics, views.KEY_METRICS[VARIANT])
    # No one-axis loss chart: the phases' losses differ by orders of magnitude and their labels
    # crowded each other; the page draws each layer's curve and the supervised phases' own.
    live.result_footer(PAGE, result, curves=False)
    results(result, pretrained)


st.title(t(f"nav.{PAGE}"))
views.explain(PAGE)

left, right = st.columns([1, 2], gap="large")
with left:
    spec = panel.training_panel(VARIANT, defaults=DEFAULTS, key_prefix=PAGE)
    spec = PRESETS.apply(with_layers(spec, *layer_editor()))
    live.train_controls(spec, PAGE)
    st.button(t("stacked.preset"), key=f"{PAGE}.preset", on_click=apply_preset, icon=":material/category:",
              help=t("stacked.preset_help"), width="stretch", disabled=live.active_job(PAGE) is not None, wrap=True)
with right:
    live.result_block(PAGE, result_view, live_view)
    budget_section(spec)

views.things_to_try(PAGE)
