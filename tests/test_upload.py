"""Upload checks by line and column, and the Data page (AppTest): renders, uploads, imports, rolls back."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ipaid import auth, data, store, upload
from ipaid.schema import DataError
from test_import_gi import as_csv, picked, register
from test_store import ROOT, STEWARD, csv, edited_gis, isolated_store, shipped  # noqa: F401  (autouse fixture)


def test_every_problem_is_reported_by_spreadsheet_line_and_column():
    gis = shipped()
    gis.loc[0, "province"] = "火星省"
    gis.loc[2, "county_adcodes"] = "430822;12345"
    gis.loc[3, "year_approved"] = 1900
    gis.loc[5, "gi_id"] = gis.loc[4, "gi_id"]
    gis.loc[6, "source"] = ""
    with pytest.raises(DataError) as info:
        upload.check("gis", csv(gis), "gis.csv")
    assert [(p.line, p.column) for p in info.value.problems] == [
        (2, "province"),
        (4, "county_adcodes"),
        (5, "year_approved"),
        (8, "source"),
        (7, "gi_id"),
    ]
    assert "火星省" in str(info.value) and "12345" in str(info.value)


def test_county_table_must_stay_whole_and_codes_must_match_their_province():
    counties = shipped("counties")
    with pytest.raises(DataError) as info:
        upload.check("counties", csv(counties.head(10)), "counties.csv")
    assert "all 832 rows" in str(info.value) and "has 10" in str(info.value)
    counties.loc[3, "adcode_listed"] = "999999"
    counties.loc[5, "boundary_adcode"] = counties.loc[
        counties["province"] != counties.loc[5, "province"], "boundary_adcode"
    ].iloc[0]
    with pytest.raises(DataError) as info:
        upload.check("counties", csv(counties), "counties.csv")
    assert [(p.line, p.column) for p in info.value.problems] == [(5, "adcode_listed"), (7, "boundary_adcode")]
    assert upload.check("counties", csv(shipped("counties")), "counties.csv").shape[0] == 832


def test_a_table_downloaded_and_uploaded_again_keeps_its_text():
    """Downloads prefix formula-like cells with ' (spreadsheets must not run them); the same file uploaded again
    gives back the text it was made from, not the prefix as a changed cell."""
    from ipaid import export

    gis = shipped()
    gis.loc[0, "name_en"] = "=HYPERLINK(1)"
    gis.loc[1, "name_en"] = "-5 kg"
    gis.loc[2, "name_en"] = "'quoted' on purpose"
    downloaded = export.csv_bytes(gis)
    assert b"'=HYPERLINK(1)" in downloaded and b"'-5 kg" in downloaded
    back = upload.check("gis", downloaded, "gis.csv")
    assert back["name_en"].head(3).tolist() == ["=HYPERLINK(1)", "-5 kg", "'quoted' on purpose"]
    assert upload.diff("gis", back, gis).changed.empty


def test_uploads_only_for_uploadable_tables():
    with pytest.raises(ValueError):
        upload.check("figures", csv(shipped("figures")), "figures.csv")


def test_history_ends_with_the_shipped_version():
    hist = upload.history("gis")
    assert hist.to_dict("records") == [
        {
            "version": 0,
            "created_at": "",
            "author": "",
            "rows": len(shipped()),
            "note": "shipped",
            "file": "data/gi_products.csv",
            "current": True,
        }
    ]


PASSWORD = "correct horse battery staple"
ACCOUNTS = {"alice": auth.hash_password(PASSWORD)}


def data_page(accounts: dict | None = None) -> AppTest:
    """The Data page in a fresh session; `accounts`: local steward accounts in its secrets."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    if accounts:
        at.secrets["ipaid"] = {"stewards": accounts}
    at.run()
    at.switch_page("pages/data.py").run()
    assert not at.exception
    return at


def sign_in(at: AppTest, name: str = "alice", password: str = PASSWORD) -> AppTest:
    at.text_input(key="steward_name").input(name)
    at.text_input(key="steward_password").input(password)
    next(b for b in at.button if b.proto.is_form_submitter).click().run()
    assert not at.exception
    return at


@pytest.fixture
def page():
    """The Data page with steward alice signed in."""
    return sign_in(data_page(ACCOUNTS))


def texts(at: AppTest) -> str:
    return "\n".join(
        str(e.value) for kind in ("markdown", "success", "error", "info", "caption", "code") for e in getattr(at, kind)
    )


def test_data_page_renders_in_both_languages(page):
    assert [h.value for h in page.main.header] == [
        "数据集",
        "地理标志（按类型）：落点与覆盖",
        "上传新版本",
        "导入地理标志登记名录",
        "导入官方片区名单",
        "版本",
    ]
    table = page.table[0].value
    assert len(table) == len(data.ALL)
    assert "832\u00a0/\u00a0832\u00a0(100%)" in set(table["覆盖"])  # counties against the official total
    assert "问题" not in table.columns  # a problem column only when a table is broken
    assert {b.proto.label for b in page.download_button} >= {"CSV", "Excel"}
    gis = next(f.value for f in page.table if "版本" in f.value.columns)  # the GI table's versions: shipped
    assert gis["行数"].tolist() == [f"{len(data.load_gis()):,}"]  # grouped, "3,624" (was "3624")
    assert len(page.download_button) == 2 * len(data.ALL)
    page.query_params["lang"] = "en"
    page.session_state["lang"] = "en"
    page.run()
    assert not page.exception
    assert [h.value for h in page.main.header] == [
        "Datasets",
        "Geographical indications by type: placement and coverage",
        "Upload a new version",
        "Import a GI register list",
        "Load the official area list",
        "Versions",
    ]


def test_upload_preview_confirm_and_rollback_in_the_page(page):
    page.file_uploader[0].set_value(("gis.csv", csv(edited_gis()), "text/csv")).run()
    assert not page.exception
    assert [m.value for m in page.metric] == ["1", "1", "1"]  # added, removed, changed
    page.text_input(key="upload_note_gis").input("reviewed").run()
    page.button(key="upload_confirm_gis").click().run()
    assert not page.exception and page.success
    [version] = store.versions("gis")
    assert version.note == "reviewed" and store.current_id("gis") == version.id
    assert "Sangzhi White Tea" in set(data.load_table("gis")["name_en"])
    assert not page.file_uploader[0].value  # the uploader was cleared
    page.selectbox(key="rollback_gis").set_value(0)
    page.button(key="rollback_go_gis").click().run()
    assert not page.exception and store.current_id("gis") == 0
    pd.testing.assert_frame_equal(data.load_table("gis"), shipped())


def test_bad_upload_shows_problems_as_a_table_and_stores_nothing(page):
    gis = shipped()
    gis.loc[0, "name_zh"] = "<script>alert(1)</script>"
    gis.loc[1, "province"] = "<b>火星</b>"
    page.file_uploader[0].set_value(("gis.csv", csv(gis), "text/csv")).run()
    assert not page.exception and page.error
    problems = page.dataframe[0].value  # the first grid (the datasets and GI coverage are static tables)
    assert problems.iloc[:, :2].values.tolist() == [["3", "province"]]
    assert "<b>火星</b>" in problems.iloc[0, 2]
    assert "<script>" not in texts(page) and "<b>" not in texts(page)  # user text only inside the table
    assert [b.key for b in page.button] == ["steward_logout"]  # no confirm button
    assert store.versions("gis") == []


def test_png_upload_is_refused_in_the_page(page):
    page.file_uploader[0].set_value(("gis.csv", b"\x89PNG\r\n\x1a\n" + bytes(64), "text/csv")).run()
    assert not page.exception and page.error
    assert "PNG" in page.dataframe[0].value.iloc[0, 2]
    assert store.versions("gis") == []


def test_register_import_in_the_page(page):
    rows = picked(4)
    upload.accept("gis", csv(shipped()[~shipped()["gi_id"].isin(rows["gi_id"])]), "minus.csv", "setup", steward=STEWARD)
    page.run()
    page.file_uploader[1].set_value(("register.csv", as_csv(register(rows)), "text/csv")).run()
    assert not page.exception
    assert list(page.dataframe[0].value["name_zh"]) == list(rows["name_zh"])  # the new rows, before versions
    page.button(key="import_confirm").click().run()
    assert not page.exception and page.success
    assert set(rows["name_zh"]) <= set(data.load_table("gis")["name_zh"])
    assert len(store.versions("gis")) == 2


def test_upload_problems_read_in_chinese():
    import re

    from ipaid.i18n import problem_text

    gis = shipped().astype(object)
    gis.loc[0, "province"] = "火星省"
    gis.loc[1, "year_approved"] = "20x9"
    gis.loc[3, "year_approved"] = 1900
    gis.loc[5, "gi_id"] = gis.loc[4, "gi_id"]
    gis.loc[6, "source"] = ""
    gis.loc[7, "county_adcodes"] = "12345"
    files = [
        (csv(gis), "gis.csv"),
        (csv(gis.drop(columns="source")), "gis.csv"),
        (b"", "gis.csv"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "gis.csv"),
        (b"a,b", "gis.txt"),
    ]
    messages = []
    for raw, name in files:
        with pytest.raises(DataError) as info:
            upload.check("gis", raw, name)
        messages += [p.message for p in info.value.problems]
    assert len(messages) >= 9
    for message in messages:
        assert re.search(r"[\u4e00-\u9fff]", problem_text(message, "zh").replace("火星省", "")), message
        assert problem_text(message, "en") == message


def workbook(sheets: dict[str, list[list]], dimension: bool = True) -> bytes:
    """An XLSX file with the given sheets; without `dimension`, the sheets' <dimension> elements are removed."""
    import io
    import re
    import zipfile

    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    book.save(buf)
    if dimension:
        return buf.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename.startswith("xl/worksheets/"):
                body = re.sub(rb"<dimension[^>]*/>", b"", body)
            dst.writestr(item, body)
    return out.getvalue()


def gis_rows(df: pd.DataFrame) -> list[list]:
    return [list(df.columns)] + df.astype(object).where(df.notna(), None).astype(str).replace(
        "None", ""
    ).values.tolist()


def test_xlsx_without_dimension_is_refused_while_reading(monkeypatch):
    """No <dimension>: openpyxl cannot tell the size, so rows are counted as they stream and reading stops
    at the limit."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    from ipaid import tablefile

    raw = workbook({"gis": gis_rows(shipped().head(60))}, dimension=False)
    assert b"<dimension" not in __import__("zipfile").ZipFile(__import__("io").BytesIO(raw)).read(
        "xl/worksheets/sheet1.xml"
    )
    read = []
    real = ReadOnlyWorksheet._cells_by_row

    def counting(self, *args, **kw):
        for row in real(self, *args, **kw):
            read.append(1)
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", counting)
    monkeypatch.setattr(tablefile, "MAX_ROWS", 5)
    with pytest.raises(DataError) as info:
        upload.check("gis", raw, "gis.xlsx")
    assert "more than 5 rows" in str(info.value)
    assert len(read) <= 7  # the header and the limit's rows, not all 61


def test_data_on_the_second_sheet_can_be_chosen(page):
    raw = workbook({"说明": [["本表为地理标志名录"], ["见第二个工作表"]], "名录": gis_rows(edited_gis())})
    page.file_uploader[0].set_value(
        ("gis.xlsx", raw, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    ).run()
    assert not page.exception and page.error  # the first sheet is not the table
    assert any("说明" in c.value and "共2个" in c.value for c in page.caption)  # which sheet was read
    page.selectbox(key="upload_sheet_gis").set_value("名录").run()
    assert not page.exception and not page.error
    assert [m.value for m in page.metric] == ["1", "1", "1"]
    page.button(key="upload_confirm_gis").click().run()
    assert not page.exception and store.current_id("gis") > 0
    assert "Sangzhi White Tea" in set(data.load_table("gis")["name_en"])  # the chosen sheet was stored


def test_formula_cells_are_flagged_in_the_preview(page):
    gis = shipped()
    gis.loc[0, "name_en"] = '=HYPERLINK("http://example.org","x")'
    gis.loc[2, "register_ref"] = "@SUM(A1)"
    gis.loc[3, "name_en"] = "-5"  # a leading minus is flagged too: a spreadsheet would compute it
    flagged = upload.formula_cells(upload.check("gis", csv(gis), "gis.csv"))
    assert flagged[["line", "column"]].values.tolist() == [[2, "name_en"], [4, "register_ref"], [5, "name_en"]]
    page.file_uploader[0].set_value(("gis.csv", csv(gis), "text/csv")).run()
    assert not page.exception and "3个单元格" in page.warning[0].value
    cells = next(d.value for d in page.dataframe if "内容" in d.value.columns)
    assert cells["行"].tolist() == [2, 4, 5] and cells["内容"].tolist()[1] == "@SUM(A1)"


def test_a_file_is_parsed_once_per_upload(page, monkeypatch):
    calls = []
    real = upload.check
    monkeypatch.setattr(upload, "check", lambda *a, **kw: calls.append(1) or real(*a, **kw))
    page.file_uploader[0].set_value(("gis.csv", csv(edited_gis()), "text/csv")).run()
    page.text_input(key="upload_note_gis").input("a note").run()  # reruns
    page.run()
    assert len(calls) == 1


def test_uploader_words_are_chinese_on_the_chinese_page(page):
    """Streamlit's uploader has no i18n: the Chinese page draws its own words over it with CSS."""
    css = "\n".join(h.proto.body for h in page.get("html"))
    assert "选择文件" in css and "不超过20MB" in css and "将文件拖放到此处" in css and "stTooltipErrorContent" in css
    page.query_params["lang"] = "en"
    page.session_state["lang"] = "en"
    page.run()
    assert not page.exception and not [h for h in page.get("html") if "stFileUploader" in h.proto.body]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_upload_help_names_every_encoding_and_separator_read(lang):
    """The Data page tells stewards which files it reads: each encoding `tablefile` decodes and each separator."""
    from ipaid import tablefile
    from ipaid.i18n import t

    help_text = t("data_upload_help", lang)
    for name in (*tablefile.ENCODINGS, "utf-16"):
        assert name.removesuffix("-sig").upper() in help_text, name
    words = {"en": ("commas", "tabs", "semicolons"), "zh": ("逗号", "制表符", "分号")}[lang]
    assert all(w in help_text for w in words), words


def test_stored_times_read_as_date_and_time_in_the_versions_table_and_a_conflict(page):
    """Sweep 11: the Versions table showed '2026-12-01T23:02:35+00:00' under "Stored at (UTC)", and a conflict
    said '… 2026-12-01T23:02:35+00:00 UTC)'. Both now read '2026-12-01 23:02:35'."""
    import re

    from ipaid.views import WORD_JOINER

    page.file_uploader[0].set_value(("gis.csv", csv(edited_gis()), "text/csv")).run()
    other = edited_gis()
    other.loc[3, "name_en"] = "changed by another steward"
    upload.accept("gis", csv(other), "other.csv", "meanwhile", steward=STEWARD)  # stored after this preview
    page.button(key="upload_confirm_gis").click().run()
    assert not page.exception
    [warning] = [w.value for w in page.warning if "UTC" in w.value]
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC[)）]", warning), warning
    versions = next(f.value for f in page.table if "版本" in f.value.columns)
    stored = [v.replace(WORD_JOINER, "").replace("\\", "") for v in versions["保存时间（UTC）"] if v]  # as read
    assert stored and all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", v) for v in stored), stored


def test_a_long_problem_wraps_in_its_row_instead_of_being_cut(page):
    """Sweep 11: at 1024 px an unknown column's problem ('unknown column; the columns are: gi_id, name_zh, …', the
    columns the steward needs) ended at the table's edge, one line per row; rows are now tall enough for it to wrap
    in the problem column, which takes the rest of the table. Short problems keep one-line rows."""
    from ipaid import ui

    page.file_uploader[0].set_value(("gis.csv", b"foo,bar\n1,2\n", "text/csv")).run()
    assert not page.exception and page.error
    grid = page.dataframe[0]
    longest = max(grid.value.iloc[:, 2], key=len)
    assert "gi_id, name_zh" in longest
    widths = {c: json.loads(grid.proto.columns)[c]["width"] for c in grid.value.columns}
    assert sum(widths.values()) == ui.NARROWEST_MAIN  # the problem column takes what the other two leave
    room = widths[grid.value.columns[2]] - 20  # the cell's text width
    lines = -(-ui.column_width([longest], large=False, most=10**6) // room)
    assert lines >= 3 and grid.proto.row_height >= 18 * lines + 16  # every line of it in sight
    bad = shipped()
    bad.loc[0, "year_approved"] = 1800
    page.file_uploader[0].set_value(("gis.csv", csv(bad), "text/csv")).run()
    assert not page.dataframe[0].proto.HasField("row_height")  # "1800 is outside 1985–2030": one line
