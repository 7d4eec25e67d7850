"""Browser-test fixtures: one app server and one headless Chromium per session, a fresh page per test.

Every request a page makes is recorded in the session-wide `requests_seen` list.
"""

import os

import pytest
from playwright.sync_api import expect, sync_playwright

from bench._common import Server, chromium_available, launch_chromium

# Software WebGL (no GPU) can block the page for seconds while the national map draws.
expect.set_options(timeout=60_000)


@pytest.fixture(scope="session")
def server():
    with Server() as srv:
        yield srv


@pytest.fixture(scope="session")
def playwright():
    """One Playwright for the whole run (a second sync Playwright in the same process is refused)."""
    if not chromium_available():
        message = "Chromium not found at /usr/bin/chromium (install Debian's `chromium`)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright):
    chromium = launch_chromium(playwright)
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def requests_seen() -> list[str]:
    return []


@pytest.fixture
def page(browser, server, requests_seen):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, base_url=server.url)
    context.set_default_timeout(90_000)
    pg = context.new_page()
    pg.on("request", lambda request: requests_seen.append(request.url))
    yield pg
    context.close()
