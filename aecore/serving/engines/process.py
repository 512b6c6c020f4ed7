"""``python -m aecore.serving.engines.process``: one worker process of the local engine.

Started (and warmed up) before any job needs it. It reads messages on stdin and writes updates
on stdout, each a JSON header plus raw arrays (``aecore/serving/wire.py`` over ``payload.pack``: no
pickle, so neither side ever builds anything but numbers, strings and arrays from what it reads):

- in: ``{"kind": "run", "job", "spec", "threads", "options"}`` (one job at a time, in order) and
  ``{"kind": "command", "job", "name", "kw"}`` (stop, cancel, request, pause, resume, step, measure);
- out: ``{"ready": pid}`` once warm, then the job's updates (``worker.py``), each with ``"job"``.

It exits when stdin closes (the app shut down) or its parent is gone.
"""

from __future__ import annotations

import argparse
import os
import queue
import sys
import threading
import time


def warm_up() -> None:
    """Train a tiny model once: the first optimizer step imports a large part of torch (seconds)."""
    import numpy as np

    from aecore.models.base import Autoencoder, ModelConfig
    from aecore.training.trainer import TrainConfig, Trainer

    model = Autoencoder(ModelConfig(latent=2, hidden=(4,)), 4)
    x = np.random.default_rng(0).random((16, 4), dtype=np.float32)
    Trainer(model, x, TrainConfig(epochs=1, batch_size=8, device="cpu")).run()
    import sklearn.linear_model  # noqa: F401  (every job's linear probe needs it)

    import aecore.labs.sparse  # noqa: F401
    import aecore.labs.stacked  # noqa: F401
    import aecore.measure.metrics  # noqa: F401


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="a Diabolo training worker (started by the app)")
    ap.add_argument("--nice", type=int, default=0)
    args = ap.parse_args(argv)
    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything a library prints goes to stderr, never into the message stream
    if args.nice:
        os.nice(args.nice)
    parent = os.getppid()

    def orphaned() -> None:  # the app was killed without closing our stdin: stop too
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=orphaned, daemon=True).start()

    import torch

    from aecore.serving import wire
    from aecore.serving.engines.payload import pack, spec_from_dict, unpack
    from aecore.serving.engines.worker import JobWorker, WorkerOptions

    lock = threading.Lock()

    def send(update: dict) -> None:
        header, arrays = pack(update)
        with lock:
            wire.send(channel, header, tuple(arrays))

    torch.set_num_threads(1)
    warm_up()
    send({"ready": os.getpid()})
    jobs: queue.Queue = queue.Queue()
    current: dict = {}

    def listen() -> None:
        stdin = sys.stdin.buffer
        while True:
            try:
                header, arrays = wire.receive(stdin)
            except (EOFError, OSError, wire.WireError):
                jobs.put(None)
                return
            msg = unpack(header, arrays)
            try:
                if msg.get("kind") == "run":
                    job_id = msg["job"]
                    worker = JobWorker(spec_from_dict(msg["spec"]), lambda u, j=job_id: send({"job": j, **u}),
                                       WorkerOptions.from_dict(msg.get("options") or {}))
                    current[job_id] = worker
                    jobs.put((job_id, worker, int(msg.get("threads", 1))))
                elif msg.get("kind") == "command" and msg.get("job") in current:
                    current[msg["job"]].command(msg["name"], msg.get("kw") or {})
            except Exception as e:  # a message we cannot act on must not end the listener
                if msg.get("kind") == "run":
                    send({"job": msg.get("job"), "end": {"status": "failed", "message": f"bad job settings: {e}"}})
                else:
                    print(f"diabolo worker {os.getpid()}: ignored a message: {e}", file=sys.stderr)

    threading.Thread(target=listen, name="listener", daemon=True).start()
    while (item := jobs.get()) is not None:
        job_id, worker, threads = item
        torch.set_num_threads(max(1, threads))
        worker.run()
        current.pop(job_id, None)
        del worker
    return 0


if __name__ == "__main__":
    sys.exit(main())
