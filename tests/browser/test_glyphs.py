"""Every character has a glyph on a machine without any CJK font: Chromium runs under a fontconfig that
knows only Latin fonts, so Chinese can come only from the web font slices the app serves."""

import base64
import os
import re
import subprocess
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from playwright.sync_api import expect

from bench._common import (
    PAGES,
    ROOT,
    VEGA,
    drawn_fraction,
    image_difference,
    launch_chromium,
    open_page,
    wait_idle,
    wait_map_drawn,
)
from ipaid import charts, export, webfont
from ipaid.i18n import t

pytestmark = pytest.mark.browser

SHOTS = ROOT / "screenshots" / "glyphs"  # git-ignored; look at them
LATIN_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation"]
STREAMLIT_MEDIA = Path(__import__("streamlit").__file__).parent / "static" / "static" / "media"
TEXT = """() => [document.body.innerText,
    ...[...document.querySelectorAll('svg text')].map(e => e.textContent)].join('\\n')"""
FONT_STATUS = """() => [...document.fonts].filter(f => f.family.replace(/["']/g, '') === 'Noto Sans SC')
    .map(f => f.status)"""


@pytest.fixture(scope="module")
def fontconfig(tmp_path_factory) -> dict:
    """An environment whose fontconfig sees only DejaVu and Liberation (no CJK, no droid fallback)."""
    folder = tmp_path_factory.mktemp("fontconfig")
    dirs = "".join(f"<dir>{d}</dir>" for d in LATIN_DIRS)
    conf = folder / "fonts.conf"
    conf.write_text(
        f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig>{dirs}<cachedir>{folder / 'cache'}</cachedir></fontconfig>"
    )
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


@pytest.fixture(scope="module")
def latin_browser(playwright, fontconfig):
    chromium = launch_chromium(playwright, env=fontconfig)
    yield chromium
    chromium.close()


@lru_cache(maxsize=1)
def served_glyphs() -> set[int]:
    """Code points the fonts the app declares can draw (each file's cmap within its unicode-range), and
    those of Streamlit's own Latin font."""
    cps = set()
    for face in webfont.configured_faces():
        path = ROOT / face["url"].removeprefix("app/")
        if path.exists():
            cps |= set(TTFont(path).getBestCmap()) & webfont.parse_unicode_range(face["unicodeRange"])
    for path in STREAMLIT_MEDIA.glob("SourceSans*.woff2"):
        cps |= set(TTFont(path).getBestCmap())
    return cps


@pytest.fixture
def page(new_page, latin_browser):
    pg = new_page(width=1024, height=900, browser=latin_browser)
    pg.font_responses = []
    pg.on("response", lambda r: "/app/static/fonts/" in r.url and pg.font_responses.append((r.url, r.status)))
    return pg


def unshown(text: str, glyphs: set[int]) -> set[str]:
    """Characters of `text` without a glyph: not whitespace or a format character, not ASCII, not in `glyphs`."""
    return {
        c
        for c in text
        if not c.isspace() and unicodedata.category(c) != "Cf" and ord(c) > 0x7E and ord(c) not in glyphs
    }


def settle(page) -> None:
    page.evaluate("() => document.fonts.ready")
    page.wait_for_timeout(300)


def test_the_fontconfig_has_no_chinese_font(fontconfig):
    def run(*args):
        return subprocess.run(["fc-list", *args], env=fontconfig, capture_output=True, text=True, check=True).stdout

    assert run(":lang=zh") == ""
    assert "DejaVu" in run()  # the file is read: Latin fonts are there


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_every_character_on_every_page_has_a_glyph(page, path, lang):
    open_page(page, f"/{path}" + ("?lang=en" if lang == "en" else ""))
    settle(page)
    text = page.evaluate(TEXT)
    assert len(text) > 100  # the page drew its text (the shortest, /profiles without a choice, has ~120 characters)
    missing = unshown(text, served_glyphs())
    assert not missing, f"/{path} {lang}: no glyph for " + ", ".join(f"{c} U+{ord(c):04X}" for c in sorted(missing))
    statuses = page.evaluate(FONT_STATUS)
    assert "error" not in statuses, statuses
    assert all(status == 200 for _, status in page.font_responses), page.font_responses
    if lang == "zh":  # Chinese text loads slices, and the slicing keeps them to a few files
        assert "loaded" in statuses and 0 < len(page.font_responses) <= 30, len(page.font_responses)


def test_charts_are_svg_and_draw_chinese(page):
    open_page(page, "/gi")
    settle(page)
    page.wait_for_function(f"""() => {{
        const boxes = document.querySelectorAll('[data-testid="stVegaLiteChart"]');
        return boxes.length >= 2 && document.querySelectorAll('{VEGA}').length === boxes.length; }}""")
    charts_svg = page.locator('[data-testid="stVegaLiteChart"] svg.marks')
    assert charts_svg.count() >= 2 and page.locator('[data-testid="stVegaLiteChart"] canvas').count() == 0
    chart = charts_svg.first
    chart.scroll_into_view_if_needed()
    settle(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot = chart.screenshot(path=str(SHOTS / "chart.png"))
    assert drawn_fraction(shot) > 0.02
    assert re.search("[\u4e00-\u9fff]", chart.evaluate("e => e.textContent"))


def map_shot(context_page, block_fonts: bool) -> bytes:
    if block_fonts:
        context_page.route("**/static/fonts/**", lambda route: route.abort())
    open_page(context_page, "/map?category=handicraft")  # few GI markers: the labels make the picture
    wait_map_drawn(context_page)
    context_page.wait_for_timeout(2000)  # every layer drawn
    return wait_map_drawn(context_page)


def test_map_labels_do_not_wait_for_the_web_font(page, new_page, latin_browser):
    """Labels come drawn (an atlas image): the map looks the same when the font slices never arrive."""
    shot = map_shot(page, block_fonts=False)
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "map.png").write_bytes(shot)
    blocked = map_shot(new_page(width=1024, height=900, browser=latin_browser), block_fonts=True)
    (SHOTS / "map-without-web-font.png").write_bytes(blocked)
    assert image_difference(shot, blocked, shift=2) < 0.003


def test_exported_svg_draws_chinese_without_a_system_font(page):
    """The exported SVG with its embedded font vs the same SVG without it: glyphs, not boxes or blanks."""
    bars = (
        charts.alt.Chart(
            charts.alt.Data(values=[{"n": 3, "area": "滇桂黔石漠化区"}, {"n": 2, "area": "燕山-太行山区"}])
        )
        .mark_bar()
        .encode(x="n:Q", y="area:N")
        .properties(width=300, height=80)
    )
    svg = export.chart_svg(charts.themed(bars, "技术与创新支持中心", ["来源：国家知识产权局"]))
    bare = re.sub(r"<style>.*?</style>", "", svg, flags=re.DOTALL)
    shots = []
    for name, content in (("export.svg.png", svg), ("export-without-font.svg.png", bare)):
        page.set_content(
            f'<img id="chart" src="data:image/svg+xml;base64,{base64.b64encode(content.encode()).decode()}">'
        )
        page.wait_for_function("() => document.getElementById('chart').complete")
        page.wait_for_timeout(300)
        SHOTS.mkdir(parents=True, exist_ok=True)
        shots.append(page.locator("#chart").screenshot(path=str(SHOTS / name)))
    assert image_difference(*shots) > 0.005


def test_a_browser_fetches_a_characters_own_slice_first(new_page, latin_browser):
    """The faces as config.toml declares them, on a page of known text: common characters fetch only their own
    slices; a rarer one its own plus at most one slice of each more common group (spans overlap by design);
    characters the font lacks (an emoji, Arabic) none."""
    faces = webfont.configured_faces()
    css = "".join(
        f"@font-face{{font-family:T;src:url(/{f['url'].removeprefix('app/')});unicode-range:{f['unicodeRange']};"
        f"font-weight:{f['weight']}}}"
        for f in faces
    )
    group_of = [g for g, group in enumerate(webfont.groups()) for _ in group]
    own = {c: i for i, s in enumerate(webfont.slices()) for c in s}
    level2, rest = webfont.groups()[2][3], webfont.groups()[3][20]
    for text in ("地理标志产品保护示范区，扶贫。", chr(level2[100]), chr(rest[500]), "\U0001f600\u0627"):
        page = new_page(width=1024, height=300, browser=latin_browser)
        fetched = []

        def serve(route, request, text=text, fetched=fetched):
            path = request.url.split("glyphs.test/", 1)[1]
            if path == "index.html":
                body = f"<meta charset=utf-8><style>{css}body{{font:40px T}}</style><p>{text}</p>"
                return route.fulfill(body=body, content_type="text/html")
            fetched.append(int(Path(path).stem.rsplit("-", 1)[1]))
            route.fulfill(body=(ROOT / path).read_bytes(), content_type="font/woff2")

        page.route("http://glyphs.test/**", serve)
        page.goto("http://glyphs.test/index.html")
        settle(page)
        needs = {own[ord(c)] for c in text if ord(c) in own}  # none for an emoji or Arabic
        # the slice holding the space may come too: CSS's "first available font", drawn when no face has a glyph
        extra = [group_of[i] for i in fetched if i not in needs | {own[ord(" ")]}]
        assert needs <= set(fetched), (text, fetched)
        if max((group_of[i] for i in needs), default=0) <= 1:
            assert not extra, f"{text}: slices {fetched} fetched, needs {needs}"
        else:
            assert len(extra) == len(set(extra)) and all(g < max(group_of[i] for i in needs) for g in extra), fetched
        page.close()


# Chart labels that stick out of their chart, or legend labels over the next legend symbol.
LABELS_OFF = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"] svg.marks')].flatMap(svg => {
    const box = svg.getBoundingClientRect(), out = [];
    const labels = [...svg.querySelectorAll('.role-axis-label text, .role-legend-label text, .role-title text')];
    for (const t of labels) {
        const r = t.getBoundingClientRect();
        if (r.width && (r.left < box.left - 1 || r.right > box.right + 1)) out.push(`cut: ${t.textContent}`);
    }
    const symbols = [...svg.querySelectorAll('.role-legend-symbol path')].map(p => p.getBoundingClientRect());
    for (const t of svg.querySelectorAll('.role-legend-label text')) {
        const r = t.getBoundingClientRect();
        if (symbols.some(s => r.right > s.left + 1 && r.left < s.right - 1 && r.bottom > s.top && r.top < s.bottom))
            out.push(`over a symbol: ${t.textContent}`);
    }
    return out;
})"""
CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].length > 0
    && [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].every(c => c.querySelector('svg.marks'))"""


@pytest.mark.parametrize("path", ["/evidence", "/gi"])
def test_chart_labels_fit_after_a_switch_to_chinese(page, path):
    """Vega lays out labels with the fonts loaded at that moment. An English page loads the font slices of the
    Chinese charts' characters, so after a switch to Chinese no label is cut or drawn over a legend symbol (before,
    2 of 3 switches on these pages were); the GI page's year axis ends inside its chart."""
    open_page(page, f"{path}?lang=en")
    page.locator(".ipaid-preload").wait_for(state="attached")  # st.html can come after the rest of the page
    page.wait_for_function("document.fonts.status === 'loaded'")
    hidden = """() => { const e = document.querySelector('.ipaid-preload'), r = e.getBoundingClientRect();
        return r.width <= 1 && r.height <= 1 && getComputedStyle(e).overflow === 'hidden' }"""
    assert page.evaluate(hidden)  # its 600 characters were drawn across the top of the page once
    before = page.url
    page.locator('[data-testid="stSidebar"]').get_by_role("radio", name="中文", exact=True).click()
    page.wait_for_url(lambda url: url != before)
    wait_idle(page)
    expect(page.locator("h1").first).to_have_text(t("page_evidence" if path == "/evidence" else "page_gi", "zh"))
    page.wait_for_function(CHARTS_DRAWN)
    page.wait_for_function("document.fonts.status === 'loaded'")
    assert page.evaluate(LABELS_OFF) == []
