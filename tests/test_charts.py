"""Chart builders: the data in each spec matches a pandas groupby of the filtered table."""

import json
import re

import pandas as pd
import pytest

from ipaid import charts, data, playback
from ipaid.filters import Filters, filter_gis
from ipaid.i18n import t


def spec_values(chart) -> pd.DataFrame:
    spec = json.loads(chart.to_json())
    datasets = spec["datasets"]
    return pd.DataFrame(next(iter(datasets.values())))


def test_by_province_matches_groupby_of_filtered_table():
    gis = filter_gis(data.load_gis(), Filters(categories=("tea", "fruit")))
    chart, frame = charts.gi_by_province(gis, "zh", [])
    values = spec_values(chart).set_index("province")["count"].sort_index()
    expected = gis.groupby("province").size().sort_index()
    assert values.to_dict() == expected.to_dict()
    assert frame["count"].sum() == len(gis)


def test_by_category_and_type_match_groupby():
    gis = data.load_gis()
    chart, _ = charts.gi_by_category(gis, "en", [])
    got = spec_values(chart).set_index("category")["count"].to_dict()
    assert got == gis.groupby("category").size().to_dict()
    chart, _ = charts.gi_by_type(gis, "en", [])
    assert spec_values(chart).set_index("gi_type")["count"].to_dict() == gis.groupby("gi_type").size().to_dict()


def test_cumulative_by_year_is_a_running_total():
    gis = data.load_gis()
    series = charts.cumulative_by_year(gis)
    assert series["cumulative"].is_monotonic_increasing
    assert series["cumulative"].iloc[-1] == gis["year_approved"].notna().sum()
    assert series["year_approved"].is_monotonic_increasing


def test_gis_by_area_counts_each_gi_once_per_area():
    counties = data.load_counties().copy()
    counties.loc[counties["province"] == "河北省", "area_id"] = ""  # counties outside the 14 areas
    for gis in (data.load_gis(), filter_gis(data.load_gis(), Filters(categories=("tea",)))):
        chart, frame = charts.gi_by_area(gis, counties, data.load_areas(), "en", [])
        links = (
            gis[["gi_id", "counties"]]
            .explode("counties")
            .merge(
                counties[["boundary_adcode", "area_id"]].drop_duplicates("boundary_adcode"),
                left_on="counties",
                right_on="boundary_adcode",
            )
        )
        expected = links.drop_duplicates(["gi_id", "area_id"]).groupby("area_id").size().to_dict()
        assert frame.set_index("area_id")["count"].to_dict() == expected
        assert frame.set_index("area_id").at["", "label"] == t("poverty_outside", "en")
        lines = json.loads(chart.to_json())["title"]["subtitle"]  # no filter lines: the share, then any note
        assert lines[0].startswith(f"{links['gi_id'].nunique():,} of {len(gis):,} GIs")
        added = frame["count"].sum()  # the subtitle explains bars that add up to more than the GIs
        assert (f"bars add up to {added:,}" in " ".join(lines)) == (added > links["gi_id"].nunique())


def tick_label(expr: str, value: float) -> str:
    """Evaluate a Vega `labelExpr` chain of `datum.value < N ? 'text' : ...` for one tick value."""
    for bound, text in re.findall(r"datum\.value < ([\d.e+]+) \? '([^']*)'", expr):
        if value < float(bound):
            return text
    return expr.rsplit(":", 1)[-1].strip().strip("'")


def test_leverage_keeps_more_than_as_a_lower_bound():
    chart, frame = charts.leverage(data.load_figures(), "en", [])
    funds = frame.set_index("value").loc[1e7]
    assert funds["more_than"] and funds["text"].startswith("more than")
    layers = json.loads(chart.to_json())["layer"]
    for layer in layers:  # bars, arrows and labels share one log axis that holds every value
        scale = layer["encoding"]["x"]["scale"]
        assert scale["type"] == "log"
        low, high = scale["domain"]
        assert low <= frame["value"].min() and frame["value"].max() <= high
    bars, arrows = layers[0], layers[1]
    assert bars["mark"]["type"] == "bar" and bars["encoding"]["x2"] == {"datum": low}  # bars start at the axis
    assert arrows["transform"] == [{"filter": "datum.more_than"}]  # arrows only on 'more than' figures


def test_leverage_ticks_are_labelled_in_words():
    from ipaid.figures import compact

    for lang in ("en", "zh"):
        chart, _ = charts.leverage(data.load_figures(), lang, [])
        axis = json.loads(chart.to_json())["layer"][0]["encoding"]["x"]["axis"]
        assert len(axis["values"]) >= 4
        for tick in axis["values"]:
            assert tick_label(axis["labelExpr"], tick) == compact(tick, lang), (lang, tick)
        assert tick_label(axis["labelExpr"], 10 * axis["values"][-1]) == ""  # nothing beyond the last tick


def test_province_bar_is_selectable():
    chart, _ = charts.gi_by_province(data.load_gis(), "en", [])
    assert charts.PROVINCE_SELECT in chart.to_json()


CJK = re.compile(r"[\u3400-\u9fff]")


def texts(spec, key=None):
    """Every title, subtitle and axis/tooltip title in a chart spec (key, text)."""
    if isinstance(spec, dict):
        for k, v in spec.items():
            if k in ("title", "subtitle") and isinstance(v, str):
                yield k, v
            elif k in ("subtitle", "text") and key == "title":  # a chart title: text and subtitle lines
                yield from (("title" if k == "text" else k, s) for s in ([v] if isinstance(v, str) else v))
            elif k != "datasets":
                yield from texts(v, k)
    elif isinstance(spec, list):
        for item in spec:
            yield from texts(item, key)


def builders(lang: str):
    gis, counties = data.load_gis(), data.load_counties()
    events = pd.DataFrame({"year": [2019, 2015, 2020], "text": ["b", "a", "c"]})
    yield "province", *charts.gi_by_province(gis, lang, []), "label"
    yield "category", *charts.gi_by_category(gis, lang, []), "label"
    yield "type", *charts.gi_by_type(gis, lang, []), "label"
    yield "area", *charts.gi_by_area(gis, counties, data.load_areas(), lang, []), "label"
    yield "cumulative", *charts.gi_cumulative(gis, lang, []), None
    yield "leverage", *charts.leverage(data.load_figures(), lang, []), "step"
    yield "exit", *charts.exit_years(counties, lang, "t", []), None
    yield "timeline", *charts.timeline(events, lang, "t", []), None


def test_every_chart_speaks_the_language_of_the_page():
    """English charts: no Chinese in titles, notes, axes, tooltips or bar labels; Chinese charts: titles in Chinese."""
    for name, chart, frame, labels in builders("en"):
        spec = json.loads(chart.to_json())
        shown = [text for _, text in texts(spec)] + (frame[labels].tolist() if labels else [])
        assert not [s for s in shown if CJK.search(s)], name
    for name, chart, frame, labels in builders("zh"):
        spec = json.loads(chart.to_json())
        shown = [text for key, text in texts(spec) if key in ("title", "subtitle") and text not in ("", "t")]
        assert shown and all(CJK.search(s) for s in shown), (name, shown)
        if labels:
            assert frame[labels].map(lambda s: bool(CJK.search(s))).mean() > 0.9, name


def test_count_by_keeps_missing_values_labels_and_orders_bars():
    frame = pd.DataFrame({"k": ["b", "a", None, "a", "c", "b", None]})
    out = charts.count_by(frame, "k", {"a": "Alpha", "": "none", "c": "Gamma"})
    # largest first, ties by label; missing values are counted under ""
    assert out.to_dict("list") == {
        "k": ["a", "b", "", "c"],
        "count": [2, 2, 2, 1],
        "label": ["Alpha", "b", "none", "Gamma"],
    }
    assert out.index.tolist() == [0, 1, 2, 3]
    assert charts.count_by(frame, "k")["label"].tolist() == ["", "a", "b", "c"]  # no names: the values


def test_bars_follow_the_counts_order_with_labels_counts_and_tooltips():
    counts = charts.count_by(pd.DataFrame({"k": list("aabbbc") + [f"x{i}" for i in range(20)]}), "k")
    spec = json.loads(charts.bar(counts, "k", "en", "T", ["S"]).to_json())
    bars, text = spec["layer"]
    assert bars["encoding"]["y"]["sort"] == counts["label"].tolist()
    assert bars["encoding"]["x"]["field"] == "count" and bars["encoding"]["x"]["title"] == t("count", "en")
    assert [t["field"] for t in bars["encoding"]["tooltip"]] == ["label", "count"]
    assert text["encoding"]["text"]["field"] == "count"
    assert spec["height"] >= 20 * len(counts)  # every bar gets room for its label
    assert spec["title"]["text"] == "T" and spec["title"]["subtitle"] == ["S"]


def test_province_pick_selects_by_province():
    spec = json.loads(charts.gi_by_province(data.load_gis(), "en", [])[0].to_json())
    params = spec["params"]
    assert [p["select"]["fields"] for p in params if p["name"] == charts.PROVINCE_SELECT] == [["province"]]


def test_cumulative_chart_counts_undated_gis_apart():
    gis = data.load_gis()
    undated = int(gis["year_approved"].isna().sum())
    series = charts.cumulative_by_year(gis)
    assert list(series.columns) == ["year_approved", "count", "cumulative"] and series.index.tolist() == list(
        range(len(series))
    )
    assert pd.api.types.is_integer_dtype(series["year_approved"])
    for lang in ("en", "zh"):
        chart, frame = charts.gi_cumulative(gis, lang, ["S"])
        assert frame.equals(series)
        subtitle = json.loads(chart.to_json())["title"]["subtitle"]
        assert subtitle[0] == "S" and (str(undated) in subtitle[-1]) == bool(undated)
    chart, _ = charts.gi_cumulative(gis.dropna(subset=["year_approved"]), "en", ["S"])
    assert json.loads(chart.to_json())["title"]["subtitle"] == ["S"]


def test_exit_years_match_groupby_and_timeline_alternates_labels():
    counties = data.load_counties()
    chart, frame = charts.exit_years(counties, "en", "T", [])
    assert frame.set_index("exit_year")["count"].to_dict() == counties.groupby("exit_year").size().to_dict()
    assert spec_values(chart)["exit_year"].tolist() == sorted(counties["exit_year"].unique().tolist())
    events = pd.DataFrame({"year": [2019, 2015, 2020, 2017], "text": ["b", "a", "c", "x"]})
    chart, frame = charts.timeline(events, "en", "T", [])
    assert frame["year"].tolist() == [2015, 2017, 2019, 2020] and frame["above"].tolist() == [True, False, True, False]
    text_layers = json.loads(chart.to_json())["layer"][-1]["layer"]
    filters = [layer.get("transform") for layer in text_layers if layer["mark"]["type"] == "text"]
    assert filters == [[{"filter": "datum.above"}], [{"filter": "!datum.above"}]]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_designated_timelines_labels_stay_above_the_axis(lang):
    """Sangzhi's slanted label "GI: Zhangjiajie giant salamander" ran down onto the year axis in the PNG export:
    each label's lowest point, in the export's font, stays inside the plot's height."""
    import math

    from PIL import ImageFont

    from ipaid import export
    from ipaid.filters import covers
    from ipaid.views import designated_timeline

    font = ImageFont.truetype(str(export.export_font_dir() / "NotoSansCJKsc-400.otf"), 11)
    counties, gis = data.load_counties().set_index("adcode_listed"), data.load_gis()
    for row in data.load_table("designated").itertuples():
        county = counties.loc[row.adcode_listed]
        own = gis[covers(gis, [county["boundary_adcode"]])]
        chart, events = charts.timeline(
            designated_timeline(row.designated_since, county["exit_year"], own, lang), lang, "T", []
        )
        spec = json.loads(chart.to_json())
        below = next(layer["mark"] for layer in spec["layer"][-1]["layer"] if layer["mark"].get("angle") == 30)
        for text in events.loc[~events["above"], "text"]:
            lowest = spec["height"] / 2 + below["dy"] + font.getlength(text) * math.sin(math.radians(30)) + 11
            assert lowest < spec["height"], (row.adcode_listed, text, lowest, spec["height"])


def channels(spec):
    """(channel, definition) of every encoding in a chart spec, tooltips one by one."""
    if isinstance(spec, dict):
        for channel, definition in spec.get("encoding", {}).items():
            for one in definition if isinstance(definition, list) else [definition]:
                yield channel, one
        for key, value in spec.items():
            if key not in ("encoding", "datasets"):
                yield from channels(value)
    elif isinstance(spec, list):
        for item in spec:
            yield from channels(item)


def computed(spec) -> set[str]:
    """Fields a chart's `calculate` transforms add to its data (e.g. the text its marks are read by)."""
    if isinstance(spec, dict):
        found = {spec["as"]} if "calculate" in spec else set()
        return found.union(*(computed(v) for k, v in spec.items() if k != "datasets"))
    return set().union(*(computed(v) for v in spec)) if isinstance(spec, list) else set()


def test_every_encoding_names_a_column_of_its_data_and_numbers_have_titles():
    """A field missing from the data draws nothing; an untitled number axis or tooltip shows the raw column name."""
    for lang in ("en", "zh"):
        for name, chart, _, _ in builders(lang):
            spec = json.loads(chart.to_json())
            columns = {c for rows in spec["datasets"].values() for row in rows for c in row} | computed(spec)
            axis_titles = {}
            for channel, definition in channels(spec):
                assert (
                    "field" in definition or "datum" in definition or "value" in definition or "condition" in definition
                ), (name, channel, definition)
                if "field" not in definition:
                    continue
                assert definition["field"] in columns, (name, channel, definition)
                if definition.get("type") not in ("quantitative", "ordinal") or "aggregate" in definition:
                    continue
                if channel == "tooltip":  # each tooltip line shows its own title
                    assert definition.get("title"), (name, lang, definition)
                elif channel in ("x", "y"):  # layers share an axis: one of them titles it
                    axis_titles.setdefault((channel, definition["field"]), []).append(definition.get("title"))
            assert all(any(titles) for titles in axis_titles.values()), (name, lang, axis_titles)


def test_gi_chart_specs_carry_their_rows_as_arrow_tables():
    """The GI page hands Streamlit each chart's rows as Arrow bytes, converted once: the same rows as the chart's."""
    import pyarrow as pa

    from ipaid.filters import Filters
    from ipaid.gi_charts import gi_charts

    for name, (chart, spec, _) in gi_charts(Filters(provinces=("湖南省",)), "en", ["line"]).items():
        inline = chart.to_dict()["datasets"]
        assert spec["datasets"].keys() == inline.keys(), name
        for key, rows in inline.items():
            table = pa.ipc.open_stream(spec["datasets"][key]).read_all().to_pandas()
            assert table.to_dict("records") == rows, (name, key)


def test_bar_counts_and_ticks_have_thousands_separators():
    """The GI type chart labelled its longest bar "3268" and its axis "1000 … 3500", where the page writes 3,268."""
    from xml.etree import ElementTree

    from ipaid.export import chart_svg

    chart, counts = charts.gi_by_type(data.load_gis(), "en", [])
    root = ElementTree.fromstring(chart_svg(chart))
    texts = ["".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text")]
    most = int(counts["count"].max())
    assert most >= 1000 and f"{most:,}" in texts and str(most) not in texts
    assert "1,000" in texts and "1000" not in texts


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_leverage_chart_draws_its_log_axis(lang):
    """The labels layer's `axis=None` hid the shared axis: the chart (page and PNG/SVG) had no ticks and no
    "yuan (log scale)", so bars 10 million and 21 billion apart looked a few times apart."""
    from ipaid import export
    from ipaid.figures import compact

    chart, _ = charts.leverage(data.load_figures(), lang, [])
    svg = export.chart_svg(chart)
    assert ("yuan (log scale)" if lang == "en" else "元（对数刻度）") in svg
    assert f">{compact(1e10, lang)}<" in svg  # a tick with no bar label of that text


def axis_labels(chart) -> list[str]:
    """The tick labels of a chart's axes as drawn (SVG through vl-convert)."""
    from xml.etree import ElementTree

    from ipaid.export import chart_svg

    root = ElementTree.fromstring(chart_svg(chart))
    svg = "{http://www.w3.org/2000/svg}"
    return [
        "".join(text.itertext())
        for group in root.iter(f"{svg}g")
        if "role-axis-label" in (group.get("class") or "")
        for text in group.iter(f"{svg}text")
    ]


def test_count_axes_of_small_places_tick_whole_numbers():
    """The exit-year chart of an area with 2 loaded counties (Lüliang, profile page and its PNG) ticked its count
    axis "0.0, 0.2 … 1.0"; so would the GI cumulative chart of one GI and the evidence timing chart of a few, and
    the playback's cumulative chart of that area repeated "1" and "2" (whole-number format, half steps)."""
    counties, gis = data.load_counties(), data.load_gis()
    lvliang = counties[counties["area_id"] == "lvliang"]
    one_gi = gis[gis["gi_id"] == "GI0001"]
    timing = pd.DataFrame({"gi_type": ["gi_protection_product"], "timing": ["while_poor"], "count": [1]})
    built = {
        "exit": charts.exit_years(lvliang, "en", "t", [])[0],
        "cumulative": charts.gi_cumulative(one_gi, "en", [])[0],
        "timing": charts.timing_bars(timing, {"while_poor": "before"}, "en", "t", [])[0],
        "playback": playback.cumulative_chart(playback.year_counts(Filters(areas=("lvliang",))), 2018, "en"),
    }
    for name, chart in built.items():
        labels = axis_labels(chart)
        assert labels, name
        fractions = [x for x in labels if re.fullmatch(r"-?[\d,]*\.\d+", x)]
        assert not fractions and len(set(labels)) == len(labels), (name, labels)  # "d" alone printed 0, 1, 1, 2


def test_exit_year_labels_read_level():
    """The exit-year chart (area profiles, briefs' page, its PNG) turned "2016" … "2020" on their side, in bars
    over 100 px wide; the playback chart writes its years level."""
    from ipaid.export import chart_svg

    svg = chart_svg(charts.exit_years(data.load_counties(), "en", "t", [])[0])
    years = re.findall(r'<text[^>]*transform="([^"]*)"[^>]*>(20\d\d)</text>', svg)
    assert [y for _, y in years] == ["2016", "2017", "2018", "2019", "2020"], years
    assert not [y for transform, y in years if "rotate" in transform], years
