"""Tests of the Learn-page labs: contractive_lab, vae_lab and stacked_lab.

Closed-form checks where the answer is known by hand (linear maps, slerp geometry, prior
quantiles), and small trained models (a few epochs on digits) for the rest.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest
import torch
from scipy.stats import norm

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from anywhere, not only the repo root

from aecore import (
    ContractiveConfig,
    DataConfig,
    FitSpec,
    ModelConfig,
    StackedConfig,
    TrainConfig,
    VAEConfig,
    build_model,
    fit,
    load_dataset,
)
from aecore.labs import contractive as cl  # noqa: E402
from aecore.labs import stacked as sl  # noqa: E402
from aecore.labs import vae as vl  # noqa: E402
from aecore.measure.metrics import encode  # noqa: E402
from aecore.plots import contractive as cp
from aecore.plots import stacked as sp
from aecore.plots import vae as vp

pytestmark = [pytest.mark.filterwarnings("ignore:The given NumPy array is not writable"),
              pytest.mark.usefixtures("one_torch_thread")]  # conftest.py; ``digits`` comes from there too


# ---- fixtures: tiny trained models ---------------------------------------------------------
@pytest.fixture(scope="module")
def moons():
    return load_dataset(DataConfig(name="moons"))


@pytest.fixture(scope="module")
def vae():
    return fit(FitSpec(DataConfig(), VAEConfig(latent=2, hidden=(64,)), TrainConfig(epochs=4)), evaluate=False)


@pytest.fixture(scope="module")
def trio():
    """A plain AE and a CAE with a large λ, same size, data, budget and seed (from trio_specs)."""
    cae = FitSpec(DataConfig(), ContractiveConfig(latent=16, hidden=(), lam=5.0), TrainConfig(epochs=6))
    specs = cl.trio_specs(cae)
    return {k: fit(specs[k], evaluate=False).model for k in ("ae", "contractive")}


@pytest.fixture(scope="module")
def stacked():
    cfg = StackedConfig(hidden=(32,), latent=16, finetune_epochs=2)
    return fit(FitSpec(DataConfig(), cfg, TrainConfig(epochs=3, batch_size=128, lr=3e-3)), evaluate=False)


# ---- interpolation -------------------------------------------------------------------------
def test_linear_interpolation_endpoints_exact_and_evenly_spaced():
    rng = np.random.default_rng(0)
    z0, z1 = rng.standard_normal(5), rng.standard_normal(5)
    path = vl.interpolate(z0, z1, 7, "linear")
    assert path.shape == (7, 5)
    assert np.array_equal(path[0], z0) and np.array_equal(path[-1], z1)
    np.testing.assert_allclose(np.diff(path, axis=0), np.tile((z1 - z0) / 6, (6, 1)), atol=1e-12)


def test_slerp_keeps_norm_of_equal_norm_endpoints_with_equal_angle_steps():
    rng = np.random.default_rng(1)
    z0, z1 = rng.standard_normal(8), rng.standard_normal(8)
    z1 *= np.linalg.norm(z0) / np.linalg.norm(z1)
    path = vl.interpolate(z0, z1, 11, "slerp")
    assert np.array_equal(path[0], z0) and np.array_equal(path[-1], z1)
    np.testing.assert_allclose(np.linalg.norm(path, axis=1), np.linalg.norm(z0), rtol=1e-12)
    unit = path / np.linalg.norm(path, axis=1, keepdims=True)
    steps = np.arccos(np.clip((unit[:-1] * unit[1:]).sum(1), -1, 1))
    np.testing.assert_allclose(steps, steps[0], rtol=1e-6)
    # the path stays in the plane of z0 and z1
    basis = np.linalg.qr(np.stack([z0, z1], 1))[0]
    np.testing.assert_allclose(path - path @ basis @ basis.T, 0, atol=1e-12)


@pytest.mark.parametrize("delta", [0.0, 1e-12, 1e-7])
def test_slerp_of_near_parallel_codes_is_finite_and_linear(delta):
    z0 = np.array([1.0, 2.0, -0.5])
    z1 = z0 * 1.3 + delta * np.array([0.0, 1.0, 0.0])
    path = vl.interpolate(z0, z1, 5, "slerp")
    assert np.all(np.isfinite(path))
    np.testing.assert_allclose(path, vl.interpolate(z0, z1, 5, "linear"), atol=1e-6)
    assert np.array_equal(path[-1], z1)


def test_interpolate_errors_name_the_parameter():
    with pytest.raises(ValueError, match="opposite directions"):
        vl.interpolate(np.array([1.0, 0.0]), np.array([-2.0, 0.0]), 5, "slerp")
    with pytest.raises(ValueError, match="method must be 'linear' or 'slerp'; got 'cubic'"):
        vl.interpolate(np.zeros(2), np.ones(2), 5, "cubic")
    with pytest.raises(ValueError, match="steps must be between 2 and 200"):
        vl.interpolate(np.zeros(2), np.ones(2), 1)
    with pytest.raises(ValueError, match="same length"):
        vl.interpolate(np.zeros(2), np.ones(3))


# ---- VAE -----------------------------------------------------------------------------------
def test_manifold_codes_are_prior_quantiles():
    z = vl.manifold_codes(5, 3)
    q = norm.ppf(np.linspace(0.05, 0.95, 5))
    np.testing.assert_allclose(z[0, :, 0], q)  # z1 grows to the right
    np.testing.assert_allclose(z[:, 0, 1], q[::-1])  # z2 grows upwards (row 0 is the top)
    assert np.all(z[..., 2] == 0)
    with pytest.raises(ValueError, match="at least 2 dimensions"):
        vl.manifold_codes(5, 1)


def test_manifold_grid_tile_is_the_decoder_at_that_quantile(vae, digits):
    model, n = vae.model, 6
    grid = vp.manifold_grid(model, n, digits.image_shape)
    assert grid.shape == (n * 8, n * 8)
    q = norm.ppf(np.linspace(0.05, 0.95, n))
    i, j = 1, 4
    with torch.no_grad():
        tile = model.decode(torch.tensor([[q[j], q[n - 1 - i]]], dtype=torch.float32)).numpy().reshape(8, 8)
    np.testing.assert_allclose(grid[i * 8:(i + 1) * 8, j * 8:(j + 1) * 8], tile, atol=1e-6)
    with pytest.raises(ValueError, match="image_shape"):
        vp.manifold_grid(model, n, (7, 7))


def test_interpolation_strip_ends_at_the_decoded_posterior_means(vae, digits):
    model = vae.model
    x0, x1 = digits.x_test[0], digits.x_test[5]
    strip = vl.interpolation_strip(model, x0, x1, 6, "slerp")
    assert strip.shape == (6, 64)
    with torch.no_grad():
        ends = model.decode(model.encode(torch.tensor(np.stack([x0, x1])))).numpy()
    np.testing.assert_allclose(strip[[0, -1]], ends, atol=1e-5)


def test_prior_samples_and_pairs_are_seeded(vae):
    model = vae.model
    a, b = vl.prior_samples(model, 7, seed=3), vl.prior_samples(model, 7, seed=3)
    assert a.shape == (7, 64) and np.array_equal(a, b)
    assert not np.array_equal(a, vl.prior_samples(model, 7, seed=4))
    z0, z1 = vl.prior_pair(model, 5)
    assert z0.shape == (2,) and np.array_equal(z0, vl.prior_pair(model, 5)[0]) and not np.array_equal(z0, z1)
    assert vl.code_strip(model, z0, z1, 4).shape == (4, 64)


def test_likelihood_summary_iw_bound_is_at_least_as_tight_as_the_elbo(vae, digits):
    s = vl.likelihood_summary(vae.model, digits, k=50, n_rows=200)
    assert s["k"] == 50 and s["n_rows"] == 200
    assert s["iw_nll"] <= s["neg_elbo"] + 0.05  # log-mean-exp ≥ mean-log, up to sampling noise
    assert s["neg_elbo"] == pytest.approx(s["recon"] + s["kl"])
    assert s["kl"] == pytest.approx(float(np.sum(s["kl_per_dim"])), rel=1e-6)


def test_posterior_collapse_splits_by_threshold():
    out = vl.posterior_collapse(np.array([0.5, 0.001, 0.02, 0.0]), threshold=0.01)
    assert out["active"] == [0, 2] and out["collapsed"] == [1, 3]
    assert "2 of 4" in out["message"]
    assert "All 2 latent dimensions carry" in vl.posterior_collapse([1.0, 2.0])["message"]
    assert "All 2 latent dimensions collapsed" in vl.posterior_collapse([0.0, 0.0])["message"]
    with pytest.raises(ValueError, match="threshold must be a positive"):
        vl.posterior_collapse([1.0], threshold=0)


def test_latent_scatter_customdata_is_the_test_row(vae, digits):
    z = encode(vae.model, digits.x_test)
    fig = vp.latent_scatter_figure(z, digits.y_test, digits.class_names)
    seen = np.concatenate([np.asarray(t.customdata) for t in fig.data])
    assert sorted(seen) == list(range(len(z)))
    for t in fig.data:
        rows = np.asarray(t.customdata)
        np.testing.assert_allclose(np.c_[t.x, t.y], z[rows, :2], atol=1e-6)
        assert set(digits.y_test[rows]) == {digits.class_names.index(t.name)}
    with pytest.raises(ValueError, match="k ≥ 2"):
        vp.latent_scatter_figure(z[:, :1], digits.y_test)


def test_vae_figures_build(vae, digits):
    assert len(vp.elbo_curve_figure(vae.history).data) == 3
    kl = vl.likelihood_summary(vae.model, digits, k=2, n_rows=50)["kl_per_dim"]
    assert isinstance(vp.kl_per_dim_figure(kl), go.Figure)
    assert isinstance(vp.manifold_figure(vp.manifold_grid(vae.model, 4, (8, 8)), 4), go.Figure)
    assert "held at 0" in vp.manifold_figure(np.zeros((32, 32)), 4, latent=5).layout.annotations[0].text
    assert isinstance(vp.strips_figure({"a": vl.prior_samples(vae.model, 3)}, (8, 8)), go.Figure)
    with pytest.raises(ValueError, match="no VAE terms"):
        vp.elbo_curve_figure([{"epoch": 1, "train_loss": 1.0}])


# ---- contractive ---------------------------------------------------------------------------
def test_trio_specs_differ_only_in_the_objective():
    cae = FitSpec(DataConfig(name="moons"), ContractiveConfig(latent=3, hidden=(16,), lam=0.5),
                  TrainConfig(epochs=2, seed=7))
    specs = cl.trio_specs(cae, noise_level=0.2)
    assert list(specs) == ["ae", "denoising", "contractive"] and specs["contractive"] is cae
    for name, s in specs.items():
        assert s.model.variant == name and s.data == cae.data and s.train == cae.train
        for f in ("latent", "hidden", "activation", "code_activation", "output", "loss"):
            assert getattr(s.model, f) == getattr(cae.model, f)
    assert specs["denoising"].model.noise_level == 0.2
    with pytest.raises(ValueError, match="ContractiveConfig"):
        cl.trio_specs(dataclasses.replace(cae, model=ModelConfig()))


def _rotation(angle: float) -> np.ndarray:
    return np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])


def test_linear_encoder_jacobian_singular_values_are_the_weights(digits):
    # Hand-computable: W = R(0.3) diag(3, 1) R(1.1)ᵀ has singular values 3 and 1 and right singular
    # vectors the columns of R(1.1).
    model = build_model(ModelConfig(latent=2, hidden=(), activation="linear"), 2, unit_range=False)
    with torch.no_grad():
        model.encoder.layers[0].weight.copy_(torch.tensor(_rotation(0.3) @ np.diag([3.0, 1.0]) @ _rotation(1.1).T))
    s, v = cl.singular_directions(model, np.array([0.4, -2.0]), top=2)
    np.testing.assert_allclose(s, [3.0, 1.0], atol=1e-6)
    np.testing.assert_allclose(np.abs(v @ _rotation(1.1)), np.eye(2), atol=1e-6)
    # A deep linear encoder: J = W2 W1 everywhere.
    deep = build_model(ModelConfig(latent=5, hidden=(12,), activation="linear"), 64, seed=3)
    w = (deep.encoder.layers[1].weight @ deep.encoder.layers[0].weight).detach().double().numpy()
    spectra = cl.singular_spectra({"deep": deep}, digits, [0, 9, 33])["deep"]
    np.testing.assert_allclose(spectra, np.tile(np.linalg.svd(w, compute_uv=False), (3, 1)), rtol=1e-5)


def test_cae_with_large_lambda_contracts_more_than_a_plain_ae(trio, digits):
    norms = cl.jacobian_norms(trio, digits, n=200)
    assert norms["ae"].shape == (200,)
    assert norms["contractive"].mean() < 0.7 * norms["ae"].mean()


def test_robustness_curve_grows_with_eps_and_is_linear_for_small_eps(trio, digits):
    eps = np.array([0.0, 1e-3, 2e-3, 4e-3, 8e-3, 0.5, 2.0])
    curve = cl.robustness_curve(trio, digits, eps, n=100, seed=0)
    for name in trio:
        mean = curve["mean"][name]
        assert mean[0] == 0 and np.all(np.diff(mean) > 0)
        gain = mean[1:5] / eps[1:5]
        np.testing.assert_allclose(gain, gain[0], rtol=0.02)
        # E‖Ju‖ ≤ √E‖Ju‖² = ‖J‖_F/√D for u uniform on the sphere
        assert 0.3 * curve["slope"][name] < gain[0] <= 1.05 * curve["slope"][name]
    assert curve["mean"]["contractive"][1] < curve["mean"]["ae"][1]
    with pytest.raises(ValueError, match="eps_norms"):
        cl.robustness_curve(trio, digits, [-1.0])


def test_circles_through_a_linear_model_are_exact_ellipses(moons):
    model = build_model(ModelConfig(latent=2, hidden=(), activation="linear"), 2, unit_range=False, seed=4)
    we, be = model.encoder.layers[0].weight.detach().double().numpy(), model.encoder.layers[0].bias.detach().double().numpy()
    wd, bd = model.decoder.layers[0].weight.detach().double().numpy(), model.decoder.layers[0].bias.detach().double().numpy()
    a, b = wd @ we, wd @ be + bd  # r(x) = A x + b
    centers, rho = moons.x_test[:3], 0.2
    circles, mapped = cl.circle_images(model, centers, rho, 360)
    assert circles.shape == mapped.shape == (3, 360, 2)
    np.testing.assert_allclose(np.linalg.norm(circles - centers[:, None], axis=2), rho, rtol=1e-6)
    np.testing.assert_allclose(mapped, circles @ a.T + b, atol=1e-5)
    # every image point d = r(x) − r(c) satisfies dᵀ (A Aᵀ)⁻¹ d = ρ²: an ellipse with semi-axes ρ·sᵢ(A)
    d = mapped - (centers @ a.T + b)[:, None]
    np.testing.assert_allclose(np.einsum("mni,ij,mnj->mn", d, np.linalg.inv(a @ a.T), d), rho ** 2, rtol=1e-3)
    s = np.linalg.svd(a, compute_uv=False)
    np.testing.assert_allclose(np.linalg.norm(d, axis=2).max(1), rho * s[0], rtol=1e-3)
    assert isinstance(cp.circle_figure(moons.x_test, circles, mapped), go.Figure)
    with pytest.raises(ValueError, match="2-D toy"):
        cl.circle_images(build_model(ModelConfig(latent=2), 64), np.zeros((1, 2)), 0.1)


def test_contractive_figures_build(trio, digits):
    norms = cl.jacobian_norms(trio, digits, n=50)
    assert len(cp.jacobian_histogram_figure(norms).data) == 2
    spectra = cl.singular_spectra(trio, digits, [0, 1])
    assert spectra["ae"].shape == (2, 16)
    assert isinstance(cp.singular_spectrum_figure(spectra), go.Figure)
    dirs = {k: cl.singular_directions(m, digits.x_test[0], 3)[1] for k, m in trio.items()}
    np.testing.assert_allclose(np.linalg.norm(dirs["ae"], axis=1), 1, rtol=1e-6)
    assert isinstance(cp.singular_directions_figure(dirs, digits.image_shape), go.Figure)
    assert isinstance(cp.robustness_figure(cl.robustness_curve(trio, digits, [0, 0.1], n=20)), go.Figure)
    with pytest.raises(ValueError, match="top must be between 1 and 16"):
        cl.singular_directions(trio["ae"], digits.x_test[0], 17)


# ---- stacked -------------------------------------------------------------------------------
def test_confusion_matrix_counts_and_matches_finetuned_accuracy(stacked, digits):
    cm = sl.confusion_matrix(stacked.model, digits)
    assert cm.shape == (10, 10)
    np.testing.assert_array_equal(cm.sum(1), np.bincount(digits.y_test, minlength=10))
    assert cm.trace() / cm.sum() == pytest.approx(stacked.metrics["accuracy_after_finetune"], abs=1e-6)
    assert isinstance(sp.confusion_figure(cm, digits.class_names), go.Figure)


def test_top_activating_images_are_means_of_real_test_images(stacked, digits):
    model, layer = stacked.model, 2
    units = sl.pick_units(model, digits, layer, 4)
    with torch.no_grad():
        h = model.layer_codes(torch.tensor(digits.x_test), layer).numpy()
    assert np.all(np.diff(h.var(0)[units]) <= 0)  # most varying units first
    one = sl.top_activating_images(model, digits, layer, units, k=1)
    np.testing.assert_array_equal(one, digits.x_test[h[:, units].argmax(0)])
    five = sl.top_activating_images(model, digits, layer, units, k=5)
    for row, u in zip(five, units, strict=True):
        np.testing.assert_allclose(row, digits.x_test[np.argsort(-h[:, u])[:5]].mean(0), atol=1e-6)


def test_local_units_are_those_of_smallest_receptive_spread(stacked, digits):
    units, spread = sl.local_units(stacked.model, digits, 2, 5)
    every = sl.receptive_spread(sl.layer_features(stacked.model, digits, 2, units=np.arange(16)), digits.image_shape)
    np.testing.assert_allclose(spread, every)
    assert list(units) == list(np.argsort(every, kind="stable")[:5]) and np.all(np.diff(spread[units]) >= 0)
    pics = sl.layer_pictures(stacked.model, digits, 2, 5)
    assert list(pics["units"]) == list(units) and pics["spread"].shape == (16,)
    with pytest.raises(ValueError, match="n_units must be between 1 and 16"):
        sl.local_units(stacked.model, digits, 2, 17)


def test_receptive_spread_of_a_point_a_pair_and_a_ring():
    w = np.zeros((3, 9, 9))
    w[0, 4, 4] = 1.0  # one pixel: no spread
    w[1, 4, 1] = w[1, 4, 7] = -2.0  # two pixels 6 px apart, equal energy: 3 px from their centre
    yy, xx = np.mgrid[0:9, 0:9]
    w[2][np.isclose(np.hypot(yy - 4, xx - 4), 4)] = 0.5  # the four pixels at distance 4
    np.testing.assert_allclose(sl.receptive_spread(w.reshape(3, 81), (9, 9)), [0.0, 3.0, 4.0])


def test_fine_tuning_with_lbfgs_and_weight_decay_leaves_the_decoders_as_pretrained():
    """The decoders are off the supervised path: L-BFGS adds the weight decay to the loss, and before
    they were frozen it shrank them towards 0 in the supervised phases (grey reconstructions)."""
    def run(finetune_epochs):
        cfg = StackedConfig(hidden=(24,), latent=8, finetune_epochs=finetune_epochs)
        train = TrainConfig(epochs=2, optimizer="lbfgs", lr=1.0, weight_decay=1e-2)
        return fit(FitSpec(DataConfig(limit=300), cfg, train), evaluate=False).model

    pretrained_only, finetuned = run(0), run(3)
    for a, b in zip(pretrained_only.decoder.parameters(), finetuned.decoder.parameters(), strict=True):
        torch.testing.assert_close(a, b, rtol=0, atol=0)
    assert all(p.requires_grad for p in finetuned.decoder.parameters())  # trainable again afterwards
    assert not torch.equal(pretrained_only.encoder.layers[0].weight, finetuned.encoder.layers[0].weight)


def test_layer_features_project_weights_through_the_layers_below(stacked, digits):
    enc = stacked.model.encoder
    w1, w2 = (enc.layers[i].weight.detach().double().numpy() for i in (0, 1))
    np.testing.assert_allclose(sl.layer_features(stacked.model, digits, 1, units=[0, 5]), w1[[0, 5]], rtol=1e-6)
    f2 = sl.layer_features(stacked.model, digits, 2, n_units=3)
    units = sl.pick_units(stacked.model, digits, 2, 3)
    np.testing.assert_allclose(f2, (w2 @ w1)[units], rtol=1e-5, atol=1e-7)
    fig = sp.layer_features_figure({"weights": f2, "top": sl.top_activating_images(stacked.model, digits, 2, units)},
                                   digits.image_shape)
    assert isinstance(fig, go.Figure)
    with pytest.raises(ValueError, match="layer must be between 1 and 2"):
        sl.layer_features(stacked.model, digits, 3)


def test_stacked_curves_and_accuracy_bars(stacked):
    fig = sp.pretraining_curves_figure(stacked.history)
    assert [t.name for t in fig.data if t.showlegend is not False] == ["layer 1", "layer 2"]
    # one panel per layer, each with its own y scale (pixels and codes differ by orders of magnitude)
    assert [t.yaxis for t in fig.data if t.showlegend is not False] == ["y", "y2"]
    assert fig.layout.yaxis2.matches is None and [a.text for a in fig.layout.annotations] == ["layer 1", "layer 2"]
    hbars = sp.accuracy_bars_figure(stacked.metrics, horizontal=True)
    assert [a.text for a in hbars.layout.annotations] == [sp.ACCURACIES[k] for k in sp.ACCURACIES]
    assert len(sp.finetune_curves_figure(stacked.history).data) == 6
    bars = sp.accuracy_bars_figure(stacked.metrics).data[0]
    assert list(bars.y) == [stacked.metrics[k] for k in sp.ACCURACIES]
    with pytest.raises(ValueError, match="no accuracy"):
        sp.accuracy_bars_figure({"test_mse": 0.1})


def test_stacked_keeps_the_pretrained_encoder_for_its_pictures():
    """pretrained_view() is the encoder greedy pretraining left: the same as a run that never fine-tunes."""
    from aecore import DataConfig, FitSpec, TrainConfig, fit
    from aecore.models.stacked import StackedConfig

    def run(finetune_epochs):
        cfg = StackedConfig(hidden=(16,), latent=8, finetune_epochs=finetune_epochs)
        return fit(FitSpec(DataConfig("digits", limit=300), cfg, TrainConfig(epochs=2, lr=0.01, seed=3))).model

    tuned, untuned = run(2), run(0)
    view = tuned.pretrained_view()
    for a, b, c in zip(view.encoder.parameters(), untuned.encoder.parameters(), tuned.encoder.parameters(), strict=True):
        assert torch.equal(a, b)  # the pretrained weights, bit for bit
        assert not torch.equal(a, c)  # fine-tuning moved the live ones
    from aecore.models.registry import build_model

    assert build_model(StackedConfig(hidden=(16,), latent=8), 64, n_classes=10).pretrained_view() is None


def test_receptive_spread_by_hand():
    """RMS distance (px) of the weight energy from its centre."""
    dot = np.zeros((1, 25))
    dot[0, 12] = -3.0  # one pixel: no spread, whatever its sign
    pair = np.zeros((1, 25))
    pair[0, [10, 14]] = 1.0  # (2, 0) and (2, 4): centre (2, 2), each 2 px away
    square = np.zeros((1, 25))
    square[0, [0, 4, 20, 24]] = 2.0  # the four corners: each √8 px from the centre
    got = sl.receptive_spread(np.concatenate([dot, pair, square]), (5, 5))
    np.testing.assert_allclose(got, [0.0, 2.0, np.sqrt(8)], atol=1e-12)


def test_balanced_subset_is_balanced_seeded_and_nested():
    from aecore.measure import labels

    y = np.repeat(np.arange(4), [10, 6, 8, 12])
    small, big = (labels.balanced_subset(y, n, 4, seed=5) for n in (6, 14))
    assert sorted(np.bincount(y[small], minlength=4)) == [1, 1, 2, 2]  # 6 = 4·1 + 2
    assert sorted(np.bincount(y[big], minlength=4)) == [3, 3, 4, 4]
    assert set(small) <= set(big) and len(set(big)) == 14  # nested, no repeats
    np.testing.assert_array_equal(small, labels.balanced_subset(y, 6, 4, seed=5))
    with pytest.raises(ValueError, match="at least 4"):
        labels.balanced_subset(y, 3, 4, seed=0)
    with pytest.raises(ValueError, match="needs 7 examples of class 1"):
        labels.balanced_subset(y, 28, 4, seed=0)
    reps = labels.repeat_rows(20, seed=0, rows=50)
    assert len(reps) == 60 and np.all(np.bincount(reps) == 3)


def test_label_budgets_are_metrics_that_survive_saving(tmp_path):
    from aecore import DataConfig, FitSpec, TrainConfig, fit
    from aecore.measure import labels
    from aecore.models.stacked import StackedConfig
    from aecore.serving.jobs import planned_epochs
    from aecore.store.runs import load_run, save_run

    cfg = StackedConfig(hidden=(16,), latent=8, finetune_epochs=1, label_budgets=(20, 0))
    spec = FitSpec(DataConfig("digits", limit=300), cfg, TrainConfig(epochs=1, lr=0.01, seed=2))
    r = fit(spec, evaluate=False)
    rows = labels.budget_table(r.metrics)
    assert [row["n"] for row in rows] == [20, 270]  # 0 = the rows the run's trainer used (10 % validation)
    assert rows[1]["pretrained"] == r.metrics["accuracy_after_finetune"]
    assert rows[1]["scratch"] == r.metrics["accuracy_scratch"]
    assert all(0 <= row[k] <= 1 for row in rows for k in ("pretrained", "scratch", "logreg"))
    assert {h["phase"] for h in r.history}.isdisjoint({"labels 20: finetune"})  # budget runs stay out of the curves
    assert planned_epochs(spec) == 2 + 4 * 1 * 2
    assert labels.budget_table(load_run(save_run(r, path=tmp_path / "run")).metrics) == rows
    with pytest.raises(ValueError, match="finetune_epochs"):
        StackedConfig(finetune_epochs=0, label_budgets=(20,))


def _table(pre, scr, lr, ns=(20, 50, 1000)):
    return [{"n": n, "pretrained": p, "scratch": s, "logreg": g} for n, p, s, g in zip(ns, pre, scr, lr, strict=True)]


def test_label_summary_means_sds_and_where_pretraining_helps():
    from aecore.measure import labels

    tables = [_table((0.80, 0.90, 0.970), (0.70, 0.85, 0.965), (0.75, 0.88, 0.96)),
              _table((0.78, 0.85, 0.960), (0.66, 0.86, 0.962), (0.71, 0.86, 0.95))]
    rows = labels.summarize(tables, budgets=(20, 50, 0))
    assert [r["n"] for r in rows] == [20, 50, 1000] and [r["all"] for r in rows] == [False, False, True]
    assert rows[0]["pretrained_mean"] == pytest.approx(0.79) and rows[0]["pretrained_sd"] == pytest.approx(np.std([.8, .78], ddof=1))
    assert rows[0]["gap_mean"] == pytest.approx(0.11)
    # helps: ahead on every seed and by ≥ 1 point on average; at 50 seed 2 is behind, at 1000 one seed is behind
    assert [r["helps"] for r in rows] == [True, False, False]
    v = labels.verdict(rows)
    assert (v["case"], v["helps_upto"], v["seeds"]) == ("few", 20, 2)
    assert v["logreg_first"] == pytest.approx(0.79 - 0.73)
    everywhere = labels.summarize([_table((0.9, 0.95, 0.99), (0.8, 0.9, 0.9), (0.85, 0.9, 0.9))])
    assert labels.verdict(everywhere)["case"] == "everywhere" and everywhere[0]["pretrained_sd"] == 0.0
    nowhere = labels.summarize([_table((0.8, 0.9, 0.95), (0.8, 0.95, 0.96), (0.8, 0.9, 0.9))])
    assert labels.verdict(nowhere)["case"] == "nowhere"
    mixed = labels.summarize([_table((0.8, 0.95, 0.95), (0.8, 0.9, 0.96), (0.8, 0.9, 0.9))])
    assert (labels.verdict(mixed)["case"], labels.verdict(mixed)["helps_upto"]) == ("mixed", None)
    with pytest.raises(ValueError, match="one budget table per seed"):
        labels.summarize([tables[0], tables[1][:2]])


def test_budget_specs_drop_budgets_the_data_cannot_hold_and_vary_only_the_seed():
    from aecore.measure import labels

    spec = FitSpec(DataConfig("shapes"), StackedConfig(finetune_epochs=2), TrainConfig(epochs=3, seed=5))
    specs = labels.budget_specs(spec, 3, (2, 20, 50, 100, 500, 0), n_train=300, n_classes=5)
    assert [s.train.seed for s in specs] == [5, 6, 7]
    assert all(s.model.label_budgets == (20, 50, 100, 0) for s in specs)
    assert all(dataclasses.replace(s, train=dataclasses.replace(s.train, seed=5)).data == spec.data for s in specs)
    assert specs[1].train.epochs == 3 and specs[1].model.finetune_epochs == 2


def test_label_budget_figure_draws_the_summary_with_error_bars_on_a_log_axis():
    from aecore.measure import labels

    tables = [_table((0.80, 0.90, 0.97), (0.70, 0.85, 0.96), (0.75, 0.88, 0.96), ns=(20, 100, 1293)),
              _table((0.78, 0.88, 0.96), (0.66, 0.86, 0.95), (0.71, 0.86, 0.95), ns=(20, 100, 1293))]
    rows = labels.summarize(tables, budgets=(20, 100, 0))
    fig = sp.label_budget_figure(rows, "accuracy")
    assert [tr.name for tr in fig.data] == ["pretrained + fine-tuned", "same network from scratch",
                                            "pixels + logistic regression"]
    assert fig.layout.xaxis.type == "log" and list(fig.data[0].x) == [20, 100, 1293]
    np.testing.assert_allclose(fig.data[1].y, [r["scratch_mean"] for r in rows])
    np.testing.assert_allclose(fig.data[0].error_y.array, [r["pretrained_sd"] for r in rows])
    assert list(fig.layout.xaxis.ticktext)[-1] == "all (1293)" and list(fig.layout.xaxis.tickvals)[-1] == 1293
    assert {"20", "50", "100", "200", "500"} <= set(fig.layout.xaxis.ticktext)  # 1-2-5 ticks, read as values
    one_seed = sp.label_budget_figure(labels.summarize(tables[:1]))
    assert one_seed.data[0].error_y.array is None  # no error bars from a single seed
