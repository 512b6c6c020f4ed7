"""Dead ends a newcomer hits first: empty Explore pages, the sidebar's job list, run import and
reopening, and the wording around one's own data. AppTest with tiny jobs on ``digits``.
"""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from aecore.serving.jobs import manager
from pages.common import state
from pages.common.i18n import TABLE
from tests.test_explore import open_app

TIMEOUT = 90




def finish(at: AppTest, *keys: str) -> None:
    """Wait for the page's jobs under ``keys``, then rerun (which collects them)."""
    for key in keys:
        job = manager().get(at.session_state[state.ACTIVE][key])
        assert job.done.wait(TIMEOUT) and job.status == "done", job.message
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def scatter_maps(at: AppTest) -> list[dict]:
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    return [s for s in specs if s["data"] and s["data"][0]["type"] == "scattergl"]


def sidebar_text(at: AppTest) -> str:
    return " ".join(m.value for m in at.sidebar.markdown)


# ---- Latent space and Compare open with one click, not empty -----------------------------------------
def test_latent_page_trains_a_default_model_in_one_click_and_then_maps_it():
    at = open_app("pages/latent.py")
    assert TABLE["latent.none"]["en"] in " ".join(i.value for i in at.info)
    button = at.button(key="latent.quick.train")
    assert not button.disabled and not scatter_maps(at)
    button.click().run()
    assert "latent.quick" in at.session_state[state.ACTIVE]  # through the job manager, not the script thread
    assert at.button(key="latent.quick.train").disabled
    assert "Plain AE" in sidebar_text(at)
    finish(at, "latent.quick")
    at.run()  # the live view's full rerun after the job ended
    assert not at.exception, [e.value for e in at.exception]
    pick = at.selectbox(key="latent.pick")
    assert pick.value == "page:latent.quick"  # a language-free id; its label says what it is
    picked = pick.options[pick.index]
    assert "digits" in picked and TABLE["v.ae"]["en"] in picked
    (scatter,) = scatter_maps(at)
    assert scatter["layout"]["xaxis"]["title"]["text"] == "PC 1"  # an 8-number code: projected
    assert not [b for b in at.button if b.key == "latent.quick.train"]  # the starter is gone


def test_compare_page_offers_its_default_comparison_in_one_click_beside_the_empty_result():
    at = open_app("pages/compare.py", epochs="2")
    quick = at.button(key="compare.quick")
    assert "Plain AE" in quick.label and "Denoising AE" in quick.label and "digits" in quick.label
    quick.click().run()
    assert {"compare.ae", "compare.denoising"} <= set(at.session_state[state.ACTIVE])
    assert not [b for b in at.button if b.key == "compare.quick"]  # gone while they train
    finish(at, "compare.ae", "compare.denoising")
    assert at.table and len(scatter_maps(at)) == 2
    assert not [b for b in at.button if b.key == "compare.quick"]


