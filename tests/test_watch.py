"""AppTest of "Watching it learn": pause / one step / one epoch / resume through the page, the live code map.

Every check reads the job's own snapshot (the manager's) and the element tree the page drew
from it: the job advances exactly one optimizer step per click on **One step**.
"""

from __future__ import annotations

import time

import numpy as np
import pytest

from aecore.serving.jobs import manager
from aecore.serving.projection import pca_2d
from pages.common import state
from tests.test_app import TIMEOUT, charts, open_app, wait_for_job
from tests.test_pages_learn2 import values

pytestmark = pytest.mark.filterwarnings("ignore:The given NumPy array is not writable")


def until(check, what: str, timeout: float = TIMEOUT):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def job_of(at, key: str):
    return manager().get(at.session_state[state.ACTIVE][key])


def progress_text(at) -> str:
    return at.get("progress")[0].proto.text


def start_long_job(page: str, key: str, **query):
    """A job that runs long enough to be paused (many epochs); returns the app and the job."""
    at = open_app(page, **query)
    at.number_input(key=f"{key}.epochs").set_value(400).run()
    at.button(key=f"{key}.train").click().run()
    assert not at.exception, [e.value for e in at.exception]
    job = job_of(at, key)
    until(lambda: job.snapshot().status == "running" and job.snapshot().step > 0, "the job to start")
    at.run()
    return at, job


def click(at, key: str):
    at.button(key=key).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_pause_step_epoch_resume_and_stop_while_paused_through_the_page():
    at, job = start_long_job("pages/basics.py", "basics")
    assert at.button(key="basics.watch.step").proto.disabled  # off while training runs
    click(at, "basics.watch.pause")
    until(lambda: job.snapshot().paused, "the pause")
    at.run()
    held = job.snapshot().step
    time.sleep(0.3)
    assert job.snapshot().step == held  # held: no step while paused
    assert f"step {held} " in progress_text(at)
    assert any(f"Paused at step {held}" in c.value for c in at.caption)
    assert at.button(key="basics.watch.resume") and not at.button(key="basics.watch.step").proto.disabled
    # the sidebar lists the job as paused, still holding its slot
    assert manager().counts()["running"] >= 1
    assert any("paused" in m.value for m in at.sidebar.markdown)
    for n in range(1, 4):  # one click, one step: three times
        click(at, "basics.watch.step")
        until(lambda n=n: job.snapshot().paused and job.snapshot().step == held + n, f"step {n}")
        time.sleep(0.3)
        assert job.snapshot().step == held + n and job.snapshot().paused
        at.run()
        assert f"step {held + n} " in progress_text(at)
        assert not at.button(key="basics.watch.step").proto.disabled
    # one epoch: the rest of this one, then it holds at the next epoch boundary
    before = job.snapshot()
    click(at, "basics.watch.epoch")
    until(lambda: job.snapshot().paused and job.snapshot().step > before.step, "one epoch")
    after = job.snapshot()
    assert after.epoch == pytest.approx(int(before.epoch) + 1, abs=1e-6)
    assert len(after.epochs) == len(before.epochs) + 1  # one more epoch row (train and val loss)
    at.run()
    assert f"epoch {after.epoch:.1f} · step {after.step} " in progress_text(at)
    # resume: it trains on, and is not paused
    click(at, "basics.watch.resume")
    until(lambda: job.snapshot().step > after.step + 5 and not job.snapshot().paused, "resuming")
    at.run()
    assert at.button(key="basics.watch.pause")
    # pause again, then Stop while paused: the job ends with its weights (status stopped)
    click(at, "basics.watch.pause")
    until(lambda: job.snapshot().paused, "the second pause")
    at.run()
    stopped_at = job.snapshot().step
    click(at, "basics.stop")
    assert job.done.wait(TIMEOUT)
    assert job.status == "stopped" and job.result is not None
    assert job.result.train.steps == stopped_at
    at.run()
    assert not at.exception
    assert at.session_state[state.RESULTS]["basics"].status == "stopped"


def test_live_code_map_draws_the_snapshots_codes_by_class():
    at, job = start_long_job("pages/basics.py", "basics", code="2")
    click(at, "basics.watch.pause")
    until(lambda: job.snapshot().paused, "the pause")
    at.run()
    snap = job.snapshot()
    live = [c for c in charts(at) if "Code space, live" in str(c["layout"].get("title", {}).get("text", ""))]
    assert len(live) == 1
    traces = live[0]["data"]
    labels = snap.code_labels
    assert sorted(d["name"] for d in traces) == sorted(str(c) for c in np.unique(labels))
    for d in traces:  # each class trace holds exactly that class's codes
        m = labels == int(d["name"])
        np.testing.assert_allclose(values(d["x"]), snap.codes[m, 0], rtol=1e-6)
        np.testing.assert_allclose(values(d["y"]), snap.codes[m, 1], rtol=1e-6)
    assert len(snap.codes) == min(500, len(labels))
    job.stop()
    wait_for_job(at, "basics")


def test_live_code_map_of_a_wider_code_is_its_pca():
    at, job = start_long_job("pages/basics.py", "basics", code="8")
    click(at, "basics.watch.pause")
    until(lambda: job.snapshot().paused, "the pause")
    at.run()
    snap = job.snapshot()
    live = [c for c in charts(at) if "first 2 principal" in str(c["layout"].get("title", {}).get("text", ""))]
    assert len(live) == 1
    coords = pca_2d(snap.codes).coords
    first = live[0]["data"][0]
    m = snap.code_labels == int(first["name"])
    np.testing.assert_allclose(values(first["x"]), coords[m, 0], rtol=1e-5, atol=1e-6)
    assert live[0]["layout"]["xaxis"]["title"]["text"] == "PC 1"
    job.stop()
    wait_for_job(at, "basics")


def test_pause_controls_in_chinese():
    at, job = start_long_job("pages/basics.py", "basics", lang="zh")
    assert at.button(key="basics.watch.pause").label == "暂停"
    click(at, "basics.watch.pause")
    until(lambda: job.snapshot().paused, "the pause")
    at.run()
    assert at.button(key="basics.watch.resume").label == "继续"
    assert any("已暂停于第" in c.value for c in at.caption)
    job.stop()
    wait_for_job(at, "basics")


def test_pause_all_and_resume_all_on_compare():
    at = open_app("pages/compare.py", variants="ae,denoising")
    at.number_input(key="compare.epochs").set_value(400).run()
    click(at, "compare.train")
    jobs = [job_of(at, f"compare.{v}") for v in ("ae", "denoising")]
    until(lambda: all(j.snapshot().status == "running" and j.snapshot().step > 0 for j in jobs), "both jobs to run")
    at.run()
    assert at.button(key="compare.group.watch.pause_all").label == "Pause all"
    click(at, "compare.group.watch.pause_all")
    until(lambda: all(j.snapshot().paused for j in jobs), "both to hold")
    at.run()
    held = [j.snapshot().step for j in jobs]
    time.sleep(0.3)
    assert [j.snapshot().step for j in jobs] == held  # neither steps while paused
    assert any("2 of 2 jobs hold" in c.value for c in at.caption)
    click(at, "compare.group.watch.resume_all")
    until(lambda: all(j.snapshot().step > h for j, h in zip(jobs, held, strict=True)), "both to train again")
    for j in jobs:
        j.stop()
    for v in ("ae", "denoising"):
        wait_for_job(at, f"compare.{v}")
