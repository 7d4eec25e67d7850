"""Chart builders: the data in each spec matches a pandas groupby of the filtered table."""
import json
import re

import pandas as pd

from ipaid import charts, data
from ipaid.filters import Filters, filter_gis


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
    gis, counties = data.load_gis(), data.load_counties()
    _, frame = charts.gi_by_area(gis, counties, data.load_areas(), "zh", [])
    links = gis[["gi_id", "counties"]].explode("counties").merge(
        counties[["boundary_adcode", "area_id"]].drop_duplicates("boundary_adcode"),
        left_on="counties", right_on="boundary_adcode")
    expected = links.drop_duplicates(["gi_id", "area_id"]).groupby("area_id").size().to_dict()
    assert frame.set_index("area_id")["count"].to_dict() == expected


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
