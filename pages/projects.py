"""GI promotion projects since 2019: the figures and the leverage chain, 'more than' shown honestly."""
import streamlit as st

from ipaid import charts, data
from ipaid.i18n import t
from ipaid.ui import (chart_block, chart_subtitle, current_filters, facts_list, figure_card, lang,
                      press_kit_button)

L = lang()
en = L == "en"
st.title(t("page_projects", L))
st.caption("Since 2019 CNIPA has run GI promotion projects in poverty-stricken areas (contiguous destitute areas and "
           "the Tibetan areas of four provinces)." if en else
           "2019年以来，国家知识产权局在连片特困地区、四省藏区等贫困地区实施地理标志运用促进工程。")
figures = data.load_figures()
cards = ["gi_promotion_projects", "gi_project_counties", "gi_project_provinces", "gi_project_gis",
         "people_driven_out_of_poverty"]
for row_names in (cards[:3], cards[3:]):
    for col, name in zip(st.columns(len(row_names), border=True), row_names):
        figure_card(col, name, short=True)

src = figures.loc["gi_guiding_funds", "source"]
subtitle = chart_subtitle(src)
chart, frame = charts.leverage(figures, L, subtitle)
chart_block("gi-projects-leverage", chart, frame, key="chart_leverage")
st.caption("Figures marked 'more than' are lower bounds given at the press conference; bars for them end in ▶. "
           "The scale is logarithmic so that 10 million and 21 billion are both visible." if en else
           "标注“超过”的数字为发布会给出的下限，相应柱形以▶结尾。采用对数刻度，使一千万元与二百一十亿元均清晰可见。")

facts_list(data.load_press_facts(), "projects")
st.info("The list of the 21 projects and their 32 GIs is not published in a form we could load; only "
        "Datong Huanghua (大同黄花) is named in the sources. The GI page lists every GI we could source." if en else
        "21个项目及其32个地理标志的完整名单尚未找到可载入的公开版本，来源中仅点名“大同黄花”。地理标志页列出了所有已核实来源的地理标志。",
        icon=":material/info:")
press_kit_button({"gi-projects-leverage": (chart, frame)}, [src], current_filters(), key="projects")
