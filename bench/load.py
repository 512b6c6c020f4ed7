"""Many sessions at once through the job manager (not part of the test run).

    python bench/load.py [--sessions 10 30] [--epochs 5] [--close-every 5] [--max-jobs N]

For each N: N simulated browser sessions (threads) each submit one small training job on
``digits`` to one ``aecore.serving.jobs.JobManager`` (as many slots as ``DIABOLO_MAX_JOBS``, default the
CPU cores) and poll ``Job.snapshot()`` every 0.5 s like a page's live view. Every
``--close-every``-th session closes its tab, alternately while its job trains and while it
waits (``cancel_session``, what the session guard calls); the bench measures how long until its job has ended and is garbage (target ≤ 2 s). One
more thread stands for a page without a job: every 0.25 s it changes the code size on Basics & PCA
and reruns the whole page script (AppTest, in this process, beside the training threads), and
records how long the rerun took (target p95 < 1 s).

Reports per N: jobs done / cancelled / failed, queue wait (median, p95), job run time, throughput
(jobs/min, optimizer steps/s), snapshot latency p95, idle-page latency p95, close-to-freed times,
peak RSS (VmHWM from /proc/self/status) and the load average. Exit 1 when a target is missed:
a job that failed, a deadlock (nothing finished within --timeout), a close slower than 2 s,
memory over 2 GB.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import os
import sys
import tempfile
import threading
import time
import weakref
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DIABOLO_RUNS_DIR", tempfile.mkdtemp(prefix="diabolo-load-runs-"))

import numpy as np  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from aecore import DataConfig, FitSpec, ModelConfig, TrainConfig  # noqa: E402
from aecore.data.registry import load_dataset  # noqa: E402
from aecore.serving.jobs import JobManager, default_max_running  # noqa: E402
from pages.common import patch_for_apptest  # noqa: E402

patch_for_apptest()

POLL_S = 0.5
MEMORY_LIMIT_MB = 2048


def proc_status(field: str) -> float:
    """A memory field of /proc/self/status in MB (VmRSS now, VmHWM the peak)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def session(manager: JobManager, sid: str, spec: FitSpec, close: str | None, out: dict) -> None:
    """One browser session: submit, poll like the live view, maybe close the tab.

    ``close``: None (stay), "queued" (close while the job waits) or "running" (close once the
    job has trained for a moment).
    """
    job = manager.submit(sid, spec, label=sid)
    t0 = time.perf_counter()
    snaps = []
    while True:
        s0 = time.perf_counter()
        snap = job.snapshot()
        snaps.append(time.perf_counter() - s0)
        if not snap.active:
            break
        if (close == "queued" and time.perf_counter() - t0 >= 0.5) or (
                close == "running" and snap.status == "running" and snap.elapsed >= 0.3):
            ref = weakref.ref(job)
            status_before = snap.status
            c0 = time.perf_counter()
            manager.cancel_session(sid)  # what the session guard does when the tab closes
            job.done.wait(10)
            del job, snap
            while ref() is not None and time.perf_counter() - c0 < 10:  # no gc.collect(): as on the server
                time.sleep(0.01)
            out.update(closed=True, close_s=time.perf_counter() - c0, freed=ref() is None,
                       status_at_close=status_before, status=ref().status if ref() is not None else "cancelled",
                       snapshot_s=snaps)
            return
        time.sleep(POLL_S if close is None else 0.1)  # a closer looks closely, so it catches its moment
    out.update(closed=False, status=job.status, message=job.message, snapshot_s=snaps,
               wait_s=(job.started - job.created) if job.started else None,
               run_s=(job.finished - job.started) if job.started and job.finished else None,
               steps=snap.step)
    manager.forget(job.id)  # the page collects the result; the manager lets go of it


def idle_page(stop: threading.Event, latencies: list[float], pause_s: float = 0.25) -> None:
    """A page without a running job: a user changes a setting on Basics & PCA and the page reruns.

    A full script run in this process (AppTest: the page's Python, its figures and their
    serialization, under the same GIL as the training threads), so what is left of the 1-s budget
    is the network and the browser's drawing, which happen on the student's machine.
    """
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.switch_page("pages/basics.py").run()
    codes = [4, 8]
    i = 0
    while not stop.is_set():
        at.select_slider(key="basics.code").set_value(codes[i % 2])
        i += 1
        t0 = time.perf_counter()
        at.run()
        latencies.append(time.perf_counter() - t0)
        if at.exception:
            raise RuntimeError(f"the idle page failed: {[e.value for e in at.exception]}")
        time.sleep(pause_s)


def run(n: int, epochs: int, close_every: int, max_jobs: int, timeout: float, switch_ms: float | None = None) -> dict:
    spec = FitSpec(DataConfig("digits"), ModelConfig(latent=8, hidden=(32,)),
                   TrainConfig(epochs=epochs, batch_size=64))
    load_dataset(spec.data)  # cached once per process, as on the server
    warm = JobManager(max_running=1).submit("warm-up", dataclasses.replace(spec, train=TrainConfig(epochs=1)))
    warm.done.wait(120)  # torch's lazy imports on the first step; the app does this at start-up (state.py)
    alone, quiet = [], threading.Event()  # the idle page's latency before any job, for comparison
    threading.Timer(6.0, quiet.set).start()
    idle_page(quiet, alone)
    manager = JobManager(max_running=max_jobs)
    if switch_ms is not None:  # the GIL switch interval (Python's default 5 ms)
        sys.setswitchinterval(switch_ms / 1000)
    results = [{} for _ in range(n)]
    t0 = time.perf_counter()
    # Every close_every-th session closes its tab, alternately while queued and while training.
    closers = [i for i in range(n) if close_every and i % close_every == close_every - 1]
    modes = {i: ("running", "queued")[k % 2] for k, i in enumerate(closers)}
    threads = [threading.Thread(target=session, args=(manager, f"s{i}", spec, modes.get(i), results[i]), daemon=True)
               for i in range(n)]
    stop, idle = threading.Event(), []
    idle_thread = threading.Thread(target=idle_page, args=(stop, idle), daemon=True)
    idle_thread.start()
    rss_peak_sampled = 0.0
    for th in threads:
        th.start()
    deadline = time.perf_counter() + timeout
    while any(th.is_alive() for th in threads) and time.perf_counter() < deadline:
        rss_peak_sampled = max(rss_peak_sampled, proc_status("VmRSS"))
        time.sleep(0.2)
    wall = time.perf_counter() - t0
    stop.set()
    deadlocked = any(th.is_alive() for th in threads)
    finished = [r for r in results if r and not r["closed"]]
    closed = [r for r in results if r and r["closed"]]
    statuses = {s: sum(r.get("status") == s for r in results) for s in {r.get("status") for r in results if r}}
    waits = [r["wait_s"] for r in finished if r.get("wait_s") is not None]
    runs = [r["run_s"] for r in finished if r.get("run_s") is not None]
    snaps = [x for r in results if r for x in r["snapshot_s"]]
    gc.collect()
    time.sleep(0.5)
    report = {
        "sessions": n, "max_jobs": max_jobs, "epochs": epochs, "wall_s": round(wall, 1),
        "gil_switch_ms": round(1000 * sys.getswitchinterval(), 2), "idle_page_reruns": len(idle),
        "statuses": statuses, "deadlock": deadlocked,
        "failed": [r.get("message") for r in results if r.get("status") == "failed"],
        "queue_wait_s": {"median": round(pct(waits, 50), 2), "p95": round(pct(waits, 95), 2)},
        "job_run_s": {"median": round(pct(runs, 50), 2), "p95": round(pct(runs, 95), 2)},
        "throughput_jobs_per_min": round(60 * len(finished) / wall, 1),
        "throughput_steps_per_s": round(sum(r.get("steps", 0) for r in finished) / wall, 1),
        "snapshot_ms_p95": round(1000 * pct(snaps, 95), 2),
        "idle_page_ms": {"median": round(1000 * pct(idle, 50), 1), "p95": round(1000 * pct(idle, 95), 1),
                         "alone_median": round(1000 * pct(alone, 50), 1)},
        "closed": len(closed), "closed_freed": sum(r["freed"] for r in closed),
        "close_to_freed_s_max": round(max((r["close_s"] for r in closed), default=0.0), 3),
        "closed_while": {s: sum(r["status_at_close"] == s for r in closed) for s in ("queued", "running")},
        "rss_peak_mb": round(proc_status("VmHWM"), 0), "rss_peak_sampled_mb": round(rss_peak_sampled, 0),
        "rss_after_mb": round(proc_status("VmRSS"), 0), "jobs_left_in_manager": manager.counts()["jobs"],
        "loadavg": [round(x, 2) for x in os.getloadavg()], "cpus": os.cpu_count(),
    }
    report["ok"] = (not deadlocked and not report["failed"] and report["closed_freed"] == len(closed)
                    and report["close_to_freed_s_max"] <= 2.0 and report["rss_peak_mb"] < MEMORY_LIMIT_MB
                    and report["jobs_left_in_manager"] == 0
                    and all(r.get("status") in ("done", "early_stopped", "cancelled", "stopped") for r in results))
    return report


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sessions", type=int, nargs="+", default=[10, 30])
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--close-every", type=int, default=5, help="every k-th session closes its tab (0: none)")
    ap.add_argument("--max-jobs", type=int, default=None, help="job slots (default: $DIABOLO_MAX_JOBS or cores)")
    ap.add_argument("--timeout", type=float, default=900.0)
    ap.add_argument("--json", help="also write the reports to this file")
    ap.add_argument("--switch-ms", type=float, default=None,
                    help="GIL switch interval in ms (default: Python's, 5 ms)")
    args = ap.parse_args()
    max_jobs = args.max_jobs or default_max_running()
    reports = []
    for n in args.sessions:
        r = run(n, args.epochs, args.close_every, max_jobs, args.timeout, args.switch_ms)
        reports.append(r)
        print(f"N={n:>3}  slots={r['max_jobs']}  GIL switch {r['gil_switch_ms']} ms  {r['statuses']}  wall {r['wall_s']} s  "
              f"wait median {r['queue_wait_s']['median']} s p95 {r['queue_wait_s']['p95']} s  "
              f"run median {r['job_run_s']['median']} s  {r['throughput_jobs_per_min']} jobs/min "
              f"({r['throughput_steps_per_s']} steps/s)  snapshot p95 {r['snapshot_ms_p95']} ms  "
              f"idle page p95 {r['idle_page_ms']['p95']} ms over {r['idle_page_reruns']} reruns (alone {r['idle_page_ms']['alone_median']})  closed {r['closed']} (freed {r['closed_freed']}, "
              f"max {r['close_to_freed_s_max']} s)  peak RSS {r['rss_peak_mb']:.0f} MB  "
              f"load {r['loadavg']}  {'OK' if r['ok'] else 'TARGET MISSED'}", flush=True)
    print(json.dumps(reports, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(reports, indent=1))
    return 0 if all(r["ok"] for r in reports) else 1


if __name__ == "__main__":
    sys.exit(main())
