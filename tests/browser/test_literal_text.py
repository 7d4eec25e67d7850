"""Uploaded text is text: a GI name made of Markdown and HTML is shown as typed, never as an image, link or tag,
and no page asks another host for anything."""

from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import expect

from bench._common import Server, is_local, open_page
from ipaid import store

pytestmark = pytest.mark.browser

HOST = "203.0.113.9"
HOSTILE = f"![x](http://{HOST}/x.png)[点此](http://{HOST}/)<b>bold</b>"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """The app with a GI table version whose first GI (GI0001) is named HOSTILE, in Chinese and in English."""
    store_dir = tmp_path_factory.mktemp("hostile-store")
    gis = pd.read_csv(ROOT / "data" / "gi_products.csv", dtype=str, keep_default_na=False)
    gis.loc[gis["gi_id"] == "GI0001", ["name_zh", "name_en"]] = HOSTILE
    content = gis.to_csv(index=False).encode("utf-8")
    store.add(
        "gis",
        content,
        len(gis),
        "markup in a name",
        "gi_products.csv",
        path=store_dir / "versions.sqlite",
        author="test",
    )
    with Server(env={"IPAID_STORE_DIR": str(store_dir)}) as srv:
        yield srv


@pytest.fixture
def hostile_page(new_page, hostile_server):
    return new_page(base_url=hostile_server.url)


def shown(locator) -> str:
    """The text as the reader sees it (without the invisible word joiners that keep addresses unlinked)."""
    return locator.inner_text().replace("\u2060", "").strip()


def assert_no_markup_made(page) -> None:
    for selector in (f'img[src*="{HOST}"]', f'a[href*="{HOST}"]', f'[style*="{HOST}"]'):
        expect(page.locator(selector)).to_have_count(0)
    expect(page.locator("b", has_text="bold")).to_have_count(0)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    page.wait_for_timeout(1000)
    outside = sorted({u for u in page.requests if not is_local(u)})
    assert not outside, outside


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gi_page_shows_the_name_as_typed(hostile_page, lang):
    open_page(hostile_page, f"/gi?lang={lang}&gi=GI0001&detail=GI0001")
    expect(hostile_page.get_by_role("heading", level=3).first).to_be_visible()
    headings = [shown(h) for h in hostile_page.get_by_role("heading", level=3).all()]
    assert HOSTILE in headings  # the detail's title, exactly as typed
    captions = [shown(c) for c in hostile_page.locator('[data-testid="stCaptionContainer"]').all()]
    assert any(HOSTILE in c for c in captions)  # the filter line names the GI as typed
    assert_no_markup_made(hostile_page)


def test_profile_and_designated_pages_show_the_name_as_typed(hostile_page):
    for path in ("/profiles?county=430822&gi=GI0001", "/designated?gi=GI0001", "/map?gi=GI0001", "/?gi=GI0001"):
        open_page(hostile_page, path)
        chip = hostile_page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text=HOSTILE)
        expect(chip).to_have_count(1)
        assert_no_markup_made(hostile_page)
