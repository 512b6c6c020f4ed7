"""Learn pages "Basics & PCA", "Sparse" and "Denoising": aecore.labs.basics, sparse_lab, denoising_lab."""

import dataclasses
import io

import numpy as np
import pytest
import torch

from aecore import (
    DataConfig,
    DenoisingConfig,
    FitSpec,
    ModelConfig,
    SparseConfig,
    TrainConfig,
    build_model,
    fit,
)
from aecore.labs import basics, sparse
from aecore.labs import denoising as dn
from aecore.measure.metrics import pca_fit, reconstruct
from aecore.plots import basics as basics_plots
from aecore.plots import denoising as dn_plots
from aecore.plots import sparse as sparse_plots

pytestmark = pytest.mark.usefixtures("one_torch_thread")  # conftest.py; ``digits`` comes from there too


@pytest.fixture(scope="module")
def linear_ae():
    spec = FitSpec(DataConfig("digits"), ModelConfig(latent=4, hidden=(), activation="linear"),
                   TrainConfig(epochs=60, batch_size=32, lr=1e-2, val_fraction=0, seed=0))
    return fit(spec, evaluate=False).model


@pytest.fixture(scope="module")
def kl_run():
    spec = FitSpec(DataConfig("digits"), SparseConfig(latent=32, hidden=(), rho=0.05, beta=3.0),
                   TrainConfig(epochs=15, lr=1e-2, seed=0))
    return fit(spec)


@pytest.fixture(scope="module")
def dae_pair():
    spec = FitSpec(DataConfig("digits"), DenoisingConfig(latent=32, hidden=(64,), noise="gaussian", noise_level=0.3),
                   TrainConfig(epochs=15, lr=3e-3, seed=0))
    return fit(spec, evaluate=False).model, fit(dn.sweep_specs(spec), evaluate=False).model


def toy_dae(name):
    spec = FitSpec(DataConfig(name), DenoisingConfig(latent=8, hidden=(64,), activation="tanh", noise_level=0.3),
                   TrainConfig(epochs=30, lr=3e-3, seed=0))
    r = fit(spec, evaluate=False)
    return r.model, r.dataset


def finite(fig):
    """Every numeric x/y/z of every trace is finite (None/NaN are gap markers and allowed)."""
    for tr in fig.data:
        for key in ("x", "y", "z"):
            v = getattr(tr, key, None)
            if v is None or (len(v) and isinstance(np.ravel(np.asarray(v, dtype=object))[0], str)):
                continue
            a = np.asarray(v, dtype=np.float64)
            assert not np.isinf(a).any() and np.isfinite(a).any(), (tr.type, key)
    return True


# ---- basics_lab ------------------------------------------------------------------------------
def test_linear_ae_spans_pca_subspace_and_rotates_onto_pcs(linear_ae, digits):
    fig = basics_plots.principal_angles_figure(linear_ae, digits)
    angles = np.asarray(fig.data[0].y)
    assert len(angles) == 4 and angles.max() < 10.0, angles
    b = basics.aligned_basis(linear_ae, digits)
    assert b["decoder_cols"].shape == b["rotated"].shape == b["pcs"].shape == (4, 64)
    assert b["cosines"].min() > 0.98, b["cosines"]  # cos 10°
    np.testing.assert_allclose(b["rotated"] @ b["rotated"].T, np.eye(4), atol=1e-5)
    assert np.all(np.sum(b["rotated"] * b["pcs"], 1) > 0)  # signs fixed to agree with the PCs
    assert finite(basics_plots.basis_comparison_figure(b, digits.image_shape))


def test_aligned_basis_undoes_an_arbitrary_mix_of_the_pcs(digits):
    """Decoder = top-k PCs times any invertible matrix: the columns differ, the rotated basis is the PCs."""
    model = build_model(ModelConfig(latent=3, hidden=(), activation="linear"), digits.dim, digits.unit_range)
    _, vt, _ = pca_fit(digits.x_train)
    mix = np.array([[2.0, 1.0, 0.0], [0.5, -1.0, 0.3], [0.0, 0.4, 3.0]])
    with torch.no_grad():
        model.decoder.layers[0].weight.copy_(torch.tensor(vt[:3].T @ mix, dtype=torch.float32))
    b = basics.aligned_basis(model, digits)
    np.testing.assert_allclose(b["rotated"], b["pcs"], atol=1e-4)
    assert np.abs(np.sum(b["decoder_cols"] * b["pcs"], 1) / np.linalg.norm(b["decoder_cols"], axis=1)).min() < 0.9
    with pytest.raises(ValueError, match="linear autoencoder"):
        basics.aligned_basis(build_model(ModelConfig(latent=3, hidden=()), digits.dim), digits)


def test_basis_comparison_figure_shows_bars_for_non_image_data():
    rng = np.random.default_rng(0)
    basis = {"decoder_cols": rng.normal(size=(2, 5)), "rotated": rng.normal(size=(2, 5)),
             "pcs": rng.normal(size=(2, 5)), "cosines": np.array([0.9, 0.8])}
    fig = basics_plots.basis_comparison_figure(basis, None)
    assert [t.type for t in fig.data] == ["bar"] * 6 and finite(fig)
    assert max(np.abs(fig.data[0].y).max(), np.abs(fig.data[1].y).max()) == pytest.approx(1.0)


def test_pca_curve_is_monotone_ends_at_zero_and_holds_the_model(linear_ae, digits):
    model_mse = float(np.mean((reconstruct(linear_ae, digits.x_test) - digits.x_test) ** 2))
    fig = basics_plots.pca_curve_figure(digits, model_mse, k=4)
    curve = np.asarray(fig.data[0].y)
    assert len(curve) == digits.dim and np.all(np.diff(curve) <= 1e-9) and curve[-1] < 1e-4
    assert fig.data[1].y[0] == pytest.approx(curve[3])
    assert fig.data[2].y[0] == pytest.approx(curve[3], rel=0.1)  # the trained linear AE sits on the curve
    with pytest.raises(ValueError, match=r"k \(code size\) must be between 1 and the input size 64; got 65"):
        basics_plots.pca_curve_figure(digits, model_mse, k=65)


def test_reconstruction_error_figure_draws_squared_error(digits):
    x = np.array(digits.x_test[:5])
    x_hat = np.clip(x + 0.1, 0, 1)
    fig = basics_plots.reconstruction_error_figure(x, x_hat, digits.image_shape, n=5)
    images, errors = (np.asarray(t.z, np.float64) for t in fig.data)
    assert images.shape == errors.shape == (3 * 8 + 2, 5 * 8 + 4) and finite(fig)
    np.testing.assert_allclose(errors[18:26, 0:8], ((x[0] - x_hat[0]) ** 2).reshape(8, 8), atol=1e-6)
    assert np.isnan(errors[:17]).all() and np.isnan(images[18:]).all()
    vec = basics_plots.reconstruction_error_figure(x[:, :2], x_hat[:, :2], None, n=3)
    assert len(vec.data) == 3 and np.asarray(vec.data[2].z).shape == (3, 2)
    with pytest.raises(ValueError, match="one shape"):
        basics_plots.reconstruction_error_figure(x, x_hat[:, :3], digits.image_shape)


def test_likelihoods_are_smallest_at_the_target():
    c = basics.likelihood_curves((0.1, 0.5, 0.9), n_points=999)
    for i, t in enumerate(c["targets"]):
        for key in ("gaussian", "bernoulli"):
            assert c["x_hat"][np.argmin(c[key][i])] == pytest.approx(t, abs=2e-3)
        entropy = -(t * np.log(t) + (1 - t) * np.log(1 - t))
        assert c["bernoulli"][i].min() == pytest.approx(entropy, abs=1e-5) and c["gaussian"][i].min() < 1e-6
    fig = basics_plots.likelihood_figure()
    assert len(fig.data) == 6 and finite(fig)
    with pytest.raises(ValueError, match=r"targets must be pixel values in \[0, 1\]"):
        basics.likelihood_curves((1.5,))


# ---- sparse_lab ------------------------------------------------------------------------------
def test_feature_mosaic_normalizes_each_tile_like_display_network():
    w = np.random.default_rng(0).normal(size=(5, 12)) + 3.0
    m = sparse_plots.feature_mosaic(w, (3, 4), pad=1)
    assert m.shape == (2 * 4 - 1, 3 * 5 - 1)  # ⌈√5⌉ = 3 columns, 2 rows of 3×4 tiles
    a = w - w.mean()
    for i in range(5):
        r, c = divmod(i, 3)
        tile = m[r * 4:r * 4 + 3, c * 5:c * 5 + 4]
        assert np.abs(tile).max() == pytest.approx(1.0)
        np.testing.assert_allclose(tile, (a[i] / np.abs(a[i]).max()).reshape(3, 4), atol=1e-6)
    assert np.isnan(m[3]).all() and np.isnan(m[4:, 10:]).all()  # gaps and the empty sixth slot
    from PIL import Image
    img = Image.open(io.BytesIO(sparse_plots.mosaic_png(m, scale=2)))
    assert img.size == (2 * m.shape[1], 2 * m.shape[0]) and img.mode == "L"
    with pytest.raises(ValueError, match="H·W = 12"):
        sparse_plots.feature_mosaic(w, (8, 8))


def test_sparse_live_statistics_and_figures(kl_run, digits):
    s = sparse.sparsity_summary(kl_run.model, digits)
    assert s["n_units"] == 32 and s["rho"] == 0.05 and len(s["rho_hat"]) == 32
    assert abs(s["mean_activation"] - 0.05) < 0.03 and s["kl"] >= 0
    fig = sparse_plots.rho_hat_figure(s["rho_hat"], 0.05)
    np.testing.assert_allclose(fig.data[0].x, s["rho_hat"])
    assert any(sh.x0 == 0.05 for sh in fig.layout.shapes)
    hist = sparse_plots.kl_curve_figure(kl_run.history)
    assert len(hist.data[0].y) == 15 and finite(hist)
    live = sparse_plots.kl_curve_figure([{"epoch": 1, "sparsity": 0.3}, {"epoch": 2, "sparsity": 0.1}])
    assert list(live.data[0].y) == [0.3, 0.1]
    h = sparse.hidden_activations(kl_run.model, digits)
    heat = sparse_plots.activation_heatmap_figure(h, n_samples=20)
    z = np.asarray(heat.data[0].z)
    assert z.shape == (20, 32)
    busy = h.mean(0)[np.asarray(heat.data[0].customdata)[0]]
    assert np.all(np.diff(busy) <= 0)  # units ordered by ρ̂, busiest first
    w = sparse.first_layer_weights(kl_run.model)
    assert w.shape == (32, 64) and finite(sparse_plots.feature_mosaic_figure(w, digits.image_shape))


def test_l1_calibration_brackets_and_matches_kl_activation(kl_run):
    target = kl_run.metrics["mean_activation"]
    beta0 = sparse.l1_beta_estimate(kl_run.model, kl_run.dataset)
    assert beta0 > 0
    specs = sparse.l1_match_specs(kl_run.spec, target, beta0=beta0, n=3, factor=3.0)
    assert [s.model.penalty for s in specs] == ["l1"] * 3
    np.testing.assert_allclose([s.model.beta for s in specs], [beta0 / 3, beta0, beta0 * 3])
    assert all(dataclasses.replace(s.model, penalty="kl", beta=3.0) == kl_run.spec.model for s in specs)
    runs = [fit(s, evaluate=False) for s in specs]  # penalty_comparison computes what it needs
    acts = [sparse.sparsity_summary(r.model, r.dataset, max_rows=None)["mean_activation"] for r in runs]
    assert acts[0] > acts[1] > acts[2], acts  # more L1 pressure, less activity
    best = sparse.closest_run(runs, target)
    assert 0.6 < acts[runs.index(best)] / target < 1.6, (acts, target)
    table = sparse.penalty_comparison({"KL": kl_run, "L1": best})
    assert table["run"] == ["KL", "L1"] and table["penalty"] == ["kl", "l1"]
    assert all(len(v) == 2 for v in table.values())
    assert table["mean_activation"][1] == pytest.approx(acts[runs.index(best)])
    assert all(0 < a <= 1 for a in table["probe_accuracy"]) and all(m > 0 for m in table["test_mse"])


def test_l1_match_specs_rejects_bad_input(kl_run):
    guess = sparse.l1_match_specs(kl_run.spec, 0.08, n=1)[0].model.beta
    assert guess == pytest.approx(3.0 * (0.95 / 0.92 - 0.05 / 0.08))  # β·KL'(ρ̂)
    with pytest.raises(ValueError, match="penalty='kl'"):
        sparse.l1_match_specs(FitSpec(model=ModelConfig()), 0.05)
    with pytest.raises(ValueError, match="kl_mean_activation must lie strictly between 0 and 1"):
        sparse.l1_match_specs(kl_run.spec, 1.5)


# ---- denoising_lab ---------------------------------------------------------------------------
def test_denoise_grid_is_seeded_and_corrupts(dae_pair, digits):
    dae, _ = dae_pair
    clean, noisy, recon = dn.denoise_grid(dae, digits, "salt-pepper", 0.2, n=6, seed=3)
    assert clean.shape == noisy.shape == recon.shape == (6, 64)
    assert all(any(np.array_equal(c, t) for t in digits.x_test) for c in clean)
    hit = noisy != clean
    assert 0.03 < hit.mean() < 0.2 and set(np.unique(noisy[hit])) <= {0.0, 1.0}
    again = dn.denoise_grid(dae, digits, "salt-pepper", 0.2, n=6, seed=3)
    assert np.array_equal(again[1], noisy)
    assert finite(dn_plots.denoise_grid_figure(clean, noisy, recon, digits.image_shape))
    with pytest.raises(ValueError, match="noise_level for gaussian noise must be between 0 and 5"):
        dn.denoise_grid(dae, digits, "gaussian", 7.0)


def test_psnr_sweep_dae_beats_noise_and_wins_at_high_noise(dae_pair, digits):
    dae, plain = dae_pair
    levels = [0.1, 0.2, 0.3, 0.4, 0.5]
    s = dn.psnr_sweep(dae, plain, digits, "gaussian", levels, seed=0)
    assert s["k"] == 32 and s["trained_level"] == 0.3
    i = levels.index(0.3)
    assert s["dae"][i] > s["noisy"][i] + 3.0, s
    assert np.all(np.diff(s["noisy"]) < 0)
    assert s["dae"][-1] > max(s["plain"][-1], s["pca"][-1]), s
    fig = dn_plots.psnr_sweep_figure(s)
    assert len(fig.data) == 4 and all(len(t.y) == 5 for t in fig.data) and finite(fig)
    alone = dn.psnr_sweep(dae, None, digits, "masking", [0.1, 0.5])
    assert alone["plain"] is None and alone["trained_level"] is None and len(dn_plots.psnr_sweep_figure(alone).data) == 3


def test_sweep_specs_plain_ae_same_architecture_and_budget():
    spec = FitSpec(DataConfig("digits"), DenoisingConfig(latent=20, hidden=(64, 32), activation="tanh", loss="bce"),
                   TrainConfig(epochs=7, lr=2e-3))
    plain = dn.sweep_specs(spec)
    assert plain.model.variant == "ae" and plain.data == spec.data and plain.train == spec.train
    assert (plain.model.latent, plain.model.hidden, plain.model.activation, plain.model.loss) == (20, (64, 32), "tanh",
                                                                                                  "bce")
    with pytest.raises(ValueError, match="denoising autoencoder"):
        dn.sweep_specs(plain)


@pytest.mark.parametrize("name", ["moons", "circles"])
def test_denoising_field_points_to_the_data_and_paths_converge(name):
    from scipy.spatial import cKDTree

    model, ds = toy_dae(name)
    X, Y, U, V = dn.vector_field(model, ds, grid=20, margin=0.5)
    assert X.shape == U.shape == (20, 20)
    a = dn.field_alignment(X, Y, U, V, ds.x_train, min_distance=0.3)
    assert a["n_points"] > 20 and a["mean_cosine"] > 0.5, a
    starts = dn.path_starts(ds, n=12, seed=1)
    paths = dn.denoising_paths(model, starts, steps=10)
    assert paths.shape == (12, 11, 2) and np.array_equal(paths[:, 0], starts)
    tree = cKDTree(ds.x_train)
    assert tree.query(paths[:, -1])[0].mean() < 0.5 * tree.query(starts)[0].mean()
    fig = dn_plots.vector_field_figure(X, Y, U, V, data=ds.x_train, noisy=dn.denoise_grid(model, ds, "gaussian", 0.3, 50)[1],
                                 paths=paths)
    arrows = next(t for t in fig.data if t.name.startswith("r(x)"))
    assert len(arrows.x) == 9 * 400  # shaft and two head strokes per grid point, NaN-separated
    assert [t.name for t in fig.data][:2] == ["data", "corrupted"] and finite(fig)


def test_vector_field_needs_2d_data(dae_pair, digits):
    with pytest.raises(ValueError, match="needs 2-D data"):
        dn.vector_field(dae_pair[0], digits)
