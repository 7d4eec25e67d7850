"""Profiles of the 14 contiguous areas and of the 832 counties, reachable by ?area= and ?county=."""

from functools import partial

import streamlit as st

from ipaid import charts, data, gi_rows_link, maps
from ipaid.brief_ui import area_zip_control, brief_button
from ipaid.i18n import listing, source_text, t
from ipaid.names import county_heading, county_name, place_en
from ipaid.profiles import area_profile, cached_county_profile, county_from_link, county_labels, cut_value
from ipaid.ui import (
    chart_block,
    chart_columns,
    chart_subtitle,
    downloads,
    lang,
    table_height,
    url_moved,
)
from ipaid.views import area_members_table, county_note, gi_table, literal

L = lang()
en = L == "en"
gi_rows_link.open_picked()  # a row of the county's GI table was picked: its GI page
st.title(t("page_profiles", L))
counties = data.load_counties()
areas = data.load_areas()
names, labels = county_labels(L)

linked = st.query_params.get_all("county")
if not linked and url_moved():  # Back to the view before a county was chosen: the page wrote the old one over it
    st.session_state["county_pick"] = None
# A link, not the value this page wrote, unless the page's choice is gone (dropped when another page ran: Back or
# Forward to this page).
if linked and (linked != [st.session_state.get("_county_written")] or "county_pick" not in st.session_state):
    pick, missing, ambiguous = county_from_link(counties, linked)
    if missing:
        shown = listing([cut_value(q) for q in missing], L)
        st.warning(literal(t("county_not_found", L, asked=shown)), icon=":material/search:")
    if pick:
        st.session_state["county_pick"] = pick
    else:
        st.query_params.pop("county")
    if not pick and ambiguous:
        query, found = ambiguous
        st.info(literal(t("county_ambiguous", L, n=len(found), asked=cut_value(query))), icon=":material/list:")
        for code in found["adcode_listed"][:20]:
            st.button(
                literal(labels[code]),
                key=f"choose_{code}",
                on_click=st.session_state.update,
                kwargs={"county_pick": code},
            )
county_code = st.selectbox(
    t("find_county", L),
    list(labels),
    format_func=labels.get,
    placeholder="桑植 / Sangzhi / 430822",
    key="county_pick",
    **({} if "county_pick" in st.session_state else {"index": None}),
)
st.session_state["_county_written"] = county_code
if county_code:
    st.query_params["county"] = county_code
elif "county" in st.query_params:
    st.query_params.pop("county")

chosen_areas = st.session_state.get("area") or []
if county_code:
    p = cached_county_profile(county_code)
    st.header(literal(county_heading(p["name_listed"], p["boundary_name"], L)))
    c = st.columns(3, border=True)
    c[0].metric(t("province", L), p["province_en"] if en else p["province"])
    c[1].metric(t("exit_year", L), p["exit_year"])
    c[2].metric(t("gis", L), len(p["gis"]))
    st.markdown(f"**{t('area', L)}**{t('colon', L)}{literal((p['area_en'] if en else p['area_zh']) or '—')}")
    brief_button("county", county_code, L)
    left, right = st.columns([3, 2])
    with left:
        prefecture = place_en(p["prefecture"]) if en else p["prefecture"]
        st.markdown(
            f"**{t('prefecture', L)}**{t('colon', L)}{literal(prefecture or '—')} · "
            f"**{t('brief_code', L)}**{t('colon', L)}{p['adcode_listed']}"
            + (f" → {p['boundary_adcode']}" if p["boundary_adcode"] != p["adcode_listed"] else "")
        )
        if county_note(p, L):
            st.caption(literal(county_note(p, L)))
        if len(p["gis"]):
            st.dataframe(
                gi_table(p["gis"], L, ("name", "year", "source")),
                hide_index=True,
                width="stretch",
                on_select=partial(gi_rows_link.remember_pick, "county_gis", p["gis"]["gi_id"].tolist()),
                selection_mode="single-row",
                key="county_gis",
            )
            st.caption(t("gi_rows_help", L))
        else:
            st.caption(t("no_gi_listed", L))
        if len(p["neighbours"]):
            st.markdown(
                literal(
                    t("neighbours", L)
                    + listing(
                        (
                            county_name(a, b, L)
                            for a, b in zip(p["neighbours"]["name_listed"], p["neighbours"]["boundary_name"])
                        ),
                        L,
                    )
                )
            )
        st.caption(t("source_line", L, s=literal(source_text(p["source"], L))))
    with right:
        st.pydeck_chart(maps.county_deck([p["boundary_adcode"]], L), height=300, key="county_map")
elif len(chosen_areas) == 1:
    a = area_profile(counties, areas, chosen_areas[0])
    st.header(literal(a["name_en"] if en else a["name_zh"]))
    c = st.columns(3, border=True)
    c[0].metric(t("official_count", L), a["official"])
    c[1].metric(t("members_loaded", L), len(a["members"]))
    c[2].metric(t("gis", L), len(a["gis"]))
    st.markdown(literal(t("provinces_line", L) + listing((place_en(x) if en else x for x in a["provinces"]), L)))
    brief_button("area", a["area_id"], L)
    if len(a["members"]) < a["official"]:
        st.warning(t("membership_partial", L, n=len(a["members"]), total=a["official"]), icon=":material/fact_check:")
    if len(a["members"]):
        left, right = chart_columns("area", (2, 3))
        with left:
            chart, frame = charts.exit_years(
                a["members"], L, t("exit_years_chart", L), chart_subtitle("CPAD county list and exit announcements")
            )
            chart_block(f"area-{a['area_id']}-exit-years", chart, frame, key="area_exit")
        with right:
            st.pydeck_chart(maps.county_deck(a["members"]["boundary_adcode"].tolist(), L), height=320, key="area_map")
        st.caption(t("click_county", L))
        members = a["members"].reset_index(drop=True)

        def open_county() -> None:
            rows = st.session_state["area_members"].selection.rows
            if rows:
                st.session_state["county_pick"] = members.at[rows[0], "adcode_listed"]

        st.dataframe(
            area_members_table(members, names, L),
            hide_index=True,
            width="stretch",
            on_select=open_county,
            selection_mode="single-row",
            key="area_members",
        )
        downloads(
            f"area-{a['area_id']}-members",
            members.drop(columns=["note", "note_zh"], errors="ignore"),
            key="area_members",
        )
        area_zip_control(a["area_id"], len(members), L)
else:
    st.info(t("profiles_hint", L), icon=":material/arrow_back:")
    table = data.coverage_by_area(L)  # one name a row: both made the English table scroll at 1024 px
    st.dataframe(
        table.drop(columns="area_id").rename(
            columns={"name": t("area", L), "official": t("official_count", L), "loaded": t("loaded", L)}
        ),
        hide_index=True,
        width="stretch",
        height=table_height(len(table)),
    )

chosen_provinces = st.session_state.get("province") or []
if len(chosen_provinces) == 1:
    province = chosen_provinces[0]
    brief_button("province", province, L, t("brief_province_download", L, name=place_en(province) if en else province))
