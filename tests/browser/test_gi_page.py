"""The GI page in headless Chromium: the detail follows the table and the search, and the link restores both."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from bench._common import open_page, wait_idle
from ipaid import data

pytestmark = pytest.mark.browser


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def detail_box(page):
    """The GI select box of the detail (its input's value is the chosen option's label)."""
    return page.get_by_role("combobox", name=re.compile("选择一个地理标志|Choose a GI"))


def table_grid(page):
    return page.locator('[data-testid="stDataFrame"]').first


def search_for(page, text: str) -> None:
    box = page.get_by_label(re.compile("^搜索（"))  # not the tables' "搜索" (Search)
    box.fill(text)
    box.press("Enter")
    page.wait_for_timeout(300)
    wait_idle(page)


def test_selecting_a_row_shows_that_gi(page):
    open_page(page, "/gi")
    gis = data.load_gis()
    first, second = gis.iloc[0], gis.iloc[1]
    expect(detail_box(page)).to_have_value(re.compile(rf"\({first['gi_id']}\)"))
    grid = table_grid(page)
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 12, box["y"] + 35 + 35 + 17)  # the row marker of the 2nd data row
    expect(detail_box(page)).to_have_value(re.compile(rf"\({second['gi_id']}\)"))
    expect(page.get_by_role("heading", level=3, name=second["name_zh"])).to_be_visible()
    page.wait_for_url(re.compile(rf"detail={second['gi_id']}"))


def test_search_without_result_then_with_result_and_reload(page):
    open_page(page, "/gi")
    search_for(page, "zzzz")
    expect(page.get_by_role("heading", level=2, name=re.compile(r"^地理标志 \(0\)"))).to_be_visible()
    expect(detail_box(page)).to_have_value("")
    search_for(page, "桑植")
    expect(detail_box(page)).to_have_value(re.compile("桑植"))
    shown = re.search(r"\((GI\d+)\)", detail_box(page).input_value()).group(1)
    sangzhi = set(data.load_gis().query("name_zh.str.contains('桑植')")["gi_id"])
    assert shown in sangzhi
    page.wait_for_url(re.compile(r"[?&]q="))
    assert query(page)["q"] == ["桑植"]
    # pick another Sangzhi GI in the select box: it goes into the link too
    other = sorted(sangzhi - {shown})[0]
    detail_box(page).click()
    page.keyboard.type(other)  # the option list is virtualised: filter it to the one wanted
    page.get_by_role("option", name=re.compile(re.escape(f"({other})"))).click()
    page.wait_for_url(re.compile(rf"detail={other}"))
    link = page.url
    open_page(page, link)
    expect(page.get_by_label(re.compile("^搜索（"))).to_have_value("桑植")
    expect(detail_box(page)).to_have_value(re.compile(rf"\({other}\)"))
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_english_search_white_tea(page):
    open_page(page, "/gi?lang=en&q=white%20tea")
    expect(detail_box(page)).to_have_value(re.compile("Sangzhi white tea"))
    expect(page.get_by_role("heading", level=2, name=re.compile(r"^GIs \(\d+\)"))).to_be_visible()


def test_province_bar_pick_goes_into_the_link_and_back(page):
    open_page(page, "/gi")
    bar = page.locator('[data-testid="stVegaLiteChart"]').first.locator('g.mark-rect path[aria-label*="湖南省"]')
    bar.wait_for()
    in_hunan = int(re.search(r"(\d+)", bar.get_attribute("aria-label")).group(1))
    bar.click()
    heading = page.get_by_role("heading", level=2, name=re.compile(r"^地理标志 \("))
    expect(heading).to_have_text(f"地理标志 ({in_hunan}) · 湖南省")
    page.wait_for_url(re.compile(r"[?&]bar="))
    assert query(page)["bar"] == ["湖南省"]
    open_page(page, page.url)  # the shared link: the chart cannot show the pick, the table and a note do
    expect(heading).to_have_text(f"地理标志 ({in_hunan}) · 湖南省")
    page.get_by_role("button", name="显示全部省份").click()
    expect(page.get_by_role("heading", level=2, name=re.compile(r"^地理标志 \([\d,]+\)$"))).to_have_count(1)
    wait_idle(page)
    expect(heading).not_to_have_text(re.compile("湖南省"))
    page.wait_for_function("() => !location.search.includes('bar=')")
