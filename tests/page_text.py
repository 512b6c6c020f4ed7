"""Every piece of text an AppTest run draws: widget labels, help, placeholders, options, prose,
metric tiles, tables, block labels and the text fields of Plotly figures (titles, axes, legends,
hover templates, annotations, colour-bar titles, categorical tick labels).

``texts(at)`` returns (where, text) pairs; ``where`` names the element so that a failure points
at it. Streamlit draws a few texts of its own in the browser that never reach the element tree
(a select box's default placeholder): ``texts`` reports those as the English Streamlit would draw.
"""

from __future__ import annotations

import json

from google.protobuf.message import Message

# Fields of Streamlit's element protos that hold text the user reads.
TEXT_FIELDS = {"label", "help", "body", "title", "placeholder", "options", "captions", "content", "text",
               "delta", "delta_description", "caption", "alt", "validate_message", "default_tab_label"}
# Keys of a Plotly figure's JSON whose strings are drawn: names, titles, annotations, templates, and
# the categories of a categorical axis (x / y given as strings).
PLOTLY_TEXT = {"text", "name", "hovertemplate", "texttemplate", "hovertext", "ticktext", "labels", "x", "y",
               "values", "legendgrouptitle"}
# What Streamlit 1.67's frontend shows in a select box or multiselect without a placeholder.
DEFAULT_PLACEHOLDER = {"selectbox": "Choose an option", "multiselect": "Choose options"}


def _proto_texts(msg: Message, where: str, out: list) -> None:
    for field, value in msg.ListFields():
        many = not isinstance(value, (str, bytes, int, float, bool, Message))  # a repeated field
        if field.message_type is not None:
            for m in value if many else [value]:
                _proto_texts(m, where, out)
        elif field.name == "spec" and isinstance(value, str):
            _plotly_texts(json.loads(value), f"{where} figure", out)
        elif field.name in TEXT_FIELDS:
            for v in value if many else [value]:
                if isinstance(v, str) and v.strip():
                    out.append((f"{where}.{field.name}", v))


def _plotly_texts(node, where: str, out: list, key: str | None = None) -> None:
    if isinstance(node, dict):
        for k, v in node.items():
            if k in ("bdata", "template"):  # typed arrays; the theme's own (unused) defaults
                continue
            _plotly_texts(v, where, out, k)
    elif isinstance(node, list):
        for v in node:
            _plotly_texts(v, where, out, key)
    elif isinstance(node, str) and key in PLOTLY_TEXT and node.strip():
        out.append((f"{where}.{key}", node))


def _dataframe_texts(el, where: str, out: list) -> None:
    try:
        df = el.value
    except Exception:  # not every element kind decodes its Arrow data
        return
    for c in df.columns:
        out.append((f"{where}.column", str(c)))
    if df.index.dtype == object:
        out += [(f"{where}.index", str(i)) for i in df.index]
    for c in df.columns:
        if df[c].dtype == object:
            out += [(f"{where}.cell", v) for v in df[c] if isinstance(v, str)]


def texts(at) -> list[tuple[str, str]]:
    """(where, text) of everything the last run drew, in the sidebar and the main area."""
    out: list[tuple[str, str]] = []
    for root_name, root in (("sidebar", at.sidebar), ("main", at.main)):
        for node in root:
            kind = getattr(node, "type", type(node).__name__)
            where = f"{root_name}:{kind}" + (f"[{node.key}]" if getattr(node, "key", None) else "")
            proto = getattr(node, "proto", None)
            if isinstance(proto, Message):
                _proto_texts(proto, where, out)
            if kind in ("arrow_data_frame", "dataframe", "table"):
                _dataframe_texts(node, where, out)
            if kind in DEFAULT_PLACEHOLDER and isinstance(proto, Message) and not proto.placeholder and (
                    kind == "multiselect" or not proto.HasField("default")):  # a select box shows it only empty
                out.append((f"{where}.placeholder (Streamlit's default)", DEFAULT_PLACEHOLDER[kind]))
    return out
