"""When does greedy pretraining help? Test accuracy against the number of labelled examples.

    python bench/stacked_labels.py [--datasets digits,mnist] [--seeds 3] [--threads 1]

Erhan et al., "Why does unsupervised pre-training help deep learning?" (JMLR 2010): pretraining
helps most when labels are few. Per data set and seed, one stacked fit (``StackedConfig`` with
``label_budgets``; the CLI's defaults otherwise: three denoising sigmoid layers of 128, 64 and 32
units, Adam at lr 1e-2) pretrains on every training image without labels, then per budget n
fine-tunes a copy on n class-balanced labelled images, trains the same network from random
weights on them with twice the epochs, and fits a logistic regression on their pixels
(``aecore.measure.labels``). "all" is the run on every labelled training row.

Prints, per data set, the mean ± standard deviation over seeds of each accuracy per budget and
the fits' wall times, the frozen / fine-tuned / scratch accuracies on all labels (the
"defaults" rows: what the CLI prints), and writes everything, seed by seed, to
``bench/results/stacked_labels.json``. MNIST is read from ``../shared/data`` and skipped, with a
line saying so, when it is absent.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aecore import fit  # noqa: E402
from aecore.data.public import is_available  # noqa: E402
from aecore.data.registry import DataConfig  # noqa: E402
from aecore.measure import labels  # noqa: E402
from aecore.models.stacked import StackedConfig  # noqa: E402
from aecore.training.fit import FitSpec  # noqa: E402
from aecore.training.trainer import TrainConfig  # noqa: E402

# Per data set: budgets (0 = all labels) and the pretraining / supervised epochs. Digits uses the
# CLI's defaults (20 epochs per layer, 10 supervised). MNIST: 10,000 of its 60,000 training rows
# (a seeded choice; the test set is the whole 10,000) and 5 epochs, so that a seed fits in a few
# minutes on a shared 2-core machine; pretraining still sees 8× the rows digits has.
SETTINGS = {
    "digits": {"budgets": (20, 50, 100, 500, 0), "epochs": 20, "finetune_epochs": 10, "limit": None},
    "mnist": {"budgets": (20, 50, 100, 500, 1000, 5000, 0), "epochs": 5, "finetune_epochs": 5, "limit": 10000},
}
OUT = ROOT / "bench" / "results" / "stacked_labels.json"
COLUMNS = (("pretrained", labels.PRETRAINED_KEY), ("scratch", labels.SCRATCH_KEY), ("logreg", labels.LOGREG_KEY))


def spec(name: str, seed: int, epochs: int | None = None, finetune_epochs: int | None = None) -> FitSpec:
    s = SETTINGS[name]
    model = StackedConfig(finetune_epochs=finetune_epochs or s["finetune_epochs"], label_budgets=s["budgets"])
    return FitSpec(DataConfig(name, limit=s["limit"]), model, TrainConfig(epochs=epochs or s["epochs"], lr=1e-2, seed=seed))


def run(name: str, seed: int, **kw) -> dict:
    t0 = time.perf_counter()
    m = fit(spec(name, seed, **kw)).metrics
    return {"seed": seed, "seconds": round(time.perf_counter() - t0, 1),
            "budget_seconds": round(m[labels.SECONDS_KEY], 1), "n": m[labels.N_KEY],
            **{col: m[key] for col, key in COLUMNS},
            "frozen_all": m["accuracy_before_finetune"], "finetuned_all": m["accuracy_after_finetune"],
            "scratch_all": m["accuracy_scratch"]}


def mean_sd(values) -> str:
    v = 100 * np.asarray(values, float)
    return f"{v.mean():.1f} ± {v.std(ddof=1):.1f}" if len(v) > 1 else f"{v.mean():.1f}"


def table(name: str, runs: list[dict]) -> str:
    budgets = SETTINGS[name]["budgets"]
    lines = [f"{name}, {len(runs)} seed(s): test accuracy (%), mean ± sd over seeds",
             "labels | pretrained + fine-tuned | from scratch | pixels + logistic regression | pretrained − scratch",
             "---|---|---|---|---"]
    for i, b in enumerate(budgets):
        n = runs[0]["n"][i]
        gap = [r["pretrained"][i] - r["scratch"][i] for r in runs]
        lines.append(f"{'all (' + str(n) + ')' if b == 0 else n} | "
                     + " | ".join(mean_sd([r[col][i] for r in runs]) for col, _ in COLUMNS)
                     + f" | {100 * np.mean(gap):+.1f}")
    lines.append(f"defaults (all labels), frozen / fine-tuned / scratch: "
                 f"{mean_sd([r['frozen_all'] for r in runs])} / {mean_sd([r['finetuned_all'] for r in runs])} / "
                 f"{mean_sd([r['scratch_all'] for r in runs])} %")
    lines.append("seconds per fit (whole run / budget part): " + ", ".join(
        f"{r['seconds']} / {r['budget_seconds']}" for r in runs))
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--datasets", default="digits,mnist")
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--mnist-seeds", type=int, default=None, help="seeds for MNIST (default: --seeds)")
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    out = {"settings": {k: {**v, "budgets": list(v["budgets"])} for k, v in SETTINGS.items()},
           "machine": f"{platform.machine()}, torch {torch.__version__}, {args.threads} thread(s)",
           "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "datasets": {}}
    for name in args.datasets.split(","):
        if name not in SETTINGS:
            raise SystemExit(f"--datasets: choose among {', '.join(SETTINGS)}; got {name!r}.")
        if name != "digits" and not is_available(name):
            print(f"{name}: skipped, not found under ../shared/data or the data directories", flush=True)
            continue
        runs = []
        for seed in range(args.seeds if name == "digits" or args.mnist_seeds is None else args.mnist_seeds):
            runs.append(run(name, seed))
            print(f"{name} seed {seed}: {runs[-1]['seconds']} s", flush=True)
        out["datasets"][name] = runs
        print(table(name, runs), "\n", flush=True)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(out, indent=1))
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
