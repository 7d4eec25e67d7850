"""The Data page's tables (ipaid.data_views): problems in order, versions with the current one in sight, an area
list's parts, named in the page's language."""

from __future__ import annotations

import re

import pandas as pd

from ipaid import area_list, data_views, upload
from ipaid.schema import Problem
from ipaid.views import WORD_JOINER, literal
from test_area_list import PUBLISHED, today  # noqa: F401  (autouse fixture: today's area members stored)
from test_store import STEWARD, csv, edited_gis, isolated_store  # noqa: F401  (autouse fixture)


def test_problems_are_listed_by_line_then_column_in_the_readers_language():
    problems = [
        Problem("gis.csv", 5, "year_approved", "1800 is outside 1985–2030"),
        Problem("gis.csv", 3, "province", "unknown province '<b>火星</b>'"),
        Problem("gis.csv", None, None, "the table has no rows"),
        Problem("gis.csv", 3, "name_en", "empty"),
    ]
    zh = data_views.problems_view(problems, "zh")
    assert list(zh.columns) == ["行", "列", "问题"]
    assert zh.iloc[:, :2].values.tolist() == [["", ""], ["3", "name_en"], ["3", "province"], ["5", "year_approved"]]
    assert "<b>火星</b>" in zh.iloc[2, 2]  # user text kept as typed (the grid shows it as text)
    en = data_views.problems_view(problems, "en")
    assert list(en.columns) == ["Line", "Column", "Problem"] and en.iloc[3, 2] == "1800 is outside 1985–2030"


def test_versions_read_as_literal_text_with_the_current_one_beside_its_number():
    version = upload.accept("gis", csv(edited_gis()), "new_[1]*.csv", "**why** <b>x</b>", steward=STEWARD)
    en = data_views.versions_view(upload.history("gis"), "en")
    assert list(en.columns) == ["Version", "Current", "Stored at (UTC)", "By", "Rows", "Note", "File"]
    new, shipped = en.to_dict("records")
    assert (new["Version"], new["Current"], shipped["Version"], shipped["Current"]) == (str(version), "yes", "0", "")
    assert (new["Note"], new["File"]) == (literal("**why** <b>x</b>"), literal("new_[1]*.csv"))  # st.table: Markdown
    assert new["By"] == literal("tester (local)")
    stored = new["Stored at (UTC)"]
    assert stored.count(f"{WORD_JOINER}\\-{WORD_JOINER}") == 2  # the date on one line, the time wraps below it
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", stored.replace(WORD_JOINER, "").replace("\\", ""))
    assert ":" not in stored.replace("\\:", "")  # literal: '05:17:42' in st.table stayed a blank skeleton
    assert (shipped["Note"], shipped["File"]) == ("shipped with the dashboard", literal("data/gi_products.csv"))
    assert shipped["Rows"] == f"{upload.history('gis')['rows'].iloc[-1]:,}" and "," in shipped["Rows"]
    zh = data_views.versions_view(upload.history("gis"), "zh")
    assert list(zh.columns[:3]) == ["版本", "当前", "保存时间（UTC）"]
    assert (zh.iloc[0]["当前"], zh.iloc[1]["说明"]) == ("是", "随看板发布")


def test_an_area_lists_parts_are_named_and_in_order():
    result = area_list.prepare(PUBLISHED.encode(), "list.txt")
    status = data_views.area_status_view(result.per_area, "zh")
    assert list(status.columns) == ["片区", "官方", "名单中", "状态"]
    assert "38个中的7个" in set(status.iloc[:, 3])
    parts = dict(data_views.area_list_views(result, "my source", "en"))
    assert list(parts) == ["al_unresolved", "al_conflicts", "al_added", "al_duplicates", "al_skipped", "al_rows"]
    assert set(parts["al_conflicts"]["Source of the list"]) == {"my source"}
    assert list(parts["al_added"].columns) == ["Line", "adcode", "name", "province", "Area"]
    unresolved = data_views.area_list_views(result, "", "zh")[0][1]
    assert "云南省没有名为“彝梁县”的贫困县" in set(unresolved["问题"])  # problems in the reader's language


def test_formula_cells_and_skipped_register_rows_are_named():
    cells = pd.DataFrame({"line": [2], "column": ["name_en"], "value": ["=1+1"]})
    assert list(data_views.formulas_view(cells, "zh").columns) == ["行", "列", "内容"]
    unreadable = "province: unknown province '火星'; year_approved: 20x1"
    skipped = [(4, "桑植白茶", "already listed"), (9, "某产品", unreadable)]
    assert data_views.skipped_view(skipped, "en").values.tolist() == [list(row) for row in skipped]
    zh = data_views.skipped_view(skipped, "zh")
    assert list(zh.columns) == ["行", "名称", "问题"]  # the name column read 'name_zh'
    assert zh.iloc[0, 2] == "已在表中"  # it read 'already listed' on the Chinese page
    assert zh.iloc[1, 2] == "province: 未知的省份“火星”; year_approved: 20x1"  # each part in Chinese where known
    new = data_views.import_new_view(pd.DataFrame({"name_zh": ["a", "b"]}), [3, 7], "en")
    assert new["Line"].tolist() == [3, 7]
