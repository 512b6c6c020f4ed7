"""The thread engine: each job trains on a thread of this process (the baseline).

Threads share one GIL, so on small models two jobs at once run slower than one after the other
(measured: 0.67x, bench/README.md "Engines"). Kept for the benches and tests, and for a machine
where starting processes is not possible. The result stays in this process: the job gets the
``FitResult`` itself.
"""

from __future__ import annotations

import dataclasses
import threading

import torch

from .base import Engine
from .worker import JobWorker, WorkerOptions


class ThreadRunner:
    pid = None

    def __init__(self, worker: JobWorker):
        self.worker = worker

    def command(self, name: str, /, **kw) -> None:
        self.worker.command(name, kw)


class ThreadEngine(Engine):
    name = "threads"

    def start(self, job_id, spec, send, threads: int, options: WorkerOptions) -> ThreadRunner:
        worker = JobWorker(spec, send, dataclasses.replace(options, flush_s=0.0, keep_objects=True))
        threading.Thread(target=_work, args=(worker, threads), name=job_id, daemon=True).start()
        return ThreadRunner(worker)


def _work(worker: JobWorker, threads: int) -> None:
    torch.set_num_threads(threads)  # per thread: jobs share the cores instead of oversubscribing
    worker.run()
