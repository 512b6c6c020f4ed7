"""Where training jobs run: one interface (``aecore.serving.jobs``), three engines behind it.

- ``local`` (default): a pool of warm worker processes on this machine, one job each at a time
  (``local.py``), so N jobs use N cores instead of sharing one GIL.
- ``threads``: threads of this process (``threads.py``); the old way, kept as the baseline of
  the benches and tests.
- ``ray``: one Ray actor per job (``ray_engine.py``), on a local Ray or a cluster
  (``$DIABOLO_RAY_ADDRESS``), for a class that outgrows one machine.

Chosen by ``$DIABOLO_ENGINE`` (threads | local | ray). An engine's ``start`` runs a job's
``FitSpec`` in a ``worker.JobWorker`` and calls ``send(update)`` with its plain updates; it
returns a runner whose ``command(name, **kw)`` reaches that worker (stop, cancel, request,
pause, resume, step, measure).
"""

from __future__ import annotations

import os
import threading

from .base import Engine

ENGINES = ("threads", "local", "ray")
DEFAULT = "local"


def engine_name(name: str | None = None) -> str:
    """``name``, else ``$DIABOLO_ENGINE``, else "local"; ValueError for anything else."""
    value = (name if name is not None else os.environ.get("DIABOLO_ENGINE", "")).strip().lower() or DEFAULT
    if value not in ENGINES:
        raise ValueError(f"DIABOLO_ENGINE must be one of {', '.join(ENGINES)}; got {value!r}.")
    return value


_ENGINES: dict[str, Engine] = {}
_LOCK = threading.Lock()


def get_engine(name: str | None = None) -> Engine:
    """The process-wide engine called ``name`` (see ``engine_name``), created on first use."""
    name = engine_name(name)
    with _LOCK:
        if name not in _ENGINES:
            if name == "threads":
                from .threads import ThreadEngine
                _ENGINES[name] = ThreadEngine()
            elif name == "local":
                from .local import LocalEngine
                _ENGINES[name] = LocalEngine()
            else:
                from .ray_engine import RayEngine
                _ENGINES[name] = RayEngine()
        return _ENGINES[name]
