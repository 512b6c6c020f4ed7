"""The contract every variant meets, parametrized over the registry."""

import dataclasses

import numpy as np
import pytest
import torch

from aecore import VARIANTS, TrainConfig, Trainer, build_model, config_from_dict

D = 12


def small_config(name):
    cls = VARIANTS[name].config_class
    kw = {"latent": 3, "hidden": (8,)}
    if name == "stacked":
        kw["hidden"] = (8, 6)
    return cls(**kw)


def toy_rows(n=40, seed=0):
    return np.random.default_rng(seed).uniform(0.05, 0.95, size=(n, D)).astype(np.float32)


@pytest.mark.parametrize("name", list(VARIANTS))
def test_shapes_and_finite_loss(name):
    model = build_model(small_config(name), D, unit_range=True, seed=0, n_classes=3)
    x = torch.as_tensor(toy_rows(5))
    assert model.encode(x).shape == (5, 3)
    assert model(x).shape == (5, D)
    assert model.decode(torch.zeros(2, 3)).shape == (2, D)
    loss, parts = model.objective(x, 0.0)
    assert loss.ndim == 0 and torch.isfinite(loss)
    assert all(torch.isfinite(v) for v in parts.values())


@pytest.mark.parametrize("name", list(VARIANTS))
def test_gradients_reach_every_parameter(name):
    model = build_model(small_config(name), D, unit_range=True, seed=0, n_classes=3)
    x = torch.as_tensor(toy_rows(16))
    if name == "stacked":  # the softmax head is trained by the supervised objective
        loss, _ = model.objective(x, 0.0, y=torch.arange(16) % 3)
        loss = loss + model.objective(x, 0.0)[0]
    else:
        loss, _ = model.objective(x, 0.0)
    loss.backward()
    for pname, p in model.named_parameters():
        assert p.grad is not None and p.grad.abs().sum() > 0, f"no gradient reaches {pname}"


@pytest.mark.parametrize("name", [n for n in VARIANTS if n != "stacked"])
def test_one_step_changes_every_parameter(name):
    model = build_model(small_config(name), D, unit_range=True, seed=0)
    before = {k: v.clone() for k, v in model.state_dict().items()}
    Trainer(model, toy_rows(32), TrainConfig(epochs=1, batch_size=32, lr=1e-2, val_fraction=0)).run()
    for k, v in model.state_dict().items():
        assert not torch.equal(before[k], v), f"{k} did not change after one step"


@pytest.mark.parametrize("name", ["ae", "sparse", "denoising", "contractive", "vae"])
def test_can_overfit_a_tiny_set(name):
    cfg = dataclasses.replace(small_config(name), latent=6, hidden=(32,))
    if name == "sparse":
        cfg = dataclasses.replace(cfg, beta=0.01)
    if name == "contractive":
        cfg = dataclasses.replace(cfg, lam=1e-4)
    if name == "denoising":
        cfg = dataclasses.replace(cfg, noise_level=0.01)
    if name == "vae":
        cfg = dataclasses.replace(cfg, beta=0.01)
    x = toy_rows(8)
    model = build_model(cfg, D, unit_range=True, seed=0)
    Trainer(model, x, TrainConfig(epochs=1500, batch_size=8, lr=1e-2, val_fraction=0)).run()
    model.eval()
    with torch.no_grad():
        err = float(((model(torch.as_tensor(x)) - torch.as_tensor(x)) ** 2).mean())
    baseline = float(((x - x.mean(0)) ** 2).mean())
    assert err < 0.1 * baseline, f"{name}: MSE {err:.4g} vs predicting the mean {baseline:.4g}"


@pytest.mark.parametrize("name", list(VARIANTS))
def test_config_round_trip(name):
    cfg = small_config(name)
    assert config_from_dict(cfg.to_dict()) == cfg


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"latent": 0}, "latent"),
    ({"latent": 10**9}, "latent"),
    ({"hidden": (-3,)}, "hidden"),
    ({"activation": "swish"}, "activation"),
    ({"loss": "l1"}, "loss"),
])
def test_bad_model_config_names_the_field(kwargs, match):
    with pytest.raises(ValueError, match=match):
        VARIANTS["ae"].config_class(**kwargs)


def test_bce_on_standardized_data_is_refused():
    with pytest.raises(ValueError, match="bce"):
        build_model(VARIANTS["ae"].config_class(loss="bce"), D, unit_range=False)


def test_too_many_parameters_is_refused():
    with pytest.raises(ValueError, match="parameters"):
        build_model(VARIANTS["ae"].config_class(latent=16000, hidden=(16000,)), 784)


def test_unknown_config_key_is_refused():
    with pytest.raises(ValueError, match="unknown setting"):
        config_from_dict({"variant": "ae", "latent": 4, "colour": "red"})


def test_same_seed_same_initial_weights():
    a = build_model(small_config("ae"), D, seed=3)
    b = build_model(small_config("ae"), D, seed=3)
    c = build_model(small_config("ae"), D, seed=4)
    assert all(torch.equal(p, q) for p, q in zip(a.parameters(), b.parameters(), strict=True))
    assert not torch.equal(next(a.parameters()), next(c.parameters()))


@pytest.mark.parametrize("name", list(VARIANTS))
def test_pytorch_init_draws_like_nn_linear(name):
    """init="pytorch": weights and biases uniform in ±1/√fan_in (nn.Linear's default), seeded; glorot: zero biases."""
    cfg = dataclasses.replace(small_config(name), init="pytorch")
    model = build_model(cfg, D, seed=5, n_classes=3 if name == "stacked" else 0)
    again = build_model(cfg, D, seed=5, n_classes=3 if name == "stacked" else 0)
    linears = [m for m in model.modules() if isinstance(m, torch.nn.Linear)]
    assert linears
    for m in linears:
        bound = 1 / m.in_features ** 0.5
        assert m.weight.abs().max() <= bound and m.weight.abs().max() > 0.5 * bound
        assert m.bias.abs().max() <= bound and m.bias.abs().max() > 0
    assert all(torch.equal(p, q) for p, q in zip(model.parameters(), again.parameters(), strict=True))
    glorot = build_model(small_config(name), D, seed=5, n_classes=3 if name == "stacked" else 0)
    assert all(float(m.bias.detach().abs().max()) == 0 for m in glorot.modules() if isinstance(m, torch.nn.Linear))


def test_unknown_init_is_refused():
    with pytest.raises(ValueError, match="init must be one of glorot, pytorch"):
        config_from_dict({"variant": "ae", "init": "xavier"})
