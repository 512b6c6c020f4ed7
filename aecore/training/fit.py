"""One training job end to end: load data, build the model, train, evaluate.

``Fit`` is the unit of work the CLI runs in the foreground and the app's job manager runs
in a worker (``aecore.serving.engines``: a process by default, or a thread, or a Ray actor).
Its whole interface is plain data in (``FitSpec``), events out (callbacks),
``stop()``/``request()``/``pause()`` in between, and a ``FitResult`` at the end. The phases
of a stacked fit and their epochs come from ``plan.py``.
"""

from __future__ import annotations

import copy
import dataclasses
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import torch

from aecore.data.registry import DataConfig, Dataset, load_dataset
from aecore.measure import labels
from aecore.measure.metrics import evaluate_model
from aecore.models.base import Autoencoder, ModelConfig
from aecore.models.denoising import DenoisingAE, DenoisingConfig
from aecore.models.registry import build_model, reset_parameters, variant
from aecore.models.sparse import SparseAE, SparseConfig
from aecore.models.stacked import StackedAE, StackedConfig
from aecore.training import plan
from aecore.training.trainer import Gate, TrainConfig, Trainer, TrainResult, split_validation


@dataclass(frozen=True)
class FitSpec:
    """Everything needed to reproduce a run: same spec → same weights and curves."""

    data: DataConfig = field(default_factory=DataConfig)
    model: ModelConfig = field(default_factory=ModelConfig)
    train: TrainConfig = field(default_factory=TrainConfig)

    def to_dict(self) -> dict:
        return {"data": dataclasses.asdict(self.data), "model": self.model.to_dict(),
                "train": dataclasses.asdict(self.train)}

    def with_variant(self, name: str) -> FitSpec:
        """This spec's shared setting (data, code size, hidden layers, activation, training) for variant ``name``.

        Everything else — its penalty and its weight, its code units — is the variant's own
        default (the Compare page trains every variant this way).
        """
        m = self.model
        cfg = variant(name).config_class(latent=m.latent, hidden=m.hidden, activation=m.activation)
        return dataclasses.replace(self, model=cfg)


@dataclass
class FitResult:
    spec: FitSpec
    model: Autoencoder
    dataset: Dataset
    train: TrainResult
    metrics: dict = field(default_factory=dict)

    @property
    def history(self) -> list[dict]:
        return self.train.history


class Fit:
    """Run a ``FitSpec``; thread-safe ``stop()``, ``request()``, ``pause()``/``resume()``/``step()`` reach the live trainer."""

    def __init__(self, spec: FitSpec, callbacks: list[Callable] | None = None, evaluate: bool = True):
        self.spec = spec
        self.callbacks = list(callbacks or [])
        self.evaluate = evaluate
        self._trainer: Trainer | None = None
        self.gate = Gate()  # one for every trainer of this fit: a stop or pause holds across phases
        self._pending: dict[str, float] = {}
        self._lock = threading.Lock()
        self.model: Autoencoder | None = None
        self.dataset: Dataset | None = None

    def stop(self) -> None:
        """Halt before the next step; everything trained so far is kept."""
        self.gate.stop()

    @property
    def stopped(self) -> bool:
        return self.gate.stopped

    def pause(self) -> None:
        """Hold training before its next step (see ``trainer.Gate``)."""
        self.gate.pause()

    def resume(self) -> None:
        self.gate.resume()

    def step(self, kind: str = "step") -> None:
        """While paused: one optimizer step (``"step"``) or the rest of the epoch (``"epoch"``), then hold."""
        self.gate.step(kind)

    def live_values(self) -> dict[str, float]:
        """The running trainer's learning rate and its model's live hyper-parameters (ρ, β, …) now."""
        with self._lock:
            trainer = self._trainer
        if trainer is None:
            return {}
        model = trainer.model
        return {"lr": float(trainer.lr), **{k: float(getattr(model, k)) for k in model.live_hparams
                                            if hasattr(model, k)}}

    def request(self, **values: float) -> None:
        """Change the learning rate or a live hyper-parameter between steps."""
        with self._lock:
            if self._trainer is not None:
                self._trainer.request(**values)
            else:
                self._pending.update(values)

    def _trainer_for(self, model, x, cfg: TrainConfig, y=None, phase="train") -> Trainer:
        trainer = Trainer(model, x, cfg, self.callbacks, y=y, phase=phase, gate=self.gate)
        with self._lock:
            self._trainer = trainer
            if self._pending:
                trainer.request(**self._pending)
                self._pending = {}
        return trainer

    def build(self) -> Autoencoder:
        """Load the data and build the seeded, untrained model."""
        ds = self.dataset = load_dataset(self.spec.data)
        self.model = build_model(self.spec.model, ds.dim, ds.unit_range, self.spec.train.seed, ds.n_classes)
        return self.model

    def run(self) -> FitResult:
        model = self.model or self.build()
        ds = self.dataset
        if isinstance(model, StackedAE):
            result, extra = self._run_stacked(model, ds)
        else:
            result, extra = self._trainer_for(model, ds.x_train, self.spec.train).run(), {}
        model.eval()
        metrics = {}
        if self.evaluate:
            metrics = evaluate_model(model, ds, seed=self.spec.train.seed)
        metrics.update(extra)
        metrics.update({"variant": self.spec.model.variant, "dataset": ds.name, "epochs": result.epochs,
                        "steps": result.steps, "train_seconds": result.train_seconds, "status": result.status})
        return FitResult(self.spec, model, ds, result, metrics)

    # ---- stacked: greedy pretraining, then supervised fine-tuning --------------------
    def _run_stacked(self, model: StackedAE, ds: Dataset) -> tuple[TrainResult, dict]:
        cfg: StackedConfig = model.cfg
        tcfg = self.spec.train
        device = next(model.parameters()).device
        x = torch.tensor(ds.x_train)
        history: list[dict] = []
        steps, seconds, status, message = 0, 0.0, "done", ""
        for layer, width in enumerate(cfg.sizes):
            with torch.no_grad():
                codes = model.layer_codes(x.to(device), layer).cpu()
            unit = ds.unit_range if layer == 0 else cfg.activation == "sigmoid"
            shallow = self._shallow_ae(cfg, layer, width, codes.shape[1], unit, tcfg.seed)
            r = self._trainer_for(shallow, codes, tcfg, phase=plan.layer_phase(layer, tcfg.epochs).name).run()
            model.load_layer(layer, shallow.to(device))
            history += r.history
            steps, seconds = steps + r.steps, seconds + r.train_seconds
            if r.status in ("stopped", "diverged"):
                return TrainResult(r.status, steps, r.epochs, seconds, r.message, history), {}
        model.keep_pretrained()  # what each layer learned, before fine-tuning changes it
        extra: dict = {}
        if ds.y_train is None or cfg.finetune_epochs == 0:
            return TrainResult(status, steps, tcfg.epochs, seconds, message, history), extra
        ft = dataclasses.replace(tcfg, epochs=cfg.finetune_epochs, patience=0)
        # 1) frozen pretrained features + softmax. The softmax reads standardized codes (an affine
        # change of the same features): sigmoid codes crowd into a narrow band whose width depends
        # on the layer and its pretraining, and a softmax on them trains badly conditioned (UFLDL's
        # MNIST stack, frozen codes: 67 % without, 83 % with; bench/RESULTS.md, a2).
        with torch.no_grad():
            model.set_code_scaling(model.encode(x.to(device)))
        base = copy.deepcopy(model) if cfg.label_budgets else None  # pretrained, head untrained
        r1, r2, r3 = self._supervised(model, ds, ds.x_train, ds.y_train, ft, extra)
        history += r1.history + r2.history + (r3.history if r3 else [])
        last = r2 if r2.status != "done" else r1 if r1.status != "done" else r3 if r3 and r3.status != "done" else None
        if last is None and base is not None:
            last = self._run_label_budgets(base, ds, ft, extra)
        if last is not None:
            status, message = last.status, last.message
        return TrainResult(status, steps + r1.steps + r2.steps, tcfg.epochs, seconds + r1.train_seconds
                           + r2.train_seconds, message, history), extra

    def _supervised(self, model: StackedAE, ds: Dataset, x, y, ft: TrainConfig, out: dict,
                    tag: str = "") -> tuple[TrainResult, TrainResult, TrainResult | None]:
        """Softmax on the frozen codes, fine-tuning, and the same net from random weights with the same
        supervised budget (1 + 2), on rows (x, y); test accuracies go into ``out``. ``tag`` prefixes the
        phases ("labels 20: "), and the keys when given."""
        device = next(model.parameters()).device
        cfg: StackedConfig = model.cfg

        def accuracy(m: StackedAE) -> float:
            m.eval()
            acc = float((m.predict(torch.tensor(ds.x_test, device=device)).cpu().numpy() == ds.y_test).mean())
            m.train()
            return acc

        key = (lambda k: k) if not tag else (lambda k: f"{tag}{k}")
        frozen, tune, fresh = plan.supervised_phases(ft.epochs, tag)
        # The decoders are dropped for the supervised phases: frozen, so that weight decay (which
        # L-BFGS adds to the loss) cannot shrink them; the page still draws the unrolled stack.
        model.decoder.requires_grad_(False)
        model.set_encoder_trainable(False)
        r1 = self._trainer_for(model, x, dataclasses.replace(ft, epochs=frozen.epochs), y=y, phase=frozen.name).run()
        out[key("accuracy_before_finetune")] = accuracy(model)
        model.set_encoder_trainable(True)
        r2 = self._trainer_for(model, x, dataclasses.replace(ft, epochs=tune.epochs), y=y,
                               phase=tune.name).run()  # every layer with the softmax
        model.decoder.requires_grad_(True)
        out[key("accuracy_after_finetune")] = accuracy(model)
        if not r1.status == r2.status == "done":
            return r1, r2, None
        # No code standardization here: a random stack's codes have a spread set by the init,
        # which training soon changes; a scale frozen at init magnifies the head's input ~3× and
        # cost scratch 3–5 points on digits (93 % instead of 96 %), an unfair handicap.
        scratch = reset_parameters(StackedAE(cfg, ds.dim, ds.unit_range, ds.n_classes), ft.seed + 1, cfg.init)
        scratch = scratch.to(device)
        scratch.decoder.requires_grad_(False)  # as for the pretrained net: only the supervised path trains
        r3 = self._trainer_for(scratch, x, dataclasses.replace(ft, epochs=fresh.epochs), y=y, phase=fresh.name).run()
        out[key("accuracy_scratch")] = accuracy(scratch)
        return r1, r2, r3

    def _run_label_budgets(self, base: StackedAE, ds: Dataset, ft: TrainConfig, out: dict) -> TrainResult | None:
        """Per label budget: fine-tune a copy of the pretrained ``base``, train from scratch, and fit a
        logistic regression on the pixels, all on one class-balanced subset (``labels.py``). Budget 0
        (all labels) reuses the run's own numbers, on the rows its trainer used. Writes the lists of
        ``labels.*_KEY`` into ``out``; returns the TrainResult that stopped it, if one did."""
        t0 = time.perf_counter()
        seed = ft.seed
        rows = {k: [] for k in (labels.N_KEY, labels.PRETRAINED_KEY, labels.SCRATCH_KEY, labels.LOGREG_KEY)}
        sub_cfg = dataclasses.replace(ft, val_fraction=0.0)  # no labels to spare for validation
        for n in base.cfg.label_budgets:
            if n == 0:  # all labels: the run itself
                idx, _ = split_validation(len(ds.x_train), ft.val_fraction, seed) if ft.val_fraction > 0 else (None, None)
                idx = np.arange(len(ds.x_train)) if idx is None else idx
                got = {"accuracy_after_finetune": out["accuracy_after_finetune"],
                       "accuracy_scratch": out.get("accuracy_scratch")}
            else:
                idx = labels.balanced_subset(ds.y_train, n, ds.n_classes, seed)
                rep = idx[labels.repeat_rows(len(idx), seed)]
                x, y = torch.tensor(ds.x_train[rep]), ds.y_train[rep]
                got: dict = {}
                r1, r2, r3 = self._supervised(copy.deepcopy(base), ds, x, y, sub_cfg, got, tag=plan.budget_tag(n))
                stopped = next((r for r in (r1, r2, r3) if r is not None and r.status != "done"), None)
                if stopped is not None:
                    return stopped
                got = {k.removeprefix(plan.budget_tag(n)): v for k, v in got.items()}
            rows[labels.N_KEY].append(int(len(idx)))
            rows[labels.PRETRAINED_KEY].append(got["accuracy_after_finetune"])
            rows[labels.SCRATCH_KEY].append(got.get("accuracy_scratch"))
            rows[labels.LOGREG_KEY].append(labels.logreg_accuracy(ds.x_train[idx], ds.y_train[idx], ds.x_test, ds.y_test))
        out.update(rows)
        out[labels.SECONDS_KEY] = time.perf_counter() - t0
        return None

    @staticmethod
    def _shallow_ae(cfg: StackedConfig, layer: int, width: int, input_dim: int, unit_range: bool,
                   seed: int) -> Autoencoder:
        kind = cfg.kind(layer)
        common = {"latent": width, "hidden": (), "activation": cfg.activation, "code_activation": cfg.activation,
                  "init": cfg.init, "loss": cfg.loss if layer == 0 else ("bce" if unit_range else "mse")}
        if layer > 0:
            # Layer l reconstructs the codes of layer l − 1, so its output unit is that layer's
            # activation — the same unit the unrolled deep decoder uses at this depth.
            common["output"] = cfg.activation
        if kind == "sparse":
            sub = SparseConfig(**common, rho=cfg.rho, beta=cfg.beta,
                               penalty="kl" if cfg.activation == "sigmoid" else "l1")
            cls = SparseAE
        elif kind == "denoising":
            sub, cls = DenoisingConfig(**common, noise=cfg.noise, noise_level=cfg.noise_level), DenoisingAE
        else:
            sub, cls = ModelConfig(**common), Autoencoder
        return reset_parameters(cls(sub, input_dim, unit_range), seed + 1000 * (layer + 1), cfg.init)


def fit(spec: FitSpec, callbacks: list[Callable] | None = None, evaluate: bool = True) -> FitResult:
    """Train ``spec`` in the foreground and return the result (CLI, tests, benchmarks)."""
    return Fit(spec, callbacks, evaluate).run()
