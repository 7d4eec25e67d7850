"""Sweep 10 in headless Chromium at 1024 px: the map's colouring control is one row in both languages."""

import pytest

from bench._common import open_page, wait_idle

pytestmark = pytest.mark.browser

MEASURE = ".st-key-measure button"
ROWS = f"""() => new Set([...document.querySelectorAll('{MEASURE}')]
    .map(b => Math.round(b.getBoundingClientRect().top))).size"""

SPARE = f"""() => document.querySelector('.st-key-measure').parentElement.getBoundingClientRect().width
    - [...document.querySelectorAll('{MEASURE}')].reduce((w, b) => w + b.getBoundingClientRect().width, 0)"""


@pytest.fixture(scope="module")
def page(module_new_page):
    return module_new_page(width=1024, height=768)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_map_colouring_control_is_one_row_at_1024_px(page, lang):
    """The five choices (four measures and the playback) ran onto a second row at 1024 px with the sidebar open,
    in both languages (674 and 683 px of buttons in a 564 px column)."""
    open_page(page, f"/map?lang={lang}")
    page.locator(MEASURE).first.wait_for()
    wait_idle(page)  # the whole page drawn: its scrollbar narrows the column
    # Measured once the page's own CSS is in effect (CI measured 7.5 px twice, the same figure with 12 px or 8 px of
    # padding: the page before its style element was drawn), in the page's font, not a fallback's.
    page.wait_for_function(f"() => getComputedStyle(document.querySelector('{MEASURE}')).paddingLeft === '8px'")
    page.evaluate("document.fonts.ready.then(() => true)")
    assert page.locator(MEASURE).count() == 5
    assert page.evaluate(ROWS) == 1
    spare = page.evaluate(SPARE)  # room left for a font that draws a little wider (12 px in English before)
    shown = page.evaluate(f"""() => [...document.querySelectorAll('{MEASURE}')].map(b => [b.innerText,
        b.getBoundingClientRect().width, getComputedStyle(b).fontFamily, getComputedStyle(b).paddingLeft])""")
    assert spare >= 24, (spare, shown)  # what each button measured, in which font, if it fails


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


CUT_TEXT = """() => [...document.querySelectorAll('[data-testid=stVegaLiteChart] svg text')]
    .map(e => e.textContent).filter(t => t.includes('…'))"""


def test_gi_chart_axis_labels_are_whole_at_1024_px(page):
    """The English chart of GIs by contiguous area cut two bar names with "…" ("Poverty county: area not loaded,
    or outsi…", "Yunnan-Guangxi-Guizhou Rocky Desertifi…")."""
    open_page(page, "/gi?lang=en")
    page.wait_for_function("() => document.querySelectorAll('[data-testid=stVegaLiteChart] .role-title').length >= 5")
    page.wait_for_timeout(1500)  # the last charts draw their axes
    assert page.evaluate(CUT_TEXT) == []
