"""Every visible string of the app, in English and 中文, and the functions that draw them.

``t(key, **fmt)`` looks the key up in ``TABLE`` for the session's language (``state.LANG``)
and formats it. The strings live in the ``texts`` package (``pages/common/texts/``): one module
per page, named as the page (explanations, things to try, figure labels), and a few shared by
many pages (``app``, ``panel``, ``results``, ``watch``; ``errors`` for aecore's messages). ``TABLE``
is their merge; a test checks that every key has both languages. Formulas are language-free and
live in ``FORMULAS``. Only the data sets' one-liners (``DATA_ZH``) and Plotly's own words
(``PLOTLY_ZH``) stay here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import streamlit as st

from .state import LANG, RELABEL
from .texts import ERRORS_ZH, FORMULAS, TEXTS

LANGUAGES = {"en": "English", "zh": "中文"}
_MISSING = object()

TABLE: dict[str, dict[str, str]] = dict(TEXTS)  # every page's strings, merged in pages/common/texts/__init__.py

_ROWS_KEYS = tuple(k[: -len(".rows")] for k in TABLE if k.endswith(".rows") and k[: -len(".rows")] in TABLE)

# Chinese one-liners for the data sets (English comes from aecore.data.registry).
DATA_ZH = {
    "digits": "scikit-learn 的 8×8 手写数字（1,797 张，10 类）",
    "shapes": "28×28 的圆、方、三角、十字和线条轮廓",
    "patches": "两张照片中截取的 8×8 灰度小块，按 UFLDL 稀疏自编码器的方式归一化",
    "moons": "二维平面上两个交错的半月（2 类）",
    "circles": "二维平面上两个同心圆（2 类）",
    "swissroll": "二维瑞士卷，沿卷分成 4 段作为标签",
    "spiral": "二维双臂螺旋（标签 = 臂）",
    "mnist": "MNIST 手写数字，28×28（60,000 + 10,000）",
    "fashion-mnist": "Fashion-MNIST 服装图片，28×28（60,000 + 10,000，10 类）",
    "frey": "Frey 人脸，28×20（同一人的 1,965 帧，无标签）",
    "olivetti": "Olivetti 人脸，64×64（40 人共 400 张）",
    "usps": "USPS 邮编数字，16×16（7,291 + 2,007）",
}


def lang() -> str:
    """The session's language: "en" or "zh"."""
    value = st.session_state.get(LANG, "en")
    return value if value in LANGUAGES else "en"


def default_lang(locale: str | None) -> str:
    """Language for a browser locale such as "zh-CN" or "en-US"."""
    return "zh" if (locale or "").lower().startswith("zh") else "en"


def t(key: str, default=_MISSING, **fmt) -> str:
    """The text for ``key`` in the session's language, formatted with ``fmt``.

    Unknown keys return ``default`` when given, else the key itself (visible, so a missing
    translation is noticed rather than hidden).
    """
    entry = TABLE.get(key)
    if entry is None:
        return default if default is not _MISSING else key
    text = entry.get(lang()) or entry["en"]
    return text.format(**fmt) if fmt else text


def t_error(message) -> str:
    """An aecore error or job message (``aecore.errors``: ``.key`` and ``.params``) in the session's
    language; its English text where it has no key or ``texts.errors`` does not know the key."""
    key = getattr(message, "key", None)
    template = ERRORS_ZH.get(key) if lang() == "zh" and isinstance(key, str) else None
    if template is None:
        return str(message)
    params = {k: t_error(v) if isinstance(v, BaseException) else v for k, v in message.params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):  # a parameter the translation expects and the message lacks
        return str(message)


_BUDGET = re.compile(r"labels (\d+): (.*)")


def t_phase(phase: str) -> str:
    """A training phase's name (aecore's ``"layer 2"``, ``"finetune"``, ``"labels 100: from scratch"``)
    in the session's language; an unknown phase as it is."""
    budget = _BUDGET.fullmatch(phase)
    if budget:
        return t("stacked.phase_budget", n=int(budget[1]), phase=t_phase(budget[2]))
    if phase.startswith("layer ") and phase[6:].isdigit():
        return t("stacked.phase_layer", n=int(phase[6:]))
    return t(f"stacked.phase.{phase}", default=phase)


@dataclass(frozen=True)
class Text:
    """A text to draw later, in whatever language is current then: a table key and its parameters
    (which may be ``Text`` s themselves). Job labels are kept like this, not as the words of the
    language they were submitted in."""

    key: str
    params: tuple = ()

    @classmethod
    def of(cls, key: str, **params) -> Text:
        return cls(key, tuple(sorted(params.items())))

    def __str__(self) -> str:
        return t(self.key, **{k: str(v) if isinstance(v, Text) else v for k, v in self.params})


# Plotly's own words (tool-bar tips, hints), translated through plotly.js's ``locales`` config.
PLOTLY_ZH = {
    "Autoscale": "自动缩放", "Box Select": "框选", "Lasso Select": "套索选择", "Pan": "平移", "Zoom": "缩放",
    "Zoom in": "放大", "Zoom out": "缩小", "Reset": "重置", "Reset axes": "重置坐标轴", "Reset view": "重置视图",
    "Reset views": "重置视图", "Toggle Spike Lines": "显示或隐藏参考线", "Show closest data on hover": "悬停时显示最近的数据",
    "Compare data on hover": "悬停时比较数据", "Toggle show closest data on hover": "切换悬停时显示最近的数据",
    "Download plot as a PNG": "下载为 PNG 图片", "Download plot": "下载图表", "Download plot as JSON": "下载为 JSON",
    "Double-click to zoom back out": "双击恢复原来的缩放", "Double-click on legend to isolate one trace": "双击图例只显示这一条",
    "Erase active shape": "删除选中的形状", "Draw line": "画线", "Draw rectangle": "画矩形", "Draw circle": "画圆",
    "Draw open freeform": "画开放曲线", "Draw closed freeform": "画封闭曲线",
}


def plotly_config(config: dict | None = None) -> dict:
    """``config`` for ``st.plotly_chart`` with Plotly's own words (tool bar) in the session's language."""
    config = dict(config or {})
    if lang() == "zh":
        config.update(locale="zh-CN", locales={"zh-CN": {"dictionary": PLOTLY_ZH}})
    return config


def t_labels(prefix: str, defaults: dict) -> dict:
    """A figure's display strings in the session's language: ``{name: t("<prefix>.<name>")}``,
    falling back to the English ``defaults`` that the aecore figure builder declares."""
    return {k: t(f"{prefix}.{k}", default=v) for k, v in defaults.items()}


def for_data(text: str, image_shape) -> str:
    """``text`` (a ``t(key)`` that speaks of images) in the wording for data that are not images.

    For ``image_shape`` None (rows of a table, 2-D points) a text whose key has a ``<key>.rows``
    variant is replaced by that variant, in the same language; anything else is returned as is.
    """
    if image_shape is not None:
        return text
    for key in _ROWS_KEYS:
        if text == t(key):
            return t(f"{key}.rows")
    return text


def t_data(key: str, image_shape, **params) -> str:
    """``t(key, **params)``, or its ``<key>.rows`` variant when the data are not images (``image_shape`` None)."""
    if image_shape is None and f"{key}.rows" in TABLE:
        return t(f"{key}.rows", **params)
    return t(key, **params)


# ---- option widgets with translated labels ------------------------------------------------------
# Streamlit (1.67) sends an option widget's value to the browser and back as its *label*, the
# format_func's output, while the widget's identity is its key alone. A language switch changes
# every label under an unchanged identity, so the browser keeps the old language's label: it shows
# no option as selected, and on the next interaction sends that label back, which no longer maps
# to an option and reaches session state (and on_change callbacks) as the raw label string.
# The cure is at the switch: every such widget's value is written back into session state in the
# language switch's callback, and Streamlit then sends it to the browser as the new language's label.
def choice(widget, label: str, options, *, key: str, format_func, **kwargs):
    """Draw ``widget`` (st.radio, st.selectbox, st.segmented_control, st.multiselect, st.pills,
    st.select_slider, or the same on a container) whose ``format_func`` translates its options.

    The value stays the internal option (e.g. "lbfgs", never "L-BFGS (full batch)") in every
    language and stays selected across a language switch (see ``relabel``).
    """
    st.session_state.setdefault(RELABEL, set()).add(key)
    return widget(label, options, key=key, format_func=format_func, **kwargs)


def relabel() -> None:
    """``on_change`` of the language switch: have Streamlit re-send every translated option
    widget's value, so the browser holds it as the new language's label."""
    ss = st.session_state
    for key in ss.get(RELABEL, ()):
        if key in ss:
            ss[key] = ss[key]  # read with the old labels (still this run's): the internal value


def dataset_description(name: str, english: str) -> str:
    return DATA_ZH.get(name, english) if lang() == "zh" else english


__all__ = ["FORMULAS", "LANGUAGES", "TABLE", "Text", "choice", "dataset_description", "default_lang", "lang", "relabel",
           "plotly_config", "t", "t_error", "t_phase"]
