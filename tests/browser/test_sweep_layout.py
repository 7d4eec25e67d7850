"""At 1024 px (the sidebar open) the GI page's charts are whole: two charts side by side stack, so that no
title or source line is cut short with "…"; on a wide screen they stay side by side."""

import pytest

from bench._common import open_page

pytestmark = pytest.mark.browser

TITLES = """() => [...document.querySelectorAll('[data-testid=stVegaLiteChart] .role-title text')]
    .map(e => e.textContent)"""
PAIR = """() => [...document.querySelectorAll('[class*="st-key-chart_pair_"] [data-testid=stColumn]')]
    .map(e => Math.round(e.getBoundingClientRect().left))"""


@pytest.fixture(scope="module")
def gi_page(module_new_page):
    page = module_new_page(width=1024, height=900)
    open_page(page, "/gi?lang=en")
    page.locator("[data-testid=stVegaLiteChart] .role-title text").first.wait_for()
    return page


def test_chart_titles_are_not_cut_at_1024_px(gi_page):
    gi_page.wait_for_function(f"() => ({TITLES})().length >= 10")  # five charts: title and subtitle lines
    cut = [text for text in gi_page.evaluate(TITLES) if "…" in text]  # Vega cuts a line to its width with "…"
    assert not cut, cut
    lefts = gi_page.evaluate(PAIR)
    assert len(lefts) == 4 and len(set(lefts)) == 1, lefts  # the pairs' columns stack


def test_charts_stay_side_by_side_on_a_wide_screen(gi_page):
    gi_page.set_viewport_size({"width": 1600, "height": 900})
    gi_page.wait_for_function(f"() => new Set(({PAIR})()).size == 2")


def test_designated_timeline_title_is_not_cut_at_1024_px(gi_page):
    gi_page.set_viewport_size({"width": 1024, "height": 900})
    open_page(gi_page, "/designated")
    gi_page.locator("[data-testid=stVegaLiteChart] .role-title text").first.wait_for()
    cut = [text for text in gi_page.evaluate(TITLES) if "…" in text]  # Vega cuts a line to its width with "…"
    assert not cut, cut


def test_evidence_type_chips_are_whole_at_1024_px(gi_page):
    """The GI types counted (three chips) are all readable at 1024 px in Chinese (in a narrow column one chip
    showed, cut with "…")."""
    gi_page.set_viewport_size({"width": 1024, "height": 900})
    open_page(gi_page, "/evidence?lang=zh")
    chips = gi_page.locator('.react-aria-ComboBox [data-testid="stMultiSelectTagsContainer"] [data-tag]')
    chips.first.wait_for()
    whole = chips.evaluate_all("""tags => tags.map(tag => {
        const text = tag.querySelector('span[title]');
        const box = tag.getBoundingClientRect();
        const field = tag.closest('[data-testid=stMultiSelect]').getBoundingClientRect();
        return [text.scrollWidth <= text.clientWidth, box.right <= field.right + 1];
    })""")
    assert len(whole) >= 3 and all(all(w) for w in whole), whole
