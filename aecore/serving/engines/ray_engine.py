"""The Ray engine: one Ray actor per job, on this machine or on a cluster.

``DIABOLO_ENGINE=ray`` joins the Ray cluster at ``$DIABOLO_RAY_ADDRESS`` (e.g. ``10.0.0.5:6379``,
a head started with ``ray start --head``) or, without it, starts a local Ray bound to
127.0.0.1. The ``aecore`` package travels to the workers as a Ray ``py_modules`` runtime
environment, so a worker machine needs only the Python packages of requirements.txt, not this
checkout. Each job is a ``JobActor`` holding one CPU: its ``run`` trains (a ``worker.JobWorker``),
while ``updates`` (the snapshot data gathered since the last call), ``command`` (stop, cancel,
request, pause, resume, step, measure) and ``pid`` answer on the actor's other threads. A
thread in the app asks ``updates`` (a long poll) at most every ``POLL_S`` once the job trains and
feeds the job; the result comes back as plain dicts (``payload.result_to_dict``).

Warm actors: a new actor is a new Ray worker process that imports torch, which cost the first
live picture ~6.8 s more than the thread engine on 2 cores (bench/first_picture.py). So the engine
starts ``$DIABOLO_RAY_WARM`` actors when it starts, and an actor whose job ended normally is reset
and kept for the next job while fewer than that many wait; one whose job failed (its process died,
say) is never reused. An idle warm actor holds its CPU, so the default depends on whose Ray it is:
a Ray this engine started for itself keeps one per CPU (every job starts warm; nobody else wants
those CPUs), a cluster joined at an address keeps ``WARM`` (1): several app replicas may share it,
and each keeps that many CPUs in reserve (``DIABOLO_RAY_WARM=0`` keeps none).
"""

from __future__ import annotations

import dataclasses
import logging
import os
import threading
import time
from pathlib import Path

from aecore.errors import KeyedText

from .base import Engine
from .payload import spec_from_dict, spec_to_dict
from .worker import WorkerOptions

log = logging.getLogger(__name__)

POLL_S = 0.2  # the app fetches a running job's updates from its actor at most this often
WARM = 1  # idle actors kept started by default on a joined cluster (``$DIABOLO_RAY_WARM``)
FLUSH_S = 0.05  # the actor gathers its step updates this long into one (fewer, larger objects per poll)
PACKAGE = Path(__file__).resolve().parents[2]  # aecore/


class JobActor:
    """One job on a Ray worker (made a Ray actor by ``RayEngine``)."""

    def __init__(self, threads: int = 1):
        import torch

        torch.set_num_threads(max(1, int(threads)))
        self._lock = threading.Lock()
        self._news = threading.Condition(self._lock)  # notified when the job sends an update
        self._out: list[dict] = []
        self._worker = None
        self._early: list[tuple[str, dict]] = []

    def run(self, spec: dict, options: dict) -> bool:
        from .worker import JobWorker

        worker = JobWorker(spec_from_dict(spec), self._send, WorkerOptions.from_dict(options))
        with self._lock:
            self._worker, early = worker, self._early
        for name, kw in early:
            worker.command(name, kw)
        worker.run()
        return True

    def _send(self, update: dict) -> None:
        with self._lock:
            self._out.append(update)
            self._news.notify_all()

    def updates(self, wait_s: float = 0.0) -> list[dict]:
        """Everything the job reported since the last call (its snapshot data), oldest first.

        With nothing to report yet it waits up to ``wait_s`` seconds for the first update (a long
        poll: the first picture comes the moment it exists, and an idle job is not asked in a loop).
        """
        with self._lock:
            if not self._out and wait_s > 0:
                self._news.wait_for(lambda: bool(self._out), timeout=wait_s)
            out, self._out = self._out, []
        return out

    def command(self, name: str, kw: dict) -> None:
        with self._lock:
            worker = self._worker
            if worker is None:
                self._early.append((name, kw))
                return
        worker.command(name, kw)

    def pid(self) -> int:
        return os.getpid()

    def reset(self) -> int:
        """Forget the last job (its run has returned) so that the actor can train the next; returns the pid."""
        with self._lock:
            self._worker, self._early, self._out = None, [], []
        return os.getpid()


def warm_count(default: int = WARM) -> int:
    """``$DIABOLO_RAY_WARM``: idle actors to keep started (0 or more; ``default`` when unset)."""
    raw = os.environ.get("DIABOLO_RAY_WARM", "").strip()
    if not raw:
        return default
    if not raw.isdigit():
        raise ValueError(f"DIABOLO_RAY_WARM must be a whole number of actors (0 or more); got {raw!r}.")
    return int(raw)


def death_message(error: Exception) -> str:
    return KeyedText.make("job.ray_worker_died", "the Ray worker training this job stopped unexpectedly ({how}); "
                          "nothing else was affected. Train again; if it keeps happening, the model may need more "
                          "memory than the worker has: choose a smaller code, hidden layers or batch size.",
                          how=type(error).__name__)


class RayRunner:
    """The app's side of one actor: forwards commands, polls updates, reports the end."""

    def __init__(self, engine: RayEngine, actor, ref, send):
        self.engine, self.actor, self.ref, self.send = engine, actor, ref, send
        self.pid = None
        threading.Thread(target=self._poll, name="diabolo-ray-poll", daemon=True).start()

    def command(self, name: str, /, **kw) -> None:
        self.actor.command.remote(name, kw)

    def _poll(self) -> None:
        """Feed the job its actor's updates until the end; no timeout ever fails a job.

        An actor may wait for a free CPU for as long as the cluster is full (replicas sharing one
        cluster, ``DIABOLO_MAX_JOBS`` above its CPUs): its calls are then simply not answered yet,
        and the job waits, as in a queue. Only the actor's death (its calls fail) ends it early.
        """
        ray = self.engine.ray
        pid_ref, pending, error, end_seen, last, asked = self.actor.pid.remote(), None, None, False, None, 0.0
        stepped = False  # until the first step is here, every answer is followed by the next long poll
        while not end_seen:
            finished = bool(ray.wait([self.ref], timeout=0)[0])  # run() returned or raised: before the last fetch
            if pending is None:
                pending, asked = self.actor.updates.remote(POLL_S), time.monotonic()
            got, _ = ray.wait([pending], timeout=2 * POLL_S)
            if pid_ref is not None and ray.wait([pid_ref], timeout=0)[0]:
                try:
                    self.pid = ray.get(pid_ref)
                except Exception:
                    pass
                pid_ref = None
            if not got:
                continue  # not placed yet, or busy: ask again
            try:
                updates = ray.get(pending)
            except Exception as e:  # the actor is gone
                updates, error = [], e
            pending = None
            for u in updates:
                if "end" in u:  # held back until the actor is free again (below)
                    last, end_seen = u, True
                else:
                    stepped = stepped or "step" in u
                    self.send(u)
            if not end_seen and (finished or error is not None):
                if error is None:
                    try:
                        ray.get(self.ref)
                        error = RuntimeError("the job ended without a result")
                    except Exception as e:
                        error = e
                log.warning("Ray job actor failed: %s", error)
                last = {"end": {"status": "failed", "message": death_message(error)}}
                end_seen = True
            rest = POLL_S - (time.monotonic() - asked)
            if not end_seen and stepped and rest > 0:
                # At most one call per POLL_S once it trains: answered calls in a loop kept a core of the
                # server and the actor's GIL busy (a job ran 2.5x slower than in a local worker). The
                # wait ends early when run() returns, so the end is not held back.
                ray.wait([self.ref], timeout=rest)
        # The actor goes back (warm, or killed) before the job is seen to end: the next job of
        # this session finds it idle.
        self.engine.give_back(self.actor, reusable=error is None)
        self.send(last)


class RayEngine(Engine):
    name = "ray"
    elastic = True

    def __init__(self, address: str | None = None, num_cpus: int | None = None):
        import ray

        self.ray = ray
        address = address if address is not None else os.environ.get("DIABOLO_RAY_ADDRESS", "").strip() or None
        own = False
        if not ray.is_initialized():
            common = {"include_dashboard": False, "log_to_driver": False, "namespace": "diabolo",
                      "runtime_env": {"py_modules": [str(PACKAGE)]}, "configure_logging": False}
            if address:
                ray.init(address=address, **common)
            else:  # a Ray of our own on this machine, reachable from this machine only
                ray.init(num_cpus=num_cpus, _node_ip_address="127.0.0.1", **common)
                own = True
        self._actor = ray.remote(num_cpus=1, max_concurrency=4, max_restarts=0)(JobActor)
        self.warm = warm_count(self.capacity() if own else WARM)  # see the module docstring
        self._idle: list = []  # started actors without a job, newest last
        self._idle_lock = threading.Lock()
        for _ in range(self.warm):
            actor = self._actor.remote(1)
            actor.pid.remote()  # places it now: its process starts and imports torch in the background
            self._idle.append(actor)

    def take(self):
        """An idle warm actor, or a new one."""
        with self._idle_lock:
            if self._idle:
                return self._idle.pop()
        return self._actor.remote(1)

    def give_back(self, actor, reusable: bool) -> None:
        """After its job: keep the actor warm (reset) while fewer than ``warm`` wait, else free its CPU."""
        if reusable and len(self._idle) < self.warm:
            try:
                # Reset before it is offered: the actor runs its calls on several threads, so a
                # reset sent after the next job's run could overtake it.
                self.ray.get(actor.reset.remote(), timeout=30)
            except Exception:
                reusable = False
            if reusable:
                with self._idle_lock:
                    if len(self._idle) < self.warm:
                        self._idle.append(actor)
                        return
        try:
            self.ray.kill(actor)  # frees its CPU at once (a finished actor would linger until collected)
        except Exception:
            pass

    def capacity(self) -> int:
        try:
            return max(1, int(self.ray.cluster_resources().get("CPU", 1)))
        except Exception:
            return 1

    def start(self, job_id, spec, send, threads: int, options: WorkerOptions) -> RayRunner:
        # One CPU per actor, so one torch thread: Ray places the actors, one per free CPU in the cluster.
        actor = self.take()
        options = dataclasses.replace(options, flush_s=max(options.flush_s, FLUSH_S))
        ref = actor.run.remote(spec_to_dict(spec), options.to_dict())
        return RayRunner(self, actor, ref, send)
