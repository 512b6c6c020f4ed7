"""Job manager: queue, stop, live requests, session cleanup — no Streamlit involved."""

import time

import pytest

from aecore import DataConfig, FitSpec, ModelConfig, SparseConfig, TrainConfig
from aecore.jobs import JobManager

SPEC = FitSpec(DataConfig("digits"), ModelConfig(latent=4, hidden=(16,)), TrainConfig(epochs=2))


def wait(job, timeout=60):
    assert job.done.wait(timeout), f"{job.id} did not finish"
    return job.snapshot()


def test_job_runs_to_completion_with_curves_and_preview():
    m = JobManager(max_running=1)
    job = m.submit("s", SPEC)
    snap = wait(job)
    assert snap.status == "done" and snap.progress == 1.0
    assert len(snap.losses) == snap.step > 0 and len(snap.epochs) == 2
    assert snap.preview is not None and snap.preview.shape == snap.preview_input.shape
    assert job.result.metrics["test_mse"] > 0


def test_queue_positions_and_fifo_order():
    m = JobManager(max_running=1)
    long = m.submit("a", FitSpec(SPEC.data, SPEC.model, TrainConfig(epochs=500)))
    second, third = m.submit("b", SPEC), m.submit("c", SPEC)
    assert second.snapshot().queue_position == 1 and third.snapshot().queue_position == 2
    long.stop()
    assert wait(long).status == "stopped"
    assert wait(second).status == "done" and wait(third).status == "done"
    assert second.started <= third.started


def test_stop_is_prompt_and_keeps_weights():
    m = JobManager(max_running=2)
    job = m.submit("s", FitSpec(SPEC.data, SPEC.model, TrainConfig(epochs=1000)))
    while job.snapshot().step < 5:
        time.sleep(0.01)
    t0 = time.perf_counter()
    job.stop()
    while job.snapshot().step and job.fit._trainer and not job.fit._trainer.stopping:
        time.sleep(0.01)
    snap = wait(job)
    assert snap.status == "stopped"
    assert time.perf_counter() - t0 < 10  # includes the final evaluation; the loop itself halts in one step
    assert job.result is not None and job.result.metrics["steps"] == snap.step


def test_live_request_reaches_the_model():
    m = JobManager(max_running=1)
    job = m.submit("s", FitSpec(SPEC.data, SparseConfig(latent=8, hidden=()), TrainConfig(epochs=300)))
    while job.snapshot().step < 2:
        time.sleep(0.01)
    job.request(rho=0.2)
    deadline = time.time() + 10
    while job.fit.model.rho != 0.2 and time.time() < deadline:
        time.sleep(0.01)
    assert job.fit.model.rho == 0.2
    job.stop()
    wait(job)


def test_cancel_session_stops_and_forgets_only_its_jobs():
    m = JobManager(max_running=1)
    mine = [m.submit("mine", FitSpec(SPEC.data, SPEC.model, TrainConfig(epochs=500))) for _ in range(2)]
    other = m.submit("other", SPEC)
    assert m.cancel_session("mine") == 2
    assert m.jobs("mine") == []
    for j in mine:
        assert j.done.wait(10)
        assert j.snapshot().status in ("stopped", "cancelled")
    assert wait(other).status == "done"


def test_bad_spec_fails_with_message_not_exception():
    m = JobManager(max_running=1)
    job = m.submit("s", FitSpec(DataConfig("file:/nonexistent/data.csv"), SPEC.model, SPEC.train))
    snap = wait(job)
    assert snap.status == "failed" and "data.csv" in snap.message


def test_divergence_is_reported():
    m = JobManager(max_running=1)
    spec = FitSpec(SPEC.data, ModelConfig(latent=4, hidden=(64,), activation="linear"), TrainConfig(epochs=30, lr=10))
    snap = wait(m.submit("s", spec))
    assert snap.status == "diverged" and "learning rate" in snap.message


def test_max_running_validated():
    with pytest.raises(ValueError, match="max_running"):
        JobManager(max_running=0)
