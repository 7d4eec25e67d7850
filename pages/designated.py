"""CNIPA's designated counties: Sangzhi (Hunan) and Chongli (Hebei)."""
import pandas as pd
import streamlit as st

from ipaid import charts, data, maps
from ipaid.filters import covers
from ipaid.i18n import CATEGORY, GI_TYPE, label, t
from ipaid.names import place_en
from ipaid.ui import chart_subtitle, chart_block, current_filters, facts_list, lang, press_kit_button
from ipaid.views import years

L = lang()
en = L == "en"
st.title(t("page_designated", L))
st.caption("Model: professional cooperative + brand + industry + poor households" if en
           else "模式：专业合作社 + 品牌 + 产业 + 贫困户")
designated = data.load_designated()
counties = data.load_counties().set_index("adcode_listed")
gis = data.load_gis()
facts = data.load_press_facts()
kit = {}
for tab, row in zip(st.tabs([r.name_en if en else r.name_zh for r in designated.itertuples()]), designated.itertuples()):
    with tab:
        county = counties.loc[row.adcode_listed]
        code = county["boundary_adcode"]
        left, right = st.columns([3, 2])
        with left:
            st.subheader(f"{row.name_zh} · {row.name_en}")
            st.write(row.highlight_en if en else row.highlight_zh)
            c1, c2 = st.columns(2, border=True)
            c1.metric("Designated since" if en else "定点扶贫始于", int(row.designated_since))
            c2.metric(t("exit_year", L), int(county["exit_year"]))
            st.markdown(f"**{'Flagship GI' if en else '代表性地理标志'}**: {row.flagship_gi_zh} · {row.flagship_gi_en}")
            own = gis[covers(gis, [code])]
            events = pd.DataFrame(
                [{"year": int(row.designated_since), "text": "Designated by CNIPA" if en else "国家知识产权局定点扶贫"},
                 {"year": int(county["exit_year"]), "text": "Out of poverty" if en else "脱贫摘帽"}]
                + [{"year": int(g.year_approved), "text": ("GI: " if en else "地理标志：") + (g.name_en if en else g.name_zh)}
                   for g in own.dropna(subset=["year_approved"]).itertuples()])
            events = events.groupby("year")["text"].agg(" / ".join).reset_index()
            subtitle = chart_subtitle(f"{row.source}; data/gi_products.csv")
            chart, frame = charts.timeline(events, L, f"{row.name_en if en else row.name_zh}: " +
                                           ("timeline" if en else "时间线"), subtitle)
            chart_block(f"timeline-{row.adcode_listed}", chart, frame, key=f"timeline_{row.adcode_listed}")
            kit[f"timeline-{row.adcode_listed}"] = (chart, frame)
        with right:
            st.pydeck_chart(maps.county_deck([code], L), height=300, key=f"map_{row.adcode_listed}")
            st.caption(" · ".join(place_en(n) if en else n for n in (county["province"], county["prefecture"]))
                       + f" · {(county['area_en'] if en else county['area_zh']) or '—'}")
        st.subheader(("GIs of " + row.name_en) if en else f"{row.name_zh}的地理标志")
        st.dataframe(pd.DataFrame({
            ("Name" if en else "名称"): own["name_en" if en else "name_zh"], t("type", L): own["gi_type"].map(
                lambda v: label(GI_TYPE, v, L)), t("category", L): own["category"].map(lambda v: label(CATEGORY, v, L)),
            t("year", L): years(own["year_approved"]), t("source", L): own["source"]}), hide_index=True, width="stretch")
        facts_list(facts, "industry", (row.name_zh[:2], row.name_en.split()[0]))
press_kit_button(kit, sorted(set(designated["source"])), current_filters(), key="designated")
