"""The sidebar's job list (issue 11 §2 and §4): every job while it runs — one-click presets submitted
while the page draws, and each job of a multi-run page — with its own label and progress, in the
language of the moment (labels are keys, drawn when the list is drawn, not frozen at submit time).
"""

from __future__ import annotations

import pytest
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.testing.v1 import AppTest

from aecore.serving.jobs import manager
from pages.common import i18n, state
from pages.common.i18n import TABLE

TIMEOUT = 180


@pytest.fixture(autouse=True)
def drawn_language(monkeypatch):
    """AppTest evaluates format_func in the test's thread: there, the language last drawn."""
    session_lang, drawn = i18n.lang, {"lang": "en"}
    monkeypatch.setattr(i18n, "lang", lambda: session_lang() if get_script_run_ctx() else drawn["lang"])
    return drawn


def sidebar_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.sidebar.markdown) + "\n".join(c.value for c in at.sidebar.caption)


def stop_all(at: AppTest) -> None:
    for job_id in at.session_state[state.ACTIVE].values():
        job = manager().get(job_id)
        if job is not None:
            job.stop()
            job.done.wait(TIMEOUT)


def open_app(path: str, lang: str = "en", **query) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=TIMEOUT)
    at.session_state[state.LANG] = lang
    for k, v in query.items():
        at.query_params[k] = v
    at.switch_page(path).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_preset_job_submitted_while_the_page_draws_is_listed_at_once():
    at = open_app("pages/stacked.py")
    at.button(key="stacked.preset").click().run()  # the preset trains from the page's own run
    try:
        assert at.session_state[state.ACTIVE].get("stacked"), "the preset did not submit its job"
        text = sidebar_text(at)
        assert TABLE["v.stacked"]["en"] in text, text
        assert TABLE["jobs.none"]["en"] not in text
        assert any(w in text for w in (TABLE["short.queued"]["en"], TABLE["short.running"]["en"])), text
    finally:
        stop_all(at)


def test_each_job_of_a_multi_run_page_is_listed_with_its_own_label():
    at = open_app("pages/basics.py", epochs="40")
    at.button(key="basics.over.go").click().run()  # three overcomplete runs at once
    try:
        text = sidebar_text(at)
        for name in ("plain", "early_stopping", "weight_decay"):
            label = TABLE["basics.oc.label"]["en"].format(name=TABLE[f"basics.oc.{name}"]["en"])
            assert label in text, (label, text)
    finally:
        stop_all(at)


def test_job_labels_follow_the_language_after_a_switch(drawn_language):
    at = open_app("pages/basics.py", epochs="40")
    at.button(key="basics.train").click().run()
    try:
        assert TABLE["v.ae"]["en"] in sidebar_text(at)
        at.segmented_control(key=state.LANG).set_value("zh").run()
        drawn_language["lang"] = "zh"
        text = sidebar_text(at)
        assert TABLE["v.ae"]["zh"] in text and TABLE["v.ae"]["en"] not in text, text
        assert TABLE["sidebar.jobs"]["zh"] in text
    finally:
        stop_all(at)
    at.run()
    at.run()
    text = sidebar_text(at)  # finished (stopped) jobs keep a label in the language of the moment
    assert TABLE["v.ae"]["zh"] in text, text
