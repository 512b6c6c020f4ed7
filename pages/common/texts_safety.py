"""Strings of the safety pages (see ``i18n``): English and 中文, merged into ``i18n.TABLE``.

Keys are ``<page>.<part>``. Formulas are language-free and go into ``FORMULAS``.
"""

FORMULAS: dict[str, str] = {}

TEXTS: dict[str, dict[str, str]] = {}
