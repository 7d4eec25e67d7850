"""GI promotion projects since 2019: the figures and the leverage chain, 'more than' shown honestly."""

import streamlit as st

from ipaid import charts, data
from ipaid.figures import figure_text
from ipaid.i18n import t
from ipaid.ui import chart_block, chart_subtitle, facts_list, figure_card, lang, national_page, press_kit_button
from ipaid.views import demo_zones_view, projects_view

L = lang()
st.title(t("page_projects", L))
st.caption(t("pj_caption", L))
national = national_page()
figures = data.load_figures()
cards = [
    "gi_promotion_projects",
    "gi_project_counties",
    "gi_project_provinces",
    "gi_project_gis",
    "people_driven_out_of_poverty",
]
for row_names in (cards[:3], cards[3:]):
    for col, name in zip(st.columns(len(row_names), border=True), row_names):
        figure_card(col, name, short=True)

src = figures.loc["gi_guiding_funds", "source"]
subtitle = chart_subtitle(src)
chart, frame = charts.leverage(figures, L, subtitle)
chart_block("gi-projects-leverage", chart, frame, key="chart_leverage")
amounts = [figures.loc[name].drop("qualifier") for name in ("gi_guiding_funds", "gi_industry_output")]
st.caption(t("pj_scale", L, low=figure_text(amounts[0], L), high=figure_text(amounts[1], L)))

facts_list(data.load_press_facts(), "projects")
projects, zones = data.load_projects(), data.load_demo_zones()
st.header(t("proj_named", L))
st.caption(
    t(
        "proj_named_help",
        L,
        n=int((projects["level"] == "project").sum()),
        total=int(figures.at["gi_promotion_projects", "value"]),
    )
)
st.dataframe(projects_view(projects, L), hide_index=True, width="stretch")
st.header(t("zones_title", L))
st.caption(
    t(
        "zones_help",
        L,
        likely=int((zones["among_24"] == "likely").sum()),
        unknown=int((zones["among_24"] == "unknown").sum()),
        total=int(figures.at["gi_demonstration_zones", "value"]),
    )
)
st.dataframe(demo_zones_view(zones, L), hide_index=True, width="stretch")
press_kit_button({"gi-projects-leverage": (chart, frame)}, [src], national, key="projects")
