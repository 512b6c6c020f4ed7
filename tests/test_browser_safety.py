"""Bad files through the real uploaders, in a real browser: a clear message, nothing lost.

The cases come from ``test_hostile_inputs.CASES`` (those with the ``browser`` channel). On the
Runs page a good run zip is imported first, then every hostile zip is refused with its message
and the good run stays in the store. On the Basics page "Your own data" refuses every bad data
file with its message, accepts a good one, keeps it when a later file is bad, trains on it, and
refuses a run name with a slash while keeping the trained model.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aecore.store import runs as runstore
from tests.browser_support import EXCEPTION, open_page, shot
from tests.test_hostile_inputs import CASES, good_csv, zip_of

pytestmark = pytest.mark.browser
ERROR = '[data-testid="stAlertContentError"]'
UPLOAD = '[data-testid="stFileUploaderDropzoneInput"]'


def upload(page, name: str, data: bytes) -> None:
    page.locator(UPLOAD).first.set_input_files(files=[{"name": name, "mimeType": "application/octet-stream",
                                                        "buffer": data}])


def wait_for_message(page, pattern: str, selector: str = ERROR, timeout_s: float = 30) -> str:
    """Wait until an alert matching ``pattern`` shows; return its text."""
    deadline = page.evaluate("Date.now()") + timeout_s * 1000
    texts: list[str] = []
    while page.evaluate("Date.now()") < deadline:
        texts = page.locator(selector).all_inner_texts()
        hit = next((t for t in texts if re.search(pattern, " ".join(t.split()))), None)
        if hit is not None:
            return hit
        page.wait_for_timeout(250)
    raise AssertionError(f"no message matching {pattern!r}; shown: {texts}")


def runs_folder(page) -> Path:
    text = page.get_by_text("Runs folder:").first.inner_text()
    return Path(text.split(":", 1)[1].strip().strip("`"))


@pytest.fixture(scope="module")
def good_run_files():
    import tempfile

    from aecore import DataConfig, FitSpec, ModelConfig, TrainConfig
    from aecore.models.registry import build_model

    spec = FitSpec(DataConfig("digits"), ModelConfig(latent=3, hidden=(8,)), TrainConfig(epochs=1))
    model = build_model(spec.model, 64, True, 0, 10)
    with tempfile.TemporaryDirectory() as tmp:
        folder = runstore.save_fit(spec, model, None, [], {"test_mse": 0.1}, root=tmp, name="x")
        return {f: (folder / f).read_bytes() for f in runstore.FILES}


def test_hostile_run_zips_on_the_runs_page(server, page, good_run_files):
    open_page(page, f"{server}/runs")
    upload(page, "class-run.zip", zip_of({f"class-run/{k}": v for k, v in good_run_files.items()}))
    wait_for_message(page, r"Imported as “class-run", selector='[data-testid="stAlertContentSuccess"]')
    root = runs_folder(page)
    before = sorted(p.name for p in root.iterdir())
    assert "class-run" in before
    for case in (c for c in CASES if c.kind == "run" and "browser" in c.channels):
        upload(page, f"{case.id}.zip", case.build(good_run_files))
        wait_for_message(page, case.match)
        assert page.locator(EXCEPTION).count() == 0, case.id
        assert sorted(p.name for p in root.iterdir()) == before, case.id
        assert "class-run" in [r.name for r in runstore.list_runs(root)]
    shot(page, "safety-runs-hostile-zip")
    page.get_by_role("heading", name="Runs").first.wait_for()  # the page still answers


def choose_own_data(page) -> None:
    box = page.get_by_role("combobox", name="Data set").first
    box.click()
    box.press_sequentially("Your own")  # the option list is virtual: filter it down to the entry
    page.get_by_role("option", name="Your own data (upload a file)").click()
    page.get_by_text("Your data file").first.wait_for()


def test_bad_data_files_in_the_panel_and_a_good_one_trains(server, page):
    open_page(page, f"{server}/basics?epochs=2&code=2&hidden=none")
    choose_own_data(page)
    page.get_by_text("until one is accepted, Train stays off").first.wait_for()
    for case in (c for c in CASES if c.kind == "data" and "browser" in c.channels):
        upload(page, *case.build())
        wait_for_message(page, case.match)
        assert page.locator(EXCEPTION).count() == 0, case.id
        assert page.get_by_role("button", name="Train", exact=True).is_disabled(), case.id
    shot(page, "safety-panel-bad-file")
    upload(page, *good_csv())  # accepted: its rows are previewed and Train turns on
    page.wait_for_function("!document.querySelector('[data-testid=\"stAlertContentError\"]')", timeout=30_000)
    train = page.get_by_role("button", name="Train", exact=True)
    page.wait_for_function("b => !b.disabled", arg=train.element_handle(), timeout=30_000)
    bad = next(c for c in CASES if c.id == "binary-csv")
    upload(page, *bad.build())  # a later bad file: explained, and the accepted one stays in use
    wait_for_message(page, bad.match)
    page.get_by_text("Training uses your file “good.csv”").first.wait_for()
    assert train.is_enabled()
    train.click()
    page.get_by_text("What the network learned").wait_for(timeout=120_000)
    assert page.locator(EXCEPTION).count() == 0
    # A run name with a slash: refused with a message; the trained model stays on the page, unsaved.
    page.get_by_label("Run name (optional)").fill("a/b")
    page.get_by_role("button", name="Save run").click()
    wait_for_message(page, next(c for c in CASES if c.id == "run-name-slash").match)
    assert page.get_by_role("button", name="Save run").is_visible()
    assert page.locator(EXCEPTION).count() == 0
    shot(page, "safety-panel-own-data-trained")
