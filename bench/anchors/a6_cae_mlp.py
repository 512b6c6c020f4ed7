"""Anchor 6: a contractive autoencoder's features initialise an MLP (Rifai et al., 2011).

One layer of 1000 sigmoid units, trained as a CAE (cross-entropy reconstruction + λ‖J_f‖²_F,
closed form for one sigmoid layer), and a plain AE of the same size and budget for the
‖J_f‖_F comparison. The CAE's encoder then initialises a 784-1000-10 MLP (a one-layer
``StackedAE`` loaded with ``load_layer``) that is fine-tuned with the labels.
Rifai et al. report 1.14 % test error (CAE, MNIST). Targets: ≤ 1.6 %, and mean ‖J_f‖_F on
test images clearly below the plain AE's.

Composed from aecore pieces: ``ContractiveAE``/``Autoencoder`` + ``Trainer``, then
``StackedAE(hidden=(), latent=1000)`` + ``load_layer`` + ``Trainer`` with labels (aecore has no
"initialise a classifier from this AE" step outside the stacked fit). 10 % of the training
rows are held out for validation; the test set is only scored.

    python bench/anchors/a6_cae_mlp.py [--quick] [--ae-epochs 6] [--finetune-epochs 15] [--lam 0.1]
"""

from __future__ import annotations

import numpy as np
import torch
from _common import Row, accuracy, epoch_logger, finish, log, mnist, start
from safetensors.torch import save_file

from aecore import ContractiveConfig, ModelConfig, StackedConfig, TrainConfig, Trainer, build_model
from aecore.models.contractive import jacobian_frobenius_sq

WIDTH = 1000


@torch.no_grad()
def mean_jacobian_norm(model, x: np.ndarray, batch: int = 1000) -> float:
    """Mean over rows of ‖J_f(x)‖_F (exact, closed form for one sigmoid layer)."""
    model.eval()
    out = [jacobian_frobenius_sq(model, torch.tensor(x[i:i + batch]))[1].sqrt() for i in range(0, len(x), batch)]
    return float(torch.cat(out).mean())


def main() -> None:
    def extra(p):
        p.add_argument("--ae-epochs", type=int, default=6)
        p.add_argument("--finetune-epochs", type=int, default=15)
        p.add_argument("--lam", type=float, default=0.1)
        p.add_argument("--lr", type=float, default=1e-3)
        p.add_argument("--finetune-lr", type=float, default=None, help="default: --lr")
        p.add_argument("--patience", type=int, default=3, help="fine-tuning epochs without a validation gain")
        p.add_argument("--finetune-weight-decay", type=float, default=0.0, help="L2 on the MLP's weights")
        p.add_argument("--tag", default="", help="suffix of the saved row, for side runs")

    args, t0 = start(__doc__, extra)
    if args.quick:
        args.ae_epochs, args.finetune_epochs = 1, 1
    ds = mnist(2000 if args.quick else None)

    def tcfg(epochs: int, lr: float | None = None, **kw) -> TrainConfig:
        return TrainConfig(epochs=epochs, batch_size=128, lr=lr or args.lr, seed=args.seed, device="cpu",
                           val_fraction=0.1, schedule="cosine", **kw)

    common = {"latent": WIDTH, "hidden": (), "activation": "sigmoid", "code_activation": "sigmoid", "loss": "bce"}
    cae = build_model(ContractiveConfig(**common, lam=args.lam), ds.dim, ds.unit_range, args.seed)
    ae = build_model(ModelConfig(**common), ds.dim, ds.unit_range, args.seed)
    seconds = {}
    for name, model in (("CAE", cae), ("plain AE", ae)):
        log(f"training the {name}")
        r = Trainer(model, ds.x_train, tcfg(args.ae_epochs), [epoch_logger()], phase=name).run()
        seconds[name] = r.train_seconds
    if not args.quick:
        from _common import OUT

        OUT.mkdir(parents=True, exist_ok=True)
        save_file({k: v.contiguous() for k, v in cae.state_dict().items()}, OUT / f"a6_cae{args.tag}.safetensors")
    x_j = ds.x_test[:2000]
    j_cae, j_ae = mean_jacobian_norm(cae, x_j), mean_jacobian_norm(ae, x_j)
    log(f"mean ‖J_f‖_F on 2,000 test images: CAE {j_cae:.3f}, plain AE {j_ae:.3f}")

    mlp = build_model(StackedConfig(hidden=(), latent=WIDTH, activation="sigmoid"), ds.dim, ds.unit_range,
                      args.seed, ds.n_classes)
    mlp.load_layer(0, cae)
    ft_lr = args.finetune_lr or args.lr
    r = Trainer(mlp, ds.x_train, tcfg(args.finetune_epochs, ft_lr, patience=args.patience,
                                          weight_decay=args.finetune_weight_decay), [epoch_logger()], y=ds.y_train,
                phase="MLP from CAE").run()
    best_val = min(h["val_loss"] for h in r.history)
    seconds["MLP"] = r.train_seconds
    mlp.eval()
    err = 1 - accuracy(mlp.predict, ds.x_test, ds.y_test)
    log(f"test error {100 * err:.2f} %")
    clearly = j_cae <= 0.5 * j_ae
    row = Row(
        anchor="a6_cae_mlp",
        setting="contractive AE, 1000 sigmoid units, features initialise an MLP (Rifai et al. 2011)",
        published="1.14 % test error",
        target="≤ 1.6 %; mean ‖J_f‖_F clearly below a plain AE of the same size",
        ours=f"{100 * err:.2f} % test error; mean ‖J_f‖_F {j_cae:.2f} (CAE) vs {j_ae:.2f} (plain AE), "
             f"ratio {j_cae / j_ae:.2f}",
        met=bool(err <= 0.016 and clearly),
        settings=f"784-1000 sigmoid, cross-entropy, λ = {args.lam}; CAE and plain AE {args.ae_epochs} epochs each; "
                 f"MLP 784-1000-10 fine-tuned {r.epochs} epochs at lr {ft_lr}, weight decay {args.finetune_weight_decay} ({r.status}, patience {args.patience}, best validation "
                 f"cross-entropy {best_val:.4f}); Adam lr {args.lr} cosine, "
                 f"batch 128, 54,000 train / 6,000 validation rows; seed {args.seed}; train "
                 f"{sum(seconds.values()):.0f} s; ‖J_f‖_F over the first 2,000 test images; "
                 f"'clearly lower' = at most half",
        notes="composed: ContractiveAE → StackedAE(hidden=(), latent=1000).load_layer → Trainer with labels",
        metrics={"test_error": err, "jacobian_cae": j_cae, "jacobian_ae": j_ae, "finetune_epochs": r.epochs,
                 "finetune_status": r.status, "finetune_lr": ft_lr, "best_val_xent": best_val,
                 "seconds": seconds},
    )
    finish(row, t0, args.quick, args.tag)


if __name__ == "__main__":
    main()
