"""Overcomplete codes (``aecore.labs.overcomplete``, ``aecore.plots.overcomplete``, the Basics page's section).

Hand-checked numbers: the norms of known weights, the nudge gain of an exact copy (1) and of a
map that ignores its input (0), the trained rows the trainer fits; then the page trains the three
runs (a shorter recipe) and draws, in English and 中文, figures whose data equal the lab's numbers.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import torch

from aecore.data.registry import DataConfig, load_dataset
from aecore.labs import overcomplete as oc
from aecore.models.base import Autoencoder, ModelConfig
from aecore.plots import overcomplete as oc_plots
from aecore.serving.jobs import manager
from aecore.training.fit import Fit
from aecore.training.trainer import TrainConfig, Trainer
from pages.common import state
from tests.test_app import open_app
from tests.test_pages_learn1 import arr, ok, result_of, titled

JOB_TIMEOUT = 300  # three jobs at once on a shared 2-core machine


def copy_model(d: int, k: int) -> Autoencoder:
    """A linear autoencoder D → k → D that copies exactly: W_enc = [I; 0] (k, D) scaled by 2, W_dec = its pseudo-inverse."""
    m = Autoencoder(ModelConfig(latent=k, hidden=(), activation="linear"), d, unit_range=False)
    with torch.no_grad():
        enc = torch.zeros(k, d)
        enc[:d] = 2 * torch.eye(d)
        m.encoder.layers[0].weight.copy_(enc)
        m.encoder.layers[0].bias.zero_()
        m.decoder.layers[0].weight.copy_(torch.linalg.pinv(enc))
        m.decoder.layers[0].bias.zero_()
    return m


def test_specs_differ_only_in_the_regularizer():
    specs = oc.specs("digits", 64)
    assert list(specs) == list(oc.RUNS)
    plain, early, decay = specs.values()
    assert plain.model == early.model == decay.model and plain.data == early.data == decay.data
    assert (plain.model.latent, plain.model.hidden, plain.model.code_activation) == (256, (), "linear")
    assert plain.data.limit == 200
    assert (plain.train.patience, plain.train.weight_decay) == (0, 0.0)
    assert (early.train.patience, early.train.weight_decay) == (10, 0.0)
    assert (decay.train.patience, decay.train.weight_decay) == (0, 1e-4)
    assert dataclasses.replace(early.train, patience=0) == plain.train
    with pytest.raises(ValueError, match="wider than the input"):
        oc.Recipe(width=1)


def test_weight_norms_and_nudge_gain_by_hand():
    m = copy_model(3, 5)
    enc, dec = oc.weight_norms(m)
    assert enc == pytest.approx(np.sqrt(3 * 4))  # three entries of 2
    assert dec == pytest.approx(np.sqrt(3 * 0.25))  # the pseudo-inverse: three entries of ½
    x = np.random.default_rng(1).uniform(size=(50, 3)).astype(np.float32)
    assert oc.noise_gain(m, x, sigma=0.1) == pytest.approx(1.0, abs=1e-5)  # a copy passes the whole nudge
    with torch.no_grad():
        m.decoder.layers[0].weight.zero_()  # ignores its input: nothing passes
    assert oc.noise_gain(m, x, sigma=0.1) == pytest.approx(0.0, abs=1e-7)
    eps, passed = oc.nudged_examples({"copy": copy_model(3, 5), "deaf": m}, x[:4], sigma=0.1)
    np.testing.assert_allclose(passed["copy"], eps, atol=1e-5)  # a copy gives the whole nudge back
    np.testing.assert_allclose(passed["deaf"], 0, atol=1e-7)
    assert eps.std() == pytest.approx(0.1, rel=0.5)


def test_trained_rows_are_the_rows_the_trainer_fits():
    ds = load_dataset(DataConfig(name="digits", limit=200))
    cfg = TrainConfig(epochs=1, val_fraction=0.2, seed=3)
    rows = oc.trained_rows(ds, cfg)
    trainer = Trainer(Autoencoder(ModelConfig(latent=8), ds.dim), ds.x_train, cfg)
    np.testing.assert_array_equal(trainer.x.numpy(), ds.x_train[rows])
    assert len(rows) == 160


def test_measure_and_summary_on_three_short_runs():
    recipe = dataclasses.replace(oc.Recipe(), epochs=15)
    measured = {}
    for name, spec in oc.specs("digits", 64, recipe).items():
        r = Fit(spec, evaluate=False).run()
        measured[name] = oc.measure(r.model, r.dataset, spec.train, r.train.epochs, recipe.nudge)
        m = measured[name]
        assert m["gap"] == pytest.approx(m["test_mse"] - m["train_mse"])
        assert m["enc_norm"] == pytest.approx(float(r.model.encoder.layers[0].weight.detach().norm()), rel=1e-5)
        assert 0 < m["probe"] <= 1 and m["code_dim"] == 256 and m["planned"] == 15
    s = oc.summary(measured, pixels=0.9)
    assert s["test_change"]["weight decay"] == pytest.approx(
        measured["weight decay"]["test_mse"] / measured["plain"]["test_mse"] - 1)
    assert s["best_test"] == min(oc.RUNS, key=lambda n: measured[n]["test_mse"])
    assert s["probe_gain_over_pixels"] == pytest.approx(max(m["probe"] for m in measured.values()) - 0.9)
    with pytest.raises(ValueError, match="missing"):
        oc.summary({"plain": measured["plain"]}, None)


def test_figures_carry_the_numbers_with_three_significant_digits():
    measured = {"plain": {"train_mse": 0.00104, "test_mse": 0.00331, "ratio": 3.18, "noise_gain": 1.03,
                          "enc_norm": 28.2, "dec_norm": 18.8, "probe": 0.926, "code_dim": 256},
                "weight decay": {"train_mse": 0.00103, "test_mse": 0.00241, "ratio": 2.34, "noise_gain": 0.62,
                                 "enc_norm": 16.1, "dec_norm": 16.4, "probe": 0.924, "code_dim": 256}}
    gap = oc_plots.gap_figure(measured)
    assert gap.data[0].texttemplate == "%{y:.2g}" and list(gap.data[1].y) == [0.00331, 0.00241]
    assert list(gap.data[0].x) == ["plain<br>test 3.2× train", "weight decay<br>test 2.3× train"]
    gain = oc_plots.gain_figure(measured)
    assert list(gain.data[0].y) == [1.03, 0.62] and gain.layout.shapes[0].y0 == 1.0
    norms = oc_plots.norms_figure(measured)
    assert list(norms.data[0].y) == [28.2, 16.1] and list(norms.data[1].y) == [18.8, 16.4]
    probe = oc_plots.probe_figure(measured, 0.915, 64)
    assert list(probe.data[0].x) == [0.915, 0.926, 0.924]
    assert list(probe.data[0].y) == ["raw pixels (64)", "codes: plain (256)", "codes: weight decay (256)"]
    with pytest.raises(ValueError, match="lacks"):
        oc_plots.gap_figure({"plain": {"train_mse": 1.0}})


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_basics_overcomplete_section_trains_three_runs_and_draws_them(monkeypatch, lang):
    monkeypatch.setattr(oc, "PAGE_RECIPE", dataclasses.replace(oc.Recipe(), epochs=6, patience=2))
    at = ok(open_app("pages/basics.py", lang=lang))
    at.button(key="basics.over.go").click().run()
    keys = [f"basics.over.{i}" for i in range(3)]
    specs = [manager().get(at.session_state[state.ACTIVE][k]).spec for k in keys]
    assert [s.train.patience for s in specs] == [0, 2, 0] and [s.train.weight_decay for s in specs] == [0, 0, 1e-4]
    assert {s.model.latent for s in specs} == {256} and {s.data.limit for s in specs} == {200}
    for k in keys:
        assert manager().get(at.session_state[state.ACTIVE][k]).done.wait(JOB_TIMEOUT)
    ok(at.run())
    runs = {name: result_of(at, k) for name, k in zip(oc.RUNS, keys, strict=True)}
    measured = {n: oc.measure(r.model, r.dataset, r.spec.train, r.train.epochs, 0.1) for n, r in runs.items()}
    zh = lang == "zh"
    gap = titled(at, "训练误差与测试误差" if zh else "Train vs test error")
    np.testing.assert_allclose(arr(gap["data"][0]["y"]), [m["train_mse"] for m in measured.values()], rtol=1e-6)
    np.testing.assert_allclose(arr(gap["data"][1]["y"]), [m["test_mse"] for m in measured.values()], rtol=1e-6)
    names = ["普通", "早停", "权重衰减"] if zh else list(oc.RUNS)
    assert [x.split("<br>")[0] for x in gap["data"][0]["x"]] == names
    gain = titled(at, "有多少从输出中穿过" if zh else "How much of a small random nudge")
    np.testing.assert_allclose(arr(gain["data"][0]["y"]), [m["noise_gain"] for m in measured.values()], rtol=1e-5)
    norms = titled(at, "Frobenius")
    np.testing.assert_allclose(arr(norms["data"][1]["y"]), [m["dec_norm"] for m in measured.values()], rtol=1e-6)
    probe = titled(at, "线性探针" if zh else "Linear probe")
    np.testing.assert_allclose(arr(probe["data"][0]["x"]), [oc.pixel_probe(runs["plain"].dataset, 0)]
                               + [m["probe"] for m in measured.values()], rtol=1e-6)
    titled(at, "小随机扰动" if zh else "what comes out of each run")
    text = " ".join(m.value for m in at.markdown)
    ratio = measured["plain"]["ratio"]
    assert (f"{ratio:.1f} 倍" if zh else f"{ratio:.1f}×") in text
    assert ("测试误差最低的是" if zh else "Lowest test error") in text
    if zh:
        assert "plain" not in text and "weight decay" not in text
