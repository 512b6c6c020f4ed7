"""One-click presets and the Adam / L-BFGS switch, for the pages that offer them (Basics, Sparse, Stacked).

A preset writes its settings into the training panel's widgets (and the session's kept values)
in a button callback, before the panel is drawn, and may ask the page to train once the panel
has read them (``go_requested``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import streamlit as st

from aecore import FitSpec

from . import live, state, urlstate
from .i18n import choice, t


@dataclass(frozen=True)
class Presets:
    """Settings writer and optimizer switch of one page.

    Attributes:
        page: the page key (widget keys are ``<page>.<setting>``).
        lr: the usual learning rate of each optimizer; switching optimizer sets it.
        default_optimizer: the page's first choice (kept out of the URL).
    """

    page: str
    lr: dict[str, float]
    default_optimizer: str = "adam"

    @property
    def optimizer_key(self) -> str:
        return f"{self.page}.optimizer"

    @property
    def go_key(self) -> str:
        return f"{self.page}.go"

    def set_values(self, values: dict, optimizer: str, go: bool = False) -> None:
        """Write settings into the panel (and keep them); ``go`` trains once the panel has read them."""
        ss, keep = st.session_state, st.session_state[state.KEEP]
        for k, v in values.items():
            keep[f"{self.page}.{k}"] = v
            ss[f"{self.page}.{k}"] = ", ".join(map(str, v)) if k == "hidden" else v
        keep[self.optimizer_key] = ss[self.optimizer_key] = optimizer
        ss[self.go_key] = go

    def go_requested(self) -> bool:
        """Did a preset ask to train on this run? (asked once: the request is consumed)"""
        return bool(st.session_state.pop(self.go_key, False))

    def optimizer_choice(self) -> str:
        """Adam (minibatches) or L-BFGS (full batch); kept across pages and mirrored in the URL."""
        ss, keep, key = st.session_state, st.session_state[state.KEEP], self.optimizer_key
        if key not in ss:
            wanted = keep.get(key, urlstate.get("optimizer", self.default_optimizer))
            ss[key] = wanted if wanted in self.lr else self.default_optimizer
        opt = choice(st.radio, t("basics.optimizer"), list(self.lr), key=key, horizontal=True,
                     help=t("basics.optimizer_help"), format_func={o: t(f"basics.opt.{o}") for o in self.lr}.get,
                     on_change=lambda: self.set_values({"lr": self.lr[ss[key]]}, ss[key]))
        keep[key] = opt
        urlstate.mirror("optimizer", opt, self.default_optimizer)
        return opt

    def button(self, label_key: str, why_key: str, values: dict, optimizer: str) -> None:
        """The page's one-click experiment (a bordered box: button and why): sets the panel and trains."""
        with st.container(border=True):
            st.button(t(label_key), key=f"{self.page}.preset", icon=":material/science:",
                      disabled=live.active_job(self.page) is not None, on_click=self.set_values,
                      args=(values, optimizer, True))
            st.markdown(t(why_key))

    def apply(self, spec: FitSpec | None) -> FitSpec | None:
        """Below the training panel: the optimizer switch, put into ``spec``; a preset's pending
        request to train is carried out here, once the panel has read the preset's values."""
        optimizer = self.optimizer_choice()
        if spec is not None:
            spec = dataclasses.replace(spec, train=dataclasses.replace(spec.train, optimizer=optimizer))
        if self.go_requested() and spec is not None and live.active_job(self.page) is None:
            live.submit(self.page, spec)
        return spec
