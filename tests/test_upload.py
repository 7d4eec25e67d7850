"""Upload checks by line and column, and the Data page (AppTest): renders, uploads, imports, rolls back."""
from __future__ import annotations

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
        (2, "province"), (4, "county_adcodes"), (5, "year_approved"), (8, "source"), (7, "gi_id")]
    assert "火星省" in str(info.value) and "12345" in str(info.value)


def test_county_table_must_stay_whole_and_codes_must_match_their_province():
    counties = shipped("counties")
    with pytest.raises(DataError) as info:
        upload.check("counties", csv(counties.head(10)), "counties.csv")
    assert "all 832 rows" in str(info.value) and "has 10" in str(info.value)
    counties.loc[3, "adcode_listed"] = "999999"
    counties.loc[5, "boundary_adcode"] = counties.loc[counties["province"] != counties.loc[5, "province"],
                                                      "boundary_adcode"].iloc[0]
    with pytest.raises(DataError) as info:
        upload.check("counties", csv(counties), "counties.csv")
    assert [(p.line, p.column) for p in info.value.problems] == [(5, "adcode_listed"), (7, "boundary_adcode")]
    assert upload.check("counties", csv(shipped("counties")), "counties.csv").shape[0] == 832


def test_uploads_only_for_uploadable_tables():
    with pytest.raises(ValueError):
        upload.check("figures", csv(shipped("figures")), "figures.csv")


def test_history_ends_with_the_shipped_version():
    hist = upload.history("gis")
    assert hist.to_dict("records") == [{"version": 0, "created_at": "", "author": "", "rows": len(shipped()), "note": "shipped",
                                        "file": "data/gi_products.csv", "current": True}]


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
    return "\n".join(str(e.value) for kind in ("markdown", "success", "error", "info", "caption", "code")
                     for e in getattr(at, kind))


def test_data_page_renders_in_both_languages(page):
    assert [h.value for h in page.main.subheader] == ["数据集", "上传新版本", "导入地理标志登记名录", "版本"]
    table = page.dataframe[0].value
    assert len(table) == len(data.ALL)
    assert "832/832" in set(table["覆盖"])  # counties against the official total
    assert {b.proto.label for b in page.download_button} >= {"CSV", "Excel"}
    assert len(page.download_button) == 2 * len(data.ALL)
    page.query_params["lang"] = "en"
    page.session_state["lang"] = "en"
    page.run()
    assert not page.exception
    assert [h.value for h in page.main.subheader] == ["Datasets", "Upload a new version", "Import a GI register list", "Versions"]


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
    problems = page.dataframe[1].value  # after the datasets table
    assert problems.iloc[:, :2].values.tolist() == [["3", "province"]]
    assert "<b>火星</b>" in problems.iloc[0, 2]
    assert "<script>" not in texts(page) and "<b>" not in texts(page)  # user text only inside the table
    assert [b.key for b in page.button] == ["steward_logout"]  # no confirm button
    assert store.versions("gis") == []


def test_png_upload_is_refused_in_the_page(page):
    page.file_uploader[0].set_value(("gis.csv", b"\x89PNG\r\n\x1a\n" + bytes(64), "text/csv")).run()
    assert not page.exception and page.error
    assert "PNG" in page.dataframe[1].value.iloc[0, 2]
    assert store.versions("gis") == []


def test_register_import_in_the_page(page):
    rows = picked(4)
    upload.accept("gis", csv(shipped()[~shipped()["gi_id"].isin(rows["gi_id"])]), "minus.csv", "setup", steward=STEWARD)
    page.run()
    page.file_uploader[1].set_value(("register.csv", as_csv(register(rows)), "text/csv")).run()
    assert not page.exception
    assert list(page.dataframe[1].value["name_zh"]) == list(rows["name_zh"])  # the new rows, before versions
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
    files = [(csv(gis), "gis.csv"), (csv(gis.drop(columns="source")), "gis.csv"), (b"", "gis.csv"),
             (b"\x89PNG\r\n\x1a\n" + bytes(64), "gis.csv"), (b"a,b", "gis.txt")]
    messages = []
    for raw, name in files:
        with pytest.raises(DataError) as info:
            upload.check("gis", raw, name)
        messages += [p.message for p in info.value.problems]
    assert len(messages) >= 9
    for message in messages:
        assert re.search(r"[\u4e00-\u9fff]", problem_text(message, "zh").replace("火星省", "")), message
        assert problem_text(message, "en") == message
