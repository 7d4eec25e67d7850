"""pydeck maps: county polygons coloured by a measure, outlines, GI markers and labels; no basemap."""

from __future__ import annotations

import hashlib
import json
import math
from functools import lru_cache

import numpy as np
import pandas as pd
import pydeck as pdk
import shapely

from ipaid import data, geometry, palette
from ipaid.filters import Filters, filter_counties
from ipaid.hierarchy import has_prefectures
from ipaid.i18n import t
from ipaid.map_labels import label_layer
from ipaid.names import place_en, province_short
from ipaid.paths import STATIC_DIR, STATIC_URL
from ipaid.static_files import (
    SEGMENT_UNIT,
    county_info,
    data_signature,
    national_files,
    prefecture_file,
    segment_rows,
    segments_file,
    selection_file,
    served_json,
    tooltip_properties,
    url_of,
)
from ipaid.webfont import WEB_FAMILY

NATIONAL_VIEW = pdk.ViewState(longitude=104.2, latitude=35.5, zoom=2.5, min_zoom=2, max_zoom=11)
MAP_PX = (460, 540)  # the map's size on a laptop screen (1024 px wide), for fitting a selection
LABEL_FIT_PX = 560  # the map canvas's width in a 1024 px wide window (Chromium, sidebar open): labels lie inside it
SMALL_MAP_PX = (320, 260)  # the small maps beside a profile
LABEL_PX = 13  # province labels in the national view
FOCUSED_LABEL_PX = 15  # labels of a filtered view
CAPITAL = "北京市"
TINY_PROVINCES = {"澳门特别行政区", "香港特别行政区"}  # too small to label at national zoom
# The wheel scrolls the page, not the map (no scroll trap); the main map zooms by its buttons, so its zoom
# is always the one the page knows; small maps zoom by double click.
CONTROLLER = {"scrollZoom": False, "dragRotate": False, "touchRotate": False, "keyboard": True}
ZOOM_STEP = 1.0
RECOLOUR_MAX_ZOOM = 6.25  # the national file's 0.04° is about 3 px here: closer views get the detailed file
INLINE = "inline:"  # a layer `data` of INLINE + a served file's URL is sent as its lines (`_with_inline_data`)
NUDGE = 1e-7  # degrees (~1 cm): makes every key of a reset view differ from the last one sent


def controller(buttons: bool) -> dict:
    """deck.gl controller options: no wheel zoom; double-click zoom only on maps without zoom buttons."""
    return {**CONTROLLER, "doubleClickZoom": not buttons}


def merc(lat: float) -> float:
    """Web Mercator y of a latitude, in radians (0 at the equator)."""
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def fit_view(
    bounds: tuple[float, float, float, float], min_span: float = 3.0, px: tuple[int, int] = MAP_PX
) -> pdk.ViewState:
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
    return pdk.ViewState(
        longitude=(minx + maxx) / 2,
        latitude=(miny + maxy) / 2,
        zoom=round(min(max(zoom, 2), 10), 2),
        min_zoom=2,
        max_zoom=11,
    )


def has_product_filter(f: Filters) -> bool:
    return bool(f.categories or f.gis)


def selected_counties(f: Filters) -> pd.DataFrame:
    """The counties the map colours: those in the chosen provinces and areas which, with a category or GI
    chosen, have a GI of those (all counties without filters). GI counts and names count only those GIs."""
    counties = filter_counties(county_info(f.categories, f.gis), f)
    return counties[counties["gi_count"] > 0] if has_product_filter(f) else counties


def filters_note(f: Filters, lang: str) -> str:
    """Which counties the map colours under the filters, in words ("" without filters)."""
    return "" if f.is_empty else t("map_filters_note" if has_product_filter(f) else "map_place_note", lang)


def legend_items(f: Filters, measure: str, lang: str, shown: pd.DataFrame | None = None) -> list[tuple[str, tuple]]:
    """The legend of what the map shows for the filters: the colours of the `shown` counties (from
    `selected_counties`; without `shown`, those of `f`, computed once per data version and view), and,
    with a filter, the uncoloured counties outside it."""
    if shown is None:
        return list(_legend_items(data_signature(), _where(f), measure, lang))
    used = {tuple(c) for c in palette.county_colors(shown)[measure]}
    items = palette.legend(measure, lang, data.load_areas(), used)
    return items + ([(t("outside_filters", lang), palette.BLANK)] if not f.is_empty else [])


def _where(f: Filters) -> tuple:
    """What of `f` decides a map (its language and measure are passed on their own); `_place` turns it back."""
    return (f.provinces, f.areas, f.categories, f.gis, f.prefecture)


def _place(where: tuple) -> Filters:
    provinces, areas, categories, gis, prefecture = where
    return Filters(provinces, areas, categories, gis, prefecture=prefecture)


@lru_cache(maxsize=256)
def _legend_items(signature: str, where: tuple, measure: str, lang: str) -> tuple:
    f = _place(where)
    return tuple(legend_items(f, measure, lang, selected_counties(f)))


def tooltip(lang: str, filtered: bool = False) -> dict:
    """One template for every pickable layer (they share property names); `filtered`: GIs are limited by
    a category or GI filter, and the tooltip says so."""
    gis, colon = t("gis_matching" if filtered else "gis_listed", lang), t("colon", lang)
    en = lang == "en"
    name = "<b>{name_en}</b> {name_zh}" if en else "<b>{name_zh}</b>"
    html = "<br/>".join(
        [
            name,
            "{province_en}" if en else "{province_zh}",
            t("area", lang) + colon + ("{area_en}" if en else "{area_zh}"),
            t("exit_year", lang) + colon + "{exit}",
            gis + colon + ("{gis_en}" if en else "{gis_zh}"),
        ]
    )
    return {
        "html": html,
        "style": {
            "backgroundColor": palette.TOOLTIP_BG,
            "color": palette.TOOLTIP_TEXT,
            "fontSize": "13px",
            "fontFamily": f"'{WEB_FAMILY}', sans-serif",
            "maxWidth": "320px",
        },
    }


@lru_cache(maxsize=2)
def _inner_points(key: str) -> dict[str, tuple[float, float]]:
    counties = geometry.load_layer("counties", "national")
    points = shapely.point_on_surface(counties.geometry.values)
    return {a: (round(p.x, 3), round(p.y, 3)) for a, p in zip(counties["adcode"], points)}


def gi_markers(counties: pd.DataFrame) -> list[dict]:
    """One marker per county with listed GIs, at a point inside the county."""
    rows = counties[counties["gi_count"] > 0]
    points = _inner_points(geometry.cache_key())
    out = []
    for r in rows.itertuples(index=False):
        out.append(
            {
                "position": list(points[r.adcode]),
                "count": int(r.gi_count),
                "radius": round(1.5 + math.sqrt(r.gi_count) * 1.2, 1),
                **tooltip_properties(r),
            }
        )
    return out


def marker_file(counties: pd.DataFrame, f: Filters):
    """`gi_markers(counties)` as a served file (one per set of counties with GIs and GI filter): the same for
    every session and language, so the deck spec stays small and the browser fetches the file once."""
    codes = ",".join(sorted(counties.loc[counties["gi_count"] > 0, "adcode"]))
    key = f"{codes}|{sorted(f.categories)}|{sorted(f.gis)}"
    return served_json("markers", key, lambda: gi_markers(counties))


def labels(f: Filters, lang: str) -> list[dict]:
    """Province labels (national view), area labels (areas selected) or prefecture labels (one province)."""
    if len(f.provinces) == 1 and not f.areas and has_prefectures(f.provinces[0]):
        return prefecture_labels(geometry.cache_key(), f.provinces[0], lang)
    if f.areas:
        members = data.load_counties()
        members = members.loc[members["area_id"].isin(f.areas), ["boundary_adcode", "area_id"]].rename(
            columns={"boundary_adcode": "adcode"}
        )
        shapes = geometry.area_outlines(members)
        names = data.load_areas().set_index("area_id")["name_en" if lang == "en" else "name_zh"]
        return [
            {"position": [p.x, p.y], "text": names[a]}
            for a, p in zip(shapes["area_id"], shapely.point_on_surface(shapes.geometry.values))
        ]
    out = [
        {"position": list(point), "text": place_en(n) if lang == "en" else province_short(n)}
        for n, point in _province_label_points(geometry.cache_key())
        if (not f.provinces or n in f.provinces) and n not in TINY_PROVINCES
    ]
    return out if f.provinces else declutter(out, NATIONAL_VIEW.zoom, LABEL_PX)


def all_labels() -> tuple[tuple[str, int], ...]:
    """Every (text, type size) `labels` can give, in both languages: the one atlas of every main map, so neither a
    filter nor the language switch fetches labels."""
    return tuple(sorted({*_all_labels(data_signature(), "zh"), *_all_labels(data_signature(), "en")}))


@lru_cache(maxsize=4)
def _all_labels(signature: str, lang: str) -> tuple[tuple[str, int], ...]:
    from ipaid.hierarchy import units

    provinces = [n for n, _ in _province_label_points(geometry.cache_key()) if n not in TINY_PROVINCES]
    provinces = [place_en(n) if lang == "en" else province_short(n) for n in provinces]
    shapes = set(geometry.load_layer("prefectures", "national")["prefecture_code"])
    prefectures = units().loc[units()["prefecture_code"].isin(shapes), "prefecture"].unique()
    prefectures = [prefecture_label(n, lang) for n in prefectures]
    areas = list(data.load_areas()["name_en" if lang == "en" else "name_zh"])
    texts = {LABEL_PX: provinces, FOCUSED_LABEL_PX: provinces + prefectures + areas}
    return tuple(sorted({(text, px) for px, group in texts.items() for text in group}))


def prefecture_label(name: str, lang: str) -> str:
    """A prefecture-level unit's name on the map and in the drill-down's table: in English an autonomous prefecture by
    its place name ("Xiangxi Prefecture" for Xiangxi Tujia Miao Autonomous Prefecture, whose full name ran past the
    edge of Hunan's map at 1024 px, and pushed the table's last column out of sight); tooltips and the path above the
    map keep the full name."""
    from ipaid.hierarchy import prefecture_en

    if lang != "en":
        return name
    full = prefecture_en(name)
    return full.split()[0] + " Prefecture" if full.endswith(" Autonomous Prefecture") else full


@lru_cache(maxsize=16)
def prefecture_labels(key: str, province: str, lang: str) -> list[dict]:
    """A label per prefecture-level unit of a province, at its widest spot (the drill-down's province level);
    computed once per geometry build (`key`), province and language."""
    from ipaid.hierarchy import units

    codes = units().loc[units()["province"] == province].drop_duplicates("prefecture_code")
    names = dict(zip(codes["prefecture_code"], codes["prefecture"]))
    shapes = geometry.load_layer("prefectures", "national")
    shapes = shapes[shapes["prefecture_code"].isin(names)]
    points = shapely.get_point(shapely.maximum_inscribed_circle(shapes.geometry.values, 0.02), 0)
    return [
        {"position": [round(p.x, 3), round(p.y, 3)], "text": prefecture_label(names[c], lang)}
        for c, p in zip(shapes["prefecture_code"], points)
    ]


@lru_cache(maxsize=2)
def _province_label_points(key: str) -> list[tuple[str, tuple[float, float]]]:
    """Each province and where its label goes (its widest spot), in order of priority: in a clash the capital,
    then the bigger province, keeps its label. Computed once per geometry build."""
    provinces = geometry.load_layer("provinces", "national")
    provinces = provinces.iloc[np.lexsort((-shapely.area(provinces.geometry.values), provinces["province"] != CAPITAL))]
    points = shapely.get_point(shapely.maximum_inscribed_circle(provinces.geometry.values, 0.05), 0)
    return [(n, (round(p.x, 2), round(p.y, 2))) for n, p in zip(provinces["province"], points)]


def world_px(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """A point in Web Mercator world pixels at `zoom` (deck.gl's: 512 px around the world at zoom 0)."""
    scale = 512 * 2**zoom
    return (lon + 180) / 360 * scale, (1 - merc(lat) / math.pi) / 2 * scale


def text_box(label: dict, zoom: float, size: int) -> tuple[float, float, float, float]:
    """A centred label's box in world pixels at `zoom` (CJK characters one em wide, Latin ones about 0.6)."""
    width = sum(size if ord(c) > 0x2E80 else 0.6 * size for c in label["text"])
    x, y = world_px(*label["position"], zoom)
    return x - width / 2, y - 0.45 * size, x + width / 2, y + 0.45 * size  # glyphs fill ~90 % of the em height


def within(labels: list[dict], view: pdk.ViewState, size: int, width: int = LABEL_FIT_PX) -> list[dict]:
    """Labels centred inside a map `width` pixels wide at `view`, moved sideways just enough to lie wholly inside it
    (a long English area name, centred on its area, ran past the map's edge); a label wider than the map is centred
    on it. Labels centred outside the view (zoomed in) stay where they are."""
    scale = 512 * 2**view.zoom
    left = world_px(view.longitude, view.latitude, view.zoom)[0] - width / 2 + 4
    right = left + width - 8
    out = []
    for label in labels:
        x0, _, x1, _ = text_box(label, view.zoom, size)
        if not left <= (x0 + x1) / 2 <= right:
            shift = 0.0
        elif x1 - x0 > right - left:
            shift = (left + right - x0 - x1) / 2
        else:
            shift = max(left - x0, 0) or min(right - x1, 0)
        lon, lat = label["position"]
        out.append({**label, "position": [round(lon + shift / scale * 360, 4), lat]} if shift else label)
    return out


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
    """The lines of a served GeoJSON file, drawn as segments (`segments_file`: cheaper without a GPU)."""
    return pdk.Layer(
        "LineLayer",
        id=layer_id,
        data=url_of(segments_file(path)),
        get_source_position="s",
        get_target_position="t",
        get_color=color,
        get_width=width,
        width_units=pdk.types.String("pixels"),
    )


def _inline_borders(path) -> pdk.Layer:
    """The prefecture borders of a served GeoJSON file, sent inside the deck spec (`segment_rows`, put in by
    `_with_inline_data`), not fetched: they arrive with the deck and are drawn in its first frame (in software WebGL
    a file that arrives later costs a frame of its own)."""
    start = f"[this[0] / {SEGMENT_UNIT}, this[1] / {SEGMENT_UNIT}]"
    end = f"[(this[0] + this[2]) / {SEGMENT_UNIT}, (this[1] + this[3]) / {SEGMENT_UNIT}]"
    return pdk.Layer(
        "LineLayer",
        id="prefectures",
        data=INLINE + url_of(path),
        get_source_position=start,
        get_target_position=end,
        get_color=palette.PREFECTURE_LINE,
        get_width=2.2,
        width_units=pdk.types.String("pixels"),
    )


def initial_view(chosen: pd.DataFrame | None, zoom: float | None = None, px: tuple[int, int] = MAP_PX) -> pdk.ViewState:
    """The view fitted to the `chosen` counties (all China if None or empty), at `zoom` if given."""
    if chosen is not None and len(chosen):
        shapes = geometry.load_layer("counties", "national").set_index("adcode")
        view = fit_view(tuple(shapely.total_bounds(shapes.loc[chosen["adcode"], "geometry"].values)), px=px)
    else:
        view = NATIONAL_VIEW
    if zoom is not None:
        view = pdk.ViewState(**{**view.__dict__, "zoom": zoom, "min_zoom": min(zoom, view.min_zoom)})
    return view


def step_limits(f: Filters) -> tuple[int, int]:
    """How many zoom-out and zoom-in button steps the main map's view for `f` allows (as negative, positive)."""
    return _step_limits(data_signature(), _where(f))


@lru_cache(maxsize=256)
def _step_limits(signature: str, where: tuple) -> tuple[int, int]:
    f = _place(where)
    view = initial_view(None if f.is_empty else selected_counties(f))
    return -math.floor((view.zoom - view.min_zoom) / ZOOM_STEP), math.floor((view.max_zoom - view.zoom) / ZOOM_STEP)


def adjusted_view(view: pdk.ViewState, steps: int = 0, resets: int = 0) -> pdk.ViewState:
    """`view` zoomed in by `steps` button presses (out if negative), after `resets` presses of "reset view".

    Streamlit applies only the view keys that changed since the last run, so each reset nudges the centre
    and zoom invisibly (alternating sign): all keys change and the whole initial view comes back.
    """
    nudge = 0 if resets == 0 else NUDGE * (1 if resets % 2 else -1)
    zoom = min(max(view.zoom + steps * ZOOM_STEP, view.min_zoom), view.max_zoom)
    return pdk.ViewState(
        **{
            **view.__dict__,
            "longitude": view.longitude + nudge,
            "latitude": view.latitude + nudge,
            "zoom": round(zoom, 2) + nudge,
        }
    )


def code_runs(chosen, universe) -> list[tuple[str, str]]:
    """The codes `chosen` as runs of consecutive codes of the sorted `universe`: (first, last) of each run."""
    chosen, runs, inside = set(chosen), [], False
    for code in sorted(universe):
        if code in chosen:
            runs[-1:] = [(runs[-1][0], code)] if inside else [*runs[-1:], (code, code)]
        inside = code in chosen
    return runs


@lru_cache(maxsize=2)
def _served_adcodes(key: str) -> tuple[str, ...]:
    return tuple(sorted(geometry.load_layer("counties", "national")["adcode"]))


def place_test(adcodes, field: str = "properties.adcode") -> str:
    """A deck.gl expression true for the features whose code (`field`) is one of `adcodes`. Expressions allow no
    function calls, so the set is written as ranges of the national file's sorted codes (a province or a
    prefecture is one range)."""
    runs = code_runs(adcodes, _served_adcodes(geometry.cache_key()))
    c = field
    return " || ".join(f"{c} == '{a}'" if a == b else f"({c} >= '{a}' && {c} <= '{b}')" for a, b in runs) or "false"


def place_fill(adcodes, fill: str) -> tuple[str, str]:
    """A fill accessor colouring only the counties `adcodes` by `fill` (an expression), the others white, and the
    county layer's id for that set: a new id drops a click selection made at another level (Streamlit keeps a
    selection while its layer id stays)."""
    codes = "|".join(sorted(adcodes))
    expression = f"{place_test(adcodes)} ? ({fill}) : {list(palette.BLANK)}"
    return expression, f"counties-{hashlib.sha256(codes.encode()).hexdigest()[:10]}"


def build_deck(
    f: Filters,
    measure: str = "area",
    lang: str = "zh",
    only: list[str] | None = None,
    details: bool = True,
    zoom: float | None = None,
    px: tuple[int, int] = MAP_PX,
    steps: int = 0,
    resets: int = 0,
    fill: str | None = None,
    markers: bool = True,
) -> pdk.Deck:
    """The map for the current filters, zoomed to them; national layers are served files.

    With a filter, only the counties of `selected_counties(f)` are coloured: a place filter by a fill expression
    on the national county file (`place_fill`) while its view is not closer than `RECOLOUR_MAX_ZOOM`; else (a
    category or GI filter, a prefecture) by a served file per selection and GI filter, the national county file
    staying in the deck, hidden, so it is not fetched again.
    Each pickable layer's id changes with what it shows ("counties", "counties-<set>" / "counties-hidden",
    "selection-<file>", "gi-<file>[-<set>]"): the map's click selection names a layer id, and Streamlit drops a
    selection whose layer id is gone, so a click that opened another level does not stay selected there (deck.gl
    shares a URL's data between layers).
    With `only` (a few counties: a GI's area, a profile), a light map of just those counties in their provinces.
    Without `details` (a thumbnail), no GI markers and no labels. `steps`, `resets`: the zoom buttons.
    `fill`: a colour accessor instead of the measure's (playback); the same files, only the colours change.
    Without `markers`, no GI markers.
    """
    files = national_files()
    fill = fill or f"properties.fill_{measure}"
    everything = data.all_counties()
    chosen = everything[everything["adcode"].isin(only)] if only else selected_counties(f)
    focused = not f.is_empty or bool(only)
    view = initial_view(chosen if focused else None, zoom, px)
    # A place filter only recolours the national county file (counties outside it white): no new geometry to
    # fetch and tessellate, no extra outlines to draw. Zoomed closer (a prefecture, a small province) the
    # national simplification would show, and a product filter limits each county's GIs (tooltip, GI
    # counts): then the chosen counties come from their own detailed file, with outlines.
    shown_view = adjusted_view(view, steps, resets)  # after the zoom buttons
    recolour = focused and not only and not has_product_filter(f) and shown_view.zoom < RECOLOUR_MAX_ZOOM
    county_id = "counties"
    if recolour:
        fill, county_id = place_fill(chosen["adcode"], fill)
    highlight = {
        "pickable": True,
        "auto_highlight": True,
        "highlight_color": palette.HIGHLIGHT,
        "update_triggers": {"getFillColor": [fill]},
    }
    layers = []
    if not only:
        # County outlines are not stroked: drawing 2,875 outlines is most of a map's cost without a GPU.
        shown = not focused or recolour
        layers.append(
            pdk.Layer(
                "GeoJsonLayer",
                id=county_id if shown else "counties-hidden",  # the same file either way: not fetched again
                data=url_of(files["counties"]),
                get_fill_color=fill,
                stroked=False,
                filled=True,
                visible=shown,
                **{**highlight, "pickable": shown},
            )
        )
    if focused and len(chosen) and not recolour:
        sel = selection_file(chosen["adcode"], f.categories, f.gis)
        layers.append(
            pdk.Layer(
                "GeoJsonLayer",
                id=f"selection-{sel.stem.removeprefix('selection_')}",
                data=url_of(sel),
                get_fill_color=fill,
                get_line_color=palette.SELECTION_LINE,
                line_width_min_pixels=0.8,
                stroked=True,
                filled=True,
                # Only the fill is picked: without a GPU, picking the outlines made deck.gl's picking pass on
                # pointer-down take over 1 s, past the 250 ms in which it counts a press as a click (dropped).
                _subLayerProps={"polygons-stroke": {"pickable": False}},
                **highlight,
            )
        )
    if not only and len(f.provinces) == 1 and has_prefectures(f.provinces[0]):  # the drill-down's province level
        layers.append(_inline_borders(prefecture_file(f.provinces[0])))
    if not only:
        layers.append(_outline("areas", files["areas"], palette.AREA_LINE, 1.6))
    layers += [
        _outline("provinces", files["provinces"], palette.PROVINCE_LINE, 0.8),
        _outline("china", files["china"], palette.CHINA_LINE, 1.4),
    ]
    if details and not only and markers:
        # With a place filter, the national markers file (already loaded), those outside it at radius 0 (not drawn,
        # not pickable): a new file would arrive after the first frame and cost a frame of its own.
        everywhere = selected_counties(Filters())
        inside = place_test(chosen["adcode"], "adcode") if recolour else "true"
        radius, line = f"{inside} ? radius : 0", f"{inside} ? 0.6 : 0"
        gi = marker_file(everywhere, Filters()) if recolour else marker_file(chosen, f)
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                # a new id per set of markers shown, as for the county layers
                id=f"gi-{gi.stem.removeprefix('markers_')}" + (county_id.removeprefix("counties") if recolour else ""),
                data=url_of(gi),
                get_position="position",
                get_radius=radius,
                radius_units=pdk.types.String("pixels"),
                get_fill_color=palette.MARKER_FILL,
                get_line_color=palette.MARKER_LINE,
                stroked=True,
                get_line_width=line,
                line_width_units=pdk.types.String("pixels"),
                radius_max_pixels=10,  # every radius is at least 2.7 px (`gi_markers`): no minimum needed
                pickable=True,
                update_triggers={"getRadius": [radius], "getLineWidth": [line]},
            )
        )
    if details and not only:
        # drawn on the server (no font wait), from one atlas of every label any map shows: nothing to fetch
        size = FOCUSED_LABEL_PX if focused else LABEL_PX
        layers.append(label_layer(within(labels(f, lang), shown_view, size), size, all_labels()))
    buttons = details and not only
    return _with_inline_data(
        pdk.Deck(
            layers=layers,
            initial_view_state=shown_view,
            map_provider=None,
            views=[pdk.View(type="MapView", controller=controller(buttons))],
            tooltip=tooltip(lang, has_product_filter(f)),
        )
    )


def _with_inline_data(deck: pdk.Deck) -> pdk.Deck:
    """`deck`, whose spec (`to_json`) is compact (pydeck indents it: a quarter of the bytes) and carries, in place of
    each layer `data` naming INLINE + a served GeoJSON file's URL, that file's lines as `segment_rows` (only a
    layer's `data`: a label or tooltip that happens to contain the marker stays text)."""
    spec = deck.to_json

    def compact() -> str:
        parsed = json.loads(spec())
        for layer in parsed.get("layers", []):
            data = layer.get("data")
            if isinstance(data, str) and data.startswith(INLINE):
                path = STATIC_DIR / data.removeprefix(INLINE).removeprefix(STATIC_URL + "/")
                layer["data"] = json.loads(segment_rows(path))
        return json.dumps(parsed, ensure_ascii=False, separators=(",", ":"))

    deck.to_json = compact
    return deck


def cached_deck(f: Filters, measure: str = "area", lang: str = "zh", only=None, **options) -> pdk.Deck:
    """`build_deck`, built and serialised once per data version, filters, measure, language and options, and
    shared by every session that shows the same map (a rerun then costs a dictionary look-up). The deck is
    read-only: do not change it."""
    return _cached_deck(
        data_signature(), _where(f), measure, lang, tuple(only) if only else None, tuple(options.items())
    )


@lru_cache(maxsize=256)
def _cached_deck(signature: str, where: tuple, measure: str, lang: str, only, options: tuple) -> pdk.Deck:
    deck = build_deck(_place(where), measure, lang, only=list(only) if only else None, **dict(options))
    spec = deck.to_json()
    deck.to_json = lambda: spec  # what st.pydeck_chart sends, computed once
    return deck


def county_deck(adcodes: list[str], lang: str) -> pdk.Deck:
    """A small map zoomed to a few counties (a GI's area, a county profile)."""
    return cached_deck(Filters(), "status", lang, only=list(adcodes), px=SMALL_MAP_PX)
