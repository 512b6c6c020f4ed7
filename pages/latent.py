"""Latent space: where a trained encoder puts a data split; click or lasso points to see them.

A 2-D code is drawn as it is; a wider one on its first two principal components at once, and
with UMAP or t-SNE once the background projector (``aecore/serving/projection.py``) has them.
"""

from functools import partial

import numpy as np
import streamlit as st

from aecore import DataConfig, FitSpec, ModelConfig, TrainConfig
from aecore.data.user import display_name
from aecore.labs.vae import interpolate
from aecore.measure.metrics import decode, encode, reconstruct
from aecore.plots.common import image_grid_figure, latent_scatter_figure, points_figure
from aecore.serving import projection as pj
from aecore.store import runs as runstore
from pages.common import live, nav, polling, state, views
from pages.common.i18n import choice, plotly_config, t, t_error

PAGE = "latent"
PICK, SPLIT, POINTS, METHOD, RUN, CODES, MAP, PICKED = (
    f"{PAGE}.{k}" for k in ("pick", "split", "points", "method", "run", "codes", "map", "picked"))
QUICK = f"{PAGE}.quick"  # results key of the model trained by the empty page's one click
QUICK_CODE, QUICK_EPOCHS = 8, 20
SHOWN, STEPS = 12, 9  # selected examples drawn at most; images along an interpolation
MAP_PX = 600  # map height: at 1280×720 the whole map and the controls above it fit in the window
CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["autoScale2d"],
          "toImageButtonOptions": {"filename": "diabolo-latent-map", "scale": 2}}
ss = st.session_state


def model_label(key: str, result) -> str | None:
    """How the picker names a session model: its page, variant and data (None: not a page's model)."""
    page = key.split(".")[0]
    if page not in {p.key for p in nav.PAGES}:
        return None
    return f"{t(nav.page(page).title_key)} — {t('v.' + result.spec.model.variant)} ({display_name(result.dataset.name)})"


def choices() -> dict[str, str]:
    """Option → label: "page:<results key>" for this session's models, "run:<path>" for saved runs.

    The options are language-free, so the choice survives a language switch; only labels are translated.
    """
    out = {}
    for key, pr in ss[state.RESULTS].items():
        if pr.result is None or key == PAGE or key.startswith("compare.run."):
            continue
        if (label := model_label(key, pr.result)) is not None:
            out[f"page:{key}"] = label
    try:
        for run in runstore.list_runs():
            out[f"run:{run.path}"] = f"💾 {run.name}"
    except (ValueError, OSError) as e:
        st.warning(t_error(e))
    return out


def quick_spec() -> FitSpec:
    """The one-click model of an empty page: a plain autoencoder with an 8-number code on the digits.

    Digits train in seconds, have ten labelled classes to colour the map, and an 8-number code
    is wide enough that PCA, UMAP and t-SNE draw different maps of it.
    """
    return FitSpec(DataConfig("digits"), ModelConfig(latent=QUICK_CODE), TrainConfig(epochs=QUICK_EPOCHS))


def starter() -> None:
    """No model to map yet: one click trains :func:`quick_spec` here, with its live view (the map follows)."""
    spec = quick_spec()
    st.info(t("latent.none"))
    running = live.active_job(QUICK) is not None
    st.button(t("latent.quick", code=spec.model.latent, epochs=spec.train.epochs), key=f"{QUICK}.train",
              type="primary", icon=":material/play_arrow:", disabled=running, on_click=live.submit,
              args=(QUICK, spec))
    live.live_job_view(QUICK)


def chosen_result(option: str):
    """The chosen model's FitResult; a saved run is read from disk once, then kept as this page's result."""
    kind, ref = option.split(":", 1)
    if kind == "page":
        return live.current_result(ref)
    if ss.get(RUN) != ref or live.current_result(PAGE) is None:
        live.set_loaded_run(PAGE, runstore.load_run(ref))
        ss[RUN] = ref
    return live.current_result(PAGE)


def encoded(result, split: str, n: int):
    """(rows, codes) of ``n`` rows of the split, kept in this session until the model or choice changes."""
    got = ss.get(CODES)
    if got is None or got[0] is not result.model or got[1:3] != (split, n):
        x = result.dataset.x_train if split == "train" else result.dataset.x_test
        rows = pj.sample_rows(len(x), n, seed=0)
        got = ss[CODES] = (result.model, split, n, rows, encode(result.model, x[rows]))
    return got[3], got[4]


def method_params(method: str) -> dict:
    if method == "umap":
        return {"n_neighbors": ss.get(f"{PAGE}.nn", 15), "min_dist": ss.get(f"{PAGE}.md", 0.1)}
    return {"perplexity": float(ss.get(f"{PAGE}.perp", 30))} if method == "tsne" else {}


def projecting(key: tuple, method: str) -> bool:
    task = pj.projector().get(key)
    return task is not None and task.pending


@polling.fragment(0.5, pending=projecting)
def waiting(key: tuple, method: str) -> None:
    """Progress of the background projection; a full rerun swaps the map in when it is ready."""
    task, warm = pj.projector().get(key), pj.projector().warm
    name = t(f"latent.m.{method}")
    if task.status == "queued" and warm is not None and warm.pending:
        st.progress(0.0, text=t("latent.compiling", name=name, secs=warm.elapsed))
    elif task.status == "queued":
        st.progress(0.0, text=t("latent.queued", name=name, pos=pj.projector().queue_position(task)))
    elif task.phase == "layout":
        st.progress(task.progress, text=t("latent.layout", name=name, pct=100 * task.progress, secs=task.elapsed))
    else:
        st.progress(0.0, text=t(f"latent.phase.{task.phase or 'tsne'}", name=name, secs=task.elapsed))


def rows_figure(ds, rows: list[np.ndarray], titles: list[str], title: str | None = None, tile_px: int = 64):
    """Images (or 2-D points, or bars of other vectors) of a few examples, one row per array."""
    if ds.dim == 2:
        return points_figure(rows[0], rows[1] if len(rows) > 1 else None, title=title, names=tuple(titles[:2]) * 2)
    zr = (0.0, 1.0) if ds.unit_range else None
    return image_grid_figure(rows, ds.image_shape or (1, ds.dim), titles, title=title, zrange=zr,
                             tile_px=tile_px if ds.image_shape else 24)


def selection_view(result, split: str, picked: list[int]) -> None:
    """The selected examples above their reconstructions; for two or more, the decoded path between two."""
    ds, model = result.dataset, result.model
    x = ds.x_train if split == "train" else ds.x_test
    if not picked:
        st.info(t("latent.hint"), icon=":material/ads_click:")
        return
    sel = picked[:: max(1, len(picked) // SHOWN)][:SHOWN]  # spread over the selection (it comes class by class)
    st.markdown(f"**{t('latent.selected', n=len(picked), shown=len(sel))}**")
    if ds.y_test is not None and len(sel) <= 6:
        st.caption(", ".join(f"#{r} ({label_of(ds, split, r)})" for r in sel))
    x_hat = reconstruct(model, x[sel])
    names = [t("row.original"), t("row.reconstruction")]
    rows = [a for i in range(0, len(sel), 6) for a in (x[sel[i:i + 6]], x_hat[i:i + 6])] if ds.dim > 2 else [
        x[sel], x_hat]
    # the column is ~280-560 px wide: 6 tiles of ~44 px fill it without empty bands above and below
    views.chart(rows_figure(ds, rows, names * (len(rows) // 2), tile_px=44), key=f"{PAGE}.selected")
    if len(picked) < 2:
        st.caption(t("latent.two_hint"))
        return
    c1, c2 = st.columns(2)
    a = c1.selectbox(t("latent.from"), picked, key=f"{PAGE}.a", format_func=lambda r: f"#{r}")
    b = c2.selectbox(t("latent.to"), picked, index=1, key=f"{PAGE}.b", format_func=lambda r: f"#{r}")
    how = choice(st.segmented_control, t("latent.path"), ["linear", "slerp"], key=f"{PAGE}.how", default="linear",
                 required=True, format_func=lambda m: t(f"latent.path.{m}"))
    za, zb = encode(model, x[[a, b]])
    try:
        path = interpolate(za, zb, STEPS, how)
    except ValueError as e:
        st.error(t_error(e))
        return
    st.markdown(f"**{t('latent.interp_title', a=a, b=b)}**")
    views.chart(rows_figure(ds, [decode(model, path)], [""], tile_px=56), key=f"{PAGE}.interp")


def remember_selection(context: tuple) -> None:
    """on_select: keep the rows the user picked, so that a map swapped in (PCA → UMAP) does not drop them.

    Streamlit gives a changed figure a new widget identity with an empty selection, and the next tick
    of a polling fragment (the projection's progress) may report that empty selection to this callback
    (the map changes as soon as a row is picked: it is highlighted and its legend moves). The map is in
    no fragment, so a real select or clear always comes in a full rerun; a tick's call is ignored.
    """
    if polling.fragment_rerun():
        return
    ss[PICKED] = (context, pj.selected_rows(ss[MAP].selection.points))


def highlight(fig, rows: list[int]) -> None:
    """Mark ``rows`` (row numbers, the traces' customdata) as the map's selection.

    The browser draws a selection only on the figure it was made on; a map swapped in (PCA →
    UMAP, or a new layout) gets it from here, so the kept selection stays visible.
    """
    if not rows:
        return
    keep = set(int(r) for r in rows)
    for trace in fig.data:
        ids = trace.customdata if trace.customdata is not None else ()
        trace.selectedpoints = [i for i, r in enumerate(ids) if int(r) in keep]
        trace.selected = {"marker": {"opacity": 1.0}}
        trace.unselected = {"marker": {"opacity": 0.15}}


def picked_rows(context: tuple) -> list[int]:
    got = ss.get(PICKED)
    return got[1] if got is not None and got[0] == context else []


def labels_of(ds, split: str):
    return ds.y_train if split == "train" else ds.y_test


def label_of(ds, split: str, row: int) -> str:
    c = int(labels_of(ds, split)[row])
    return ds.class_names[c] if ds.class_names and c < len(ds.class_names) else str(c)


def explore(options: dict) -> None:
    """The model picker, the map and the selection, for one of ``options`` (see :func:`choices`)."""
    # the model picker on its own row: four controls in one row cut "测试集 训练集" and "t-SNE" at 1280 px
    c1 = st.container()
    c2, c3, c4 = st.columns([1.6, 1.6, 2.2], vertical_alignment="bottom")
    if PICK not in ss and ss[state.KEEP].get(PICK) in options:  # the last choice, back from another page
        ss[PICK] = ss[state.KEEP][PICK]
    picked = ss[state.KEEP][PICK] = choice(c1.selectbox, t("latent.pick"), list(options), key=PICK,
                                           format_func=options.get)
    try:
        result = chosen_result(picked)
    except ValueError as e:
        st.error(t_error(e))
        return
    ds = result.dataset
    split = choice(c2.segmented_control, t("latent.split"), ["test", "train"], key=SPLIT, default="test",
                   required=True, format_func=lambda s: t(f"latent.split.{s}"))
    total = ds.n_train if split == "train" else ds.n_test
    sizes = [n for n in (500, 1000, 2000, 5000) if n < total] + [min(total, pj.MAX_POINTS)]
    if ss.get(POINTS) not in sizes:
        ss[POINTS] = sizes[-1]
    n = c3.select_slider(t("latent.points"), sizes, key=POINTS, format_func=lambda v: f"{v:,}",
                         help=t("latent.points_help", max=pj.MAX_POINTS)) if len(sizes) > 1 else sizes[0]
    rows, z = encoded(result, split, n)
    y = None if labels_of(ds, split) is None else labels_of(ds, split)[rows]
    proj, pending = pj.natural_2d(z), None
    if proj is None:
        method = choice(c4.segmented_control, t("latent.method"), list(pj.METHODS), key=METHOD, default="pca",
                        required=True, format_func=lambda m: t(f"latent.m.{m}"))
        with st.expander(t("latent.settings")):
            s1, s2, s3 = st.columns(3)
            s1.slider(t("latent.nn"), 5, 50, 15, key=f"{PAGE}.nn", help=t("latent.nn_help"))
            s2.select_slider(t("latent.md"), [0.0, 0.05, 0.1, 0.25, 0.5, 0.8], 0.1, key=f"{PAGE}.md", help=t("latent.md_help"))
            s3.slider(t("latent.perp"), 5, 50, 30, key=f"{PAGE}.perp", help=t("latent.perp_help"))
        proj = pj.pca_2d(z)
        if method in pj.BACKGROUND:
            task = pj.projector().submit(z, method, method_params(method), group=f"{state.session_id()}.{PAGE}")
            if task.status == "done":
                proj = task.result
            elif task.status == "failed":
                st.error(t("latent.failed", name=t(f"latent.m.{method}"), error=task.error))
            else:
                pending = task
    else:
        c4.caption(t("latent.raw_axes" if proj.method == "code" else "latent.one_dim"))
    chosen = picked_rows((picked, split))
    # Nothing picked yet: the map takes the whole width (beside a lone hint it was a narrow map next to
    # empty space); once rows are picked they are shown beside it.
    left, right = st.columns([3, 2], gap="large") if chosen else (st.container(), st.container())
    with left:
        if pending is not None:
            waiting(pending.key, pending.method)
        axes = tuple(t(f"latent.axis.{name}", i=i) for name, i in pj.axis_names(proj.method))
        fig = latent_scatter_figure(proj.coords, None if y is None else np.asarray(y)[proj.rows], ds.class_names,
                                    axis_titles=axes, rows=np.asarray(rows)[proj.rows], height=MAP_PX,
                                    hover=(t("latent.row"), t("latent.label")),
                                    uirevision=f"{picked}|{split}|{n}|{proj.method}")
        highlight(fig, chosen)
        if chosen:  # beside the selection the map is narrow: its legend goes below, not beside it
            fig.update_layout(legend={"orientation": "h", "x": 0, "xanchor": "left", "yref": "container", "y": 0.01,
                                      "yanchor": "bottom"}, margin={"r": 16, "b": 130})
        st.plotly_chart(fig, theme=None, key=MAP, on_select=partial(remember_selection, (picked, split)),
                        selection_mode=("points", "box", "lasso"), config=plotly_config(CONFIG))
        about = t("latent.about" if proj.method in pj.METHODS else "latent.about_code", method=t(f"latent.m.{proj.method}"),
                  n=len(proj.rows), k=z.shape[1], split=t(f"latent.split.{split}"), secs=proj.seconds)
        st.caption(about + (" " + t("latent.subsampled", n=len(proj.rows)) if proj.subsampled else "")
                   + (" " + t("latent.meanwhile") if pending is not None else ""))
        st.download_button(t("latent.csv"), data=lambda: pj.export_csv(proj, z, rows, y, ds.class_names),
                           file_name=f"diabolo-latent-{proj.method}-{split}.csv", mime="text/csv",
                           icon=":material/download:", key=f"{PAGE}.csv")
    with right:
        selection_view(result, split, chosen)


st.title(t(f"nav.{PAGE}"))
views.explain(PAGE)
st.caption(t("latent.methods"))
if live.just_collected(QUICK) and (quick := live.current_result(QUICK)) is not None:  # the one click just finished
    ss.pop(PICK, None)
    ss[state.KEEP][PICK] = f"page:{QUICK}"  # the picker opens on it
options = choices()
if options and live.active_job(QUICK) is None:
    explore(options)
else:
    starter()
