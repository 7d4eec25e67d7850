"""The map's table of counties in headless Chromium: reached by the link after the map, drawn only when its
switch is turned on by keyboard; and the sidebar's GI search box narrows the GI filter's options."""

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from bench._common import open_page, wait_idle
from ipaid import data
from ipaid.i18n import FRAMEWORK, t

pytestmark = pytest.mark.browser


def test_the_link_after_the_map_leads_to_the_table_switch_and_the_keyboard_shows_the_table(new_page):
    page = new_page(width=1024, height=900)
    open_page(page, "/map?lang=en")
    poor = int(data.all_counties()["poverty"].sum())
    switch = page.get_by_role("switch", name=t("show_county_table", "en", n=f"{poor:,}"))
    expect(switch).not_to_be_checked()
    expect(page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').filter(has_text="Sangzhi")).to_have_count(
        0
    )
    link = page.get_by_role("link", name=t("map_table_link", "en"))
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("#counties-in-view"))
    expect(page.locator("#counties-in-view")).to_be_in_viewport()
    switch.focus()
    page.keyboard.press("Space")
    wait_idle(page)
    expect(switch).to_be_checked()
    table = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"] [aria-rowcount]').last
    expect(table).to_have_attribute("aria-rowcount", str(poor + 1))  # the header row and every poverty county


def test_the_gi_search_box_offers_only_its_matches(new_page):
    page = new_page(width=1024, height=900)
    open_page(page, "/patents")  # the sidebar is on every page: a light one (no map to draw)
    box = page.get_by_role("textbox", name=t("gi_find", "zh"))
    box.fill("桑植")
    box.press("Enter")
    # the run after Enter has drawn the count of matches (right after the key press, the page can still be idle)
    page.locator('[data-testid="stSidebar"]').get_by_text(re.compile("个地理标志符合")).wait_for()
    wait_idle(page)
    picker = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text=t("gi_name", "zh"))
    picker.click()
    page.keyboard.press("ArrowDown")  # open the list
    # Streamlit's own "Select all", in the page's language (`framework_words`)
    options = page.get_by_role("option").filter(has_not_text=re.compile("Select all|" + FRAMEWORK["Select all"]))
    expect(options.first).to_be_visible()
    assert all("桑植" in name for name in options.all_inner_texts()), options.all_inner_texts()
    for _ in range(3):  # a late rerun of the sidebar can close the list (CI: the option never came): open it again
        page.keyboard.press("Control+a")
        page.keyboard.press("Backspace")  # whatever a closed list kept typed
        page.keyboard.type("白茶")
        try:
            options.filter(has_text="桑植白茶").first.click(timeout=15_000)
            break
        except PlaywrightTimeout:
            wait_idle(page)
            picker.click()
    else:
        raise AssertionError("桑植白茶 was never offered")
    page.wait_for_url(re.compile(r"gi=GI\d+"))


@pytest.mark.parametrize("query", ["lang=en", "lang=en&text=large", "text=large"])
def test_the_drill_table_shows_every_column_at_1024px(new_page, query):
    """Hunan's prefectures: the place column is as wide as its longest name, and the other three stay in sight
    (with "Xiangxi Tujia Miao Autonomous Prefecture" in full, the last one scrolled out of the table)."""
    page = new_page(width=1024, height=900)
    open_page(page, f"/map?province=湖南省&{query}")
    scroller = page.locator('.st-key-drill_panel [data-testid="stDataFrame"] .dvn-scroller')
    scroller.scroll_into_view_if_needed()
    hidden = scroller.evaluate("s => s.scrollWidth - s.clientWidth")
    assert hidden <= 1, f"{hidden} px of the table's columns are out of sight"
