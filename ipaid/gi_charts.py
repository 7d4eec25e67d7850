"""The GI page's charts and table, built once per data version, filters and language.

Altair spends about 100 ms building and validating one chart, which made most of a GI page rerun;
here each chart is built once and its Vega-Lite spec serialised once, then reused by every session.
"""

from __future__ import annotations

from functools import lru_cache

import altair as alt
import pandas as pd
from streamlit import dataframe_util

from ipaid import charts, data
from ipaid.filters import Filters, filter_gis
from ipaid.gi_search import detail_counties
from ipaid.views import gi_county_table, gi_table

TABLES = ("gis", "counties", "areas", "area_members")
NAMES = ("gi-by-province", "gi-by-category", "gi-by-type", "gi-cumulative", "gi-in-poverty-areas")


def vega_spec(chart: alt.TopLevelMixin) -> dict:
    """The chart's Vega-Lite spec for `st.vega_lite_chart`, without Altair's default view size (the page sets
    sizes), its tables already Arrow bytes: Streamlit converted inline rows again on every run (~4 ms a chart,
    a quarter of a GI page run); GeoJSON stays inline, as Vega-Lite reads it."""
    spec = chart.to_dict()
    view = spec.get("config", {}).get("view", {})
    for key in ("continuousWidth", "continuousHeight"):
        view.pop(key, None)
    for name, rows in spec.get("datasets", {}).items():
        if isinstance(rows, list) and not any("geometry" in row for row in rows[:1]):
            spec["datasets"][name] = dataframe_util.convert_anything_to_arrow_bytes(rows)
    return spec


def _signature() -> tuple:
    return tuple(data.table_source(t)[0] for t in TABLES)


def _key(f: Filters) -> tuple:
    return f.provinces, f.areas, f.categories, f.gis


def gi_subset(f: Filters) -> pd.DataFrame:
    """GIs matching the filters (with areas chosen: GIs of those areas' loaded counties); do not mutate."""
    return _subset(_signature(), _key(f))


@lru_cache(maxsize=64)
def _subset(signature: tuple, key: tuple) -> pd.DataFrame:
    f = Filters(*key)
    counties = data.load_counties()
    area_codes = set(counties.loc[counties["area_id"].isin(f.areas), "boundary_adcode"]) if f.areas else None
    return filter_gis(data.load_gis(), f, area_codes)


def gi_charts(f: Filters, lang: str, subtitle: list[str]) -> dict[str, tuple[alt.TopLevelMixin, dict, pd.DataFrame]]:
    """name → (chart, its Vega-Lite spec, the data behind it) for the GIs matching `f`; do not mutate."""
    return _charts(_signature(), _key(f), lang, tuple(subtitle))


@lru_cache(maxsize=64)
def _charts(signature: tuple, key: tuple, lang: str, subtitle: tuple[str, ...]):
    gis, lines = _subset(signature, key), list(subtitle)
    built = [
        charts.gi_by_province(gis, lang, lines),
        charts.gi_by_category(gis, lang, lines),
        charts.gi_by_type(gis, lang, lines),
        charts.gi_cumulative(gis, lang, lines),
        charts.gi_by_area(gis, data.load_counties(), data.load_areas(), lang, lines),
    ]
    return {name: (chart, vega_spec(chart), frame) for name, (chart, frame) in zip(NAMES, built)}


def gi_rows(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`views.gi_table` of some rows of `data.load_gis()` (matched by gi_id, in their order), cut from the whole
    table, which is built once per data version and language: building it took 20–30 ms of every GI page run."""
    whole, ids = _whole_table(data.table_source("gis")[0], lang)
    at = ids.get_indexer(rows["gi_id"])
    if (at < 0).any():  # rows of another version of the table (-1 would take the last row): build them
        return gi_table(rows, lang)
    part = whole.take(at).reset_index(drop=True)
    coded = [c for c in part.columns if isinstance(part[c].dtype, pd.CategoricalDtype)]
    return part.assign(**{c: part[c].cat.remove_unused_categories() for c in coded})  # no unused values sent


@lru_cache(maxsize=4)
def _whole_table(signature: str, lang: str) -> tuple[pd.DataFrame, pd.Index]:
    gis = data.load_gis()
    return gi_table(gis, lang), pd.Index(gis["gi_id"])


def gi_detail(gi_id: str, lang: str) -> tuple[pd.Series, pd.DataFrame, list[str]]:
    """One GI's row, its counties as shown (`views.gi_county_table`) and their codes (for its map); do not
    mutate. Once per data version, GI and language: the join with every county took 5 ms of each GI page run."""
    return _detail(_signature(), gi_id, lang)


@lru_cache(maxsize=64)
def _detail(signature: tuple, gi_id: str, lang: str) -> tuple[pd.Series, pd.DataFrame, list[str]]:
    gi = data.load_gis().set_index("gi_id").loc[gi_id]
    where = detail_counties(gi, data.all_counties())
    return gi, gi_county_table(where, lang), where["adcode"].tolist()
