"""Latent-map timings: the first map (PCA), UMAP cold and warm, umap-learn's defaults, and blocking.

    python bench/latent_projection.py [--repeats 3] [--codes mnist|blobs] [--sweep]

Codes: 10,000 × 32. ``mnist`` (default when the files are there): MNIST's 10,000 test images on
their top 32 principal components — the code a 32-unit linear autoencoder learns; ``blobs``: ten
seeded Gaussian clusters. Every contender runs in a fresh process, so "cold" is what the first
user of a new server waits for:

- first map: ``projection.pca_2d`` plus the page's WebGL figure serialized to JSON;
- Diabolo's UMAP (``projection.umap_2d``: approximate neighbours always, PCA start, 100 epochs,
  seeded): cold (first call in the process, numba compiles), after the app's warm-up (the tiny
  UMAP that ``app.py`` starts in the background), and warm (median of ``--repeats``);
- umap-learn's defaults, ``umap.UMAP().fit_transform(z)``, cold and warm, on the same codes;
- blocking: while the projector runs UMAP (in its worker process, as in the app), a thread of
  the app's process keeps working; the bench records how late its 5 ms sleeps wake up (max and
  99th percentile) and how long the page's own work (PCA + figure of 10,000 points) takes,
  against the same with UMAP idle — and, for contrast, with UMAP in a thread of the same process;
- ``--sweep``: Diabolo's choices one at a time (epochs, start, neighbours, memory), warm.

Quality beside speed: 10-NN accuracy of the labels in the 2-D map (3-fold) and trustworthiness
(k = 10, on 2,000 rows). Targets: first map ≤ 0.5 s, UMAP warm ≤ 5 s, no page stall.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
warnings.filterwarnings("ignore")
_shared = ROOT.parent / "shared" / "data"
if _shared.is_dir():
    os.environ.setdefault("AECORE_DATA_DIR", str(_shared))

N, K = 10_000, 32


def codes(kind: str):
    """(z, y): 10,000 × 32 codes and their labels."""
    import numpy as np

    if kind == "mnist":
        from aecore.data.registry import DataConfig, load_dataset
        from aecore.measure.metrics import pca_fit

        ds = load_dataset(DataConfig("mnist"))
        mean, vt, _ = pca_fit(ds.x_train[:10_000])
        return ((ds.x_test - mean) @ vt[:K].T).astype(np.float32), ds.y_test
    rng = np.random.default_rng(0)
    y = rng.integers(0, 10, N)
    centres = rng.normal(scale=3.0, size=(10, K))
    return (centres[y] + rng.normal(size=(N, K)) * rng.uniform(0.5, 1.5, K)).astype(np.float32), y


def quality(xy, y, z) -> dict:
    import numpy as np
    from sklearn.manifold import trustworthiness
    from sklearn.model_selection import cross_val_score
    from sklearn.neighbors import KNeighborsClassifier

    knn = float(np.mean(cross_val_score(KNeighborsClassifier(10), xy, y, cv=3)))
    rows = np.random.default_rng(0).choice(len(z), 2000, replace=False)
    return {"knn": knn, "trust": float(trustworthiness(z[rows], xy[rows], n_neighbors=10))}


def page_work(z) -> float:
    """What a page does for a map: PCA, the figure, JSON for the browser (seconds)."""
    from aecore.plots.common import latent_scatter_figure
    from aecore.serving import projection as pj

    t0 = time.perf_counter()
    proj = pj.pca_2d(z)
    latent_scatter_figure(proj.coords, rows=proj.rows, uirevision="bench").to_json()
    return time.perf_counter() - t0


def ticker(stop: threading.Event, gaps: list) -> None:
    while not stop.is_set():
        t0 = time.perf_counter()
        time.sleep(0.005)
        gaps.append(time.perf_counter() - t0 - 0.005)


def stalls(run) -> dict:
    """Run ``run()`` while a thread sleeps in 5 ms steps; how late did it wake up?"""
    import numpy as np

    gaps, stop = [], threading.Event()
    th = threading.Thread(target=ticker, args=(stop, gaps))
    th.start()
    t0 = time.perf_counter()
    extra = run()
    seconds = time.perf_counter() - t0
    stop.set()
    th.join()
    g = np.array(gaps or [0.0])
    return {"seconds": seconds, "stall_max": float(g.max()), "stall_p99": float(np.quantile(g, 0.99)), **(extra or {})}


SWEEP = (
    ("Diabolo: pca start, 100 epochs", {}),
    ("150 epochs", {"n_epochs": 150}),
    ("200 epochs", {"n_epochs": 200}),
    ("500 epochs (umap-learn's choice for 10,000 rows)", {"n_epochs": 500}),
    ("spectral start", {"init": "spectral"}),
    ("10 neighbours", {"n_neighbors": 10}),
    ("low_memory=False", {"low_memory": False}),
)


def sweep(z, y) -> list:
    import umap

    base = {"n_neighbors": 15, "min_dist": 0.1, "n_epochs": 100, "init": "pca", "random_state": 0, "n_jobs": 1,
            "force_approximation_algorithm": True}
    umap.UMAP(**{**base, "n_epochs": 10}).fit_transform(z[:300])  # compile
    rows = []
    for name, change in SWEEP:
        t0, c0 = time.perf_counter(), time.process_time()
        xy = umap.UMAP(**{**base, **change}).fit_transform(z)
        rows.append({"name": name, "wall": time.perf_counter() - t0, "cpu": time.process_time() - c0,
                     **quality(xy, y, z)})
    return rows


def child(mode: str, kind: str, repeats: int) -> dict:
    t0 = time.perf_counter()
    z, y = codes(kind)
    out: dict = {"codes_s": time.perf_counter() - t0}
    if mode == "first_map":
        import plotly.graph_objects  # noqa: F401  (imported, as in a running app: the first map's cost is the work)

        from aecore.plots import common as figures  # noqa: F401
        from aecore.serving import projection as pj

        out["first_map"] = [page_work(z) for _ in range(repeats)]

        out["quality"] = quality(pj.pca_2d(z).coords, y, z)
        return out
    if mode == "sweep":
        out["sweep"] = sweep(z, y)
        return out
    if mode == "default":
        t0 = time.perf_counter()
        import umap

        out["import_s"] = time.perf_counter() - t0
        times, cpu = [], []
        for _ in range(1 + repeats):
            t0, c0 = time.perf_counter(), time.process_time()
            xy = umap.UMAP().fit_transform(z)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        out["cold"], out["warm"], out["quality"] = times[0], times[1:], quality(xy, y, z)
        out["cold_cpu"], out["warm_cpu"] = cpu[0], cpu[1:]
        return out
    from aecore.serving import projection as pj

    if mode == "cold":
        t0 = time.perf_counter()
        import umap  # noqa: F401

        out["import_s"] = time.perf_counter() - t0
        c0 = time.process_time()
        out["cold"] = stalls(lambda: {"n": len(pj.umap_2d(z).coords)})  # on a thread of this process
        out["cold_cpu"] = time.process_time() - c0
        warm, cpu = [], []
        for _ in range(repeats):
            c0 = time.process_time()
            warm.append(pj.umap_2d(z))
            cpu.append(time.process_time() - c0)
        out["warm"], out["warm_cpu"] = [w.seconds for w in warm], cpu
        out["quality"] = quality(warm[-1].coords, y, z)
        return out
    # mode == "app": the app starts the warm-up; the page asks for UMAP once it is done, then again
    p = pj.Projector()

    def wait(task):
        while task.pending:
            time.sleep(0.02)
        return {"status": task.status}

    out["warm_up"] = stalls(lambda: wait(p.warm_up()))
    idle = [page_work(z) for _ in range(repeats)]
    out["page_idle"] = statistics.median(idle)
    out["idle_stall"] = stalls(lambda: time.sleep(2.0))
    task = p.submit(z, "umap", {})
    busy = []
    out["umap_after_warm_up"] = stalls(lambda: (busy.extend(page_work(z) for _ in range(repeats)), wait(task))[1])
    out["page_during_umap"] = statistics.median(busy)
    out["umap_task_s"] = task.result.seconds
    return out


def run_child(mode: str, kind: str, repeats: int) -> dict:
    res = subprocess.run([sys.executable, __file__, "--child", mode, "--codes", kind, "--repeats", str(repeats)],
                         capture_output=True, text=True, check=False)
    if res.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{res.stderr[-3000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--codes", choices=("mnist", "blobs"), default=None)
    ap.add_argument("--sweep", action="store_true", help="also time UMAP's settings one at a time")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    a = ap.parse_args()
    kind = a.codes or ("mnist" if (_shared / "mnist").is_dir() or os.environ.get("AECORE_DATA_DIR") else "blobs")
    if a.child:
        print(json.dumps(child(a.child, kind, a.repeats)))
        return
    med = statistics.median
    print(f"codes: {kind}, {N:,} × {K}; cpu cores: {os.cpu_count()}; load average: "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    first = run_child("first_map", kind, a.repeats)
    print(f"first map (PCA + figure + JSON): first {first['first_map'][0]:.3f} s, median "
          f"{med(first['first_map']):.3f} s", flush=True)
    cold = run_child("cold", kind, a.repeats)
    print(f"Diabolo UMAP cold {cold['cold']['seconds']:.1f} s (import {cold['import_s']:.1f} s), warm "
          f"{med(cold['warm']):.1f} s", flush=True)
    app = run_child("app", kind, a.repeats)
    print(f"app warm-up {app['warm_up']['seconds']:.1f} s, then UMAP {app['umap_task_s']:.1f} s", flush=True)
    default = run_child("default", kind, max(1, a.repeats - 1))
    print(f"umap-learn defaults cold {default['cold']:.1f} s (import {default['import_s']:.1f} s), warm "
          f"{med(default['warm']):.1f} s", flush=True)
    q = {"PCA": first["quality"], "Diabolo UMAP": cold["quality"], "umap-learn defaults": default["quality"]}
    print("\n| contender | cold (s) | warm (s) | warm CPU (s) | 10-NN accuracy in 2-D | trustworthiness |")
    print("|---|---:|---:|---:|---:|---:|")
    print(f"| first map: PCA + figure | {first['first_map'][0]:.3f} | {med(first['first_map']):.3f} | | "
          f"{q['PCA']['knn']:.3f} | {q['PCA']['trust']:.3f} |")
    print(f"| Diabolo UMAP | {cold['cold']['seconds']:.1f} | {med(cold['warm']):.1f} | {med(cold['warm_cpu']):.1f} | "
          f"{q['Diabolo UMAP']['knn']:.3f} | {q['Diabolo UMAP']['trust']:.3f} |")
    print(f"| Diabolo UMAP after the app's warm-up ({app['warm_up']['seconds']:.0f} s, in the background) | — | "
          f"{app['umap_task_s']:.1f} | | | |")
    print(f"| umap-learn defaults | {default['cold']:.1f} | {med(default['warm']):.1f} | "
          f"{med(default['warm_cpu']):.1f} | {q['umap-learn defaults']['knn']:.3f} | "
          f"{q['umap-learn defaults']['trust']:.3f} |")
    print("\n| page thread while … | 5 ms sleep: latest wake-up (ms) | 99th percentile (ms) | page work (s) |")
    print("|---|---:|---:|---:|")
    print(f"| nothing else runs | {1e3 * app['idle_stall']['stall_max']:.0f} | {1e3 * app['idle_stall']['stall_p99']:.0f} "
          f"| {app['page_idle']:.3f} |")
    print(f"| UMAP warm-up compiles | {1e3 * app['warm_up']['stall_max']:.0f} | "
          f"{1e3 * app['warm_up']['stall_p99']:.0f} | |")
    print(f"| UMAP runs (10,000 × 32) | {1e3 * app['umap_after_warm_up']['stall_max']:.0f} | "
          f"{1e3 * app['umap_after_warm_up']['stall_p99']:.0f} | {app['page_during_umap']:.3f} |")
    print(f"| for contrast, UMAP on a thread of the same process (compiles, then runs) | "
          f"{1e3 * cold['cold']['stall_max']:.0f} | {1e3 * cold['cold']['stall_p99']:.0f} | |")
    if a.sweep:
        print("\n| UMAP setting (warm, 10,000 × 32) | wall (s) | CPU (s) | 10-NN accuracy | trustworthiness |")
        print("|---|---:|---:|---:|---:|")
        for r in run_child("sweep", kind, 1)["sweep"]:
            print(f"| {r['name']} | {r['wall']:.1f} | {r['cpu']:.1f} | {r['knn']:.3f} | {r['trust']:.3f} |")


if __name__ == "__main__":
    main()
