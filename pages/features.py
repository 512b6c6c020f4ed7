"""Features: learned codes against hand-crafted features, the same linear classifier and labels for all.

Numbers: ``aecore.labs.features`` (the autoencoders train as jobs through the job manager, the
hand-crafted features and every probe run in the comparison's background thread); figures:
``aecore.plots.features``. The page only submits, polls and draws.
"""

import pandas as pd
import streamlit as st

from aecore.data.registry import DataUnavailableError, dataset_info
from aecore.labs import features as lab
from aecore.plots import features as plots
from pages.common import live, polling, state, views
from pages.common.i18n import Text, choice, t, t_labels

PAGE = "features"
DATASETS = ("digits", "mnist", "fashion-mnist")
DATA_PICK, TASK = f"{PAGE}.data", f"{PAGE}.task"
JOBS = {v: f"{PAGE}.ae.{v}" for v in lab.AE_VARIANTS}
ss = st.session_state


def config(data: str) -> lab.FeaturesConfig:
    return lab.PAGE_RUNS[data]


def display_names() -> dict[str, str]:
    return {**{k: t(f"features.name.{k}") for k in lab.HAND}, **{v: t(f"features.code.{v}", name=t(f"v.{v}"))
                                                                 for v in lab.AE_VARIANTS}}


def start(cfg: lab.FeaturesConfig) -> None:
    """Submit one job per autoencoder (they show in the sidebar) and start the comparison beside them."""
    jobs = {}
    for name, spec in lab.ae_specs(cfg).items():
        job_id = live.submit(JOBS[name], spec, label=Text.of("features.job", name=Text.of(f"v.{name}")))
        jobs[name] = state.jobs().get(job_id)
    ss[TASK] = lab.ComparisonTask(cfg, jobs).start()


def busy() -> bool:
    task = ss.get(TASK)
    return task is not None and not task.done.is_set()


def unfinished() -> bool:
    task = ss.get(TASK)
    return task is None or not task.done.is_set()


@polling.fragment(2 * live.POLL_S, pending=unfinished)
def progress_view() -> None:
    task = ss.get(TASK)
    if task is None:
        return
    now = t(f"features.name.{task.current}", default="") or (t(f"v.{task.current}") if task.current else "")
    st.progress(task.progress, text=t("features.progress", done=len(task.snapshot()), total=task.total, now=now))


def table(results: dict, names: dict) -> pd.DataFrame:
    budgets = next(iter(results.values())).budgets
    rows = []
    for key, r in results.items():
        row = {t("features.col.features"): names[key], t("features.col.dim"): r.dim}
        row.update({t("features.col.budget", n=n): f"{a:.1%}" for n, a in zip(budgets, r.accuracy, strict=True)})
        row[t("features.col.fit")] = f"{r.fit_seconds:.2g}"
        row[t("features.col.classify")] = f"{sum(r.classify_seconds):.2g}"
        rows.append(row)
    return pd.DataFrame(rows).set_index(t("features.col.features"))


def reading(results: dict, names: dict) -> str:
    """The sentence under the figures, every number from ``features.summary``."""
    s = lab.summary(results)
    acc, parts = s["acc"], []
    for i, word in ((s["few"], "few"), (s["most"], "most")):
        n, best = s["budgets"][i], s["best"][i]
        code, hand = s["best_code"][i], s["best_hand"][i]
        parts.append(t(f"features.read.{word}", n=n, best=names[best], acc=acc[best][i], pixels=acc["pixels"][i]))
        if code is not None and hand is not None:
            parts.append(t("features.read.groups", code=names[code], code_acc=acc[code][i], hand=names[hand],
                           hand_acc=acc[hand][i], diff=100 * (acc[code][i] - acc[hand][i])))
    codes = [k for k in results if k in lab.AE_VARIANTS]
    if codes:
        few, most = s["few"], s["most"]
        gain_few = 100 * (max(acc[k][few] for k in codes) - acc["pixels"][few])
        gain_most = 100 * (max(acc[k][most] for k in codes) - acc["pixels"][most])
        parts.append(t("features.read.codes_vs_pixels", few=s["budgets"][few], most=s["budgets"][most],
                       gain_few=gain_few, gain_most=gain_most))
        if gain_few > 0.5 and gain_few > gain_most + 0.5:  # half a point: smaller moves are noise on 360 test images
            parts.append(t("features.read.few_labels_help"))
        elif gain_few <= 0.5:
            parts.append(t("features.read.no_help"))
        secs = sorted(results[k].fit_seconds for k in codes)
        hand = [k for k in ("hog", "gabor") if k in results]
        parts.append(t("features.read.cost", lo=secs[0], hi=secs[-1],
                       hand=", ".join(f"{names[k]} {results[k].fit_seconds:.2g} s" for k in hand) or "—",
                       pca=results["pca"].fit_seconds if "pca" in results else 0.0))
    return " ".join(parts)


def results_view(task: lab.ComparisonTask) -> None:
    results = task.snapshot()
    if task.error:
        st.error(t("features.failed", error=task.error))
    if "pixels" not in results:
        return
    names = display_names()
    cfg = task.cfg
    st.subheader(t("features.results", data=cfg.data))
    views.chart(plots.accuracy_figure(results, names, labels=t_labels("features.acc", plots.ACCURACY_LABELS)),
                key=f"{PAGE}.accuracy", title_px=700)
    missing = [names[v] for v in lab.AE_VARIANTS if v not in results]
    if missing:
        st.warning(t("features.missing", names=", ".join(missing)))
    st.markdown(reading(results, names))
    # A static table: every row and column in view (a scrolling frame hid "classify (s)" and the
    # last row at 1280×720).
    st.table(table(results, names))
    views.chart(plots.cost_figure(results, names, labels=t_labels("features.cost", plots.COST_LABELS)),
                key=f"{PAGE}.cost", title_px=700)
    st.caption(t("features.protocol", rows=cfg.unlabelled_rows or t("features.all_rows"), code=cfg.code,
                 epochs=cfg.epochs, test=cfg.test_rows or t("features.all_rows")))


st.title(t(f"nav.{PAGE}"))
st.markdown(t("features.explain"))
if ss.get(DATA_PICK) not in DATASETS:
    ss[DATA_PICK] = "digits"
left, right = st.columns([1, 2], gap="large")
with left:
    data = choice(st.selectbox, t("features.data"), list(DATASETS), key=DATA_PICK,
                  format_func={d: t(f"features.data.{d}") for d in DATASETS}.get)  # labels drawn now, in this language
    available = dataset_info(data).available
    cfg = config(data)
    if not available:
        try:
            lab.prepare(cfg)
        except DataUnavailableError as e:
            st.warning(str(e))
        except ValueError as e:
            st.error(str(e))
    st.button(t("features.go"), key=f"{PAGE}.go", type="primary", icon=":material/play_arrow:",
              disabled=busy() or not available, on_click=start, args=(cfg,))
    st.caption(t("features.plan", n=len(lab.HAND) + len(lab.AE_VARIANTS), k=cfg.code, epochs=cfg.epochs,
                 rows=cfg.unlabelled_rows or t("features.all_rows"),
                 budgets=", ".join(str(n) if n else t("features.all") for n in cfg.budgets)))
with right:
    task = ss.get(TASK)
    if task is not None and not task.done.is_set():
        progress_view()
        live.live_group_view(list(JOBS.values()))  # the autoencoders' jobs, one bar each
    elif task is None:
        st.info(t("features.none"))
if task is not None and task.done.is_set():
    results_view(task)
views.things_to_try(PAGE)
