"""Profiles of the 14 contiguous areas and of the 832 counties, reachable by ?area= and ?county=."""
import pandas as pd
import streamlit as st

from ipaid import charts, data, maps
from ipaid.i18n import listing, source_text, t
from ipaid.profiles import area_profile, county_profile, find_county
from ipaid.names import place_en
from ipaid.ui import chart_subtitle, downloads, chart_block, lang
from ipaid.views import years

L = lang()
en = L == "en"
st.title(t("page_profiles", L))
counties = data.load_counties()
areas = data.load_areas()

asked = st.query_params.get("county")
if asked:
    found = find_county(counties, asked)
    if found is None:
        st.warning((f"No poverty county has the code or name {asked!r}. Use the search box." if en
                    else f"没有代码或名称为“{asked}”的贫困县，请使用搜索框查找。"), icon=":material/search:")
        st.query_params.pop("county")
    else:
        st.session_state["county_pick"] = found
labels = dict(zip(counties["adcode_listed"], counties["name_en" if en else "boundary_name"] + " · " +
                  counties["province_en" if en else "province"] + " (" + counties["adcode_listed"] + ")"))
county_code = st.selectbox("Find a county (name, pinyin or code)" if en else "查找县（名称、拼音或代码）",
                           list(labels), format_func=labels.get, placeholder="桑植 / Sangzhi / 430822",
                           key="county_pick", **({} if "county_pick" in st.session_state else {"index": None}))
if county_code:
    st.query_params["county"] = county_code
elif "county" in st.query_params:
    st.query_params.pop("county")

chosen_areas = st.session_state.get("area") or []
if county_code:
    p = county_profile(counties, county_code)
    st.header(f"{p['name_zh']} · {p['name_en']}")
    c = st.columns(3, border=True)
    c[0].metric(t("province", L), p["province_en"] if en else p["province"])
    c[1].metric(t("exit_year", L), p["exit_year"])
    c[2].metric(t("gis", L), len(p["gis"]))
    st.markdown(f"**{t('area', L)}**: {(p['area_en'] if en else p['area_zh']) or '—'}")
    left, right = st.columns([3, 2])
    with left:
        prefecture = place_en(p["prefecture"]) if en else p["prefecture"]
        st.write(f"**{t('prefecture', L)}**: {prefecture or '—'} · **adcode**: {p['adcode_listed']}"
                 + (f" → {p['boundary_adcode']} ({p['boundary_name']})" if p["boundary_adcode"] != p["adcode_listed"] else ""))
        if p["note"]:
            st.caption(p["note"])
        if len(p["gis"]):
            st.dataframe(pd.DataFrame({("Name" if en else "名称"): p["gis"]["name_en" if en else "name_zh"],
                                       t("year", L): years(p["gis"]["year_approved"]),
                                       t("source", L): p["gis"]["source"]}),
                         hide_index=True, width="stretch")
        else:
            st.caption("No GI of this county is listed yet." if en else "尚未收录该县的地理标志。")
        if len(p["neighbours"]):
            st.write(("Neighbours in the same area: " if en else "同片区相邻县：") + listing(
                p["neighbours"]["name_en" if en else "boundary_name"], L))
        st.caption(f"{t('source', L)}: {source_text(p['source'], L)}")
    with right:
        st.pydeck_chart(maps.county_deck([p["boundary_adcode"]], L), height=300, key="county_map")
elif len(chosen_areas) == 1:
    a = area_profile(counties, areas, chosen_areas[0])
    st.header(a["name_en"] if en else a["name_zh"])
    c = st.columns(3, border=True)
    c[0].metric("Official county count" if en else "官方县数", a["official"])
    c[1].metric("Members loaded" if en else "已载入成员县", len(a["members"]))
    c[2].metric(t("gis", L), len(a["gis"]))
    st.write(("Provinces: " if en else "涉及省份：") + listing((place_en(x) if en else x for x in a["provinces"]), L))
    if len(a["members"]) < a["official"]:
        st.warning(f"Membership is loaded for {len(a['members'])} of {a['official']} counties of this area; "
                   "the rest is not yet sourced." if en else
                   f"本片区{a['official']}个县中已载入{len(a['members'])}个，其余尚未核实来源。", icon=":material/fact_check:")
    if len(a["members"]):
        left, right = st.columns([2, 3])
        with left:
            chart, frame = charts.exit_years(a["members"], L, "Counties out of poverty by year" if en else "各年脱贫摘帽县数",
                                             chart_subtitle("CPAD county list and exit announcements"))
            chart_block(f"area-{a['area_id']}-exit-years", chart, frame, key="area_exit")
        with right:
            st.pydeck_chart(maps.county_deck(a["members"]["boundary_adcode"].tolist(), L), height=320, key="area_map")
        st.caption("Click a county for its profile." if en else "点击县名查看县情。")
        members = a["members"].reset_index(drop=True)

        def open_county() -> None:
            rows = st.session_state["area_members"].selection.rows
            if rows:
                st.session_state["county_pick"] = members.at[rows[0], "adcode_listed"]

        st.dataframe(pd.DataFrame({
            "adcode": members["adcode_listed"], t("county", L): members["name_en" if en else "boundary_name"],
            t("province", L): members["province_en" if en else "province"],
            t("exit_year", L): members["exit_year"]}),
            hide_index=True, width="stretch", on_select=open_county, selection_mode="single-row", key="area_members")
        downloads(f"area-{a['area_id']}-members", members.drop(columns=["note"]), key="area_members")
else:
    st.info("Choose one contiguous area in the sidebar (or open ?area=wuling) for its profile, or find a county above."
            if en else "在侧边栏选择一个连片特困地区（或打开 ?area=wuling）查看片区概况，或在上方查找县。", icon=":material/arrow_back:")
    table = data.coverage_by_area()
    st.dataframe(table.drop(columns="area_id").rename(columns={
        "name": t("area", L), "official": "Official count" if en else "官方县数", "loaded": "Loaded" if en else "已载入"}),
        hide_index=True, width="stretch", height=36 * (len(table) + 1) + 3)
