"""Streamlit's own words on a Chinese page are Chinese, and English again after a switch (`ipaid.framework_words`):
a filter's "No results" and the table toolbar's labels, which screen readers read and tooltips show."""

import re

import pytest
from playwright.sync_api import expect

from bench._common import open_page, wait_idle
from ipaid.i18n import FRAMEWORK, t

pytestmark = pytest.mark.browser
SIDEBAR = '[data-testid="stSidebar"]'
TOOLBAR = ("Search", "Download as CSV", "Show/hide columns")


def no_match_text(page, lang: str) -> str:
    """Type a name no area has into the area filter; the list's text."""
    box = page.locator(f'{SIDEBAR} [data-testid="stMultiSelect"]').filter(has_text=t("areas", lang))
    field = box.locator("input")
    field.click()
    field.press_sequentially("qqq")
    listing = page.locator('[role="listbox"], [data-baseweb="popover"]').last
    expect(listing).to_contain_text(re.compile(FRAMEWORK["No results"] if lang == "zh" else "No results"))
    text = listing.inner_text()
    field.fill("")
    page.locator("h1").first.click()  # closes the list: while it is open, the rest of the page is hidden from roles
    expect(page.locator('[role="listbox"]')).to_have_count(0)
    return text


def toolbar_labels(page) -> list[str]:
    table = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').first
    table.scroll_into_view_if_needed()
    table.hover()
    return [b.get_attribute("aria-label") for b in page.locator('[data-testid="stElementToolbar"] button').all()]


def test_streamlits_own_words_follow_the_page_language(new_page):
    page = new_page(width=1024, height=900)
    open_page(page, "/map?province=湖南省")
    assert "No results" not in no_match_text(page, "zh")
    labels = toolbar_labels(page)
    assert {FRAMEWORK[w] for w in TOOLBAR} <= set(labels) and not set(TOOLBAR) & set(labels), labels
    expect(page.locator(SIDEBAR).get_by_role("button", name="移除湖南省")).to_have_count(1)  # the chosen province's

    before = page.url
    page.locator(SIDEBAR).get_by_role("radio", name="English", exact=True).click()
    page.wait_for_url(lambda url: url != before)
    wait_idle(page)
    expect(page.locator("h1").first).to_have_text(t("page_map", "en"))
    labels = toolbar_labels(page)
    assert set(TOOLBAR) <= set(labels) and not {FRAMEWORK[w] for w in TOOLBAR} & set(labels), labels
    assert FRAMEWORK["No results"] not in no_match_text(page, "en")
    expect(page.locator(SIDEBAR).get_by_role("button", name="Remove Hunan")).to_have_count(1)
