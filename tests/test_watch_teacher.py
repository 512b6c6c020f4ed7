"""AppTest of teacher links: ``?hide=`` hides chosen controls (they still apply), ``?present=1`` larger type.

Both survive reruns, page switches and language switches; the sidebar's builder makes the link.
"""

from __future__ import annotations

import pytest

from pages.common import state, teacher
from pages.common.i18n import TABLE
from tests.test_app import charts, open_app
from tests.test_app_language import drawn_language

pytestmark = pytest.mark.filterwarnings("ignore:The given NumPy array is not writable")


def styles(at) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def test_parse_and_css_of_hidden_controls():
    assert teacher.parse_hide("optimizer, LR,nonsense,,") == ("lr", "optimizer")  # known names, fixed order
    assert teacher.parse_hide("") == () and teacher.parse_hide(None) == ()
    assert teacher.key_class("basics.lr") == "st-key-basics-lr"  # Streamlit's rule: [^A-Za-z0-9_-] → "-"
    css = teacher.hide_css(("lr", "language"))
    assert ".st-key-basics-lr" in css and ".st-key-variational-lr" in css and ".st-key-lang" in css
    assert "display: none" in css and teacher.hide_css(()) == ""
    assert teacher.link("basics", {"code": "2", "hide": "x"}, ("lr",), True, "http://h:8501/basics") == \
        "http://h:8501/basics?code=2&hide=lr&present=1"
    assert teacher.link("home", {}, (), False, "http://h:8501/") == "http://h:8501/"


def test_hide_keeps_the_value_and_survives_page_and_language_switches(monkeypatch):
    at = drawn_language(open_app("pages/basics.py", hide="optimizer,lr", lr="0.03", mode="advanced"), monkeypatch)
    css = styles(at)
    assert ".st-key-basics-lr" in css and ".st-key-basics-optimizer" in css
    assert at.select_slider(key="basics.lr").value == 0.03  # drawn (then hidden by CSS) and applied
    assert at.query_params["hide"] == "lr,optimizer"
    at.run()  # a rerun
    assert ".st-key-basics-lr" in styles(at)
    at.query_params.clear()  # what a page switch in the browser does to the address
    at.switch_page("pages/sparse.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert ".st-key-sparse-lr" in styles(at) and at.query_params["hide"] == "lr,optimizer"
    at.segmented_control(key=state.LANG).set_value("zh").run()  # the sidebar's language switch
    assert not at.exception, [e.value for e in at.exception]
    assert ".st-key-sparse-lr" in styles(at)
    assert at.multiselect(key="teacher.builder.hide").label == TABLE["teacher.hide"]["zh"]
    assert at.multiselect(key="teacher.builder.hide").value == ["lr", "optimizer"]
    at.query_params["hide"] = ""  # an empty ?hide= turns it off
    at.run()
    assert ".st-key-sparse-lr" not in styles(at) and "hide" not in at.query_params


def test_presentation_mode_enlarges_type_and_chart_fonts(monkeypatch):
    plain = open_app("pages/basics.py")
    at = drawn_language(open_app("pages/basics.py", present="1"), monkeypatch)
    assert "font-size: 125%" in styles(at) and "font-size: 125%" not in styles(plain)
    big, small = charts(at)[0]["layout"], charts(plain)[0]["layout"]
    assert big["font"]["size"] == 20 and "size" not in small.get("font", {})  # the template's 16 × 1.25
    at.switch_page("pages/variational.py").run()
    at.segmented_control(key=state.LANG).set_value("zh").run()
    assert "font-size: 125%" in styles(at) and at.query_params["present"] == "1"
    at.query_params["present"] = "0"
    at.run()
    assert "font-size: 125%" not in styles(at) and "present" not in at.query_params


def test_link_builder_makes_the_link_with_the_pages_settings(monkeypatch):
    at = drawn_language(open_app("pages/basics.py", code="4"), monkeypatch)
    at.multiselect(key="teacher.builder.hide").set_value(["optimizer", "epochs"]).run()
    at.toggle(key="teacher.builder.present").set_value(True).run()
    link = at.code[-1].value
    assert link.startswith("/basics?") and "code=4" in link and "hide=epochs,optimizer" in link
    assert link.endswith("present=1")
    assert "font-size: 125%" not in styles(at)  # building a link changes nothing here
    for lang in ("zh", "en"):
        at.segmented_control(key=state.LANG).set_value(lang).run()
        assert not at.exception, [e.value for e in at.exception]
        assert at.multiselect(key="teacher.builder.hide").value == ["optimizer", "epochs"]
        assert at.toggle(key="teacher.builder.present").label == TABLE["teacher.present"][lang]
