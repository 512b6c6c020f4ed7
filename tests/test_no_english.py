"""Nothing English on a 中文 page (issue 11 §2).

Every page is drawn in 中文 with AppTest — after a short default training where the page has
results, and along the main error paths (a bad upload, a bad run zip, a data set that is not
available offline, a failed job) — and every text it draws is checked for Latin words outside
the short allow-list of ``tests/latin.py``: widget labels, help, placeholders and options, prose,
alerts, metric tiles, table columns and cells, block labels, and the text fields of every Plotly
figure (titles, axes, legends, hover templates, annotations, colour-bar titles, categories).

The trainings are one or two epochs on ``digits``; a failing check names the element and the text.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.testing.v1 import AppTest

from aecore.serving.jobs import manager
from pages.common import i18n, nav, state
from tests.latin import leaks
from tests.page_text import texts

TIMEOUT = 180


@pytest.fixture(autouse=True)
def chinese_outside_the_script(monkeypatch):
    """AppTest evaluates widgets' format_func in the test's thread, where Streamlit knows no session:
    there the language is the one these pages are drawn in."""
    session_lang = i18n.lang
    monkeypatch.setattr(i18n, "lang", lambda: session_lang() if get_script_run_ctx() else "zh")


@pytest.fixture(autouse=True)
def empty_run_store(tmp_path, monkeypatch):
    """Each page starts from an empty run store: runs other tests saved (user-named) are not UI text."""
    monkeypatch.setenv("DIABOLO_RUNS_DIR", str(tmp_path / "runs"))


def open_zh(path: str, **query) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=TIMEOUT)
    at.session_state[state.LANG] = "zh"
    for k, v in query.items():
        at.query_params[k] = v
    at.switch_page(path).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def wait_all(at: AppTest) -> AppTest:
    """Wait for every job of the session, then rerun until the page has collected them."""
    for _ in range(6):
        active = list(at.session_state[state.ACTIVE].values())
        if not active:
            break
        for job_id in active:
            job = manager().get(job_id)
            if job is not None:
                assert job.done.wait(TIMEOUT), f"job {job_id} did not finish"
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def english(at: AppTest) -> list[str]:
    """'where: text → leaked words' for every drawn text with Latin words outside the allow-list."""
    found = []
    for where, text in texts(at):
        if where == f"sidebar:button_group[{state.LANG}].content" and text == "English":
            continue  # the language switch names each language in itself
        bad = leaks(text)
        if bad:
            found.append(f"{where}: {text[:160]!r} → {sorted(set(bad))}")
    return sorted(set(found))


def assert_chinese(at: AppTest) -> None:
    found = english(at)
    assert not found, "English on a 中文 page:\n" + "\n".join(found)


def tiny(at: AppTest, key: str) -> AppTest:
    """Train the page's default model for one epoch (stacked: one fine-tuning epoch too)."""
    at.number_input(key=f"{key}.epochs").set_value(1)
    if key == "stacked":
        at.number_input(key="stacked.finetune_epochs").set_value(1)
    at.run()
    at.button(key=f"{key}.train").click().run()
    return wait_all(at)


# ---- every page, empty and with results ---------------------------------------------------------
@pytest.mark.parametrize("path", [p.path for p in nav.PAGES])
def test_every_page_is_chinese_before_training(path):
    assert_chinese(open_zh(path))


@pytest.mark.parametrize("key", [p.key for p in nav.PAGES if p.variant])
def test_every_learn_page_is_chinese_with_results(key):
    at = tiny(open_zh(f"pages/{key}.py"), key)
    assert at.session_state[state.RESULTS][key].result is not None
    assert_chinese(at)


def test_latent_and_compare_are_chinese_with_results():
    at = open_zh("pages/latent.py")
    at.button(key="latent.quick.train").click().run()
    assert_chinese(wait_all(at))
    at = open_zh("pages/compare.py")
    at.number_input(key="compare.epochs").set_value(1).run()
    at.button(key="compare.train").click().run()
    assert_chinese(wait_all(at))


# ---- the main error paths -----------------------------------------------------------------------
def test_a_bad_upload_is_explained_in_chinese():
    at = open_zh("pages/basics.py")
    at.selectbox(key="basics.data").set_value("own").run()
    at.file_uploader(key="basics.own_upload").upload("mine.csv", b"1,2,3\n4,x,6\n" * 20, "text/csv").run()
    assert at.error, "the bad file was not refused"
    assert_chinese(at)


def test_a_bad_run_zip_is_refused_in_chinese():
    at = open_zh("pages/runs.py")
    bad = io.BytesIO()
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("config.json", "{}")
        zf.writestr("weights.pt", b"\x80\x04pickle")
    at.file_uploader(key="runs.upload").upload("run.zip", bad.getvalue(), "application/zip").run()
    assert at.error, "the bad zip was not refused"
    assert_chinese(at)


def test_an_unavailable_data_set_is_explained_in_chinese(monkeypatch):
    from aecore.data import public

    monkeypatch.setattr(public, "find_files", lambda name, explicit=None: None)  # no files anywhere
    at = open_zh("pages/basics.py", data="usps")
    assert at.warning or at.error, "MNIST should be unavailable here"
    assert_chinese(at)


def test_a_failed_job_is_reported_in_chinese():
    at = open_zh("pages/basics.py", lr="1", epochs="3", code="64", activation="linear")
    at.button(key="basics.train").click().run()
    wait_all(at)
    assert at.session_state[state.RESULTS]["basics"].status == "diverged"
    assert_chinese(at)
