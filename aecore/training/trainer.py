"""A model-agnostic, step-wise trainer that reports through callbacks.

The trainer knows one thing about a model: ``model.objective(x, progress)`` returns
(loss, parts). Everything else — previews, progress bars, job buffers — hangs off
callbacks, so the same loop serves the CLI, the app's background jobs and the tests.
"""

from __future__ import annotations

import copy
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn

from aecore.data.registry import batches
from aecore.errors import KeyedText
from aecore.training.optim import decayed_parameters, make_optimizer


@dataclass(frozen=True)
class TrainConfig:
    """Optimization settings shared by every variant."""

    epochs: int = 20
    batch_size: int = 64
    lr: float = 1e-3
    weight_decay: float = 0.0  # L2 on weight matrices only (biases are not decayed, as in UFLDL)
    seed: int = 0
    device: str = "auto"  # "auto" → cuda, then mps, then cpu
    val_fraction: float = 0.1  # held out of the training rows for validation / early stopping
    patience: int = 0  # early stopping after this many epochs without validation gain; 0 = off
    schedule: str = "constant"  # "constant" lr, or "cosine": decay to 0 over the run (removes Adam's noise floor)
    # "adam" (minibatches) or "lbfgs": full batch, one step = one epoch = up to optim.LBFGS_ITERATIONS iterations,
    # as in the UFLDL exercises; it escapes the all-units-silent trap a sparse code falls into under Adam.
    optimizer: str = "adam"

    def __post_init__(self):
        if not 1 <= int(self.epochs) <= 10000:
            raise ValueError(f"epochs must be between 1 and 10000; got {self.epochs}.")
        if not 1 <= int(self.batch_size) <= 65536:
            raise ValueError(f"batch_size must be between 1 and 65536; got {self.batch_size}.")
        if not (isinstance(self.lr, int | float) and 0 < self.lr <= 10):
            raise ValueError(f"lr (learning rate) must be in (0, 10]; got {self.lr}.")
        if not 0 <= self.weight_decay <= 10:
            raise ValueError(f"weight_decay must be between 0 and 10; got {self.weight_decay}.")
        if self.device not in ("auto", "cpu", "cuda", "mps"):
            raise ValueError(f"device must be auto, cpu, cuda or mps; got {self.device!r}.")
        if not 0 <= self.val_fraction < 0.9:
            raise ValueError(f"val_fraction must be in [0, 0.9); got {self.val_fraction}.")
        if self.optimizer not in ("adam", "lbfgs"):
            raise ValueError(f"optimizer must be 'adam' or 'lbfgs'; got {self.optimizer!r}.")
        if self.schedule not in ("constant", "cosine"):
            raise ValueError(f"schedule must be 'constant' or 'cosine'; got {self.schedule!r}.")
        if not 0 <= int(self.patience) <= 1000:
            raise ValueError(f"patience must be between 0 and 1000 epochs; got {self.patience}.")


def resolve_device(name: str = "auto") -> torch.device:
    """The device called ``name``; "auto" picks cuda, then mps, then cpu."""
    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    if name == "cuda" and not torch.cuda.is_available():
        raise ValueError("device 'cuda' was requested but no CUDA GPU is available; use --device cpu or auto.")
    return torch.device(name)


@dataclass
class StepEvent:
    step: int  # optimizer steps done, counting from 1
    epoch: float  # fractional epochs done
    loss: float
    parts: dict[str, float]
    phase: str = "train"  # which stage of a multi-stage fit (stacked: "layer 1", "finetune", ...)


@dataclass
class EpochEvent:
    epoch: int  # epochs done, counting from 1
    step: int
    train_loss: float  # mean objective over the epoch's batches
    val_loss: float | None  # objective on the validation rows (eval mode, no grad)
    parts: dict[str, float]
    seconds: float  # training-loop time so far
    phase: str = "train"


@dataclass
class PauseEvent:
    """The loop is held by a paused ``Gate`` ("hold"), still held ("idle", every ``Gate.IDLE_S``) or goes on ("release")."""

    state: str
    step: int
    epoch: float
    phase: str = "train"


@dataclass
class TrainResult:
    status: str  # "done", "stopped", "early_stopped" or "diverged"
    steps: int
    epochs: float
    train_seconds: float
    message: str = ""
    history: list[dict] = field(default_factory=list)  # one row per epoch


Callback = Callable[[object], None]

# A loss this many times its first value counts as diverged even while still finite: with Adam,
# a too-large learning rate often sends the loss to 1e15 and beyond long before it overflows.
EXPLODED = 1e6


def split_validation(n: int, fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray | None]:
    """Seeded split of n training rows into (train indices, validation indices or None)."""
    n_val = int(round(n * fraction))
    if n_val < 1 or n - n_val < 2:
        return np.arange(n), None
    perm = np.random.default_rng(seed + 7919).permutation(n)
    return np.sort(perm[n_val:]), np.sort(perm[:n_val])


class Gate:
    """Stop, pause and single steps for training loops; one gate can serve the trainers of one fit.

    Thread-safe. The loop calls ``admit`` before each optimizer step; any other thread calls
    ``stop``, ``pause``, ``resume`` or ``step``. A paused loop waits between steps (the weights
    stay as they are, nothing is lost), ``step("step")`` lets exactly one optimizer step through
    and ``step("epoch")`` the rest of the current epoch (a whole one when it is paused at an epoch
    boundary); then the loop is held again. ``stop`` ends a held loop too.
    """

    IDLE_S = 0.1  # a held loop reports "idle" this often (the job worker serves live measurements then)
    KINDS = ("step", "epoch")

    def __init__(self):
        self._cond = threading.Condition(threading.Lock())
        self._stopped = False
        self._paused = False
        self._grant: str | None = None  # what ``step`` let through while paused
        self._granted_ran = False  # an "epoch" grant has taken a step (so the next epoch start holds)
        self.open = True  # neither stopped nor paused: read without the lock on every step (fast path)

    def stop(self) -> None:
        """Halt before the next step, paused or not."""
        with self._cond:
            self._stopped, self.open = True, False
            self._cond.notify_all()

    @property
    def stopped(self) -> bool:
        return self._stopped

    @property
    def paused(self) -> bool:
        """Pause was asked for and not resumed (the loop may still be finishing its step)."""
        return self._paused

    def pause(self) -> None:
        """Hold the loop before its next step until ``resume`` or ``stop``."""
        with self._cond:
            self._paused, self._grant, self.open = True, None, False

    def resume(self) -> None:
        with self._cond:
            self._paused, self._grant = False, None
            self.open = not self._stopped
            self._cond.notify_all()

    def step(self, kind: str = "step") -> None:
        """Let one optimizer step (``"step"``) or the rest of the epoch (``"epoch"``) through, then hold again.

        Pauses the loop if it was running (it holds after that step or epoch).
        """
        if kind not in self.KINDS:
            raise ValueError(f"kind must be 'step' or 'epoch'; got {kind!r}.")
        with self._cond:
            self._paused, self._grant, self._granted_ran, self.open = True, kind, False, False
            self._cond.notify_all()

    def _decide(self, epoch_start: bool) -> str:
        """"go", "stop" or "hold" for the step about to be taken (called with the lock held)."""
        if self._stopped:
            return "stop"
        if not self._paused:
            return "go"
        if self._grant == "step":
            self._grant = None
            return "go"
        if self._grant == "epoch":
            if not (epoch_start and self._granted_ran):
                self._granted_ran = True
                return "go"
            self._grant = None  # the granted epoch is over: hold at the start of the next
        return "hold"

    def admit(self, epoch_start: bool, on_hold: Callable[[str], None] | None = None) -> bool:
        """Called by the loop before each step: True to take it, False to stop. Blocks while held.

        ``on_hold(state)`` runs on the loop's thread, without the lock: "hold" once when the loop
        is first held, "idle" every ``IDLE_S`` while it stays held, "release" when it goes on.
        """
        if self.open:
            return True
        held = False
        while True:
            with self._cond:
                decision = self._decide(epoch_start)
                if decision == "hold" and held:
                    self._cond.wait(self.IDLE_S)
                    decision = self._decide(epoch_start)
            if decision != "hold":
                if held and on_hold is not None:
                    on_hold("release")
                return decision == "go"
            if on_hold is not None:
                on_hold("idle" if held else "hold")
            held = True


class Trainer:
    """Trains ``model`` on rows ``x`` (N, D) one step at a time, with Adam or L-BFGS (``optim.py``).

    With targets ``y`` (N,) the model's objective is called as ``objective(x, progress, y=y)``
    (supervised fine-tuning); otherwise as ``objective(x, progress)``.

    Thread-safe controls: ``stop()`` halts before the next step; ``request(**kw)``
    changes ``lr`` or a live hyper-parameter of the model (ρ, β, noise level, λ)
    between steps; ``gate`` (a ``Gate``, shared by the trainers of one fit) also pauses the
    loop and lets single steps or epochs through, reported as ``PauseEvent``s.
    """

    def __init__(self, model: nn.Module, x: np.ndarray | torch.Tensor, cfg: TrainConfig,
                 callbacks: list[Callback] | None = None, y: np.ndarray | None = None, phase: str = "train",
                 gate: Gate | None = None):
        self.cfg = cfg
        self.phase = phase
        self.device = resolve_device(cfg.device)
        self.model = model.to(self.device)
        # A private RNG for the objective's noise (corruption, reparameterization): the global
        # one is shared by every job thread, so replays would not be exact under concurrency.
        model.rng = torch.Generator(device=self.device).manual_seed(cfg.seed + 1)
        x = x.float() if torch.is_tensor(x) else torch.tensor(np.asarray(x), dtype=torch.float32)
        y = None if y is None else torch.tensor(np.asarray(y), dtype=torch.long)
        tr, va = split_validation(len(x), cfg.val_fraction, cfg.seed) if cfg.val_fraction > 0 else (None, None)
        if va is not None:
            tr, va = torch.as_tensor(tr), torch.as_tensor(va)
            self.x, self.x_val = x[tr].to(self.device), x[va].to(self.device)
            self.y, self.y_val = (None, None) if y is None else (y[tr].to(self.device), y[va].to(self.device))
        else:
            self.x, self.x_val = x.to(self.device), None
            self.y, self.y_val = (None if y is None else y.to(self.device)), None
        # L-BFGS takes the whole training set as one batch (one step = one epoch), as in UFLDL.
        self.batch_size = len(self.x) if cfg.optimizer == "lbfgs" else cfg.batch_size
        self.optimizer = make_optimizer(model, cfg.optimizer, cfg.lr, cfg.weight_decay)
        self._decayed = decayed_parameters(model)
        self.generator = torch.Generator(device="cpu").manual_seed(cfg.seed)
        self.callbacks = list(callbacks or [])
        self.step = 0
        self.epoch = 0
        self.train_seconds = 0.0
        self.history: list[dict] = []
        self.lr = cfg.lr
        self.gate = gate or Gate()
        self._requests: dict[str, float] = {}
        self._lock = threading.Lock()
        self._first_loss: float | None = None
        self._best: tuple[float, dict, int] | None = None  # (val loss, weights, epoch)

    # ---- controls (any thread) -------------------------------------------------
    def stop(self) -> None:
        """Ask the loop to halt before its next step; the weights trained so far stay."""
        self.gate.stop()

    @property
    def stopping(self) -> bool:
        return self.gate.stopped

    def request(self, **values: float) -> None:
        """Queue hyper-parameter changes; applied before the next step."""
        with self._lock:
            self._requests.update(values)

    def _apply_requests(self) -> None:
        with self._lock:
            req, self._requests = self._requests, {}
        if "lr" in req:
            lr = float(req.pop("lr"))
            if not 0 < lr <= 10:
                raise ValueError(f"lr (learning rate) must be in (0, 10]; got {lr}.")
            self.lr = lr
            self._set_lr(lr)
        if req:
            self.model.set_hparams(**req)

    def _set_lr(self, lr: float) -> None:
        for g in self.optimizer.param_groups:
            g["lr"] = lr

    # ---- loop ------------------------------------------------------------------
    def emit(self, event) -> None:
        for cb in self.callbacks:
            cb(event)

    def _objective(self, x, progress, y=None):
        if y is None:
            return self.model.objective(x, progress)
        return self.model.objective(x, progress, y=y)

    def evaluate(self, x: torch.Tensor, y: torch.Tensor | None = None, batch_size: int = 1024) -> float:
        """Mean objective over rows x in eval mode (validation loss)."""
        self.model.eval()
        total, n = 0.0, 0
        with torch.no_grad():
            for i in range(0, len(x), batch_size):
                xb = x[i:i + batch_size]
                loss, _ = self._objective(xb, float(self.epoch), None if y is None else y[i:i + batch_size])
                total += float(loss) * len(xb)
                n += len(xb)
        self.model.train()
        return total / max(n, 1)

    def run(self, epochs: int | None = None) -> TrainResult:
        """Train for ``epochs`` more epochs (default: the config's), or until stopped."""
        epochs = self.cfg.epochs if epochs is None else epochs
        n = len(self.x)
        steps_per_epoch = math.ceil(n / self.batch_size)
        model, opt = self.model, self.optimizer
        total_steps = max(1, epochs * steps_per_epoch)  # the cosine schedule spans this call's steps
        start_step = self.step
        model.train()
        status, message = "done", ""
        t0 = time.perf_counter()
        for _ in range(epochs):
            sums: dict[str, float] = {}
            total, count = 0.0, 0
            for idx in batches(self.x, self.batch_size, self.generator, shuffle=self.cfg.optimizer == "adam"):
                if not self.gate.open and not self.gate.admit(
                        count == 0, lambda state, c=count: self._on_hold(state, self.epoch + c / steps_per_epoch)):
                    status = "stopped"
                    break
                if self._requests:
                    self._apply_requests()
                if self.cfg.schedule == "cosine":
                    self._set_lr(0.5 * self.lr * (1 + math.cos(math.pi * min(1.0, (self.step - start_step) / total_steps))))
                progress = self.epoch + count / steps_per_epoch
                xb, yb = self.x[idx], None if self.y is None else self.y[idx]
                if self.cfg.optimizer == "lbfgs":
                    value, parts = self._lbfgs_step(xb, yb, progress)
                else:
                    loss, parts = self._objective(xb, progress, yb)
                    value = float(loss.detach())
                if self._first_loss is None:
                    self._first_loss = max(abs(value), 1e-12)
                if not math.isfinite(value) or abs(value) > EXPLODED * self._first_loss:
                    status, message = "diverged", self._divergence_message(value)
                    break
                if self.cfg.optimizer == "adam":
                    opt.zero_grad(set_to_none=True)
                    loss.backward()
                    opt.step()
                self.step += 1
                count += 1
                total += value
                part_values = {k: float(v) for k, v in parts.items()}
                for k, v in part_values.items():
                    sums[k] = sums.get(k, 0.0) + v
                if self.callbacks:
                    self.emit(StepEvent(self.step, self.epoch + count / steps_per_epoch, value, part_values, self.phase))
            self.train_seconds += time.perf_counter() - t0
            t0 = time.perf_counter()
            if status == "diverged":
                break
            if count == steps_per_epoch:
                self.epoch += 1
            if count:
                val = self.evaluate(self.x_val, self.y_val) if self.x_val is not None else None
                row = {"epoch": self.epoch if count == steps_per_epoch else self.epoch + count / steps_per_epoch,
                       "phase": self.phase, "step": self.step, "train_loss": total / count, "val_loss": val,
                       **{f"train_{k}": v / count for k, v in sums.items()}, "seconds": self.train_seconds}
                self.history.append(row)
                self.emit(EpochEvent(self.epoch, self.step, total / count, val,
                                     {k: v / count for k, v in sums.items()}, self.train_seconds, self.phase))
                t0 = time.perf_counter()  # validation and callbacks are not training time
                if self._early_stop(val):
                    status, message = "early_stopped", KeyedText.make(
                        "train.early_stopped", "stopped early after epoch {epoch}: no validation gain for {patience} "
                        "epochs; the best weights (validation loss {best:.4g}) are kept.", epoch=self.epoch,
                        patience=self.cfg.patience, best=self._best[0])
                    break
            if status == "stopped":
                break
        if status == "diverged":
            self._ensure_finite_weights()
        return TrainResult(status, self.step, self.epoch, self.train_seconds, message, list(self.history))

    def _on_hold(self, state: str, epoch: float) -> None:
        if self.callbacks:
            self.emit(PauseEvent(state, self.step, epoch, self.phase))

    def _lbfgs_step(self, xb, yb, progress) -> tuple[float, dict]:
        """One L-BFGS iteration (with line search) on the full batch; returns the loss before it."""
        out: dict = {}

        def closure():
            self.optimizer.zero_grad(set_to_none=True)
            loss, parts = self._objective(xb, progress, yb)
            if self.cfg.weight_decay:  # L-BFGS has no weight decay of its own: add λ/2 Σ W²
                loss = loss + 0.5 * self.cfg.weight_decay * sum(p.pow(2).sum() for p in self._decayed)
            loss.backward()
            if not out:
                out["value"], out["parts"] = float(loss.detach()), parts
            return loss

        self.optimizer.step(closure)
        return out["value"], out["parts"]

    def _early_stop(self, val: float | None) -> bool:
        if not self.cfg.patience or val is None:
            return False
        if self._best is None or val < self._best[0]:
            self._best = (val, copy.deepcopy(self.model.state_dict()), self.epoch)
            return False
        if self.epoch - self._best[2] >= self.cfg.patience:
            self.model.load_state_dict(self._best[1])
            return True
        return False

    def _divergence_message(self, value: float) -> str:
        at = {"step": self.step + 1, "epoch": self.epoch + 1, "kept": self.step, "lr": self.lr, "try_lr": self.lr / 10}
        if not math.isfinite(value):
            return KeyedText.make("train.diverged", "training diverged at step {step} (epoch {epoch}): the loss became "
                                  "{value}. The weights from step {kept} are kept. Try a smaller learning rate, e.g. "
                                  "{try_lr:.2g} instead of {lr:.2g}.", value=str(value), **at)
        return KeyedText.make("train.exploded", "training diverged at step {step} (epoch {epoch}): the loss became "
                              "{value:.3g}, over {factor:.0e} times its first value. The weights from step {kept} are "
                              "kept. Try a smaller learning rate, e.g. {try_lr:.2g} instead of {lr:.2g}.",
                              value=value, factor=EXPLODED, **at)

    def _ensure_finite_weights(self) -> None:
        # The non-finite loss was caught before its step, so the weights are normally those of
        # the last good step; reset any that an earlier inf gradient already broke.
        with torch.no_grad():
            for p in self.model.parameters():
                if not torch.isfinite(p).all():
                    p.nan_to_num_(nan=0.0, posinf=0.0, neginf=0.0)
