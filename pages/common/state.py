"""Session state: named keys, the session id, the job manager and clean-up when a session ends.

The script thread never trains. It submits ``FitSpec``s to the process-wide
``aecore.serving.jobs`` manager and reads snapshots; trained models end up in this session's
``st.session_state`` (never in a global cache), so they go when the session goes.
"""

from __future__ import annotations

import logging
import os
import threading
import uuid

import streamlit as st

from aecore.serving.jobs import JobManager, manager

# ---- session-state keys (one place, so pages never spell them twice) ---------------------
LANG = "lang"  # "en" or "zh"; the sidebar's language widget writes it
MODE = "mode"  # "beginner" or "advanced"; the sidebar's switch writes it
SESSION = "session_id"  # this browser session's id, as the job manager knows it
ACTIVE = "active_jobs"  # page key → id of its queued or running job
RESULTS = "results"  # page key → PageResult (finished job or loaded run)
JOB_LOG = "job_log"  # job id → {"label", "page", "status", "message"} for the sidebar list
KEEP = "kept_values"  # widget key → value, so settings survive a page change and Beginner mode
STOPPING = "stopping_jobs"  # ids of jobs whose Stop was pressed (they finish measuring first)
QP_READ = "query_params_read"  # set of panel prefixes that already took their values from the URL
RELABEL = "relabelled_widgets"  # keys of widgets whose option labels are translated (i18n.choice)
ARCH = "last_architecture"  # (input width, hidden sizes, code size, variant) for the home picture

GRACE_S = float(os.environ.get("DIABOLO_SESSION_GRACE_S", "20"))  # wait this long for a reconnect


def _warm_up() -> None:
    """Start the job engine and train a tiny model once per process, off the script thread.

    The local engine's worker processes start (and warm up) with it. The first optimizer step
    imports a large part of torch (optimizers, dynamo helpers): several seconds during which a
    student's first job would sit at step 0 on the thread engine.
    """
    try:
        if manager().engine.name != "threads":
            return
    except Exception as e:  # a bad DIABOLO_ENGINE or a Ray cluster out of reach: the first page says so
        logging.getLogger(__name__).error("the job engine did not start: %s", e)
        return
    import numpy as np

    from aecore import Autoencoder, ModelConfig, TrainConfig, Trainer

    model = Autoencoder(ModelConfig(latent=2, hidden=(4,)), 4)
    x = np.random.default_rng(0).random((16, 4), dtype=np.float32)
    Trainer(model, x, TrainConfig(epochs=1, batch_size=8, device="cpu")).run()
    import sklearn.linear_model  # noqa: F401  (every job's linear probe needs it: seconds on a busy machine)


_warm_lock = threading.Lock()
_warm_started = False


def start_warm_up() -> None:
    """Start ``_warm_up`` once per process, on the first script run (importing this module starts nothing)."""
    global _warm_started
    with _warm_lock:
        if _warm_started:
            return
        _warm_started = True
    threading.Thread(target=_warm_up, name="diabolo-warm-up", daemon=True).start()


def init() -> None:
    """Create this session's containers; call at the top of every script run (app.py does)."""
    start_warm_up()
    ss = st.session_state
    if SESSION not in ss:
        ss[SESSION] = uuid.uuid4().hex
    for key in (ACTIVE, RESULTS, JOB_LOG, KEEP):
        if key not in ss:
            ss[key] = {}
    for key in (QP_READ, STOPPING, RELABEL):
        if key not in ss:
            ss[key] = set()
    ensure_guard()


def session_id() -> str:
    """This browser session's id (the job manager's owner key)."""
    if SESSION not in st.session_state:
        init()
    return st.session_state[SESSION]


def jobs() -> JobManager:
    """The process-wide job manager (``DIABOLO_ENGINE``, ``DIABOLO_MAX_JOBS`` concurrent jobs)."""
    return manager()


def mode() -> str:
    return st.session_state.get(MODE, "beginner")


def advanced() -> bool:
    return mode() == "advanced"


# ---- clean-up when the browser session ends ----------------------------------------------
class SessionGuard:
    """Lives in a session-scoped resource cache; its release cancels the session's jobs."""

    def __init__(self, sid: str):
        self.session_id = sid

    def release(self) -> None:
        _schedule_cancel(self.session_id)


_pending: dict[str, threading.Timer] = {}
_pending_lock = threading.Lock()


def _schedule_cancel(sid: str) -> None:
    """Cancel ``sid``'s jobs after ``GRACE_S`` unless the session comes back (a network blip)."""
    if GRACE_S <= 0:
        manager().cancel_session(sid)
        return
    timer = threading.Timer(GRACE_S, _cancel_now, args=(sid,))
    timer.daemon = True
    with _pending_lock:
        old = _pending.pop(sid, None)
        _pending[sid] = timer
    if old is not None:
        old.cancel()
    timer.start()


def _cancel_now(sid: str) -> None:
    with _pending_lock:
        _pending.pop(sid, None)
    manager().cancel_session(sid)


def _revive(sid: str) -> None:
    with _pending_lock:
        timer = _pending.pop(sid, None)
    if timer is not None:
        timer.cancel()


@st.cache_resource(scope="session", on_release=lambda guard: guard.release(), show_spinner=False)
def _guard(sid: str) -> SessionGuard:
    _revive(sid)  # created again after a reconnect: keep the jobs
    return SessionGuard(sid)


def ensure_guard() -> SessionGuard:
    """Make sure this session has its guard (fragments call it too: they run without app.py)."""
    return _guard(st.session_state[SESSION])
