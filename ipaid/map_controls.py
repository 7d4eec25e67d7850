"""The map page's view buttons (zoom in, zoom out, reset view): the mouse wheel scrolls the page instead."""

from __future__ import annotations

import streamlit as st

from ipaid.filters import Filters
from ipaid.i18n import t
from ipaid.maps import step_limits

STATE = "_map_view"


def _press(change: int | None, limits: tuple[int, int]) -> None:
    state = st.session_state[STATE]
    if change is None:
        state.update(steps=0, resets=state["resets"] + 1)
    else:
        state["steps"] = min(max(state["steps"] + change, limits[0]), limits[1])


def view_buttons(f: Filters, lang: str) -> tuple[int, int]:
    """Draw the buttons; returns (steps, resets) for `maps.build_deck`. Steps start again at 0 with new filters."""
    where = (f.provinces, f.prefecture, f.areas, f.categories, f.gis)
    state = st.session_state.setdefault(STATE, {"for": where, "steps": 0, "resets": 0})
    if state["for"] != where:
        state.update({"for": where, "steps": 0})
    limits = step_limits(f)
    row = st.container(horizontal=True, vertical_alignment="center", key="map_view_buttons")
    for word, icon, change in (
        ("zoom_in", ":material/add:", 1),
        ("zoom_out", ":material/remove:", -1),
        ("reset_view", ":material/center_focus_strong:", None),
    ):
        row.button(
            t(word, lang),
            icon=icon,
            key=f"map_{word}",
            on_click=_press,
            args=(change, limits),
            disabled=change is not None and state["steps"] + change not in range(limits[0], limits[1] + 1),
        )
    row.caption(t("map_controls_help", lang))
    return state["steps"], state["resets"]
