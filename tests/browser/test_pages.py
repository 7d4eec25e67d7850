"""The dashboard in headless Chromium: every page renders, the map draws and follows the filters,
chart clicks filter tables, links restore a view, and nothing is fetched from outside this machine."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from bench._common import PAGES, ROOT, VEGA, full_page_screenshot, image_difference, is_local, open_page, wait_map_drawn
from ipaid.i18n import t

SCREENSHOTS = ROOT / "screenshots"  # git-ignored

pytestmark = pytest.mark.browser


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def no_exception(page) -> None:
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def sidebar_pick(page, label: str, typed: str) -> None:
    """Choose the first option matching `typed` in the sidebar multiselect labelled `label`."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text=label)
    box.click()
    page.keyboard.type(typed)
    page.get_by_role("option", name=re.compile(typed)).first.wait_for()  # the list is filtered before Enter
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")


def heading_count(page, pattern: str) -> int:
    """The (N) count in the h2 whose text starts with `pattern`."""
    head = page.get_by_role("heading", level=2, name=re.compile(f"^{pattern} \\([\\d,]+\\)"))
    return int(re.search(r"\(([\d,]+)\)", head.inner_text()).group(1).replace(",", ""))  # "3,624" grouped


@pytest.mark.parametrize("path", PAGES)
def test_page_renders(page, path):
    open_page(page, f"/{path}")
    no_exception(page)
    expect(page.locator("h1").first).not_to_be_empty()
    if page.locator('[data-testid="stVegaLiteChart"]').count():
        page.locator(VEGA).first.wait_for()
    full_page_screenshot(page, SCREENSHOTS / f"{path or 'overview'}.png")


def test_map_draws_and_follows_province_filter(page):
    open_page(page, "/map")
    before = wait_map_drawn(page)
    national = heading_count(page, "视图内的贫困县")

    sidebar_pick(page, "省份", "湖南")
    page.wait_for_url(re.compile(r"[?&]province="))
    assert query(page)["province"] == ["湖南省"]
    expect(page.get_by_role("heading", level=2, name=re.compile(r"^视图内的贫困县 \(\d+\)"))).not_to_have_text(
        f"视图内的贫困县 ({national})"
    )
    assert 0 < heading_count(page, "视图内的贫困县") < national
    after = wait_map_drawn(page, unlike=before)
    assert image_difference(before, after) > 0.02
    no_exception(page)


def test_gi_chart_click_filters_table(page):
    open_page(page, "/gi")
    total = heading_count(page, "地理标志")
    bar = page.locator('[data-testid="stVegaLiteChart"]').first.locator('g.mark-rect path[aria-label*="湖南省"]')
    bar.wait_for()
    in_hunan = int(re.search(r"(\d+)", bar.get_attribute("aria-label")).group(1))  # "数量: 36; label: 湖南省; …"
    bar.click()
    expect(page.get_by_role("heading", level=2, name=re.compile(r"^地理标志 \("))).to_have_text(
        f"地理标志 ({in_hunan}) · 湖南省"
    )
    assert in_hunan < total
    no_exception(page)


def test_gi_category_filter_updates_url_and_count(page):
    open_page(page, "/gi")
    total = heading_count(page, "地理标志")
    sidebar_pick(page, "产品类别", "茶叶")
    page.wait_for_url(re.compile(r"[?&]category=tea"))
    expect(page.get_by_role("heading", level=2, name=re.compile(r"^地理标志 \([\d,]+\)"))).not_to_have_text(
        f"地理标志 ({total:,})"
    )
    assert 0 < heading_count(page, "地理标志") < total
    no_exception(page)


def test_link_restores_language_and_filters(page):
    open_page(page, "/map?lang=en&province=湖南省&measure=exit")
    expect(page.locator("h1").first).to_have_text("Map")
    expect(page.get_by_text("Filters:").first).to_contain_text("Hunan")
    expect(page.get_by_role("heading", level=2, name=re.compile(r"^Poverty counties in view \(\d+\)"))).to_be_visible()
    expect(page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first).to_contain_text("Hunan")
    expect(page.get_by_role("list", name=t("m_exit", "en"))).to_be_visible()  # the map legend
    params = query(page)
    assert params.get("lang") == ["en"] and params.get("province") == ["湖南省"] and params.get("measure") == ["exit"]
    no_exception(page)


def test_bad_query_parameter_warns(page):
    open_page(page, "/map?province=火星省")
    expect(page.locator('[data-testid="stAlert"]').filter(has_text="火星省")).to_be_visible()
    expect(page.locator("h1").first).to_have_text("地图")
    no_exception(page)


def test_no_external_requests(page, requests_seen):
    """Across every page visit of this session (this test visits them all again), only the local server is asked."""
    for path in PAGES:
        open_page(page, f"/{path}")
        if path == "map":
            wait_map_drawn(page)
    page.wait_for_timeout(1000)
    outside = sorted({url for url in requests_seen if not is_local(url)})
    assert requests_seen and not outside, f"requests left the local server: {outside[:20]}"
