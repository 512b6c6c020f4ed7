"""Pause, one step, one epoch, resume: the controls of a running job's live view.

Drawn inside a page's polling fragment (``live.draw_snapshot``, or a page's own live
fragment), so a click reruns only that fragment and the next poll shows the job as it holds
again. The engines implement the gate (``Job.pause/step/resume``); this module only decides
which buttons make sense now:

- **One step** / **One epoch** are on only while the job *holds* (``snap.paused``) and no step
  it was given is still under way, so each click advances the job exactly once (two quick
  clicks on the gate would merge into one grant).
- A paused job stays a running job: it keeps its weights, its place in the session's state and
  its slot in the job manager (queued jobs of other sessions keep waiting; the caption says
  so). **Stop** (the page's Train bar) ends it while paused.
"""

from __future__ import annotations

import streamlit as st

from aecore.serving.jobs import JobSnapshot

from . import state
from .i18n import t

IN_FLIGHT = "watch_steps_in_flight"  # session key: job id → (kind, step at the click) until the job holds past it
BAR = "pausebar-"  # key prefix of the controls' container


def _in_flight(job_id: str, snap: JobSnapshot) -> str | None:
    """The kind of step ("step"/"epoch") given to ``job_id`` that has not arrived yet, or None."""
    pending = st.session_state.setdefault(IN_FLIGHT, {})
    given = pending.get(job_id)
    if given is None:
        return None
    kind, at = given
    if snap.paused and snap.step > at or not snap.active:  # it held again after the step (or ended)
        pending.pop(job_id, None)
        return None
    return kind


def _step(job, kind: str, at: int) -> None:
    st.session_state.setdefault(IN_FLIGHT, {})[job.id] = (kind, at)
    job.step(kind)


def _resume(job) -> None:
    st.session_state.setdefault(IN_FLIGHT, {}).pop(job.id, None)
    job.resume()


def group_pause_controls(jobs: list, snaps: list[JobSnapshot], key: str) -> None:
    """Pause all / Resume all for the jobs of a multi-job view (Compare, Contractive's trio, the
    overcomplete runs), with a line saying how many hold. ``jobs`` and ``snaps`` pair up."""
    live = [(j, s) for j, s in zip(jobs, snaps, strict=True)
            if s.status == "running" and s.progress < 1.0 and s.id not in st.session_state[state.STOPPING]]
    if not live:
        return
    requested = [j for j, s in live if s.pause_requested]
    with st.container(key=f"{BAR}{key}", horizontal=True, vertical_alignment="center", gap="small"):
        if len(requested) < len(live):
            st.button(t("watch.pause_all"), key=f"{key}.watch.pause_all", icon=":material/pause:",
                      on_click=lambda: [j.pause() for j, _ in live], wrap=True)
        if requested:
            st.button(t("watch.resume_all"), key=f"{key}.watch.resume_all", icon=":material/play_arrow:",
                      on_click=lambda: [_resume(j) for j in requested], wrap=True)
    held = sum(1 for _, s in live if s.paused)
    if held:
        st.caption(t("watch.paused_all", n=held, m=len(live)))


def pause_controls(job, snap: JobSnapshot, key: str) -> None:
    """Pause/Resume, One step, One epoch and a line saying where the job stands.

    ``job``: the page's running ``Job``; ``snap``: its snapshot of this poll; ``key``: the page key.
    """
    if snap.status != "running" or snap.progress >= 1.0 or snap.id in st.session_state[state.STOPPING]:
        return  # nothing left to hold: measuring the result, or stopping
    flight = _in_flight(job.id, snap)
    holds = snap.paused and flight is None
    with st.container(key=f"{BAR}{key}", horizontal=True, vertical_alignment="center", gap="small"):
        if snap.pause_requested:
            st.button(t("watch.resume"), key=f"{key}.watch.resume", icon=":material/play_arrow:",
                      on_click=_resume, args=(job,), wrap=True)
        else:
            st.button(t("watch.pause"), key=f"{key}.watch.pause", icon=":material/pause:", help=t("watch.pause_help"),
                      on_click=job.pause, wrap=True)
        st.button(t("watch.step"), key=f"{key}.watch.step", icon=":material/skip_next:", disabled=not holds,
                  help=t("watch.step_help"), on_click=_step, args=(job, "step", snap.step), wrap=True)
        st.button(t("watch.epoch"), key=f"{key}.watch.epoch", icon=":material/fast_forward:", disabled=not holds,
                  help=t("watch.epoch_help"), on_click=_step, args=(job, "epoch", snap.step), wrap=True)
    if flight is not None:
        st.caption(t("watch.stepping_epoch" if flight == "epoch" else "watch.stepping"))
    elif snap.paused:
        waiting = state.jobs().counts()["queued"]
        st.caption(t("watch.paused", step=snap.step, epoch=snap.epoch)
                   + (t("watch.paused_waiting", n=waiting) if waiting else ""))
    elif snap.pause_requested:
        st.caption(t("watch.pausing"))
