"""Ten browsers on one server: every page renders, trains and answers (not part of the test run).

    python bench/browser_load.py [--pages 10] [--train 8] [--epochs 60] [--rounds 6]

Starts ``streamlit run app.py`` on a free loopback port (private runs and cache folders), opens
``--pages`` Playwright contexts (separate sessions) on the Basics page of one Chromium (run with
a lower priority, ``--nice-browsers``, since in a class the browsers are elsewhere), presses
**Train** on the first ``--train`` of them (the job manager queues what does not fit its slots)
and then, round after round, makes one interaction on every page: switch the sidebar between
Beginner and Advanced and wait until the page shows it. Each latency is labelled with the page's
state at that moment: ``running`` (its job trains), ``queued`` (its job waits), ``idle`` (no job,
or finished). At the end every training page must show its results.

Reports render times, interaction latency (median, p95) per state and for pages without a
running job (target p95 < 1 s), interactions not answered within ``--limit`` seconds, how many
CPU cores the server process got while the interactions ran (on a shared machine this says how
starved it was), pages trained, the server's peak RSS (VmHWM of the streamlit
process, plus the peak of sampled VmRSS) and the load average. Needs Chromium and Playwright
(see README.md). Exit 1 when a page did not render or train or the target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser_support import start_streamlit  # noqa: E402

CHROMIUM = os.environ.get("DIABOLO_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-renderer-backgrounding",
        "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows"]


def status_mb(pid: int, field: str) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def start_server(tmp: Path, max_jobs: int | None) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "DIABOLO_RUNS_DIR": str(tmp / "runs"), "AECORE_CACHE_DIR": str(tmp / "cache"),
           "PYTHONUNBUFFERED": "1", **({"DIABOLO_MAX_JOBS": str(max_jobs)} if max_jobs else {})}
    log = open(tmp / "server.log", "w")  # noqa: SIM115 - lives as long as the server
    try:
        return start_streamlit(env, log, timeout_s=90)
    except RuntimeError as e:
        raise SystemExit(f"streamlit did not start ({e}); see {tmp / 'server.log'}") from None


def page_state(pg, trains: bool) -> str:
    if not trains or pg.get_by_role("button", name="Stop", exact=True).is_disabled():
        return "idle"
    return "queued" if pg.get_by_text("Waiting in the queue").count() else "running"


def toggle(pg, advanced: bool, limit_s: float) -> float | None:
    """One interaction: switch the settings mode and wait until the page shows it; seconds, or None.

    None: the page did not show it within ``limit_s`` (counted as unanswered; the bench goes on).
    """
    t0 = time.perf_counter()
    pg.locator('[data-testid="stSidebar"]').get_by_text("Advanced" if advanced else "Beginner", exact=True).click()
    try:
        pg.get_by_text("Learning rate", exact=True).first.wait_for(state="visible" if advanced else "detached",
                                                                    timeout=limit_s * 1000)
    except Exception:  # playwright's TimeoutError
        return None
    return time.perf_counter() - t0


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pct(values: list[float], q: float) -> float:
    return round(float(np.percentile(values, q)), 3) if values else float("nan")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=10)
    ap.add_argument("--train", type=int, default=8, help="how many of the pages press Train")
    ap.add_argument("--epochs", type=int, default=60)
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--limit", type=float, default=30.0, help="seconds an interaction may take before it counts "
                    "as unanswered")
    ap.add_argument("--nice-browsers", type=int, default=10, help="niceness of the browsers (the server keeps 0)")
    ap.add_argument("--max-jobs", type=int, help="DIABOLO_MAX_JOBS for the server (default: its own default)")
    ap.add_argument("--json", help="also write the report to this file")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="diabolo-browser-load-"))
    proc, url = start_server(tmp, args.max_jobs)
    # In a classroom the browsers run on the students' machines. Here they share the server's cores,
    # so they (this process, Playwright and Chromium, started below) yield to the server.
    os.nice(args.nice_browsers)
    rss_peak, stop = [0.0], threading.Event()

    def sample() -> None:
        while not stop.is_set():
            rss_peak[0] = max(rss_peak[0], status_mb(proc.pid, "VmRSS"))
            time.sleep(0.2)

    threading.Thread(target=sample, daemon=True).start()
    report: dict = {"pages": args.pages, "training_pages": args.train, "epochs": args.epochs,
                    "browser_niceness": args.nice_browsers,
                    "max_jobs": args.max_jobs or "default (cores)", "loadavg_before": [round(x, 2) for x in os.getloadavg()]}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            pages, renders = [], []
            for _ in range(args.pages):
                ctx = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-US")
                pg = ctx.new_page()
                pg.set_default_timeout(60_000)
                t0 = time.perf_counter()
                pg.goto(f"{url}/basics?epochs={args.epochs}&page={len(pages)}")
                pg.get_by_role("button", name="Train", exact=True).wait_for()
                renders.append(time.perf_counter() - t0)
                pages.append(pg)
            for pg in pages[: args.train]:
                pg.get_by_role("button", name="Train", exact=True).click()
            for pg in pages[: args.train]:
                pg.get_by_role("button", name="Stop", exact=True).wait_for()
            latencies: dict[str, list[float]] = {"running": [], "queued": [], "idle": []}
            unanswered: dict[str, int] = {"running": 0, "queued": 0, "idle": 0}
            cpu0, wall0 = cpu_seconds(proc.pid), time.perf_counter()
            for r in range(args.rounds):
                for i, pg in enumerate(pages):
                    state = page_state(pg, i < args.train)
                    latency = toggle(pg, advanced=r % 2 == 0, limit_s=args.limit)
                    if latency is None:
                        unanswered[state] += 1
                    else:
                        latencies[state].append(latency)
                print(f"round {r + 1}: answered " + ", ".join(f"{k} {len(v)}" for k, v in latencies.items())
                      + f"; unanswered {unanswered}", flush=True)
            server_cores = (cpu_seconds(proc.pid) - cpu0) / (time.perf_counter() - wall0)
            trained = 0
            for pg in pages[: args.train]:
                pg.get_by_text("What the network learned").wait_for(timeout=600_000)
                trained += pg.locator('[data-testid="stException"]').count() == 0
            exceptions = sum(pg.locator('[data-testid="stException"]').count() for pg in pages)
            browser.close()
    finally:
        stop.set()
        hwm = status_mb(proc.pid, "VmHWM")
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
    without_job = latencies["queued"] + latencies["idle"]
    everything = without_job + latencies["running"]
    report.update({
        "render_s": {"median": pct(renders, 50), "max": round(max(renders), 3)},
        "latency_s": {k: {"n": len(v), "median": pct(v, 50), "p95": pct(v, 95)} for k, v in latencies.items()},
        "latency_without_running_job_s": {"n": len(without_job), "median": pct(without_job, 50),
                                          "p95": pct(without_job, 95)},
        "latency_all_s": {"n": len(everything), "median": pct(everything, 50), "p95": pct(everything, 95)},
        "unanswered": unanswered, "trained": trained, "exceptions": exceptions,
        "server_cpu_cores_used": round(server_cores, 2),
        "server_rss_peak_mb": round(hwm, 0), "server_rss_peak_sampled_mb": round(rss_peak[0], 0),
        "loadavg": [round(x, 2) for x in os.getloadavg()], "cpus": os.cpu_count(),
    })
    report["ok"] = (trained == args.train and exceptions == 0 and not sum(unanswered.values())
                    and report["latency_without_running_job_s"]["p95"] < 1.0)
    print(json.dumps(report, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
