"""The one shared UI layer every page imports.

- ``i18n``   — ``t(key, **fmt)``: every visible string, English and 中文.
- ``state``  — session-state key names, the session id, the job manager, session clean-up.
- ``nav``    — the page registry (``app.py`` builds ``st.navigation`` from it).
- ``panel``  — ``training_panel(variant)``: widgets → a validated ``FitSpec``, mirrored in the URL.
- ``live``   — Train/Stop, the polling live view, results of a page (job or saved run), Save run.
- ``views``  — explanation, "Things to try", charts, reconstructions and metrics of a result.

A concept page reads top to bottom: explanation → panel → live view → results → things to try
(see ``pages/basics.py``).
"""

# Streamlit runs a process's first script in its legacy multipage mode when the app has a
# pages/ folder: it would execute the requested page file without app.py (no sidebar, no
# session set-up) until app.py's st.navigation switches that mode off. Switch it off on the
# first import; if this very run is already in legacy mode, rerun so that it goes through app.py.
from streamlit.runtime.pages_manager import PagesManager as _PagesManager  # noqa: E402

if _PagesManager.uses_pages_directory is not False:
    _legacy_run = _PagesManager.uses_pages_directory is True
    _PagesManager.uses_pages_directory = False
    if _legacy_run:
        import streamlit as _st

        _st.rerun()


def patch_for_apptest() -> None:
    """Keep AppTest on app.py's st.navigation (tests and benchmarks call this once).

    AppTest resets Streamlit's legacy-mode flag before every run, so with a pages/ folder
    each run would execute the page file alone. Re-clear the flag whenever a run builds its
    pages manager.
    """
    if getattr(_PagesManager, "_diabolo_patched", False):
        return
    original = _PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        _PagesManager.uses_pages_directory = False

    _PagesManager.__init__ = init
    _PagesManager._diabolo_patched = True
