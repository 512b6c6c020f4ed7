"""A language switch keeps every translated choice selected, with its internal value.

Streamlit sends an option widget's value to the browser as its label and takes the label back; a
switch changes the labels under an unchanged widget id. Unless the server re-sends the value in
the new language, the browser keeps the old label: no option shows as selected and the next edit
sends the stale label back (the KeyError of issue 11). AppTest serializes from the Python value,
so it cannot replay that stale label; what it can see is whether the server re-sent the value
(``set_value`` with the new label) — the browser tests check the rest.
"""

from __future__ import annotations

import pytest
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.testing.v1 import AppTest

from aecore.serving.jobs import manager
from pages.common import i18n, nav, state

TIMEOUT = 90
KINDS = ("radio", "selectbox", "multiselect", "button_group", "select_slider")


def open_app(path: str, lang: str) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=TIMEOUT)
    at.session_state[state.LANG] = lang
    if path == "pages/latent.py":  # the Latent page needs a trained model to show its choices
        at.switch_page("pages/basics.py").run()
        at.number_input(key="basics.epochs").set_value(1).run()
        at.button(key="basics.train").click().run()
        assert manager().get(at.session_state[state.ACTIVE]["basics"]).done.wait(TIMEOUT)
        at.run()
    at.switch_page(path).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def drawn_language(at: AppTest, monkeypatch) -> AppTest:
    """AppTest evaluates a widget's format_func in the test's thread, where Streamlit knows no
    session: there ``lang()`` answers the language the page was last drawn in."""
    session_lang = i18n.lang
    monkeypatch.setattr(i18n, "lang", lambda: session_lang() if get_script_run_ctx() else at.session_state[state.LANG])
    return at


def choices(at: AppTest) -> dict:
    """Keyed option widgets on the page: key → element."""
    return {el.key: el for kind in KINDS for el in at.get(kind) if getattr(el, "key", None)}


def labels(el) -> list[str]:
    return [o.content for o in el.proto.options] if el.type == "button_group" else list(el.proto.options)


def sent(el) -> list[str]:
    """The value the server sent to the browser, as labels."""
    if el.type in ("radio", "selectbox"):
        return [el.proto.raw_value]
    return list(el.proto.raw_values)


def values(el) -> list:
    return list(el.value) if isinstance(el.value, (list, tuple)) else [el.value]


@pytest.mark.parametrize("start,to", [("en", "zh"), ("zh", "en")])
@pytest.mark.parametrize("path", [p.path for p in nav.PAGES], ids=[p.key for p in nav.PAGES])
def test_a_language_switch_resends_every_translated_choice(path, start, to, monkeypatch):
    at = drawn_language(open_app(path, start), monkeypatch)
    before = {key: (labels(el), values(el)) for key, el in choices(at).items()}
    at.segmented_control(key=state.LANG).set_value(to).run()
    assert not at.exception, [e.value for e in at.exception]
    relabelled = []
    for key, el in choices(at).items():
        if key not in before or labels(el) == before[key][0]:
            continue  # language-free labels (numbers, data-set names): nothing stale to fix
        relabelled.append(key)
        assert values(el) == before[key][1], f"{key}: the choice changed with the language"
        assert el.proto.set_value, f"{key}: the new labels were sent without the value (browser keeps the old label)"
        assert sent(el) == [el.format_func(v) for v in values(el)], key
    assert state.MODE in relabelled  # the sidebar's Beginner/Advanced switch, on every page


@pytest.mark.parametrize("page", ["basics", "sparse", "stacked"])
def test_the_optimizer_keeps_its_internal_value_through_switches_and_edits(page, monkeypatch):
    at = open_app(f"pages/{page}.py", "en")
    drawn, session_lang = {"lang": "en"}, i18n.lang  # as above: the test thread uses the drawn language
    monkeypatch.setattr(i18n, "lang", lambda: session_lang() if get_script_run_ctx() else drawn["lang"])
    key = f"{page}.optimizer"
    at.radio(key=key).set_value("lbfgs").run()
    for lang in ("zh", "en", "zh"):
        at.segmented_control(key=state.LANG).set_value(lang).run()
        drawn["lang"] = lang
        at.number_input(key=f"{page}.epochs").increment().run()
        at.segmented_control(key=state.MODE).set_value("advanced" if lang == "zh" else "beginner").run()
        assert not at.exception, [e.value for e in at.exception]
        assert at.session_state[key] == "lbfgs"
        assert at.radio(key=key).index == 1
    # the URL names the optimizer only where it is not the page's default
    assert at.query_params.get("optimizer", "lbfgs") == "lbfgs"


def test_an_unknown_optimizer_in_the_link_falls_back_to_the_default():
    at = AppTest.from_file("../app.py", default_timeout=TIMEOUT)
    at.session_state[state.LANG] = "zh"
    at.query_params["optimizer"] = "L-BFGS (full batch)"
    at.switch_page("pages/basics.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["basics.optimizer"] == "adam"
