"""IP Aid dashboard: entry point. Page config, first-run boundary build, shared sidebar, navigation."""
import streamlit as st

from ipaid import geometry, static_files, webfont
from ipaid.i18n import t
from ipaid.paths import ROOT
from ipaid.ui import entry_guard, lang, page_guard, share_link, show_url_warnings, sidebar

webfont.ensure_webfont()  # first (2 s once): the browser asks for font slices as soon as text is drawn
entry_guard()
st.set_page_config(page_title="IP Aid · 知识产权助力脱贫", page_icon=str(ROOT / "assets" / "icon.png"), layout="wide")

if not geometry.is_built():
    bar = st.progress(0.0, text="Preparing county boundaries (first run only)…")
    geometry.ensure_built(lambda fraction, message: bar.progress(min(fraction, 1.0), text=message))
    bar.empty()

PAGES = [("overview", "page_overview", ":material/home:"), ("map", "page_map", ":material/map:"),
         ("gi", "page_gi", ":material/verified:"), ("evidence", "page_evidence", ":material/query_stats:"),
         ("projects", "page_projects", ":material/payments:"),
         ("designated", "page_designated", ":material/location_on:"), ("patents", "page_patents", ":material/find_in_page:"),
         ("profiles", "page_profiles", ":material/search:"), ("data", "page_data", ":material/database:")]

with page_guard():
    static_files.ensure_static()
    sidebar()
    nav = st.navigation([st.Page(f"pages/{name}.py", title=t(key, lang()), icon=icon, url_path=name,
                                 default=name == "overview") for name, key, icon in PAGES])
    with st.sidebar:
        share_link()
    show_url_warnings()
    nav.run()
