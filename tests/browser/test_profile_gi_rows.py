"""A county profile's GI table opens the GI page: a picked row shows that GI in the detail, with the page's
language and filters, or without the filters where they would hide that GI."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from bench._common import open_page, wait_idle
from ipaid.gi_rows_link import link_params
from ipaid.profiles import cached_county_profile

pytestmark = pytest.mark.browser
SANGZHI = "430822"


def pick_row(page, n: int) -> None:
    """Tick the row marker of the n-th data row (0-based) of the county's GI table."""
    grid = page.locator('.st-key-county_gis [data-testid="stDataFrame"]')
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 12, box["y"] + 35 + 35 * n + 17)


@pytest.mark.parametrize(
    ("query", "row", "kept"),
    [
        ("lang=en&province=湖南省", 0, {"lang": ["en"], "province": ["湖南省"]}),
        ("category=tea", 1, {}),  # the tea filter would hide the salamander: it is left out
    ],
)
def test_a_picked_gi_row_opens_that_gi_on_the_gi_page(page, query, row, kept):
    gis = cached_county_profile(SANGZHI)["gis"]
    gi = gis.iloc[row]
    open_page(page, f"/profiles?county={SANGZHI}&{query}")
    pick_row(page, row)
    page.wait_for_url(re.compile(r"/gi\?"))
    wait_idle(page)
    params = parse_qs(urlsplit(page.url).query)
    assert params.pop("detail", None) in ([gi["gi_id"]], None)  # left out when it is the table's first GI
    assert params == kept
    detail = page.get_by_role("combobox", name=re.compile("选择一个地理标志|Choose a GI"))
    expect(detail).to_have_value(re.compile(rf"\({gi['gi_id']}\)"))
    expect(page.get_by_role("heading", level=3, name=re.compile(re.escape(gi["name_zh"])))).to_be_visible()


def test_link_keeps_the_language_and_the_filters_that_show_the_gi():
    here = {"lang": ["en"], "province": ["湖南省"], "category": ["tea"], "county": [SANGZHI], "measure": ["gi"]}
    assert link_params("GI0001", here, {"GI0001"}) == {
        "lang": ["en"],
        "province": ["湖南省"],
        "category": ["tea"],
        "measure": ["gi"],
        "detail": ["GI0001"],
    }
    assert link_params("GI0003", here, {"GI0001"}) == {"lang": ["en"], "measure": ["gi"], "detail": ["GI0003"]}
