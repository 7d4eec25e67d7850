"""Sweep 11 in headless Chromium: names screen readers read on the map and the Data page, in the page's language."""

import pytest
from playwright.sync_api import expect

from bench._common import Server, open_page, wait_idle
from ipaid import auth
from ipaid.i18n import t

pytestmark = pytest.mark.browser
SIDEBAR = '[data-testid="stSidebar"]'
MAP_FOCUS = '[data-testid="stDeckGlJsonChart"] .deck-events-root'


def test_the_maps_keyboard_stop_is_named_in_the_page_language(new_page):
    """Tab reached the map (deck.gl's event root, tabindex 0: the arrow keys move the map) with no name, so a
    screen reader said nothing there; it is now an application named in the page's language, also after a switch."""
    page = new_page(width=1024, height=768)
    open_page(page, "/map")
    focus = page.locator(MAP_FOCUS)
    expect(focus).to_have_attribute("role", "application")
    expect(focus).to_have_attribute("aria-label", t("map_aria", "zh"))
    before = page.url
    page.locator(SIDEBAR).get_by_role("radio", name="English", exact=True).click()
    page.wait_for_url(lambda url: url != before)
    wait_idle(page)
    expect(page.locator(MAP_FOCUS)).to_have_attribute("aria-label", t("map_aria", "en"))


AXIS_WORDS = """() => [...document.querySelectorAll('[data-testid=stVegaLiteChart] [aria-label]')]
    .map(e => e.getAttribute('aria-label')).filter(l => /^(X-axis|Y-axis|Legend|Axis)/.test(l))"""


def test_chart_axes_say_nothing_in_english_on_a_chinese_page(new_page):
    """Vega named each axis in English on Chinese pages ("X-axis titled '数量' for a linear scale with values from 0
    to 350"); the chart's description, in the page's language, is its name, and its bars keep their values."""
    page = new_page(width=1024, height=768)
    open_page(page, "/gi")
    page.wait_for_function("() => document.querySelectorAll('[data-testid=stVegaLiteChart] g.mark-rect path').length")
    page.wait_for_timeout(1000)  # the other charts draw
    assert page.evaluate(AXIS_WORDS) == []
    bars = page.locator('[data-testid="stVegaLiteChart"]').first.locator('g.mark-rect path[aria-label*="湖南省"]')
    expect(bars).to_have_count(1)


def test_a_fields_help_button_is_named_in_the_page_language(new_page):
    """The GI search box's help button read "Help for 搜索（中文、英文或拼音）" on the Chinese page."""
    page = new_page(width=1024, height=768)
    open_page(page, "/gi")
    help_button = page.locator(
        '[data-testid="stMain"] [data-testid="stTextInput"] [data-testid="stTooltipHoverTarget"] button'
    )
    expect(help_button).to_have_attribute("aria-label", f"“{t('search', 'zh')}”的说明")
    before = page.url
    page.locator(SIDEBAR).get_by_role("radio", name="English", exact=True).click()
    page.wait_for_url(lambda url: url != before)
    wait_idle(page)
    expect(help_button).to_have_attribute("aria-label", f"Help for {t('search', 'en')}")


def test_the_gi_table_download_is_named_after_the_search(new_page):
    """The GI table's CSV after a search for "white tea" (one row) was named gi-table-en.csv, as the whole table."""
    page = new_page(width=1024, height=768)
    open_page(page, "/gi?lang=en&q=white%20tea")
    popover = page.locator('[data-testid="stMain"] [data-testid="stPopover"]').last  # the table's, after the charts'
    popover.scroll_into_view_if_needed()
    popover.locator("button").first.click()
    with page.expect_download() as download:
        page.locator('[data-testid="stPopoverBody"]').last.get_by_role("button", name="CSV data").click()
    assert download.value.suggested_filename == "gi-table-white_tea-en.csv"


@pytest.fixture(scope="module")
def steward_server(tmp_path_factory):
    """An app server whose secrets hold a local steward account (the Data page then draws its sign-in form)."""
    secrets = tmp_path_factory.mktemp("sweep11") / "secrets.toml"
    secrets.write_text(f'[ipaid.stewards]\nalice = "{auth.hash_password("a long test password")}"\n')
    with Server(env={"STREAMLIT_SECRETS_FILES": str(secrets)}) as srv:
        yield srv


def test_the_password_eye_is_named_in_chinese_on_the_chinese_data_page(new_page, steward_server):
    """The sign-in form's show-password button read "Show password" to screen readers on the Chinese page."""
    page = new_page(base_url=steward_server.url, width=1024, height=768)
    open_page(page, "/data")
    page.locator('[data-testid="stExpander"] summary').filter(has_text=t("steward_sign_in", "zh")).click()
    eye = page.locator('[data-testid="stForm"] button[aria-pressed]')
    expect(eye).to_have_attribute("aria-label", "显示密码")
    eye.click()
    expect(eye).to_have_attribute("aria-label", "隐藏密码")


# How far each static table reaches past its block (it scrolls in an inner wrapper: the block's scroll width stays 0).
TABLE_OVERFLOW = """() => [...document.querySelectorAll('[data-testid=stTable]')]
    .map(t => Math.max(0, Math.ceil(
      t.querySelector('table').getBoundingClientRect().right - t.getBoundingClientRect().right)))"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_data_pages_gi_coverage_and_current_version_are_in_sight_at_1024_px(new_page, lang):
    """At 1024 px the datasets table hid its coverage and current-version columns, the GI coverage table 'Not
    placed', the counted/official column and the sources behind a sideways scroll (51 px in Chinese, 275 px in
    English), and each Versions table its 'Current' column."""
    page = new_page(width=1024, height=900)
    open_page(page, f"/data?lang={lang}")
    page.locator("[data-testid=stTable]").first.wait_for()
    page.wait_for_timeout(1000)
    assert page.evaluate(TABLE_OVERFLOW)[:2] == [0, 0]  # the datasets, then the GIs by type
    # The Versions tables (static tables since review 13): tests/browser/test_versions_table.py


LAST_GRID_OVERFLOW = """() => {
  const s = [...document.querySelectorAll('[data-testid=stDataFrame] .dvn-scroller')].at(-1);
  return s.scrollWidth - s.clientWidth;
}"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_gis_county_table_shows_all_its_columns_at_1024_px(new_page, lang):
    """The GI detail's county table sat in the map's column: at 1024 px its area and exit year were out of sight."""
    page = new_page(width=1024, height=900)
    open_page(page, f"/gi?lang={lang}&detail=GI0533")
    page.get_by_text(t("exit_year", lang)).first.wait_for(state="attached")
    page.wait_for_timeout(1000)  # the grid sizes its columns after the first paint
    assert page.evaluate(LAST_GRID_OVERFLOW) <= 0
