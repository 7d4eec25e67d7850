"""The map's drill-down in headless Chromium, by clicks on the map: 湖南省 at the national level, 张家界市 (a spot of
桑植县) at the province level, where the panel lists 桑植县; the breadcrumb goes back to 全国, and the national
county file is fetched once. Then, from a link to the 张家界市 level, a click on 桑植县 opens its profile.

Each click lands on a county's fill, away from GI markers and borders. Without a GPU, deck.gl's picking pass on
pointer-down must stay under its 250 ms click limit: it did not while the county outlines were pickable.
"""

import math
from urllib.parse import unquote

import numpy as np
import pytest
import shapely
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from shapely.geometry import Point
from shapely.geometry import box as rectangle

from bench._common import DECK, open_page, wait_idle, wait_map_drawn
from ipaid import data, geometry, hierarchy, maps
from ipaid.filters import Filters

pytestmark = pytest.mark.browser

SANGZHI = "430822"
MARKER_MARGIN = 2  # px around a GI marker (its outline, rounding)
EDGE_PX = 6  # keep off borders and the canvas edge


def screen_point(box: dict, view, lon: float, lat: float) -> tuple[float, float]:
    """Where (lon, lat) is on the canvas `box` showing `view` (deck.gl: the world is 512 px wide at zoom 0)."""
    scale = 512 * 2**view.zoom

    def world(lo, la):
        return (lo + 180) / 360 * scale, (1 - maps.merc(la) / math.pi) / 2 * scale

    x, y = world(lon, lat)
    x0, y0 = world(view.longitude, view.latitude)
    return box["x"] + box["width"] / 2 + x - x0, box["y"] + box["height"] / 2 + y - y0


def free_spot(shape, view, canvas: dict) -> tuple[float, float]:
    """The screen point inside `shape` (lon/lat) and the canvas farthest from its border and from every GI marker,
    so the click picks the county layer itself."""
    on_screen = shapely.transform(shape, lambda c: np.array([screen_point(canvas, view, *p) for p in c]))
    frame = rectangle(canvas["x"], canvas["y"], canvas["x"] + canvas["width"], canvas["y"] + canvas["height"])
    markers = maps.gi_markers(data.all_counties())
    centres = [Point(screen_point(canvas, view, *m["position"])) for m in markers]
    radii = [min(max(m["radius"], 2), 10) + MARKER_MARGIN for m in markers]  # as the "gi" layer clamps them
    free = on_screen.intersection(frame).buffer(-EDGE_PX).difference(shapely.union_all(shapely.buffer(centres, radii)))
    assert not free.is_empty, "no spot of the shape is clear of markers"
    centre = shapely.get_point(shapely.maximum_inscribed_circle(free, 0.5), 0)
    return centre.x, centre.y


def click_on_map(page, f: Filters, shape, until: str, tries: int = 3) -> None:
    """Click inside `shape` on the map drawn for the filters `f` until the URL has `until`: again if a click was
    not taken (on a busy machine, software WebGL can still miss deck.gl's click time)."""
    view = maps.initial_view(None if f.is_empty else maps.selected_counties(f))
    canvas = page.locator(DECK).filter(visible=True).first
    canvas.scroll_into_view_if_needed()
    x, y = free_spot(shape, view, canvas.bounding_box())
    reached = f"() => decodeURIComponent(location.href).includes({until!r})"
    for _ in range(tries):
        page.mouse.move(x, y)
        page.mouse.click(x, y)
        try:
            page.wait_for_function(reached, timeout=15_000)
            break
        except PlaywrightTimeout:
            wait_idle(page)  # a slow run may still reach the level: never click the next level by mistake
            if page.evaluate(reached):
                break
    else:
        raise AssertionError(f"{tries} clicks at ({x:.0f}, {y:.0f}) did not reach {until}: {page.url}")
    wait_idle(page)


@pytest.fixture(scope="module")
def shapes():
    counties = geometry.load_layer("counties", "national").set_index("adcode")
    provinces = geometry.load_layer("provinces", "national").set_index("province")
    return {"湖南省": provinces.at["湖南省", "geometry"], SANGZHI: counties.at[SANGZHI, "geometry"]}


def test_click_province_then_prefecture_then_breadcrumb_back(page, requests_seen, shapes):
    requests_seen.clear()
    open_page(page, "/map")
    wait_map_drawn(page)
    click_on_map(page, Filters(), shapes["湖南省"], "province=湖南省")
    assert "prefecture=" not in page.url
    path = page.locator(".st-key-drill_path")
    assert "湖南省" in path.inner_text()
    wait_map_drawn(page, min_fraction=0.05)
    panel = page.locator(".st-key-drill_panel")
    panel.get_by_text("湖南省下辖").wait_for()
    rows = panel.locator("[data-testid=stDataFrame] .dvn-scroller")
    rows.scroll_into_view_if_needed()
    hidden = rows.evaluate("s => s.scrollHeight - s.clientHeight")
    assert hidden <= 1, f"Hunan's 14 prefectures scroll inside the panel's table ({hidden} px hidden)"

    assert hierarchy.place_of(SANGZHI) == ("湖南省", "张家界市")
    click_on_map(page, Filters(provinces=("湖南省",)), shapes[SANGZHI], "prefecture=张家界市")
    assert "张家界市" in path.inner_text()
    panel.get_by_text("张家界市下辖").wait_for()
    assert "桑植县" in panel.inner_text()

    path.get_by_role("button", name="全国").click()
    page.wait_for_function("() => !location.search.includes('province=')")
    expect(path).to_have_text("全国")  # once the run is over: the old level's crumbs go then
    national = [u for u in requests_seen if u.endswith("/counties.json")]
    assert len(national) == 1, national  # the national county file was not fetched again


def test_click_county_opens_profile_and_one_back_returns_to_the_map(page, shapes):
    """The click adds one history entry: Back shows the map at the same level, Back again the page before it
    (Streamlit pushed the map's address with the county first, so two Backs were needed), Forward the profile."""
    open_page(page, "/map?province=湖南省&prefecture=张家界市")
    wait_map_drawn(page, min_fraction=0.05)
    entries = page.evaluate("history.length")
    click_on_map(page, Filters(provinces=("湖南省",), prefecture="张家界市"), shapes[SANGZHI], "county=430822")
    page.wait_for_function("() => location.pathname.endsWith('/profiles')")  # the query may change first
    page.get_by_role("heading", name="桑植县").first.wait_for()
    wait_idle(page)
    assert page.evaluate("history.length") == entries + 1
    page.go_back()
    page.wait_for_function("() => location.pathname.endsWith('/map')")
    page.locator(DECK).first.wait_for()  # the map is back (a canvas screenshot here met a canvas being replaced)
    expect(page.get_by_role("heading", level=1)).to_have_text("地图")
    assert "prefecture=张家界市" in unquote(page.url)  # the map as it was, at the prefecture's level
    page.go_forward()
    page.wait_for_function("() => location.pathname.endsWith('/profiles')")
    page.get_by_role("heading", name="桑植县").first.wait_for()
    page.go_back()
    page.wait_for_function("() => location.pathname.endsWith('/map')")
    page.go_back()
    page.wait_for_function("() => !location.pathname.endsWith('/map')")  # the page before the map
