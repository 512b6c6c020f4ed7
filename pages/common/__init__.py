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

# A fresh server process runs its first script in Streamlit's legacy mode because this app has
# a pages/ folder: it would execute the requested page file without app.py (no sidebar, no
# session set-up). app.py's st.navigation switches the mode off, but only once app.py runs.
# Switch it off here, on the first import, and rerun so that the run goes through app.py.
from streamlit.runtime.pages_manager import PagesManager as _PagesManager  # noqa: E402

if _PagesManager.uses_pages_directory:
    import streamlit as _st

    _PagesManager.uses_pages_directory = False
    _st.rerun()
