"""Diabolo: the router and the shared sidebar. Run with ``streamlit run app.py``.

Pages are listed in ``pages/common/nav.py``; each is one file in ``pages/``. The sidebar
holds the language switch (default from the browser's locale), the Beginner/Advanced
switch and this session's training jobs.
"""

import streamlit as st

from pages.common import live, nav, state, teacher, urlstate, views
from pages.common.i18n import LANGUAGES, choice, default_lang, relabel, t

st.set_page_config(page_title="Diabolo", page_icon=":material/hourglass_empty:", layout="wide")
state.init()
live.collect_all()  # the one place finished jobs become results: before the sidebar and the page draw
views.page_style()
teacher.apply()  # ?hide=… and ?present=1 (teacher links), kept across page and language switches
__import__("aecore.serving.projection").serving.projection.warm_up()  # UMAP compiles ~1 min on first use: start it now, in the background

ss = st.session_state
if state.LANG not in ss:  # first run: the link's ?lang=, else the browser's language
    wanted = urlstate.get("lang")
    ss[state.LANG] = wanted if wanted in LANGUAGES else default_lang(st.context.locale)
if state.MODE not in ss:
    ss[state.MODE] = "advanced" if urlstate.get("mode") == "advanced" else "beginner"

pages = {}
for section in nav.SECTIONS:
    label = t(f"nav.section.{section}") if section else ""
    pages[label] = [st.Page(p.path, title=t(p.title_key), icon=p.icon, url_path=p.key, default=p.key == "home")
                    for p in nav.PAGES if p.section == section]
current = st.navigation(pages, expanded=True)

with st.sidebar:
    st.segmented_control(t("sidebar.language"), list(LANGUAGES), key=state.LANG, format_func=LANGUAGES.get,
                         required=True, on_change=relabel)
    choice(st.segmented_control, t("sidebar.mode"), ["beginner", "advanced"], key=state.MODE, required=True,
           format_func=lambda m: t(f"sidebar.{m}"), help=t("sidebar.mode_help"))
    st.markdown(f"**{t('sidebar.jobs')}**")
    jobs_slot = st.empty()
    with jobs_slot.container():
        live.sidebar_jobs()

urlstate.mirror("lang", ss[state.LANG], "en")
current.run()
live.sidebar_jobs_after_page(jobs_slot)  # jobs the page submitted while drawing (presets) show at once
with st.sidebar:  # after the page, so the link carries the settings this run wrote into the URL
    teacher.builder(current.url_path or "home")
