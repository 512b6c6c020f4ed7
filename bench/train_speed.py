"""Training speed: aecore's Trainer against a bare PyTorch loop of the same model.

Both train the same network (built by ``aecore.build_model``, then copied so every run starts
from the same initial weights) on the same rows with the same batch size and Adam settings,
in the same process. Repetitions are interleaved and rotated, so a slow spell of the machine
hits every contender alike; the median is reported.

    python bench/train_speed.py [--epochs 1] [--reps 3] [--limit N] [--device cpu]

The Trainer runs with ``val_fraction=0`` so that it trains on exactly the rows the bare loop
sees; only ``Trainer.run()`` is timed (building the Trainer copies the data once).
"""

from __future__ import annotations

import argparse
import copy
import os
import platform
import statistics
import sys
import threading
import time
from collections import deque
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # Diabolo is not installed as a package

from aecore import DataConfig, DataUnavailableError, ModelConfig, VAEConfig, build_model, load_dataset  # noqa: E402
from aecore.training.trainer import StepEvent, TrainConfig, Trainer, resolve_device  # noqa: E402

MODELS = {
    "AE 784-256-32": ModelConfig(latent=32, hidden=(256,)),
    "VAE 784-512-20": VAEConfig(latent=20, hidden=(512,)),
}
BATCH, LR, SEED = 128, 1e-3, 0


class JobBuffer:
    """A realistic cheap callback: what the app's job manager does per event (lock, append, keep latest)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.losses: deque = deque(maxlen=4000)
        self.epochs: list = []

    def __call__(self, event) -> None:
        with self.lock:
            if isinstance(event, StepEvent):
                self.losses.append((event.step, event.loss))
            else:
                self.epochs.append(event)


def load_rows(limit: int | None) -> tuple[np.ndarray, str]:
    """MNIST training rows, or random uniform rows of the same shape when MNIST is not on this machine."""
    try:
        ds = load_dataset(DataConfig("mnist", limit=limit))
        return ds.x_train, f"MNIST training rows ({ds.n_train:,} x {ds.dim})"
    except DataUnavailableError as e:
        n = limit or 60000
        x = np.random.default_rng(0).random((n, 784), dtype=np.float32)
        return x, f"RANDOM uniform rows ({n:,} x 784): MNIST is unavailable ({e})"


def sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize()


class Clock:
    """Wall-clock and CPU seconds (all threads of this process) of one timed block."""

    def __init__(self, device: torch.device):
        self.device = device

    def __enter__(self):
        sync(self.device)
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        sync(self.device)
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def bare_loop(model, x: torch.Tensor, epochs: int, device: torch.device) -> Clock:
    """The textbook loop: shuffle, slice, objective, backward, Adam step."""
    model.rng = torch.Generator(device=device).manual_seed(SEED + 1)  # the VAE's noise, as the Trainer sets it
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    g = torch.Generator().manual_seed(SEED)
    model.train()
    with Clock(device) as clock:
        for _ in range(epochs):
            for idx in torch.randperm(len(x), generator=g).to(device).split(BATCH):
                loss, _ = model.objective(x[idx])
                opt.zero_grad(set_to_none=True)
                loss.backward()
                opt.step()
    return clock


def trainer_loop(model, x: torch.Tensor, epochs: int, device: torch.device, callbacks) -> Clock:
    cfg = TrainConfig(epochs=epochs, batch_size=BATCH, lr=LR, seed=SEED, device=device.type, val_fraction=0.0)
    trainer = Trainer(model, x, cfg, callbacks)  # not timed: copies the rows once
    with Clock(device) as clock:
        result = trainer.run()
    assert result.status == "done", result.message
    return clock


def bench_model(label: str, cfg, x_np: np.ndarray, args, device: torch.device) -> dict[str, list[Clock]]:
    init = build_model(cfg, x_np.shape[1], True, SEED)  # one initialization, copied for every run
    x = torch.tensor(x_np, device=device)
    contenders = {
        "bare PyTorch loop": lambda m: bare_loop(m, x, args.epochs, device),
        "Trainer, no callbacks": lambda m: trainer_loop(m, x, args.epochs, device, []),
        "Trainer + JobBuffer callback": lambda m: trainer_loop(m, x, args.epochs, device, [JobBuffer()]),
    }
    names = list(contenders)
    bare_loop(copy.deepcopy(init).to(device), x[: 20 * BATCH], 1, device)  # warm-up: allocator, threads
    times: dict[str, list[Clock]] = {n: [] for n in names}
    for rep in range(args.reps):
        for name in names[rep % len(names):] + names[: rep % len(names)]:  # rotate the order each rep
            times[name].append(contenders[name](copy.deepcopy(init).to(device)))
    rows = len(x_np) * args.epochs
    wall = {n: statistics.median(c.wall for c in times[n]) for n in names}
    cpu = {n: statistics.median(c.cpu for c in times[n]) for n in names}
    print(f"\n{label}: {args.reps} interleaved reps of {args.epochs} epoch(s), {len(x_np):,} rows, batch {BATCH}")
    print(f"  {'contender':<30} {'s/epoch':>8} {'examples/s':>11} {'ratio':>6}  {'CPU s/epoch':>11} "
          f"{'CPU ratio':>9}   wall per rep (s)")
    for n in names:
        reps = " ".join(f"{c.wall:.2f}" for c in times[n])
        print(f"  {n:<30} {wall[n] / args.epochs:8.2f} {rows / wall[n]:11,.0f} {wall[names[0]] / wall[n]:6.3f}  "
              f"{cpu[n] / args.epochs:11.2f} {cpu[names[0]] / cpu[n]:9.3f}   {reps}")
    return times


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--epochs", type=int, default=1, help="epochs per repetition (default 1)")
    p.add_argument("--reps", type=int, default=3, help="interleaved repetitions; the median is reported")
    p.add_argument("--limit", type=int, default=None, help="use at most N training rows")
    p.add_argument("--device", default="cpu", choices=["auto", "cpu", "cuda"])
    p.add_argument("--threads", type=int, default=None,
                   help="torch CPU threads (default: torch's choice); 1 makes CPU-time figures robust on a busy machine")
    p.add_argument("--models", default=",".join(MODELS), help="comma-separated subset of: " + ", ".join(MODELS))
    args = p.parse_args(argv)
    device = resolve_device(args.device)
    if args.threads:
        torch.set_num_threads(args.threads)
    x, source = load_rows(args.limit)
    load = os.getloadavg() if hasattr(os, "getloadavg") else ("?",) * 3
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, torch {torch.__version__} "
          f"({torch.get_num_threads()} threads), device {device}, load average {load[0]:.2f}")
    print(f"data: {source}")
    print("ratio = bare-loop time / contender time (1.0 = as fast as the bare loop; target >= 0.95); "
          "CPU = process CPU seconds, all threads")
    for label in args.models.split(","):
        bench_model(label, MODELS[label], x, args, device)
    return 0


if __name__ == "__main__":
    sys.exit(main())
