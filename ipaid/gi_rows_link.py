"""A table of GIs whose rows open the GI page: a picked row shows that GI in the GI page's detail."""

from __future__ import annotations

import streamlit as st

from ipaid.gi_charts import gi_subset
from ipaid.ui import MULTI_KEYS, current_filters

PICKED = "_gi_row_picked"
LEFT_BEHIND = ("county", "q", "detail", "bar")  # this page's own choices, and the GI page's (set by the link)


def remember_pick(table_key: str, gi_ids: list[str]) -> None:
    """The table's `on_select` callback (`gi_ids` in the table's row order): note the picked row's GI."""
    rows = st.session_state[table_key].selection.rows
    if rows:
        st.session_state[PICKED] = gi_ids[rows[0]]


def link_params(gi_id: str, here: dict[str, list[str]], shown: set[str]) -> dict[str, list[str]]:
    """The GI page's link parameters for `gi_id` from a page at `here`: its language and filters, and the GI as
    `detail`. Where the filters would hide the GI (`shown`: the GIs they keep), they are left out, so that the GI
    page shows that GI and not the first of its table."""
    keep = {k: v for k, v in here.items() if k not in LEFT_BEHIND}
    if gi_id not in shown:
        keep = {k: v for k, v in keep.items() if k not in MULTI_KEYS}
    return {**keep, "detail": [gi_id]}


def open_picked() -> None:
    """After a row was picked (`remember_pick`): switch to the GI page showing that GI."""
    gi_id = st.session_state.pop(PICKED, None)
    if gi_id:
        here = {k: st.query_params.get_all(k) for k in st.query_params}
        shown = set(gi_subset(current_filters())["gi_id"])
        st.switch_page("pages/gi.py", query_params=link_params(gi_id, here, shown))
