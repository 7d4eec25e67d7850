"""CNIPA's designated counties: Sangzhi (Hunan) and Chongli (Hebei)."""

import streamlit as st

from ipaid import charts, data, maps
from ipaid.filters import covers
from ipaid.gi_search import english_name
from ipaid.i18n import t
from ipaid.names import county_heading, county_name, place_en
from ipaid.ui import chart_block, chart_subtitle, facts_list, lang, national_page, press_kit_button
from ipaid.views import designated_timeline, gi_table, literal

L = lang()
GI_FILE = "data/gi_products.csv"  # the timelines' GI events
en = L == "en"
st.title(t("page_designated", L))
st.caption(t("designated_model", L))
national = national_page()
designated = data.load_designated()
counties = data.load_counties().set_index("adcode_listed")
gis = data.load_gis()
facts = data.load_press_facts()
kit = {}
listed = {
    r.adcode_listed: county_name(
        counties.at[r.adcode_listed, "name_listed"], counties.at[r.adcode_listed, "boundary_name"], L
    )
    for r in designated.itertuples()
}
for tab, row in zip(
    st.tabs([literal(listed[r.adcode_listed]) for r in designated.itertuples()]), designated.itertuples()
):
    with tab:
        county = counties.loc[row.adcode_listed]
        code = county["boundary_adcode"]
        name = listed[row.adcode_listed]
        own = gis[covers(gis, [code])]
        flagship_en = english_name(gis, row.flagship_gi_zh, row.flagship_gi_en)
        left, right = st.columns([3, 2])
        with left:
            st.header(literal(county_heading(county["name_listed"], county["boundary_name"], L)))
            st.write(literal(row.highlight_en if en else row.highlight_zh))
            c1, c2 = st.columns(2, border=True)
            c1.metric(t("designated_since", L), int(row.designated_since))
            c2.metric(t("exit_year", L), int(county["exit_year"]))
            flagship_names = (row.flagship_gi_zh, flagship_en) if en else (row.flagship_gi_zh,)
            st.markdown(f"**{t('flagship_gi', L)}**{t('colon', L)}{literal(' · '.join(flagship_names))}")
        with right:
            st.pydeck_chart(maps.county_deck([code], L), height=300, key=f"map_{row.adcode_listed}")
            st.caption(
                literal(
                    " · ".join(place_en(n) if en else n for n in (county["province"], county["prefecture"]))
                    + f" · {(county['area_en'] if en else county['area_zh']) or '—'}"
                )
            )
        # the timeline spans the page: in the 3/5 column its source line was cut at 1024 px
        events = designated_timeline(row.designated_since, county["exit_year"], own, L)
        subtitle = chart_subtitle(f"{row.source}; {GI_FILE}")
        chart, frame = charts.timeline(events, L, t("timeline_title", L, name=name), subtitle)
        chart_block(f"timeline-{row.adcode_listed}", chart, frame, key=f"timeline_{row.adcode_listed}")
        kit[f"timeline-{row.adcode_listed}"] = (chart, frame)
        st.header(literal(t("gis_of", L, name=name)))
        st.dataframe(gi_table(own, L, ("name", "type", "category", "year", "source")), hide_index=True, width="stretch")
        facts_list(facts, "industry", (row.name_zh, row.name_en))
press_kit_button(kit, [*sorted(set(designated["source"])), GI_FILE], national, key="designated")  # as the charts say
