"""Per-job overhead: from Train (``submit``) to the first live picture, per engine (not a test).

    python bench/first_picture.py [--engine local ray] [--jobs 7] [--epochs 40] [--json FILE]

For each engine (``threads``, the baseline, always runs too) in a fresh process of its own: the
engine is started and warmed up as a server's is before a class (the local pool's workers all
ready, Ray up, one job done), then ``--jobs`` jobs one after the other, each a small autoencoder on
digits (64-64-2, ``--epochs``); for each, the time from ``JobManager.submit`` until the job's snapshot first
holds a step and a reconstruction picture (``snapshot().step > 0`` and ``preview`` set: what the
live view draws), polled every 5 ms. The job is then stopped and the next one submitted. Reported:
the median and each time, and each engine's median minus the thread engine's ("extra"), target
≤ 1 s for ``local``. A page polls its live view every 0.5 s (``pages/common/live.py``), which adds
up to that much for every engine alike.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from engine_runs import load_average, pct, run_child  # noqa: E402

EXTRA_TARGET_S = 1.0


def measure(engine: str, jobs: int, epochs: int) -> dict:
    from aecore import DataConfig, FitSpec, ModelConfig, TrainConfig
    from aecore.data.registry import load_dataset
    from aecore.serving.engines import get_engine
    from aecore.serving.jobs import JobManager

    spec = FitSpec(DataConfig("digits"), ModelConfig(latent=2, hidden=(64,)), TrainConfig(epochs=epochs))
    load_dataset(spec.data)
    t0 = time.perf_counter()
    eng = get_engine(engine)
    if hasattr(eng, "wait_ready"):
        eng.wait_ready(300)
    manager = JobManager(engine=eng)
    warm = manager.submit("warm-up", spec)
    warm.done.wait(300)
    start_s = time.perf_counter() - t0
    load_before = load_average()
    firsts, steps = [], []
    for i in range(jobs):
        t = time.perf_counter()
        job = manager.submit(f"s{i}", spec)
        while True:
            snap = job.snapshot()
            if snap.step > 0 and snap.preview is not None:
                firsts.append(time.perf_counter() - t)
                steps.append(snap.step)
                break
            if not snap.active:
                raise RuntimeError(f"job {job.id} ended {snap.status} before its first picture: {snap.message}")
            time.sleep(0.005)
        job.stop()
        job.done.wait(120)
        manager.forget(job.id)
    return {"engine": engine, "jobs": jobs, "first_picture_s": [round(x, 3) for x in firsts],
            "median_s": round(pct(firsts, 50), 3), "max_s": round(max(firsts), 3), "step_at_first_picture": steps,
            "engine_start_and_warm_up_s": round(start_s, 1), "warm_up_status": warm.status,
            "loadavg_before": load_before, "loadavg_after": load_average(), "cpus": os.cpu_count()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--engine", nargs="+", default=["local", "ray"], choices=["threads", "local", "ray"])
    ap.add_argument("--jobs", type=int, default=7)
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--ray-address", default=None, help="the ray engine joins this cluster (DIABOLO_RAY_ADDRESS)")
    ap.add_argument("--json", help="also write the reports to this file")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        Path(args.out).write_text(json.dumps(measure(args.child, args.jobs, args.epochs)))
        return 0
    engines = ["threads", *[e for e in dict.fromkeys(args.engine) if e != "threads"]]
    rows = []
    for engine in engines:
        env = {"DIABOLO_RAY_ADDRESS": args.ray_address} if engine == "ray" and args.ray_address else {}
        rows.append(run_child(Path(__file__), engine, ["--jobs", str(args.jobs), "--epochs", str(args.epochs)], env))
    base = rows[0].get("median_s")
    ok = True
    for r in rows:
        if "error" in r:
            print(f"{r['engine']}: {r['error']}")
            ok = False
            continue
        r["extra_vs_threads_s"] = round(r["median_s"] - base, 3) if base is not None else None
        line = (f"{r['engine']:>7}: Train → first picture median {r['median_s']} s (max {r['max_s']} s, "
                f"{r['jobs']} jobs: {r['first_picture_s']})  extra vs threads {r['extra_vs_threads_s']} s  "
                f"engine start + warm-up {r['engine_start_and_warm_up_s']} s  load {r['loadavg_before']} → "
                f"{r['loadavg_after']}")
        if r["engine"] == "local":
            good = r["extra_vs_threads_s"] is not None and r["extra_vs_threads_s"] <= EXTRA_TARGET_S
            ok = ok and good
            line += "  " + ("OK" if good else f"MISSED (target ≤ {EXTRA_TARGET_S} s extra)")
        print(line, flush=True)
    print(json.dumps(rows, indent=1))
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps({"argv": sys.argv[1:], "rows": rows}, indent=1))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
