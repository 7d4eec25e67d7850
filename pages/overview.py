"""Overview: headline figures with sources, the three paths, a national map thumbnail, data completeness."""

import streamlit as st

from ipaid import data, maps
from ipaid.data import figure_number
from ipaid.filters import Filters
from ipaid.i18n import t
from ipaid.palette import legend
from ipaid.ui import draw_legend, figure_card, lang, national_page, page_link
from ipaid.views import completeness_bars

L = lang()
st.title(t("app_title", L))
st.caption(t("app_subtitle", L, n=figure_number("national_poverty_counties")))
national_page()

figures = data.load_figures()
cards = [
    "gi_protection_products",
    "gi_trademarks",
    "gi_mark_enterprises",
    "gi_demonstration_zones",
    "tisc_centres",
    "national_poverty_counties",
]
for row_names in (cards[:3], cards[3:]):
    for col, name in zip(st.columns(3, border=True), row_names):
        row = figure_card(col, name)
        if name == "national_poverty_counties":
            exited = figures.loc["exited_2020"]
            col.caption(t("ov_exited", L, a=row["as_of"], n=int(exited["value"]), b=exited["as_of"]))
        else:
            col.caption(f"{t('as_of', L)} {row['as_of']}")

left, right = st.columns(2)
with left:
    st.header(t("ov_three_paths", L))
    paths = [
        ("pages/patents.py", ":material/find_in_page:", "ov_info", {"tisc": figure_number("tisc_centres")}),
        ("pages/gi.py", ":material/verified:", "ov_system", {}),
        ("pages/designated.py", ":material/location_on:", "ov_industry", {}),
    ]
    for page, icon, key, fmt in paths:
        page_link(page, t(key, L), icon)
        st.caption(t(f"{key}_text", L, **fmt))
        if page == "pages/gi.py":  # part of the system path, not a fourth one
            page_link("pages/projects.py", t("ov_projects", L), ":material/payments:")
            st.caption(
                t(
                    "ov_projects_text",
                    L,
                    projects=figure_number("gi_promotion_projects"),
                    counties=figure_number("gi_project_counties"),
                    provinces=figure_number("gi_project_provinces"),
                )
            )
with right:
    st.header(t("ov_where", L))
    st.pydeck_chart(maps.cached_deck(Filters(), "status", L, details=False, zoom=1.55), height=320)
    draw_legend(legend("status", L, data.load_areas()), t("m_status", L))
    page_link("pages/map.py", t("ov_full_map", L), ":material/map:")

st.header(t("ov_complete", L))
for share, text in completeness_bars(data.coverage(), L):
    st.progress(share, text=text)
st.caption(t("ov_note", L))
