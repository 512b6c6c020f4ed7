"""Ray beyond one machine, simulated on this one: a head plus 1, then 2 worker nodes (not a test).

    python bench/ray_nodes.py [--sessions 30] [--epochs 40] [--nodes 1 2] [--json FILE]

Starts a Ray head that runs no jobs (``ray start --head --num-cpus 0``, bound to 127.0.0.1, on free
ports, in a temporary folder of its own), then worker nodes of one CPU each (``ray start
--address HEAD --num-cpus 1``), and runs ``bench/load.py``'s load on the ``ray`` engine joined to
that head (``DIABOLO_RAY_ADDRESS``) with 1 worker node, then again after another node joined,
and so on for each count in ``--nodes``. The job manager sizes itself to the cluster's CPUs
(one job per node), and keeps one warm actor per worker node (``DIABOLO_RAY_WARM``, unless set in
the environment): one replica with the cluster to itself. The thread engine runs the same load once, as the baseline. Reported: jobs per
minute with each node count and the ratio to one node (2 would be perfect scaling; on this
2-core machine the head, the nodes' own processes and the load's server process share the same
two cores, which a real cluster would not).

Every node is ``ray start --block`` in a session of its own (``setsid``): stopping it (SIGTERM to
the command we started) makes Ray end that node's processes, and whatever of ours is still
alive after that — found by that session id in ``/proc`` — is killed by its process id. Nothing
is left behind, and Ray processes of anyone else on the machine (``ray stop`` would end them
all) are never touched.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from engine_runs import helpers_of, load_average, run_child  # noqa: E402

RAY = shutil.which("ray") or "ray"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def same_cpu_share(pid: int) -> None:
    """Give the new session ``pid`` leads the CPU weight of ours.

    Linux shares the CPU equally among sessions (autogroups) whatever the nice values inside them;
    each node is a session of its own (so that it can be stopped as one), and without this it
    would get an ordinary session's share while the load that drives it runs in ours.
    """
    try:
        nice = int(Path("/proc/self/autogroup").read_text().split("nice")[1])
        if nice:
            Path(f"/proc/{pid}/autogroup").write_text(str(nice))
    except (OSError, ValueError, IndexError):
        pass  # no autogroups here (or not allowed): the nodes run at the ordinary share


class Cluster:
    """A Ray head and worker nodes started by this script, and their clean-up."""

    def __init__(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="diabolo-ray-nodes-"))
        self.port = free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.nodes: list[subprocess.Popen] = []
        # Ray's token authentication with a token of our own: the nodes' servers listen on every interface
        # of the machine (whatever --node-ip-address says), so nobody else may join or submit.
        self.env = {"RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": secrets.token_hex(32), "RAY_USAGE_STATS_ENABLED": "0"}
        self._base_port = 20000 + (os.getpid() % 200) * 100  # worker port ranges of our own (100 per node)

    def _ports(self) -> list[str]:
        k = len(self.nodes)
        return ["--node-ip-address", "127.0.0.1", "--node-manager-port", str(free_port()),
                "--object-manager-port", str(free_port()), "--runtime-env-agent-port", str(free_port()),
                "--dashboard-agent-grpc-port", str(free_port()), "--dashboard-agent-listen-port", str(free_port()),
                "--metrics-export-port", str(free_port()), "--min-worker-port", str(self._base_port + 100 * k),
                "--max-worker-port", str(self._base_port + 100 * k + 99)]

    def _start(self, args: list[str], name: str) -> None:
        log = open(self.tmp / f"{name}.log", "wb")
        proc = subprocess.Popen([RAY, "start", "--block", "--disable-usage-stats", *args, *self._ports()],
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                                env={**os.environ, **self.env})
        same_cpu_share(proc.pid)
        self.nodes.append(proc)

    def start_head(self) -> None:
        self._start(["--head", "--num-cpus", "0", "--port", str(self.port), "--include-dashboard", "false",
                     "--temp-dir", str(self.tmp / "ray")], "head")

    def add_worker(self) -> None:
        self._start(["--address", self.address, "--num-cpus", "1"], f"worker{len(self.nodes)}")

    def sessions(self) -> str:
        """The Linux session ids of our nodes (each ``ray start`` leads its own), for the memory sampler."""
        return ",".join(str(p.pid) for p in self.nodes)

    def wait_for_cpus(self, cpus: int, timeout: float = 180) -> float:
        """Block until the cluster reports ``cpus`` CPUs (every worker node joined); returns the seconds taken."""
        t0 = time.perf_counter()
        probe = ("import ray, sys, time\n"
                 f"ray.init(address={self.address!r}, log_to_driver=False, configure_logging=False)\n"
                 f"while ray.cluster_resources().get('CPU', 0) != {cpus}:\n"
                 "    time.sleep(0.5)\n")
        for node in self.nodes:
            if node.poll() is not None:
                raise RuntimeError(f"a Ray node exited with code {node.returncode}; see {self.tmp}/*.log")
        subprocess.run([sys.executable, "-c", probe], timeout=timeout, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, env={**os.environ, **self.env})
        return time.perf_counter() - t0

    def stop(self, keep_logs: bool = False) -> dict:
        """End every node we started and any process left in their sessions; returns what was left, if anything."""
        for node in reversed(self.nodes):
            if node.poll() is None:
                node.send_signal(signal.SIGTERM)  # ray start --block ends its node's processes on exit
        deadline = time.time() + 30
        for node in self.nodes:
            try:
                node.wait(max(0.1, deadline - time.time()))
            except subprocess.TimeoutExpired:
                node.kill()
                node.wait(5)
        sids = frozenset(p.pid for p in self.nodes)
        leftovers = helpers_of(-1, sids)
        for pid in leftovers:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.5)
        still = helpers_of(-1, sids)
        if keep_logs:  # the node logs, for a run that went wrong
            logs = Path(tempfile.mkdtemp(prefix="diabolo-ray-nodes-logs-"))
            for f in self.tmp.glob("*.log"):
                shutil.copy(f, logs)
        shutil.rmtree(self.tmp, ignore_errors=True)
        return {"killed_after_stop": len(leftovers), "left_running": still,
                **({"logs": str(logs)} if keep_logs else {})}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sessions", type=int, default=30)
    ap.add_argument("--epochs", type=int, default=40)
    ap.add_argument("--close-every", type=int, default=5)
    ap.add_argument("--nodes", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--no-baseline", action="store_true", help="skip the thread engine's run")
    ap.add_argument("--json", help="also write the report to this file")
    args = ap.parse_args()
    load_args = ["--sessions", str(args.sessions), "--epochs", str(args.epochs), "--close-every", str(args.close_every)]
    load = ROOT / "bench" / "load.py"
    cluster = Cluster()
    rows, report = [], {"argv": sys.argv[1:], "address": cluster.address}

    def interrupted(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    try:
        if not args.no_baseline:
            base = run_child(load, "threads", load_args)
            rows.append({"nodes": 0, **(base[0] if isinstance(base, list) else base)})
        cluster.start_head()
        report["head_up_s"] = round(cluster.wait_for_cpus(0), 1)
        for n in sorted(set(args.nodes)):
            while len(cluster.nodes) - 1 < n:
                cluster.add_worker()
            joined_s = cluster.wait_for_cpus(n)
            # One warm actor per worker CPU: the setting of one app replica that has the cluster to itself
            # (the engine's default on a joined cluster is 1, for replicas that share it).
            warm = os.environ.get("DIABOLO_RAY_WARM", str(n))
            out = run_child(load, "ray", [*load_args, "--count-sessions", cluster.sessions()],
                            {"DIABOLO_RAY_ADDRESS": cluster.address, "DIABOLO_RAY_WARM": warm, **cluster.env})
            row = out[0] if isinstance(out, list) else out
            rows.append({"nodes": n, "joined_s": round(joined_s, 1), "warm_actors": int(warm), **row})
            print(f"ray, {n} worker node(s) of 1 CPU: " + (row["error"] if "error" in row else (
                f"{row['jobs_per_min']} jobs/min, {row['statuses']}, queue wait p95 {row['queue_wait_s']['p95']} s, "
                f"run median {row['job_run_s']['median']} s, memory peak {row['memory']['total_peak_mb']:.0f} MB "
                f"({row['memory']['helper_processes']} helper processes), load {row['loadavg_before']} → "
                f"{row['loadavg_after']}")), flush=True)
    except KeyboardInterrupt:
        print("interrupted: stopping the nodes", file=sys.stderr)
        failed = True
    except Exception as e:  # a node that did not start or join: reported, and the nodes still stopped
        print(f"error: {type(e).__name__}: {e}", file=sys.stderr)
        failed = True
    else:
        failed = False
    finally:
        report["cleanup"] = cluster.stop(keep_logs=failed)
    one = next((r for r in rows if r["nodes"] == 1 and "error" not in r), None)
    for r in rows:
        if "error" in r:
            continue
        label = "threads (baseline)" if r["nodes"] == 0 else f"ray, {r['nodes']} node(s)"
        rel = f"  ×{r['jobs_per_min'] / one['jobs_per_min']:.2f} of 1 node" if one and r["nodes"] else ""
        print(f"{label:>20}: {r['jobs_per_min']} jobs/min{rel}")
    print(f"clean-up: {report['cleanup']}  load now {load_average()}")
    report["rows"] = rows
    print(json.dumps(report, indent=1))
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(report, indent=1))
    good = not failed and rows and all("error" not in r for r in rows) and not report["cleanup"]["left_running"]
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
