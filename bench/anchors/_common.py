"""Shared plumbing of the reference-result anchors: arguments, seeding, timing, the result row.

Every anchor script calls :func:`start` first and :func:`finish` last. ``finish`` prints the
row and writes it as JSON to ``bench/out/anchors/<name>[-quick].json`` (git-ignored), where
``bench/run_anchors.py`` collects it into ``bench/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

BENCH = Path(__file__).resolve().parents[1]
REPO = BENCH.parent
OUT = BENCH / "out" / "anchors"
RESULTS_DIR = BENCH / "results"  # committed figures (filter mosaics)
sys.path.insert(0, str(REPO))  # Diabolo is not installed as a package


@dataclass
class Row:
    """One line of the results table."""

    anchor: str  # script name, e.g. "a1_linear_pca"
    setting: str
    published: str
    target: str
    ours: str = ""
    met: bool | None = None  # None: no pass/fail criterion could be evaluated
    settings: str = ""  # what we actually ran (epochs, batch, lr, ...)
    notes: str = ""  # why a miss missed, or what was composed outside aecore
    metrics: dict = field(default_factory=dict)
    quick: bool = False
    wall_seconds: float = 0.0
    date: str = ""
    machine: str = ""


def aecore_revision() -> str:
    """The commit aecore was loaded from, with "+local changes" when aecore/ differs from it."""
    import subprocess

    try:
        rev = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "aecore"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{rev}{' +local changes' if dirty else ''}" if rev else "unknown"


AECORE_AT_START = aecore_revision()  # taken at import: the code this process runs


def machine() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{platform.machine()}, {os.cpu_count()} cores, torch {torch.__version__} "
            f"({torch.get_num_threads()} threads), load avg at end {load:.1f}; aecore {AECORE_AT_START}")


def start(doc: str, extra=None) -> tuple[argparse.Namespace, float]:
    """Parse ``--quick``/``--seed`` (plus the anchor's own flags), pin threads and seeds; return (args, t0)."""
    p = argparse.ArgumentParser(description=doc.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="tiny smoke-test budget (< 1 min)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=1,
                   help="torch CPU threads (default 1: on this shared 2-core machine 2 threads ran 10x slower)")
    if extra is not None:
        extra(p)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    return args, time.perf_counter()


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def epoch_logger(every: int = 1):
    """A Trainer callback that prints one line per ``every`` epochs (progress in the nohup log)."""
    from aecore import EpochEvent

    def cb(event) -> None:
        if isinstance(event, EpochEvent) and (event.epoch % every == 0 or event.epoch == 1):
            val = "" if event.val_loss is None else f" val {event.val_loss:.4f}"
            parts = " ".join(f"{k} {v:.4g}" for k, v in event.parts.items())
            log(f"  {event.phase} epoch {event.epoch}: train {event.train_loss:.4f}{val} ({parts}) "
                f"{event.seconds:.0f}s")
    return cb


def finish(row: Row, t0: float, quick: bool, tag: str = "") -> Row:
    """Stamp, print and save ``row`` (``tag``: a suffix for side runs, e.g. "-seed1", kept out of the table)."""
    row.quick = quick
    row.wall_seconds = round(time.perf_counter() - t0, 1)
    row.date = datetime.date.today().isoformat()
    row.machine = machine()
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{row.anchor}{tag}{'-quick' if quick else ''}.json"
    path.write_text(json.dumps(row.__dict__, indent=2, default=_jsonable))
    verdict = {True: "MET", False: "MISSED", None: "n/a"}[row.met]
    print(f"\n| {row.anchor} | {row.setting} | published: {row.published} | ours: {row.ours} | "
          f"target: {row.target} → {verdict} | {row.wall_seconds:.0f} s{' (QUICK)' if quick else ''} |")
    print(f"settings: {row.settings}")
    if row.notes:
        print(f"notes: {row.notes}")
    print(f"saved {path.relative_to(REPO)}")
    return row


def _jsonable(v):
    if isinstance(v, np.ndarray):
        return v.tolist()
    if isinstance(v, np.generic):
        return v.item()
    return str(v)


def mosaic_png(filters: np.ndarray, shape: tuple[int, int], path: Path, cols: int | None = None,
               scale: int = 8, pad: int = 1) -> Path:
    """Save filters (n, H*W) as a grid of tiles, each contrast-stretched to its own range, as PNG."""
    from PIL import Image

    n = len(filters)
    cols = cols or int(np.ceil(np.sqrt(n)))
    rows = int(np.ceil(n / cols))
    h, w = shape
    canvas = np.ones((rows * (h + pad) + pad, cols * (w + pad) + pad))
    for i, f in enumerate(filters):
        f = f.reshape(h, w)
        lo, hi = f.min(), f.max()
        tile = (f - lo) / (hi - lo) if hi > lo else np.zeros_like(f)
        r, c = divmod(i, cols)
        canvas[pad + r * (h + pad): pad + r * (h + pad) + h, pad + c * (w + pad): pad + c * (w + pad) + w] = tile
    img = Image.fromarray((canvas * 255).astype(np.uint8)).resize(
        (canvas.shape[1] * scale, canvas.shape[0] * scale), Image.NEAREST)
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path)
    return path


def mnist(limit: int | None = None):
    """The MNIST data set from ../shared/data (60,000 + 10,000 rows in [0, 1])."""
    from aecore import DataConfig, load_dataset

    return load_dataset(DataConfig("mnist", limit=limit))


@torch.no_grad()
def accuracy(predict, x: np.ndarray, y: np.ndarray, batch: int = 2048) -> float:
    """Fraction of rows whose ``predict`` (a function of a float tensor → class indices) equals y."""
    hits = 0
    for i in range(0, len(x), batch):
        hits += int((predict(torch.tensor(x[i:i + batch])) == torch.tensor(y[i:i + batch])).sum())
    return hits / len(x)


def pca_eigh(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean, principal directions (columns, descending) and variances, from the covariance.

    ``aecore.measure.metrics.pca_fit`` runs a full SVD of the 60,000 × 784 data (about 85 s here);
    the 784 × 784 covariance's eigendecomposition gives the same subspace in about 2 s.
    """
    x = np.asarray(x, np.float64)
    mean = x.mean(0)
    xc = x - mean
    cov = xc.T @ xc / (len(x) - 1)
    w, v = np.linalg.eigh(cov)
    order = np.argsort(w)[::-1]
    return mean, v[:, order], w[order]


class CpuBudget:
    """Trainer callback that stops a trainer once this process has used ``seconds`` of CPU time.

    Checked after each epoch, predicting the next epoch's cost from the last one, so a stage
    ends before it would overrun. ``attach`` names the trainer to stop.
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.trainer = None
        self._last = time.process_time()
        self.exhausted = False

    def attach(self, trainer):
        self.trainer = trainer
        self._last = time.process_time()
        return trainer

    def left(self) -> float:
        return self.seconds - time.process_time()

    def __call__(self, event) -> None:
        from aecore import EpochEvent

        if not isinstance(event, EpochEvent) or self.trainer is None:
            return
        now = time.process_time()
        per_epoch, self._last = now - self._last, now
        if now + per_epoch > self.seconds:
            self.exhausted = True
            log(f"  CPU budget: {now:.0f} s used of {self.seconds:.0f} s; stopping {event.phase} after epoch "
                f"{event.epoch}")
            self.trainer.stop()
