"""Stacked autoencoder on ``shapes``: do the layers go from edges to contours to shapes?

    python bench/stacked_shapes.py [--threads 2] [--seed 0]

Trains the Stacked page's preset (``aecore.labs.stacked.SHAPES_PRESET``: three sparse layers of
128, 64, 16 sigmoid units on 3,000 outline shapes, full-batch L-BFGS) and the same stack with
minibatch Adam, and prints per layer the receptive spread of the 12 units its pictures show (the most local, ``stacked_lab.local_units``) and the median over all its units
(``stacked_lab.receptive_spread``: RMS distance in pixels of the input-space weight energy from
its centre, on the weights greedy pretraining left), the accuracies and the wall time. Saves the
units' pictures (weights above, mean of the 9 most exciting test images below, one block per
layer; then test images, their reconstructions by the pretrained stack and after fine-tuning) to ``bench/results/stacked_shapes_<optimizer>.png``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "anchors"))

from _common import mosaic_png  # noqa: E402

from aecore import fit  # noqa: E402
from aecore.labs import stacked as sl  # noqa: E402
from aecore.measure.metrics import mse, reconstruct  # noqa: E402

UNITS = 12


def run(optimizer: str, seed: int) -> dict:
    t0 = time.perf_counter()
    result = fit(sl.shapes_preset_spec(seed, optimizer))
    seconds = time.perf_counter() - t0
    model, ds = result.model.pretrained_view(), result.dataset
    shown, every, tiles = [], [], []
    for layer in (1, 2, 3):
        pics = sl.layer_pictures(model, ds, layer, UNITS)
        shown.append(float(np.median(pics["spread"][pics["units"]])))
        every.append(float(np.median(pics["spread"])))
        tiles += [pics["weights"], pics["top"]]
    x = ds.x_test[:UNITS]
    tiles += [x, reconstruct(model, x), reconstruct(result.model, x)]  # originals, pretrained, fine-tuned
    out = ROOT / "bench" / "results" / f"stacked_shapes_{optimizer}.png"
    mosaic_png(np.concatenate(tiles), ds.image_shape, out, cols=UNITS, scale=3)
    m = result.metrics
    base = mse(np.broadcast_to(ds.x_train.mean(0), ds.x_test.shape), ds.x_test)  # the mean image's test MSE
    return {"optimizer": optimizer, "seconds": round(seconds, 1), "shown_px": [round(s, 2) for s in shown],
            "all_px": [round(s, 2) for s in every], "mse_pretrained": round(mse(reconstruct(model, ds.x_test), ds.x_test), 4),
            "mse_finetuned": round(m["test_mse"], 4), "mse_mean_image": round(base, 4),
            "frozen": m["accuracy_before_finetune"], "finetuned": m["accuracy_after_finetune"],
            "scratch": m["accuracy_scratch"], "png": str(out.relative_to(ROOT))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    print("optimizer | wall (s) | receptive spread, layers 1 / 2 / 3 (px): the 12 units shown; all units | "
          "test MSE pretrained / fine-tuned / mean image | accuracy frozen / fine-tuned / scratch | pictures")
    for optimizer in ("lbfgs", "adam"):
        r = run(optimizer, args.seed)
        print(f"{r['optimizer']} | {r['seconds']} | {' / '.join(map(str, r['shown_px']))}; "
              f"{' / '.join(map(str, r['all_px']))} | {r['mse_pretrained']} / {r['mse_finetuned']} / "
              f"{r['mse_mean_image']} | {r['frozen']:.3f} / {r['finetuned']:.3f} / {r['scratch']:.3f} | {r['png']}",
              flush=True)


if __name__ == "__main__":
    main()
