"""Sweep 13, a judge's paths across pages in headless Chromium."""

from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

from bench._common import open_page, wait_idle
from ipaid.i18n import t

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_back_past_a_gi_search_shows_the_page_again(page, lang):
    """A search typed on the GI page, then Back to the page before it: Back restored the search box as None and
    the page stopped with "This app has encountered an error" (AttributeError: 'NoneType' object has no attribute
    'strip')."""
    open_page(page, f"/gi?province=湖南省&lang={lang}")
    box = page.locator('[data-testid="stMain"] [data-testid="stTextInputField"]').first
    box.fill("Sangzhi")
    box.press("Enter")
    page.wait_for_function("() => location.search.includes('q=Sangzhi')")
    wait_idle(page)
    page.go_back()
    page.wait_for_function("() => !location.search.includes('q=')")
    wait_idle(page)
    page.wait_for_timeout(500)
    assert page.locator('[data-testid="stException"]').count() == 0
    expect(page.get_by_role("heading", name=t("gi_detail", lang))).to_have_count(1)
    assert "province=湖南省" in unquote(page.url)
    expect(box).to_have_value("")
