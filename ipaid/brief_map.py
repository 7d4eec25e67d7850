"""The maps of a brief: the place within its province(s), and a locator of those provinces in China."""

from __future__ import annotations

from functools import lru_cache

import altair as alt

from ipaid import geometry
from ipaid.palette import (
    CHART_BAR,
    CHART_BAR_LIGHT,
    NEUTRAL,
    STATIC_CONTEXT_EDGE,
    STATIC_COUNTY_EDGE,
    STATIC_PROVINCE_EDGE,
    hex_color,
)
from ipaid.static_map import PROJECTION, _shapes, china_outline

PLACE, OTHER_POOR, OTHER = CHART_BAR, CHART_BAR_LIGHT, hex_color(NEUTRAL)  # the legend's colours too


def _finish(chart: alt.LayerChart, width: int, height: int) -> alt.LayerChart:
    return chart.project(**PROJECTION.to_dict()).properties(width=width, height=height).configure_view(stroke=None)


def place_map(place: set[str], poverty: set[str], provinces: list[str]) -> alt.LayerChart:
    """The counties of `provinces`: `place` (boundary adcodes) in red, other poverty counties light, others grey."""
    counties = geometry.load_layer("counties", "detailed")
    shown = counties[counties["province"].isin(provinces)][["adcode", "geometry"]]
    shown = shown.assign(
        colour=[PLACE if a in place else OTHER_POOR if a in poverty else OTHER for a in shown["adcode"]]
    )
    outline = geometry.load_layer("provinces", "detailed")
    outline = outline[outline["province"].isin(provinces)][["province", "geometry"]]
    fill = (
        alt.Chart(_shapes(shown, 3))
        .mark_geoshape(stroke=STATIC_COUNTY_EDGE, strokeWidth=0.3)
        .encode(color=alt.Color("colour:N", scale=None))
    )
    edge = alt.Chart(_shapes(outline, 3)).mark_geoshape(filled=False, stroke=STATIC_CONTEXT_EDGE, strokeWidth=0.8)
    return _finish(alt.layer(fill, edge), 420, 320)


def locator_map(provinces: list[str]) -> alt.LayerChart:
    """China with `provinces` filled, province borders, the standard outline and the maritime boundary line."""
    all_provinces = geometry.load_layer("provinces", "national")[["province", "geometry"]]
    shown = all_provinces.assign(
        colour=[PLACE if p in provinces else STATIC_COUNTY_EDGE for p in all_provinces["province"]]
    )
    fill = (
        alt.Chart(_shapes(shown))
        .mark_geoshape(stroke=STATIC_PROVINCE_EDGE, strokeWidth=0.3)
        .encode(color=alt.Color("colour:N", scale=None))
    )
    return _finish(alt.layer(fill, china_outline(0.6)), 200, 160)


def _png(chart: alt.TopLevelMixin) -> bytes:
    """PNG (2×) of a map without text: no font to register, and the spec is built without schema validation
    (half the time for a province of polygons; the same image)."""
    import vl_convert

    return vl_convert.vegalite_to_png(chart.to_dict(validate=False), scale=2, ppi=144)


@lru_cache(maxsize=64)
def place_png(place: frozenset[str], poverty: frozenset[str], provinces: tuple[str, ...]) -> bytes:
    """PNG (2×) of the place map."""
    return _png(place_map(set(place), set(poverty), list(provinces)))


@lru_cache(maxsize=64)
def locator_png(provinces: tuple[str, ...]) -> bytes:
    """PNG (2×) of the locator map."""
    return _png(locator_map(list(provinces)))
