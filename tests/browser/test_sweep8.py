"""Sweep 8 in headless Chromium at 1024 px: large-text metric labels are whole."""

import pytest

from bench._common import open_page

pytestmark = pytest.mark.browser

CUT = """() => [...document.querySelectorAll('[data-testid=stMetricLabel] *')]
    .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"""


@pytest.fixture(scope="module")
def page(module_new_page):
    return module_new_page(width=1024, height=900)


def test_metric_labels_are_not_cut_with_large_text(page):
    """The designated page's "定点扶贫始于" card read "定点扶贫…" with large text at 1024 px."""
    open_page(page, "/designated?text=large")
    page.locator("[data-testid=stMetricLabel]").first.wait_for()
    assert page.locator("[data-testid=stMetricLabel]").count() >= 2
    assert page.evaluate(CUT) == []
