"""The Data page's Versions tables at 1024 px in headless Chromium, in both languages: every column in sight (a
long note and file name wrap in their cells), user text shown as typed, no request to another host."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bench._common import Server, is_local, open_page
from ipaid import store
from ipaid.i18n import t

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
FILE = "gi_products_reviewed_by_the_provincial_office_final_v2_[checked]*.csv"  # one long word
NOTE = "Corrected Sangzhi White Tea's English name after checking the announcement; **not** <b>bold</b>"
COLUMNS = ("version", "current", "created", "author", "rows", "note_column", "file_name")
# Per Versions table in sight: how far its table reaches past its block (it scrolls in an inner wrapper, so the
# block's own scroll width says nothing), its headings, and its first row's cells as read.
VERSIONS = """() => [...document.querySelectorAll('.st-key-versions [data-testid=stTable]')].filter(t => t.offsetParent)
  .map(t => ({over: t.querySelector('table').getBoundingClientRect().right - t.getBoundingClientRect().right,
              headings: [...t.querySelectorAll('thead th')].map(h => h.innerText.trim()),
              first: [...t.querySelectorAll('tbody tr:first-child td')]
                .map(c => c.innerText.replaceAll('\\u2060', ''))}))"""


@pytest.fixture(scope="module")
def versions_server(tmp_path_factory):
    """The app with a GI table version stored under a long file name, with a long note holding markup."""
    store_dir = tmp_path_factory.mktemp("versions-store")
    content = (ROOT / "data" / "gi_products.csv").read_bytes()
    rows = content.decode("utf-8").count("\n") - 1
    store.add("gis", content, rows, NOTE, FILE, path=store_dir / "versions.sqlite", author="Wang Fang (local)")
    with Server(env={"IPAID_STORE_DIR": str(store_dir)}) as srv:
        yield srv


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_versions_column_is_in_sight_at_1024_px(new_page, versions_server, lang):
    """At 1024 px the Versions grids hid their Note and File columns past a sideways scroll (647 px in Chinese, 668
    px in English with a long note); each is now a static table whose note and file name wrap in their cells."""
    page = new_page(base_url=versions_server.url, width=1024, height=900)
    open_page(page, f"/data?lang={lang}")
    tabs = page.locator(".st-key-versions").get_by_role("tab")
    expect(tabs).to_have_count(3)
    for i in range(3):
        tabs.nth(i).click()
        page.wait_for_function(f"() => ({VERSIONS})().length === 1")  # the tab's table drawn
        [shown] = page.evaluate(VERSIONS)
        assert shown["headings"] == [t(f"data_{c}", lang) for c in COLUMNS]
        assert shown["over"] <= 0, (i, shown)
        if i == 0:  # the GI table: the stored version first, as typed
            assert (shown["first"][1], shown["first"][3]) == (t("yes", lang), "Wang Fang (local)")
            assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", shown["first"][2])  # its colons were a skeleton
            assert (shown["first"][5], shown["first"][6].replace("\n", "")) == (NOTE, FILE)
    expect(page.locator(".st-key-versions b")).to_have_count(0)
    assert not [u for u in page.requests if not is_local(u)]


DATASETS = """() => { const t = document.querySelector('.st-key-datasets [data-testid=stTable]');
  return t.querySelector('table').getBoundingClientRect().right - t.getBoundingClientRect().right; }"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_long_uploaded_file_name_keeps_the_datasets_table_in_sight(new_page, versions_server, lang):
    """The datasets table names the current version's file: a long upload name (one word) pushed the table past
    its block at 1024 px (181 px in English, 91 px in Chinese), its end cut off; it now wraps in its cell."""
    page = new_page(base_url=versions_server.url, width=1024, height=900)
    open_page(page, f"/data?lang={lang}")
    page.locator(".st-key-datasets [data-testid=stTable]").wait_for()
    assert page.evaluate(DATASETS) <= 0
    cell = page.locator(".st-key-datasets td").filter(has_text="gi_products_reviewed")
    assert FILE in cell.inner_text().replace("\n", "")
