"""What screen readers read on the charts: each mark with the words the chart shows, in the page's language
("省份：山东省；数量：347"), not Vega-Lite's field names ("label: 山东省", "Sum of value") or Vega's English
("Title text '…'", "text mark"); value labels that repeat a bar are not read twice."""

import re

import pandas as pd
import pytest

from ipaid import charts, data, evidence, export, playback
from ipaid.filters import Filters
from ipaid.i18n import t
from test_charts import channels

SYMBOL = re.compile(r'<[a-z]+ [^>]*role="graphics-symbol"[^>]*>')
ATTR = re.compile(r'(aria-roledescription|aria-label)="([^"]*)"')
RAW = re.compile(  # Vega-Lite's field names ("label: 山东省", "Sum of value") and Vega's English title words
    r"(^|; )(label|count|step|text|year|exit_year|type_label|timing_label|pct|exited|part_name|value): "
    r"|(Sum|Min|Max) of |Title text|Subtitle text|aria_text"
)


def read(chart) -> list[tuple[str, str]]:
    """(role description, label) of every element a screen reader reads in the chart's SVG, in order."""
    found = [dict(ATTR.findall(tag)) for tag in SYMBOL.findall(export.chart_svg(chart))]
    return [(a.get("aria-roledescription", ""), a.get("aria-label", "")) for a in found]


def built(lang: str):
    """(name, chart, the data behind it) of every chart builder."""
    gis, counties = data.load_gis(), data.load_counties()
    timing = {k: t(f"ev_{k}", lang) for k in evidence.TIMING}
    shares = evidence.exit_shares(evidence.county_groups(gis, counties))
    groups = {g: t(f"ev_{g}", lang, n=1) for g in evidence.GROUPS}
    events = pd.DataFrame({"year": [2019, 2015], "text": ["b", "a"]})
    yield "province", *charts.gi_by_province(gis, lang, ["s"])
    yield "area", *charts.gi_by_area(gis, counties, data.load_areas(), lang, ["s"])
    yield "cumulative", *charts.gi_cumulative(gis, lang, ["s"])
    yield "leverage", *charts.leverage(data.load_figures(), lang, ["s"])
    yield "exit", *charts.exit_years(counties, lang, "t", ["s"])
    yield "timeline", *charts.timeline(events, lang, "t", ["s"])
    yield "timing", *charts.timing_bars(evidence.timing_counts(gis, counties), timing, lang, "t", ["s"])
    yield "shares", *charts.exit_share_bars(shares, groups, lang, "t", ["s"])
    yield "playback", playback.cumulative_chart(playback.year_counts(Filters()), 2018, lang), None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_marks_titles_and_subtitles_read_in_the_language_of_the_page(lang):
    kinds = {t(f"aria_{k}", lang) for k in ("bar", "point", "area")}
    for name, chart, _ in built(lang):
        spoken = read(chart)
        assert [r for r, _ in spoken if r == "title"] == ["title"], (name, spoken[-3:])
        marks = [(r, text) for r, text in spoken if r not in ("title", "subtitle")]
        assert marks and {r for r, _ in marks} <= kinds, (name, {r for r, _ in marks})
        assert not [text for _, text in spoken if RAW.search(text) or not text], (name, spoken[:3])
        assert not [s for s in spoken if s[0] == "subtitle" and not s[1].startswith("s")], name
        if lang == "en":
            assert not [text for _, text in spoken if re.search(r"[\u4e00-\u9fff]", text)], name


def test_a_bar_reads_its_name_and_number_as_the_chart_writes_them():
    gis = data.load_gis()
    for lang, form in (("zh", "省份：{}；数量：{:,}"), ("en", "Province: {}; Number: {:,}")):
        chart, frame = charts.gi_by_province(gis, lang, [])
        bars = [text for role, text in read(chart) if role == t("aria_bar", lang)]
        assert bars == [form.format(n, c) for n, c in zip(frame["label"], frame["count"])]
    chart, frame = charts.gi_by_type(gis, "en", [])
    assert max(frame["count"]) >= 1000 and any(re.search(r"Number: \d,\d{3}$", s) for _, s in read(chart))


def test_the_title_reads_its_text_only():
    chart, _ = charts.gi_by_province(data.load_gis(), "zh", ["筛选：无", "来源：x"])
    spoken = read(chart)
    assert ("title", t("chart_by_province", "zh")) in spoken and ("subtitle", "筛选：无 来源：x") in spoken


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_tooltip_line_is_headed_in_the_language_of_the_page(lang):
    """An empty tooltip title shows the field's name: hovering a bar read "label: 蔬菜" on the Chinese GI page
    ("type_label", "timing_label", "text", "part_name" on the evidence, projects, designated and map pages)."""
    for name, chart, _ in built(lang):
        lines = [line for channel, line in channels(chart.to_dict()) if channel == "tooltip" and "field" in line]
        assert lines, name
        titles = [line.get("title") for line in lines]
        assert all(titles), (name, lang, lines)
        if lang == "zh":
            assert all(re.search(r"[\u4e00-\u9fff]", s) or s == "%" for s in titles), (name, titles)
        else:
            assert not [s for s in titles if re.search(r"[\u4e00-\u9fff]", s)], (name, titles)


def layers(spec):
    """Every single-view spec (one with a mark) in a chart spec."""
    if isinstance(spec, dict):
        if "mark" in spec:
            yield spec
        for key, value in spec.items():
            if key not in ("datasets", "encoding"):
                yield from layers(value)
    elif isinstance(spec, list):
        for item in spec:
            yield from layers(item)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_marks_without_tooltip_lines_show_no_tooltip(lang):
    """Streamlit shows a tooltip for every mark: a value label without tooltip lines showed its fields' names
    ("label: 2018 / cumulative: 436" on the playback chart, "text: 地理标志：桑植白茶" on the designated timeline)."""
    for name, chart, _ in built(lang):
        for layer in layers(chart.to_dict()):
            if "tooltip" not in layer.get("encoding", {}) and layer.get("encoding"):
                mark = layer["mark"] if isinstance(layer["mark"], dict) else {"type": layer["mark"]}
                assert "tooltip" in mark and mark["tooltip"] is None, (name, mark, layer["encoding"].keys())
