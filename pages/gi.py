"""Geographical indications: coverage, linked charts, searchable table and a per-GI detail view."""

import hashlib

import streamlit as st

from ipaid import charts, data, maps
from ipaid.gi_charts import gi_charts, gi_detail, gi_rows, gi_subset
from ipaid.gi_search import MAX_QUERY, follow_pick, search, url_state
from ipaid.i18n import gi_source, t
from ipaid.names import place_en
from ipaid.ui import (
    chart_block,
    chart_columns,
    chart_subtitle,
    current_filters,
    downloads,
    filters_text,
    gi_coverage_text,
    gi_types_text,
    lang,
    press_kit_button,
    warn_unknown,
    write_url,
)
from ipaid.views import gi_facts, literal

L = lang()
en = L == "en"
st.title(t("page_gi", L))
f = current_filters()
gis_all = data.load_gis()
gis = gi_subset(f)

if "q" not in st.session_state:  # entering the page: search, detail and bar pick come from the link
    state, bad = url_state(
        {k: st.query_params.get_all(k) for k in ("q", "detail", "bar")}, gis_all["gi_id"], gis_all["province"]
    )
    st.session_state["bar"] = state.pop("bar", [])
    st.session_state.pop("_bar_chart", None)
    st.session_state.update(state)
    for name, values in bad.items():
        warn_unknown(name, t({"detail": "detail_param", "bar": "province"}[name], L), values, L)

st.info(gi_coverage_text(), icon=":material/fact_check:")
st.caption(gi_types_text())
st.caption(literal(filters_text(f) + " · " + t("gis_shown", L, n=len(gis))))
if gis.empty:
    st.warning(t("gi_no_filter_match", L))
    st.stop()

subtitle = chart_subtitle(t("gi_chart_source", L), f)
built = gi_charts(f, L, subtitle)


def block(name: str, **kwargs):
    chart, spec, frame = built[name]
    return chart_block(name, chart, frame, spec=spec, f=f, **kwargs)


left, right = chart_columns("counts")
with left:
    st.caption(t("click_bar", L))
    state = block("gi-by-province", key="chart_province", selectable=True)
with right:
    block("gi-by-category", key="chart_category")
    block("gi-by-type", key="chart_type")
left, right = chart_columns("years")
with left:
    block("gi-cumulative", key="chart_year")
with right:
    block("gi-in-poverty-areas", key="chart_area")

clicked = [p.get("province") for p in (state.selection.get(charts.PROVINCE_SELECT) or [])] if state else []
st.session_state["bar"] = picked = follow_pick(clicked, st.session_state.get("_bar_chart"), st.session_state["bar"])
st.session_state["_bar_chart"] = clicked
if picked and not clicked:  # a pick from the link: the chart cannot show it, so say it and offer to clear it
    st.caption(literal(t("bar_from_link", L, p=", ".join(place_en(p) if en else p for p in picked))))
    st.button(t("clear_pick", L), on_click=lambda: st.session_state.update(bar=[]), icon=":material/close:")
table = gis[gis["province"].isin(picked)] if picked else gis
query = st.text_input(
    t("search", L), key="q", max_chars=MAX_QUERY, placeholder="桑植 / Sangzhi / white tea", help=t("gi_search_help", L)
)
table = search(table, query)
picked_names = [place_en(p) if en else p for p in picked]
st.header(literal(t("gis", L) + f" ({len(table):,})" + (f" · {', '.join(picked_names)}" if picked else "")))

options = table["gi_id"].tolist()
rows_key = "gi_table_" + hashlib.sha1("|".join(options).encode()).hexdigest()[:10]  # new rows, no stale selection


def show_selected_row() -> None:
    """A row picked in the table becomes the GI of the detail (the table shown then is `options`)."""
    rows = st.session_state[rows_key].selection.rows
    if rows:
        st.session_state["detail"] = options[rows[0]]


st.dataframe(
    gi_rows(table, L),
    hide_index=True,
    width="stretch",
    height=360,
    key=rows_key,
    on_select=show_selected_row,
    selection_mode="single-row",
)
if table.empty:
    st.caption(t("gi_no_search_match", L))
elif en:
    st.caption(t("gi_names_pinyin", L, n=int(table["name_en_pinyin"].sum()), total=len(table)))
# The file's name says what chose its rows besides the filters: a picked bar and the search.
downloads("-".join(["gi-table", *picked_names, query.strip()]), table.drop(columns=["counties"]), key="gi_table", f=f)
press_kit_button(
    {name: (chart, frame) for name, (chart, _, frame) in built.items()}, sorted(set(gis["source"])), f, key="gi"
)

st.header(t("gi_detail", L))
if st.session_state.get("detail") not in options:  # the detail always shows a GI of the table (or none)
    st.session_state["detail"] = options[0] if options else None
names = dict(zip(table["gi_id"], table["name_en" if en else "name_zh"]))
gi_id = st.selectbox(t("choose_gi", L), options, format_func=lambda g: f"{names.get(g, g)} ({g})", key="detail")
write_url(("q", "detail", "bar"), {"detail": options[0] if options else None})
if gi_id:
    gi, where, codes = gi_detail(gi_id, L)
    c1, c2 = st.columns([2, 3])
    with c1:
        reading = " " + t("pinyin_reading", L) if gi["name_en_pinyin"] else ""
        st.markdown(f"### {literal(gi['name_zh'])}  \n{literal(gi['name_en'])}{reading}")
        for word, value in gi_facts(gi, L):
            st.markdown(f"**{word}**{t('colon', L)}{literal(value)}")
        st.caption(t("source_line", L, s=literal(gi_source(gi["source"], L))))
    with c2:
        if where.empty:
            st.info(t("not_located", L))
        else:
            st.pydeck_chart(maps.county_deck(codes, L), height=260, key="gi_map")
    if not where.empty:  # under both columns: in the map's column, area and exit year were out of sight at 1024 px
        st.dataframe(where, hide_index=True, width="stretch")
