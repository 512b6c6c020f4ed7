"""Live training on a page: Train/Stop, the polling view, and the page's current result.

The script thread only submits jobs and reads ``Job.snapshot()``. While a page's job is
queued or running, ``live_job_view`` draws an ``st.fragment(run_every=POLL_S)`` that
refreshes progress, curves and reconstructions; when the job ends it triggers one full
rerun, the result moves into this session's state (the manager forgets the job) and the
page draws it. A saved run loaded from the Runs page takes the same place.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field

import streamlit as st

from aecore import FitResult, FitSpec, TrainResult, variant
from aecore.data.user import display_name
from aecore.plots.common import COLUMN_PX, image_grid_figure, loss_curve_figure, points_figure
from aecore.serving.jobs import JobSnapshot
from aecore.store import runs as runstore
from aecore.training.plan import planned_epochs

from . import codemap, polling, state, stepping
from .i18n import Text, t, t_data, t_error, t_phase
from .panel import dataset_preview
from .views import chart, colour, curve_labels, loss_caption

pause_controls = stepping.pause_controls  # for pages that draw their own live fragment (Stacked)
POLL_S = polling.POLL_S
TRAINBAR = "trainbar-"  # key prefix of a page's Train/Stop bar (views.PAGE_CSS makes it sticky)
LIVE_SENT = "live_sent"  # session key: job id → {setting: value} already sent to that running job
FINAL = {"done": "success", "early_stopped": "success", "stopped": "info", "cancelled": "info",
         "diverged": "error", "failed": "error"}


@dataclass
class PageResult:
    """What a page shows below its panel: a finished job's result or a loaded run."""

    result: FitResult | None
    status: str
    message: str = ""
    label: str = ""
    steps: list[int] = field(default_factory=list)
    losses: list[float] = field(default_factory=list)
    saved_as: str | None = None  # run name once saved (or the run it was loaded from)
    finished: float = field(default_factory=time.time)


# ---- controls ------------------------------------------------------------------------------
def active_job(page_key: str):
    """The page's queued or running job, or None."""
    job_id = st.session_state[state.ACTIVE].get(page_key)
    return state.jobs().get(job_id) if job_id else None


def submit(page_key: str, spec: FitSpec, label: Text | None = None) -> str:
    """Queue ``spec`` for this session; the page's previous result is replaced when it finishes.

    ``label`` (default: the variant's name) is a ``Text``: the job is named in the language of
    whoever reads its label later (sidebar, progress bars), not in the one it was submitted in.
    """
    job = state.jobs().submit(state.session_id(), spec, label or Text.of(f"v.{spec.model.variant}"))
    st.session_state[state.ACTIVE][page_key] = job.id
    st.session_state[state.JOB_LOG][job.id] = {"label": job.label, "page": page_key, "status": "queued",
                                              "message": ""}
    return job.id


def stop(page_key: str) -> None:
    job = active_job(page_key)
    if job is not None:
        job.stop()
        st.session_state[state.STOPPING].add(job.id)


def train_controls(spec: FitSpec | None, page_key: str, label: str | None = None) -> None:
    """**Train** and **Stop**: Train is off while the page's job runs or the settings are invalid."""
    job = active_job(page_key)
    running = job is not None
    if running and spec is not None:
        send_live_changes(job, spec)
    # One bar, buttons as wide as their labels (fixed columns cut them to "Tr…" or an icon); it
    # stays in view at the window's bottom while the settings are on screen (views.PAGE_CSS).
    with st.container(key=f"{TRAINBAR}{page_key}", horizontal=True, vertical_alignment="center", gap="small"):
        st.button(t("btn.train"), key=f"{page_key}.train", type="primary", icon=":material/play_arrow:",
                  disabled=spec is None or running, on_click=submit, args=(page_key, spec, label), wrap=True)
        st.button(t("btn.stop"), key=f"{page_key}.stop", icon=":material/stop:", disabled=not running,
                  on_click=stop, args=(page_key,), wrap=True)
        if spec is not None:
            st.caption(t("live.planned", epochs=planned_epochs(spec), data=display_name(spec.data.name)),
                       width="content")
    sent = st.session_state.get(LIVE_SENT, {}).get(job.id) if running else None
    if sent:
        values = ", ".join(f"{t(f'p.{k}')} = {v:g}" for k, v in sent.items())
        st.caption(t("live.sent", values=values), help=t("live.sent_help"))


# ---- live hyper-parameters ---------------------------------------------------------------
def live_changes(job_spec: FitSpec, spec: FitSpec) -> dict | None:
    """The settings of ``spec`` a running ``job_spec`` can take without a restart, or None.

    None when anything other than the model's live hyper-parameters (``live_hparams`` of its
    class: sparse ρ/β, denoising noise level, contractive λ, VAE β) or the learning rate
    differs: such a change waits for the next run. Otherwise {name: value} of every live
    setting and ``lr`` as ``spec`` has them.
    """
    if type(job_spec.model) is not type(spec.model) or job_spec.data != spec.data:
        return None
    live = variant(spec.model.variant).model_class.live_hparams
    old_m, new_m = dataclasses.asdict(job_spec.model), dataclasses.asdict(spec.model)
    old_t, new_t = dataclasses.asdict(job_spec.train), dataclasses.asdict(spec.train)
    if any(old_m[k] != v for k, v in new_m.items() if k not in live) or any(
            old_t[k] != v for k, v in new_t.items() if k != "lr"):
        return None
    return {**{k: new_m[k] for k in live}, "lr": new_t["lr"]}


def send_live_changes(job, spec: FitSpec) -> dict:
    """Send the page's changed live settings to its running job, once each; returns what was sent now.

    What a job already got is kept in ``st.session_state[LIVE_SENT]``, so a slider moved back
    to its old value is sent again and an unchanged one is never re-sent.
    """
    wanted = live_changes(job.spec, spec)
    if wanted is None:
        return {}
    sent = st.session_state.setdefault(LIVE_SENT, {}).setdefault(job.id, {})
    now = {"lr": job.spec.train.lr, **dataclasses.asdict(job.spec.model), **sent}
    changes = {k: v for k, v in wanted.items() if now.get(k) != v}
    if changes:
        job.request(**changes)
        sent.update(changes)
    return changes


# ---- collecting finished jobs ------------------------------------------------------------------
# One place per rerun: app.py calls ``collect_all`` before the sidebar and the page draw, so every
# page sees its finished jobs as results and Train knows what is still running. (Collecting after
# the page drew raced fast jobs: a run finished within its own Train click's rerun.) Polling
# fragments never collect; when a job they watch ends they rerun the app, which collects it.
JUST_COLLECTED = "just_collected"  # session key: page keys whose job this rerun's collect_all moved


def _collect(page_key: str) -> bool:
    """Move the page's job into session state if it has ended; True when something moved."""
    job_id = st.session_state[state.ACTIVE].get(page_key)
    if not job_id:
        return False
    job = state.jobs().get(job_id)
    if job is None:  # forgotten elsewhere (session clean-up)
        st.session_state[state.ACTIVE].pop(page_key, None)
        return True
    snap = job.snapshot()
    if snap.active:
        return False
    st.session_state[state.RESULTS][page_key] = PageResult(job.result, snap.status, snap.message, job.label,
                                                            snap.steps, snap.losses)
    log = st.session_state[state.JOB_LOG].get(job_id)
    if log is not None:
        log.update(status=snap.status, message=snap.message)
    st.session_state[state.ACTIVE].pop(page_key, None)
    st.session_state[state.STOPPING].discard(job_id)
    st.session_state.get(LIVE_SENT, {}).pop(job_id, None)
    state.jobs().forget(job_id)  # the model now lives in this session's state only
    return True


def collect_all() -> bool:
    """Move every finished job of this session into its page's result (app.py, once per rerun)."""
    moved = {k for k in list(st.session_state[state.ACTIVE]) if _collect(k)}
    st.session_state[JUST_COLLECTED] = moved
    return bool(moved)


def just_collected(page_key: str) -> bool:
    """True in the rerun that collected the page's finished job (e.g. to open a picker on it)."""
    return page_key in st.session_state.get(JUST_COLLECTED, ())


def any_ended(page_keys) -> bool:
    """Whether a job of these pages has ended since it was last collected (time for a full rerun)."""
    for k in page_keys:
        job = active_job(k)
        if job is None or not job.snapshot().active:
            return True
    return False


def current(page_key: str) -> PageResult | None:
    return st.session_state[state.RESULTS].get(page_key)


def current_result(page_key: str) -> FitResult | None:
    """The page's finished model (a job's result or a run loaded from Runs), or None."""
    pr = current(page_key)
    return pr.result if pr is not None else None


def steps_of(page_key: str) -> tuple[list[int], list[float]]:
    """The per-step loss curve recorded while the page's current result trained (empty for loaded runs)."""
    pr = current(page_key)
    return (pr.steps, pr.losses) if pr is not None else ([], [])


def set_loaded_run(page_key: str, run: runstore.LoadedRun) -> None:
    """Show a saved run on a page as if it had just been trained.

    ValueError (shown by the page) if its data is missing or no longer has the model's width.
    """
    ds = runstore.load_run_data(run)
    m = run.metrics
    train = TrainResult(str(m.get("status", "done")), int(m.get("steps", 0)), float(m.get("epochs", 0)),
                        float(m.get("train_seconds", 0.0)), "", list(run.history))
    result = FitResult(run.spec, run.model, ds, train, dict(m))
    st.session_state[state.RESULTS][page_key] = PageResult(result, train.status, label=run.name, saved_as=run.name)


# ---- the live view -------------------------------------------------------------------------------
def result_block(page_key: str, show, live_view=None) -> FitResult | None:
    """The right-hand block of every Learn page: the job's live view (``live_view()``, default
    ``live_job_view``), then the finished result under "Results", drawn by ``show(result)``, or a
    hint while there is neither. Returns the result (None before the first one)."""
    if live_view is None:
        live_job_view(page_key)
    else:
        live_view()
    result = current_result(page_key)
    if result is not None:
        st.subheader(t("section.results"))
        show(result)
    elif active_job(page_key) is None:
        st.info(t("result.none"))
    return result


def live_job_view(page_key: str) -> None:
    """While the page's job is active: the polling fragment. After it: its outcome, once."""
    if active_job(page_key) is not None:
        _live(page_key)
        return
    pr = current(page_key)
    if pr is not None and pr.saved_as is None and pr.status in FINAL:
        kind = FINAL[pr.status]
        text = t(f"status.{pr.status}") + (f" — {t_error(pr.message)}" if pr.message else "")
        getattr(st, kind)(text, icon=":material/error:" if kind == "error" else None)


def job_running(page_key: str) -> bool:
    """The page's job is queued or running (False once it has ended or was forgotten)."""
    return not any_ended([page_key])


@polling.fragment(POLL_S, pending=job_running)
def _live(page_key: str) -> None:
    job = active_job(page_key)
    draw_snapshot(job.snapshot(), job.spec, key=page_key, job=job)


def live_group_view(page_keys: list[str]) -> None:
    """Several jobs at once (Compare): one polling fragment with a progress bar per job."""
    if any(active_job(k) is not None for k in page_keys):
        _live_group(tuple(page_keys))


def _any_running(page_keys: tuple[str, ...]) -> bool:
    return any(job_running(k) for k in page_keys)


@polling.fragment(POLL_S, pending=_any_running)
def _live_group(page_keys: tuple[str, ...]) -> None:
    jobs = [(k, active_job(k)) for k in page_keys]
    snaps = [(k, j.label, j.snapshot()) for k, j in jobs if j is not None]
    stepping.group_pause_controls([j for _, j in jobs if j is not None], [s for _, _, s in snaps],
                                  "group." + "+".join(page_keys))
    for _, label, snap in snaps:
        if snap.status == "queued":
            st.progress(0.0, text=f"{label} — {t('live.queued', pos=snap.queue_position)}")
        else:
            st.progress(snap.progress, text=f"{label} — " + t("live.progress", phase="", epoch=snap.epoch,
                        step=snap.step, pct=100 * snap.progress, secs=snap.elapsed))


def draw_snapshot(snap: JobSnapshot, spec: FitSpec, key: str, job=None) -> None:
    """Progress, pause/step/resume (given the ``job``), loss curves, the latest reconstructions and
    the live code map of a running job."""
    if snap.status == "queued":
        st.progress(0.0, text=t("live.queued", pos=snap.queue_position))
        return
    phase = f"{t_phase(snap.phase)} · " if snap.phase and snap.phase != "train" else ""
    st.progress(snap.progress, text=t("live.progress", phase=phase, epoch=snap.epoch, step=snap.step,
                                      pct=100 * snap.progress, secs=snap.elapsed))
    if snap.id in st.session_state[state.STOPPING]:
        st.info(t("live.stopping"), icon=":material/hourglass_top:")
    elif snap.progress >= 1.0:
        st.caption(t("live.measuring"))
    if job is not None:
        stepping.pause_controls(job, snap, key)
    fig = loss_curve_figure(snap.epochs, snap.steps, snap.losses, colour(spec.model.variant), t("live.curves"),
                            curve_labels(), height=300, phase_label=t_phase)
    chart(fig, key=f"{key}.live.curves")
    st.caption(loss_caption(spec.model, dataset_preview(spec.data)["dim"]))
    fig = preview_figure(snap, spec)
    if fig is not None:
        chart(fig, key=f"{key}.live.preview")
    fig = codemap.live_code_figure(snap, spec.data)
    if fig is not None:
        chart(fig, key=f"{key}.live.codes")
        st.caption(t_data("watch.map.caption", codemap.image_shape(spec.data)) if snap.code_labels is not None
                   else t("watch.map.caption_plain"))


def preview_figure(snap: JobSnapshot, spec: FitSpec):
    if snap.preview_input is None or snap.preview is None:
        return None
    info = dataset_preview(spec.data)
    title = t("live.preview")
    if info["dim"] == 2:
        return points_figure(snap.preview_input, snap.preview, title=title,
                             names=(t("row.original"), t("row.reconstruction")))
    shape = info["image_shape"] or (1, info["dim"])
    zr = (0.0, 1.0) if info["unit_range"] else None
    rows = [snap.preview_input, snap.preview]
    return image_grid_figure(rows, shape, [t("row.original"), t("row.reconstruction")], title=title, zrange=zr,
                             tile_px=80 if info["image_shape"] else 24, width_px=COLUMN_PX)


# ---- saving ---------------------------------------------------------------------------------------
def save_controls(page_key: str) -> None:
    """Name + **Save run** for a finished or stopped job (runs loaded from the store are saved already)."""
    pr = current(page_key)
    if pr is None or pr.result is None:
        return
    if pr.saved_as is not None:
        st.caption(t("save.saved_as", name=pr.saved_as))
        return
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    name = c1.text_input(t("save.name"), key=f"{page_key}.save_name", placeholder=t("save.placeholder"))
    if c2.button(t("btn.save"), key=f"{page_key}.save", icon=":material/save:", width="stretch"):
        try:
            path = runstore.save_run(pr.result, None, name.strip() or None)
        except (ValueError, OSError) as e:
            st.error(t_error(e))
        else:
            pr.saved_as = path.name
            st.rerun()


def result_footer(page_key: str, result: FitResult, curves: bool = True) -> None:
    """The end of a page's result block: loss curves (unless ``curves`` is False: a page that draws
    its own, per phase), every measurement (folded), **Save run**."""
    from .drawing import own_input_section
    from .views import metrics_table, result_curves

    if curves:
        result_curves(result, *steps_of(page_key), key=f"{page_key}.curves")
    with st.expander(t("result.all_metrics")):
        metrics_table(result.metrics)
    save_controls(page_key)
    own_input_section(page_key, result)


# ---- the sidebar's job list -------------------------------------------------------------------------
SIDEBAR_POLLING = "sidebar_polling"  # session key: True once this run's sidebar list polls (a fragment)
SIDEBAR_FRESH = "sidebar_fresh"  # session key: the list was just drawn after the page; skip one collect


def sidebar_jobs() -> None:
    """This session's jobs with their status; polls (and collects) only while one is active.

    Drawn above the page, so that finished jobs are collected before the page draws them.
    """
    st.session_state[SIDEBAR_POLLING] = bool(st.session_state[state.ACTIVE])
    if st.session_state[SIDEBAR_POLLING]:
        _sidebar_live()
    else:
        _job_list()


def sidebar_jobs_after_page(slot) -> None:
    """After the page: if it submitted jobs while drawing (a preset's one-click run) and the list
    above did not poll, draw the polling list again in its ``slot`` (an ``st.empty``), so those jobs
    show with their progress at once. The list's first draw here collects nothing: a fast job
    finishing in this same run is collected on the next tick, not before the page has seen it run."""
    if st.session_state.get(SIDEBAR_POLLING, True) or not st.session_state[state.ACTIVE]:
        return
    st.session_state[SIDEBAR_FRESH] = True
    with slot.container():
        _sidebar_live()


def _sidebar_pending() -> bool:
    """Poll on while every job runs; a fresh list (drawn after the page) never reruns on its first tick."""
    return st.session_state.pop(SIDEBAR_FRESH, False) or not any_ended(list(st.session_state[state.ACTIVE]))


@polling.fragment(1.0, pending=_sidebar_pending)
def _sidebar_live() -> None:
    _job_list()


ICONS = {"queued": ":material/hourglass_empty:", "running": ":material/play_circle:",
         "done": ":green[:material/check_circle:]", "early_stopped": ":green[:material/check_circle:]",
         "paused": ":orange[:material/pause_circle:]", "stopped": ":material/stop_circle:",
         "cancelled": ":material/cancel:",
         "diverged": ":red[:material/warning:]", "failed": ":red[:material/error:]"}


def _job_list() -> None:
    log = st.session_state[state.JOB_LOG]
    if not log:
        st.caption(t("jobs.none"))
        return
    active = {v: k for k, v in st.session_state[state.ACTIVE].items()}
    for job_id, rec in list(log.items())[-8:][::-1]:
        status, extra = rec["status"], ""
        if job_id in active and (job := state.jobs().get(job_id)) is not None:
            snap = job.snapshot()
            status = "paused" if snap.paused else snap.status
            extra = f" · {100 * snap.progress:.0f} %" if status in ("running", "paused") else (
                f" · #{snap.queue_position}" if status == "queued" else "")
        st.markdown(f"{ICONS.get(status, '•')} **{rec['label']}** — {t('short.' + status)}{extra}")
