"""AppTest of the Contractive, Variational and Stacked pages: tiny jobs, then the figures' data.

Every check reads the element tree (chart specs, metric tiles, captions) and compares it with
numbers computed here from the session's own trained models, never with hard-coded values.
"""

from __future__ import annotations

import base64

import numpy as np
import pytest
import torch

from aecore.labs import contractive as cl
from aecore.labs import stacked as sl
from aecore.measure.metrics import decode, encode, reconstruct
from aecore.plots.common import plain_title
from aecore.serving.jobs import manager
from pages.common import state
from tests.test_app import charts, open_app, train_tiny, wait_for_job

pytestmark = pytest.mark.filterwarnings("ignore:The given NumPy array is not writable")


def titled(at, start: str) -> list[dict]:
    """Chart specs whose title starts with ``start``."""
    return [c for c in charts(at) if plain_title(c["layout"].get("title", {}).get("text", "")).startswith(start)]


def one(at, start: str) -> dict:
    found = titled(at, start)
    assert len(found) == 1, (start, [c["layout"].get("title", {}).get("text") for c in charts(at)])
    return found[0]


def values(v) -> np.ndarray:
    """A plotly JSON array as numbers: plain lists, or plotly's typed arrays ({"dtype", "bdata", "shape"})."""
    if isinstance(v, dict) and "bdata" in v:
        out = np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"]))
        return out.reshape([int(n) for n in str(v["shape"]).split(",")]) if "shape" in v else out
    return np.array([np.nan if x is None else x for x in v], float) if not (v and isinstance(v[0], list)) else \
        np.array([[np.nan if x is None else x for x in row] for row in v], float)


def heatmap(spec: dict) -> np.ndarray:
    return values(spec["data"][0]["z"]).astype(float)


def result(at, key: str):
    return at.session_state[state.RESULTS][key].result


# ---- Contractive -------------------------------------------------------------------------------
def train_three(at) -> None:
    at.button(key="contractive.train_all").click().run()
    assert not at.exception, [e.value for e in at.exception]
    for key in ("contractive", "contractive.ae", "contractive.denoising"):
        job = wait_for_job(at, key)
        assert job.status == "done", job.message
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def test_contractive_trains_three_models_with_one_click_and_compares_them():
    at = open_app("pages/contractive.py")
    at.number_input(key="contractive.epochs").set_value(2).run()
    train_three(at)
    models = {k: result(at, key).model for k, key in (("ae", "contractive.ae"), ("denoising", "contractive.denoising"),
                                                      ("contractive", "contractive"))}
    cae = result(at, "contractive")
    assert result(at, "contractive.ae").spec == cl.trio_specs(cae.spec)["ae"]  # same size, data, budget, seed
    assert at.session_state[state.ACTIVE] == {}
    ds = cae.dataset
    # mean ‖J‖_F tiles: measured on the session's models
    norms = cl.jacobian_norms(models, ds, n=500)
    tiles = {m.label: m.value for m in at.metric}
    for name, label in (("ae", "Plain AE"), ("denoising", "Denoising AE"), ("contractive", "Contractive AE")):
        assert tiles[f"{label}: mean ‖Jᵩ(x)‖"] == f"{norms[name].mean():.3g}"
    assert norms["contractive"].mean() < norms["ae"].mean()
    hist = one(at, "‖J<sub>φ</sub>(x)‖<sub>F</sub> per test example")
    assert [d["type"] for d in hist["data"]] == ["histogram"] * 3
    np.testing.assert_allclose(values(hist["data"][2]["x"]), norms["contractive"], rtol=1e-5)
    # the spectrum at the five default test points: 5 faint lines + the mean, per model, descending
    spec = one(at, "Singular values of J<sub>φ</sub>(x) at 5 test examples")
    means = [d for d in spec["data"] if d.get("showlegend") is not False]
    assert [d["name"] for d in means] == ["Plain AE", "Denoising AE", "Contractive AE"]
    s = cl.singular_spectra(models, ds, range(5))
    for d, name in zip(means, cl.TRIO, strict=True):
        np.testing.assert_allclose(values(d["y"]), s[name].mean(0), rtol=1e-5)
        assert np.all(np.diff(values(d["y"])) <= 1e-12)
    directions = heatmap(one(at, "Top 4 singular directions at #0"))
    assert directions.shape == (3 * 8 + 2, 4 * 8 + 3)  # a row of 4 images per model
    assert np.nanmax(np.abs(directions)) == pytest.approx(1.0)
    # robustness: 3 models × (band, mean, prediction); mean code change starts at 0 and grows
    robust = one(at, "Code change against perturbation size")
    curves = [d for d in robust["data"] if d.get("mode") == "lines+markers"]
    assert len(curves) == 3 and all(values(c["y"])[0] == 0 and np.all(np.diff(values(c["y"])) > 0) for c in curves)
    assert any("2-D toy" in c.value for c in at.caption)  # circles need 2-D data


def test_contractive_alone_hides_stale_controls_and_asks_for_all_three():
    at = open_app("pages/contractive.py")
    at.number_input(key="contractive.epochs").set_value(1).run()
    train_three(at)
    at.select_slider(key="contractive.lam").set_value(1.0).run()  # λ is the CAE's own: the controls still match
    train_tiny(at, "contractive")
    assert len(one(at, "‖J<sub>φ</sub>(x)‖<sub>F</sub> per test example")["data"]) == 3
    at.select_slider(key="contractive.code").set_value(8).run()  # another size: they no longer do
    train_tiny(at, "contractive")
    assert result(at, "contractive").spec.model.latent == 8
    assert any("Train all three" in i.value for i in at.info)
    hist = one(at, "‖J<sub>φ</sub>(x)‖<sub>F</sub> per test example")
    assert [d["name"].split(" (")[0] for d in hist["data"]] == ["Contractive AE"]


def test_contractive_circles_on_a_2d_toy():
    at = open_app("pages/contractive.py", data="moons", code="2", epochs="1")
    train_three(at)
    ds, models = result(at, "contractive").dataset, {k: result(at, key).model for k, key in (
        ("ae", "contractive.ae"), ("denoising", "contractive.denoising"), ("contractive", "contractive"))}
    centers = cl.circle_centers(ds, 10)  # as pages/contractive.py draws them: 10 circles, radius 0.12 × spread
    for name, title in (("ae", "Plain AE"), ("denoising", "Denoising AE"), ("contractive", "Contractive AE")):
        fig = one(at, title)
        images = next(d for d in fig["data"] if d.get("line", {}).get("dash") is None and d["mode"] == "lines"
                      and d.get("showlegend") is not False)
        _, mapped = cl.circle_images(models[name], centers, 0.12 * cl.data_spread(ds))
        got = values(images["x"])
        np.testing.assert_allclose(got[:64], mapped[0, :, 0], rtol=1e-4, atol=1e-6)


# ---- Variational -------------------------------------------------------------------------------
def test_variational_figures_come_from_the_trained_vae():
    at = train_tiny(open_app("pages/variational.py"), "variational")
    res = result(at, "variational")
    model, ds = res.model, res.dataset
    elbo = one(at, "−ELBO during training")
    assert [d["name"] for d in elbo["data"]] == ["reconstruction −log p(x|z)", "KL(q(z|x) ‖ p(z))", "−ELBO"]
    np.testing.assert_allclose(values(elbo["data"][2]["y"]), [r["train_neg_elbo"] for r in res.history], rtol=1e-6)
    kl = one(at, "KL per latent dimension")
    np.testing.assert_allclose(values(kl["data"][0]["y"]), np.maximum(res.metrics["kl_per_dim"], 1e-6), rtol=1e-6)
    # the code map: every test row once, at its posterior mean
    codes = one(at, "Test codes")
    z = encode(model, ds.x_test)
    rows = np.concatenate([values(d["customdata"]) for d in codes["data"] if d["type"] == "scattergl"])
    assert sorted(rows) == list(range(ds.n_test))
    first = codes["data"][0]
    np.testing.assert_allclose(np.c_[values(first["x"]), values(first["y"])], z[values(first["customdata"]).astype(int), :2],
                               rtol=1e-5, atol=1e-6)
    assert heatmap(one(at, "Decoded prior quantiles")).shape == (10 * 8, 10 * 8)  # 8×8 digits: a 10 × 10 grid
    # interpolation: default pair (row 0 and the first row of another class), then typed numbers
    b = int(np.flatnonzero(ds.y_test != ds.y_test[0])[0])
    assert titled(at, f"Decoded path from #0 to #{b}")
    at.number_input(key="variational.a").set_value(5).run()
    at.number_input(key="variational.b").set_value(9).run()
    strip = heatmap(one(at, "Decoded path from #5 to #9"))
    ends = decode(model, z[[5, 9]])
    np.testing.assert_allclose(strip[:8, :8], ends[0].reshape(8, 8), atol=1e-5)  # linear, t = 0
    np.testing.assert_allclose(strip[:8, -8:], ends[1].reshape(8, 8), atol=1e-5)  # linear, t = 1
    # the likelihood tiles: IW estimate ≤ −ELBO (up to sampling noise), gap = their difference
    tiles = {m.label: float(m.value) for m in at.metric if m.label in ("−ELBO (nats)", "−log p(x), 100 samples",
                                                                       "gap (nats)")}
    assert tiles["−log p(x), 100 samples"] <= tiles["−ELBO (nats)"] + 0.1
    assert tiles["gap (nats)"] == pytest.approx(tiles["−ELBO (nats)"] - tiles["−log p(x), 100 samples"], abs=0.02)
    # samples from the prior: two rows of ten (untitled rows), new ones on request
    def samples() -> np.ndarray:
        grids = [c for c in charts(at) if c["data"] and c["data"][0]["type"] == "heatmap"
                 and c["layout"]["yaxis"].get("ticktext") == [] and heatmap(c).shape[0] == 2 * 8 + 1]
        assert len(grids) == 1
        return heatmap(grids[0])
    old = samples()
    assert old.shape == (17, 10 * 8 + 9)
    at.button(key="variational.new_samples").click().run()
    assert not np.allclose(samples(), old, equal_nan=True)
    assert not at.exception


def test_variational_warns_when_latent_dimensions_collapse():
    at = open_app("pages/variational.py", code="8", beta="8", epochs="5")
    at.button(key="variational.train").click().run()
    assert wait_for_job(at, "variational").status == "done"
    at.run()
    kl = np.asarray(result(at, "variational").metrics["kl_per_dim"])
    collapsed = int((kl <= 0.01).sum())
    assert collapsed > 0  # β = 8 on a wide code: the KL pulls most dimensions onto the prior
    text = " ".join(w.value for w in at.warning) + " ".join(e.value for e in at.error)
    assert f"{collapsed} of 8" in text or (collapsed == 8 and "Posterior collapse" in text)


# ---- Stacked -----------------------------------------------------------------------------------
def test_stacked_layer_editor_builds_the_stack_and_mirrors_it_in_the_url():
    at = open_app("pages/stacked.py")
    assert at.session_state["stacked.layers"] == 3
    assert [at.selectbox(key=f"stacked.width{i}").value for i in (1, 2, 3)] == [128, 64, 32]
    at.session_state["stacked.layers"] = 2
    at.run()
    at.selectbox(key="stacked.width1").set_value(32).run()
    at.selectbox(key="stacked.width2").set_value(16).run()
    at.session_state["stacked.kind1"] = "ae"
    at.session_state["stacked.kind2"] = "sparse"
    at.run()
    assert at.query_params["layers"] in (["32-16"], "32-16")
    assert at.query_params["kinds"] in (["ae-sparse"], "ae-sparse")
    at = train_tiny(at, "stacked")
    res = result(at, "stacked")
    assert (res.spec.model.hidden, res.spec.model.latent, res.spec.model.pretrain) == ((32,), 16, ("ae", "sparse"))
    assert at.session_state[state.ARCH] == (64, (32,), 16, "stacked")


def test_stacked_results_show_each_layer_and_the_three_accuracies():
    at = train_tiny(open_app("pages/stacked.py"), "stacked")
    res = result(at, "stacked")
    model, ds, m = res.model, res.dataset, res.metrics
    curves = one(at, "Greedy pretraining")
    assert [d["name"] for d in curves["data"] if d.get("showlegend") is not False] == ["layer 1", "layer 2", "layer 3"]
    # what each layer learned, as pretraining left it (fine-tuning moved the weights since):
    # two rows (weights, top images) of 12 tiles per layer
    pretrained = model.pretrained_view()
    assert not torch.equal(pretrained.encoder.layers[0].weight, model.encoder.layers[0].weight)
    recon = one(at, "Test images and their reconstructions")
    assert recon["layout"]["yaxis"]["ticktext"] == ["original", "via layer 1", "via layers 1–2", "pretrained stack",
                                                    "after fine-tuning"]
    z, x1 = heatmap(recon), ds.x_test[:1]
    for row, want in enumerate((sl.reconstruct_through(pretrained, x1, 1), sl.reconstruct_through(pretrained, x1, 2),
                                reconstruct(pretrained, x1), reconstruct(model, x1)), start=1):
        np.testing.assert_allclose(z[9 * row:9 * row + 8, :8], want[0].reshape(8, 8), atol=1e-6)
    np.testing.assert_allclose(sl.reconstruct_through(pretrained, x1, 3), reconstruct(pretrained, x1), atol=1e-6)
    for layer, title in ((1, "Layer 1: filters"), (2, "Layer 2: units"), (3, "Layer 3: units")):
        z = heatmap(one(at, title))
        assert z.shape == (4 * 8 + 3, 6 * 8 + 5)  # units 1–6 (weights, top inputs), then units 7–12
        assert np.nanmin(z) >= -1 - 1e-9 and np.nanmax(z) <= 1 + 1e-9
        top = sl.layer_pictures(pretrained, ds, layer, 12)["top"][0]  # the first (most local) unit's top-9 mean image
        np.testing.assert_allclose(z[9:17, :8], (2 * top / top.max() - 1).reshape(8, 8), atol=1e-5)
    bars = one(at, "Test accuracy<br>with the same supervised budget")["data"][0]
    np.testing.assert_allclose(values(bars["x"]), [m["accuracy_before_finetune"], m["accuracy_after_finetune"],
                                                 m["accuracy_scratch"]])
    assert list(values(bars["y"])) == [2, 1, 0]  # top to bottom, each named above its bar (never cut at the left)
    assert [a["text"] for a in one(at, "Test accuracy<br>")["layout"]["annotations"]] == [
        "pretrained, frozen + softmax", "pretrained + fine-tuned", "random init, same budget"]
    cm = values(one(at, "Confusion matrix after fine-tuning")["data"][0]["text"])
    assert cm.sum() == ds.n_test and np.trace(cm) / cm.sum() == pytest.approx(m["accuracy_after_finetune"], abs=1e-6)
    with torch.no_grad():
        pred = model.predict(torch.tensor(ds.x_test)).numpy()
    assert np.trace(cm) == int((pred == ds.y_test).sum())
    assert titled(at, "Supervised training: pretrained vs. from scratch")


def test_stacked_live_view_draws_layers_as_they_finish_and_the_preset_loads_shapes():
    at = open_app("pages/stacked.py", epochs="100")
    at.button(key="stacked.train").click().run()
    job = manager().get(at.session_state[state.ACTIVE]["stacked"])
    for _ in range(1200):  # until layer 1 is done and layer 2 trains (≤ 2 minutes on a busy machine)
        if job.snapshot().phase == "layer 2" or job.done.wait(0.1):
            break
    at.run()  # asks the worker for layer 1's pictures; they arrive with a later snapshot (the next poll)
    for _ in range(100):
        if "stacked.layers" in job.snapshot().measures or job.done.wait(0.1):
            break
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("pretraining layer 2" in p.proto.text for p in at.get("progress"))  # phases named in the UI
    curves = one(at, "Greedy pretraining")  # the per-layer curves, live
    assert [d["name"] for d in curves["data"] if d.get("showlegend") is not False][0] == "layer 1"
    assert heatmap(one(at, "Layer 1: filters")).shape == (35, 6 * 8 + 5)  # layer 1's pictures, while layer 2 trains
    assert not titled(at, "Layer 2")
    codes = one(at, "Code space, live: ")  # the stack's top code, on its first 2 PCs
    assert sum(len(values(d["x"])) for d in codes["data"]) == len(job.snapshot().codes)
    at.button(key="stacked.stop").click().run()
    wait_for_job(at, "stacked")
    at.run()
    at.button(key="stacked.preset").click().run()  # sets the shapes experiment and trains it
    assert at.selectbox(key="stacked.data").value == "shapes"
    assert [at.selectbox(key=f"stacked.width{i}").value for i in (1, 2, 3)] == [128, 64, 16]
    assert [at.selectbox(key=f"stacked.kind{i}").value for i in (1, 2, 3)] == ["sparse"] * 3
    assert at.radio(key="stacked.optimizer").value == "lbfgs"
    job = manager().get(at.session_state[state.ACTIVE]["stacked"])
    s = job.spec
    assert (s.data.name, s.data.limit, s.model.sizes, s.model.pretrain) == ("shapes", 3000, (128, 64, 16),
                                                                            ("sparse",) * 3)
    assert (s.train.optimizer, s.train.lr, s.train.epochs, s.train.weight_decay) == ("lbfgs", 1.0, 8, 1e-3)
    assert (s.model.rho, s.model.beta, s.model.finetune_epochs) == (0.05, 3.0, 3)
    at.button(key="stacked.stop").click().run()
    wait_for_job(at, "stacked")
    assert not at.exception


@pytest.mark.timeout(900)  # three fits in worker processes: minutes when the machine is shared
def test_stacked_label_budgets_run_in_one_click_and_say_where_pretraining_helps():
    from aecore.measure import labels

    at = open_app("pages/stacked.py", epochs="1", finetune_epochs="1", limit="400")  # budgets 20, 50, 100, all
    at.button(key="stacked.labels.go").click().run()  # three seeds, three jobs, none on the script thread
    assert not at.exception, [e.value for e in at.exception]
    jobs = [manager().get(at.session_state[state.ACTIVE][f"stacked.labels{i}"]) for i in range(3)]
    assert [j.spec.train.seed for j in jobs] == [0, 1, 2]
    assert all(j.spec.model.label_budgets == (20, 50, 100, 0) for j in jobs)
    assert any("labels, seed" in p.proto.text for p in at.get("progress"))  # live progress, one bar per seed
    for j in jobs:  # three fits on a shared machine: longer than one tiny fit's timeout
        assert j.done.wait(600) and j.status == "done", j.message
    tables = [labels.budget_table(j.result.metrics) for j in jobs]
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    fig = one(at, "Test accuracy against the number of labelled examples")
    rows = labels.summarize(tables, (20, 50, 100, 0))
    assert [d["name"] for d in fig["data"]] == ["pretrained + fine-tuned", "same network from scratch",
                                               "pixels + logistic regression"]
    for d, m in zip(fig["data"], labels.METHODS, strict=True):
        np.testing.assert_allclose(values(d["y"]), [r[f"{m}_mean"] for r in rows])
        np.testing.assert_allclose(values(d["error_y"]["array"]), [r[f"{m}_sd"] for r in rows])
    assert fig["layout"]["xaxis"]["type"] == "log" and fig["layout"]["xaxis"]["ticktext"][-1].startswith("all (")
    said = " ".join(m.value for m in at.markdown)
    first = rows[0]
    case = labels.verdict(rows)["case"]
    assert f"{100 * first['gap_mean']:+.1f} points" in said and f"{100 * first['logreg_mean']:.1f} %" in said
    if case in ("everywhere", "few"):
        assert f"{100 * first['pretrained_mean']:.1f} %" in said and f"{100 * first['scratch_mean']:.1f} %" in said
    assert {"everywhere": "at every budget", "few": "when labels are few", "nowhere": "does not help",
            "mixed": "only with"}[case] in said
    assert not at.session_state[state.RESULTS].get("stacked.labels0")  # the models are let go, the numbers kept
    at.session_state[state.LANG] = "zh"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert one(at, "测试准确率与标注样本数的关系")["layout"]["xaxis"]["ticktext"][-1].startswith("全部 (")
    assert "逻辑回归" in " ".join(m.value for m in at.markdown)


@pytest.mark.parametrize("page", ["contractive", "variational", "stacked"])
def test_learn2_figures_speak_chinese(page):
    # Trained in English, then drawn once in 中文: AppTest formats a radio's value with the test
    # thread's language (English), so it cannot drive a page with a translated radio in 中文.
    at = train_tiny(open_app(f"pages/{page}.py"), page)
    at.session_state[state.LANG] = "zh"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    titles = " ".join(plain_title(c["layout"].get("title", {}).get("text", "")) for c in charts(at))
    axes = " ".join(str(c["layout"].get(ax, {}).get("title", {}).get("text", "")) for c in charts(at)
                    for ax in ("xaxis", "yaxis"))
    for english in ("test examples", "per test example", "latent dimension", "nats per example", "epoch of the layer",
                    "test accuracy", "Decoded", "Greedy"):
        assert english not in titles + axes, english
