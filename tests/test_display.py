"""Accessibility without a browser: colour contrast of the palette and theme, the display options' CSS and chart
specs, chart descriptions from the data, and the options kept in the link."""

import tomllib

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ipaid import chart_text, charts, data, display, evidence, palette
from ipaid.filters import covers
from ipaid.paths import ROOT
from ipaid.views import designated_timeline

THEME = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["theme"]


def luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a #rgb or #rrggbb colour."""
    h = colour.lstrip("#")
    h = "".join(c * 2 for c in h) if len(h) == 3 else h
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_helper_matches_known_ratios():
    assert contrast("#000", "#fff") == pytest.approx(21)
    assert contrast("#797979", "#ffffff") == pytest.approx(4.35, abs=0.01)  # Streamlit's faded caption (axe)


@pytest.mark.parametrize("background", [THEME["backgroundColor"], THEME["secondaryBackgroundColor"]])
@pytest.mark.parametrize(
    "colour",
    [
        THEME["textColor"],
        THEME["primaryColor"],
        palette.CAPTION_TEXT,
        palette.WIDGET_LABEL,
        palette.CHART_TEXT,
        palette.CHART_SUBTITLE,
    ],
)
def test_text_colours_reach_4_5_to_1(colour, background):
    assert contrast(colour, background) >= 4.5


@pytest.mark.parametrize("colour", [palette.FOCUS, palette.SWATCH_EDGE, palette.HC_BORDER, THEME["borderColor"]])
def test_ui_colours_reach_3_to_1(colour):
    for background in (THEME["backgroundColor"], THEME["secondaryBackgroundColor"]):
        assert contrast(colour, background) >= 3


def bar_marks(node):
    """Every bar mark in a chart spec with the colours it may be filled with."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    mark = node.get("mark") if isinstance(node, dict) else None
    if isinstance(mark, dict) and mark.get("type") == "bar" or mark == "bar":
        colour = node.get("encoding", {}).get("color", {})
        fills = [c.get("value") for c in [colour, colour.get("condition", {})] if isinstance(c, dict)]
        fills += colour.get("scale", {}).get("range", []) if isinstance(colour, dict) else []
        fills.append(mark.get("color") if isinstance(mark, dict) else None)
        yield (mark if isinstance(mark, dict) else {}), [c for c in fills if isinstance(c, str)]
    for key, value in items:
        if key != "datasets":
            yield from bar_marks(value)


def test_pale_bars_have_an_edge_of_3_to_1():
    """WCAG 1.4.11: a bar in the pale tint is read by its edge; a bar in a strong colour by its fill."""
    gis, counties = data.load_gis(), data.load_counties()
    specs = [
        charts.gi_by_province(gis, "en", ["s"])[0].to_dict(),
        charts.timing_bars(evidence.timing_counts(gis, counties), {k: k for k in evidence.TIMING}, "en", "t", [])[
            0
        ].to_dict(),
    ]
    marks = [m for spec in specs for m in bar_marks(spec)]
    assert any(palette.CHART_BAR_LIGHT in fills for _, fills in marks)
    for mark, fills in marks:
        for fill in fills:
            if contrast(fill, THEME["backgroundColor"]) < 3:
                assert contrast(mark.get("stroke", fill), THEME["backgroundColor"]) >= 3, (fill, mark)


def test_high_contrast_text_reaches_7_to_1():
    for colour in (palette.HC_TEXT, palette.HC_LINK):
        assert contrast(colour, palette.HC_BACKGROUND) >= 7


def test_css_adds_each_option_only_when_chosen():
    plain, both = display.css(), display.css(high_contrast=True, large=True)
    assert "opacity: 1" in plain and palette.CAPTION_TEXT in plain  # captions readable for everyone
    assert "font-size" not in plain and palette.HC_LINK not in plain
    assert f"font-size: {16 * display.TEXT_SCALE:g}px" in display.css(large=True)
    assert palette.HC_LINK in display.css(high_contrast=True) and "font-size" not in display.css(high_contrast=True)
    assert plain in both


@pytest.fixture(scope="module")
def province_chart():
    return charts.gi_by_province(data.load_gis(), "en", ["source line"])


def fonts(node, path=()) -> dict[tuple, float]:
    """Every font size in a spec, by its path (inline data left out)."""
    found = {}
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        if key in display.FONT_KEYS and isinstance(value, (int, float)):
            found[(*path, key)] = value
        elif key != "datasets":
            found.update(fonts(value, (*path, key)))
    return found


def test_large_text_scales_every_chart_font_and_leaves_the_original(province_chart):
    spec = province_chart[0].to_dict()
    before = fonts(spec)
    large = display.chart_spec(spec, large=True)
    assert display.chart_spec(spec) is spec  # no option: the cached spec itself
    assert fonts(spec) == before and len(before) >= 5  # the original is not changed
    after = fonts(large)
    assert {k: after[k] for k in before} == pytest.approx({k: v * display.TEXT_SCALE for k, v in before.items()})
    # Vega-Lite's defaults, where the chart sets none, are scaled too (axis labels 10 px, text marks 11 px)
    assert large["config"]["text"]["fontSize"] == pytest.approx(11 * display.TEXT_SCALE)
    assert min(after.values()) >= 10 * display.TEXT_SCALE


def test_high_contrast_draws_chart_text_black(province_chart):
    spec = province_chart[0].to_dict()
    dark = display.chart_spec(spec, high_contrast=True)
    text = str(dark)
    assert palette.CHART_TEXT not in text and palette.CHART_SUBTITLE not in text
    assert dark["config"]["title"]["subtitleColor"] == palette.HC_TEXT
    assert dark["config"]["axis"]["labelColor"] == palette.HC_TEXT
    after = fonts(dark)
    assert {k: after[k] for k in fonts(spec)} == fonts(spec)  # sizes unchanged without large text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_description_names_the_largest_and_smallest_bar(lang):
    gis = data.load_gis()
    chart, frame = charts.gi_by_province(gis, lang, [])
    per_province = gis.groupby("province").size()
    top = per_province.idxmax()
    top_name = top if lang == "zh" else gis.loc[gis["province"] == top, "province_en"].iloc[0]
    text = chart_text.describe(chart_text.chart_title(chart), frame, lang)
    assert text.startswith(chart_text.chart_title(chart))
    most = (
        f"最大为{top_name}（{per_province.max():,}）"
        if lang == "zh"
        else f"largest is {top_name} ({per_province.max():,})"
    )
    assert most in text
    assert str(len(per_province)) in text  # how many bars


def test_description_of_a_timeline_gives_its_span():
    gis, counties = data.load_gis(), data.load_counties().set_index("adcode_listed")
    county = counties.loc["430822"]
    own = gis[covers(gis, [county["boundary_adcode"]])]
    events = designated_timeline(2015, county["exit_year"], own, "en")
    text = chart_text.describe("Sangzhi", events, "en")
    assert f"{len(events)} dated events, {int(events['year'].min())}–{int(events['year'].max())}" in text


def test_description_of_no_data_says_so():
    chart, frame = charts.gi_by_province(data.load_gis().head(0), "en", [])
    assert "no data" in chart_text.describe("GIs by province", frame, "en")


def app(**params) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def param(at: AppTest, name: str) -> list[str]:
    value = at.query_params.get(name)
    return [] if value is None else [value] if isinstance(value, str) else list(value)


def toggles(at: AppTest) -> dict[str, bool]:
    return {w.key: w.value for w in at.sidebar.toggle}


def test_display_options_come_from_the_link_and_are_kept_in_it():
    at = app(contrast="high", text="large", lang="en")
    assert not at.exception
    assert toggles(at) == {"_text_on": True, "_contrast_on": True}
    assert param(at, "contrast") == ["high"] and param(at, "text") == ["large"]
    at.sidebar.toggle(key="_contrast_on").set_value(False).run()
    assert at.session_state["contrast"] is None and toggles(at)["_text_on"]
    assert param(at, "contrast") == [] and param(at, "text") == ["large"]


def test_an_unknown_display_value_is_named_and_ignored():
    at = app(contrast="neon", text="huge")
    warnings = " ".join(w.value for w in at.warning)
    assert "neon" in warnings and "huge" in warnings
    assert toggles(at) == {"_text_on": False, "_contrast_on": False}


@pytest.mark.parametrize("large", [False, True])
def test_large_text_stacks_the_gi_charts(large):
    """At 1024 px a half-width column cut long chart titles short with large text: the charts stack instead."""
    at = AppTest.from_file("../app.py", default_timeout=120)
    if large:
        at.query_params["text"] = "large"
    at.switch_page("pages/gi.py").run()
    assert not at.exception
    in_columns = sum(len(col.get("vega_lite_chart")) for col in at.main.columns)
    shown = len(at.main.get("vega_lite_chart"))
    assert shown >= 5
    assert in_columns == (0 if large else shown)


def test_description_separates_a_bars_group_from_its_series():
    """A bar named by two labels (GI type and timing) or a label and a year reads "A · B", not "A B" run together
    ("the largest is Agricultural product GI Before the exit year (621)")."""
    frame = pd.DataFrame(
        {"type_label": ["Agricultural product GI", "GI protection product"], "timing_label": ["Before", "After"]}
    ).assign(count=[621, 2])
    text = chart_text.describe("When", frame, "en")
    assert "largest is Agricultural product GI · Before (621)" in text
    assert "smallest GI protection product · After (2)" in text


def test_description_of_equal_or_tied_values_names_them_once():
    """Two provinces with 6 GIs each read "the largest is Hubei (6), the smallest Hubei (6)"; ties name every bar."""
    equal = pd.DataFrame({"label": ["Hubei", "Hunan"], "count": [6, 6]})
    text = chart_text.describe("GIs by province", equal, "en")
    assert text == "GIs by province: 2 values, each 6: Hubei, Hunan."
    assert chart_text.describe("各省", equal.assign(label=["湖北", "湖南"]), "zh") == "各省：共2项，均为6：湖北、湖南。"
    tied = pd.DataFrame({"label": ["Veg", "Tea", "Wine", "Craft", "Other"], "count": [33, 17, 1, 1, 1]})
    text = chart_text.describe("By category", tied, "en")
    assert "the largest is Veg (33), the smallest Wine, Craft, Other (1)." in text


def test_description_after_a_title_with_its_own_colon_starts_a_sentence():
    """ "Sangzhi County: timeline: 4 dated events" and "地理标志运用促进工程：从引导资金到产值：共4项" read as a
    run of colons."""
    events = pd.DataFrame({"year": [1994, 2020], "text": ["a", "b"]})
    assert chart_text.describe("Sangzhi County: timeline", events, "en").startswith("Sangzhi County: timeline. 2 dated")
    assert chart_text.describe("桑植县：时间线", events, "zh").startswith("桑植县：时间线。共2个事件")
    assert chart_text.describe("GIs by type", events, "en").startswith("GIs by type: 2 dated")
