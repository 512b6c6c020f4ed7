"""Trainer: determinism, stop flag, NaN guard, live changes, early stopping."""

import threading

import numpy as np
import pytest
import torch

from aecore import (
    DataConfig,
    FitSpec,
    ModelConfig,
    SparseConfig,
    StepEvent,
    TrainConfig,
    Trainer,
    build_model,
    fit,
)
from aecore.training.trainer import EpochEvent


def rows(n=200, d=10, seed=0):
    return np.random.default_rng(seed).uniform(size=(n, d)).astype(np.float32)


def test_same_seed_same_weights_and_curves():
    spec = FitSpec(DataConfig("digits"), ModelConfig(latent=4, hidden=(16,)), TrainConfig(epochs=2, seed=5))
    a, b = fit(spec, evaluate=False), fit(spec, evaluate=False)
    assert [r["train_loss"] for r in a.history] == [r["train_loss"] for r in b.history]
    for p, q in zip(a.model.parameters(), b.model.parameters(), strict=True):
        assert torch.equal(p, q)


def test_same_seed_same_run_under_concurrency():
    """Replays are exact even while another job trains in a parallel thread (private RNGs)."""
    from aecore import DenoisingConfig
    spec = FitSpec(DataConfig("digits"), DenoisingConfig(latent=4, hidden=(16,)), TrainConfig(epochs=2, seed=1))
    ref = fit(spec, evaluate=False)
    out = {}
    threads = [threading.Thread(target=lambda i=i: out.__setitem__(i, fit(spec, evaluate=False))) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for r in out.values():
        assert [h["train_loss"] for h in r.history] == [h["train_loss"] for h in ref.history]


def test_different_seed_differs():
    base = FitSpec(DataConfig("digits"), ModelConfig(latent=4, hidden=(16,)), TrainConfig(epochs=1, seed=0))
    other = FitSpec(base.data, base.model, TrainConfig(epochs=1, seed=1))
    assert fit(base, evaluate=False).history[0]["train_loss"] != fit(other, evaluate=False).history[0]["train_loss"]


def test_events_are_emitted():
    events = []
    model = build_model(ModelConfig(latent=2, hidden=()), 10)
    Trainer(model, rows(), TrainConfig(epochs=2, batch_size=50, val_fraction=0.2), [events.append]).run()
    steps = [e for e in events if isinstance(e, StepEvent)]
    epochs = [e for e in events if isinstance(e, EpochEvent)]
    assert len(steps) == 2 * 4 and len(epochs) == 2  # 160 training rows / 50 → 4 steps per epoch
    assert epochs[-1].val_loss is not None and epochs[-1].step == 8


def test_stop_flag_halts_within_one_step():
    model = build_model(ModelConfig(latent=2, hidden=()), 10)
    trainer = Trainer(model, rows(), TrainConfig(epochs=100, batch_size=10), [])
    seen = []

    def stop_after_three(e):
        if isinstance(e, StepEvent):
            seen.append(e.step)
            if e.step == 3:
                trainer.stop()

    trainer.callbacks.append(stop_after_three)
    result = trainer.run()
    assert result.status == "stopped" and result.steps == 3 and seen == [1, 2, 3]


def test_divergence_keeps_finite_weights_and_names_step_and_lr():
    result = fit(FitSpec(DataConfig("digits"), ModelConfig(activation="linear"), TrainConfig(epochs=20, lr=10.0)))
    assert result.train.status == "diverged"
    assert "step" in result.train.message and "learning rate" in result.train.message
    assert "1 instead of 10" in result.train.message
    assert all(torch.isfinite(p).all() for p in result.model.parameters())
    assert np.isfinite(result.metrics["test_mse"])


def test_nan_guard_skips_the_bad_step():
    model = build_model(ModelConfig(latent=2, hidden=()), 10)
    original = model.objective
    calls = []

    def objective(x, progress=0.0):
        loss, parts = original(x, progress)
        calls.append(1)
        return (loss * float("nan"), parts) if len(calls) == 4 else (loss, parts)

    model.objective = objective
    trainer = Trainer(model, rows(), TrainConfig(epochs=5, batch_size=20, val_fraction=0))
    snapshots = []
    trainer.callbacks.append(lambda e: snapshots.append({k: v.clone() for k, v in model.state_dict().items()})
                             if isinstance(e, StepEvent) else None)
    result = trainer.run()
    assert result.status == "diverged" and result.steps == 3 and "step 4" in result.message
    for k, v in model.state_dict().items():
        assert torch.equal(v, snapshots[-1][k])


def test_live_hyperparameters_change_between_steps():
    model = build_model(SparseConfig(latent=4, hidden=(), rho=0.05), 10)
    trainer = Trainer(model, rows(), TrainConfig(epochs=1, batch_size=20, val_fraction=0))

    def change(e):
        if isinstance(e, StepEvent) and e.step == 2:
            trainer.request(rho=0.2, beta=1.5, lr=0.005)

    trainer.callbacks.append(change)
    trainer.run()
    assert model.rho == 0.2 and model.beta == 1.5
    assert trainer.optimizer.param_groups[0]["lr"] == 0.005


def test_unknown_live_setting_is_refused():
    model = build_model(ModelConfig(latent=2, hidden=()), 10)
    with pytest.raises(ValueError, match="no live setting"):
        model.set_hparams(rho=0.1)


def test_early_stopping_restores_best_weights():
    x = rows(60, 10)
    model = build_model(ModelConfig(latent=40, hidden=(256,)), 10)  # overcomplete: overfits quickly
    result = Trainer(model, x, TrainConfig(epochs=400, batch_size=8, lr=3e-3, patience=5, val_fraction=0.3)).run()
    assert result.status == "early_stopped" and result.epochs < 400
    vals = [r["val_loss"] for r in result.history]
    best = min(vals)
    trainer_eval = Trainer(model, x, TrainConfig(epochs=1, val_fraction=0.3))
    assert trainer_eval.evaluate(trainer_eval.x_val) == pytest.approx(best, rel=1e-5)


def test_weight_decay_skips_biases():
    model = build_model(ModelConfig(latent=2, hidden=()), 10)
    t = Trainer(model, rows(), TrainConfig(epochs=1, weight_decay=0.1))
    groups = t.optimizer.param_groups
    assert groups[0]["weight_decay"] == 0.1 and all(p.dim() == 2 for p in groups[0]["params"])
    assert groups[1]["weight_decay"] == 0.0 and all(p.dim() == 1 for p in groups[1]["params"])


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"epochs": 0}, "epochs"), ({"epochs": -3}, "epochs"), ({"lr": 0}, "lr"), ({"batch_size": 0}, "batch_size"),
    ({"device": "tpu"}, "device"),
])
def test_bad_train_config_names_the_field(kwargs, match):
    with pytest.raises(ValueError, match=match):
        TrainConfig(**kwargs)


def test_cosine_schedule_restarts_on_each_run_call():
    model = build_model(ModelConfig(latent=2, hidden=()), 10)
    trainer = Trainer(model, rows(), TrainConfig(epochs=1, batch_size=20, schedule="cosine", val_fraction=0))
    trainer.run()
    before = {k: v.clone() for k, v in model.state_dict().items()}
    trainer.run()  # a second call must train again, not sit at the end of the first schedule
    assert any(not torch.equal(before[k], v) for k, v in model.state_dict().items())


def test_a_stacked_fit_trains_exactly_the_planned_phases():
    """plan.phases is what Fit runs: the same phase names in order, each for its planned epochs."""
    from aecore import StackedConfig
    from aecore.training import plan

    cfg = StackedConfig(hidden=(12,), latent=6, finetune_epochs=1, label_budgets=(20, 0))
    spec = FitSpec(DataConfig("digits", limit=200), cfg, TrainConfig(epochs=2, seed=1))
    ran: dict[str, int] = {}

    def count(event):
        if isinstance(event, EpochEvent):
            ran[event.phase] = ran.get(event.phase, 0) + 1

    fit(spec, [count], evaluate=False)
    assert list(ran.items()) == [(p.name, p.epochs) for p in plan.phases(spec)]
    assert plan.planned_epochs(spec) == sum(ran.values()) == 2 * 2 + 2 * (1 + 1 + 2)  # 2 layers, 2 supervised runs
    assert plan.planned_epochs(spec, labelled=False) == 4
    assert plan.phases(FitSpec(train=TrainConfig(epochs=3))) == (plan.Phase("train", 3),)
