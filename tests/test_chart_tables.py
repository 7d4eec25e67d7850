"""The data behind a chart as readers get it ("show as table", CSV/XLSX, press kit): their language, the names
the chart shows instead of codes, no drawing aids; other tables untouched."""

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ipaid import charts, data
from ipaid.chart_tables import reader_table
from ipaid.i18n import GI_TYPE, TABLE_COLUMNS, label

CODES = set(GI_TYPE) | {"province", "count", "label", "gi_type", "start", "above"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_charts_table_names_what_the_chart_shows_in_the_readers_language(lang):
    _, frame = charts.gi_by_type(data.load_gis(), lang, [])
    table = reader_table(frame, lang)
    assert list(table.columns) == [label(TABLE_COLUMNS, "gi_type", lang), label(TABLE_COLUMNS, "count", lang)]
    assert table.iloc[:, 0].tolist() == frame["label"].tolist()  # the chart's own labels, in the frame's order
    assert table.iloc[:, 1].tolist() == frame["count"].tolist()
    assert not CODES & {*table.columns, *table.iloc[:, 0]}


def test_drawing_aids_go_and_whole_amounts_stay_whole():
    frame = pd.DataFrame({"step": ["a"], "value": [1.2e8], "text": ["more than 120 million"], "more_than": [True]})
    frame["start"] = 1e6
    table = reader_table(frame, "en")
    assert list(table.columns) == ["Item", "Amount (yuan)", "Details"]
    assert table.to_csv(index=False).splitlines()[1] == "a,120000000,more than 120 million"


def test_a_table_with_columns_of_its_own_is_left_as_it_is():
    counties = data.all_counties()[["adcode", "name", "province"]].head(3)
    assert reader_table(counties, "zh") is counties  # the map's export keeps both names under their own columns


def test_show_as_table_on_a_chinese_page_has_chinese_headers():
    at = AppTest.from_file("../app.py", default_timeout=120)
    at.run()
    at.switch_page("pages/gi.py").run()
    at.toggle(key="table_chart_type").set_value(True).run()
    assert not at.exception
    shown = next(d.value for d in at.dataframe if "数量" in d.value.columns)
    assert list(shown.columns) == ["地理标志类型", "数量"] and "agri_product_gi" not in set(shown["地理标志类型"])
