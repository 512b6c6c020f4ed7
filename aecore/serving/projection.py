"""Latent maps: codes (N, k) drawn in 2-D — PCA at once, UMAP and t-SNE in the background.

``project(z, method)`` computes one projection in the calling thread. A page calls ``pca_2d``
directly (milliseconds for 10,000 × 32 codes) and hands UMAP and t-SNE to the process-wide
``Projector``: a queue and a small LRU cache of ``Task``s keyed by (codes digest, method,
parameters), served one at a time by a worker *process*. The digest of the codes stands for
(model, data set, split, rows): it changes whenever any of them does, so a retrained model
never gets a stale map. The page polls ``Task.progress`` while it waits.

Why a process: numba's kernels hold the GIL while they run, so UMAP on a thread of the app's
process stalled the page's thread for up to 0.5 s at a time (2.5 s while compiling) on a busy
two-core machine (``bench/latent_projection.py``). The worker is this very file run as a
script (``python projection.py``): it imports numpy, UMAP and scikit-learn but not torch or
the app, reads tasks from its stdin and answers on its stdout, and exits with its parent.

UMAP compiles its numba kernels on the first call in a process (about a minute on two busy
cores), so ``warm_up()`` runs a tiny UMAP in the background when the app starts. Settings
come from ``bench/latent_projection.py``: ``init="pca"`` and ``n_epochs=100`` instead of the
spectral start and 500 epochs umap-learn uses up to 10,000 points (the same 10-NN accuracy and
trustworthiness on MNIST codes, a fifth of the CPU time); its approximate
nearest-neighbour search always (its exact path for fewer than 4,096 points calls a Python
metric for each of the N² pairs: 13 s for 3,000 points); and a seed (serial and reproducible:
the same model gives the same map). The map is drawn by ``aecore.plots.common.latent_scatter_figure``
(the one class scatter) from a ``Projection``'s ``coords`` and ``rows``.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

try:
    from aecore.serving import wire
    from aecore.serving.shared import ProcessWide
except ImportError:  # run as a script: the worker process (its folder is first on sys.path)
    import wire
    from shared import ProcessWide

METHODS = ("pca", "umap", "tsne")
BACKGROUND = ("umap", "tsne")
MAX_POINTS = 10_000  # rows a latent map encodes at most
TSNE_MAX_POINTS = 3_000  # t-SNE costs ~7 CPU-s for 2,000 rows and ~25 for 5,000: larger sets are subsampled
UMAP_DEFAULTS = {"n_neighbors": 15, "min_dist": 0.1, "n_epochs": 100}
TSNE_DEFAULTS = {"perplexity": 30.0}
CACHE_SIZE = 48  # finished projections kept (10,000 × 2 floats each: 80 kB)


@dataclass(frozen=True)
class Projection:
    """2-D coordinates of some rows of the codes.

    Attributes:
        coords: (n, 2) float32.
        rows: (n,) indices of the projected rows in the codes (all rows, except for a subsampled t-SNE).
        method: "code" (the 2-D code itself), "index" (a 1-D code against the row index), "pca", "umap" or "tsne".
        seconds: wall time of the computation.
    """

    coords: np.ndarray
    rows: np.ndarray
    method: str
    seconds: float = 0.0
    n_codes: int = 0  # rows of the codes it was computed from

    @property
    def subsampled(self) -> bool:
        return len(self.rows) < self.n_codes


def _codes(z) -> np.ndarray:
    z = np.ascontiguousarray(np.asarray(z, np.float32))
    if z.ndim != 2 or len(z) == 0:
        raise ValueError(f"codes must be a non-empty (N, k) array; got shape {z.shape}.")
    if not np.isfinite(z).all():
        raise ValueError("codes contain NaN or infinite values; the model may have diverged — train it again.")
    return z


def codes_digest(z: np.ndarray) -> str:
    """A short fingerprint of the codes (stands for model + data + split + rows in cache keys)."""
    z = _codes(z)
    return hashlib.blake2b(z.tobytes() + str(z.shape).encode(), digest_size=12).hexdigest()


def natural_2d(z: np.ndarray) -> Projection | None:
    """The code itself when it has two numbers (or one, against the row index); None when wider."""
    z = _codes(z)
    rows = np.arange(len(z))
    if z.shape[1] == 2:
        return Projection(z.copy(), rows, "code", n_codes=len(z))
    if z.shape[1] == 1:
        return Projection(np.column_stack([rows, z[:, 0]]).astype(np.float32), rows, "index", n_codes=len(z))
    return None


def pca_2d(z: np.ndarray) -> Projection:
    """Codes on their first two principal components (eigenvectors of the k × k covariance)."""
    t0 = time.perf_counter()
    z = _codes(z)
    zc = z.astype(np.float64) - z.mean(0, dtype=np.float64)
    _, vecs = np.linalg.eigh(zc.T @ zc)  # ascending eigenvalues
    top = vecs[:, ::-1][:, :2]
    coords = zc @ top
    if coords.shape[1] < 2:
        coords = np.column_stack([coords, np.zeros(len(z))])
    # eigh's sign is arbitrary: fix it so that the same codes always give the same picture
    coords *= np.where(np.abs(coords).max(0) == coords.max(0), 1.0, -1.0)
    return Projection(coords.astype(np.float32), np.arange(len(z)), "pca", time.perf_counter() - t0, len(z))


class _Progress:
    """A file for tqdm: UMAP's epoch bar arrives as text "n/total"; keep the fraction."""

    def __init__(self, report):
        self.report = report

    def write(self, text: str) -> None:
        m = re.findall(r"(\d+)/(\d+)", text)
        if m:
            n, total = map(int, m[-1])
            self.report("layout", n / max(total, 1))

    def flush(self) -> None:
        pass


def umap_2d(z: np.ndarray, n_neighbors: int = 15, min_dist: float = 0.1, n_epochs: int = 100, seed: int = 0,
            report=None) -> Projection:
    """UMAP of the codes with the settings of the module docstring (``report(phase, fraction)`` gets progress).

    Like ``tsne_2d`` it runs with one BLAS/OpenMP thread: the cores belong to the training jobs, and
    OpenMP threads spinning on an oversubscribed CPU made a small t-SNE 50× slower.
    """
    import umap  # imported here: numba and pynndescent take seconds to import

    t0 = time.perf_counter()
    z = _codes(z)
    if len(z) < 8:
        raise ValueError(f"UMAP needs at least 8 points; got {len(z)}. Use PCA for so few.")
    if not 2 <= int(n_neighbors) <= 200:
        raise ValueError(f"n_neighbors must be between 2 and 200; got {n_neighbors}.")
    if not 0.0 <= float(min_dist) <= 1.0:
        raise ValueError(f"min_dist must be between 0 and 1; got {min_dist}.")
    if not 10 <= int(n_epochs) <= 2000:
        raise ValueError(f"n_epochs must be between 10 and 2000; got {n_epochs}.")
    report = report or (lambda phase, fraction: None)
    report("neighbours", 0.0)
    reducer = umap.UMAP(n_neighbors=min(int(n_neighbors), len(z) - 1), min_dist=float(min_dist),
                        n_epochs=int(n_epochs), init="pca", random_state=int(seed), n_jobs=1,
                        force_approximation_algorithm=True,
                        tqdm_kwds={"disable": False, "file": _Progress(report), "mininterval": 0.2,
                                   "bar_format": "{n}/{total}", "ascii": True})
    with threadpool_limits(1):
        coords = reducer.fit_transform(z)
    return Projection(np.asarray(coords, np.float32), np.arange(len(z)), "umap", time.perf_counter() - t0, len(z))


def tsne_2d(z: np.ndarray, perplexity: float = 30.0, seed: int = 0, max_points: int = TSNE_MAX_POINTS,
            report=None) -> Projection:
    """Barnes–Hut t-SNE (scikit-learn) of at most ``max_points`` rows (a seeded random subset beyond that)."""
    from sklearn.manifold import TSNE

    t0 = time.perf_counter()
    z = _codes(z)
    rows = np.arange(len(z))
    if len(z) > max_points:
        rows = np.sort(np.random.default_rng(seed).choice(len(z), max_points, replace=False))
    if len(rows) < 5:
        raise ValueError(f"t-SNE needs at least 5 points; got {len(rows)}. Use PCA for so few.")
    if not 2.0 <= float(perplexity) <= 100.0:
        raise ValueError(f"perplexity must be between 2 and 100; got {perplexity}.")
    if report:
        report("tsne", 0.0)
    perplexity = min(float(perplexity), (len(rows) - 1) / 3.0)
    with threadpool_limits(1):
        coords = TSNE(n_components=2, perplexity=perplexity, init="pca", random_state=int(seed),
                      n_jobs=1).fit_transform(z[rows])
    return Projection(np.asarray(coords, np.float32), rows, "tsne", time.perf_counter() - t0, len(z))


def project(z: np.ndarray, method: str, report=None, **params) -> Projection:
    """One projection, computed in the calling thread: "pca", "umap" (UMAP_DEFAULTS) or "tsne" (TSNE_DEFAULTS)."""
    if method == "pca":
        return pca_2d(z)
    if method == "umap":
        return umap_2d(z, report=report, **{**UMAP_DEFAULTS, **params})
    if method == "tsne":
        return tsne_2d(z, report=report, **{**TSNE_DEFAULTS, **params})
    raise ValueError(f"method must be one of {', '.join(METHODS)}; got {method!r}.")


# ---- the background worker ------------------------------------------------------------------
@dataclass(eq=False)
class Task:
    """One background projection; the worker writes it, pages read it (plain attribute reads)."""

    key: tuple
    method: str
    params: dict
    group: str = ""
    status: str = "queued"  # queued, running, done, failed, dropped
    phase: str = ""  # "compile" (UMAP warm-up), "neighbours", "layout", "tsne"
    progress: float = 0.0  # 0..1 within the layout phase
    result: Projection | None = None
    error: str = ""
    created: float = field(default_factory=time.time)
    started: float | None = None
    finished: float | None = None
    codes: np.ndarray | None = field(default=None, repr=False)

    @property
    def pending(self) -> bool:
        return self.status in ("queued", "running")

    @property
    def elapsed(self) -> float:
        return (self.finished or time.time()) - (self.started or time.time())


Runner = Callable[[Task, Callable[[str, float], None]], Projection]


class WorkerProcess:
    """``python projection.py`` as a child process: one task at a time over its stdin and stdout.

    Started on first use and again after it died. Messages are JSON lines and raw arrays
    (``aecore/serving/wire.py``, no pickle). A task whose process dies fails with a message; the next
    task starts a fresh process (which compiles UMAP again).
    """

    def __init__(self):
        self.proc: subprocess.Popen | None = None

    def __call__(self, task: Task, report) -> Projection:
        if self.proc is None or self.proc.poll() is not None:
            self.proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve())], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, close_fds=True)
        try:
            wire.send(self.proc.stdin, {"method": task.method, "params": task.params}, (task.codes,))
            while True:
                msg, arrays = wire.receive(self.proc.stdout)
                if msg["kind"] == "progress":
                    report(msg["phase"], msg["fraction"])
                elif msg["kind"] == "done":
                    return Projection(arrays[0], arrays[1], msg["method"], msg["seconds"], msg["n_codes"])
                else:
                    raise ValueError(msg["error"])
        except (EOFError, OSError, wire.WireError):
            self.proc.kill()
            self.proc = None
            raise RuntimeError("the projection process stopped unexpectedly (out of memory?); try again.") from None


def _serve() -> None:
    """The worker process's loop (``python projection.py``): tasks in on stdin, messages out on stdout."""
    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed by a library goes to stderr, never into the message stream
    parent = os.getppid()

    def orphaned() -> None:  # the app ended without closing our stdin (killed): stop too
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=orphaned, daemon=True).start()

    try:
        while True:
            try:
                task, (z,) = wire.receive(sys.stdin.buffer)
            except EOFError:
                return
            try:
                p = project(z, task["method"], report=lambda phase, fraction: wire.send(
                    channel, {"kind": "progress", "phase": phase, "fraction": fraction}), **task["params"])
                wire.send(channel, {"kind": "done", "method": p.method, "seconds": p.seconds, "n_codes": p.n_codes},
                          (p.coords, p.rows))
            except (BrokenPipeError, ConnectionResetError):
                raise
            except Exception as e:  # shown on the page
                wire.send(channel, {"kind": "error", "error": str(e) or type(e).__name__})
    except (BrokenPipeError, ConnectionResetError):
        # The app went away while we answered: nobody is left to tell. Leave at once, without the
        # interpreter's shutdown flushing the half-written message into the closed pipe (a traceback).
        os._exit(0)


class Projector:
    """A queue of projections served one at a time, with an LRU cache of tasks.

    ``run`` computes one task (default: a ``WorkerProcess``, so the app's threads never wait for
    numba). A daemon thread feeds it, so a pending projection never delays the end of the app;
    one at a time, so it takes at most one core from the training jobs.
    """

    def __init__(self, cache_size: int = CACHE_SIZE, run: Runner | None = None):
        self.cache_size = cache_size
        self.run = run or WorkerProcess()
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._queue: deque[Task] = deque()
        self._cache: OrderedDict[tuple, Task] = OrderedDict()
        self._thread: threading.Thread | None = None
        self.warm: Task | None = None

    @staticmethod
    def key(z: np.ndarray, method: str, params: dict | None = None) -> tuple:
        """Cache key: (codes digest, method, sorted parameters)."""
        return codes_digest(z), method, tuple(sorted((params or {}).items()))

    def get(self, key: tuple) -> Task | None:
        with self._lock:
            task = self._cache.get(key)
            if task is not None:
                self._cache.move_to_end(key)
            return task

    def submit(self, z: np.ndarray, method: str, params: dict | None = None, group: str = "") -> Task:
        """The task for these codes and settings: cached, already queued, or queued now.

        A new task drops the still-queued tasks of the same ``group`` (one page of one session):
        a user who switches settings twice waits only for the last one.
        """
        if method not in BACKGROUND:
            raise ValueError(f"background method must be one of {', '.join(BACKGROUND)}; got {method!r}.")
        params = dict(params or {})
        key = self.key(z, method, params)
        with self._lock:
            task = self._cache.get(key)
            if task is not None and task.status not in ("failed", "dropped"):
                self._cache.move_to_end(key)
                return task
            if group:
                for old in [t for t in self._queue if t.group == group]:
                    self._queue.remove(old)
                    old.status = "dropped"
                    self._cache.pop(old.key, None)
            task = Task(key, method, params, group, codes=_codes(z))
            self._cache[key] = task
            self._queue.append(task)
            self._trim()
            self._start()
            self._wake.notify()
        return task

    def warm_up(self) -> Task:
        """Compile UMAP's kernels on a tiny random array, once per process (returns the task)."""
        with self._lock:
            if self.warm is None:
                z = np.random.default_rng(0).random((300, 4), dtype=np.float32)
                self.warm = Task(("warm-up",), "umap", {"n_neighbors": 5, "n_epochs": 10}, codes=z)
                self.warm.phase = "compile"
                self._queue.appendleft(self.warm)
                self._start()
                self._wake.notify()
            return self.warm

    def queue_position(self, task: Task) -> int:
        """1 = next to run; 0 when not waiting."""
        with self._lock:
            return list(self._queue).index(task) + 1 if task in self._queue else 0

    def _trim(self) -> None:
        done = [k for k, t in self._cache.items() if not t.pending]
        for k in done[: max(0, len(self._cache) - self.cache_size)]:
            del self._cache[k]

    def _start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._work, name="diabolo-projection", daemon=True)
            self._thread.start()

    def _work(self) -> None:
        while True:
            with self._lock:
                while not self._queue:
                    self._wake.wait()
                task = self._queue.popleft()
                task.status, task.started = "running", time.time()

            def report(phase: str, fraction: float, task=task) -> None:
                if task.phase != "compile":
                    task.phase = phase
                task.progress = fraction

            try:
                task.result = self.run(task, report)
                task.status = "done"
            except Exception as e:  # shown on the page; the worker lives on
                task.error = str(e) or type(e).__name__
                task.status = "failed"
            finally:
                task.finished = time.time()
                task.codes = None  # the codes are no longer needed; keep the cache small


# The process-wide projector (created on first use): ``projector()``.
projector: ProcessWide[Projector] = ProcessWide(Projector)


def warm_up() -> Task:
    """Start compiling UMAP in the background (idempotent; app.py calls it on every run)."""
    return projector().warm_up()


# ---- selections, interpolation and export ----------------------------------------------------
def axis_names(method: str) -> tuple[tuple[str, int], tuple[str, int]]:
    """(name, number) of each axis of a map: ("pca", 1), ("pca", 2); a 1-D code is ("index", 1), ("code", 1)."""
    return (("index", 1), ("code", 1)) if method == "index" else ((method, 1), (method, 2))


def selected_rows(points: Sequence[dict]) -> list[int]:
    """Row indices of the points of a Streamlit plotly selection (each point carries its row as customdata)."""
    rows = []
    for p in points:
        c = p.get("customdata")
        if isinstance(c, list | tuple):
            c = c[0] if c else None
        if isinstance(c, int | float) and not isinstance(c, bool):
            rows.append(int(c))
    return list(dict.fromkeys(rows))  # in selection order, without repeats


def sample_rows(n_total: int, n: int, seed: int = 0) -> np.ndarray:
    """Which rows of a split a map encodes: all of them, or a seeded sorted random subset of ``n``."""
    if n_total < 1:
        raise ValueError("the split has no rows.")
    n = min(int(n), n_total, MAX_POINTS)
    if n < 1:
        raise ValueError(f"points must be at least 1; got {n}.")
    if n == n_total:
        return np.arange(n_total)
    return np.sort(np.random.default_rng(seed).choice(n_total, n, replace=False))


def export_csv(proj: Projection, z: np.ndarray, rows: np.ndarray, labels: np.ndarray | None = None,
               class_names: Sequence[str] | None = None) -> str:
    """CSV text: row (in the split), label, the two map coordinates, then the code z1..zk.

    Args:
        proj: the map; ``proj.rows`` index into ``z``.
        z: codes (N, k) of the encoded rows.
        rows: (N,) row numbers of those codes in the split.
        labels: (N,) class labels or None.
    """
    import pandas as pd

    sel = proj.rows
    frame = {"row": np.asarray(rows)[sel]}
    if labels is not None:
        lab = np.asarray(labels)[sel]
        frame["label"] = lab
        if class_names is not None:
            frame["class"] = [class_names[int(c)] if 0 <= int(c) < len(class_names) else str(c) for c in lab]
    frame[f"{proj.method}_1"], frame[f"{proj.method}_2"] = proj.coords[:, 0], proj.coords[:, 1]
    for j in range(z.shape[1]):
        frame[f"z{j + 1}"] = z[sel, j]
    return pd.DataFrame(frame).to_csv(index=False, float_format="%.6g")


if __name__ == "__main__":
    _serve()
