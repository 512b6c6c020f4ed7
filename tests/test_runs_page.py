"""The Runs page as a user meets it (AppTest): open a run in its page with its settings, import zips.

"Open in its page" must leave the page's panel and its address describing the run, so that
**Train** trains the same ``FitSpec`` again and the address, sent to someone, opens with it.
"""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from aecore import DataConfig, FitSpec, ModelConfig, TrainConfig, fit
from aecore.data.user import store_upload
from aecore.models.sparse import SparseConfig
from aecore.serving.jobs import manager
from aecore.store import runs as runstore
from pages.common import state
from tests.test_app_language import drawn_language
from tests.test_explore import open_app


def pick_run(at: AppTest, name: str) -> None:
    """Select the row of run ``name`` in the Runs table (what a click on the row does)."""
    rows = list(at.dataframe[0].value.iloc[:, 0])
    at.session_state["runs.table"] = {"selection": {"rows": [rows.index(name)], "columns": [], "cells": []}}
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def open_run(name: str) -> AppTest:
    at = open_app("pages/runs.py")
    pick_run(at, name)
    at.button(key="runs.open").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def query(at: AppTest) -> dict[str, str]:
    return {k: (v[0] if isinstance(v, list) else v) for k, v in at.query_params.items()}


def trained_spec(at: AppTest, page: str) -> FitSpec:
    """Press Train on ``page`` and return the spec of the job it submitted (the job is then cancelled)."""
    at.button(key=f"{page}.train").click().run()
    assert not at.exception, [e.value for e in at.exception]
    job = manager().get(at.session_state[state.ACTIVE][page])
    job.cancel()
    return job.spec


BASICS = FitSpec(DataConfig("digits", limit=300), ModelConfig(latent=3, hidden=(32,), activation="tanh"),
                 TrainConfig(epochs=2, lr=3e-3, batch_size=32, seed=7))
SPARSE = FitSpec(DataConfig("digits", limit=300), SparseConfig(latent=24, hidden=(), rho=0.1, beta=1.0),
                 TrainConfig(epochs=1, lr=1e-2, optimizer="adam", seed=3))


@pytest.fixture(scope="module")
def saved():
    """Runs with settings far from every page default, saved into the tests' run store."""
    return {name: runstore.save_run(fit(spec), name=name) for name, spec in
            (("restore-basics", BASICS), ("restore-sparse", SPARSE))}


def test_open_in_its_page_puts_the_run_s_settings_in_the_panel_and_the_address(saved):
    at = open_run("restore-basics")
    assert at.session_state[state.RESULTS]["basics"].saved_as == "restore-basics"  # the run is shown
    shown = {k: at.session_state[f"basics.{k}"] for k in ("data", "code", "epochs")}  # Beginner mode's widgets
    assert shown == {"data": "digits", "code": 3, "epochs": 2}
    assert at.number_input(key="basics.epochs").value == 2
    kept = {k: at.session_state[state.KEEP][f"basics.{k}"] for k in ("limit", "hidden", "activation", "lr",
                                                                       "batch", "seed")}  # Advanced ones
    assert kept == {"limit": 300, "hidden": (32,), "activation": "tanh", "lr": 3e-3, "batch": 32, "seed": 7}
    qp = query(at)
    assert {k: qp.get(k) for k in ("limit", "code", "hidden", "activation", "epochs", "lr", "batch", "seed")} == {
        "limit": "300", "code": "3", "hidden": "32", "activation": "tanh", "epochs": "2", "lr": "0.003",
        "batch": "32", "seed": "7"}
    assert "optimizer" not in qp  # at the page's default (Adam), so the panel left it out
    assert trained_spec(at, "basics") == BASICS
    # the address alone, in a new session, opens the page with the same settings
    fresh = open_app("pages/basics.py", **qp)
    assert trained_spec(fresh, "basics") == BASICS


def test_open_replaces_edited_settings_and_restores_hidden_ones_and_the_optimizer(saved):
    at = open_app("pages/runs.py")  # Beginner mode: lr, seed and hidden are not shown but apply
    pick_run(at, "restore-sparse")
    at.switch_page("pages/sparse.py").run()
    at.number_input(key="sparse.epochs").set_value(9).run()  # the page was used: its settings are kept
    at.switch_page("pages/runs.py").run()
    pick_run(at, "restore-sparse")
    at.button(key="runs.open").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["sparse.epochs"] == 1 and at.session_state["sparse.rho"] == 0.1
    assert query(at)["optimizer"] == "adam"  # the page's default is L-BFGS
    assert trained_spec(at, "sparse") == SPARSE


def test_a_run_on_an_uploaded_file_opens_with_that_file_and_no_path_in_the_address():
    rows = b"\n".join(b"%d,%d,%d,%d,%d" % (i % 7, i % 5, i % 3, i % 2, i % 4) for i in range(60))
    path = store_upload(rows, "class data.csv")
    spec = FitSpec(DataConfig(f"file:{path}"), ModelConfig(latent=2, hidden=(4,)), TrainConfig(epochs=1))
    runstore.save_run(fit(spec), name="restore-own")
    at = open_run("restore-own")
    assert query(at)["data"] == "own" and not any(str(path.parent) in v for v in query(at).values())
    shown = " ".join(c.value for c in at.caption)
    assert "class-data.csv" in shown and str(path.parent) not in shown
    assert trained_spec(at, "basics") == spec


def test_open_keeps_the_language(saved):
    at = open_app("pages/runs.py", lang="zh")
    pick_run(at, "restore-sparse")
    at.button(key="runs.open").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state[state.LANG] == "zh" and trained_spec(at, "sparse") == SPARSE


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_uploaded_table_is_described_as_a_table_and_a_too_wide_code_is_explained(lang, monkeypatch):
    rows = b"\n".join(b"%d,%d,%d,%d,%d" % (i % 7, i % 5, i % 3, i % 2, i % 4) for i in range(60))
    path = store_upload(rows, "sensor log.csv")
    spec = FitSpec(DataConfig(f"file:{path}"), ModelConfig(latent=6, hidden=(8,)), TrainConfig(epochs=1))
    runstore.save_run(fit(spec), name=f"wide-table-{lang}")
    at = drawn_language(open_app("pages/runs.py", lang=lang), monkeypatch)
    pick_run(at, f"wide-table-{lang}")
    at.button(key="runs.open").click().run()
    assert not at.exception, [e.value for e in at.exception]
    shown = " ".join(c.value for c in at.caption)
    assert {"en": "a table of 60 rows × 5 columns", "zh": "60 行 × 5 列的表格"}[lang] in shown
    assert "user file" not in shown and str(path.parent) not in shown
    titles = [json.loads(c.proto.spec).get("layout", {}).get("title", {}).get("text", "") for c in at.get("plotly_chart")]
    recon = [x for x in titles if {"en": "reconstructions", "zh": "重建"}[lang] in x]
    assert recon and all({"en": "Test examples and their", "zh": "测试样本及其重建"}[lang] in x for x in recon), recon
    notes = " ".join(i.value for i in at.info)
    assert {"en": "Your code (6 numbers) is at least as wide as the data (5 inputs)",
            "zh": "你的编码（6 个数）不比数据（5 个输入）窄"}[lang] in notes
    assert {"en": "choose a code smaller than 5", "zh": "小于 5 的编码大小"}[lang] in notes
    assert trained_spec(at, "basics") == spec  # explained, not refused


def test_a_wide_sparse_code_is_explained_as_intended():
    at = open_app("pages/sparse.py", code="96")  # digits: 64 inputs
    notes = " ".join(i.value for i in at.info)
    assert "(96 numbers) is at least as wide as the data (64 inputs)" in notes
    assert "sparsity penalty keeps most units silent" in notes
    at = open_app("pages/sparse.py", code="32")
    assert "at least as wide" not in " ".join(i.value for i in at.info)
