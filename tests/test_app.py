"""AppTest checks of every page: renders in both languages, trains through the job manager.

Jobs are tiny (1 epoch on digits). Each test drives the app by widget keys, waits for the
job on the process-wide manager, reruns, and inspects the element tree.
"""

from __future__ import annotations

import io
import json
import types
import zipfile

import pytest
from streamlit.testing.v1 import AppTest

from aecore.serving.jobs import manager
from aecore.store import runs as runstore
from aecore.store import zips as runzip
from pages.common import nav, state
from pages.common.i18n import TABLE

TIMEOUT = 60
LEARN = [(p.key, p.path) for p in nav.PAGES if p.variant]


def open_app(page: str | None = None, lang: str = "en", **query) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=TIMEOUT)
    at.session_state[state.LANG] = lang
    for k, v in query.items():
        at.query_params[k] = v
    if page is not None:
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def charts(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def wait_for_job(at: AppTest, page_key: str):
    """The page's job from the manager, once it has finished."""
    job_id = at.session_state[state.ACTIVE].get(page_key)
    if job_id is None:  # a tiny job can finish, and be collected, within the very run that submitted it
        done = at.session_state[state.RESULTS][page_key]  # the manager forgot it: what the page kept
        return types.SimpleNamespace(status=done.status, message=done.message, result=done.result,
                                     spec=done.result.spec if done.result is not None else None)
    job = manager().get(job_id)
    assert job is not None
    assert job.done.wait(TIMEOUT), f"job {job_id} did not finish within {TIMEOUT} s"
    return job


def train_tiny(at: AppTest, key: str) -> AppTest:
    at.number_input(key=f"{key}.epochs").set_value(1)
    if key == "stacked":
        at.number_input(key="stacked.finetune_epochs").set_value(1)
    at.run()
    at.button(key=f"{key}.train").click().run()
    assert not at.exception, [e.value for e in at.exception]
    job = wait_for_job(at, key)
    assert job.status == "done", job.message
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", [p.path for p in nav.PAGES])
def test_every_page_renders_in_both_languages(page, lang):
    at = open_app(page, lang)
    key = next(p.key for p in nav.PAGES if p.path == page)
    title = at.title[0].value
    expected = TABLE["home.title" if key == "home" else f"nav.{key}"][lang]
    assert title == expected
    if key in dict(LEARN):  # the panel draws a few sample images of the data set
        assert any(c["data"] and c["data"][0]["type"] == "heatmap" for c in charts(at))
        assert [b.label for b in at.button][:2] == ([TABLE["btn.train"][lang], TABLE["btn.stop"][lang]])


def test_home_draws_the_chosen_architecture_as_a_diabolo():
    at = open_app("pages/basics.py")
    at.select_slider(key="basics.code").set_value(4).run()
    at.switch_page("pages/home.py").run()
    assert not at.exception
    fig = charts(at)[0]
    widths = [a["text"] for a in fig["layout"]["annotations"] if a["text"].startswith("<b>")]
    assert widths == ["<b>64</b>", "<b>128</b>", "<b>4</b>", "<b>128</b>", "<b>64</b>"]


@pytest.mark.parametrize("key,page", LEARN)
def test_learn_page_trains_and_shows_its_results(key, page):
    at = train_tiny(open_app(page), key)
    result = at.session_state[state.RESULTS][key].result
    assert result is not None and result.metrics["status"] == "done"
    specs = charts(at)
    rows = [c["layout"].get("yaxis", {}).get("ticktext") or [] for c in specs]  # Basics adds the error row,
    recon = [c for c, r in zip(specs, rows, strict=True)  # Denoising the corrupted one, Stacked its
             if r[:1] == ["original"] and ("reconstruction" in r or "after fine-tuning" in r)]  # two stages
    assert recon and len(recon[0]["data"][0]["z"]) > 0
    if key == "stacked":  # its losses per phase, each layer in its own panel (no one-axis loss chart)
        assert any("Greedy pretraining" in str(c["layout"].get("title", {}).get("text", "")) for c in specs)
    else:
        assert any(len(c["data"]) >= 2 and c["data"][-1].get("name") == "validation" for c in specs)
    shown = {m.label: m.value for m in at.metric}
    assert shown, "no key metrics shown"
    if "test MSE" in shown:  # computed, never hard-coded
        assert shown["test MSE"] == f"{result.metrics['test_mse']:.4g}"
    assert at.session_state[state.ACTIVE] == {}
    assert all(manager().get(job_id) is None for job_id in at.session_state[state.JOB_LOG])  # model moved out


def test_url_settings_are_read_and_written_back():
    at = open_app("pages/sparse.py", code="8", epochs="3", rho="0.1")
    assert at.select_slider(key="sparse.code").value == 8
    assert at.number_input(key="sparse.epochs").value == 3
    assert at.select_slider(key="sparse.rho").value == 0.1
    at.select_slider(key="sparse.beta").set_value(1.0).run()
    assert at.query_params["beta"] == ["1"] or at.query_params["beta"] == "1"
    at.number_input(key="sparse.epochs").set_value(20).run()  # back to the default: dropped from the URL
    assert "epochs" not in at.query_params


def test_bad_url_value_is_ignored_with_a_warning():
    at = open_app("pages/basics.py", code="banana")
    assert at.select_slider(key="basics.code").value == 16
    assert any("code" in w.value for w in at.warning)


def test_advanced_mode_shows_more_settings_and_keeps_hidden_values():
    at = open_app("pages/basics.py")
    assert not [w for w in at.select_slider if w.key == "basics.lr"]
    at.session_state[state.MODE] = "advanced"
    at.run()
    at.select_slider(key="basics.lr").set_value(0.01).run()
    at.session_state[state.MODE] = "beginner"
    at.run()
    assert not at.exception
    at.button(key="basics.train").click().run()
    job = wait_for_job(at, "basics")
    assert job.spec.train.lr == 0.01  # hidden, still applied


def test_invalid_settings_are_explained_and_block_training():
    at = open_app("pages/variational.py", mode="advanced")
    at.session_state[state.MODE] = "advanced"
    at.run()
    at.selectbox(key="variational.data").set_value("moons").run()
    assert any("Bernoulli" in e.value for e in at.error)
    assert at.button(key="variational.train").disabled


def test_stop_keeps_the_weights_and_changing_a_widget_does_not_restart():
    at = open_app("pages/basics.py", epochs="500")
    at.button(key="basics.train").click().run()
    job_id = at.session_state[state.ACTIVE]["basics"]
    at.select_slider(key="basics.code").set_value(8).run()  # a widget change while training
    assert at.session_state[state.ACTIVE]["basics"] == job_id
    assert not at.exception
    at.button(key="basics.stop").click().run()
    job = wait_for_job(at, "basics")
    assert job.status in ("stopped", "done")
    at.run()
    pr = at.session_state[state.RESULTS]["basics"]
    assert pr.result is not None and pr.result.model is not None


def test_diverging_job_shows_the_trainers_message():
    at = open_app("pages/basics.py", lr="1", epochs="3", code="64", activation="linear")
    at.button(key="basics.train").click().run()
    job = wait_for_job(at, "basics")
    assert job.status == "diverged"
    at.run()
    assert any("diverged at step" in e.value and "learning rate" in e.value for e in at.error)
    assert at.session_state[state.JOB_LOG][job.id]["status"] == "diverged"


def test_session_end_cancels_its_jobs():
    at = open_app("pages/basics.py", epochs="500")
    at.button(key="basics.train").click().run()
    sid = at.session_state[state.SESSION]
    job = manager().get(at.session_state[state.ACTIVE]["basics"])
    state.SessionGuard(sid).release()  # what Streamlit's session-scoped cache calls on disconnect
    assert job.done.wait(10)
    assert manager().jobs(sid) == []


def test_same_seed_same_run():
    runs = []
    for _ in range(2):
        at = train_tiny(open_app("pages/basics.py"), "basics")
        runs.append(at.session_state[state.RESULTS]["basics"])
    assert runs[0].losses == runs[1].losses
    assert runs[0].result.metrics["test_mse"] == runs[1].result.metrics["test_mse"]


def test_save_list_open_rename_delete_and_import(tmp_path):
    at = train_tiny(open_app("pages/denoising.py"), "denoising")
    at.text_input(key="denoising.save_name").input("my-denoiser")
    at.button(key="denoising.save").click().run()
    assert not at.exception
    assert any(r.name == "my-denoiser" for r in runstore.list_runs())
    at.switch_page("pages/runs.py").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert "my-denoiser" in list(table.iloc[:, 0])
    # a saved run as the Latent page's model: loaded from disk, its data set reloaded
    at.switch_page("pages/latent.py").run()
    saved = next(r.path for r in runstore.list_runs() if r.name == "my-denoiser")
    at.selectbox(key="latent.pick").set_value(f"run:{saved}").run()  # options are language-free ids
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state[state.RESULTS]["latent"].saved_as == "my-denoiser"
    assert any(c["data"] and c["data"][0]["type"] == "scattergl" for c in charts(at))
    # the zip round trip, and a hostile zip that changes nothing
    path = next(r.path for r in runstore.list_runs() if r.name == "my-denoiser")
    data = runzip.export_zip(path)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert "weights.safetensors" in zf.namelist()
    before = {r.name for r in runstore.list_runs()}
    bad = io.BytesIO()
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("config.json", "{}")
        zf.writestr("weights.pt", b"\x80\x04pickle")
    with pytest.raises(ValueError):
        runzip.import_zip(bad.getvalue())
    assert {r.name for r in runstore.list_runs()} == before
    # open it in its page from a fresh session
    at2 = open_app("pages/runs.py")
    from pages.common import live  # noqa: F401  (the page uses it; keep import errors visible here)
    loaded = runstore.load_run(path)
    assert loaded.spec.model.variant == "denoising"
    runstore.rename_run(path, "renamed-denoiser")
    at2.run()
    assert "renamed-denoiser" in list(at2.dataframe[0].value.iloc[:, 0])
    runstore.delete_run(runstore.runs_root() / "renamed-denoiser")
    at2.run()
    assert not at2.exception


def test_compare_trains_variants_through_the_queue():
    at = open_app("pages/compare.py")
    at.number_input(key="compare.epochs").set_value(1).run()
    at.button(key="compare.train").click().run()
    for name in ("ae", "denoising"):
        wait_for_job(at, f"compare.{name}")
    at.run()
    assert not at.exception
    table = at.table[0].value
    assert "★" in "".join(str(v) for v in table.to_numpy().ravel())
    curves = [c for c in charts(at) if len(c["data"]) == 2 and c["data"][0]["name"] == "Plain AE"]
    assert curves and curves[0]["data"][0]["line"]["color"] == "#4C78A8"


def test_latent_page_draws_codes_of_a_trained_model():
    at = train_tiny(open_app("pages/variational.py"), "variational")
    at.switch_page("pages/latent.py").run()
    assert not at.exception
    scatter = [c for c in charts(at) if c["data"] and c["data"][0]["type"] == "scattergl"]
    assert scatter and len(scatter[0]["data"]) == 10  # one trace per digit class
