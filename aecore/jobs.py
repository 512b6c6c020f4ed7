"""Process-wide job manager: training jobs on worker threads, a bounded queue, per-session ownership.

Workers never touch the UI. Each job writes into its own lock-protected buffer through
the trainer's callbacks; a page polls ``Job.snapshot()``. The interface a page sees is
``submit`` / ``snapshot`` / ``stop`` / ``request`` / ``cancel_session``, so a process pool
could replace the threads without touching the pages.
"""

from __future__ import annotations

import itertools
import logging
import os
import threading
import time
import traceback
import weakref
from collections import deque
from dataclasses import dataclass, field

import numpy as np
import torch

from .fit import Fit, FitResult, FitSpec
from .stacked import StackedConfig
from .trainer import EpochEvent, StepEvent

log = logging.getLogger(__name__)

PREVIEW_EVERY_S = 0.25  # latest reconstructions refresh at least this often while training
MAX_CURVE_POINTS = 4000  # step losses kept per job; older points are thinned 2:1


def default_max_running() -> int:
    """Concurrent jobs: $DIABOLO_MAX_JOBS, else the number of CPU cores."""
    env = os.environ.get("DIABOLO_MAX_JOBS", "").strip()
    if env:
        try:
            n = int(env)
        except ValueError:
            raise ValueError(f"DIABOLO_MAX_JOBS must be a positive integer; got {env!r}.") from None
        if n < 1:
            raise ValueError(f"DIABOLO_MAX_JOBS must be a positive integer; got {env!r}.")
        return n
    return os.cpu_count() or 1


def planned_epochs(spec: FitSpec) -> int:
    """Epochs a spec will train in total, across the phases of a stacked fit."""
    m = spec.model
    if isinstance(m, StackedConfig):
        # frozen + finetune + scratch (2×), once on all labels and once per label budget below all
        return spec.train.epochs * len(m.sizes) + 4 * m.finetune_epochs * (1 + sum(n > 0 for n in m.label_budgets))
    return spec.train.epochs


@dataclass
class JobSnapshot:
    """A consistent copy of a job's state for a page to draw."""

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

    @property
    def active(self) -> bool:
        return self.status in ("queued", "running")


class Job:
    """One training run owned by a browser session."""

    def __init__(self, job_id: str, session_id: str, spec: FitSpec, label: str, preview_rows: int):
        self.id, self.session_id, self.spec, self.label = job_id, session_id, spec, label
        # The trainer holds its callbacks; a bound method there would make job → fit → trainer → job a
        # cycle that only a full garbage collection frees. Through a weak reference a forgotten job
        # (and its model) goes as soon as the worker lets go of it.
        self.fit = Fit(spec, [_weak_callback(self._on_event)])
        self._cancelled = False
        self.preview_rows = preview_rows
        self.status = "queued"
        self.message = ""
        self.result: FitResult | None = None
        self.done = threading.Event()
        self.created = time.time()
        self.started: float | None = None
        self.finished: float | None = None
        self._lock = threading.Lock()
        self._steps: list[int] = []
        self._losses: list[float] = []
        self._epochs: list[dict] = []
        self._step, self._epoch, self._phase = 0, 0.0, ""
        self._epochs_done = 0
        self._planned = max(1, planned_epochs(spec))
        self._preview_in: np.ndarray | None = None
        self._preview: np.ndarray | None = None
        self._last_preview = 0.0
        self._manager: JobManager | None = None

    # ---- controls (any thread) --------------------------------------------------
    def stop(self) -> None:
        """Stop the job: a queued job is cancelled, a running one halts within a step."""
        with self._lock:
            if self.status == "queued":
                self.status = "cancelled"
                self.done.set()
        self.fit.stop()

    def cancel(self) -> None:
        """Stop for good (its session ended): no final measuring, and the result is dropped."""
        self._cancelled = True
        self.fit.evaluate = False  # read by Fit.run once training halts
        self.stop()

    def request(self, **values: float) -> None:
        """Change lr or a live hyper-parameter (ρ, β, noise level, λ) of the running model."""
        self.fit.request(**values)

    def snapshot(self) -> JobSnapshot:
        with self._lock:
            pos = self._manager.queue_position(self) if self._manager and self.status == "queued" else 0
            end = self.finished or time.time()
            return JobSnapshot(
                self.id, self.label, self.status, pos, self._progress(), self._step, self._epoch, self._phase,
                list(self._steps), list(self._losses), list(self._epochs),
                None if self._preview is None else self._preview.copy(), self._preview_in, self.message,
                (end - self.started) if self.started else 0.0)

    def _progress(self) -> float:
        if self.status in ("done", "early_stopped"):
            return 1.0
        frac = self._epoch - int(self._epoch)
        return min(1.0, (self._epochs_done + frac) / self._planned)

    # ---- worker side --------------------------------------------------------------
    def _on_event(self, event) -> None:
        now = time.perf_counter()
        with self._lock:
            if isinstance(event, StepEvent):
                self._step, self._epoch, self._phase = event.step, event.epoch, event.phase
                self._steps.append(event.step if not self._steps or event.phase == self._phase
                                   else self._steps[-1] + 1)
                self._losses.append(event.loss)
                if len(self._losses) > MAX_CURVE_POINTS:
                    self._steps, self._losses = self._steps[::2], self._losses[::2]
            elif isinstance(event, EpochEvent):
                self._epochs_done += 1
                self._epochs.append({"epoch": event.epoch, "phase": event.phase, "step": event.step,
                                     "train_loss": event.train_loss,
                                     "val_loss": event.val_loss, **event.parts})
        if isinstance(event, StepEvent) and now - self._last_preview >= PREVIEW_EVERY_S:
            self._last_preview = now
            self._update_preview()

    def _update_preview(self) -> None:
        model = self.fit.model
        if model is None or self._preview_in is None:
            return
        with torch.no_grad():
            dev = next(model.parameters()).device
            out = model(torch.as_tensor(self._preview_in, device=dev)).float().cpu().numpy()
        with self._lock:
            self._preview = out

    def _run(self, threads: int) -> None:
        torch.set_num_threads(threads)  # per worker thread: jobs share the cores instead of oversubscribing
        try:
            if self.fit._stopped.is_set():
                raise _Cancelled
            model = self.fit.build()
            rows = self.fit.dataset.x_test[: self.preview_rows]
            self._preview_in = np.array(rows, dtype=np.float32)
            self._update_preview()
            del model
            result = self.fit.run()
            with self._lock:
                if self._cancelled:
                    self.status = "cancelled"
                else:
                    self.result = result
                    self.status = result.train.status
                    self.message = result.train.message
        except _Cancelled:
            with self._lock:
                self.status = "cancelled"
        except (ValueError, MemoryError) as e:
            with self._lock:
                self.status, self.message = "failed", str(e) if isinstance(e, ValueError) else (
                    "out of memory: choose a smaller code, hidden layers or batch size.")
        except Exception as e:  # a bug, not bad input: keep the app alive and log it
            log.error("job %s failed:\n%s", self.id, traceback.format_exc())
            with self._lock:
                self.status, self.message = "failed", f"internal error ({type(e).__name__}): {e}"
        finally:
            with self._lock:
                self.finished = time.time()
                if self.status == "running":
                    self.status = "failed"
            if self.status in ("done", "early_stopped"):
                self._update_preview()
            self.done.set()


class _Cancelled(Exception):
    pass


def _weak_callback(method):
    ref = weakref.WeakMethod(method)

    def relay(event) -> None:
        target = ref()
        if target is not None:
            target(event)

    return relay


@dataclass
class JobManager:
    """Runs at most ``max_running`` jobs at once; the rest wait in FIFO order."""

    max_running: int = field(default_factory=default_max_running)
    preview_rows: int = 8

    def __post_init__(self):
        if self.max_running < 1:
            raise ValueError(f"max_running must be at least 1; got {self.max_running}.")
        self._lock = threading.Lock()
        self._queue: deque[Job] = deque()
        self._running: set[Job] = set()
        self._jobs: dict[str, Job] = {}
        self._ids = itertools.count(1)

    def submit(self, session_id: str, spec: FitSpec, label: str = "") -> Job:
        """Queue a training job for ``session_id``; it starts as soon as a slot is free."""
        with self._lock:
            job = Job(f"job-{next(self._ids)}", session_id, spec, label or spec.model.variant, self.preview_rows)
            job._manager = self
            self._jobs[job.id] = job
            self._queue.append(job)
        self._dispatch()
        return job

    def queue_position(self, job: Job) -> int:
        """1-based place of a waiting job in the queue; 0 if it is not waiting."""
        with self._lock:
            waiting = [j for j in self._queue if j.status == "queued"]
        return waiting.index(job) + 1 if job in waiting else 0

    def _dispatch(self) -> None:
        with self._lock:
            while self._queue and len(self._running) < self.max_running:
                job = self._queue.popleft()
                if job.status != "queued":
                    continue
                job.status, job.started = "running", time.time()
                self._running.add(job)
                # A fixed share per slot: a job keeps its thread count for life, so sizing it by the jobs
                # running *now* oversubscribes the cores once more jobs start (and OpenMP spin-waits on
                # an oversubscribed CPU made small models ~20x slower). The server thread that draws the
                # live view needs a core too, so a lone job on a 2-core machine gets 1 thread.
                threads = max(1, (os.cpu_count() or 1) // self.max_running)
                threading.Thread(target=self._work, args=(job, threads), name=job.id, daemon=True).start()

    def _work(self, job: Job, threads: int) -> None:
        try:
            job._run(threads)
        finally:
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
        """Stop every job and wait for the workers."""
        with self._lock:
            jobs = list(self._jobs.values())
        for j in jobs:
            j.stop()
        for j in jobs:
            j.done.wait(timeout)


_MANAGER: JobManager | None = None
_MANAGER_LOCK = threading.Lock()


def manager() -> JobManager:
    """The process-wide job manager (created on first use)."""
    global _MANAGER
    with _MANAGER_LOCK:
        if _MANAGER is None:
            _MANAGER = JobManager()
        return _MANAGER
