"""Learned vs hand-crafted features (``aecore.labs.features``, ``aecore.plots.features``, ``pages/features.py``).

Hand-checked: HOG's length (3 × 3 blocks of 2 × 2 cells × 9 bins), the Gabor bank's size and its
orientation selectivity, PCA features equal to scikit-learn's, balanced nested label budgets, the
probe equal to ``metrics.linear_probe``; then the background comparison with real jobs, and the
page in English and 中文 (a short run) with figures carrying the comparison's numbers.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from types import SimpleNamespace

import numpy as np
import pytest

from aecore.data.registry import DataConfig, dataset_info, load_dataset
from aecore.labs import features as lab
from aecore.measure.metrics import linear_probe
from aecore.plots import features as plots
from aecore.serving.jobs import manager
from aecore.training.fit import Fit
from pages.common import state
from pages.common.i18n import TABLE
from tests.test_app import open_app
from tests.test_pages_learn1 import arr, ok, titled

TIMEOUT = 600  # six autoencoders and the probes on a shared 2-core machine


@pytest.fixture(scope="module")
def digits():
    return load_dataset(DataConfig(name="digits"))


def test_hog_has_3x3_blocks_of_2x2_cells_of_9_bins(digits):
    from skimage.feature import hog

    f = lab.hog_features(digits.x_test[:5], (8, 8))
    assert f.shape == (5, 3 * 3 * 2 * 2 * 9)  # 4 × 4 cells → 3 × 3 overlapping 2 × 2 blocks
    np.testing.assert_allclose(f[2], hog(digits.x_test[2].reshape(8, 8), orientations=9, pixels_per_cell=(2, 2),
                                         cells_per_block=(2, 2), block_norm="L2-Hys"), rtol=1e-6)
    assert lab.hog_features(np.zeros((2, 784)), (28, 28), orientations=6).shape == (2, 3 * 3 * 2 * 2 * 6)


def test_gabor_bank_shapes_and_orientation():
    bank = lab.gabor_bank((28, 28), (0.1, 0.25), 4)
    assert len(bank) == 8 and all(k.dtype == np.complex128 and k.shape[0] % 2 == 1 for k in bank)
    assert bank[0].shape[0] > bank[4].shape[0]  # the lower frequency has the wider envelope
    small = lab.gabor_bank((8, 8), (0.1, 0.25), 4)
    from skimage.filters import gabor_kernel
    np.testing.assert_allclose(small[0], gabor_kernel(0.35, theta=0))  # 0.1 × 28 / 8
    np.testing.assert_allclose(small[4], gabor_kernel(0.45, theta=0))  # 0.875, capped below Nyquist
    # vertical stripes (varying along x) at the first frequency
    x = np.arange(28)
    stripes = np.tile(0.5 + 0.5 * np.cos(2 * np.pi * 0.1 * x), (28, 1)).reshape(1, -1)
    f = lab.gabor_features(stripes, (28, 28), bank).reshape(8, 16).mean(1)
    assert f.shape == (8,) and f[0] > 5 * f[1:4].max()  # θ = 0 answers; the other orientations barely
    assert lab.gabor_features(np.zeros((3, 784)), (28, 28), bank).shape == (3, 8 * 16)


def test_pca_features_equal_scikit_learns(digits):
    from sklearn.decomposition import PCA

    ours = lab.pca_features(digits.x_train, 10)(digits.x_test)
    theirs = PCA(10, svd_solver="full").fit(digits.x_train).transform(digits.x_test)
    signs = np.sign(np.sum(ours * theirs, axis=0))  # each component is defined up to its sign
    np.testing.assert_allclose(ours * signs, theirs, atol=1e-4)


def test_random_projection_is_seeded_and_keeps_lengths_on_average(digits):
    p = lab.random_projection(64, 32, seed=3)
    assert p.shape == (64, 32)
    np.testing.assert_array_equal(p, lab.random_projection(64, 32, seed=3))
    x = digits.x_test
    ratio = np.mean(np.sum((x @ p) ** 2, 1)) / np.mean(np.sum(x ** 2, 1))
    assert 0.7 < ratio < 1.3  # E‖xP‖² = ‖x‖² for N(0, 1/k) entries


def test_budgets_are_balanced_nested_and_all_means_every_row(digits):
    prep = lab.prepare(lab.FeaturesConfig(budgets=(20, 50, 0)), digits)
    assert prep.budgets == [20, 50, digits.n_train]
    assert np.bincount(digits.y_train[prep.subsets[0]], minlength=10).tolist() == [2] * 10
    assert np.bincount(digits.y_train[prep.subsets[1]], minlength=10).tolist() == [5] * 10
    assert set(prep.subsets[0]) <= set(prep.subsets[1])
    np.testing.assert_array_equal(prep.labelled, np.arange(digits.n_train))
    mnist_like = SimpleNamespace(y_train=np.repeat(np.arange(10), 600), n_classes=10, n_train=6000, n_test=10,
                                 x_test=None)
    big = lab.prepare(lab.FeaturesConfig(budgets=(100, 0)), mnist_like)
    assert big.budgets == [100, lab.MAX_LABELS]  # "all" is capped at the probe's 5,000 rows, balanced
    assert np.bincount(mnist_like.y_train[big.subsets[1]]).tolist() == [500] * 10


def test_probe_per_budget_is_the_linear_probe(digits):
    cfg = lab.FeaturesConfig(budgets=(50, 200))
    prep = lab.prepare(cfg, digits)
    r = lab.measure_hand(prep, cfg, "pixels")
    rows = prep.subsets[0]
    assert r.accuracy[0] == linear_probe(digits.x_train[rows], digits.y_train[rows], digits.x_test, digits.y_test,
                                         0, max_rows=50)
    assert r.dim == 64 and len(r.classify_seconds) == 2 and r.fit_seconds >= 0
    pca = lab.measure_hand(prep, cfg, "pca")
    assert pca.dim == 32 and all(0.3 < a <= 1 for a in pca.accuracy)


def test_ae_specs_share_everything_but_the_variant():
    specs = lab.ae_specs(lab.FeaturesConfig(code=24, hidden=(96,), epochs=7))
    assert list(specs) == list(lab.AE_VARIANTS)
    assert {s.model.latent for s in specs.values()} == {24} and {s.train.epochs for s in specs.values()} == {7}
    assert {s.model.hidden for s in specs.values()} == {(96,)} and len({s.data for s in specs.values()}) == 1
    assert specs["stacked"].model.finetune_epochs == 0 and specs["stacked"].train.lr == 1e-2
    assert specs["ae"].train.lr == 1e-3


def test_summary_and_figures_on_hand_made_results():
    def fr(name, acc):
        return lab.FeatureResult(name, 8, 1.5, [20, 100], acc, [0.1, 0.2])

    results = {"pixels": fr("pixels", [0.6, 0.9]), "hog": fr("hog", [0.65, 0.95]), "ae": fr("ae", [0.7, 0.92])}
    s = lab.summary(results)
    assert s["best"] == ["ae", "hog"] and s["best_code"] == ["ae", "ae"] and s["best_hand"] == ["hog", "hog"]
    fig = plots.accuracy_figure(results)
    assert [tr.name for tr in fig.data] == ["pixels", "hog", "ae"] and list(fig.data[2].y) == [0.7, 0.92]
    assert list(fig.layout.xaxis.tickvals) == [20, 100] and fig.layout.xaxis.type == "log"
    cost = plots.cost_figure(results)
    assert list(cost.data[0].x) == [1.5] * 3 and list(cost.data[1].x) == pytest.approx([0.3] * 3)


def test_comparison_task_measures_hand_features_and_finished_jobs(digits):
    cfg = lab.FeaturesConfig(budgets=(20, 100), epochs=2, test_rows=200)
    fit = Fit(lab.ae_specs(cfg, ["ae"])["ae"], evaluate=False).run()
    done = threading.Event()
    done.set()
    jobs = {"ae": SimpleNamespace(done=done, result=fit), "vae": SimpleNamespace(done=done, result=None)}
    task = lab.ComparisonTask(cfg, jobs).start()
    assert task.done.wait(300), "the comparison did not finish"
    assert task.error == "" and task.progress == 1.0
    res = task.snapshot()
    assert list(res) == [*lab.HAND, "ae"]  # the failed "vae" job leaves no row
    assert res["ae"].dim == 32 and res["ae"].fit_seconds >= fit.train.train_seconds
    assert len(res["hog"].accuracy) == 2


def wait_task(at):
    task = at.session_state["features.task"]
    assert task.done.wait(TIMEOUT), "the comparison did not finish"
    deadline = time.time() + 60
    while any(k in at.session_state[state.ACTIVE] and manager().get(at.session_state[state.ACTIVE][k]) is not None
              and manager().get(at.session_state[state.ACTIVE][k]).snapshot().active
              for k in (f"features.ae.{v}" for v in lab.AE_VARIANTS)) and time.time() < deadline:
        time.sleep(0.5)
    return task


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_features_page_runs_the_comparison_and_draws_it(monkeypatch, lang):
    if not dataset_info("digits").available:
        pytest.skip("digits missing")
    short = dataclasses.replace(lab.PAGE_RUNS["digits"], epochs=2, budgets=(20, 100))
    monkeypatch.setitem(lab.PAGE_RUNS, "digits", short)
    at = ok(open_app("pages/features.py", lang=lang))
    at.button(key="features.go").click().run()
    ok(at)
    labels = [rec["label"] for rec in at.session_state[state.JOB_LOG].values()]  # i18n.Text: drawn when shown
    assert [(x.key, dict(x.params)["name"].key) for x in labels] == [("features.job", f"v.{v}") for v in lab.AE_VARIANTS]
    task = wait_task(at)
    ok(at.run())
    res = task.snapshot()
    assert list(res) == [*lab.HAND, *lab.AE_VARIANTS], task.error
    zh = lang == "zh"
    acc = titled(at, "测试准确率与有标签样本数" if zh else "against the number of labelled examples")
    assert len(acc["data"]) == 11
    by_name = {tr["name"]: arr(tr["y"]) for tr in acc["data"]}
    np.testing.assert_allclose(by_name[TABLE["features.name.hog"][lang]], res["hog"].accuracy)
    np.testing.assert_allclose(by_name[TABLE["features.code.vae"][lang].format(name=TABLE["v.vae"][lang])],
                               res["vae"].accuracy)
    cost = titled(at, "代价" if zh else "costs")
    np.testing.assert_allclose(arr(cost["data"][0]["x"]), [max(r.fit_seconds, 1e-3) for r in res.values()])
    text = " ".join(m.value for m in at.markdown)
    s = lab.summary(res)
    assert f"{res[s['best'][0]].accuracy[0]:.1%}" in text
    assert ("数字说明了什么" if zh else "What the numbers show") in text
    frame = at.table[0].value
    assert len(frame) == 11 and frame.iloc[0, 1] == f"{res['pixels'].accuracy[0]:.1%}"
    assert frame.index[0] == TABLE["features.name.pixels"][lang]
