"""Map: counties coloured by a chosen measure, area and province outlines, GI markers; offline."""
import streamlit as st

from ipaid import data, maps
from ipaid.i18n import t
from ipaid.map_export import map_export_controls
from ipaid.palette import MEASURES, legend
from ipaid.ui import current_filters, filters_text, lang, write_url
from ipaid.ui import legend as draw_legend
from ipaid.views import county_table

L = lang()
en = L == "en"
st.title(t("page_map", L))
st.session_state.setdefault("measure", st.session_state.get("_measure", "area"))
measure = st.segmented_control(t("measure", L), list(MEASURES), key="measure", required=True,
                               format_func=lambda m: t(f"m_{m}", L))
st.session_state["_measure"] = measure
write_url(["measure"], {"measure": "area"})
f = current_filters()
st.caption(filters_text(f))
chosen = maps.selected_counties(f)
if (f.provinces or f.areas) and chosen.empty:
    st.info(t("no_match", L))
# The legend goes under the map: beside it, a 1024 px screen leaves the map too narrow for all of China.
st.pydeck_chart(maps.build_deck(f, measure, L), height=540, key="map")
in_view = set(chosen["area_id"]) if (f.provinces or f.areas) else None
draw_legend(legend(measure, L, data.load_areas(), in_view), t(f"m_{measure}", L), across=True)
draw_legend([(t("gi_markers", L), (0, 90, 60))], t("legend", L), across=True, round_swatch=True)
members = data.load_area_members()
st.caption(t("map_caption", L) + " " +
           t("coverage_areas", L, n=len(members), total=int(data.figure("contiguous_area_counties")["value"])))

poor = chosen[chosen["poverty"]] if (f.provinces or f.areas) else data.all_counties().query("poverty")
st.subheader(f"{t('counties_in_view', L)} ({len(poor)})")
st.dataframe(county_table(poor, L), hide_index=True, width="stretch", height=320)
st.caption("The 832 listed counties have 831 boundaries today: Lenghu (冷湖) and Mangya (茫崖) merged into Mangya city in 2018." if en
           else "832个贫困县今天对应831个行政区划：冷湖、茫崖两行委已于2018年合并为茫崖市。")
map_export_controls(f, measure, L, poor)
