"""Latent space and Compare: projections, the background projector, the comparison table, both pages.

Core checks are small and seeded. The projector's queue is tested with a stand-in for
``project`` (UMAP's first call compiles for a minute); one real UMAP run is behind ``slow``.
AppTest drives both pages with 1–2 epoch jobs on ``digits``.
"""

from __future__ import annotations

import base64
import csv
import dataclasses
import io
import json
import threading
import time

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from aecore import DataConfig, FitSpec, TrainConfig, fit, variant
from aecore.measure import comparison
from aecore.measure.metrics import encode, linear_probe, mse, psnr, reconstruct
from aecore.plots.common import latent_scatter_figure
from aecore.serving import projection as pj
from aecore.serving.jobs import manager
from aecore.store import runs as runstore
from pages.common import state
from pages.common.i18n import TABLE

TIMEOUT = 90


def blobs(n: int = 300, k: int = 8, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    z = rng.normal(size=(n, k)).astype(np.float32) + 4 * np.eye(3, k, dtype=np.float32)[y]
    return z, y


def arr(v) -> np.ndarray:
    """A plotly JSON array: a list, or plotly's typed array {"dtype", "bdata"}."""
    if isinstance(v, dict) and "bdata" in v:
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=v["dtype"])
    return np.asarray(v)


def npoints(fig: dict) -> int:
    return sum(len(arr(d["x"])) for d in fig["data"])


# ---- projections --------------------------------------------------------------------------
def test_pca_2d_matches_the_top_principal_components_up_to_sign():
    from sklearn.decomposition import PCA

    z, _ = blobs()
    got = pj.pca_2d(z)
    ref = PCA(2).fit_transform(z.astype(np.float64))
    assert got.method == "pca" and got.coords.shape == (300, 2) and np.array_equal(got.rows, np.arange(300))
    for j in range(2):
        assert min(np.abs(got.coords[:, j] - ref[:, j]).max(), np.abs(got.coords[:, j] + ref[:, j]).max()) < 1e-3
    assert np.array_equal(pj.pca_2d(z).coords, got.coords)  # the same codes draw the same picture


def test_natural_2d_uses_the_code_itself_when_it_is_narrow():
    z, _ = blobs(k=2)
    assert np.array_equal(pj.natural_2d(z).coords, z) and pj.natural_2d(z).method == "code"
    one = pj.natural_2d(z[:, :1])
    assert one.method == "index" and np.array_equal(one.coords[:, 0], np.arange(300))
    assert pj.natural_2d(blobs(k=3)[0]) is None


@pytest.mark.parametrize("bad", [np.zeros((0, 3)), np.zeros(5), np.array([[0.0, np.nan, 1.0]])])
def test_bad_codes_are_refused_with_a_reason(bad):
    with pytest.raises(ValueError, match="codes"):
        pj.pca_2d(bad)


def test_codes_digest_changes_with_the_codes_and_only_then():
    z, _ = blobs()
    assert pj.codes_digest(z) == pj.codes_digest(z.copy())
    z2 = z.copy()
    z2[0, 0] += 1e-3
    assert pj.codes_digest(z2) != pj.codes_digest(z)
    assert pj.codes_digest(z[:, :4]) != pj.codes_digest(z[:, 4:])


def test_tsne_subsamples_large_sets_with_a_seed():
    z, _ = blobs(n=120)
    p = pj.tsne_2d(z, perplexity=10, max_points=80)
    assert p.coords.shape == (80, 2) and p.subsampled and np.all(np.diff(p.rows) > 0)
    assert np.array_equal(pj.tsne_2d(z, perplexity=10, max_points=80).rows, p.rows)
    with pytest.raises(ValueError, match="perplexity"):
        pj.tsne_2d(z, perplexity=500)


def test_project_names_the_allowed_methods():
    with pytest.raises(ValueError, match="pca, umap, tsne"):
        pj.project(blobs()[0], "isomap")


@pytest.mark.slow
def test_umap_separates_blobs_and_reports_progress(request):
    if "slow" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("UMAP compiles for about a minute: run with -m slow")
    z, y = blobs(n=400)
    seen = []
    p = pj.umap_2d(z, n_epochs=50, report=lambda phase, f: seen.append((phase, f)))
    assert p.coords.shape == (400, 2) and np.isfinite(p.coords).all()
    assert ("layout", 1.0) in seen
    centres = np.array([p.coords[y == c].mean(0) for c in range(3)])
    spread = max(p.coords[y == c].std(0).max() for c in range(3))
    assert min(np.linalg.norm(centres[i] - centres[j]) for i in range(3) for j in range(i)) > 2 * spread


# ---- the background projector ------------------------------------------------------------------
@pytest.fixture
def slow_project(monkeypatch):
    """A stand-in runner that waits for ``release`` and records its calls; the app's projector uses it."""
    release, calls = threading.Event(), []

    def fake(task, report):
        calls.append((task.method, task.params))
        if task.params.get("fail"):
            raise ValueError("no good")
        report("layout", 0.5)
        release.wait(10)
        return dataclasses.replace(pj.pca_2d(task.codes), method=task.method)

    monkeypatch.setattr(pj.projector, "instance", pj.Projector(run=fake))
    return release, calls, fake


def wait(task, timeout=10.0):
    deadline = time.time() + timeout
    while task.pending and time.time() < deadline:
        time.sleep(0.01)
    return task


def test_projector_caches_by_codes_method_and_settings(slow_project):
    release, calls, fake = slow_project
    p = pj.Projector(run=fake)
    z, _ = blobs()
    a = p.submit(z, "umap", {"n_neighbors": 10})
    assert a.pending and p.submit(z.copy(), "umap", {"n_neighbors": 10}) is a  # the same task while it runs
    release.set()
    assert wait(a).status == "done" and np.array_equal(a.result.coords, pj.pca_2d(z).coords)
    assert p.submit(z, "umap", {"n_neighbors": 10}) is a and len(calls) == 1  # cached
    b = p.submit(z, "umap", {"n_neighbors": 30})
    assert b is not a and wait(b).status == "done"  # other settings: another task
    assert p.get(pj.Projector.key(z, "tsne", {})) is None
    with pytest.raises(ValueError, match="umap, tsne"):
        p.submit(z, "pca")


def test_projector_drops_superseded_requests_of_one_group_and_survives_failures(slow_project):
    release, calls, fake = slow_project
    p = pj.Projector(run=fake)
    z, _ = blobs()
    first = p.submit(z, "umap", {}, group="s1")
    while first.status != "running":
        time.sleep(0.01)
    second = p.submit(z, "umap", {"n_epochs": 50}, group="s1")
    other = p.submit(z, "tsne", {}, group="s2")
    third = p.submit(z, "umap", {"n_epochs": 60}, group="s1")
    assert second.status == "dropped" and p.get(second.key) is None  # never ran
    assert p.queue_position(other) == 1 and p.queue_position(third) == 2
    release.set()
    assert wait(third).status == "done" and wait(other).status == "done" and wait(first).status == "done"
    assert [c[1] for c in calls] == [{}, {}, {"n_epochs": 60}]
    bad = wait(p.submit(z, "umap", {"fail": True}))
    assert bad.status == "failed" and bad.error == "no good"
    assert wait(p.submit(z, "umap", {})).status == "done"  # the worker lives on


def test_warm_up_runs_once(slow_project):
    release, _, fake = slow_project
    release.set()
    p = pj.Projector(run=fake)
    task = p.warm_up()
    assert p.warm_up() is task and task.phase == "compile"
    assert wait(task).status == "done"


def test_worker_process_computes_reports_errors_and_restarts():
    """The real worker: a child process without torch; its errors come back; it is restarted after a crash."""
    run = pj.WorkerProcess()
    p = pj.Projector(run=run)
    z, _ = blobs(n=60)
    seen = []
    task = p.submit(z, "tsne", {"perplexity": 5})
    ok = wait(task, 120)
    assert ok.status == "done", ok.error
    assert ok.result.coords.shape == (60, 2) and ok.result.method == "tsne"
    assert np.allclose(ok.result.coords, pj.tsne_2d(z, perplexity=5).coords, atol=1e-3)  # the same computation
    bad = wait(p.submit(z, "tsne", {"perplexity": 500}), 60)
    assert bad.status == "failed" and "perplexity must be between 2 and 100" in bad.error
    pid = run.proc.pid
    run.proc.kill()
    run.proc.wait()
    again = wait(p.submit(z, "tsne", {"perplexity": 6}), 120)
    assert again.status == "done" and run.proc.pid != pid
    seen.append(run.proc)
    run.proc.stdin.close()  # the app ends: the worker ends with it
    assert seen[0].wait(30) == 0


# ---- selections, export, the map figure ---------------------------------------------------------
def test_selected_rows_reads_customdata_in_selection_order():
    points = [{"customdata": 7}, {"customdata": [3]}, {"customdata": 7}, {"x": 1.0}, {"customdata": True}]
    assert pj.selected_rows(points) == [7, 3]


def test_sample_rows_is_seeded_sorted_and_capped():
    assert np.array_equal(pj.sample_rows(50, 100), np.arange(50))
    r = pj.sample_rows(20000, 20000)
    assert len(r) == pj.MAX_POINTS and np.all(np.diff(r) > 0)
    assert np.array_equal(pj.sample_rows(1000, 10, seed=3), pj.sample_rows(1000, 10, seed=3))


def test_map_figure_is_webgl_one_trace_per_class_with_rows_on_hover():
    z, y = blobs(n=60)
    rows, proj = np.arange(100, 160), pj.pca_2d(z)
    fig = latent_scatter_figure(proj.coords, y[proj.rows], ("a", "b", "c"), rows=rows[proj.rows], hover=("row", "label"),
                                uirevision="m1")
    spec = json.loads(fig.to_json())
    assert [d["type"] for d in spec["data"]] == ["scattergl"] * 3
    assert [d["name"] for d in spec["data"]] == ["a", "b", "c"]
    assert sorted(v for d in spec["data"] for v in arr(d["customdata"])) == list(range(100, 160))
    assert "row %{customdata}" in spec["data"][0]["hovertemplate"] and spec["layout"]["uirevision"] == "m1"
    plain = json.loads(latent_scatter_figure(proj.coords, rows=rows[proj.rows]).to_json())
    assert len(plain["data"]) == 1 and plain["layout"]["showlegend"] is False


def test_export_csv_has_rows_labels_coordinates_and_codes():
    z, y = blobs(n=30, k=3)
    rows = np.arange(30) * 2
    p = pj.tsne_2d(z, perplexity=5, max_points=20)
    table = list(csv.DictReader(io.StringIO(pj.export_csv(p, z, rows, y, ("a", "b", "c")))))
    assert list(table[0]) == ["row", "label", "class", "tsne_1", "tsne_2", "z1", "z2", "z3"]
    assert len(table) == 20
    i = p.rows[4]
    assert int(table[4]["row"]) == rows[i] and int(table[4]["label"]) == y[i]
    assert float(table[4]["z2"]) == pytest.approx(z[i, 1], rel=1e-5)


# ---- the comparison table ------------------------------------------------------------------------
@pytest.mark.parametrize("values,better,best", [
    ({"a": 1.0, "b": 2.0}, "lower", {"a"}),
    ({"a": 1.0, "b": 2.0}, "higher", {"b"}),
    ({"a": 1.0, "b": 1.0, "c": 3.0}, "lower", {"a", "b"}),  # ties share the star
    ({"a": 1.0, "b": 1.0}, "lower", set()),  # all equal: nothing to point out
    ({"a": 1.0, "b": None}, "lower", set()),  # one number is no comparison
    ({"a": 1.0, "b": float("nan"), "c": 0.5}, "lower", {"c"}),
    ({"a": 1.0, "b": 2.0}, None, set()),  # descriptive rows get no star
])
def test_best_columns(values, better, best):
    assert comparison.best_columns(values, better) == best


def test_best_columns_names_the_directions():
    with pytest.raises(ValueError, match="'lower', 'higher' or None"):
        comparison.best_columns({"a": 1, "b": 2}, "smaller")


def test_with_variant_shares_the_setting_and_keeps_each_variant_s_own_defaults():
    shared = FitSpec(DataConfig("digits", seed=3), variant("ae").config_class(latent=8, hidden=(32,), activation="tanh"),
                     TrainConfig(epochs=7, seed=5))
    for name in ("ae", "sparse", "denoising", "contractive", "vae"):
        spec = shared.with_variant(name)
        assert spec.data == shared.data and spec.train == shared.train and spec.model.variant == name
        assert (spec.model.latent, spec.model.hidden, spec.model.activation) == (8, (32,), "tanh")
    assert shared.with_variant("sparse").model.rho == variant("sparse").config_class().rho


def test_corruption_is_the_same_draw_for_everyone_and_stays_in_range():
    x = np.random.default_rng(1).random((50, 10), dtype=np.float32)
    a, b = comparison.corrupted(x, True), comparison.corrupted(x.copy(), True)
    assert np.array_equal(a, b) and a.min() >= 0 and a.max() <= 1 and not np.array_equal(a, x)
    assert np.std(np.clip(x + 0.3 * np.random.default_rng(0).standard_normal(x.shape), 0, 1) - a) < 1e-6
    s = comparison.corrupted(x * 10 - 5, False)
    assert s.min() >= (x * 10 - 5).min() and s.max() <= (x * 10 - 5).max()


@pytest.fixture(scope="module")
def trained():
    """Tiny models on digits: a plain AE, a sparse AE and a VAE of the same size."""
    out = {}
    for name in ("ae", "sparse", "vae"):
        cfg = variant(name).config_class(latent=4, hidden=(16,))
        out[name] = fit(FitSpec(DataConfig("digits"), cfg, TrainConfig(epochs=2, device="cpu")))
    return out


def test_measure_takes_every_measure_the_same_way_for_every_model(trained):
    ds = trained["ae"].dataset
    m = {k: comparison.measure(r.model, r.dataset, r.metrics["train_seconds"]) for k, r in trained.items()}
    for name, r in trained.items():
        got = m[name]
        assert set(got) == {ms.key for ms in comparison.MEASURES}
        assert got["test_mse"] == pytest.approx(mse(reconstruct(r.model, ds.x_test), ds.x_test))
        noisy = comparison.corrupted(ds.x_test, True)
        assert got["psnr_corrupted"] == pytest.approx(psnr(reconstruct(r.model, noisy), ds.x_test))
        z = encode(r.model, ds.x_test)
        assert got["probe_accuracy"] == linear_probe(encode(r.model, ds.x_train), ds.y_train, z, ds.y_test, 0)
        assert got["probe_accuracy"] == pytest.approx(r.metrics["probe_accuracy"])  # the page's own number too
        assert got["jacobian_frobenius"] == pytest.approx(r.metrics["jacobian_frobenius"], rel=1e-5)
        assert 0 <= got["dead_units"] <= 4 and got["mean_activation"] > 0
        assert got["train_seconds"] == r.metrics["train_seconds"]
        assert comparison.measure(r.model, r.dataset, r.metrics["train_seconds"]) == got  # seeded: repeatable
    assert (m["ae"]["code_units"], m["sparse"]["code_units"], m["vae"]["code_units"]) == (
        "linear", "sigmoid", "gaussian_mean")
    assert m["ae"]["vae_kl"] is None and m["sparse"]["vae_kl"] is None and m["vae"]["vae_kl"] > 0


def test_table_marks_the_best_and_leaves_empty_rows_out(trained):
    m = {k: comparison.measure(r.model, r.dataset, r.metrics["train_seconds"]) for k, r in trained.items()
         if k != "vae"}
    rows = comparison.table(m)
    keys = [ms.key for ms, _, _ in rows]
    assert "vae_kl" not in keys and keys[0] == "test_mse"
    mse_row = rows[0]
    assert mse_row[2] == {min(m, key=lambda k: m[k]["test_mse"])}
    assert next(best for ms, _, best in rows if ms.key == "mean_activation") == set()
    table = list(csv.DictReader(io.StringIO(comparison.table_csv(m, {"ae": "Plain", "sparse": "Sparse"}))))
    assert list(table[0]) == ["measure", "Plain", "Sparse", "better", "best"]
    assert table[0]["measure"] == "test_mse" and table[0]["better"] == "lower"
    assert float(table[0]["Plain"]) == pytest.approx(m["ae"]["test_mse"], rel=1e-5)


def test_relative_curve_divides_each_objective_by_its_first_epoch():
    history = [{"epoch": 1, "phase": "train", "train_loss": 9.0, "val_loss": 4.0},
               {"epoch": 2, "phase": "train", "train_loss": 5.0, "val_loss": 2.0},
               {"epoch": 1, "phase": "finetune", "train_loss": 1.0, "val_loss": 0.1}]
    assert comparison.relative_curve(history) == ([1.0, 2.0], [1.0, 0.5])
    no_val = [{"epoch": 1, "train_loss": 8.0, "val_loss": None}, {"epoch": 2, "train_loss": 2.0, "val_loss": None}]
    assert comparison.relative_curve(no_val) == ([1.0, 2.0], [1.0, 0.25])
    assert comparison.relative_curve([{"epoch": 1, "val_loss": -3.0}]) == ([], [])
    assert comparison.relative_curve([]) == ([], [])


# ---- the pages ------------------------------------------------------------------------------------
def open_app(page: str, lang: str = "en", **query) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=TIMEOUT)
    at.session_state[state.LANG] = lang
    for k, v in query.items():
        at.query_params[k] = v
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def charts(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def finish_jobs(at: AppTest, keys) -> None:
    for key in keys:
        job = manager().get(at.session_state[state.ACTIVE][key])
        assert job.done.wait(TIMEOUT) and job.status == "done", job.message
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def captions(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


def test_latent_page_maps_a_trained_model_and_swaps_in_a_background_projection(slow_project):
    release, _, _ = slow_project
    at = open_app("pages/sparse.py")
    at.number_input(key="sparse.epochs").set_value(1).run()
    at.button(key="sparse.train").click().run()
    finish_jobs(at, ["sparse"])
    at.switch_page("pages/latent.py").run()
    assert not at.exception, [e.value for e in at.exception]
    scatter = [c for c in charts(at) if c["data"] and c["data"][0]["type"] == "scattergl"][0]
    ds = at.session_state[state.RESULTS]["sparse"].result.dataset
    assert len(scatter["data"]) == 10 and npoints(scatter) == ds.n_test
    assert "%{customdata}" in scatter["data"][0]["hovertemplate"] and scatter["layout"]["uirevision"]
    assert scatter["layout"]["xaxis"]["title"]["text"] == "PC 1"
    assert at.download_button(key="latent.csv")
    at.segmented_control(key="latent.split").set_value("train").run()
    at.segmented_control(key="latent.method").set_value("umap").run()
    assert not at.exception
    assert TABLE["latent.meanwhile"]["en"] in captions(at)  # PCA while UMAP is computed
    scatter = [c for c in charts(at) if c["data"] and c["data"][0]["type"] == "scattergl"][0]
    assert npoints(scatter) == min(ds.n_train, pj.MAX_POINTS)
    release.set()
    deadline = time.time() + TIMEOUT  # behind a real UMAP warm-up started by an earlier test, if any
    while TABLE["latent.meanwhile"]["en"] in captions(at) and time.time() < deadline:
        time.sleep(0.3)
        at.run()
    assert TABLE["latent.meanwhile"]["en"] not in captions(at)
    scatter = [c for c in charts(at) if c["data"] and c["data"][0]["type"] == "scattergl"][0]
    assert scatter["layout"]["xaxis"]["title"]["text"] == "UMAP 1"
    at.session_state[state.LANG] = "zh"
    at.run()
    assert not at.exception
    assert TABLE["latent.about"]["zh"].format(method="UMAP", n=ds.n_train, total=ds.n_train, k=64,
                                               split="训练集", secs=0)[:12] in captions(at)


def test_latent_page_on_a_two_number_code_draws_the_code_itself():
    at = open_app("pages/variational.py")
    at.number_input(key="variational.epochs").set_value(1).run()
    at.button(key="variational.train").click().run()
    finish_jobs(at, ["variational"])
    at.switch_page("pages/latent.py").run()
    assert not at.exception
    assert not [w for w in at.segmented_control if w.key == "latent.method"]  # nothing to project
    scatter = [c for c in charts(at) if c["data"] and c["data"][0]["type"] == "scattergl"][0]
    assert scatter["layout"]["xaxis"]["title"]["text"] == "z1"


def test_compare_reads_the_link_trains_through_the_queue_and_marks_the_best(tmp_path):
    at = open_app("pages/compare.py", variants="ae,sparse,stacked,bogus", map="tsne", epochs="2")
    assert at.pills(key="compare.pick").value == ["ae", "sparse"]  # unknown and unfair names dropped
    assert at.segmented_control(key="compare.method").value == "tsne"
    at.segmented_control(key="compare.method").set_value("pca").run()
    at.button(key="compare.train").click().run()
    finish_jobs(at, ["compare.ae", "compare.sparse"])
    cells = " ".join(str(v) for v in at.table[0].value.to_numpy().ravel())
    assert "★" in cells and "—" in cells
    specs = charts(at)
    curves = [c for c in specs if len(c["data"]) == 2 and c["data"][0]["name"] == "Plain AE"][0]
    assert [d["line"]["color"] for d in curves["data"]] == ["#4C78A8", "#F58518"]
    assert arr(curves["data"][0]["y"])[0] == pytest.approx(1.0)
    maps = [c for c in specs if c["data"] and c["data"][0]["type"] == "scattergl"]
    assert len(maps) == 2  # one latent map per column
    assert at.query_params["variants"] in ("ae,sparse", ["ae,sparse"])
    assert "map" not in at.query_params
    # a saved run joins as a third column
    runstore.save_run(at.session_state[state.RESULTS]["compare.ae"].result, name="cmp-run")
    at.run()
    at.multiselect(key="compare.runs").set_value(["cmp-run"]).run()
    assert not at.exception, [e.value for e in at.exception]
    table = at.table[0].value
    assert "💾 cmp-run" in table.columns and len(table.columns) == 4  # better + three models
    same = table.loc[TABLE["m.test_mse"]["en"]]
    assert same["💾 cmp-run"].rstrip(" ★") == same["Plain AE"].rstrip(" ★")  # same model, same number
    assert at.query_params["runs"] in ("cmp-run", ["cmp-run"])


def test_compare_page_in_chinese_and_with_too_few_variants():
    at = open_app("pages/compare.py", "zh", variants="ae")
    assert TABLE["compare.need"]["zh"] in captions(at)
    assert at.button(key="compare.train").disabled


def test_every_new_string_has_both_languages_and_no_clash():
    from pages.common.texts import compare, latent

    assert not set(latent.TEXTS) & set(compare.TEXTS)
    for module, prefix in ((latent, "latent."), (compare, "compare.")):
        for key, entry in module.TEXTS.items():
            assert key.startswith(prefix) and entry.get("en") and entry.get("zh"), key



@pytest.mark.slow
def test_four_default_variants_compare_to_a_table(request):
    """Plain, sparse, denoising and contractive on digits with the page's defaults end in one table
    (the time is printed; it was ~60 s on 2 cores)."""
    if "slow" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("four full trainings: run with -m slow")
    at = open_app("pages/compare.py", variants="ae,sparse,denoising,contractive")
    t0 = time.perf_counter()
    at.button(key="compare.train").click().run()
    finish_jobs(at, [f"compare.{n}" for n in ("ae", "sparse", "denoising", "contractive")])
    seconds = time.perf_counter() - t0
    print(f"four variants on digits, click to table: {seconds:.1f} s")
    assert len(at.table[0].value.columns) == 5
