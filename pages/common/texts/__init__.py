"""Every visible string of the app, English and 中文: one module per page, named as the page, and a few shared by
many pages.

The pages: ``home``, ``basics``, ``stacked``, ``sparse``, ``denoising``, ``contractive``, ``variational``,
``features``, ``latent``, ``compare``, ``runs``. Shared: ``app``, ``panel``, ``results``, ``watch``, and
``errors`` for aecore's keyed messages (``ERRORS_ZH``). A page's keys are ``<page>.*``; shared keys go by
prefix (``nav.*`` → ``app``, ``p.*`` → ``panel``, ``m.*`` → ``results``, ``watch.*`` → ``watch``, …). Each
module defines ``TEXTS`` (key → ``{"en": …, "zh": …}``) and, where it has formulas, ``FORMULAS``
(language-free, drawn with ``st.latex``); here they are merged, and a key defined in two modules is an
error. ``i18n.TABLE`` is the merged ``TEXTS``; nothing here imports streamlit or the session state, so
importing the strings starts nothing.
"""

from __future__ import annotations

from . import (
    app,
    basics,
    compare,
    contractive,
    denoising,
    features,
    home,
    latent,
    panel,
    results,
    runs,
    sparse,
    stacked,
    variational,
    watch,
)
from .errors import ERRORS_ZH

# The merge order: the shared modules, then the pages in the order of the navigation.
MODULES = (app, panel, results, watch, home, basics, stacked, sparse, denoising, contractive, variational,
           features, latent, compare, runs)

TEXTS: dict[str, dict[str, str]] = {}
FORMULAS: dict[str, str] = {}
for _module in MODULES:
    _clash = set(_module.TEXTS) & set(TEXTS)
    if _clash:
        raise RuntimeError(f"{_module.__name__} redefines translation keys: {sorted(_clash)}")
    TEXTS.update(_module.TEXTS)
    _formulas = getattr(_module, "FORMULAS", {})
    _clash = set(_formulas) & set(FORMULAS)
    if _clash:
        raise RuntimeError(f"{_module.__name__} redefines formulas: {sorted(_clash)}")
    FORMULAS.update(_formulas)

__all__ = ["ERRORS_ZH", "FORMULAS", "MODULES", "TEXTS"]
