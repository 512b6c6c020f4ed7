"""The one way a view polls: a fragment that redraws itself while its work runs.

Every live view (a page's training job, Compare's jobs and maps, Latent's projection, the
sparsity and stack views, the sidebar's job list) is ``@polling.fragment(every, pending)``:
each tick keeps the session's guard alive (fragments run without app.py) and, while
``pending(*args)`` is true, calls the view. When the work has ended it reruns the whole app
once (``rerun=True``), so that app.py collects the result before anything draws
(``live.collect_all``); a secondary view (``rerun=False``) just stops drawing and leaves the
rerun to the main one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from . import state

POLL_S = 0.5  # the live view refreshes at least twice a second


def fragment(every: float = POLL_S, pending: Callable[..., bool] | None = None, rerun: bool = True):
    """Decorate a view as a polling fragment, redrawn every ``every`` seconds while ``pending(*args)``."""
    def wrap(view: Callable[..., None]):
        @functools.wraps(view)  # the fragment's identity is the view's own name
        def tick(*args, **kwargs) -> None:
            state.ensure_guard()
            if pending is not None and not pending(*args, **kwargs):
                if rerun:
                    st.rerun()
                return
            view(*args, **kwargs)

        return st.fragment(run_every=every)(tick)

    return wrap


def fragment_rerun() -> bool:
    """Is this run a fragment's tick (not a full rerun)? Also true inside a callback the tick triggered.

    A widget drawn outside every fragment reports its user's edits in full reruns only; a callback
    of such a widget that fires in a tick comes from Streamlit, not from its user: a chart that just
    got a new identity (its figure changed) has its empty selection replayed by the next tick.
    """
    ctx = get_script_run_ctx()
    return bool(ctx is not None and ctx.fragment_ids_this_run)
