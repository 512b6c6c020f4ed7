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

# Streamlit's legacy pages/ mode off before any page runs (the one private-API patch: legacy_pages.py).
from .legacy_pages import patch_for_apptest, switch_off  # noqa: E402

switch_off()

__all__ = ["patch_for_apptest"]
