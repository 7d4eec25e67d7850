"""Exit-year playback in headless Chromium: Play steps the years to the last and stops, the map recolours without
fetching a boundary file again, and the link ends at the last year shown."""

import time

import pytest
from playwright.sync_api import expect

from bench._common import open_page, wait_idle, wait_map_drawn
from ipaid.filters import Filters
from ipaid.playback import YEARS, count_text, year_counts

pytestmark = pytest.mark.browser


def test_play_steps_to_the_last_year_and_recolours_without_refetching(page):
    counts = year_counts(Filters())
    open_page(page, f"/map?measure=playback&year={YEARS[-2]}&lang=en")
    before = wait_map_drawn(page)
    page.get_by_text(count_text(counts, YEARS[-2], "en")).wait_for()
    boundaries = []
    page.on("request", lambda r: boundaries.append(r.url) if "/geo/" in r.url else None)
    button = page.locator(".st-key-play_button button").first
    button.click()
    page.get_by_text(count_text(counts, YEARS[-1], "en")).wait_for(timeout=60_000)
    wait_map_drawn(page, unlike=before)  # recoloured
    expect(button).to_have_accessible_name("Play", timeout=60_000)  # stopped by itself after the last year
    wait_idle(page)
    time.sleep(1)
    assert f"year={YEARS[-1]}" in page.url
    assert boundaries == []
