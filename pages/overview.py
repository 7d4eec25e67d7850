"""Overview: headline figures with sources, the three paths, a national map thumbnail."""
import pandas as pd
import streamlit as st

from ipaid import data, maps
from ipaid.filters import Filters
from ipaid.i18n import t
from ipaid.palette import legend
from ipaid.ui import figure_card, lang
from ipaid.ui import legend as draw_legend

L = lang()
en = L == "en"
st.title(t("app_title", L))
st.caption(t("app_subtitle", L))

figures = data.load_figures()
cards = ["gi_protection_products", "gi_trademarks", "gi_mark_enterprises",
         "gi_demonstration_zones", "tisc_centres", "national_poverty_counties"]
for row_names in (cards[:3], cards[3:]):
    for col, name in zip(st.columns(3, border=True), row_names):
        row = figure_card(col, name)
        if name == "national_poverty_counties":
            exited = figures.loc["exited_2020"]
            col.caption(("Listed {a}; the last {n} exited in {b}" if en else "{a}年列入；最后{n}个县于{b}摘帽").format(
                a=row["as_of"], n=int(exited["value"]), b=exited["as_of"]))
        else:
            col.caption(f"{t('as_of', L)} {row['as_of']}")

left, right = st.columns(2)
with left:
    st.subheader("Three paths" if en else "三条路径")
    paths = [
        ("pages/patents.py", ":material/find_in_page:", "Information: patent services" if en else "信息扶贫：专利信息服务",
         "The IP public service network, patent literature retrieval and analysis, 51 TISCs built with WIPO, "
         "and patent information docking projects for farming and processing." if en else
         "知识产权公共服务网、专利文献检索分析、与世界知识产权组织共建的51家技术与创新支持中心，以及面向种植加工的专利信息精准对接项目。"),
        ("pages/gi.py", ":material/verified:", "System: trademarks and GIs" if en else "制度扶贫：商标与地理标志",
         "A green channel for GI examination; GI protection products, GI trademarks and the special GI mark "
         "across all poverty counties." if en else "地理标志审查“绿色通道”；地理标志保护产品、地理标志商标和专用标志覆盖全部贫困县。"),
        ("pages/designated.py", ":material/location_on:", "Industry: designated counties" if en else "产业扶贫：定点扶贫县",
         "Sangzhi (Hunan) and Chongli (Hebei): cooperative + brand + industry + poor households." if en else
         "湖南桑植、河北崇礼：“专业合作社+品牌+产业+贫困户”。"),
    ]
    for page, icon, title, text in paths:
        st.page_link(page, label=title, icon=icon)
        st.caption(text)
        if page == "pages/gi.py":  # part of the system path, not a fourth one
            st.page_link("pages/projects.py", icon=":material/payments:", label=(
                "…and GI promotion projects" if en else "……及地理标志运用促进工程"))
            st.caption("Since 2019: 21 projects in 43 poverty counties of 17 central and western provinces." if en
                       else "2019年以来：中西部17个省份43个国家级贫困县，21个项目。")
with right:
    st.subheader("Where the poverty counties were" if en else "贫困县分布")
    st.pydeck_chart(maps.build_deck(Filters(), "status", L, details=False, zoom=1.55), height=320)
    draw_legend(legend("status", L, data.load_areas()), t("m_status", L))
    st.page_link("pages/map.py", label="Open the full map" if en else "打开完整地图", icon=":material/map:")

st.subheader("How complete is the data" if en else "数据完整度")
cov = data.coverage()
for row in cov.itertuples():
    if pd.notna(row.official_total):
        total = int(row.official_total)
        st.progress(min(row.covered / total, 1.0), text=f"{row.label_en if en else row.label_zh}: {row.covered:,} / {total:,}"
                    + (" (official total)" if en else "（官方总数）"))
st.caption("Every figure on this page comes from data/figures.csv; hover a figure for its source and date. "
           "Full sources: data/SOURCES.md and the Data page." if en else
           "本页数据均来自 data/figures.csv；将鼠标悬停在数字上可查看来源和日期。完整来源见 data/SOURCES.md 与“数据管理”页。")
