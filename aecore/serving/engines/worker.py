"""The worker side of a training job, the same in every engine: run a ``Fit``, report plain updates.

``JobWorker`` runs one ``FitSpec`` on the thread that calls ``run`` (a thread of the app, a
worker process, a Ray actor) and hands ``send`` a stream of plain dicts, the job's *updates*:

- ``steps`` / ``losses`` (new step losses), ``step``, ``epoch``, ``phase``, ``epochs`` (new epoch rows);
- ``preview_input`` (n, D) and ``code_labels`` (m,) once, then ``preview`` (n, D) reconstructions and
  ``codes`` (m, k) of fixed test rows at least every ``PREVIEW_EVERY_S`` and after every held step;
- ``hparams`` (the live learning rate, ρ, β, noise level, λ), ``paused`` (the loop is held now),
  ``measures`` ({name: {"step", "params", "value"}}, see ``measures.py``);
- last, ``end``: ``{"status", "message"}`` plus ``result`` (``payload.result_to_dict``) or, with
  ``keep_objects``, ``fit_result`` (the ``FitResult`` itself, for the in-process thread engine).

Commands from the parent (``command``) may come from any thread. Everything that reads the
model — previews, codes, measurements — runs on the training thread between two steps, so
nothing ever reads a model while an optimizer step changes it.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch

from aecore.errors import KeyedText, fields
from aecore.training.fit import Fit, FitSpec
from aecore.training.trainer import EpochEvent, Gate, PauseEvent, StepEvent

from . import measures
from .payload import result_to_dict

log = logging.getLogger(__name__)

PREVIEW_EVERY_S = 0.25  # reconstructions and codes refresh at least this often while training
COMMANDS = ("stop", "cancel", "request", "pause", "resume", "step", "measure")


@dataclass(frozen=True)
class WorkerOptions:
    preview_rows: int = 8  # test rows whose reconstructions the live view shows
    code_rows: int = 500  # test rows whose codes z the snapshot carries (a live code-space map)
    flush_s: float = 0.0  # gather step updates this long before sending (0: send each one)
    keep_objects: bool = False  # end with the FitResult object instead of plain dicts

    @classmethod
    def from_dict(cls, d: dict) -> WorkerOptions:
        return cls(**{k: d[k] for k in ("preview_rows", "code_rows", "flush_s", "keep_objects") if k in d})

    def to_dict(self) -> dict:
        return {"preview_rows": self.preview_rows, "code_rows": self.code_rows, "flush_s": self.flush_s,
                "keep_objects": self.keep_objects}


class _Cancelled(Exception):
    pass


def check_command(name: str, kw: dict) -> None:
    """ValueError for a command a worker would not understand (checked in the parent, before sending)."""
    if name not in COMMANDS:
        raise ValueError(f"unknown job command {name!r}; known: {', '.join(COMMANDS)}.")
    if name == "step" and kw.get("kind", "step") not in Gate.KINDS:
        raise ValueError(f"kind must be 'step' or 'epoch'; got {kw.get('kind')!r}.")
    if name == "measure":
        measures.check_name(kw.get("name"))


class JobWorker:
    """Runs one job's ``Fit`` and reports it through ``send(update)``; see the module docstring."""

    def __init__(self, spec: FitSpec, send: Callable[[dict], None], options: WorkerOptions = WorkerOptions()):
        self.spec, self.send, self.options = spec, send, options
        self.fit: Fit | None = Fit(spec, [self._on_event])
        self.cancelled = False
        self._lock = threading.Lock()  # guards _measures: commands arrive on another thread
        self._measures: dict[str, dict] = {}
        self._out: dict = {}
        self._last_preview = self._last_flush = 0.0
        self._stepped = False  # the first step goes out at once: it completes the first live picture
        self._preview_in: torch.Tensor | None = None
        self._code_in: torch.Tensor | None = None

    # ---- commands (any thread) ----------------------------------------------------------
    def command(self, name: str, kw: dict | None = None) -> None:
        kw = kw or {}
        check_command(name, kw)
        fit = self.fit
        if fit is None:  # the job has ended
            return
        if name == "stop":
            fit.stop()
        elif name == "cancel":  # its session ended: no final measuring, the result is dropped
            self.cancelled = True
            fit.evaluate = False
            fit.stop()
        elif name == "request":
            fit.request(**kw)
        elif name == "pause":
            fit.pause()
        elif name == "resume":
            fit.resume()
        elif name == "step":
            fit.step(kw.get("kind", "step"))
        else:
            with self._lock:
                self._measures[kw["name"]] = {"params": dict(kw.get("params") or {}), "every_s": kw.get("every_s"),
                                              "last": None}

    # ---- the run (the training thread) ----------------------------------------------------
    def run(self) -> None:
        """Train to the end; the last update sent has ``end``. Never raises for a failed job."""
        end = {"status": "failed", "message": ""}
        fit = self.fit
        try:
            if fit.stopped:
                raise _Cancelled
            model = fit.build()
            ds = fit.dataset
            dev = next(model.parameters()).device
            o = self.options
            self._preview_in = torch.as_tensor(np.array(ds.x_test[: o.preview_rows], np.float32), device=dev)
            self._code_in = torch.as_tensor(np.array(ds.x_test[: o.code_rows], np.float32), device=dev)
            self._out.update(preview_input=self._preview_in.cpu().numpy(),
                             code_labels=None if ds.y_test is None else np.asarray(ds.y_test[: o.code_rows]))
            self._refresh(time.perf_counter())
            self._flush()
            del model
            result = fit.run()
            if self.cancelled:
                end = {"status": "cancelled", "message": ""}
            else:
                end = {"status": result.train.status, "message": result.train.message,
                       **fields(result.train.message)}  # its key and parameters: the app translates it
                end["fit_result" if o.keep_objects else "result"] = (
                    result if o.keep_objects else result_to_dict(result))
                if result.train.status in ("done", "early_stopped"):
                    self._refresh(time.perf_counter())
        except _Cancelled:
            end = {"status": "cancelled", "message": ""}
        except (ValueError, MemoryError) as e:
            why = e if isinstance(e, ValueError) else KeyedText.make(
                "job.out_of_memory", "out of memory: choose a smaller code, hidden layers or batch size.")
            end = {"status": "failed", "message": str(why), **fields(why)}  # key and parameters: the app translates
        except Exception as e:  # a bug, not bad input: the job fails with a message, the app goes on
            log.error("job failed:\n%s", traceback.format_exc())
            end = {"status": "failed", "message": f"internal error ({type(e).__name__}): {e}"}
        finally:
            self._out.update(end=end, paused=False)
            self.fit = None  # fit → trainer → callbacks → this worker: let the model go now
            self._flush()

    def _on_event(self, event) -> None:
        out, now = self._out, time.perf_counter()
        if isinstance(event, StepEvent):
            out.setdefault("steps", []).append(event.step)
            out.setdefault("losses", []).append(event.loss)
            out.update(step=event.step, epoch=event.epoch, phase=event.phase)
            if now - self._last_preview >= PREVIEW_EVERY_S:
                self._refresh(now)
        elif isinstance(event, EpochEvent):
            out.setdefault("epochs", []).append({"epoch": event.epoch, "phase": event.phase, "step": event.step,
                                                 "train_loss": event.train_loss, "val_loss": event.val_loss,
                                                 **event.parts})
        elif isinstance(event, PauseEvent):
            out.update(step=event.step, epoch=event.epoch, phase=event.phase)
            if event.state == "hold":  # the weights stand still now: show them as they are
                self._refresh(now, every=True)
                out["paused"] = True
            elif event.state == "idle":
                self._refresh(now, whole=False)  # only measurements asked for since
            else:
                out["paused"] = False
            self._flush()
            return
        if now - self._last_flush >= self.options.flush_s or not self._stepped:
            self._stepped = self._stepped or isinstance(event, StepEvent)
            self._flush()

    def _refresh(self, now: float, every: bool = False, whole: bool = True) -> None:
        """Reconstructions, codes, live values and the due measurements of the model as it is now."""
        fit = self.fit
        model = fit.model if fit is not None else None
        if model is None or self._preview_in is None:
            return
        if whole:
            self._last_preview = now
            with torch.no_grad():
                self._out["preview"] = model(self._preview_in).float().cpu().numpy()
                self._out["codes"] = model.encode(self._code_in).float().cpu().numpy()
            self._out["hparams"] = fit.live_values()
        with self._lock:
            due = {name: m for name, m in self._measures.items() if m["last"] is None or every or (
                whole and m["every_s"] is not None and now - m["last"] >= m["every_s"])}
            for name, m in due.items():
                if m["every_s"] is None:
                    del self._measures[name]  # asked for once
                else:
                    m["last"] = now
        step = self._out.get("step", 0)
        for name, m in due.items():
            value = measures.measure(name, model, fit.dataset, m["params"])
            self._out.setdefault("measures", {})[name] = {"step": step, "params": m["params"], "value": value}

    def _flush(self) -> None:
        if self._out:
            out, self._out = self._out, {}
            self._last_flush = time.perf_counter()
            self.send(out)
