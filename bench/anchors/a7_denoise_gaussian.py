"""Anchor 7: denoising MNIST corrupted by Gaussian noise, σ = 0.5.

A denoising autoencoder 784-512-64-512-784 (ReLU, sigmoid output, squared error) trained
on x̃ = x + 0.5 ε with the clean x as target (``DenoisingAE``). On the test images, one
fixed draw of the same noise:
  * PSNR of the noisy input (σ = 0.5 gives MSE 0.25, i.e. 6.0 dB),
  * PSNR of the autoencoder's output,
  * PSNR of PCA with the same code size (64): the noisy image projected on the top-64
    principal directions of the clean training images — the linear denoiser of that size.
Targets: output ≥ noisy + 8 dB, and above PCA's.

    python bench/anchors/a7_denoise_gaussian.py [--quick] [--epochs 15]
"""

from __future__ import annotations

import torch
from _common import Row, epoch_logger, finish, log, mnist, pca_eigh, start

from aecore import DenoisingConfig, TrainConfig, Trainer, build_model
from aecore.measure.metrics import psnr, reconstruct
from aecore.models.denoising import corrupt

SIGMA, K = 0.5, 64


def main() -> None:
    def extra(p):
        p.add_argument("--epochs", type=int, default=15)

    args, t0 = start(__doc__, extra)
    ds = mnist(3000 if args.quick else None)
    epochs = 1 if args.quick else args.epochs
    cfg = DenoisingConfig(latent=K, hidden=(512,), activation="relu", noise="gaussian", noise_level=SIGMA, loss="mse")
    model = build_model(cfg, ds.dim, ds.unit_range, args.seed)
    tcfg = TrainConfig(epochs=epochs, batch_size=128, lr=1e-3, seed=args.seed, device="cpu", val_fraction=0.1,
                       patience=3, schedule="cosine")
    r = Trainer(model, ds.x_train, tcfg, [epoch_logger()]).run()
    model.eval()
    g = torch.Generator().manual_seed(args.seed + 17)  # the same draw as aecore.measure.metrics.evaluate_model
    noisy = corrupt(torch.tensor(ds.x_test), "gaussian", SIGMA, g).numpy()
    p_noisy = psnr(noisy, ds.x_test)
    p_dae = psnr(reconstruct(model, noisy), ds.x_test)
    mean, v, _ = pca_eigh(ds.x_train)
    pcs = v[:, :K]
    p_pca = psnr((noisy - mean) @ pcs @ pcs.T + mean, ds.x_test)
    p_pca_clean = psnr((ds.x_test - mean) @ pcs @ pcs.T + mean, ds.x_test)
    log(f"PSNR noisy {p_noisy:.2f} dB, DAE {p_dae:.2f} dB, PCA-{K} of noisy {p_pca:.2f} dB, "
        f"PCA-{K} of clean {p_pca_clean:.2f} dB")
    gain = p_dae - p_noisy
    row = Row(
        anchor="a7_denoise_gaussian",
        setting="denoising AE on MNIST, Gaussian σ = 0.5",
        published="qualitative in the literature",
        target="output PSNR ≥ noisy input's + 8 dB, and above PCA's at the same code size",
        ours=f"output {p_dae:.2f} dB vs noisy {p_noisy:.2f} dB (+{gain:.2f} dB); PCA-{K} of the noisy input "
             f"{p_pca:.2f} dB (PCA-{K} of the clean input, for scale: {p_pca_clean:.2f} dB)",
        met=bool(gain >= 8.0 and p_dae > p_pca),
        settings=f"784-512-{K}-512-784 ReLU, sigmoid output, squared error, Adam 1e-3 cosine, batch 128, "
                 f"{r.epochs} epochs ({r.status}; patience 3 on 6,000 validation rows), seed {args.seed}; "
                 f"train {r.train_seconds:.0f} s",
        metrics={"psnr_noisy": p_noisy, "psnr_denoised": p_dae, "psnr_pca_noisy": p_pca,
                 "psnr_pca_clean": p_pca_clean, "gain_db": gain, "status": r.status},
    )
    finish(row, t0, args.quick)


if __name__ == "__main__":
    main()
