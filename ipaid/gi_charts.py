"""The GI page's charts and table, built once per data version, filters and language.

Altair spends about 100 ms building and validating one chart, which made most of a GI page rerun;
here each chart is built once and its Vega-Lite spec serialised once, then reused by every session.
"""

from __future__ import annotations

from functools import lru_cache

import altair as alt
import pandas as pd

from ipaid import charts, data
from ipaid.filters import Filters, filter_gis
from ipaid.views import gi_table

TABLES = ("gis", "counties", "areas", "area_members")
NAMES = ("gi-by-province", "gi-by-category", "gi-by-type", "gi-cumulative", "gi-in-poverty-areas")


def vega_spec(chart: alt.TopLevelMixin) -> dict:
    """The chart's Vega-Lite spec (data inline), without Altair's default view size (the page sets sizes)."""
    spec = chart.to_dict()
    view = spec.get("config", {}).get("view", {})
    for key in ("continuousWidth", "continuousHeight"):
        view.pop(key, None)
    return spec


def _key(f: Filters) -> tuple:
    return f.provinces, f.areas, f.categories, f.gis


def gi_subset(f: Filters) -> pd.DataFrame:
    """GIs matching the filters (with areas chosen: GIs of those areas' loaded counties); do not mutate."""
    return _subset(tuple(data.table_source(t)[0] for t in TABLES), _key(f))


@lru_cache(maxsize=64)
def _subset(signature: tuple, key: tuple) -> pd.DataFrame:
    f = Filters(*key)
    counties = data.load_counties()
    area_codes = set(counties.loc[counties["area_id"].isin(f.areas), "boundary_adcode"]) if f.areas else None
    return filter_gis(data.load_gis(), f, area_codes)


def gi_charts(f: Filters, lang: str, subtitle: list[str]) -> dict[str, tuple[alt.TopLevelMixin, dict, pd.DataFrame]]:
    """name → (chart, its Vega-Lite spec, the data behind it) for the GIs matching `f`; do not mutate."""
    return _charts(tuple(data.table_source(t)[0] for t in TABLES), _key(f), lang, tuple(subtitle))


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
