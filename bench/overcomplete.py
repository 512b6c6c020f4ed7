"""Overcomplete codes (Basics page): do early stopping and weight decay keep a wide code from copying?

    python bench/overcomplete.py [--data digits] [--seeds 0 1 2] [--threads 1]
                                 [--rows 200] [--epochs 200] [--weight-decay 1e-4]

Trains the three runs of ``aecore.labs.overcomplete.specs`` (plain, early stopping, weight decay) of
the page's recipe for each seed (the seed picks the training rows and the initial weights) and prints,
per run: epochs trained, train and test MSE (per element) and their ratio, the fraction of a small
random nudge that passes through the network (1 = identity), ‖W_enc‖_F and ‖W_dec‖_F, and the linear
probe on the codes against the same probe on the pixels. Then the mean over seeds.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aecore.data.registry import load_dataset  # noqa: E402
from aecore.labs import overcomplete as oc  # noqa: E402
from aecore.training.fit import Fit  # noqa: E402

COLS = ("epochs", "train_mse", "test_mse", "ratio", "noise_gain", "enc_norm", "dec_norm", "probe")


def row(name: str, m: dict) -> str:
    probe = "—" if m["probe"] is None else f"{m['probe']:.1%}"
    return (f"| {name} | {m['epochs']:.0f} | {m['train_mse']:.4f} | {m['test_mse']:.4f} | {m['ratio']:.2f} | "
            f"{m['noise_gain']:.2f} | {m['enc_norm']:.1f} | {m['dec_norm']:.1f} | {probe} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="digits")
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--rows", type=int, default=oc.Recipe.rows)
    ap.add_argument("--epochs", type=int, default=oc.Recipe.epochs)
    ap.add_argument("--weight-decay", type=float, default=oc.Recipe.weight_decay)
    ap.add_argument("--width", type=int, default=oc.Recipe.width)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    recipe = dataclasses.replace(oc.Recipe(), rows=args.rows, epochs=args.epochs, weight_decay=args.weight_decay,
                                 width=args.width)
    print(f"data {args.data}, {recipe}")
    print("| seed | run | epochs | train MSE | test MSE | test/train | nudge passed | ‖W_enc‖_F | ‖W_dec‖_F | probe |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    per_run: dict[str, list[dict]] = {r: [] for r in oc.RUNS}
    pixels = []
    for seed in args.seeds:
        t0 = time.perf_counter()
        specs = oc.specs(args.data, load_dataset(oc.specs(args.data, 1, recipe, seed)["plain"].data).dim, recipe, seed)
        measured = {}
        for name, spec in specs.items():
            r = Fit(spec, evaluate=False).run()
            measured[name] = oc.measure(r.model, r.dataset, spec.train, r.train.epochs, recipe.nudge)
            per_run[name].append(measured[name])
            print(f"| {seed} " + row(name, measured[name]), flush=True)
        px = oc.pixel_probe(r.dataset, seed)
        pixels.append(px)
        s = oc.summary(measured, px)
        print(f"| {seed} | pixels (probe only) | | | | | | | | {'—' if px is None else f'{px:.1%}'} |"
              f"  <!-- {time.perf_counter() - t0:.0f} s; best test: {s['best_test']} -->", flush=True)
    print("\nmean over seeds")
    print("| run | epochs | train MSE | test MSE | test/train | nudge passed | ‖W_enc‖_F | ‖W_dec‖_F | probe |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, ms in per_run.items():
        mean = {k: (None if any(m[k] is None for m in ms) else float(np.mean([m[k] for m in ms]))) for k in COLS}
        print(row(name, mean))
    if all(p is not None for p in pixels):
        print(f"| pixels (probe only) | | | | | | | | {np.mean(pixels):.1%} |")


if __name__ == "__main__":
    main()
