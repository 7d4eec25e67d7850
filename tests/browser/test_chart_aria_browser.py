"""What a screen reader reads on the charts in headless Chromium, in both languages: each mark with the chart's own
words ("省份：山东省；数量：347"), titles without Vega's English "Title text '…'", no field names ("label: 山东省",
"Sum of value", "part_name"), and value labels that repeat a bar not read a second time."""

import re

import pytest

from bench._common import open_page
from ipaid.i18n import t
from tests.test_chart_aria import RAW

pytestmark = pytest.mark.browser

READ = """() => [...document.querySelectorAll('[data-testid=stVegaLiteChart] svg [role=graphics-symbol]')]
    .map(e => [e.getAttribute('aria-roledescription') || '', e.getAttribute('aria-label') || ''])"""
DRAWN = "() => document.querySelectorAll('[data-testid=stVegaLiteChart] [role=graphics-symbol]').length >= {n}"
CJK = re.compile(r"[\u4e00-\u9fff]")


def spoken(page, url: str, charts: int) -> list[tuple[str, str]]:
    open_page(page, url)
    page.wait_for_function(DRAWN.format(n=2 * charts))  # each chart's title and subtitle at least
    page.wait_for_timeout(1500)  # the rest of the charts draw
    return [tuple(pair) for pair in page.evaluate(READ)]


@pytest.mark.parametrize(
    ("url", "lang", "charts"),
    [("/gi", "zh", 5), ("/gi?lang=en", "en", 5), ("/evidence?lang=en", "en", 2), ("/map?measure=playback", "zh", 1)],
)
def test_chart_marks_read_the_charts_words_in_the_page_language(new_page, url, lang, charts):
    read = spoken(new_page(width=1024, height=900), url, charts)
    roles = {role for role, _ in read}
    assert (
        {"title", t("aria_bar", lang)}
        <= roles
        <= {"title", "subtitle", *(t(f"aria_{k}", lang) for k in ("bar", "point", "area"))}
    ), roles
    assert not [text for _, text in read if RAW.search(text) or not text], read[:4]
    if lang == "en":
        assert not [text for _, text in read if CJK.search(text)], url
    if url.startswith("/gi"):
        first = next(text for role, text in read if role == t("aria_bar", lang))
        form = r"省份：[^；]+；数量：[\d,]+" if lang == "zh" else r"Province: [A-Za-z ]+; Number: [\d,]+"
        assert re.fullmatch(form, first), first
        assert ("title", t("chart_by_province", lang)) in read
