"""The map's drill-down in headless Chromium: click 湖南省 on the map, then 张家界市 (its row in the panel's table:
in headless Chromium's software WebGL a click on the province level's detailed county layer never reached
Streamlit, while national-level clicks did), see 桑植县 in the panel, go back to 全国 by the breadcrumb; the
national county file is fetched once, whatever the level."""

import math

import pytest
import shapely

from bench._common import DECK, open_page, wait_idle, wait_map_drawn
from ipaid import geometry, hierarchy, maps
from ipaid.filters import Filters

pytestmark = pytest.mark.browser


def screen_point(box: dict, view, lon: float, lat: float) -> tuple[float, float]:
    """Where (lon, lat) is on the canvas `box` showing `view` (deck.gl: the world is 512 px wide at zoom 0)."""
    scale = 512 * 2**view.zoom

    def world(lo, la):
        return (lo + 180) / 360 * scale, (1 - maps.merc(la) / math.pi) / 2 * scale

    x, y = world(lon, lat)
    x0, y0 = world(view.longitude, view.latitude)
    return box["x"] + box["width"] / 2 + x - x0, box["y"] + box["height"] / 2 + y - y0


def click_county(page, f: Filters, adcode: str, until: str) -> None:
    """Click inside a county on the map as drawn for the filters `f` until the URL's query has `until` (software
    WebGL may still be busy with the first click)."""
    counties = geometry.load_layer("counties", "national").set_index("adcode")
    point = shapely.point_on_surface(counties.at[adcode, "geometry"])
    view = maps.initial_view(None if f.is_empty else maps.selected_counties(f))
    canvas = page.locator(DECK).filter(visible=True).first
    canvas.scroll_into_view_if_needed()
    x, y = screen_point(canvas.bounding_box(), view, point.x, point.y)
    for _ in range(3):
        page.mouse.click(x, y)
        try:
            page.wait_for_function(f"() => decodeURIComponent(location.search).includes({until!r})", timeout=20_000)
            break
        except Exception:
            continue
    wait_idle(page)


def test_click_province_then_prefecture_then_breadcrumb_back(page, requests_seen):
    requests_seen.clear()
    open_page(page, "/map")
    wait_map_drawn(page)
    click_county(page, Filters(), "430822", "province=湖南省")  # 桑植县, in 湖南省
    assert "prefecture=" not in page.url
    path = page.locator(".st-key-drill_path")
    assert "湖南省" in path.inner_text()
    wait_map_drawn(page, min_fraction=0.05)

    table = page.locator(".st-key-drill_panel [data-testid=stDataFrame]")
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    row = hierarchy.prefectures("湖南省").index("张家界市")
    page.mouse.click(box["x"] + 12, box["y"] + 35 + 35 * row + 17)  # the row's marker
    page.wait_for_function("() => decodeURIComponent(location.search).includes('prefecture=张家界市')")
    wait_idle(page)
    assert "张家界市" in path.inner_text()
    panel = page.locator(".st-key-drill_panel")
    panel.get_by_text("张家界市下辖").wait_for()
    assert "桑植县" in panel.inner_text()

    path.get_by_role("button", name="全国").click()
    wait_idle(page)
    page.wait_for_function("() => !location.search.includes('province=')")
    assert path.inner_text().strip() == "全国"
    national = [u for u in requests_seen if u.endswith("/counties.json")]
    assert len(national) == 1, national  # the national county file was not fetched again
