"""The map page's export row: static map (PNG/SVG) and the table of counties in view (CSV/XLSX)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from ipaid.filters import Filters
from ipaid.i18n import t
from ipaid.static_map import kit_sources, map_chart
from ipaid.ui import downloads, filters_text, press_kit_button

EXPORT_COLUMNS = [
    "adcode",
    "adcode_listed",
    "name",
    "name_en",
    "prefecture",
    "province",
    "area_zh",
    "area_en",
    "exit_year",
    "gi_count",
    "gi_names_zh",
]


def map_export_controls(f: Filters, measure: str, lang_: str, poor: Callable[[], pd.DataFrame]) -> None:
    """`poor()` gives the poverty counties in view: their table is built only when a file is asked for."""
    st.markdown(f"**{t('export', lang_)}** · {t('map_export', lang_)}")
    line = filters_text(f)

    def frame() -> pd.DataFrame:
        return poor()[EXPORT_COLUMNS]

    name = f"ipaid-map-{measure}"
    downloads(name, frame, lambda: map_chart(f, measure, lang_, line), key="map", f=f)
    press_kit_button(
        {name: (lambda: map_chart(f, measure, lang_, line), frame)},
        kit_sources(lang_),
        f,
        key="map",
    )
