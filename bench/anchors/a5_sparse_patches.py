"""Anchor 5: the UFLDL sparse-autoencoder exercise on 8×8 natural-image patches.

64-25-64 sigmoid autoencoder (squared error, sigmoid output), KL sparsity ρ = 0.01, β = 3,
weight decay λ = 1e-4 on the weights only — the settings of the UFLDL exercise
(``sparseAutoencoderCost.m``: ½‖x̂ − x‖² per example + λ/2 ‖W‖² + β Σ KL, which is what
``SparseAE`` with ``loss="mse"`` and ``TrainConfig.weight_decay`` computes). UFLDL ran 400
L-BFGS iterations (minFunc) on 10,000 patches of whitened natural images; so does this
script, through aecore alone: ``DataConfig("patches")`` (two photos, whitened and normalized
as UFLDL's ``IMAGES.mat``/``sampleIMAGES``) and ``TrainConfig(optimizer="lbfgs")`` (full
batch, 20 iterations per epoch → 20 epochs). The same objective trained with Adam
(aecore's default optimizer) is reported alongside.

All 10,000 training patches are used (no choice is made from held-out data: the settings
and the iteration count are UFLDL's); the mean activation is measured on 2,500 test patches.
Targets: the 25 filters, shown as a mosaic PNG, look like edge detectors; the mean code
activation lies within 20 % of ρ.

    python bench/anchors/a5_sparse_patches.py [--quick] [--epochs 20] [--adam-epochs 30]
"""

from __future__ import annotations

from _common import RESULTS_DIR, Row, epoch_logger, finish, log, mosaic_png, start

from aecore import DataConfig, SparseConfig, TrainConfig, Trainer, build_model, load_dataset
from aecore.measure.metrics import encode, mse, reconstruct, sparsity_stats

RHO, BETA, LAMBDA = 0.01, 3.0, 1e-4
N_TRAIN, N_TEST = 10000, 2500


def train(ds, optimizer: str, epochs: int, lr: float, seed: int, label: str):
    cfg = SparseConfig(latent=25, hidden=(), activation="sigmoid", rho=RHO, beta=BETA, loss="mse")
    model = build_model(cfg, ds.dim, ds.unit_range, seed)
    tcfg = TrainConfig(epochs=epochs, batch_size=128, lr=lr, weight_decay=LAMBDA, seed=seed, device="cpu",
                       val_fraction=0.0, optimizer=optimizer, schedule="constant" if optimizer == "lbfgs" else "cosine")
    r = Trainer(model, ds.x_train, tcfg, [epoch_logger(max(1, epochs // 5))], phase=label).run()
    model.eval()
    stats = sparsity_stats(encode(model, ds.x_test), RHO)
    stats.pop("rho_hat")
    stats["test_mse"] = mse(reconstruct(model, ds.x_test), ds.x_test)
    stats["variance"] = float(ds.x_test.var(0).mean())  # the MSE of always answering the mean patch
    stats["train_seconds"] = r.train_seconds
    stats["final_loss"] = r.history[-1]["train_loss"]
    log(f"{label}: mean activation {stats['mean_activation']:.4f}, lifetime sparsity "
        f"{stats['lifetime_sparsity']:.3f}, test MSE {stats['test_mse']:.5f} (variance {stats['variance']:.5f})")
    return model, stats


def main() -> None:
    def extra(p):
        p.add_argument("--epochs", type=int, default=20, help="L-BFGS epochs of 20 iterations (UFLDL: 400 iterations)")
        p.add_argument("--adam-epochs", type=int, default=30)
        p.add_argument("--lr", type=float, default=3e-3, help="Adam learning rate of the comparison run")

    args, t0 = start(__doc__, extra)
    epochs, adam_epochs = (1, 2) if args.quick else (args.epochs, args.adam_epochs)
    folder = RESULTS_DIR if not args.quick else RESULTS_DIR.parent / "out"
    suffix = "-quick" if args.quick else ""
    ds = load_dataset(DataConfig("patches", n_samples=N_TRAIN + N_TEST, seed=args.seed))
    runs = {"L-BFGS": train(ds, "lbfgs", epochs, 1.0, args.seed, "L-BFGS"),
            "Adam": train(ds, "adam", adam_epochs, args.lr, args.seed, "Adam")}
    pngs = {}
    for (label, (model, _)), name in zip(runs.items(), ("", "_adam"), strict=True):
        pngs[label] = mosaic_png(model.encoder.layers[0].weight.detach().numpy(), ds.image_shape,
                                 folder / f"a5_sparse_filters{name}{suffix}.png", cols=5, scale=12)
    log(f"filters saved: {[str(p) for p in pngs.values()]}")
    st, sa = runs["L-BFGS"][1], runs["Adam"][1]

    def rel(s):
        return abs(s["mean_activation"] - RHO) / RHO

    row = Row(
        anchor="a5_sparse_patches",
        setting="sparse AE, 8×8 patches, 64-25-64, ρ = 0.01, β = 3, λ = 1e-4 (UFLDL exercise)",
        published="filters become edge detectors",
        target="25 filters as a mosaic PNG; mean activation within 20 % of ρ",
        ours=f"L-BFGS ({20 * epochs} iterations): mean activation {st['mean_activation']:.4f} ({100 * rel(st):.0f} % "
             f"from ρ), filters: [a5_sparse_filters.png](results/a5_sparse_filters.png); Adam: "
             f"{sa['mean_activation']:.4f} ({100 * rel(sa):.0f} %), test MSE {sa['test_mse']:.4f} vs variance "
             f"{sa['variance']:.4f}, filters: [a5_sparse_filters_adam.png](results/a5_sparse_filters_adam.png)",
        met=bool(rel(st) <= 0.2),
        settings=f"aecore 'patches' (whitened photos, UFLDL normalization), 10,000 train + 2,500 test patches, "
                 f"full-batch TrainConfig(optimizer='lbfgs') {epochs} epochs × 20 iterations, λ = 1e-4; Adam "
                 f"comparison: lr {args.lr} cosine, batch 128, {adam_epochs} epochs; seed {args.seed}",
        notes=f"edge detectors judged by eye from the PNGs; lifetime sparsity {st['lifetime_sparsity']:.2f} (L-BFGS) "
              f"vs {sa['lifetime_sparsity']:.2f} (Adam), test MSE {st['test_mse']:.4f} vs {sa['test_mse']:.4f}",
        metrics={"lbfgs": st, "adam": sa, "png": [str(p) for p in pngs.values()]},
    )
    finish(row, t0, args.quick)


if __name__ == "__main__":
    main()
