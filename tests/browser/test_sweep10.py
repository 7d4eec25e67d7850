"""Sweep 10 in headless Chromium at 1024 px: the map's colouring control is one row in both languages."""

import pytest

from bench._common import open_page

pytestmark = pytest.mark.browser

MEASURE = ".st-key-measure button"
ROWS = f"""() => new Set([...document.querySelectorAll('{MEASURE}')]
    .map(b => Math.round(b.getBoundingClientRect().top))).size"""


@pytest.fixture(scope="module")
def page(module_new_page):
    return module_new_page(width=1024, height=768)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_map_colouring_control_is_one_row_at_1024_px(page, lang):
    """The five choices (four measures and the playback) ran onto a second row at 1024 px with the sidebar open,
    in both languages (674 and 683 px of buttons in a 564 px column)."""
    open_page(page, f"/map?lang={lang}")
    page.locator(MEASURE).first.wait_for()
    assert page.locator(MEASURE).count() == 5
    assert page.evaluate(ROWS) == 1


GRID_OVERFLOW = """() => [...document.querySelectorAll('[data-testid=stDataFrame] .dvn-scroller')]
    .map(s => s.scrollWidth - s.clientWidth)"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_area_list_shows_all_its_columns_at_1024_px(page, lang):
    """The profiles page's list of the 14 areas hid its "Loaded" column behind a horizontal scroll in English
    (each name in both languages: 591 px of columns in a 562 px table)."""
    open_page(page, f"/profiles?lang={lang}")
    page.locator("[data-testid=stDataFrame] .dvn-scroller").first.wait_for()
    page.wait_for_timeout(1000)  # the grid sizes its columns after the first paint
    assert page.evaluate(GRID_OVERFLOW) == [0]
