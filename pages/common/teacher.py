"""Teacher links: ``?hide=optimizer,lr`` hides chosen controls, ``?present=1`` sets larger type.

As in TF Playground, a hidden control keeps its value (the link's own ``?lr=0.03``, or the
default) and still applies; only its widget is not drawn on screen. Hiding is page-wide CSS
on the widgets' key classes (Streamlit gives a keyed element the class ``st-key-<key>``, every
character outside ``[A-Za-z0-9_-]`` replaced by ``-``; panel widgets are keyed
``<page>.<setting>``), so no page needs to know about it.

Both settings are read from the link on a session's first run and kept in session state;
every run writes them back into the URL, because a page switch drops the query string (as
``app.py`` does for ``?lang=``). They survive reruns, page switches and language switches.
A link with ``?hide=`` (empty) or ``?present=0`` turns them off again.
"""

from __future__ import annotations

from urllib.parse import urlencode

import plotly.graph_objects as go
import streamlit as st

from . import nav, panel, urlstate
from .i18n import choice, t

HIDE = "teacher_hide"  # session key: tuple of hidden control names, in HIDEABLE order
PRESENT = "teacher_present"  # session key: bool, presentation mode
BUILDER = "teacher.builder"  # key prefix of the link builder's widgets
PRESENT_SCALE = 1.25  # type (page and charts) is this much larger in presentation mode
# Controls a link may hide, by URL name. Panel settings and page controls are keyed
# "<page>.<name>" on every page; the sidebar's two switches have keys of their own.
PAGE_CONTROLS = ("optimizer", "preset")
SIDEBAR_CONTROLS = {"language": "lang", "mode": "mode"}  # URL name → widget key (state.LANG, state.MODE)
HIDEABLE = tuple(dict.fromkeys((*(p.key for p in panel._BY_KEY.values()), *PAGE_CONTROLS, *SIDEBAR_CONTROLS)))


def parse_hide(text: str | None) -> tuple[str, ...]:
    """Known control names in ``text`` ("optimizer,lr"), in HIDEABLE order; unknown names are ignored."""
    wanted = {w.strip().lower() for w in (text or "").split(",")}
    return tuple(n for n in HIDEABLE if n in wanted)


def key_class(key: str) -> str:
    """The CSS class Streamlit gives an element with widget key ``key``."""
    return "st-key-" + "".join(c if c.isascii() and (c.isalnum() or c in "_-") else "-" for c in key.strip())


def hide_css(names: tuple[str, ...]) -> str:
    """CSS that hides the widgets of ``names`` on every page ("" when none)."""
    selectors = []
    for name in names:
        if name in SIDEBAR_CONTROLS:
            selectors.append("." + key_class(SIDEBAR_CONTROLS[name]))
        else:
            selectors += ["." + key_class(f"{p.key}.{name}") for p in nav.PAGES]
    return f"{', '.join(selectors)} {{display: none !important;}}" if selectors else ""


# Presentation mode: Streamlit sizes its text in rem, so a larger root font scales every label,
# caption, button and metric together; the charts get larger fonts through ``scale_fonts``.
PRESENT_CSS = f"""html {{font-size: {PRESENT_SCALE * 100:.0f}%;}}
[data-testid="stMainBlockContainer"] {{max-width: none; padding-left: 2rem; padding-right: 2rem;}}"""


def presenting() -> bool:
    return bool(st.session_state.get(PRESENT, False))


def hidden() -> tuple[str, ...]:
    return tuple(st.session_state.get(HIDE, ()))


def apply() -> None:
    """Once per run, before the page draws (app.py): read or restore the link's settings, draw their CSS."""
    ss, qp = st.session_state, st.query_params
    if "hide" in qp or HIDE not in ss:
        ss[HIDE] = parse_hide(qp.get("hide"))
    if "present" in qp or PRESENT not in ss:
        ss[PRESENT] = qp.get("present") == "1"
    urlstate.mirror("hide", ",".join(ss[HIDE]))
    urlstate.mirror("present", "1" if ss[PRESENT] else "")
    css = hide_css(ss[HIDE]) + ("\n" + PRESENT_CSS if ss[PRESENT] else "")
    if css:
        st.html(f"<style>{css}</style>")


def scale_fonts(fig: go.Figure) -> go.Figure:
    """In presentation mode, a chart's default and title fonts PRESENT_SCALE × larger (in place)."""
    if not presenting():
        return fig
    tpl = fig.layout.template.layout
    base = fig.layout.font.size or tpl.font.size or 16
    title = fig.layout.title.font.size or tpl.title.font.size or 19
    fig.update_layout(font_size=round(base * PRESENT_SCALE), title_font_size=round(title * PRESENT_SCALE))
    return fig


# ---- the link builder (sidebar) ------------------------------------------------------------------
def control_label(name: str) -> str:
    if name in SIDEBAR_CONTROLS:
        return t(f"sidebar.{name}")
    if name in PAGE_CONTROLS:
        return t(f"teacher.c.{name}")
    return t(f"p.{name}")


def link(page_key: str, params: dict[str, str], hide: tuple[str, ...], present: bool, base: str | None) -> str:
    """The address of ``page_key`` with the page's current settings ``params`` plus hide/present."""
    query = {k: v for k, v in params.items() if k not in ("hide", "present")}
    if hide:
        query["hide"] = ",".join(hide)
    if present:
        query["present"] = "1"
    root = (base or "").rstrip("/")
    page = "" if page_key == "home" else page_key
    if root.endswith("/" + page_key):  # st.context.url includes the current page's path
        root = root[: -len(page_key) - 1]
    text = f"{root}/{page}" if root else f"/{page}"
    return text + ("?" + urlencode(query, safe=",") if query else "")


def builder(page_key: str) -> None:
    """An expander: choose controls to hide and presentation mode; get the link for this page."""
    ss = st.session_state
    with st.expander(t("teacher.title"), icon=":material/school:"):
        st.caption(t("teacher.intro"))
        names = choice(st.multiselect, t("teacher.hide"), list(HIDEABLE), key=f"{BUILDER}.hide",
                       format_func=control_label, default=list(hidden()) if f"{BUILDER}.hide" not in ss else None,
                       placeholder=t("teacher.hide_none"))
        present = st.toggle(t("teacher.present"), key=f"{BUILDER}.present", value=presenting(),
                            help=t("teacher.present_help"))
        ordered = tuple(n for n in HIDEABLE if n in names)
        url = link(page_key, dict(st.query_params.to_dict()), ordered, present, st.context.url)
        st.code(url, language=None, wrap_lines=True)
        st.link_button(t("teacher.open"), url, icon=":material/open_in_new:", width="stretch")
        st.caption(t("teacher.note"))
