"""Geographical indications: coverage, linked charts, searchable table and a per-GI detail view."""
import pandas as pd
import streamlit as st

from ipaid import charts, data, maps
from ipaid.filters import filter_gis
from ipaid.gi_search import detail_counties, search
from ipaid.i18n import CATEGORY, GI_TYPE, label, t
from ipaid.names import place_en
from ipaid.ui import (chart_block, chart_subtitle, current_filters, downloads, filters_text,
                      gi_coverage_text, lang, press_kit_button)
from ipaid.views import years

L = lang()
en = L == "en"
st.title(t("page_gi", L))
f = current_filters()
gis_all = data.load_gis()
counties = data.load_counties()
area_codes = set(counties.loc[counties["area_id"].isin(f.areas), "boundary_adcode"]) if f.areas else None
gis = filter_gis(gis_all, f, area_codes)

st.info(gi_coverage_text(), icon=":material/fact_check:")
st.caption(filters_text(f) + (f" · {len(gis)} GIs shown" if en else f" · 显示{len(gis)}条"))
if gis.empty:
    st.warning(t("no_match", L))
    st.stop()

subtitle = chart_subtitle("data/gi_products.csv (CNIPA, AQSIQ and MoA announcements; see each row's source)" if en
                          else "data/gi_products.csv（国家知识产权局、原质检总局、农业农村部公告，见各行来源）", f)
by_province, province_counts = charts.gi_by_province(gis, L, subtitle)
by_category, category_counts = charts.gi_by_category(gis, L, subtitle)
by_type, type_counts = charts.gi_by_type(gis, L, subtitle)
by_year, year_counts = charts.gi_cumulative(gis, L, subtitle)
by_area, area_counts = charts.gi_by_area(gis, counties, data.load_areas(), L, subtitle)

left, right = st.columns(2)
with left:
    st.caption(t("click_bar", L))
    state = chart_block("gi-by-province", by_province, province_counts, key="chart_province", selectable=True)
with right:
    chart_block("gi-by-category", by_category, category_counts, key="chart_category")
    chart_block("gi-by-type", by_type, type_counts, key="chart_type")
left, right = st.columns(2)
with left:
    chart_block("gi-cumulative", by_year, year_counts, key="chart_year")
with right:
    chart_block("gi-in-poverty-areas", by_area, area_counts, key="chart_area")

picked = [p.get("province") for p in (state.selection.get(charts.PROVINCE_SELECT) or [])] if state else []
table = gis[gis["province"].isin(picked)] if picked else gis
query = st.text_input(t("search", L), key="gi_search", placeholder="桑植 / Sangzhi / anhua")
table = search(table, query)
picked_names = [place_en(p) if en else p for p in picked]
st.subheader(("GIs" if en else "地理标志") + f" ({len(table)})" + (f" · {', '.join(picked_names)}" if picked else ""))
view = pd.DataFrame({
    "ID": table["gi_id"], ("Name" if en else "名称"): table["name_en" if en else "name_zh"],
    ("Chinese" if en else "英文/拼音"): table["name_zh" if en else "name_en"],
    t("type", L): table["gi_type"].map(lambda v: label(GI_TYPE, v, L)),
    t("category", L): table["category"].map(lambda v: label(CATEGORY, v, L)),
    t("province", L): table["province_en" if en else "province"],
    t("year", L): years(table["year_approved"]), t("registered", L): table["register_ref"],
    t("source", L): table["source"],
})
pick = st.dataframe(view, hide_index=True, width="stretch", height=360, key="gi_table",
                    on_select="rerun", selection_mode="single-row")
downloads("gi-table", table.drop(columns=["counties"]), key="gi_table")
press_kit_button({"gi-by-province": (by_province, province_counts), "gi-by-category": (by_category, category_counts),
                  "gi-by-type": (by_type, type_counts), "gi-cumulative": (by_year, year_counts),
                  "gi-in-poverty-areas": (by_area, area_counts)}, sorted(set(gis["source"])), f, key="gi")

st.subheader(t("gi_detail", L))
rows = pick.selection.rows if pick else []
options = table["gi_id"].tolist()
default = options.index(table.iloc[rows[0]]["gi_id"]) if rows else 0
names = dict(zip(table["gi_id"], table["name_en" if en else "name_zh"]))
gi_id = st.selectbox(t("choose_gi", L), options, index=default if options else None,
                     format_func=lambda g: f"{names.get(g, g)} ({g})", key="gi_detail")
if gi_id:
    gi = gis_all.set_index("gi_id").loc[gi_id]
    c1, c2 = st.columns([2, 3])
    with c1:
        st.markdown(f"### {gi['name_zh']}  \n{gi['name_en']}")
        st.write(f"**{t('type', L)}**: {label(GI_TYPE, gi['gi_type'], L)}")
        st.write(f"**{t('category', L)}**: {label(CATEGORY, gi['category'], L)}")
        st.write(f"**{t('province', L)}**: {gi['province_en'] if en else gi['province']}")
        st.write(f"**{t('year', L)}**: {'' if pd.isna(gi['year_approved']) else int(gi['year_approved'])}")
        st.write(f"**{t('registered', L)}**: {gi['register_ref'] or '—'}")
        st.caption(f"{t('source', L)}: {gi['source']}")
    with c2:
        where = detail_counties(gi, data.all_counties())
        if where.empty:
            st.info(t("not_located", L))
        else:
            st.dataframe(pd.DataFrame({
                t("county", L): where["name_en" if en else "name"], t("province", L): where["province_en" if en else "province"],
                t("poverty_county", L): where["poverty"].map({True: "✔", False: "—"}),
                t("area", L): where["area_en" if en else "area_zh"], t("exit_year", L): where["exit_year"]}),
                hide_index=True, width="stretch")
            st.pydeck_chart(maps.county_deck(where["adcode"].tolist(), L), height=260, key="gi_map")
