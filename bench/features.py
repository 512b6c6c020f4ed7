"""Learned vs hand-crafted features (the Features page): one logistic regression, the same labels for all.

    python bench/features.py [--data digits mnist fashion-mnist] [--threads 1] [--seed 0]
                             [--epochs N] [--budgets 20 50 100 500 0] [--test-rows N]

For each data set, the page's run (``aecore.labs.features.PAGE_RUNS``): raw pixels, PCA, a random
projection, HOG and a Gabor bank, and the codes of each autoencoder variant trained on the
unlabelled rows (in the foreground, one after the other); test accuracy of ``metrics.linear_probe``
per label budget, the seconds to fit and compute each feature set and the classifier's seconds over
all budgets. Data sets whose files are missing (../shared/data) are skipped with a note.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aecore.data.registry import dataset_info  # noqa: E402
from aecore.labs import features as lab  # noqa: E402
from aecore.training.fit import Fit  # noqa: E402


def run(cfg: lab.FeaturesConfig) -> dict[str, lab.FeatureResult]:
    prep = lab.prepare(cfg)
    out = {}
    for name in lab.HAND:
        out[name] = lab.measure_hand(prep, cfg, name)
        print_row(out[name])
    for name, spec in lab.ae_specs(cfg).items():
        r = Fit(spec, evaluate=False).run()
        out[name] = lab.measure_codes(prep, name, r.model, r.train.train_seconds, cfg.seed)
        print_row(out[name])
    return out


def print_row(r: lab.FeatureResult) -> None:
    accs = " | ".join(f"{a:.1%}" for a in r.accuracy)
    print(f"| {r.name} | {r.dim} | {accs} | {r.fit_seconds:.1f} | {sum(r.classify_seconds):.1f} |", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", nargs="+", default=["digits", "mnist", "fashion-mnist"])
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--epochs", type=int, default=None, help="override the page's autoencoder epochs")
    ap.add_argument("--budgets", type=int, nargs="+", default=None, help="override the label budgets (0 = all)")
    ap.add_argument("--test-rows", type=int, default=None, help="score on the first N test rows only")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    for name in args.data:
        if not dataset_info(name).available:
            print(f"\n{name}: files not found (put them under ../shared/data/{name}); skipped")
            continue
        cfg = dataclasses.replace(lab.PAGE_RUNS[name], seed=args.seed)
        if args.epochs:
            cfg = dataclasses.replace(cfg, epochs=args.epochs)
        if args.budgets:
            cfg = dataclasses.replace(cfg, budgets=tuple(args.budgets))
        if args.test_rows:
            cfg = dataclasses.replace(cfg, test_rows=args.test_rows)
        prep = lab.prepare(cfg)
        print(f"\n{name}: {cfg}")
        print("| features | numbers | " + " | ".join(f"{n} labels" for n in prep.budgets) + " | fit (s) | classify (s) |")
        print("|---|---:|" + "---:|" * len(prep.budgets) + "---:|---:|")
        t0 = time.perf_counter()
        results = run(cfg)
        s = lab.summary(results)
        print(f"best per budget: {dict(zip(s['budgets'], s['best'], strict=True))}; "
              f"{time.perf_counter() - t0:.0f} s in all")


if __name__ == "__main__":
    main()
