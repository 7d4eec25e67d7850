"""Keyboard alone (Tab, Enter, typing): from the home page to Sangzhi's profile (430822), chosen without the map, and
its brief downloaded."""

import pytest
from playwright.sync_api import expect

from bench._common import open_page, wait_idle
from ipaid.i18n import t

pytestmark = pytest.mark.browser


def tab_to(page, selector: str, text: str = "", most: int = 80) -> None:
    """Press Tab until the focused element matches the CSS `selector` and holds `text` (at most `most` presses),
    once such an element is on the page (a first run may still be drawing it)."""
    page.locator(selector).filter(has_text=text).first.wait_for(timeout=60_000)
    check = "([s, text]) => !!document.activeElement?.matches(s) && document.activeElement.innerText.includes(text)"
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate(check, [selector, text]):
            return
    raise AssertionError(f"{selector} {text!r} not reached in {most} Tab presses")


def test_keyboard_only_from_home_to_sangzhis_brief(new_page):
    page = new_page(width=1024, height=900)
    open_page(page, "/")
    tab_to(page, '[data-testid="stPageLink-NavLink"]:is([href$="profiles"], [href*="profiles?"])')  # the page menu
    page.keyboard.press("Enter")
    page.wait_for_url("**/profiles**")
    wait_idle(page)
    tab_to(page, '[data-testid="stSelectbox"] input')  # the county search box
    page.keyboard.type("430822")
    expect(page.get_by_role("option", name="430822")).to_have_count(1)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=2, name="桑植县")).to_be_visible()
    page.wait_for_url("**county=430822**")
    wait_idle(page)
    label = t("brief_download", "zh")
    page.get_by_role("button", name=label).wait_for(timeout=30_000)
    tab_to(page, "button", label, most=120)
    with page.expect_download(timeout=120_000) as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".pdf")
    assert download.value.path().read_bytes()[:5] == b"%PDF-"
