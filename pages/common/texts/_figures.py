"""``figure_table``: the keys of a figure's strings, for the page modules of this package.

The English comes from the aecore figure module's ``*_LABELS`` dict (one source), the 中文 from the page
module; ``figure_table(prefix, LABELS, zh)`` makes the keys ``<prefix>.<name>`` that the page looks up with
``i18n.t_labels`` and stops at import when the two name sets differ.
"""

from __future__ import annotations


def figure_table(prefix: str, english: dict[str, str], zh: dict[str, str]) -> dict[str, dict[str, str]]:
    missing = set(english) ^ set(zh)
    if missing:
        raise RuntimeError(f"{prefix}: translations do not match the figure's labels: {sorted(missing)}")
    return {f"{prefix}.{k}": {"en": v, "zh": zh[k]} for k, v in english.items()}
