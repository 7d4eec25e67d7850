"""pydeck maps: county polygons coloured by a measure, outlines, GI markers and labels; no basemap."""
from __future__ import annotations

import math
from dataclasses import replace
from functools import lru_cache

import numpy as np
import pandas as pd
import pydeck as pdk
import shapely

from ipaid import data, geometry
from ipaid.filters import Filters, filter_counties, filter_gis
from ipaid.map_labels import label_layer
from ipaid.names import place_en
from ipaid.static_files import national_files, selection_file, tooltip_properties, url_of
from ipaid.webfont import WEB_FAMILY

NATIONAL_VIEW = pdk.ViewState(longitude=104.2, latitude=35.5, zoom=2.5, min_zoom=2, max_zoom=11)
MAP_PX = (460, 540)  # the map's size on a laptop screen (1024 px wide), for fitting a selection
SMALL_MAP_PX = (320, 260)  # the small maps beside a profile
LABEL_PX = 13  # province labels in the national view
CAPITAL = "北京市"
TINY_PROVINCES = {"澳门特别行政区", "香港特别行政区"}  # too small to label at national zoom


def short_province(name: str) -> str:
    """湖南省 → 湖南, 广西壮族自治区 → 广西, 北京市 → 北京: how map labels name provinces."""
    for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def merc(lat: float) -> float:
    """Web Mercator y of a latitude, in radians (0 at the equator)."""
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def fit_view(bounds: tuple[float, float, float, float], min_span: float = 3.0,
             px: tuple[int, int] = MAP_PX) -> pdk.ViewState:
    """A view that shows the lon/lat bounds (minx, miny, maxx, maxy), with a margin, in a map of `px` pixels.

    Bounds smaller than `min_span` degrees are widened, so a single county is seen among its neighbours.
    """
    minx, miny, maxx, maxy = bounds
    pad_x = max((maxx - minx) * 0.1, (min_span - (maxx - minx)) / 2, 0)
    pad_y = max((maxy - miny) * 0.1, (min_span - (maxy - miny)) / 2, 0)
    minx, maxx, miny, maxy = minx - pad_x, maxx + pad_x, miny - pad_y, maxy + pad_y
    span_x = max(maxx - minx, 0.05) / 360
    span_y = max(merc(maxy) - merc(miny), 0.001) / (2 * math.pi)
    zoom = math.log2(min(px[0] / span_x, px[1] / span_y) / 512)  # deck.gl: the world is 512 px wide at zoom 0
    return pdk.ViewState(longitude=(minx + maxx) / 2, latitude=(miny + maxy) / 2,
                         zoom=round(min(max(zoom, 2), 10), 2), min_zoom=2, max_zoom=11)


def selected_counties(f: Filters) -> pd.DataFrame:
    """All county-level units (poverty or not) in the selected provinces and areas.

    With GIs chosen by name and no place filter, the counties of those GIs.
    """
    everything = data.all_counties()
    if f.gis and not (f.provinces or f.areas):
        codes = set(data.gi_county_links(filter_gis(data.load_gis(), f))["adcode"])
        return everything[everything["adcode"].isin(codes)]
    return filter_counties(everything, f)


def with_product_filter(counties: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """Counties with GI counts and names limited to the chosen categories and GIs (unchanged without them)."""
    if not (f.categories or f.gis):
        return counties
    summary = data.gi_summary(filter_gis(data.load_gis(), replace(f, provinces=(), areas=())))
    out = counties.drop(columns=["gi_count", "gi_names_zh", "gi_names_en"]).join(summary, on="adcode")
    out["gi_count"] = out["gi_count"].fillna(0).astype(int)
    return out.fillna({"gi_names_zh": "", "gi_names_en": ""})


def tooltip(lang: str) -> dict:
    """One template for every pickable layer (they share property names)."""
    if lang == "en":
        html = ("<b>{name_en}</b> {name_zh}<br/>{province_en}<br/>Area: {area_en}<br/>"
                "Out of poverty: {exit}<br/>GIs listed: {gis_en}")
    else:
        html = "<b>{name_zh}</b><br/>{province_zh}<br/>片区：{area_zh}<br/>摘帽年份：{exit}<br/>地理标志：{gis_zh}"
    return {"html": html, "style": {"backgroundColor": "#1f1f1f", "color": "white", "fontSize": "13px",
                                    "fontFamily": f"'{WEB_FAMILY}', sans-serif", "maxWidth": "320px"}}


@lru_cache(maxsize=2)
def _inner_points(key: str) -> dict[str, tuple[float, float]]:
    counties = geometry.load_layer("counties", "national")
    points = shapely.point_on_surface(counties.geometry.values)
    return {a: (round(p.x, 3), round(p.y, 3)) for a, p in zip(counties["adcode"], points)}


def inner_point(adcode: str) -> tuple[float, float]:
    """A point inside the county (where its marker goes), computed once for all counties."""
    return _inner_points(geometry.cache_key())[adcode]


def gi_markers(counties: pd.DataFrame) -> list[dict]:
    """One marker per county with listed GIs, at a point inside the county."""
    rows = counties[counties["gi_count"] > 0]
    out = []
    for r in rows.itertuples(index=False):
        out.append({"position": list(inner_point(r.adcode)), "count": int(r.gi_count),
                    "radius": round(1.5 + math.sqrt(r.gi_count) * 1.2, 1), **tooltip_properties(r)})
    return out


def labels(f: Filters, lang: str) -> list[dict]:
    """Province labels (national view) or area labels (areas selected)."""
    if f.areas:
        members = data.load_counties()
        members = members.loc[members["area_id"].isin(f.areas), ["boundary_adcode", "area_id"]].rename(
            columns={"boundary_adcode": "adcode"})
        shapes = geometry.area_outlines(members)
        names = data.load_areas().set_index("area_id")["name_en" if lang == "en" else "name_zh"]
        return [{"position": [p.x, p.y], "text": names[a]}
                for a, p in zip(shapes["area_id"], shapely.point_on_surface(shapes.geometry.values))]
    out = [{"position": list(point), "text": place_en(n) if lang == "en" else short_province(n)}
           for n, point in _province_label_points(geometry.cache_key())
           if (not f.provinces or n in f.provinces) and n not in TINY_PROVINCES]
    return out if f.provinces else declutter(out, NATIONAL_VIEW.zoom, LABEL_PX)


@lru_cache(maxsize=2)
def _province_label_points(key: str) -> list[tuple[str, tuple[float, float]]]:
    """Each province and where its label goes (its widest spot), in order of priority: in a clash the capital,
    then the bigger province, keeps its label. Computed once per geometry build."""
    provinces = geometry.load_layer("provinces", "national")
    provinces = provinces.iloc[np.lexsort((-shapely.area(provinces.geometry.values),
                                           provinces["province"] != CAPITAL))]
    points = shapely.get_point(shapely.maximum_inscribed_circle(provinces.geometry.values, 0.05), 0)
    return [(n, (round(p.x, 2), round(p.y, 2))) for n, p in zip(provinces["province"], points)]


def text_box(label: dict, zoom: float, size: int) -> tuple[float, float, float, float]:
    """A centred label's box in world pixels at `zoom` (CJK characters one em wide, Latin ones about 0.6)."""
    width = sum(size if ord(c) > 0x2E80 else 0.6 * size for c in label["text"])
    lon, lat = label["position"]
    scale = 512 * 2 ** zoom
    x = (lon + 180) / 360 * scale
    y = (1 - merc(lat) / math.pi) / 2 * scale
    return x - width / 2, y - 0.45 * size, x + width / 2, y + 0.45 * size  # glyphs fill ~90 % of the em height


def declutter(labels: list[dict], zoom: float, size: int, gap: float = 1.0) -> list[dict]:
    """Labels in order of priority, leaving out each one that would overlap one already kept."""
    kept, boxes = [], []
    for label in labels:
        x0, y0, x1, y1 = text_box(label, zoom, size)
        if all(x1 + gap < a or b + gap < x0 or y1 + gap < c or d + gap < y0 for a, c, b, d in boxes):
            kept.append(label)
            boxes.append((x0, y0, x1, y1))
    return kept


def _outline(layer_id: str, path, color: list[int], width: float) -> pdk.Layer:
    return pdk.Layer("GeoJsonLayer", id=layer_id, data=url_of(path), filled=False, stroked=True,
                     get_line_color=color, line_width_min_pixels=width)


def build_deck(f: Filters, measure: str = "area", lang: str = "zh", only: list[str] | None = None,
               details: bool = True, zoom: float | None = None, px: tuple[int, int] = MAP_PX) -> pdk.Deck:
    """The map for the current filters, zoomed to them; national layers are served files.

    With `only` (a few counties: a GI's area, a profile), a light map of just those counties in their provinces.
    Without `details` (a thumbnail), no GI markers and no labels.
    """
    files = national_files()
    fill = f"properties.fill_{measure}"
    highlight = {"pickable": True, "auto_highlight": True, "highlight_color": [255, 255, 0, 160],
                 "update_triggers": {"getFillColor": [measure]}}
    everything = data.all_counties()
    chosen = everything[everything["adcode"].isin(only)] if only is not None else selected_counties(f)
    focused = bool(f.provinces or f.areas or f.gis or only)
    layers = []
    if not only:
        # County outlines are not stroked: drawing 2,875 outlines is most of a map's cost without a GPU.
        layers.append(pdk.Layer("GeoJsonLayer", id="counties", data=url_of(files["counties"]), get_fill_color=fill,
                                stroked=False, filled=True, opacity=0.35 if focused else 0.95, **highlight))
    if focused and len(chosen):
        layers.append(pdk.Layer("GeoJsonLayer", id="selection", data=url_of(selection_file(chosen["adcode"])),
                                get_fill_color=fill, get_line_color=[60, 60, 60], line_width_min_pixels=0.8,
                                stroked=True, filled=True, **highlight))
    if not only:
        layers.append(_outline("areas", files["areas"], [40, 40, 40], 1.6))
    layers += [_outline("provinces", files["provinces"], [120, 120, 120], 0.8),
               _outline("china", files["china"], [30, 30, 30], 1.4)]
    if details and not only:
        layers.append(pdk.Layer(
            "ScatterplotLayer", id="gi", data=gi_markers(with_product_filter(chosen if focused else everything, f)),
            get_position="position", get_radius="radius", radius_units=pdk.types.String("pixels"),
            get_fill_color=[0, 90, 60, 190], get_line_color=[255, 255, 255], stroked=True,
            line_width_min_pixels=0.6, radius_min_pixels=2, radius_max_pixels=10, pickable=True))
    if details and not only:
        layers.append(label_layer(labels(f, lang), 15 if focused else LABEL_PX))  # drawn on the server: no font wait
    if focused and len(chosen):
        shapes = geometry.load_layer("counties", "national").set_index("adcode")
        view = fit_view(tuple(shapely.total_bounds(shapes.loc[chosen["adcode"], "geometry"].values)), px=px)
    else:
        view = NATIONAL_VIEW
    if zoom is not None:
        view = pdk.ViewState(**{**view.__dict__, "zoom": zoom, "min_zoom": min(zoom, view.min_zoom)})
    return pdk.Deck(layers=layers, initial_view_state=view, map_provider=None, tooltip=tooltip(lang))


def county_deck(adcodes: list[str], lang: str) -> pdk.Deck:
    """A small map zoomed to a few counties (a GI's area, a county profile)."""
    return build_deck(Filters(), "status", lang, only=list(adcodes), px=SMALL_MAP_PX)
