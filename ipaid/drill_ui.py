"""The map page's drill-down (Streamlit glue): level from the link, breadcrumbs, map clicks, side panel.

The level is the shared province filter (exactly one province) plus `?prefecture=`; plain logic lives in
`ipaid.hierarchy` (which unit is where, what a click opens) and `ipaid.drill` (the panel's figures).
"""

from __future__ import annotations

from functools import lru_cache, partial

import streamlit as st

from ipaid import data, drill, hierarchy
from ipaid.i18n import exit_counts, listing, t
from ipaid.names import place_en
from ipaid.static_files import data_signature
from ipaid.ui import column_width, current_filters, first_good, shown_values, table_height, write_url
from ipaid.views import literal

KEY = "prefecture"
MAP_KEY = "map"
CLICKED = "_drill_clicked"


def _province() -> str:
    chosen = st.session_state.get("province") or []
    return chosen[0] if len(chosen) == 1 else ""


def drill_level(lang: str) -> str:
    """The prefecture of the level (\"\" above it): from the link when the page is entered (a bad value is named
    and ignored), then from clicks; dropped when the province filter no longer holds its province."""
    ss = st.session_state
    if KEY not in ss:
        ss[KEY], bad = first_good(KEY, lambda asked: not hierarchy.check_level(_province(), asked))
        if bad:
            word = "dr_bad_prefecture" if _province() else "dr_prefecture_alone"
            province = place_en(_province()) if lang == "en" else _province()
            value = shown_values(bad, lang)
            st.warning(literal(t(word, lang, value=value, province=province)), icon=":material/warning:")
    if ss[KEY] and hierarchy.check_level(_province(), ss[KEY]):
        ss[KEY] = ""
    write_url([KEY], {KEY: ""})
    return ss[KEY]


def _go(province: str | None, prefecture: str = "") -> None:
    if province is not None:
        st.session_state["province"] = [province] if province else []
    st.session_state[KEY] = prefecture


def on_click() -> None:
    """Map click callback: the clicked county opens the next level down (see `hierarchy.click_target`)."""
    state = st.session_state.get(MAP_KEY)
    objects = [o for found in (state.selection.get("objects") or {}).values() for o in found] if state else []
    if not objects:
        return
    props = objects[0].get("properties", objects[0])
    adcode = str(props.get("adcode", ""))
    if not drill.takes_click(adcode, current_filters()):
        return
    target = hierarchy.click_target(adcode, _province(), st.session_state.get(KEY, ""))
    if "county" in target:
        st.session_state[CLICKED] = target["county"]
    elif target:
        _go(target["province"], target.get("prefecture", ""))


def _name(place: str, lang: str, prefecture: bool = False) -> str:
    if lang != "en":
        return place
    return hierarchy.prefecture_en(place) if prefecture else place_en(place)


def breadcrumbs(lang: str, prefecture: str) -> None:
    """全国 › 湖南省 › 张家界市: each level above the current one is a button that goes back to it."""
    province = _province()
    steps = [(t("dr_all_china", lang), ("", "")), (_name(province, lang), (province, ""))] if province else []
    if prefecture:
        steps.append((_name(prefecture, lang, True), (province, prefecture)))
    row = st.container(horizontal=True, vertical_alignment="center", gap="small", key="drill_path")
    if not steps:
        row.markdown(f"**{t('dr_all_china', lang)}**")
    for i, (label, (p, q)) in enumerate(steps):
        if i == len(steps) - 1:
            row.markdown(f"**{literal(label)}**")
        else:
            row.button(label, key=f"drill_up_{i}", type="tertiary", on_click=_go, args=(p, q))
            row.markdown("›")
    st.caption(t("dr_help", lang))


def open_clicked(lang: str) -> None:
    """After a click on a county at the lowest level: open its profile, or say why it has none."""
    adcode = st.session_state.pop(CLICKED, None)
    if not adcode:
        return
    row = data.all_counties().set_index("adcode").loc[adcode]
    if row["poverty"]:
        here = {k: st.query_params.get_all(k) for k in st.query_params if k != "county"}
        st.switch_page("pages/profiles.py", query_params={**here, "county": row["adcode_listed"]})
    name = row["name_en"] if lang == "en" else row["name"]
    gis = row["gi_names_en" if lang == "en" else "gi_names_zh"] or "—"
    st.info(literal(t("dr_not_poor", lang, name=name, gis=gis)), icon=":material/info:")


def panel(lang: str, prefecture: str) -> None:
    """The level's figures (counties, poverty counties, exits per year, GIs, areas) and its units one level down."""
    with st.container(key="drill_panel"):
        _panel(lang, prefecture)


@lru_cache(maxsize=256)
def _figures(signature: str, province: str, prefecture: str, lang: str) -> tuple[dict, object]:
    """The panel's figures and its table one level down, computed once per data version and level and shared by
    every session (read-only)."""
    counties, gis, listed = data.all_counties(), data.load_gis(), data.load_counties()
    summary = drill.summary(drill.place_counties(counties, province, prefecture), gis, listed)
    return summary, drill.breakdown(counties, gis, listed, province, prefecture, lang)


def _panel(lang: str, prefecture: str) -> None:
    province = _province()
    counties = data.all_counties()
    fig, table = _figures(data_signature(), province, prefecture, lang)
    cols = st.columns(3)
    for col, word, name in zip(cols, ("dr_counties", "dr_poverty", "dr_gis"), ("counties", "poverty", "gis")):
        col.metric(t(word, lang), f"{fig[name]:,}")
    exits = exit_counts(fig["exits"].items(), lang)
    names = data.load_areas().set_index("area_id")["name_en" if lang == "en" else "name_zh"]
    areas = listing([names.get(a, a) for a in fig["areas"]], lang) or t("dr_no_areas", lang)
    colon = t("colon", lang)
    lines = [f"**{t('dr_exits', lang)}**{colon}{exits}", f"**{t('dr_areas', lang)}**{colon}{literal(areas)}"]
    if prefecture or (province and not hierarchy.has_prefectures(province)):
        poor = drill.place_counties(counties, province, prefecture)
        poor = poor.loc[poor["poverty"], "name_en" if lang == "en" else "name"]
        names = literal(listing(list(poor), lang) or t("dr_no_areas", lang))
        lines.append(f"**{t('dr_poverty', lang)}**{colon}{names}")
    st.markdown("  \n".join(lines))
    st.caption(t("dr_place_note", lang))
    place = _name(prefecture, lang, True) if prefecture else _name(province, lang) if province else ""
    key = "drill_rows_" + "_".join(filter(None, [province, prefecture]))  # a new table per level: no stale pick
    st.markdown(f"**{literal(t('dr_units', lang, place=place) if place else t('dr_units_china', lang))}**")
    st.caption(t("dr_rows_help", lang))
    st.dataframe(
        table,
        hide_index=True,
        height=table_height(min(len(table), 14)),  # up to 14 rows (Hunan's prefectures) without scrolling
        # the places' names uncut ("湘西土家族苗族自治州" was cut at 1024 px when the four columns shared the width)
        column_config={table.columns[0]: st.column_config.Column(width=column_width(table.iloc[:, 0]))},
        key=key,
        on_select=partial(_open_row, key, list(table.index)),
        selection_mode="single-row",
    )


def _open_row(key: str, keys: list[str]) -> None:
    """A row of the panel's table picked: open that unit, as a click on the map would."""
    rows = st.session_state[key].selection.rows
    if not rows:
        return
    unit, province, prefecture = keys[rows[0]], _province(), st.session_state.get(KEY, "")
    if not province:
        _go(unit)
    elif prefecture or not hierarchy.has_prefectures(province):
        st.session_state[CLICKED] = unit
    else:
        _go(province, unit)
