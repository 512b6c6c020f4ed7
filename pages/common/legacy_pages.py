"""The one place Diabolo touches a private part of Streamlit: its legacy ``pages/`` mode.

Streamlit runs a process's first script in its legacy multipage mode when the app has a
``pages/`` folder: it would execute the requested page file without ``app.py`` (no sidebar, no
session set-up) until ``app.py``'s ``st.navigation`` switches that mode off. Streamlit 1.67 has
no setting for this (its docs: once any session calls ``st.navigation`` the folder is ignored),
and the folder keeps its name (``pages/`` is the app's contract), so the flag
``PagesManager.uses_pages_directory`` is cleared here on import. ``tests/test_legacy_pages.py``
fails loudly if Streamlit renames or removes what this relies on.
"""

from __future__ import annotations

import functools

from streamlit.runtime.pages_manager import PagesManager

FLAG = "uses_pages_directory"  # None: undecided, True: legacy pages/ mode, False: st.navigation
PATCHED = "_diabolo_patched"


def switch_off() -> None:
    """Turn legacy mode off for this process; if this very run is already in it, rerun through app.py."""
    if getattr(PagesManager, FLAG) is not False:
        legacy_run = getattr(PagesManager, FLAG) is True
        setattr(PagesManager, FLAG, False)
        if legacy_run:
            import streamlit as st

            st.rerun()


def patch_for_apptest() -> None:
    """Keep AppTest on app.py's st.navigation (tests and benchmarks call this once).

    AppTest resets Streamlit's legacy-mode flag before every run, so with a pages/ folder
    each run would execute the page file alone. Re-clear the flag whenever a run builds its
    pages manager.
    """
    if getattr(PagesManager, PATCHED, False):
        return
    original = PagesManager.__init__

    @functools.wraps(original)
    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        setattr(PagesManager, FLAG, False)

    PagesManager.__init__ = init
    setattr(PagesManager, PATCHED, True)
