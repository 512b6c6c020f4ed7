"""The local engine: a pool of warm worker processes on this machine, one job each at a time.

Each worker is ``python -m aecore.serving.engines.process`` (a fresh interpreter: nothing is forked
from a process whose torch threads already run). The pool starts as many workers as there are
cores as soon as the engine is created, and each imports torch and trains a tiny model before
its first job, so Train costs a job no start-up. A worker that dies (killed, out of memory)
fails only the job it was training, with a message; the pool starts another in its place.

Workers run at a lower priority (``WORKER_NICE``): on a busy server the pages' own script runs
(and so every student's clicks) come before the training steps.
"""

from __future__ import annotations

import atexit
import dataclasses
import logging
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from aecore.errors import KeyedText
from aecore.serving import wire

from .base import Engine
from .payload import pack, spec_to_dict, unpack
from .worker import WorkerOptions

log = logging.getLogger(__name__)

WORKER_NICE = 5
FLUSH_S = 0.05  # a worker gathers its step updates this long per message (a page polls every 0.5 s)
ROOT = Path(__file__).resolve().parents[3]  # the folder that holds the aecore package


def death_message(returncode: int | None) -> str:
    """What a job is told when its worker process ended under it."""
    if returncode is not None and returncode < 0:
        try:
            how = f"killed by signal {-returncode} ({signal.Signals(-returncode).name})"
        except ValueError:
            how = f"killed by signal {-returncode}"
    else:
        how = f"exit code {returncode}"
    return KeyedText.make("job.worker_died", "the worker process training this job stopped unexpectedly ({how}); "
                          "nothing else was affected. Train again; if it keeps happening, the model may need more "
                          "memory than the server has: choose a smaller code, hidden layers or batch size.", how=how)


class Worker:
    """One worker process and the thread that reads its updates."""

    def __init__(self, engine: LocalEngine):
        self.engine = engine
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
        self.proc = subprocess.Popen([sys.executable, "-m", "aecore.serving.engines.process", "--nice", str(engine.nice)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, close_fds=True)
        self.pid = self.proc.pid
        self.ready = threading.Event()
        self._lock = threading.Lock()
        self._job: tuple[str, object] | None = None  # (job id, send) of the job it trains
        threading.Thread(target=self._read, name=f"diabolo-worker-{self.pid}", daemon=True).start()

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def run(self, job_id: str, spec, send, threads: int, options: WorkerOptions) -> None:
        with self._lock:
            self._job = (job_id, send)
        self._write({"kind": "run", "job": job_id, "spec": spec_to_dict(spec), "threads": int(threads),
                     "options": options.to_dict()})

    def command(self, job_id: str, name: str, kw: dict) -> None:
        with self._lock:
            if self._job is None or self._job[0] != job_id:
                return  # that job has ended here
        self._write({"kind": "command", "job": job_id, "name": name, "kw": kw})

    def _write(self, msg: dict) -> None:
        header, arrays = pack(msg)
        try:
            with self._lock:
                wire.send(self.proc.stdin, header, tuple(arrays))
        except (OSError, ValueError):  # it died: the reader reports it to the job
            pass

    def close(self) -> None:
        try:
            self.proc.stdin.close()
        except OSError:
            pass

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            try:
                header, arrays = wire.receive(out)
            except (EOFError, OSError, wire.WireError):
                break
            msg = unpack(header, arrays)
            if "ready" in msg:
                self.ready.set()
                continue
            with self._lock:
                job = self._job
            if job is None or msg.get("job") != job[0]:
                continue  # a late update of a job that ended
            if "end" in msg:
                with self._lock:
                    self._job = None
                # Back in the pool *before* the job hears of its end: that is when the manager starts the
                # next job, which must find this warm worker idle (not start a cold one beside it).
                self.engine._released(self)
            try:
                job[1](msg)
            except Exception:
                log.exception("job %s: an update could not be applied", job[0])
            del job, msg  # a finished job must not stay referenced until the next message
        code = self.proc.wait()
        with self._lock:
            job, self._job = self._job, None
        if job is not None:
            log.warning("worker %s died (%s) while training %s", self.pid, code, job[0])
            job[1]({"job": job[0], "end": {"status": "failed", "message": death_message(code)}})
        self.engine._died(self)


class LocalRunner:
    def __init__(self, worker: Worker, job_id: str):
        self.worker, self.job_id, self.pid = worker, job_id, worker.pid

    def command(self, name: str, /, **kw) -> None:
        self.worker.command(self.job_id, name, kw)


class LocalEngine(Engine):
    """``size`` warm worker processes (default: the CPU cores); more start on demand, the extra ones end when idle."""

    name = "local"

    def __init__(self, size: int | None = None, nice: int = WORKER_NICE):
        self.size = max(1, size or os.cpu_count() or 1)
        self.nice = nice
        self._lock = threading.Lock()
        self._idle: list[Worker] = []
        self._busy: set[Worker] = set()
        self._closed = False
        for _ in range(self.size):
            self._idle.append(Worker(self))
        atexit.register(self.shutdown)

    def capacity(self) -> int:
        return self.size

    def start(self, job_id, spec, send, threads: int, options: WorkerOptions) -> LocalRunner:
        with self._lock:
            ready = [w for w in self._idle if w.ready.is_set() and w.alive]
            worker = (ready or [w for w in self._idle if w.alive] or [None])[0]
            if worker is not None:
                self._idle.remove(worker)
        if worker is None:
            worker = Worker(self)  # all busy or gone: a cold start (torch import) for this job
        with self._lock:
            self._busy.add(worker)
        worker.run(job_id, spec, send, threads, dataclasses.replace(options, flush_s=max(options.flush_s, FLUSH_S)))
        return LocalRunner(worker, job_id)

    def _released(self, worker: Worker) -> None:
        with self._lock:
            self._busy.discard(worker)
            keep = not self._closed and worker.alive and len(self._idle) < self.size
            if keep:
                self._idle.append(worker)
        if not keep:
            worker.close()

    def _died(self, worker: Worker) -> None:
        with self._lock:
            self._busy.discard(worker)
            if worker in self._idle:
                self._idle.remove(worker)
            replace = not self._closed and worker.ready.is_set() and len(self._idle) + len(self._busy) < self.size
        if replace:  # a worker that never got ready (broken install) is not restarted in a loop
            fresh = Worker(self)
            with self._lock:
                self._idle.append(fresh)

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Block until every pooled worker has warmed up (or ``timeout`` s passed); True when all are ready."""
        with self._lock:
            pool = [*self._idle, *self._busy]
        return all(w.ready.wait(timeout) or not w.alive for w in pool)

    def workers(self) -> dict[str, list[int]]:
        """Process ids of the idle and busy workers (for tests and the load bench)."""
        with self._lock:
            return {"idle": [w.pid for w in self._idle], "busy": [w.pid for w in self._busy]}

    def shutdown(self) -> None:
        with self._lock:
            self._closed = True
            workers = [*self._idle, *self._busy]
        for w in workers:
            w.close()
        for w in workers:
            try:
                w.proc.wait(2)
            except subprocess.TimeoutExpired:
                w.proc.kill()
