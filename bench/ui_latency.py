"""UI latency and training throughput under polling.

    python bench/ui_latency.py [--repeats 3] [--epochs 40]

Prints, per page (AppTest, data set ``digits``): the first render and a rerun after a widget
change, median of ``--repeats``. Then the training throughput (optimizer steps per second of a
plain autoencoder on digits through the job manager) alone and while the page polls it: every
0.5 s the live view's work is done (job snapshot → loss curve and reconstruction figures →
JSON for the browser), and, as a worst case, a full AppTest rerun of the Basics page.
Target: throughput while polling ≥ 0.9 × alone.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DIABOLO_RUNS_DIR", tempfile.mkdtemp(prefix="diabolo-bench-runs-"))
warnings.filterwarnings("ignore")

from streamlit.testing.v1 import AppTest  # noqa: E402

from aecore import DataConfig, FitSpec, ModelConfig, TrainConfig  # noqa: E402
from aecore.serving.jobs import manager  # noqa: E402
from pages.common import nav, patch_for_apptest, state  # noqa: E402

patch_for_apptest()
APP = str(ROOT / "app.py")
CHANGE = {  # a widget to change per page: (kind, key, value)
    "basics": ("select_slider", "basics.code", 4), "stacked": ("select_slider", "stacked.code", 8),
    "sparse": ("select_slider", "sparse.code", 8), "denoising": ("select_slider", "denoising.code", 8),
    "contractive": ("select_slider", "contractive.code", 8), "variational": ("select_slider", "variational.code", 4),
    "compare": ("select_slider", "compare.code", 8),
}


def render_times(p: nav.PageDef) -> tuple[float, float]:
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page(p.path)
    t0 = time.perf_counter()
    at.run()
    first = time.perf_counter() - t0
    kind, key, value = CHANGE.get(p.key, ("segmented_control", state.MODE, "advanced"))
    if kind == "segmented_control":
        at.session_state[state.MODE] = value
    else:
        getattr(at, kind)(key=key).set_value(value)
    t0 = time.perf_counter()
    at.run()
    rerun = time.perf_counter() - t0
    assert not at.exception, [e.value for e in at.exception]
    return first, rerun


def throughput(epochs: int, poll: str | None) -> float:
    """Optimizer steps per second of one job; ``poll`` is None, "fragment" or "rerun"."""
    spec = FitSpec(DataConfig("digits"), ModelConfig(), TrainConfig(epochs=epochs, seed=1))
    job = manager().submit("bench", spec, "bench")
    stop = threading.Event()

    def fragment_work() -> None:
        from aecore.plots.common import image_grid_figure, loss_curve_figure

        while not stop.wait(0.5):
            s = job.snapshot()
            loss_curve_figure(s.epochs, s.steps, s.losses).to_json()
            if s.preview is not None:
                image_grid_figure([s.preview_input, s.preview], (8, 8), ["original", "reconstruction"]).to_json()

    at = None
    if poll == "rerun":
        at = AppTest.from_file(APP, default_timeout=120)
        at.switch_page("pages/basics.py").run()
    poller = threading.Thread(target=fragment_work, daemon=True) if poll == "fragment" else None
    if poller:
        poller.start()
    while not job.done.is_set():
        if at is not None:
            t0 = time.perf_counter()
            at.run()
            time.sleep(max(0.0, 0.5 - (time.perf_counter() - t0)))
        else:
            job.done.wait(0.1)
    stop.set()
    result = job.result
    manager().forget(job.id)
    return result.train.steps / result.train.train_seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--epochs", type=int, default=40)
    args = ap.parse_args()
    print(f"CPU cores: {os.cpu_count()}, job slots: {manager().max_running}")
    print(f"{'page':<12} {'first render (s)':>17} {'rerun after change (s)':>23}")
    for p in nav.PAGES:
        times = [render_times(p) for _ in range(args.repeats)]
        print(f"{p.key:<12} {statistics.median(t[0] for t in times):>17.3f} "
              f"{statistics.median(t[1] for t in times):>23.3f}")
    throughput(2, None)  # warm up torch and the data cache
    rows = []
    for poll in (None, "fragment", None, "rerun"):
        rows.append((poll, throughput(args.epochs, poll)))
    alone = statistics.mean(r for p, r in rows if p is None)
    print(f"\ntraining throughput, plain AE on digits, {args.epochs} epochs (steps/s):")
    print(f"  alone                          {alone:8.0f}")
    for poll, rate in rows:
        if poll:
            label = "live view polling every 0.5 s" if poll == "fragment" else "full page rerun every 0.5 s"
            print(f"  {label:<30} {rate:8.0f}   ratio {rate / alone:.2f}")


if __name__ == "__main__":
    main()
