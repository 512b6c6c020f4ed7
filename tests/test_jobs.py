"""Job manager: queue, stop, live requests and measurements, pause/step, session clean-up, worker death.

The same contract on every engine (threads, local worker processes, Ray actors); no Streamlit.
Ray tests start one local Ray with 2 CPUs per test session (``ray_engine`` in conftest.py).
"""

import os
import signal
import time

import numpy as np
import pytest
import torch

from aecore import DataConfig, FitSpec, ModelConfig, SparseConfig, StackedConfig, TrainConfig, fit
from aecore.serving.engines import engine_name
from aecore.serving.jobs import JobManager

SMALL = DataConfig("digits", limit=300)
SPEC = FitSpec(DataConfig("digits"), ModelConfig(latent=4, hidden=(16,)), TrainConfig(epochs=2))
LONG = FitSpec(SMALL, ModelConfig(latent=4, hidden=(16,)), TrainConfig(epochs=3000))


@pytest.fixture(params=["threads", "local", "ray"])
def engine(request):
    """An engine instance; Ray's comes from the session's local Ray."""
    if request.param == "ray":
        return request.getfixturevalue("ray_engine")
    from aecore.serving.engines import get_engine

    return get_engine(request.param)


def manager(engine, **kw) -> JobManager:
    return JobManager(engine=engine, threads=1, **{"max_running": 2, **kw})


def wait(job, timeout=120):
    assert job.done.wait(timeout), f"{job.id} did not finish"
    return job.snapshot()


def until(predicate, timeout=60.0, what="the condition"):
    deadline = time.time() + timeout
    while not predicate():
        assert time.time() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def test_job_result_equals_the_foreground_fit_with_curves_preview_and_codes(engine):
    job = manager(engine).submit("s", SPEC)
    snap = wait(job)
    assert snap.status == "done" and snap.progress == 1.0
    assert len(snap.losses) == snap.step > 0 and len(snap.epochs) == 2
    assert snap.preview is not None and snap.preview.shape == snap.preview_input.shape
    assert snap.codes.shape == (360, 4) and snap.code_labels.shape == (360,)  # digits has 360 test rows
    here = fit(SPEC)  # the same seed in the foreground, one torch thread like the job
    got, want = job.result.model.state_dict(), here.model.state_dict()
    assert got.keys() == want.keys() and all(torch.equal(got[k], want[k]) for k in want)
    assert job.result.metrics["test_mse"] == pytest.approx(here.metrics["test_mse"], rel=1e-6)
    def untimed(history):
        return [{k: v for k, v in row.items() if k != "seconds"} for row in history]

    assert untimed(job.result.history) == untimed(here.history) and job.result.dataset.name == "digits"


def test_stop_is_prompt_and_keeps_weights(engine):
    job = manager(engine).submit("s", LONG)
    until(lambda: job.snapshot().step >= 5, what="training")
    job.stop()
    snap = wait(job)
    assert snap.status == "stopped"
    assert job.result is not None and job.result.metrics["steps"] == snap.step


def test_live_request_and_measurement_reach_the_worker(engine):
    job = manager(engine).submit("s", FitSpec(SMALL, SparseConfig(latent=8, hidden=()), TrainConfig(epochs=3000)))
    until(lambda: job.snapshot().step >= 2, what="training")
    job.request(rho=0.2)
    job.measure("sparsity", every_s=0.2, rows=100)
    until(lambda: job.snapshot().hparams.get("rho") == 0.2, what="rho in the snapshot")
    until(lambda: job.snapshot().measures.get("sparsity", {}).get("value", {}).get("rho") == 0.2,
          what="the measured rho")
    m = job.snapshot().measures["sparsity"]
    assert m["params"] == {"rows": 100} and m["value"]["rho_hat"].shape == (8,) and m["step"] > 0
    job.stop()
    wait(job)
    assert job.result.model.rho == 0.2  # the live setting comes back with the weights


def test_pause_step_epoch_resume_and_stop_while_paused(engine):
    job = manager(engine).submit("s", LONG)
    until(lambda: job.snapshot().step >= 3, what="training")
    job.pause()
    assert job.snapshot().pause_requested
    until(lambda: job.snapshot().paused, what="the pause")
    held = job.snapshot().step
    time.sleep(0.3)
    assert job.snapshot().step == held and job.snapshot().paused
    job.step()
    until(lambda: job.snapshot().step == held + 1 and job.snapshot().paused, what="one step")
    time.sleep(0.2)
    assert job.snapshot().step == held + 1
    job.step("epoch")  # the rest of this epoch: holds at the next epoch boundary
    until(lambda: job.snapshot().paused and job.snapshot().epoch == int(job.snapshot().epoch)
          and job.snapshot().step > held + 1, what="one epoch")
    at_epoch = job.snapshot()
    assert at_epoch.epochs and at_epoch.epochs[-1]["step"] == at_epoch.step  # the epoch's row is in
    job.resume()
    until(lambda: job.snapshot().step > at_epoch.step + 3 and not job.snapshot().paused, what="resuming")
    job.pause()
    until(lambda: job.snapshot().paused, what="the second pause")
    job.stop()
    assert wait(job).status == "stopped"
    with pytest.raises(ValueError, match="kind must be 'step' or 'epoch'"):
        job.step("batch")


def test_stacked_layer_pictures_are_measured_on_the_worker(engine):
    spec = FitSpec(SMALL, StackedConfig(hidden=(16,), latent=8, finetune_epochs=1), TrainConfig(epochs=400))
    job = manager(engine).submit("s", spec)
    until(lambda: job.snapshot().phase == "layer 2", what="the second layer")
    job.measure("stacked.layers", upto=1, units=4)
    until(lambda: "stacked.layers" in job.snapshot().measures, what="the layer pictures")
    (layer,) = job.snapshot().measures["stacked.layers"]["value"]["layers"]
    assert layer["layer"] == 1 and layer["weights"].shape == (4, 64) and layer["top"].shape == (4, 64)
    job.measure("stacked.layers", upto=5)  # a bad request answers with an error, the job trains on
    until(lambda: "error" in job.snapshot().measures["stacked.layers"]["value"], what="the error")
    assert "upto must be between 1 and 2" in job.snapshot().measures["stacked.layers"]["value"]["error"]
    job.stop()
    assert wait(job).status == "stopped"
    with pytest.raises(ValueError, match="unknown live measurement"):
        job.measure("nonsense")


def test_cancel_session_stops_and_forgets_only_its_jobs(engine):
    m = manager(engine, max_running=1)
    mine = [m.submit("mine", LONG) for _ in range(2)]
    other = m.submit("other", SPEC)
    until(lambda: mine[0].snapshot().step > 0, what="training")
    assert m.cancel_session("mine") == 2
    assert m.jobs("mine") == []
    for j in mine:
        assert j.done.wait(30)
        assert j.snapshot().status == "cancelled" and j.result is None
    assert wait(other).status == "done"


@pytest.mark.parametrize("engine", ["local", "ray"], indirect=True)
def test_a_killed_worker_fails_only_its_job_and_is_replaced(engine):
    m = manager(engine)
    victim, bystander = m.submit("a", LONG), m.submit("b", LONG)
    until(lambda: victim.snapshot().step > 0 and bystander.snapshot().step > 0 and victim.worker_pid,
          what="both jobs training")
    os.kill(victim.worker_pid, signal.SIGKILL)
    snap = wait(victim, 60)
    assert snap.status == "failed" and "stopped unexpectedly" in snap.message and victim.result is None
    assert bystander.snapshot().status == "running"
    step = bystander.snapshot().step
    until(lambda: bystander.snapshot().step > step, what="the other job training on")
    bystander.stop()
    assert wait(bystander).status == "stopped"
    assert wait(m.submit("c", SPEC)).status == "done"  # a fresh worker takes the next job


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


def test_queue_positions_and_fifo_order():
    m = JobManager(max_running=1)
    long = m.submit("a", LONG)
    second, third = m.submit("b", SPEC), m.submit("c", SPEC)
    assert second.snapshot().queue_position == 1 and third.snapshot().queue_position == 2
    second.pause()  # given while queued: it starts held
    until(lambda: long.snapshot().step > 0, what="training")
    long.stop()
    assert wait(long).status == "stopped"
    until(lambda: second.snapshot().paused, what="the queued pause")
    assert third.snapshot().status == "queued"
    second.resume()
    assert wait(second).status == "done" and wait(third).status == "done"
    assert second.started <= third.started


def test_settings_are_validated(monkeypatch):
    with pytest.raises(ValueError, match="max_running"):
        JobManager(max_running=0, engine="threads")
    monkeypatch.setenv("DIABOLO_ENGINE", "spark")
    with pytest.raises(ValueError, match="DIABOLO_ENGINE must be one of threads, local, ray; got 'spark'"):
        engine_name()
    monkeypatch.delenv("DIABOLO_ENGINE")
    assert engine_name() == "local"
    assert np.isfinite(JobManager(engine="threads").max_running)


def test_the_local_pool_reuses_its_warm_workers_for_queued_jobs():
    """A job that starts when another ends gets that warm worker, not a cold new process beside it."""
    from aecore.serving.engines import get_engine

    engine = get_engine("local")
    assert engine.wait_ready(300)
    pool = set(engine.workers()["idle"]) | set(engine.workers()["busy"])
    m = JobManager(engine=engine, threads=1, max_running=engine.size)
    jobs = [m.submit("s", SPEC) for _ in range(engine.size + 2)]  # two wait for a worker to come free
    pids = set()
    while not all(j.done.is_set() for j in jobs):
        pids |= {j.worker_pid for j in jobs if j.worker_pid}
        time.sleep(0.005)
    assert all(j.status == "done" for j in jobs)
    assert pids <= pool and set(engine.workers()["idle"]) == pool



def test_ray_keeps_a_warm_actor_for_the_next_job_and_never_reuses_a_dead_one(ray_engine):
    m = manager(ray_engine, max_running=1)
    first = m.submit("w", SPEC)
    assert wait(first).status == "done"
    second = m.submit("w", SPEC)
    assert wait(second).status == "done"
    assert second.worker_pid == first.worker_pid  # the same process trained both: no start, no torch import
    victim = m.submit("w", LONG)
    until(lambda: victim.snapshot().step > 0 and victim.worker_pid, what="training")
    dead = victim.worker_pid
    os.kill(dead, signal.SIGKILL)
    assert wait(victim, 60).status == "failed"
    after = m.submit("w", LONG)
    until(lambda: after.snapshot().step > 0 and after.worker_pid, what="the next job training")
    assert after.worker_pid != dead  # a new process, not the dead one's actor
    after.stop()
    assert wait(after).status == "stopped"


def test_ray_warm_setting_is_validated(monkeypatch):
    from aecore.serving.engines.ray_engine import WARM, warm_count

    monkeypatch.delenv("DIABOLO_RAY_WARM", raising=False)
    assert warm_count() == WARM
    assert warm_count(default=4) == 4  # a Ray of the engine's own: one per CPU
    monkeypatch.setenv("DIABOLO_RAY_WARM", "0")
    assert warm_count() == 0
    assert warm_count(default=4) == 0  # the setting wins
    monkeypatch.setenv("DIABOLO_RAY_WARM", "two")
    with pytest.raises(ValueError, match="DIABOLO_RAY_WARM must be a whole number of actors"):
        warm_count()
