"""AppTest of the Basics & PCA, Sparse and Denoising pages: each trains tiny jobs and draws its figures.

Checks look at the data inside the figures (compared with ``aecore`` computed independently),
not only at the absence of exceptions. The live pass-through of ρ/β/noise level/lr is tested
here too (``pages.common.live.live_changes`` / ``send_live_changes``).
"""

from __future__ import annotations

import base64
import dataclasses
import json

import numpy as np
import pytest

from aecore import DataConfig, DenoisingConfig, FitSpec, ModelConfig, SparseConfig, TrainConfig
from aecore.cli import main as cli
from aecore.labs import denoising as denoising_lab
from aecore.labs import sparse as sparse_lab
from aecore.measure.metrics import principal_angles_deg, reconstruct
from aecore.plots import sparse as sparse_plots
from aecore.plots.common import plain_title
from aecore.serving.jobs import manager
from aecore.store import runs as runstore
from pages.common import live, state
from pages.common.i18n import TABLE
from pages.common.views import format_metric
from tests.test_app import TIMEOUT, charts, open_app, train_tiny, wait_for_job


def titled(at, text: str) -> dict:
    """The one figure whose title contains ``text``."""
    found = [c for c in charts(at) if text in plain_title((c["layout"].get("title") or {}).get("text"))]
    assert len(found) == 1, [(c["layout"].get("title") or {}).get("text") for c in charts(at)]
    return found[0]


def arr(v) -> np.ndarray:
    """A figure array as plotly's JSON carries it: a list, or a typed array {"dtype", "bdata", "shape"}."""
    if isinstance(v, dict) and "bdata" in v:
        a = np.frombuffer(base64.b64decode(v["bdata"]), dtype=v["dtype"]).astype(float)
        return a.reshape([int(n) for n in str(v["shape"]).split(",")]) if "shape" in v else a
    return np.asarray(v, dtype=float)


def ok(at):
    assert not at.exception, [e.value for e in at.exception]
    return at


def wait_all(at, keys):
    for key in keys:
        wait_for_job(at, key)
    return ok(at.run())


def result_of(at, key):
    return at.session_state[state.RESULTS][key].result


def tiles(at) -> dict:
    return {m.label: m.value for m in at.metric}


def assert_tiles_match_cli(at, result, names, tmp_path, capsys) -> dict:
    """The page's metric tiles show what `python -m aecore evaluate` computes for the saved run."""
    path = runstore.save_run(result, tmp_path, f"{result.spec.model.variant}-run")
    capsys.readouterr()
    assert cli(["evaluate", str(path)]) == 0
    fresh = json.loads(capsys.readouterr().out)
    shown = tiles(at)
    for name in names:
        label = TABLE[f"m.{name}"]["en"]
        assert shown[label] == format_metric(name, fresh[name]), (name, shown[label], fresh[name])
    return fresh


# ---- Basics & PCA ----------------------------------------------------------------------------
def test_basics_draws_errors_pca_curve_and_matches_the_cli(tmp_path, capsys):
    at = train_tiny(open_app("pages/basics.py"), "basics")
    r = result_of(at, "basics")
    fig = titled(at, "test MSE of these 10")
    images, errors = (arr(t["z"]) for t in fig["data"])
    x = r.dataset.x_test[:10]
    err = (x - reconstruct(r.model, x)) ** 2
    np.testing.assert_allclose(errors[18:26, :8], err[0].reshape(8, 8), atol=1e-6)  # third row, first tile
    assert fig["layout"]["yaxis"]["ticktext"] == ["original", "reconstruction", "squared error"]
    curve = titled(at, "PCA for every k")
    assert len(arr(curve["data"][0]["y"])) == 64 and arr(curve["data"][2]["y"])[0] == pytest.approx(r.metrics["test_mse"])
    assert any("nonlinear" in i.value for i in at.info)  # angles need a linear AE
    # the numbers on the page are those of `python -m aecore evaluate` for the same run
    assert_tiles_match_cli(at, r, ("test_mse", "test_psnr", "probe_accuracy"), tmp_path, capsys)


def test_basics_linear_preset_trains_lbfgs_and_finds_the_pca_subspace():
    at = ok(open_app("pages/basics.py"))
    at.button(key="basics.preset").click().run()
    ok(at)
    job = wait_for_job(at, "basics")
    assert (job.spec.model.activation, job.spec.model.hidden, job.spec.model.latent) == ("linear", (), 16)
    assert (job.spec.train.optimizer, job.spec.train.lr, job.spec.train.epochs) == ("lbfgs", 1.0, 25)
    ok(at.run())
    assert at.radio(key="basics.optimizer").value == "lbfgs"
    r = result_of(at, "basics")
    bars = arr(titled(at, "Principal angles")["data"][0]["y"])
    np.testing.assert_allclose(bars, principal_angles_deg(r.model, r.dataset.x_train), atol=1e-6)
    assert max(bars) == pytest.approx(r.metrics["max_principal_angle_deg"]) and max(bars) < 15
    basis = titled(at, "Decoder basis vs principal components")
    assert basis["layout"]["yaxis"]["ticktext"] == ["decoder columns", "rotated onto PCs", "principal components"]
    assert abs(r.metrics["test_mse"] / r.metrics["pca_mse"] - 1) < 0.02
    assert any("largest principal angle" in m.value for m in at.markdown)


# The overcomplete section: tests/test_labs_overcomplete.py.


def test_basics_loss_choice_reaches_the_panel_and_the_likelihood_figure():
    at = ok(open_app("pages/basics.py"))
    fig = titled(at, "Gaussian vs Bernoulli")
    assert len(fig["data"]) == 6 and fig["data"][0]["line"]["width"] > fig["data"][1]["line"]["width"]
    at.segmented_control(key="basics.loss_pick").set_value("bce").run()
    ok(at)
    assert at.session_state[state.KEEP]["basics.loss"] == "bce"
    fig = titled(at, "Gaussian vs Bernoulli")
    assert fig["data"][1]["line"]["width"] > fig["data"][0]["line"]["width"]  # Bernoulli drawn bold now
    at.button(key="basics.train").click().run()
    assert wait_for_job(at, "basics").spec.model.loss == "bce"


# ---- Sparse ----------------------------------------------------------------------------------
def test_sparse_page_draws_rho_hat_penalty_features_and_heat_map():
    at = train_tiny(open_app("pages/sparse.py"), "sparse")
    r = result_of(at, "sparse")
    assert (r.spec.model.latent, r.spec.model.hidden, r.spec.train.optimizer) == (64, (), "lbfgs")
    stats = sparse_lab.sparsity_summary(r.model, r.dataset, max_rows=None)
    hist = titled(at, "Mean activation ρ̂ⱼ")
    np.testing.assert_allclose(arr(hist["data"][0]["x"]), stats["rho_hat"], rtol=1e-5)
    assert any(s.get("x0") == r.model.rho for s in hist["layout"]["shapes"])
    kl = titled(at, "Sparsity penalty")
    np.testing.assert_allclose(arr(kl["data"][0]["y"]), [row["train_sparsity"] for row in r.history])
    mosaic = titled(at, "Learned features")
    expected = sparse_plots.feature_mosaic(sparse_lab.first_layer_weights(r.model), (8, 8))
    np.testing.assert_allclose(arr(mosaic["data"][0]["z"]), expected, atol=1e-6)
    heat = titled(at, "Activations: test samples")
    assert arr(heat["data"][0]["z"]).shape == (50, 64)
    assert tiles(at)["dead units"] == format_metric("dead_units", r.metrics["dead_units"])


def test_sparse_sliders_reach_the_running_job_without_a_restart(tmp_path, capsys):
    at = ok(open_app("pages/sparse.py", epochs="500"))
    at.radio(key="sparse.optimizer").set_value("adam").run()
    assert at.session_state[state.KEEP]["sparse.lr"] == 0.01  # switching optimizer sets its usual step
    at.button(key="sparse.train").click().run()
    job_id = at.session_state[state.ACTIVE]["sparse"]
    job = manager().get(job_id)
    at.select_slider(key="sparse.rho").set_value(0.2).run()
    ok(at)
    assert at.session_state[state.ACTIVE]["sparse"] == job_id  # the same job, not restarted
    assert any("0.2 sent to the running job" in c.value for c in at.caption)
    at.select_slider(key="sparse.code").set_value(8).run()  # not live: waits for the next run, sends nothing
    assert at.session_state[live.LIVE_SENT][job_id] == {"rho": 0.2}
    deadline = TIMEOUT
    def measured_rho():  # as the worker measures it between steps (the page asked for it)
        return job.snapshot().measures.get("sparsity", {}).get("value", {}).get("rho")

    while job.snapshot().hparams.get("rho") != 0.2 or measured_rho() != 0.2:
        assert deadline > 0, "ρ never reached the model"
        job.done.wait(0.1)
        deadline -= 0.1
    at.run()  # the live view: ρ̂ of the training model, with the new target line
    hist = titled(at, "Mean activation ρ̂ⱼ")
    assert any(s.get("x0") == 0.2 for s in hist["layout"]["shapes"]) and len(arr(hist["data"][0]["x"])) == 64
    at.button(key="sparse.stop").click().run()
    wait_for_job(at, "sparse")
    ok(at.run())
    r = result_of(at, "sparse")
    assert r.model.rho == 0.2
    # saved with the ρ it ended with: the KL tile (measured against ρ = 0.2) matches the CLI
    fresh = assert_tiles_match_cli(at, r, ("kl", "mean_activation", "dead_units", "test_mse"), tmp_path, capsys)
    assert fresh["kl"] == pytest.approx(r.metrics["kl"])


def test_sparse_edge_preset_sets_the_ufldl_exercise():
    at = ok(open_app("pages/sparse.py"))
    at.button(key="sparse.preset").click().run()
    ok(at)
    job = manager().get(at.session_state[state.ACTIVE]["sparse"])
    s = job.spec
    assert (s.data.name, s.model.latent, s.model.hidden, s.model.rho, s.model.beta) == ("patches", 25, (), 0.01, 3.0)
    assert (s.train.optimizer, s.train.lr, s.train.weight_decay, s.train.epochs) == ("lbfgs", 1.0, 1e-4, 20)
    assert at.selectbox(key="sparse.data").value == "patches"
    at.button(key="sparse.stop").click().run()
    wait_for_job(at, "sparse")
    ok(at.run())


def test_sparse_l1_comparison_trains_three_runs_and_compares():
    at = train_tiny(open_app("pages/sparse.py"), "sparse")
    at.button(key="sparse.l1.go").click().run()
    keys = [f"sparse.l1.{i}" for i in range(3)]
    betas = [manager().get(at.session_state[state.ACTIVE][k]).spec.model.beta for k in keys]
    assert betas == sorted(betas) and betas[2] == pytest.approx(9 * betas[0])
    wait_all(at, keys)
    table = at.dataframe[-1].value
    assert list(table.iloc[:, 0]) == ["KL", "L1"] and list(table["penalty"]) == ["kl", "l1"]
    runs = [result_of(at, k) for k in keys]
    best = sparse_lab.closest_run(runs, result_of(at, "sparse").metrics["mean_activation"])
    assert table["mean activation"].iloc[1] == pytest.approx(best.metrics["mean_activation"])


# ---- Denoising -------------------------------------------------------------------------------
def test_denoising_grid_sweep_and_plain_control(tmp_path, capsys):
    at = train_tiny(open_app("pages/denoising.py"), "denoising")
    r = result_of(at, "denoising")
    assert_tiles_match_cli(at, r, ("test_mse", "psnr_noisy", "psnr_denoised", "probe_accuracy"), tmp_path, capsys)
    grid = titled(at, "Clean, corrupted and denoised")
    assert grid["layout"]["yaxis"]["ticktext"] == ["original", "corrupted", "reconstruction"]
    clean, noisy, recon = denoising_lab.denoise_grid(r.model, r.dataset, "gaussian", 0.3, n=10, seed=0)
    z = arr(grid["data"][0]["z"])
    np.testing.assert_allclose(z[9:17, :8], noisy[0].reshape(8, 8), atol=1e-6)
    sweep = titled(at, "PSNR on test images")
    assert [t["name"] for t in sweep["data"]] == ["corrupted input", "denoising AE", "PCA, k = 16"]
    expected = denoising_lab.psnr_sweep(r.model, None, r.dataset, "gaussian", denoising_lab.SWEEP_LEVELS, seed=0)
    assert len(arr(sweep["data"][1]["y"])) >= 5
    np.testing.assert_allclose(arr(sweep["data"][1]["y"]), expected["dae"], rtol=1e-6)
    at.button(key="denoising.plain.go").click().run()
    spec = manager().get(at.session_state[state.ACTIVE]["denoising.plain"]).spec
    assert spec == denoising_lab.sweep_specs(r.spec)
    wait_all(at, ["denoising.plain"])
    sweep = titled(at, "PSNR on test images")
    assert [t["name"] for t in sweep["data"]][2] == "plain AE (same size)"
    assert at.button(key="denoising.plain.go").disabled  # this control is trained already
    # a different corruption level for the grid: same images, new noise
    at.slider(key="denoising.view.gaussian.0.3").set_value(0.6).run()
    z2 = arr(titled(at, "Clean, corrupted and denoised")["data"][0]["z"])
    np.testing.assert_allclose(z2[:8], z[:8])
    assert not np.allclose(z2[9:17], z[9:17])


def test_denoising_toy_field_points_back_to_the_data():
    at = ok(open_app("pages/denoising.py"))
    at.button(key="denoising.toy.go").click().run()
    spec = manager().get(at.session_state[state.ACTIVE]["denoising.toy"]).spec
    assert spec == denoising_lab.toy_spec("moons", 0.3)
    wait_all(at, ["denoising.toy"])
    fig = titled(at, "Denoising field r(x) − x on moons")
    names = [t["name"] for t in fig["data"]]
    assert names[:2] == ["data", "corrupted"] and names[2].startswith("r(x) − x") and "x ← r(x)" in names
    assert len(arr(fig["data"][2]["x"])) == 9 * 22 * 22  # one arrow (shaft + head) per grid point
    assert any("mean cosine" in m.value for m in at.markdown)


# ---- both languages, the live pass-through ---------------------------------------------------
@pytest.mark.parametrize("page,key,title", [("pages/basics.py", "basics", "这 10 张的测试 MSE"),
                                            ("pages/sparse.py", "sparse", "每个编码单元的平均激活"),
                                            ("pages/denoising.py", "denoising", "测试图像的 PSNR")])
def test_pages_in_chinese_translate_figure_titles(page, key, title):
    at = train_tiny(open_app(page), key)
    # Switch after training: AppTest formats widget values outside the script, where t() falls back to
    # English, so a second run of a 中文 page with a translated radio (the panel's noise) cannot be driven.
    at.session_state[state.LANG] = "zh"
    ok(at.run())
    assert titled(at, title)
    assert not [c for c in charts(at) if "Mean activation" in str(c["layout"].get("title"))]


def test_live_changes_only_for_live_settings_and_lr():
    spec = FitSpec(DataConfig("digits"), SparseConfig(rho=0.05, beta=3.0), TrainConfig(lr=1e-3))
    moved = dataclasses.replace(spec, model=dataclasses.replace(spec.model, rho=0.1),
                                train=dataclasses.replace(spec.train, lr=1e-2))
    assert live.live_changes(spec, moved) == {"rho": 0.1, "beta": 3.0, "lr": 1e-2}
    assert live.live_changes(spec, dataclasses.replace(moved, model=dataclasses.replace(moved.model, latent=8))) is None
    assert live.live_changes(spec, dataclasses.replace(spec, train=dataclasses.replace(spec.train, epochs=5))) is None
    dae = FitSpec(model=DenoisingConfig(noise_level=0.3))
    assert live.live_changes(dae, dataclasses.replace(dae, model=DenoisingConfig(noise_level=0.5)))["noise_level"] == 0.5
    assert live.live_changes(dae, dataclasses.replace(dae, model=ModelConfig())) is None  # another variant
