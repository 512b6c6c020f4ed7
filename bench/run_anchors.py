"""Run the reference-result anchors and write ``bench/RESULTS.md``.

Each anchor is a script under ``bench/anchors/`` that runs alone, prints its row and saves
it to ``bench/out/anchors/<name>.json``. This runner starts them one after the other (each
in its own process, its log in ``bench/out/<name>.log``), then writes the table from the
saved rows, the peer-speed result of ``bench/peer_speed.py`` (``bench/out/peer_speed.json``)
when there is one, and the hand-written analysis in ``bench/anchors/NOTES.md``.

    python bench/run_anchors.py                 # every anchor, full budgets (hours on a CPU)
    python bench/run_anchors.py --quick         # smoke test: every anchor in a tiny budget
    python bench/run_anchors.py --only a1,a5    # some anchors
    python bench/run_anchors.py --collect       # run nothing: rebuild RESULTS.md from saved rows
    python bench/run_anchors.py --peer-python /tmp/pythae-venv/bin/python   # also run peer_speed.py

Quick rows never go into RESULTS.md; ``--quick`` writes ``bench/out/RESULTS-quick.md``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ANCHORS = BENCH / "anchors"
OUT = BENCH / "out"


def anchor_scripts() -> list[Path]:
    return sorted(p for p in ANCHORS.glob("a[0-9]*_*.py"))


def run(script: Path, quick: bool, python: str = sys.executable, args: tuple[str, ...] = ()) -> int:
    OUT.mkdir(exist_ok=True)
    log = OUT / f"{script.stem}{'-quick' if quick else ''}.log"
    cmd = [python, str(script), *(["--quick"] if quick else []), *args]
    print(f"[{time.strftime('%H:%M:%S')}] {' '.join(cmd)}  (log: {log.relative_to(BENCH.parent)})", flush=True)
    with log.open("w") as f:
        rc = subprocess.call(cmd, stdout=f, stderr=subprocess.STDOUT, cwd=BENCH.parent)
    tail = log.read_text().strip().splitlines()[-6:]
    print("\n".join("    " + line for line in tail), flush=True)
    return rc


def load_rows(quick: bool) -> list[dict]:
    rows = []
    for script in anchor_scripts():
        path = OUT / "anchors" / f"{script.stem}{'-quick' if quick else ''}.json"
        if path.exists():
            rows.append(json.loads(path.read_text()))
        else:
            rows.append({"anchor": script.stem, "missing": True})
    return rows


def side_rows(quick: bool) -> list[tuple[str, dict]]:
    """Rows saved with a tag (``<anchor>-seed1.json``, ``<anchor>-ft30.json``): side runs."""
    main = {f"{p.stem}{'-quick' if quick else ''}" for p in anchor_scripts()}
    out = []
    for path in sorted((OUT / "anchors").glob("*.json")):
        if path.stem in main or path.stem.endswith("-quick") != quick:
            continue
        out.append((path.stem, json.loads(path.read_text())))
    return out


def cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def verdict(row: dict) -> str:
    return {True: "**met**", False: "**missed**", None: "n/a"}[row.get("met")]


def peer_section(quick: bool) -> list[str]:
    path = OUT / f"peer_speed{'-quick' if quick else ''}.json"
    lines = ["## Speed against a peer: aecore vs a bare PyTorch loop vs pythae", ""]
    if not path.exists():
        return [*lines, "Not run yet: `bench/peer_speed.py` (see its docstring).", ""]
    r = json.loads(path.read_text())
    wall, cpu, loss = r["seconds_per_epoch"], r["cpu_seconds_per_epoch"], r["test_loss"]
    bare = wall["bare PyTorch loop"]
    pythae = wall.get("pythae TrainingPipeline")
    lines += [f"VAE 784-512-20 (Bernoulli decoder, BCE + KL), Adam 1e-3, batch 128, {r['epochs']} epochs on "
              f"{r['rows']:,} MNIST rows, {r['threads']} torch thread, {r['reps']} rotated repetition(s) (median), "
              f"{r['date']}, {r['machine']}, load average {r['load_average']:.1f} at the end. Test loss: BCE sum + KL "
              f"per test image, one z sample, the same noise for all.", "",
              "| contender | s / epoch (wall) | CPU s / epoch | ÷ bare (wall) | ÷ bare (CPU) | ÷ pythae (wall) | "
              "÷ pythae (CPU) | test loss after training |",
              "|---|---|---|---|---|---|---|---|"]
    pythae_cpu = cpu.get("pythae TrainingPipeline")
    for name, w in wall.items():
        vs_p = f"{w / pythae:.3f} | {cpu[name] / pythae_cpu:.3f}" if pythae else "n/a | n/a"
        lines.append(f"| {name} | {w:.2f} | {cpu[name]:.2f} | {w / bare:.3f} | {cpu[name] / cpu['bare PyTorch loop']:.3f} "
                     f"| {vs_p} | {loss[name]:.2f} |")
    reps = "; ".join(f"{n}: {', '.join(f'{t:.0f}' for t in ts)} s" for n, ts in r["wall_per_rep"].items())
    lines += ["", f"Wall seconds per repetition ({r['epochs']} epochs): {reps}."]
    a, ac = wall["aecore Trainer"], cpu["aecore Trainer"]
    bare_cpu = cpu["bare PyTorch loop"]
    lines.append("")
    if pythae:
        ok_loss = loss["aecore Trainer"] <= min(loss["bare PyTorch loop"], loss["pythae TrainingPipeline"]) + 0.5

        def v(x, limit):
            return f"{x:.3f} ({'met' if x <= limit else 'missed'})"

        lines.append(f"Targets — aecore ≤ 1.05 × bare loop: wall {v(a / bare, 1.05)}, CPU {v(ac / bare_cpu, 1.05)}; "
                     f"aecore ≤ 0.8 × pythae: wall {v(a / pythae, 0.8)}, CPU {v(ac / pythae_cpu, 0.8)}; same or better "
                     f"test loss (within 0.5 nat of the best other) → {'met' if ok_loss else 'missed'}. pythae's whole "
                     f"`pipeline()` call took {r['pythae_pipeline_seconds']:.1f} s.")
    else:
        lines.append(f"pythae: unavailable — {r['pythae_unavailable']}")
    return [*lines, ""]


def write_results(quick: bool) -> Path:
    rows = load_rows(quick)
    lines = ["# Reference results (issue 8)", "",
             "Generated by `python bench/run_anchors.py` from the rows the anchor scripts in `bench/anchors/` saved; "
             "each script runs alone (`python bench/anchors/<name>.py [--quick]`), seeded. Hyper-parameters are the "
             "published ones or chosen without the test set (validation split where a choice was made); the test set "
             "is only scored. Budgets were cut to fit a shared 2-core CPU: every row states what it ran.", "",
             "| anchor | setting | published | ours | target | verdict | wall time | date |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        if r.get("missing"):
            lines.append(f"| {r['anchor']} | — | — | not run | — | — | — | — |")
            continue
        lines.append(f"| {r['anchor']} | {cell(r['setting'])} | {cell(r['published'])} | {cell(r['ours'])} | "
                     f"{cell(r['target'])} | {verdict(r)} | {r['wall_seconds'] / 60:.1f} min | {r['date']} |")
    lines += ["", "## Settings and notes per anchor", ""]
    for r in rows:
        if r.get("missing"):
            continue
        lines += [f"### {r['anchor']}", "", f"- **Settings:** {r['settings']}"]
        if r.get("notes"):
            lines.append(f"- **Notes:** {r['notes']}")
        lines += [f"- **Machine:** {r['machine']}", ""]
    side = side_rows(quick)
    if side:
        lines += ["## Side runs (other seeds or budgets; not the table's rows)", "",
                  "| run | ours | settings | wall time |", "|---|---|---|---|"]
        lines += [f"| {name} | {cell(r['ours'])} | {cell(r['settings'])} | {r['wall_seconds'] / 60:.1f} min |"
                  for name, r in side]
        lines.append("")
    images = sorted((BENCH / "results").glob("*.png"))
    if images and not quick:
        lines += ["## Figures", ""] + [f"![{p.stem}](results/{p.name})" for p in images] + [""]
    lines += peer_section(quick)
    notes = ANCHORS / "NOTES.md"
    if notes.exists():
        lines += [notes.read_text().strip(), ""]
    path = OUT / "RESULTS-quick.md" if quick else BENCH / "RESULTS.md"
    path.write_text("\n".join(lines))
    return path


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true")
    p.add_argument("--only", default="", help="comma-separated prefixes, e.g. a1,a5")
    p.add_argument("--collect", action="store_true", help="run nothing; rebuild the results file")
    p.add_argument("--peer-python", default=None, help="python with pythae installed: also run bench/peer_speed.py")
    args = p.parse_args()
    failed = []
    if not args.collect:
        wanted = [w for w in args.only.split(",") if w]
        for script in anchor_scripts():
            if wanted and not any(script.stem.startswith(w) for w in wanted):
                continue
            if run(script, args.quick):
                failed.append(script.stem)
        if args.peer_python:
            if run(BENCH / "peer_speed.py", args.quick, args.peer_python):
                failed.append("peer_speed")
    path = write_results(args.quick)
    print(f"wrote {path.relative_to(BENCH.parent)}" + (f"; FAILED: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
