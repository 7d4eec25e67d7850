"""Browser-test fixtures: one app server per session (Playwright and Chromium: tests/conftest.py), a fresh page
per test.

`new_page` makes pages (each in its own browser context, closed after the test); the `page` fixture is one of
them, and every request it makes is recorded in the session-wide `requests_seen` list.
"""

import pytest
from playwright.sync_api import expect

from bench._common import Server

# Software WebGL (no GPU) can block the page for seconds while the national map draws.
expect.set_options(timeout=60_000)


@pytest.fixture(scope="session")
def server():
    with Server() as srv:
        yield srv


@pytest.fixture(scope="session")
def requests_seen() -> list[str]:
    return []


def _page_factory(request):
    """Yields `make(base_url=None, width=1400, height=1000, browser=None)` and closes its contexts at the end.

    Each page has its own context (cookies, storage), a 90 s default timeout and `pg.requests`, the URLs it
    asked for; `base_url` and `browser` default to the session's app server and Chromium (each started only
    when a test needs it).
    """
    contexts = []

    def make(base_url: str | None = None, width: int = 1400, height: int = 1000, browser=None):
        url = base_url or request.getfixturevalue("server").url
        chromium = browser or request.getfixturevalue("browser")
        context = chromium.new_context(viewport={"width": width, "height": height}, base_url=url)
        context.set_default_timeout(90_000)
        contexts.append(context)
        pg = context.new_page()
        pg.requests = []
        pg.on("request", lambda r: pg.requests.append(r.url))
        return pg

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def new_page(request):
    """Fresh pages for one test (see `_page_factory`)."""
    yield from _page_factory(request)


@pytest.fixture(scope="module")
def module_new_page(request):
    """Pages shared by a module's tests (one context reused over many page views)."""
    yield from _page_factory(request)


@pytest.fixture
def page(new_page, requests_seen):
    pg = new_page()
    pg.on("request", lambda request: requests_seen.append(request.url))
    return pg
