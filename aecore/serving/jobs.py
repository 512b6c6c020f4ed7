"""Process-wide job manager: a bounded queue of training jobs, per-session ownership, one interface.

A page submits a ``FitSpec`` (``JobManager.submit(session_id, spec, label) → Job``) and reads
``Job.snapshot()`` (a ``JobSnapshot``: status, queue position, progress, curves, previews, live
measurements); it never touches the model that is training (that model may live in another
process or on another machine). What a page can do with a running job: ``stop``, ``request``
(live ρ, β, noise level, λ, lr), ``pause`` / ``resume`` / ``step``, ``measure`` (a live
measurement computed on the worker, see ``aecore.serving.engines.measures``). Once ``Job.done``
is set, ``Job.result`` is the finished ``FitResult``; the page moves it into its session and
calls ``JobManager.forget``. ``JobManager.cancel_session`` ends a closed tab's jobs.

Where a job trains is the *engine* (``aecore.serving.engines``): ``local`` (the default: a pool of
worker processes), ``threads`` (threads of this process; GIL-bound, the baseline of the
benches) or ``ray`` (one Ray actor per job, on one machine or a cluster), chosen by
``$DIABOLO_ENGINE``. Every engine reports the same plain updates (``engines/worker.py``), which
a job folds into its lock-protected buffer.
"""

from __future__ import annotations

import itertools
import logging
import os
import threading
import time
from collections import deque
from dataclasses import dataclass, field

import numpy as np

from aecore.errors import revive
from aecore.serving.engines import get_engine
from aecore.serving.engines.base import Engine
from aecore.serving.engines.payload import result_from_dict
from aecore.serving.engines.worker import WorkerOptions, check_command
from aecore.serving.shared import ProcessWide
from aecore.training.fit import FitResult, FitSpec
from aecore.training.plan import planned_epochs

log = logging.getLogger(__name__)

MAX_CURVE_POINTS = 4000  # step losses kept per job; older points are thinned 2:1
CAPACITY_REFRESH_S = 5.0  # how often a cluster engine's size (Ray CPUs) is read again


def default_max_running(engine: Engine | None = None) -> int:
    """Concurrent jobs: $DIABOLO_MAX_JOBS, else what the engine can run at once (CPU cores, Ray CPUs)."""
    env = os.environ.get("DIABOLO_MAX_JOBS", "").strip()
    if env:
        try:
            n = int(env)
        except ValueError:
            raise ValueError(f"DIABOLO_MAX_JOBS must be a positive integer; got {env!r}.") from None
        if n < 1:
            raise ValueError(f"DIABOLO_MAX_JOBS must be a positive integer; got {env!r}.")
        return n
    return engine.capacity() if engine is not None else (os.cpu_count() or 1)


@dataclass
class JobSnapshot:
    """A consistent copy of a job's state for a page to draw.

    Arrays are never changed after they arrive (a newer update replaces them), so they are
    shared, not copied: treat them as read-only.
    """

    id: str
    label: str
    status: str  # queued, running, done, stopped, early_stopped, diverged, failed, cancelled
    queue_position: int  # 1 = next to start; 0 when not waiting
    progress: float  # 0..1
    step: int
    epoch: float
    phase: str
    steps: list[int]
    losses: list[float]
    epochs: list[dict]
    preview: np.ndarray | None  # (n, D) latest reconstructions of ``preview_input``
    preview_input: np.ndarray | None
    message: str
    elapsed: float
    paused: bool = False  # the training loop is held now (between two steps); see ``Job.pause``
    pause_requested: bool = False  # pause() or step() was called and resume() not (set at once)
    codes: np.ndarray | None = None  # (m, k) codes z of the first m ≤ 500 test rows, as fresh as ``preview``
    code_labels: np.ndarray | None = None  # (m,) their labels, None for unlabelled data
    measures: dict = field(default_factory=dict)  # name → {"step", "params", "value"}: see ``Job.measure``
    hparams: dict = field(default_factory=dict)  # the live lr, ρ, β, noise level, λ as the worker has them

    @property
    def active(self) -> bool:
        return self.status in ("queued", "running")


class Job:
    """One training run owned by a browser session; all methods are thread-safe."""

    def __init__(self, job_id: str, session_id: str, spec: FitSpec, label: str, manager: JobManager):
        self.id, self.session_id, self.spec, self.label = job_id, session_id, spec, label
        self.status = "queued"
        self.message = ""
        self.result: FitResult | None = None
        self.done = threading.Event()
        self.created = time.time()
        self.started: float | None = None
        self.finished: float | None = None
        self._manager = manager
        self._cancelled = False
        self._runner = None  # the engine's handle while the job runs
        self._early: list[tuple[str, dict]] = []  # commands given before the job started
        self._measures_sent: dict[str, tuple] = {}
        self._pause_requested = False
        self._lock = threading.Lock()
        self._steps: list[int] = []
        self._losses: list[float] = []
        self._epochs: list[dict] = []
        self._step, self._epoch, self._phase = 0, 0.0, ""
        self._epochs_done = 0
        self._planned = max(1, planned_epochs(spec))
        self._preview_in: np.ndarray | None = None
        self._preview: np.ndarray | None = None
        self._codes: np.ndarray | None = None
        self._code_labels: np.ndarray | None = None
        self._measures: dict[str, dict] = {}
        self._hparams: dict = {}
        self._paused = False

    @property
    def worker_pid(self) -> int | None:
        """The id of the process training the job (local, ray) while it runs; None for threads or once ended."""
        return getattr(self._runner, "pid", None)

    # ---- controls (any thread) --------------------------------------------------
    def stop(self) -> None:
        """Stop the job: a queued job is cancelled, a running one halts within a step (paused or not)."""
        with self._lock:
            if self.status == "queued":
                self.status = "cancelled"
                self.finished = time.time()
                self.done.set()
                return
        self._command("stop")

    def cancel(self) -> None:
        """Stop for good (its session ended): no final measuring, and the result is dropped."""
        with self._lock:
            self._cancelled = True
            if self.status == "queued":
                self.status, self.finished = "cancelled", time.time()
                self.done.set()
                return
        self._command("cancel")

    def request(self, **values: float) -> None:
        """Change lr or a live hyper-parameter (ρ, β, noise level, λ) of the running model, before its next step."""
        self._command("request", **values)

    def pause(self) -> None:
        """Hold training before its next step; the snapshot then says ``paused`` (and keeps updating
        its preview, codes and measurements for the weights as they stand)."""
        with self._lock:
            self._pause_requested = True
        self._command("pause")

    def resume(self) -> None:
        """Go on training after ``pause`` or ``step``."""
        with self._lock:
            self._pause_requested = False
        self._command("resume")

    def step(self, kind: str = "step") -> None:
        """While paused: one optimizer step (``"step"``) or the rest of the epoch (``"epoch"``), then hold again.

        A running job is paused after that step or epoch. The snapshot (losses, preview, codes,
        measurements) is updated once the job holds again.
        """
        check_command("step", {"kind": kind})
        with self._lock:
            self._pause_requested = True
        self._command("step", kind=kind)

    def measure(self, name: str, every_s: float | None = None, **params) -> None:
        """Ask for the live measurement ``name`` (``aecore.serving.engines.measures.MEASURES``) of the training model.

        It runs on the worker between two steps and arrives in ``snapshot().measures[name]`` as
        ``{"step", "params", "value"}``. ``every_s=None``: once; otherwise again at most every
        ``every_s`` seconds (and whenever a paused job holds after a step). Asking again with the
        same settings does nothing, so a page may call this on every rerun.
        """
        check_command("measure", {"name": name})
        key = (every_s, tuple(sorted(params.items())))
        with self._lock:
            if self._measures_sent.get(name) == key:
                return
            self._measures_sent[name] = key
        self._command("measure", name=name, every_s=every_s, params=params)

    def _command(self, name: str, /, **kw) -> None:
        with self._lock:
            runner = self._runner
            if runner is None:
                if self.status == "queued":
                    self._early.append((name, kw))
                return
        try:
            runner.command(name, **kw)
        except Exception as e:  # a worker that is going away: its end arrives on its own
            log.info("job %s: command %s not delivered (%s)", self.id, name, e)

    def snapshot(self) -> JobSnapshot:
        pos = self._manager.queue_position(self) if self.status == "queued" else 0
        with self._lock:
            end = self.finished or time.time()
            return JobSnapshot(
                self.id, self.label, self.status, pos, self._progress(), self._step, self._epoch, self._phase,
                list(self._steps), list(self._losses), list(self._epochs), self._preview, self._preview_in,
                self.message, (end - self.started) if self.started else 0.0, self._paused and self.status == "running",
                self._pause_requested, self._codes, self._code_labels, dict(self._measures), dict(self._hparams))

    def _progress(self) -> float:
        if self.status in ("done", "early_stopped"):
            return 1.0
        frac = self._epoch - int(self._epoch)
        return min(1.0, (self._epochs_done + frac) / self._planned)

    # ---- the engine's side -----------------------------------------------------------
    def _attach(self, runner) -> None:
        """The engine started the job: replay the commands given while it waited."""
        with self._lock:
            if self.done.is_set():
                return
            self._runner = runner
            early, self._early = self._early, []
        for name, kw in early:
            self._command(name, **kw)

    def _apply(self, u: dict) -> None:
        """Fold one update from the worker (``engines/worker.py``) into the buffer."""
        end = u.get("end")
        result = None
        if end is not None and not self._cancelled and end.get("status") not in ("failed", "cancelled"):
            result = end.get("fit_result")
            if result is None and end.get("result") is not None:
                try:  # rebuilt here from the spec and the sent weights: no model object crosses over
                    result = result_from_dict(self.spec, end["result"])
                except (ValueError, KeyError, RuntimeError) as e:
                    log.error("job %s: its result could not be rebuilt: %s", self.id, e)
                    end = {"status": "failed", "message": f"the trained model could not be read back: {e}"}
        with self._lock:
            if "steps" in u:
                self._steps.extend(u["steps"])
                self._losses.extend(u["losses"])
                if len(self._losses) > MAX_CURVE_POINTS:
                    self._steps, self._losses = self._steps[::2], self._losses[::2]
            if "epochs" in u:
                self._epochs.extend(u["epochs"])
                self._epochs_done += len(u["epochs"])
            if "step" in u:
                self._step, self._epoch, self._phase = int(u["step"]), float(u["epoch"]), str(u["phase"])
            for key, attr in (("preview_input", "_preview_in"), ("code_labels", "_code_labels"),
                              ("preview", "_preview"), ("codes", "_codes"), ("hparams", "_hparams"),
                              ("paused", "_paused")):
                if key in u:
                    setattr(self, attr, u[key])
            if "measures" in u:
                self._measures.update(u["measures"])
            if end is None:
                return
            self.status = "cancelled" if self._cancelled else end["status"]
            self.message = "" if self._cancelled else revive(end.get("message", ""), end.get("key"), end.get("params"))
            self.result = result if self.status not in ("failed", "cancelled") else None
            self.finished = time.time()
            self._runner = None  # job → runner → worker → job: the cycle ends with the job
            self._paused = False
        self.done.set()
        self._manager._finished(self)


@dataclass
class JobManager:
    """Runs at most ``max_running`` jobs at once on ``engine``; the rest wait in FIFO order.

    ``engine``: "threads", "local", "ray", an ``Engine``, or None for ``$DIABOLO_ENGINE``
    (default "local"). ``max_running`` None: ``$DIABOLO_MAX_JOBS``, else the engine's capacity
    (cores; for Ray the cluster's CPUs, read again as nodes come and go). ``threads``: torch
    threads per job, default cores / ``max_running`` (at least 1) for a local engine.
    """

    max_running: int | None = None
    preview_rows: int = 8
    engine: str | Engine | None = None
    threads: int | None = None
    code_rows: int = 500

    def __post_init__(self):
        if not isinstance(self.engine, Engine):
            self.engine = get_engine(self.engine)
        self._auto = self.max_running is None and not os.environ.get("DIABOLO_MAX_JOBS", "").strip()
        if self.max_running is None:
            self.max_running = default_max_running(self.engine)
        if self.max_running < 1:
            raise ValueError(f"max_running must be at least 1; got {self.max_running}.")
        self._capacity_read = time.monotonic()
        self._lock = threading.Lock()
        self._queue: deque[Job] = deque()
        self._running: set[Job] = set()
        self._jobs: dict[str, Job] = {}
        self._ids = itertools.count(1)

    def submit(self, session_id: str, spec: FitSpec, label: str = "") -> Job:
        """Queue a training job for ``session_id``; it starts as soon as a slot is free."""
        with self._lock:
            job = Job(f"job-{next(self._ids)}", session_id, spec, label or spec.model.variant, self)
            self._jobs[job.id] = job
            self._queue.append(job)
        self._dispatch()
        return job

    def queue_position(self, job: Job) -> int:
        """1-based place of a waiting job in the queue; 0 if it is not waiting."""
        with self._lock:
            waiting = [j for j in self._queue if j.status == "queued"]
        return waiting.index(job) + 1 if job in waiting else 0

    def _slots(self) -> int:
        if self._auto and self.engine.elastic and time.monotonic() - self._capacity_read > CAPACITY_REFRESH_S:
            self._capacity_read = time.monotonic()
            self.max_running = max(1, self.engine.capacity())
        return self.max_running

    def _dispatch(self) -> None:
        starting = []
        slots = self._slots()
        with self._lock:
            while self._queue and len(self._running) < slots:
                job = self._queue.popleft()
                if job.status != "queued":
                    continue
                job.status, job.started = "running", time.time()
                self._running.add(job)
                starting.append(job)
        # A fixed share per slot: a job keeps its thread count for life, so sizing it by the jobs running
        # *now* would oversubscribe the cores once more jobs start (OpenMP spin-waits on an oversubscribed
        # CPU made small models ~20x slower).
        threads = self.threads or max(1, (os.cpu_count() or 1) // self.max_running)
        options = WorkerOptions(preview_rows=self.preview_rows, code_rows=self.code_rows)
        for job in starting:
            try:
                runner = self.engine.start(job.id, job.spec, job._apply, threads, options)
            except Exception as e:  # the engine cannot take it (a Ray cluster gone): only this job fails
                log.error("job %s could not start on the %s engine: %s", job.id, self.engine.name, e)
                job._apply({"end": {"status": "failed", "message": (
                    f"the {self.engine.name} engine could not start this job ({type(e).__name__}: {e}).")}})
                continue
            job._attach(runner)

    def _finished(self, job: Job) -> None:
        with self._lock:
            self._running.discard(job)
        self._dispatch()

    def jobs(self, session_id: str) -> list[Job]:
        """This session's jobs, oldest first."""
        with self._lock:
            return [j for j in self._jobs.values() if j.session_id == session_id]

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def forget(self, job_id: str) -> None:
        """Drop a job (and its model) from the registry; a queued or running one is cancelled."""
        with self._lock:
            job = self._jobs.pop(job_id, None)
            if job is not None and job in self._queue:
                self._queue.remove(job)  # a waiting job must not stay referenced until its turn
        if job is not None:
            job.cancel()

    def cancel_session(self, session_id: str) -> int:
        """Stop and forget every job of a session (its browser tab closed); returns how many."""
        jobs = self.jobs(session_id)
        for job in jobs:
            self.forget(job.id)
        return len(jobs)

    def counts(self) -> dict[str, int]:
        with self._lock:
            return {"running": len(self._running), "queued": sum(j.status == "queued" for j in self._queue),
                    "jobs": len(self._jobs)}

    def shutdown(self, timeout: float = 5.0) -> None:
        """Stop every job and wait for them (the engine's workers stay for the next manager)."""
        with self._lock:
            jobs = list(self._jobs.values())
        for j in jobs:
            j.stop()
        for j in jobs:
            j.done.wait(timeout)


# The process-wide job manager (created on first use, on ``$DIABOLO_ENGINE``): ``manager()``.
manager: ProcessWide[JobManager] = ProcessWide(JobManager)
