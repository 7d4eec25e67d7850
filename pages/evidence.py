"""Evidence view: exit years of poverty counties with and without a GI registered early, with its caveat."""

import streamlit as st

from ipaid import charts, data, evidence
from ipaid.filters import Filters, filter_counties, filter_gis
from ipaid.i18n import GI_TYPE, label, listing, t
from ipaid.ui import (
    chart_block,
    chart_subtitle,
    current_filters,
    filters_text,
    lang,
    link_choice,
    press_kit_button,
    write_url,
)

L = lang()
st.title(t("page_evidence", L))
st.caption(t("ev_intro", L, n=data.figure_number("national_poverty_counties")))
st.warning(t("ev_caveat", L, last=data.figure_number("exited_2020")), icon=":material/warning:")

f = current_filters()
gis = filter_gis(data.load_gis(), Filters(categories=f.categories, gis=f.gis))
counties, areas = filter_counties(data.load_counties(), f), data.load_areas()
st.caption(filters_text(f) + " · " + t("ev_filters_note", L))
present = [g for g in GI_TYPE if g and g in set(gis["gi_type"])]
if counties.empty or not present:
    st.info(t("no_match", L), icon=":material/info:")
    st.stop()
link_choice("ev_def", ["exit", "2016"], t("ev_def_param", L))  # the definition and scope are kept in the link
cutoff = st.radio(t("ev_definition", L), ["exit", "2016"], key="ev_def", format_func=lambda v: t(f"ev_def_{v}", L))
# Every type present but those the reader took out (remembered, so a type a filter hid comes back with it), held
# in the session state: a widget default as well would clash with the language switch, which sets every choice again.
removed = st.session_state.get("_ev_types_removed", frozenset())
st.session_state["ev_types"] = [v for v in present if v not in removed]
types = st.multiselect(  # the page's width: at 1024 px a column showed one cut chip of three
    t("ev_types", L),
    present,
    key="ev_types",
    format_func=lambda v: label(GI_TYPE, v, L),
    select_all=False,  # Streamlit's "Select all" is English only
    on_change=lambda: st.session_state.update(
        _ev_types_removed=evidence.removed_types(present, st.session_state["ev_types"], removed)
    ),
)
if not types:
    st.info(t("ev_no_types", L), icon=":material/info:")
    st.stop()
types = tuple(types)
used = evidence.completeness(gis, types)
st.caption(
    t(
        "ev_completeness",
        L,
        parts=listing(
            [
                t("ev_part", L, type=label(GI_TYPE, r.gi_type, L), usable=int(r.usable), loaded=int(r.loaded))
                for r in used.itertuples()
            ],
            L,
        ),
    )
)

groups = evidence.county_groups(gis, counties, types, None if cutoff == "exit" else 2016)
area_names = dict(zip(areas["area_id"], areas["name_en" if L == "en" else "name_zh"]))
scopes = evidence.scope_labels(counties, areas, L)
link_choice("ev_scope", list(scopes), t("ev_scope_param", L))
scope = st.selectbox(t("ev_scope", L), list(scopes), format_func=scopes.get, key="ev_scope")
write_url(("ev_def", "ev_scope"), {"ev_def": "exit", "ev_scope": "all"})
chosen = evidence.in_scope(groups, scope)
sizes = chosen["group"].value_counts()
group_names = {g: t(f"ev_{g}", L, n=int(sizes.get(g, 0))) for g in evidence.GROUPS}

subtitle = chart_subtitle(t("ev_source", L), f) + [scopes[scope], t(f"ev_def_{cutoff}", L)]
shares = evidence.exit_shares(chosen)
chart, frame = charts.exit_share_bars(shares, group_names, L, t("ev_chart_title", L), subtitle)
frame = frame.drop(columns=["scope"])  # one scope per chart: its name is in the subtitle
chart_block("evidence-exit-shares", chart, frame, key="ev_chart", f=f)

st.header(t("ev_by_scope", L))
table = evidence.scope_summary(
    groups,
    {"region": {r: t(f"ev_region_{r}", L) for r in evidence.REGIONS}, "area_id": area_names},
    {g: t(f"ev_{g}_short", L) for g in evidence.GROUPS},
    {
        "scope": t("ev_scope", L),
        "group": t("ev_group", L),
        "counties": t("ev_counties", L),
        "mean": t("ev_mean_exit", L),
    },
)
mean = t("ev_mean_exit", L)  # one decimal for every row (2019.5, 2018.1), not as many as each mean happens to have
st.dataframe(
    table, hide_index=True, width="stretch", column_config={mean: st.column_config.NumberColumn(mean, format="%.1f")}
)

timing_names = {k: t(f"ev_{k}", L) for k in evidence.TIMING}
timing, timing_frame = charts.timing_bars(
    evidence.timing_counts(gis, counties, types),
    timing_names,
    L,
    t("ev_timing_title", L),
    chart_subtitle(t("ev_source", L), f),
)
chart_block("evidence-gi-timing", timing, timing_frame, key="ev_timing", f=f)
press_kit_button(
    {"evidence-exit-shares": (chart, frame), "evidence-gi-timing": (timing, timing_frame)},
    [t("ev_source", L)],
    f,
    key="evidence",
)
