"""IP Aid dashboard: entry point. Page config, first-run boundary build, shared sidebar, navigation."""

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException

from ipaid import geometry, static_files, store, webfont
from ipaid.i18n import LANGS, norm_lang, t
from ipaid.paths import ROOT
from ipaid.site_pages import pages
from ipaid.ui import LANG_KEY, finish_view, first_good, lang, nav_links, page_guard, show_url_warnings, sidebar

webfont.ensure_webfont()  # first (2 s once): the browser asks for font slices as soon as text is drawn
st.set_page_config(page_title="IP Aid · 知识产权助力脱贫", page_icon=str(ROOT / "assets" / "icon.png"), layout="wide")

if not geometry.is_built():
    L = norm_lang(first_good(LANG_KEY, LANGS.__contains__)[0] or lang())  # the language switch is not drawn yet
    bar = st.progress(0.0, text=t("first_run_build", L, share=0.0))

    def done(share: float) -> None:
        bar.progress(min(share, 1.0), text=t("first_run_build", L, share=share))

    geometry.ensure_built(lambda share, _: done(0.8 * share))  # then the served map files (~10 s, blank before)
    with page_guard():
        static_files.ensure_static()
    done(1.0)
    bar.empty()

# One read of the version store per run (each table's version was read ~30 times), then the page.
with store.one_read_per_run(), page_guard():
    static_files.ensure_static()
    menu = st.sidebar.container()
    sidebar()
    listed = pages()
    nav = st.navigation(listed, position="hidden")
    with menu:
        nav_links(listed[:-1])
    share_box = st.sidebar.empty()
    show_url_warnings()
    rerun = False
    try:
        nav.run()
    except RerunException:  # st.switch_page or st.rerun: the next run writes the URL. Recording this run's URL
        rerun = True  # (which a page switch has set) hid the switch's link from the next run (its language was lost)
        raise
    finally:
        if not rerun:
            finish_view(share_box)  # after the page ran, so the link and the URL include what the page bound
