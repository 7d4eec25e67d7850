"""Hostile uploads: each is refused with a clear message (current version unchanged) or stored as inert text."""

from __future__ import annotations

import io
import os
import re
import sqlite3
import subprocess
import sys
import textwrap
import time
import zipfile

import openpyxl
import pandas as pd
import pytest

from ipaid import data, db, export, store, tablefile, upload
from ipaid.display import SCRIPT
from ipaid.i18n import problem_text
from ipaid.schema import DataError
from test_store import ROOT, STEWARD, csv, isolated_store, shipped  # noqa: F401  (autouse fixture)

HEADER = ",".join(data.ALL["gis"].names).encode()


def refused(raw: bytes, filename: str, *words: str) -> DataError:
    """Assert the upload is refused with a message containing `words`, and nothing was stored."""
    before = store.current_id("gis")
    with pytest.raises(DataError) as info:
        upload.accept("gis", raw, filename, "hostile", steward=STEWARD)
    text = str(info.value).lower()
    for word in words:
        assert word.lower() in text, text
    assert store.current_id("gis") == before and not store.versions("gis")
    return info.value


def xlsx(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize(
    "raw, filename, words",
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "gis.csv", ("png image",)),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", "gis.csv", ("pdf",)),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "gis.xls", ("csv",)),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "gis.xlsx", (".xls", "save it as .xlsx")),
        (bytes(range(256)) * 10, "gis.csv", ("not a text file",)),
        (b"PK\x03\x04 not really a zip", "gis.xlsx", ("not a valid xlsx",)),
        (b"", "gis.csv", ("empty",)),
        (b"name,value\n", "gis.csv", ("column is missing",)),
    ],
)
def test_not_a_table_is_refused(raw, filename, words):
    refused(raw, filename, *words)


def test_a_million_rows_are_refused():
    started = time.monotonic()
    raw = HEADER + b"\n" + b"GI1,a,,,,x,,,,s\n" * 1_000_000  # 10^6 rows, under the byte limit
    assert len(raw) < tablefile.MAX_BYTES
    refused(raw, "big.csv", "more than 100,000 rows")
    assert time.monotonic() - started < 10


def test_too_many_xlsx_rows_are_refused(monkeypatch):
    rows = [data.ALL["gis"].names] + shipped().astype(str).values.tolist()[:5]
    monkeypatch.setattr(tablefile, "MAX_ROWS", 3)
    refused(xlsx(rows), "gis.xlsx", "the sheet has 5 rows", "limit is 3")


def test_oversized_file_is_refused():
    refused(HEADER + b"\n" + b"x" * (tablefile.MAX_BYTES + 1), "big.csv", "limit is")


def test_zip_bomb_xlsx_is_refused_quickly():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(101):
                member.write(chunk)
    raw = buf.getvalue()
    assert len(raw) < 1_000_000
    started = time.monotonic()
    refused(raw, "bomb.xlsx", "zip bomb")
    assert time.monotonic() - started < 2


def test_formula_cells_are_stored_as_text_and_escaped_on_export():
    formula = '=HYPERLINK("http://x","y")'
    gis = shipped()
    gis.loc[0, "name_en"] = formula
    gis.loc[1, "register_ref"] = "+1+1"
    rows = [gis.columns.tolist()] + gis.astype(object).where(gis.notna(), None).values.tolist()
    for raw, filename in ((csv(gis), "gis.csv"), (xlsx(rows), "gis.xlsx")):
        upload.accept("gis", raw, filename, "formula", steward=STEWARD)
        data._load.cache_clear()
        table = data.load_table("gis")
        assert table.at[0, "name_en"] == formula  # the text itself, never its result ("y")
        assert table.at[1, "register_ref"] == "+1+1"
    exported = export.csv_bytes(table).decode("utf-8-sig")
    assert "'=HYPERLINK" in exported and "\n=" not in exported and ",=" not in exported
    sheet = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes(table))).active
    cell = sheet.cell(row=2, column=table.columns.get_loc("name_en") + 1)
    assert cell.data_type == "s" and cell.value == "'" + formula


def test_xlsx_formula_cell_is_not_evaluated():
    rows = [data.ALL["gis"].names] + shipped().astype(object).where(shipped().notna(), None).values.tolist()[:3]
    rows[1][2] = '=HYPERLINK("http://x","y")'  # openpyxl writes this as a formula cell with no cached value
    table = upload.check("gis", xlsx(rows), "gis.xlsx")
    assert table.at[0, "name_en"] == '=HYPERLINK("http://x","y")'


def test_control_characters_are_refused_by_line_and_column():
    gis = shipped()
    gis.loc[4, "name_zh"] = "桑植\x1b[31m白茶"
    error = refused(csv(gis), "gis.csv", "control characters")
    assert [(p.line, p.column) for p in error.problems] == [(6, "name_zh")]  # header = line 1


def test_mojibake_is_refused():
    raw = csv(shipped()).decode("utf-8").encode("utf-8").decode("latin-1").encode("utf-8")
    refused(raw, "gis.csv", "mis-encoded")


def test_html_in_names_is_kept_as_text():
    script = "<script>alert(1)</script>"
    gis = shipped()
    gis.loc[0, "name_zh"] = script
    gis.loc[1, "register_ref"] = '<img src=x onerror="alert(2)">'
    upload.accept("gis", csv(gis), "gis.csv", script, steward=STEWARD)
    assert data.load_table("gis").at[0, "name_zh"] == script
    assert store.versions("gis")[0].note == script


def _elements(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _elements(child)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_data_page_never_renders_user_text_as_html(lang):
    """A version's note and file name are user text: the data page shows them only in tables and code blocks
    (as text), never in Markdown or HTML, where a tag or an image link would be rendered or fetched; a static
    table, whose cells are Markdown, shows them escaped."""
    from streamlit.testing.v1 import AppTest

    note, filename = "<script>alert(1)</script> ![x](http://example.invalid/x.png)", "<img src=x onerror=alert(2)>.csv"
    upload.accept("gis", csv(shipped()), filename, note, steward=STEWARD)
    at = AppTest.from_file("../app.py", default_timeout=120)
    at.query_params["lang"] = lang
    at.switch_page("pages/data.py").run()
    assert not at.exception
    showing = {}
    for element in _elements(at._tree):
        proto = getattr(element, "proto", None)
        text = str(proto) if proto is not None and element.type != "dataframe" else ""
        if element.type in ("dataframe", "table"):
            text = element.value.astype(str).to_csv()
        if element.type == "table":
            text = re.sub(r"\\(.)", r"\1", text)  # a static table's cells are Markdown made literal: read as shown
        if element.type == "html" and SCRIPT in text:
            continue  # the app's own script (`framework_words`), not user text
        for payload in (note, filename, "<script>", "onerror"):
            if payload in text:
                showing.setdefault(element.type, set()).add(payload)
    assert {"<script>", "onerror"} <= set().union(*showing.values()), showing  # shown, as text
    assert set(showing) <= {"dataframe", "code", "text", "table"}, showing
    cells = [c for t in at.table for c in t.value.astype(str).to_numpy().ravel() if "onerror" in c or "script" in c]
    assert cells and not any(re.search(r"(?<!\\)[<>!\[\]()]", c) for c in cells), cells  # Markdown cells: literal


# --- Bad files a steward may really have: other encodings and separators, shifted headers ---


def test_utf16_and_other_separators_are_read_like_the_utf8_csv():
    """Excel's "Unicode text" (UTF-16 with BOM, tab-separated) and a CSV with semicolons (a spreadsheet set to
    a European locale) hold the same table as the UTF-8 CSV."""
    gis = shipped()
    expected = upload.check("gis", csv(gis), "gis.csv")
    text = gis.to_csv(index=False, sep="\t")
    for raw in (text.encode("utf-16"), text.encode("utf-8"), gis.to_csv(index=False, sep=";").encode("gb18030")):
        pd.testing.assert_frame_equal(upload.check("gis", raw, "gis.csv"), expected)


def test_utf16_without_byte_order_mark_is_named():
    refused(csv(shipped()).decode("utf-8").encode("utf-16-le"), "gis.csv", "utf-16", "save the file as utf-8")


def test_unknown_columns_are_named_with_the_missing_ones():
    gis = shipped().rename(columns={"name_en": "name_english"}).assign(comment="x")
    error = refused(csv(gis), "gis.csv", "unknown column", "the columns are: gi_id, name_zh, name_en")
    assert {(p.column, p.message.split(";")[0]) for p in error.problems} == {
        ("name_english", "unknown column"),
        ("comment", "unknown column"),
        ("name_en", "column is missing"),
    }
    assert "表中没有此列" in problem_text(error.problems[0].message, "zh")
    trailing = csv(shipped()).decode("utf-8").replace("\n", ",\n").encode()  # an empty column without a header
    assert len(upload.check("gis", trailing, "gis.csv")) == len(shipped())
    rows = [data.ALL["gis"].names + [None, None]] + shipped().astype(object).where(
        shipped().notna(), None
    ).values.tolist()
    book = xlsx(rows)  # two empty columns without a header, as a workbook with formatted empty cells has
    assert len(upload.check("gis", book, "gis.xlsx")) == len(shipped())


def test_writers_in_parallel_processes_never_lose_an_update():
    """Three processes (replicas) each confirm uploads against the version they last saw, all at once: each
    write is stored as the next version or refused as a conflict, never stored on top of a version it did
    not see; every stored version holds its own content, the last is current, and the store is sound."""
    code = textwrap.dedent(
        """
        import sys
        from ipaid import data, store, upload
        from ipaid.auth import Steward
        gis = data.load_table("gis")
        for i in range(2):
            base = store.current_id("gis")
            gis.loc[0, "name_en"] = note = f"{sys.argv[1]}-{i}"
            try:
                new = upload.accept(
                    "gis", data.to_csv_bytes(gis), "w.csv", note, steward=Steward("w", "local"), expected=base
                )
                print(base, new, flush=True)
            except store.Conflict:
                print(base, "conflict", flush=True)
        """
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, f"w{k}"], cwd=ROOT, env=os.environ.copy(), stdout=subprocess.PIPE, text=True
        )
        for k in range(3)
    ]
    outputs = [p.communicate(timeout=120)[0].split() for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], outputs
    written = sorted(
        (int(new), int(base)) for out in outputs for base, new in zip(out[::2], out[1::2]) if new.isdigit()
    )
    assert sum(len(out) // 2 for out in outputs) == 6 and written
    assert [base for _, base in written] == [0] + [new for new, _ in written[:-1]]  # each on the one before
    stored = store.versions("gis")
    assert sorted(v.id for v in stored) == [new for new, _ in written]
    for v in stored:
        assert pd.read_csv(io.BytesIO(store.version_content(v.id)), dtype=str).at[0, "name_en"] == v.note
    assert store.current_id("gis") == written[-1][0]
    if not os.environ.get(db.ENV):  # the SQLite default store
        with sqlite3.connect(store.store_path()) as con:
            assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)


# --- Bad link parameters on every page ---

IMAGE = "![x](http://example.invalid/x.png)"
HOSTILE_LINK = {  # every parameter a page reads, each with a value it cannot use
    "province": ["XX", IMAGE],
    "area": "<script>alert(1)</script>",
    "category": ":red[red] $x^2$",
    "gi": "9" * 5000,
    "measure": "foo",
    "contrast": "a\x00b",
    "text": "湖南",
    "county": "abc",
    "q": "%00" * 100,
    "detail": IMAGE,
    "bar": "火星省",
    "prefecture": IMAGE,
    "year": "三千",
}
PAGE_NAMES = ["overview", "map", "gi", "evidence", "projects", "designated", "patents", "profiles", "data"]


def _markdown_bodies(at):
    for kind in ("warning", "info", "error", "markdown", "caption", "success"):
        for element in getattr(at, kind):
            yield kind, str(element.value)


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_a_hostile_link_gives_messages_in_the_page_language_and_stores_nothing(page):
    """Every parameter bad at once: the page draws, each bad value is named in the page's language, no value
    from the link reaches Markdown unescaped (no image fetched, no colour directive), nothing is stored."""
    from streamlit.testing.v1 import AppTest

    lang = "en" if PAGE_NAMES.index(page) % 2 else "zh"
    at = AppTest.from_file("../app.py", default_timeout=120)
    for key, value in {**HOSTILE_LINK, "lang": lang}.items():
        at.query_params[key] = value
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title and not at.error, [e.value for e in at.error]
    warnings = [w.value for w in at.warning]
    for name in ("province", "area", "category", "gi", "measure", "contrast", "text"):
        assert any(f"?{name}" in w for w in warnings), (name, warnings)
    wording = "链接中的" if lang == "zh" else "in the link"
    assert all(wording in w for w in warnings if "?" in w), warnings
    for kind, body in _markdown_bodies(at):
        assert "![x](" not in body and ":red[" not in body and "<script>" not in body, (kind, body)
        assert "9" * 100 not in body, kind
    assert store.current_id("gis") == 0 and not store.versions("gis")


@pytest.mark.parametrize(
    "page, params, name",
    [
        ("gi", {"detail": IMAGE}, "detail"),
        ("gi", {"bar": [IMAGE, "湖南省"]}, "bar"),
        ("map", {"measure": "playback", "year": IMAGE}, "year"),
        ("map", {"province": "湖南省", "prefecture": IMAGE}, None),
        ("profiles", {"county": IMAGE}, None),
    ],
)
def test_page_parameters_are_named_as_text(page, params, name):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file("../app.py", default_timeout=120)
    at.query_params["lang"] = "en"
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception
    shown = [w.value for w in at.warning if "example" in w.value]
    assert len(shown) == 1 and (name is None or f"?{name}" in shown[0]), [w.value for w in at.warning]
    assert "![x](" not in shown[0] and r"\!\[x\]" in shown[0]  # escaped: shown as typed
    assert not re.search("[\u4e00-\u9fff]", shown[0]), shown[0]  # an English page names the place in English


def test_two_sessions_confirming_one_after_the_other_never_lose_an_update():
    """Two stewards preview uploads against the same version; A confirms. B's page reruns (a note typed) and
    B confirms: refused, naming A's version (B's file would undo A's change unseen). B confirms again after
    that message and the diff against A's version: stored."""
    from test_upload import ACCOUNTS, data_page, sign_in

    a, b = sign_in(data_page(ACCOUNTS)), sign_in(data_page(ACCOUNTS))
    mine, theirs = shipped(), shipped()
    mine.loc[0, "name_en"] = "changed by A"
    theirs.loc[1, "name_en"] = "changed by B"
    a.file_uploader[0].set_value(("a.csv", csv(mine), "text/csv")).run()
    b.file_uploader[0].set_value(("b.csv", csv(theirs), "text/csv")).run()
    a.button(key="upload_confirm_gis").click().run()
    [first] = store.versions("gis")
    b.text_input(key="upload_note_gis").input("B's note").run()  # a rerun after A's write
    b.button(key="upload_confirm_gis").click().run()
    assert not b.exception and store.current_id("gis") == first.id and len(store.versions("gis")) == 1
    assert any(f"版本{first.id}" in w.value and "alice" in w.value for w in b.warning), [w.value for w in b.warning]
    assert [m.value for m in b.metric] == ["0", "0", "2"]  # the diff against A's version: row 0 back, row 1
    b.button(key="upload_confirm_gis").click().run()
    assert store.current_id("gis") == first.id + 1 and store.versions("gis")[0].note == "B's note"


def test_a_huge_cell_is_refused_by_line_and_column():
    gis = shipped()
    gis.loc[2, "name_en"] = "x" * 1_000_000
    error = refused(csv(gis), "gis.csv", "1,000,000 characters long", "the limit is 4,000")
    assert [(p.line, p.column) for p in error.problems] == [(4, "name_en")]
    assert problem_text(error.problems[0].message, "zh") == "长达1,000,000个字符，上限为4,000个"
