"""Map: counties coloured by a chosen measure, area and province outlines, GI markers; offline."""

from dataclasses import replace

import streamlit as st

from ipaid import data, drill_ui, maps
from ipaid.i18n import t
from ipaid.map_controls import view_buttons
from ipaid.map_export import map_export_controls
from ipaid.palette import MARKER, MEASURES, PLAYBACK
from ipaid.playback import place_only
from ipaid.playback_ui import animation_controls, check_link_year, playback
from ipaid.ui import current_filters, draw_legend, filters_text, lang, write_url
from ipaid.views import county_table, literal

L = lang()
st.title(t("page_map", L))
st.session_state.setdefault("measure", st.session_state.get("_measure", "area"))
measure = st.segmented_control(
    t("measure", L), [*MEASURES, PLAYBACK], key="measure", required=True, format_func=lambda m: t(f"m_{m}", L)
)
st.session_state["_measure"] = measure
write_url(["measure"], {"measure": "area"})
if measure != PLAYBACK:
    check_link_year(L)
f = current_filters() if measure != PLAYBACK else place_only(current_filters())
prefecture = drill_ui.drill_level(L)
drill_ui.open_clicked(L)
f = replace(f, prefecture=prefecture)
chosen = maps.selected_counties(f)
note = maps.filters_note(f, L)
st.caption(literal(filters_text(f)) + ("  \n" + note if note else ""))
if not f.is_empty and chosen.empty:
    st.info(t("no_match", L))
drill_ui.breadcrumbs(L, prefecture)
steps, resets = view_buttons(f, L)
# The legend goes under the map: beside it, a 1024 px screen leaves the map too narrow for all of China.
if measure == PLAYBACK:
    playback(f, L, steps, resets)
else:
    deck = maps.cached_deck(f, measure, L, steps=steps, resets=resets)
    st.pydeck_chart(deck, height=540, key=drill_ui.MAP_KEY, on_select=drill_ui.on_click)
    draw_legend(maps.legend_items(f, measure, L), t(f"m_{measure}", L), across=True)
    draw_legend([(t("gi_markers", L), MARKER)], t("legend", L), across=True, round_swatch=True)
# The map's text equivalent, for keyboard and screen-reader users.
st.markdown(f"[{t('map_table_link', L)}](#counties-in-view)")
drill_ui.panel(L, prefecture)
members = data.load_area_members()
st.caption(
    t("map_caption", L)
    + " "
    + t("coverage_areas", L, n=len(members), total=int(data.figure("contiguous_area_counties")["value"]))
)

n_poor = int(chosen["poverty"].sum())
st.header(f"{t('counties_in_view', L)} ({n_poor})", anchor="counties-in-view")
# Drawn when asked: 832 rows were 117 kB and a tenth of every map run's server time, for every session.
if st.toggle(t("show_county_table", L, n=f"{n_poor:,}"), key="map_table"):
    st.dataframe(county_table(chosen[chosen["poverty"]], L), hide_index=True, width="stretch", height=320)
st.caption(
    t(
        "boundaries_note",
        L,
        listed=int(data.figure("national_poverty_counties")["value"]),
        boundaries=int(data.all_counties()["poverty"].sum()),
    )
)
map_export_controls(f, "exit" if measure == PLAYBACK else measure, L, lambda: chosen[chosen["poverty"]])
if measure == PLAYBACK:
    animation_controls(f, L)
