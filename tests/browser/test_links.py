"""Links in headless Chromium: the share link opens what is on screen, every page answers at its own URL
(also as a server's very first request), and Back steps through the views without swallowing a press."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from bench._common import ROOT, Server, full_page_screenshot, open_page, wait_idle
from ipaid.i18n import t

pytestmark = pytest.mark.browser
SHOTS = ROOT / "screenshots"  # git-ignored
SIDEBAR = '[data-testid="stSidebar"]'


def view(url: str) -> tuple[str, dict[str, list[str]]]:
    """A URL as (path, parameters), the form two links showing the same view share."""
    parts = urlsplit(url)
    return parts.path.rstrip("/") or "/", parse_qs(parts.query)


def pick(page, label: str, typed: str) -> None:
    """Choose the first option matching `typed` in the sidebar multiselect labelled `label`; wait for the rerun."""
    before = page.url
    box = page.locator(f'{SIDEBAR} [data-testid="stMultiSelect"]').filter(has_text=label)
    box.click()
    page.keyboard.type(typed)
    page.get_by_role("option", name=re.compile(typed)).first.wait_for()
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_url(lambda url: url != before)
    wait_idle(page)


def choose_measure(page, name: str) -> None:
    before = page.url
    page.get_by_role("radio", name=name, exact=True).click()
    page.wait_for_url(lambda url: url != before)
    wait_idle(page)


def share_text(page) -> str:
    code = page.locator(f'{SIDEBAR} [data-testid="stCode"] code').last
    if not code.is_visible():
        page.locator(f'{SIDEBAR} [data-testid="stExpander"] summary').last.click()
    code.wait_for()
    return code.text_content().strip()


def tags(page, label: str):
    """The chosen values shown in the sidebar multiselect labelled `label`."""
    box = page.locator(f'{SIDEBAR} [data-testid="stMultiSelect"]').filter(has_text=label)
    return box.locator(".react-aria-ComboBox [data-tag] span[title]")


def chips(page, label: str) -> list[str]:
    return [t.strip() for t in tags(page, label).all_inner_texts()]


def go(page, move) -> None:
    """Back or Forward (`move`), then wait until the run for the new URL has ended: its last element, the share
    link, names that URL. The URL changes at once, and the script state alone does not tell: while the page draws
    the map, a quick run's "running" and "not running" reach the page together."""
    before = page.url
    move()
    page.wait_for_url(lambda url: url != before)
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid=stSidebar] [data-testid=stCode] code')]
                   .some((code) => code.textContent.trim() === location.href)""",
        timeout=60_000,
    )


def measure_shown(page) -> str:
    return page.locator('[data-testid="stMain"] [role="radiogroup"] [aria-checked="true"]').first.inner_text().strip()


def test_share_link_opens_exactly_what_is_on_screen(page, browser, server):
    open_page(page, "/map?lang=en")
    choose_measure(page, t("m_exit", "en"))
    assert share_text(page) == page.url  # drawn after the page ran, so it has the new measure
    pick(page, "Provinces", "Hunan")
    link = share_text(page)
    assert link == page.url
    assert view(link) == ("/map", {"lang": ["en"], "measure": ["exit"], "province": ["湖南省"]})

    fresh = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    try:
        open_page(fresh, link)
        expect(fresh.locator("h1").first).to_have_text("Map")
        expect(tags(fresh, "Provinces")).to_have_text(["Hunan"])
        assert measure_shown(fresh) == measure_shown(page) == t("m_exit", "en")
        assert view(fresh.url) == view(link) and share_text(fresh) == fresh.url
    finally:
        fresh.context.close()


def test_share_box_at_1024px_copy_button_leaves_the_link_readable(page):
    page.set_viewport_size({"width": 1024, "height": 800})
    open_page(page, "/map?lang=en&province=湖南省&province=河北省&area=wuling&category=tea&measure=exit")
    link = share_text(page)
    code = page.locator(f'{SIDEBAR} [data-testid="stCode"]').last
    button = code.locator("button").first
    for _ in range(20):  # the copy button shows on hover; a late redraw of the box can drop the hover
        code.hover()
        if button.is_visible():
            break
        page.wait_for_timeout(250)
    expect(button).to_be_visible()
    text_box = code.locator("code").bounding_box()
    button_box = button.bounding_box()
    text_right = text_box["x"] + text_box["width"]
    overlaps_vertically = (
        button_box["y"] < text_box["y"] + text_box["height"] and text_box["y"] < button_box["y"] + button_box["height"]
    )
    assert not overlaps_vertically or button_box["x"] >= text_right, (text_box, button_box)
    assert link.endswith("measure=exit") or "measure=exit" in link
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(SIDEBAR).screenshot(path=str(SHOTS / "share_box_1024_en.png"))


def test_back_restores_each_previous_view(page):
    open_page(page, "/map?lang=en")
    start = page.url
    pick(page, "Provinces", "Hunan")
    one = page.url
    pick(page, "Product category", "Tea")
    assert view(page.url)[1].get("category") == ["tea"]

    go(page, page.go_back)
    assert page.url == one  # not written back over by the old view
    expect(tags(page, "Product category")).to_have_count(0)
    assert chips(page, "Provinces") == ["Hunan"]

    go(page, page.go_back)
    expect(tags(page, "Provinces")).to_have_count(0)
    assert page.url == start and page.locator("h1").first.inner_text() == "Map"

    go(page, page.go_forward)
    assert page.url == one
    expect(tags(page, "Provinces")).to_have_count(1)


def test_page_change_is_one_history_entry_and_back_returns(page):
    open_page(page, "/map?lang=en&measure=gi")
    pick(page, "Provinces", "Hunan")
    on_map, entries = page.url, page.evaluate("history.length")
    page.locator(f'{SIDEBAR} [data-testid="stPageLink-NavLink"]').filter(has_text="Projects").click()
    page.wait_for_url(re.compile(r"/projects\?"))
    wait_idle(page)
    assert view(page.url) == ("/projects", {"lang": ["en"], "province": ["湖南省"]})
    assert page.evaluate("history.length") == entries + 1
    go(page, page.go_back)
    assert page.url == on_map
    expect(page.locator("h1").first).to_have_text("Map")
    assert measure_shown(page) == t("m_gi", "en") and chips(page, "Provinces") == ["Hunan"]


def test_first_request_after_a_restart_and_every_page_url(browser):
    """A fresh server's first request is a page URL: it opens that page with the sidebar in English."""
    with Server() as fresh_server:
        context = browser.new_context(viewport={"width": 1024, "height": 900}, base_url=fresh_server.url)
        page = context.new_page()
        try:
            open_page(page, "/map?lang=en")
            expect(page.locator("h1").first).to_have_text("Map")
            sidebar = page.locator(SIDEBAR)
            expect(sidebar.get_by_text("Filters", exact=True)).to_be_visible()
            expect(sidebar.locator('[data-testid="stPageLink-NavLink"]').filter(has_text="Overview")).to_be_visible()
            expect(sidebar.locator('[data-testid="stSidebarNav"]')).to_have_count(0)  # no bare legacy menu
            for path, lang, title in (
                ("/overview", "en", "IP Aid"),
                ("/overview", "zh", "知识产权"),
                ("/", "en", "IP Aid"),
            ):
                open_page(page, f"{path}?lang={lang}")
                expect(page.locator("h1").first).to_contain_text(title)
                expect(page.get_by_text("Page not found")).to_have_count(0)
                assert view(page.url)[0] == path
                SHOTS.mkdir(parents=True, exist_ok=True)
                if path == "/overview":
                    full_page_screenshot(page, SHOTS / f"overview_1024_{lang}.png")
        finally:
            context.close()
