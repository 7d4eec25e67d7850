"""The map page's view controls in headless Chromium: the mouse wheel over the map scrolls the page (no
scroll trap), the zoom buttons zoom, and "reset view" brings back the initial view after zooming and panning."""

import time

import pytest

from bench._common import DECK, image_difference, open_page, wait_map_drawn
from ipaid.i18n import t

pytestmark = pytest.mark.browser

# Streamlit scrolls inside its main block, not the window: count both.
SCROLLED = """() => Math.max(window.scrollY, ...[...document.querySelectorAll(
    '[data-testid=stMain], [data-testid=stAppViewContainer]')].map(e => e.scrollTop))"""


@pytest.fixture
def small_page(browser, server):
    context = browser.new_context(viewport={"width": 1024, "height": 700}, base_url=server.url)
    context.set_default_timeout(90_000)
    yield context.new_page()
    context.close()


def canvas_shot(page) -> bytes:
    return page.locator(DECK).filter(visible=True).first.screenshot(animations="disabled")


def settled(page, timeout: float = 30.0) -> bytes:
    """The map once it stops changing (the label atlas arrives after the first frame)."""
    deadline, shot = time.perf_counter() + timeout, canvas_shot(page)
    while time.perf_counter() < deadline:
        time.sleep(0.5)
        shot, last = canvas_shot(page), shot
        if image_difference(shot, last) < 0.002:
            break
    return shot


def wait_until_like(page, target: bytes, timeout: float = 60.0) -> float:
    """Poll the map until it looks like `target` again; returns the last difference."""
    deadline, diff = time.perf_counter() + timeout, 1.0
    while time.perf_counter() < deadline:
        diff = image_difference(canvas_shot(page), target)
        if diff < 0.01:
            break
        time.sleep(0.3)
    return diff


def test_the_wheel_scrolls_the_page_and_reset_restores_the_view(small_page):
    page = small_page
    open_page(page, "/map?lang=en&province=湖南省")
    wait_map_drawn(page, min_fraction=0.05)
    canvas = page.locator(DECK).filter(visible=True).first
    canvas.scroll_into_view_if_needed()
    initial = settled(page)
    box = canvas.bounding_box()
    page.wait_for_timeout(500)
    before = page.evaluate(SCROLLED)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 200))
    page.mouse.wheel(0, 300)
    page.wait_for_timeout(1500)
    assert page.evaluate(SCROLLED) > before + 100  # the page scrolled
    page.mouse.move(2, 2)  # no hover highlight or tooltip in the comparison
    page.wait_for_timeout(500)
    assert image_difference(canvas_shot(page), initial) < 0.01  # and the map did not zoom

    page.get_by_role("button", name=t("zoom_in", "en")).click()
    zoomed = wait_map_drawn(page, min_fraction=0.05, unlike=initial)
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + 200, box["y"] + 150)  # drag: pan the zoomed map
    page.mouse.down()
    page.mouse.move(box["x"] + 320, box["y"] + 230, steps=8)
    page.mouse.up()
    wait_map_drawn(page, min_fraction=0.05, unlike=zoomed)

    page.get_by_role("button", name=t("reset_view", "en")).click()
    page.mouse.move(2, 2)
    assert wait_until_like(page, initial) < 0.01
