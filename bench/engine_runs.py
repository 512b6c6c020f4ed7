"""Shared plumbing of the engine benches (load.py, first_picture.py, ray_nodes.py).

- ``run_child``: run one engine's measurement in a fresh Python process (``python SCRIPT --child
  ENGINE …``), so that each engine starts from nothing (its own worker pool or Ray, its own peak
  memory) while the parent compares the engines of one run.
- ``ProcessSampler``: memory of the measuring process *and* the processes that train for it —
  its descendants (the local engine's workers; a local Ray's GCS, raylet and workers) and, for a
  Ray cluster started elsewhere (``ray_nodes.py``), every process of the given session ids.
  It reads ``/proc`` (Linux) every ``every_s`` seconds and keeps the peak of the summed resident
  memory; each process's own peak (VmHWM) is read at its last sighting.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def pct(values, q: float) -> float:
    return float(np.percentile(values, q)) if len(values) else float("nan")


def _stat(pid: int) -> tuple[int, int] | None:
    """(parent pid, session id) of a process, None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return int(fields[1]), int(fields[3])


def _memory_mb(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of a process in MB; (0, 0) once it is gone."""
    rss = hwm = 0.0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                hwm = int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return rss, hwm


def helpers_of(root: int, sessions: frozenset[int] = frozenset()) -> list[int]:
    """Descendants of ``root`` plus every process in one of ``sessions`` (Linux session ids)."""
    parent_of, found = {}, set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            st = _stat(int(entry))
            if st is not None:
                parent_of[int(entry)] = st[0]
                if st[1] in sessions:
                    found.add(int(entry))
    children: dict[int, list[int]] = {}
    for pid, ppid in parent_of.items():
        children.setdefault(ppid, []).append(pid)
    stack = list(children.get(root, []))
    while stack:
        pid = stack.pop()
        if pid not in found:
            found.add(pid)
            stack.extend(children.get(pid, []))
    found.discard(root)
    return sorted(found)


class ProcessSampler:
    """Peak memory of this process and its helper processes, sampled in a thread (see the module docstring)."""

    def __init__(self, every_s: float = 0.2, sessions: frozenset[int] = frozenset()):
        self.every_s, self.sessions = every_s, sessions
        self.peak_self = self.peak_helpers = self.peak_total = 0.0
        self.helper_hwm: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="memory-sampler", daemon=True)

    def start(self) -> ProcessSampler:
        self._thread.start()
        return self

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            self.sample(me)
            self._stop.wait(self.every_s)

    def sample(self, me: int | None = None) -> None:
        me = me or os.getpid()
        own = _memory_mb(me)[0]
        helpers = 0.0
        for pid in helpers_of(me, self.sessions):
            rss, hwm = _memory_mb(pid)
            helpers += rss
            if hwm:
                self.helper_hwm[pid] = hwm
        self.peak_self = max(self.peak_self, own)
        self.peak_helpers = max(self.peak_helpers, helpers)
        self.peak_total = max(self.peak_total, own + helpers)

    def stop(self) -> dict:
        self._stop.set()
        self._thread.join(5)
        self.sample()
        return {"server_peak_mb": round(max(self.peak_self, _memory_mb(os.getpid())[1]), 0),
                "helpers_peak_mb": round(self.peak_helpers, 0), "total_peak_mb": round(self.peak_total, 0),
                "helper_processes": len(self.helper_hwm),
                "largest_helper_peak_mb": round(max(self.helper_hwm.values(), default=0.0), 0)}


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def run_child(script: Path, engine: str, args: list[str], env: dict | None = None, timeout: float = 1800) -> dict:
    """Run ``script --child ENGINE --out FILE ARGS`` in a fresh interpreter and return the JSON it wrote.

    The child's output goes to this process's stderr (progress lines), its result to a temporary file.
    """
    with tempfile.TemporaryDirectory(prefix="diabolo-bench-") as tmp:
        out = Path(tmp) / "result.json"
        cmd = [sys.executable, str(script), "--child", engine, "--out", str(out), *args]
        full_env = {**os.environ, **(env or {})}
        proc = subprocess.run(cmd, env=full_env, stdout=sys.stderr, timeout=timeout, check=False)
        if proc.returncode != 0 or not out.exists():
            return {"engine": engine, "error": f"the {engine} run exited with code {proc.returncode}"}
        return json.loads(out.read_text())
