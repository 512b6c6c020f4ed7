"""Training speed against a peer library: aecore vs a bare PyTorch loop vs pythae, side by side.

The same VAE — 784-512-20 Gaussian encoder (ReLU), 20-512-784 Bernoulli decoder, the loss
"BCE summed over pixels + KL, averaged over the batch", Adam 1e-3, batch 128 — trained for
``--epochs`` epochs (default 2) on all 60,000 MNIST training images by

* **aecore**: ``Trainer`` on ``build_model(VAEConfig(latent=20, hidden=(512,)))``, ``val_fraction=0``;
* **bare loop**: a ``torch.nn.Module`` written as in pytorch/examples ``vae/main.py`` and the
  textbook loop (``randperm`` → slice → loss → backward → step);
* **pythae** 0.1.2: ``TrainingPipeline`` with ``BaseTrainerConfig`` on pythae's own ``VAE`` and its
  default MLP encoder/decoder (``Encoder_VAE_MLP``/``Decoder_AE_MLP``: exactly 784-512-20), no
  eval set, no checkpoints.

One process, one thread (``--threads``), contenders rotated between repetitions. Timed: the
training epochs only (aecore: ``Trainer.run()``; pythae: from its first ``on_epoch_begin``
to its last ``on_epoch_end`` callback); pythae's whole ``pipeline()`` call (data checks,
saving the final model) is reported too. After training each model is scored on the
10,000 test images with the same code and the same noise draws: BCE sum + KL per
example, one z sample.

pythae lives only in a separate environment (``bench/requirements-peers.txt``):

    python -m venv --system-site-packages /tmp/pythae-venv
    /tmp/pythae-venv/bin/pip install -r bench/requirements-peers.txt
    /tmp/pythae-venv/bin/python bench/peer_speed.py [--epochs 2] [--reps 1] [--quick]

Run with the project's Python instead, the pythae column says why it is unavailable.
"""

from __future__ import annotations

import argparse
import datetime
import json
import logging
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # Diabolo is not installed as a package
sys.path.insert(0, str(Path(__file__).resolve().parent / "anchors"))

from _common import aecore_revision  # noqa: E402

from aecore import DataConfig, TrainConfig, Trainer, VAEConfig, build_model, load_dataset  # noqa: E402

BATCH, LR, LATENT, HIDDEN, SEED = 128, 1e-3, 20, 512, 0


class Clock:
    """Wall and process-CPU seconds of a block."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


# ---- the bare loop: pytorch/examples vae/main.py, loss averaged over the batch -------------
class BareVAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, HIDDEN)
        self.fc21 = nn.Linear(HIDDEN, LATENT)
        self.fc22 = nn.Linear(HIDDEN, LATENT)
        self.fc3 = nn.Linear(LATENT, HIDDEN)
        self.fc4 = nn.Linear(HIDDEN, 784)

    def encode(self, x):
        h = F.relu(self.fc1(x))
        return self.fc21(h), self.fc22(h)

    def decode(self, z):
        return torch.sigmoid(self.fc4(F.relu(self.fc3(z))))

    def forward(self, x):
        mu, logvar = self.encode(x)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        return self.decode(z), mu, logvar


def bare_loss(x_hat, x, mu, logvar):
    bce = F.binary_cross_entropy(x_hat, x, reduction="sum")
    kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return (bce + kld) / x.shape[0]


def run_bare_loop(x: torch.Tensor, epochs: int) -> dict:
    """The textbook loop: one forward, loss, backward, Adam step per batch."""
    torch.manual_seed(SEED)
    model = BareVAE()
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    g = torch.Generator().manual_seed(SEED)
    model.train()
    with Clock() as c:
        for _ in range(epochs):
            for idx in torch.randperm(len(x), generator=g).split(BATCH):
                xb = x[idx]
                x_hat, mu, logvar = model(xb)
                loss = bare_loss(x_hat, xb, mu, logvar)
                opt.zero_grad(set_to_none=True)
                loss.backward()
                opt.step()
    return {"clock": c, "posterior": model.encode, "decode": model.decode}


# ---- aecore ------------------------------------------------------------------------------
def run_aecore(x_np: np.ndarray, epochs: int) -> dict:
    model = build_model(VAEConfig(latent=LATENT, hidden=(HIDDEN,), activation="relu"), 784, True, SEED)
    cfg = TrainConfig(epochs=epochs, batch_size=BATCH, lr=LR, seed=SEED, device="cpu", val_fraction=0.0)
    trainer = Trainer(model, x_np, cfg)  # not timed: copies the rows once
    with Clock() as c:
        result = trainer.run()
    assert result.status == "done", result.message
    return {"clock": c, "posterior": model.posterior, "decode": model.decode}


# ---- pythae ------------------------------------------------------------------------------
def pythae_status() -> str | None:
    """None when pythae can run here, else the reason it cannot."""
    try:
        import pythae  # noqa: F401
        from pythae.pipelines import TrainingPipeline  # noqa: F401
    except Exception as e:  # ImportError, or a broken install
        return (f"pythae is not importable from {sys.executable} ({type(e).__name__}: {e}); install it into a "
                f"separate venv with bench/requirements-peers.txt and run this script with that venv's python")
    return None


def run_pythae(x_np: np.ndarray, epochs: int, out_dir: str) -> dict:
    from pythae.models import VAE
    from pythae.models import VAEConfig as PVAEConfig
    from pythae.models.nn.default_architectures import Decoder_AE_MLP, Encoder_VAE_MLP
    from pythae.pipelines import TrainingPipeline
    from pythae.trainers import BaseTrainerConfig
    from pythae.trainers.training_callbacks import TrainingCallback

    logging.getLogger("pythae").setLevel(logging.WARNING)  # its per-epoch INFO lines are not what we time

    class EpochClock(TrainingCallback):
        def __init__(self):
            self.begin = self.end = None
            self.cpu_begin = self.cpu_end = None

        def on_epoch_begin(self, training_config, **kwargs):
            if self.begin is None:
                self.begin, self.cpu_begin = time.perf_counter(), time.process_time()

        def on_epoch_end(self, training_config, **kwargs):
            self.end, self.cpu_end = time.perf_counter(), time.process_time()

    mcfg = PVAEConfig(input_dim=(1, 28, 28), latent_dim=LATENT, reconstruction_loss="bce")
    model = VAE(mcfg, encoder=Encoder_VAE_MLP(mcfg), decoder=Decoder_AE_MLP(mcfg))
    tcfg = BaseTrainerConfig(output_dir=out_dir, num_epochs=epochs, learning_rate=LR,
                             per_device_train_batch_size=BATCH, per_device_eval_batch_size=1000,
                             optimizer_cls="Adam", steps_saving=None, no_cuda=True, seed=SEED)
    clock = EpochClock()
    pipeline = TrainingPipeline(model=model, training_config=tcfg)
    with Clock() as total:
        pipeline(train_data=x_np.reshape(-1, 1, 28, 28), eval_data=None, callbacks=[clock])
    c = Clock()
    c.wall, c.cpu = clock.end - clock.begin, clock.cpu_end - clock.cpu_begin
    trained = model.cpu().eval()  # pythae trains the model object in place

    def posterior(x):
        out = trained.encoder(x.reshape(-1, 1, 28, 28))
        return out.embedding, out.log_covariance

    def decode(z):
        return trained.decoder(z).reconstruction.reshape(len(z), -1)

    return {"clock": c, "total": total, "posterior": posterior, "decode": decode}


@torch.no_grad()
def test_loss(posterior, decode, x: np.ndarray) -> float:
    """BCE summed over pixels + KL, per example, one z sample (the same noise for every model)."""
    g = torch.Generator().manual_seed(1234)
    total = 0.0
    for i in range(0, len(x), 1000):
        xb = torch.tensor(x[i:i + 1000])
        mu, logvar = posterior(xb)
        z = mu + torch.randn(mu.shape, generator=g) * torch.exp(0.5 * logvar)
        x_hat = decode(z).clamp(1e-7, 1 - 1e-7)
        bce = F.binary_cross_entropy(x_hat, xb, reduction="sum")
        kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
        total += float(bce + kld)
    return total / len(x)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--reps", type=int, default=1, help="rotated repetitions; the median time is reported")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--quick", action="store_true", help="5,000 rows, 1 epoch: a smoke test")
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    ds = load_dataset(DataConfig("mnist", limit=5000 if args.quick else None))
    epochs = 1 if args.quick else args.epochs
    x_np, x = ds.x_train, torch.tensor(ds.x_train)
    load = os.getloadavg()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, torch {torch.__version__} "
          f"({torch.get_num_threads()} thread(s)), load average {load[0]:.1f}; python {sys.executable}")
    print(f"data: MNIST {len(x_np):,} training rows, {epochs} epoch(s), batch {BATCH}, Adam {LR}; "
          f"{args.reps} rotated rep(s)")
    reason = pythae_status()
    if reason:
        print(f"pythae: unavailable — {reason}")
    tmp = tempfile.mkdtemp(prefix="pythae-", dir=Path(__file__).resolve().parent / "out" if
                           (Path(__file__).resolve().parent / "out").is_dir() else None)
    contenders = {"bare PyTorch loop": lambda: run_bare_loop(x, epochs), "aecore Trainer": lambda: run_aecore(x_np, epochs)}
    if not reason:
        contenders["pythae TrainingPipeline"] = lambda: run_pythae(x_np, epochs, tmp)
    names = list(contenders)
    runs: dict[str, list[dict]] = {n: [] for n in names}
    for rep in range(args.reps):
        for n in names[rep % len(names):] + names[:rep % len(names)]:
            runs[n].append(contenders[n]())
            print(f"  rep {rep + 1}: {n}: {runs[n][-1]['clock'].wall:.1f} s wall", flush=True)
    wall = {n: statistics.median(r["clock"].wall for r in runs[n]) / epochs for n in names}
    cpu = {n: statistics.median(r["clock"].cpu for r in runs[n]) / epochs for n in names}
    losses = {n: test_loss(runs[n][-1]["posterior"], runs[n][-1]["decode"], ds.x_test) for n in names}
    base = wall["bare PyTorch loop"]
    print(f"\n{'contender':<26} {'s/epoch':>8} {'CPU s/epoch':>11} {'÷ bare':>7} {'÷ pythae':>8} "
          f"{'test loss':>10}")
    for n in names:
        vs_p = f"{wall[n] / wall['pythae TrainingPipeline']:8.3f}" if not reason else f"{'n/a':>8}"
        print(f"{n:<26} {wall[n]:8.2f} {cpu[n]:11.2f} {wall[n] / base:7.3f} {vs_p} {losses[n]:10.2f}")
    if not reason:
        tot = statistics.median(r["total"].wall for r in runs["pythae TrainingPipeline"])
        print(f"pythae's whole pipeline() call: {tot:.1f} s for {epochs} epoch(s) (incl. data checks and saving)")
        a, pb = wall["aecore Trainer"], wall["pythae TrainingPipeline"]
        print(f"\naecore / bare = {a / base:.3f} (target ≤ 1.05), aecore / pythae = {a / pb:.3f} (target ≤ 0.8), "
              f"test loss aecore {losses['aecore Trainer']:.2f} vs pythae {losses['pythae TrainingPipeline']:.2f} "
              f"and bare {losses['bare PyTorch loop']:.2f}")
    else:
        print(f"\naecore / bare = {wall['aecore Trainer'] / base:.3f} (target ≤ 1.05); pythae: unavailable")
    result = {"date": datetime.date.today().isoformat(), "quick": args.quick, "epochs": epochs, "reps": args.reps,
              "rows": len(x_np), "threads": torch.get_num_threads(), "load_average": os.getloadavg()[0],
              "machine": f"{platform.machine()}, {os.cpu_count()} cores, torch {torch.__version__}; aecore "
                         f"{aecore_revision()}",
              "pythae_unavailable": reason, "seconds_per_epoch": wall, "cpu_seconds_per_epoch": cpu,
              "test_loss": losses, "wall_per_rep": {n: [r["clock"].wall for r in runs[n]] for n in names}}
    if not reason:
        result["pythae_pipeline_seconds"] = tot
    out = Path(__file__).resolve().parent / "out" / f"peer_speed{'-quick' if args.quick else ''}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    print(f"saved {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
