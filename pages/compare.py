"""Compare: 2–4 variants (or saved runs) on one shared setting, side by side, measured the same way.

Columns fill in as their jobs finish. Every number of the table comes from
``aecore.measure.comparison.measure``; the maps from ``aecore.serving.projection``.
"""


import numpy as np
import pandas as pd
import streamlit as st

from aecore import VARIANTS, FitSpec
from aecore.data.user import display_name
from aecore.measure import comparison
from aecore.measure.metrics import encode, reconstruct
from aecore.plots.common import (
    VARIANT_COLOURS,
    image_grid_figure,
    latent_scatter_figure,
    multi_curve_figure,
    points_figure,
)
from aecore.serving import projection as pj
from aecore.store import runs as runstore
from pages.common import live, panel, polling, state, stepping, urlstate, views
from pages.common.i18n import choice, for_data, plotly_config, t, t_error

PAGE = "compare"
PICK, RUNS, METHOD, MEASURED = (f"{PAGE}.{k}" for k in ("pick", "runs", "method", "measured"))
OFFERED = tuple(v for v in VARIANTS if v != "stacked")  # stacked fine-tunes on the labels: an unfair probe
DEFAULT = ["ae", "denoising"]
MAP_POINTS, IMAGES = 2000, 6  # test rows on each map; test images reconstructed in each column
PER_ROW = 2  # variants side by side: four in one row left ~110 px maps at 1440 px; two per row ~300-500 px
MAP_PX, TILE_PX = 380, 48  # map height; tile size of the reconstruction strips (they shrink to fit)
ss = st.session_state


def config(name: str) -> dict:
    return plotly_config({"displaylogo": False, "toImageButtonOptions": {"filename": f"diabolo-compare-{name}", "scale": 2}})


def kept(key: str, default, url: str, allowed) -> None:
    """Put a widget's value in place before drawing it: the link's (first draw), else the last one kept.

    A list ``default`` reads a comma-separated list from the URL (at most four known names).
    """
    value = ss[state.KEEP].get(key, default)
    if urlstate.first_read(f"{PAGE}.{url}"):
        wanted = [v for v in urlstate.get(url, "").split(",") if v in allowed][:4]
        if wanted:
            value = wanted if isinstance(default, list) else wanted[0]
            ss.pop(key, None)
    ss.setdefault(key, value)


def mirror(url: str, values: list[str], default: list[str]) -> None:
    urlstate.mirror(url, ",".join(values), ",".join(default))


def train_all(shared: FitSpec, names: list[str]) -> None:
    for name in names:
        try:
            live.submit(f"{PAGE}.{name}", shared.with_variant(name))
        except ValueError as e:
            ss[f"{PAGE}.error"] = e  # drawn in the language of the moment (t_error)


def starter(shared: FitSpec | None, names: list[str], ok: bool) -> None:
    """Nothing to compare yet: the chosen variants on the shared setting, one click away (the button
    beside the settings sits below the fold on a small screen)."""
    st.info(t("compare.none"))
    if ok and names:
        text = t("compare.quick", variants=", ".join(t(f"v.{n}") for n in names), epochs=shared.train.epochs,
                 data=display_name(shared.data.name))
        st.button(text, type="primary", icon=":material/play_arrow:", on_click=train_all, args=(shared, names),
                  key=f"{PAGE}.quick")


def load_runs(names: list[str], infos: dict) -> None:
    """Read the chosen saved runs from disk once each (they become results like finished jobs)."""
    for name in names:
        pr = live.current(f"{PAGE}.run.{name}")
        if pr is None or pr.saved_as != name:
            try:
                live.set_loaded_run(f"{PAGE}.run.{name}", runstore.load_run(infos[name].path))
            except ValueError as e:
                st.error(t_error(e))


def measured(key: str, result) -> tuple:
    """(model, measures, test codes) of one column, computed once per model in this session."""
    cache = ss.setdefault(MEASURED, {})
    if key not in cache or cache[key][0] is not result.model:
        with st.spinner(t("compare.measuring")):
            m = comparison.measure(result.model, result.dataset, result.metrics.get("train_seconds"))
            cache[key] = (result.model, m, encode(result.model, result.dataset.x_test[:MAP_POINTS]))
    return cache[key]


def all_pending(job_keys: tuple, task_keys: tuple) -> bool:
    """Every job still runs and every map is still being computed (one that is ready fills its column)."""
    tasks = [pj.projector().get(k) for k in task_keys]
    return not live.any_ended(job_keys) and all(x is not None and x.pending for x in tasks)


@polling.fragment(0.5, pending=all_pending)
def watch(job_keys: tuple, task_keys: tuple) -> None:
    """Progress of the jobs and the maps; a full rerun as soon as one of them is ready, to fill its column."""
    jobs = [j for j in (live.active_job(k) for k in job_keys) if j is not None]
    tasks = [pj.projector().get(k) for k in task_keys]
    snaps = [job.snapshot() for job in jobs]
    stepping.group_pause_controls(jobs, snaps, f"{PAGE}.group")
    for job, snap in zip(jobs, snaps, strict=True):
        text = t("live.queued", pos=snap.queue_position) if snap.status == "queued" else t(
            "live.progress", phase="", epoch=snap.epoch, step=snap.step, pct=100 * snap.progress, secs=snap.elapsed)
        st.progress(snap.progress, text=f"{job.label} — {text}")
    if tasks:
        st.caption(t("compare.maps_pending", n=len(tasks), method=t(f"latent.m.{ss[METHOD]}")))


def column_projection(key: str, z: np.ndarray, method: str, pending: list) -> pj.Projection:
    """The column's map: its 2-D code as is, else PCA now and UMAP / t-SNE once the projector has it."""
    proj = pj.natural_2d(z) or pj.pca_2d(z)
    if proj.method == "pca" and method in pj.BACKGROUND:
        task = pj.projector().submit(z, method, {}, group=f"{state.session_id()}.{key}")
        proj = task.result if task.status == "done" else proj
        pending += [task.key] if task.pending else []
    return proj


def scaled(proj: pj.Projection) -> tuple[np.ndarray, float]:
    """A map centred and divided by its spread (RMS distance from its centre), and that spread.

    A code's size is arbitrary for most variants (the decoder can undo any scaling), and raw maps
    put a sigmoid code in [0, 1] next to a linear one spanning ±3, so each map would be read on
    its own ticks. Scaled, every map is drawn on the same axes and shapes and class separation
    compare directly; the spread is printed under the map.
    """
    xy = np.asarray(proj.coords, np.float64)
    centred = xy - np.nanmean(xy, axis=0)
    spread = float(np.sqrt(np.nanmean(np.sum(centred**2, axis=1)))) if len(xy) else 0.0
    return (centred / spread if spread > 0 else centred), spread


def shared_ranges(maps: list[np.ndarray]) -> tuple[list[float], list[float]]:
    """One x and one y range over all (scaled) maps, so that they share a scale."""
    xy = np.concatenate(maps)
    lo, hi = np.nanmin(xy, axis=0), np.nanmax(xy, axis=0)
    pad = 0.05 * np.maximum(hi - lo, 1e-6)
    return [float(lo[0] - pad[0]), float(hi[0] + pad[0])], [float(lo[1] - pad[1]), float(hi[1] + pad[1])]


def column_map(key: str, result, proj: pj.Projection, method: str, ranges: tuple) -> None:
    ds = result.dataset
    z = measured(key, result)[2]
    rows, y = np.arange(len(z)), None if ds.y_test is None else ds.y_test[:MAP_POINTS]
    xy, spread = scaled(proj)
    axes = tuple(t(f"latent.axis.{name}", i=i) for name, i in pj.axis_names(proj.method))
    fig = latent_scatter_figure(xy, None if y is None else y[proj.rows], ds.class_names, axis_titles=axes,
                                rows=rows[proj.rows], hover=(t("latent.row"), t("latent.label")),
                                uirevision=f"{key}|{proj.method}", height=MAP_PX, legend=False, marker_size=4)
    fig.update_xaxes(range=ranges[0], nticks=6)
    fig.update_yaxes(range=ranges[1], nticks=6)
    fig.update_layout(margin={"l": 56, "r": 12, "t": 10, "b": 48}, font={"size": 14})
    st.plotly_chart(fig, theme=None, key=f"{PAGE}.map.{key}", config=config(f"map-{key}"))
    note = t("compare.spread", spread=spread)
    if proj.method != method and method in pj.BACKGROUND:
        note += " " + t("compare.pca_for_now", method=t(f"latent.m.{method}"))
    st.caption(note)


def column(key: str, label: str, result, proj: pj.Projection, method: str, ranges: tuple, note: str = "") -> None:
    """One variant: name, the same test images reconstructed, its latent map (on the shared scale)."""
    colour = VARIANT_COLOURS[result.spec.model.variant]
    st.markdown(f"<span style='color:{colour};font-size:1.4em'>●</span> **{label}**", unsafe_allow_html=True)
    if note:
        st.caption(note)
    ds = result.dataset
    if ds.dim == 2:
        x = ds.x_test[:300]
        fig = points_figure(x, reconstruct(result.model, x), colour=colour, names=(t("row.original"),
                            t("row.reconstruction")))
        fig.update_layout(height=300, showlegend=False, margin={"l": 40, "r": 10, "t": 10, "b": 30})
    else:
        x = ds.x_test[:IMAGES]
        # the figure takes the column's width and shrinks its tiles to fit: never cut, at most TILE_PX
        fig = image_grid_figure([x, reconstruct(result.model, x)], ds.image_shape or (1, ds.dim),
                                zrange=(0.0, 1.0) if ds.unit_range else None, tile_px=TILE_PX if ds.image_shape else 20)
    st.plotly_chart(fig, theme=None, key=f"{PAGE}.recon.{key}", config=config(f"recon-{key}"))
    st.caption(for_data(t("compare.recon_rows"), ds.image_shape) if ds.dim > 2 else t("compare.recon_points"))
    column_map(key, result, proj, method, ranges)


def curves_view(results: dict, labels: dict) -> None:
    """Loss curves overlaid, one colour per variant: each one's own objective relative to its epoch 1."""
    curves = []
    for k, r in results.items():
        x, y = comparison.relative_curve(r.history)
        curves.append({"name": labels[k], "x": x, "y": y, "colour": VARIANT_COLOURS[r.spec.model.variant],
                       "dash": "dot" if k.startswith("run:") else "solid"})
    fig = multi_curve_figure(curves, t("compare.curves_rel"), t("curve.epoch"), t("compare.curves_y"), log_y=True)
    # the legend at the figure's bottom edge, below the axis title (relative to the plot it met it)
    fig.update_layout(legend={"yref": "container", "y": 0.01, "yanchor": "bottom", "x": 0, "xanchor": "left"},
                      margin={"b": 130})
    if max((max(c["x"], default=0) for c in curves), default=0) <= 12:
        fig.update_xaxes(dtick=1)
    st.plotly_chart(fig, theme=None, key=f"{PAGE}.curves", config=config("curves"))
    st.caption(t("compare.curves_how"))


def cell(key: str, value, best: set, col: str) -> str:
    if value is None:
        return "—"
    text = t(f"o.{value}", default=t(f"compare.{value}")) if isinstance(value, str) else views.format_metric(key, value)
    return text + (" ★" if col in best else "")


def table_view(results: dict, labels: dict) -> None:
    m = {k: measured(k, r)[1] for k, r in results.items()}
    rows = comparison.table(m)
    frame = pd.DataFrame({t(f"compare.m.{ms.key}", default=t(f"m.{ms.key}")): {labels[c]: cell(ms.key, v, best, c)
                          for c, v in values.items()} for ms, values, best in rows}).T
    frame.insert(0, t("compare.better"), [t(f"compare.better.{ms.better}") for ms, _, _ in rows])
    st.markdown(f"**{t('compare.table')}**")
    st.table(frame)  # a static table wraps its cells: no measure name or value is cut (a dataframe's are)
    st.caption(t("compare.how"))
    st.download_button(t("compare.csv"), data=comparison.table_csv(m, labels), file_name="diabolo-compare.csv",
                       mime="text/csv", icon=":material/download:", key=f"{PAGE}.csv")


def variant_grid(slots, found, same, labels, projs, ranges, method, shared, ref) -> None:
    """The variants, PER_ROW side by side across the page's whole width (beside the settings they were
    ~170 px maps at 1280 px): reconstructions and the map of each, or why it has none yet."""
    if len(projs) > 1:
        st.caption(t("compare.shared_scale"))
    for start in range(0, len(slots), PER_ROW):
        cols = st.columns(PER_ROW, gap="medium")
        for col, k in zip(cols, slots[start:start + PER_ROW], strict=False):
            with col:
                r, pr = found.get(k), live.current(f"{PAGE}.{k}")
                if r is None:
                    st.markdown(f"**{t(f'v.{k}') if k in VARIANTS else '💾 ' + k[4:]}**")
                    if (job := live.active_job(f"{PAGE}.{k}")) is not None:
                        st.caption(t(f"short.{job.snapshot().status}"))
                    elif pr is not None and pr.status in live.FINAL:  # stopped before it trained, failed, diverged
                        st.error(t(f"status.{pr.status}") + (f" — {t_error(pr.message)}" if pr.message else ""))
                    else:
                        st.caption(t("compare.not_trained"))
                elif k not in same:
                    st.markdown(f"**{labels[k]}**")
                    st.warning(t("compare.other_data", data=display_name(r.spec.data.name), ref=ref.name))
                else:
                    stale = k in VARIANTS and shared is not None and r.spec != shared.with_variant(k)
                    column(k, labels[k], r, projs[k], method, ranges, t("compare.stale") if stale else "")


# the variant pills wrap (by default they scroll sideways out of the narrow column) and the saved runs'
# chips show their whole names (BaseWeb cuts a tag at ~130 px: "my-long-ru…")
CHIPS_CSS = """<style>
.st-key-compare-pick [data-testid="stButtonGroup"] > div {flex-wrap: wrap; overflow-x: visible;}
.st-key-compare-runs [data-baseweb="select"] > div > div:first-child {flex-wrap: wrap;}
.st-key-compare-runs [data-baseweb="tag"] {max-width: none; height: auto;}
.st-key-compare-runs [data-baseweb="tag"] span {max-width: none; overflow: visible; text-overflow: clip;
  white-space: normal;}
</style>"""

st.title(t(f"nav.{PAGE}"))
st.html(CHIPS_CSS)
views.explain(PAGE)
st.caption(t("compare.offered"))
try:
    infos = {r.name: r for r in runstore.list_runs() if r.variant in OFFERED}
except (ValueError, OSError) as e:
    st.warning(t_error(e))
    infos = {}
kept(PICK, DEFAULT, "variants", OFFERED)
kept(RUNS, [], "runs", infos)
kept(METHOD, "pca", "map", pj.METHODS)
left, right = st.columns([1.3, 3], gap="large")
with left:
    # pills, not a multiselect: every chosen name stays whole ("Contractiv…" in a narrow column)
    names = choice(st.pills, t("compare.pick"), list(OFFERED), key=PICK, format_func=lambda n: t(f"v.{n}"),
                   selection_mode="multi", help=t("compare.pick_help")) or []
    runs = st.multiselect(t("compare.runs"), list(infos), key=RUNS, max_selections=4, help=t("compare.runs_help"),
                          placeholder=t("compare.runs_none") if not infos else t("compare.runs_placeholder"))
    # Train all sits under the choice of variants, above the settings it reads (drawn after them into
    # this slot): below the panel it was under the fold at 1280×720.
    actions = st.container()
    shared = panel.training_panel(None, key_prefix=PAGE)
    keys = [f"{PAGE}.{n}" for n in names]
    busy = any(live.active_job(k) is not None for k in keys)
    ok = shared is not None and 2 <= len(names) + len(runs) <= 4
    with actions, st.container(horizontal=True, gap="small"):  # buttons as wide as their labels (columns cut "Trai…")
        st.button(t("compare.train_all"), type="primary", icon=":material/play_arrow:",
                  disabled=busy or not ok or not names, on_click=train_all, args=(shared, names), key=f"{PAGE}.train",
                  wrap=True)
        st.button(t("btn.stop"), icon=":material/stop:", disabled=not busy, key=f"{PAGE}.stop", wrap=True,
                  on_click=lambda: [live.stop(k) for k in keys])
    if not 2 <= len(names) + len(runs) <= 4:
        with actions:
            st.caption(t("compare.need"))
for key, value, url, default in ((PICK, names, "variants", DEFAULT), (RUNS, runs, "runs", [])):
    ss[state.KEEP][key] = value
    mirror(url, value, default)
load_runs(runs, infos)
with right:
    if err := ss.pop(f"{PAGE}.error", None):
        st.error(t_error(err))
    found = {n: r for n in names if (r := live.current_result(f"{PAGE}.{n}")) is not None}
    found |= {f"run:{n}": r for n in runs if (r := live.current_result(f"{PAGE}.run.{n}")) is not None}
    labels = {k: t(f"v.{k}") if k in VARIANTS else f"💾 {k[4:]}" for k in found}
    ref = shared.data if shared is not None else next((r.spec.data for r in found.values()), None)
    same = {k: r for k, r in found.items() if r.spec.data == ref}
    method = choice(st.segmented_control, t("compare.method"), list(pj.METHODS), key=METHOD, required=True,
                    format_func=lambda m: t(f"latent.m.{m}"))
    ss[state.KEEP][METHOD] = method
    mirror("map", [method], ["pca"])
    progress, pending = st.container(), []
    slots = names + [f"run:{n}" for n in runs]
    drawable = {k: found[k] for k in slots if k in same}
    projs = {k: column_projection(k, measured(k, r)[2], method, pending) for k, r in drawable.items()}
    ranges = shared_ranges([scaled(p)[0] for p in projs.values()]) if projs else None
    active = tuple(k for k in keys if live.active_job(k) is not None)
    if active or pending:
        with progress:
            watch(active, tuple(pending))
    if same:
        curves_view(same, labels)
        table_view(same, labels)
    elif not busy:
        starter(shared, names, ok)
variant_grid(slots, found, same, labels, projs, ranges, method, shared, ref)
