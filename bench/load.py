"""Many sessions at once through the job manager, per engine, against the thread engine (not a test).

    python bench/load.py [--engine local [ray]] [--sessions 10 30] [--epochs 40] [--close-every 5]
                         [--max-jobs N] [--ray-address HOST:PORT] [--json FILE]
    python bench/load.py --pair [--engine local [ray]] [--reps 5] [--pair-epochs 60] [--json FILE]

Every engine named by ``--engine`` (threads, local, ray) runs the same load, and the ``threads``
engine (training threads inside the server process: the old way) always runs too, in the same
invocation, so the report prints each engine's numbers as ratios against it. Each engine runs in
a fresh Python process of its own (``engine_runs.run_child``): its own worker pool or Ray, its
own peak memory.

**Load** (default). For each N in ``--sessions``: N simulated browser sessions (threads) each
submit one small training job on ``digits`` (a 64-32-8 autoencoder, ``--epochs``, batch 64) to one
``aecore.serving.jobs.JobManager`` and poll ``Job.snapshot()`` every 0.5 s like a page's live
view. Every ``--close-every``-th session closes its tab, alternately while its job trains and
while it waits (``cancel_session``, what the session guard calls); the bench measures how long
until its job has ended and is garbage (target ≤ 2 s). One more thread stands for a page without
a job: every 0.25 s it changes the code size on Basics & PCA and reruns the whole page script
(AppTest, in the server process, beside the sessions' threads) and records how long the rerun
took (target p95 < 0.5 s). Reported per engine and N: jobs done / cancelled / failed, queue wait
(median, p95), job run time, jobs per minute, optimizer steps/s, snapshot latency p95, page
rerun latency, close-to-freed times, and memory: the server process's peak (VmHWM) and the
summed resident memory of its helper processes (worker processes, a local Ray's processes, or
the processes of a Ray cluster started by ``ray_nodes.py``), sampled every 0.2 s.

**Pair** (``--pair``): the issue's scaling target. The same job (``--pair-epochs`` on digits) alone,
then two copies at once, ``--reps`` times alternately, on two job slots; the throughput ratio is
2 × (time of one alone) / (time of two at once), the median over the repetitions (target ≥ 1.8
with ``local`` on 2 cores; perfect scaling is 2). Interleaved with every repetition, two warm plain
processes train the same job (``aecore.fit``, no engine) alone and at once: their ratio is what the
machine gives, and the engine's ratio over theirs is the engine's own efficiency.

The UMAP warm-up app.py starts (a background compile of about a minute of CPU) is turned off in
the measuring process: a server does it once at start, before a class arrives. Exit code 1 when a
target is missed.
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
sys.path.insert(0, str(ROOT / "bench"))

from engine_runs import ProcessSampler, load_average, pct, run_child  # noqa: E402

POLL_S = 0.5
MEMORY_LIMIT_MB = 2048  # the server process alone
QUEUE_P95_TARGET_S = 10.95  # half of the thread engine's 21.9 s (issue 12)
RERUN_P95_TARGET_S = 0.5
PAIR_TARGET = 1.8


# ---- the measuring process (one engine) -------------------------------------------------------
def _child_setup() -> None:
    """Imports for a measuring process: the app's own job manager (the AppTest page) on threads, no UMAP warm-up."""
    os.environ.setdefault("DIABOLO_RUNS_DIR", tempfile.mkdtemp(prefix="diabolo-load-runs-"))
    os.environ["DIABOLO_ENGINE"] = "threads"  # the page's manager never trains here; the bench's own does
    import aecore.serving.projection as projection

    projection.warm_up = lambda: None  # see the module docstring
    from streamlit.runtime.scriptrunner_utils import script_run_context

    script_run_context._LOGGER.disabled = True  # AppTest on a plain thread warns "missing ScriptRunContext" per rerun
    from pages.common import patch_for_apptest

    patch_for_apptest()


def spec_for(epochs: int):
    from aecore import DataConfig, FitSpec, ModelConfig, TrainConfig

    return FitSpec(DataConfig("digits"), ModelConfig(latent=8, hidden=(32,)), TrainConfig(epochs=epochs, batch_size=64))


def warm(engine: str, spec):
    """The engine started and warm (a local pool's workers all ready, Ray up), as a server is before a class."""
    from aecore.serving.engines import get_engine
    from aecore.serving.jobs import JobManager

    eng = get_engine(engine)
    if hasattr(eng, "wait_ready"):
        eng.wait_ready(300)
    job = JobManager(max_running=1, engine=eng).submit("warm-up", dataclasses.replace(spec, train=dataclasses.replace(
        spec.train, epochs=1)))
    if not job.done.wait(300) or job.status != "done":
        raise RuntimeError(f"the {engine} engine's warm-up job ended {job.status}: {job.message}")
    return eng


def session(manager, sid: str, spec, close: str | None, out: dict) -> None:
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
                close == "running" and snap.status == "running" and snap.step > 0 and snap.elapsed >= 0.3):
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

    A full script run in the server process (AppTest: the page's Python, its figures and their
    serialization, beside the sessions' polling and, with the thread engine, the training
    threads), so what is left of an interaction's budget is the network and the browser's drawing.
    """
    from streamlit.testing.v1 import AppTest

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


def load_run(engine: str, n: int, epochs: int, close_every: int, max_jobs: int | None, timeout: float,
             sessions: frozenset[int]) -> dict:
    from aecore.data.registry import load_dataset
    from aecore.serving.jobs import JobManager

    spec = spec_for(epochs)
    load_dataset(spec.data)  # cached once per process, as on the server
    sampler = ProcessSampler(sessions=sessions).start()
    eng = warm(engine, spec)
    alone, quiet = [], threading.Event()  # the idle page's latency before any job, for comparison
    threading.Timer(6.0, quiet.set).start()
    idle_page(quiet, alone)
    manager = JobManager(max_running=max_jobs, engine=eng)
    results = [{} for _ in range(n)]
    load_before = load_average()
    t0 = time.perf_counter()
    # Every close_every-th session closes its tab, alternately while queued and while training.
    closers = [i for i in range(n) if close_every and i % close_every == close_every - 1]
    modes = {i: ("running", "queued")[k % 2] for k, i in enumerate(closers)}
    threads = [threading.Thread(target=session, args=(manager, f"s{i}", spec, modes.get(i), results[i]), daemon=True)
               for i in range(n)]
    stop, idle = threading.Event(), []
    idle_thread = threading.Thread(target=idle_page, args=(stop, idle), daemon=True)
    idle_thread.start()
    cpu0 = os.times()
    for th in threads:
        th.start()
    deadline = time.perf_counter() + timeout
    while any(th.is_alive() for th in threads) and time.perf_counter() < deadline:
        time.sleep(0.2)
    wall = time.perf_counter() - t0
    cpu1 = os.times()
    stop.set()
    idle_thread.join(30)
    deadlocked = any(th.is_alive() for th in threads)
    finished = [r for r in results if r and not r["closed"]]
    closed = [r for r in results if r and r["closed"]]
    statuses = {s: sum(r.get("status") == s for r in results) for s in {r.get("status") for r in results if r}}
    waits = [r["wait_s"] for r in finished if r.get("wait_s") is not None]
    runs = [r["run_s"] for r in finished if r.get("run_s") is not None]
    snaps = [x for r in results if r for x in r["snapshot_s"]]
    gc.collect()
    time.sleep(0.5)
    memory = sampler.stop()
    report = {
        "engine": engine, "sessions": n, "max_jobs": manager.max_running, "epochs": epochs, "wall_s": round(wall, 1),
        "idle_page_reruns": len(idle), "statuses": statuses, "deadlock": deadlocked,
        "failed": [r.get("message") for r in results if r.get("status") == "failed"],
        "queue_wait_s": {"median": round(pct(waits, 50), 2), "p95": round(pct(waits, 95), 2)},
        "job_run_s": {"median": round(pct(runs, 50), 2), "p95": round(pct(runs, 95), 2)},
        "jobs_per_min": round(60 * len(finished) / wall, 1),
        "steps_per_s": round(sum(r.get("steps", 0) for r in finished) / wall, 1),
        "snapshot_ms_p95": round(1000 * pct(snaps, 95), 2),
        "page_rerun_s": {"median": round(pct(idle, 50), 3), "p95": round(pct(idle, 95), 3),
                         "alone_median": round(pct(alone, 50), 3)},
        "server_cpu_s": round(cpu1.user + cpu1.system - cpu0.user - cpu0.system, 1),
        "closed": len(closed), "closed_freed": sum(r["freed"] for r in closed),
        "close_to_freed_s_max": round(max((r["close_s"] for r in closed), default=0.0), 3),
        "closed_while": {s: sum(r["status_at_close"] == s for r in closed) for s in ("queued", "running")},
        "memory": memory, "jobs_left_in_manager": manager.counts()["jobs"],
        "loadavg_before": load_before, "loadavg_after": load_average(), "cpus": os.cpu_count(),
    }
    report["ok"] = (not deadlocked and not report["failed"] and report["closed_freed"] == len(closed)
                    and report["close_to_freed_s_max"] <= 2.0 and memory["server_peak_mb"] < MEMORY_LIMIT_MB
                    and report["jobs_left_in_manager"] == 0
                    and all(r.get("status") in ("done", "early_stopped", "cancelled", "stopped") for r in results))
    return report


def _plain_worker(epochs: int, nice: int, todo, done) -> None:
    """The peer of the pair: ``aecore.fit`` of the same spec in a plain process (no engine, no pipe)."""
    import torch

    from aecore.training.fit import fit

    os.nice(nice)  # as the local engine's workers run
    torch.set_num_threads(1)  # as the job manager gives each of two slots on 2 cores
    fit(spec_for(1))  # warm, like a pooled worker
    done.put("ready")
    spec = spec_for(epochs)
    while todo.get() is not None:
        fit(spec)
        done.put("done")  # the parent times the pair's wall clock, as it does the engine's jobs


class PlainPair:
    """Two warm plain processes that each train the pair's job on ``run(k)``: what the hardware gives.

    The same work as a job (data, model, training, the final probe) without the job machinery, so
    the engine's ratio divided by this one is the engine's own efficiency, free of the machine's.
    """

    def __init__(self, epochs: int):
        import multiprocessing as mp

        from aecore.serving.engines.local import WORKER_NICE

        ctx = mp.get_context("spawn")  # a fresh interpreter, like the engine's workers
        self.queues = [(ctx.Queue(), ctx.Queue()) for _ in range(2)]
        self.procs = [ctx.Process(target=_plain_worker, args=(epochs, WORKER_NICE, *q), daemon=True)
                      for q in self.queues]
        for p in self.procs:
            p.start()
        for _, done in self.queues:
            done.get(timeout=300)

    def run(self, k: int) -> float:
        """Wall time (s) of ``k`` (1 or 2) copies of the job started together."""
        t0 = time.perf_counter()
        for todo, _ in self.queues[:k]:
            todo.put(1)
        for _, done in self.queues[:k]:
            done.get(timeout=300)
        return time.perf_counter() - t0

    def close(self) -> None:
        for todo, _ in self.queues:
            todo.put(None)
        for p in self.procs:
            p.join(10)


def pair_run(engine: str, epochs: int, reps: int) -> dict:
    """One job alone, then two at once, ``reps`` times alternately, each time also the plain pair; see the module docstring."""
    from aecore.data.registry import load_dataset
    from aecore.serving.jobs import JobManager

    spec = spec_for(epochs)
    load_dataset(spec.data)
    sampler = ProcessSampler().start()
    eng = warm(engine, spec)
    manager = JobManager(max_running=2, engine=eng)
    plain = PlainPair(epochs)

    def batch(k: int) -> tuple[float, list[str]]:
        t0 = time.time()  # the clock of Job.created / Job.finished
        jobs = [manager.submit(f"pair{i}", spec) for i in range(k)]
        while running := [j for j in jobs if not j.done.is_set()]:
            for j in jobs:
                j.snapshot()  # polled like a page's live view
            running[0].done.wait(POLL_S / 5)  # a pause that ends when the job does
        wall = max(j.finished for j in jobs) - t0  # to the moment the last one ended, not to the next poll
        for j in jobs:
            manager.forget(j.id)
        return wall, [j.status for j in jobs]

    load_before = load_average()
    ones, twos, statuses, plain_ones, plain_twos = [], [], [], [], []
    for _ in range(reps):  # interleaved, so that the machine's moods fall on the engine and the peer alike
        w1, s1 = batch(1)
        w2, s2 = batch(2)
        ones.append(w1)
        twos.append(w2)
        statuses += s1 + s2
        plain_ones.append(plain.run(1))
        plain_twos.append(plain.run(2))
    plain.close()
    return {"engine": engine, "epochs": epochs, "reps": reps, **pair_stats(ones, twos),
            "statuses": {s: statuses.count(s) for s in set(statuses)}, "plain": pair_stats(plain_ones, plain_twos),
            "memory": sampler.stop(), "loadavg_before": load_before, "loadavg_after": load_average(),
            "cpus": os.cpu_count()}


def pair_stats(ones: list[float], twos: list[float]) -> dict:
    """Per-repetition times (s) of one job alone and two at once, their ratios 2·one/two and medians."""
    ratios = [2 * a / b for a, b in zip(ones, twos, strict=True)]
    return {"one_s": [round(x, 3) for x in ones], "two_s": [round(x, 3) for x in twos],
            "ratios": [round(x, 3) for x in ratios], "ratio_median": round(pct(ratios, 50), 3),
            "one_median_s": round(pct(ones, 50), 3), "two_median_s": round(pct(twos, 50), 3)}


def child(args) -> int:
    _child_setup()
    sessions = frozenset(int(s) for s in args.count_sessions.split(",") if s) if args.count_sessions else frozenset()
    if args.pair:
        out = pair_run(args.child, args.pair_epochs, args.reps)
    else:
        out = [load_run(args.child, n, args.epochs, args.close_every, args.max_jobs, args.timeout, sessions)
               for n in args.sessions]
    Path(args.out).write_text(json.dumps(out, indent=1))
    return 0


# ---- the parent: every engine against threads -----------------------------------------------
def ratio(a: float, b: float) -> float:
    return round(a / b, 2) if b else float("nan")


def print_load(rows: list[dict]) -> None:
    base = {r["sessions"]: r for r in rows if r.get("engine") == "threads" and "error" not in r}
    for r in rows:
        if "error" in r:
            print(f"{r['engine']}: {r['error']}")
            continue
        b, m = base.get(r["sessions"]), r["memory"]
        line = (f"{r['engine']:>7} N={r['sessions']:>3} slots={r['max_jobs']} {r['statuses']} wall {r['wall_s']} s  "
                f"{r['jobs_per_min']} jobs/min ({r['steps_per_s']} steps/s)  queue wait median "
                f"{r['queue_wait_s']['median']} s p95 {r['queue_wait_s']['p95']} s  run median "
                f"{r['job_run_s']['median']} s  page rerun p95 {r['page_rerun_s']['p95']} s over "
                f"{r['idle_page_reruns']} (alone {r['page_rerun_s']['alone_median']} s)  closed {r['closed']} "
                f"(freed {r['closed_freed']}, max {r['close_to_freed_s_max']} s)  memory: server "
                f"{m['server_peak_mb']:.0f} MB + helpers {m['helpers_peak_mb']:.0f} MB ({m['helper_processes']} "
                f"processes) = peak {m['total_peak_mb']:.0f} MB  server CPU {r['server_cpu_s']} s  "
                f"load {r['loadavg_before']} → {r['loadavg_after']}")
        if b is not None and r["engine"] != "threads":
            line += (f"\n{'':>9}vs threads: jobs/min ×{ratio(r['jobs_per_min'], b['jobs_per_min'])}, queue wait p95 "
                     f"×{ratio(r['queue_wait_s']['p95'], b['queue_wait_s']['p95'])}, page rerun p95 "
                     f"×{ratio(r['page_rerun_s']['p95'], b['page_rerun_s']['p95'])}, memory peak "
                     f"×{ratio(m['total_peak_mb'], b['memory']['total_peak_mb'])}")
        line += "  " + ("OK" if load_targets(r) == [] else "MISSED: " + ", ".join(load_targets(r)))
        print(line, flush=True)


def load_targets(r: dict) -> list[str]:
    """The targets a load row misses (issue 12), as words; the queue target applies to 30 or more sessions."""
    missed = [] if r.get("ok") else ["run not clean (failed, deadlock, slow close or memory)"]
    if r["engine"] == "threads":  # the baseline: only a clean run is asked of it
        return missed
    if r["statuses"].get("failed"):
        missed.append(f"{r['statuses']['failed']} failed")
    if r["page_rerun_s"]["p95"] >= RERUN_P95_TARGET_S:
        missed.append(f"page rerun p95 {r['page_rerun_s']['p95']} s ≥ {RERUN_P95_TARGET_S} s")
    if r["sessions"] >= 30 and r["queue_wait_s"]["p95"] > QUEUE_P95_TARGET_S:
        missed.append(f"queue wait p95 {r['queue_wait_s']['p95']} s > {QUEUE_P95_TARGET_S} s")
    return missed


def print_pair(rows: list[dict]) -> None:
    base = next((r for r in rows if r.get("engine") == "threads" and "error" not in r), None)
    for r in rows:
        if "error" in r:
            print(f"{r['engine']}: {r['error']}")
            continue
        line = (f"{r['engine']:>7}: one job alone {r['one_median_s']} s, two at once {r['two_median_s']} s "
                f"(medians of {r['reps']}) → 2 jobs give ×{r['ratio_median']} the throughput of one "
                f"(per rep {r['ratios']})  {r['statuses']}  load {r['loadavg_before']} → {r['loadavg_after']}")
        pl = r["plain"]
        line += (f"\n{'':>9}plain processes (aecore.fit, no engine), same run: one {pl['one_median_s']} s, two "
                 f"{pl['two_median_s']} s → ×{pl['ratio_median']} (per rep {pl['ratios']}); this engine gets "
                 f"{ratio(r['ratio_median'], pl['ratio_median'])} of what the machine gives")
        if base is not None and r["engine"] != "threads":
            line += f"\n{'':>9}vs threads: one job ×{ratio(base['one_median_s'], r['one_median_s'])} as fast, " \
                    f"two jobs ×{ratio(base['two_median_s'], r['two_median_s'])} as fast"
        if r["engine"] == "local":
            line += "  " + ("OK" if r["ratio_median"] >= PAIR_TARGET else f"MISSED (target ≥ {PAIR_TARGET})")
        print(line, flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--engine", nargs="+", default=["local"], choices=["threads", "local", "ray"],
                    help="engines to measure; threads (the baseline) always runs too")
    ap.add_argument("--sessions", type=int, nargs="+", default=[10, 30])
    ap.add_argument("--epochs", type=int, default=40)
    ap.add_argument("--close-every", type=int, default=5, help="every k-th session closes its tab (0: none)")
    ap.add_argument("--max-jobs", type=int, default=None,
                    help="job slots (default: $DIABOLO_MAX_JOBS, else the engine's capacity)")
    ap.add_argument("--timeout", type=float, default=900.0)
    ap.add_argument("--pair", action="store_true", help="measure 1 job alone against 2 at once instead")
    ap.add_argument("--reps", type=int, default=5, help="--pair: repetitions")
    ap.add_argument("--pair-epochs", type=int, default=60, help="--pair: epochs of the job")
    ap.add_argument("--ray-address", default=None, help="the ray engine joins this cluster (DIABOLO_RAY_ADDRESS)")
    ap.add_argument("--count-sessions", default="", help="also count these Linux session ids' processes as helpers")
    ap.add_argument("--json", help="also write the reports to this file")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(args)
    engines = ["threads", *[e for e in dict.fromkeys(args.engine) if e != "threads"]]
    passthrough = ["--sessions", *map(str, args.sessions), "--epochs", str(args.epochs), "--close-every",
                   str(args.close_every), "--timeout", str(args.timeout), "--reps", str(args.reps),
                   "--pair-epochs", str(args.pair_epochs), "--count-sessions", args.count_sessions,
                   *(["--max-jobs", str(args.max_jobs)] if args.max_jobs else []), *(["--pair"] if args.pair else [])]
    rows = []
    for engine in engines:
        env = {"DIABOLO_RAY_ADDRESS": args.ray_address} if engine == "ray" and args.ray_address else {}
        out = run_child(Path(__file__), engine, passthrough, env)
        rows.extend(out if isinstance(out, list) else [out])
    rows.sort(key=lambda r: (r.get("sessions", 0), engines.index(r["engine"])))
    print_pair(rows) if args.pair else print_load(rows)
    print(json.dumps(rows, indent=1))
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps({"argv": sys.argv[1:], "rows": rows}, indent=1))
    if any("error" in r for r in rows):
        return 1
    if args.pair:
        return 0 if all(r["ratio_median"] >= PAIR_TARGET for r in rows if r["engine"] == "local") else 1
    return 0 if all(not load_targets(r) for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
