"""GI register importer: real rows renamed to the register's columns import back exactly; bad files write nothing."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pandas as pd
import pytest

from ipaid import data, import_gi, store, upload
from ipaid.admin_index import county_index
from ipaid.i18n import CATEGORY, GI_TYPE
from test_store import ROOT, STEWARD, csv, isolated_store, shipped  # noqa: F401  (autouse fixture)

SHORT = {"湖南省": "湖南", "广西壮族自治区": "广西", "内蒙古自治区": "内蒙古", "新疆维吾尔自治区": "新疆"}


def picked(n: int = 8) -> pd.DataFrame:
    """Real GI rows with counties, unique by (name, province, type)."""
    gis = shipped()
    unique = ~gis.duplicated(["name_zh", "province", "gi_type"], keep=False)
    return gis[unique & (gis["county_adcodes"] != "")].groupby("province").head(1).head(n).reset_index(drop=True)


def scope(codes: str, province: str) -> str:
    """County names as a register writes them (prefecture first where a name repeats in the province)."""
    idx = county_index().set_index("adcode")
    same = county_index().query("province == @province")["name"].value_counts()
    return "、".join(
        idx.at[c, "prefecture"] + idx.at[c, "name"] if same[idx.at[c, "name"]] > 1 else idx.at[c, "name"]
        for c in codes.split(";")
    )


def register(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows in the official register's layout, with the year written in different ways."""
    years = ["{}年", "{}-05-20", "{}", "{}年3月1日"]
    return pd.DataFrame(
        {
            "序号": range(1, len(rows) + 1),
            "产品名称": rows["name_zh"],
            "省份": [SHORT.get(p, p) for p in rows["province"]],
            "批准公告号": rows["register_ref"],
            "批准时间": ["" if pd.isna(y) else years[i % 4].format(y) for i, y in enumerate(rows["year_approved"])],
            "保护范围": [scope(c, p) for c, p in zip(rows["county_adcodes"], rows["province"])],
            "类型": [GI_TYPE[g][1] for g in rows["gi_type"]],
            "类别": [CATEGORY[c][1] for c in rows["category"]],
            "英文名称": rows["name_en"],
            "来源": rows["source"],
        }
    )


def as_csv(df: pd.DataFrame, encoding: str = "utf-8-sig") -> bytes:
    return df.to_csv(index=False).encode(encoding)


def as_xlsx(df: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    df.to_excel(buf, index=False)
    return buf.getvalue()


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ipaid.import_gi", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ.copy(),
    )


@pytest.fixture
def without_picked():
    """A current GI table lacking the picked rows, so importing them back adds them again."""
    rows = picked()
    upload.accept("gis", csv(shipped()[~shipped()["gi_id"].isin(rows["gi_id"])]), "minus.csv", "setup", steward=STEWARD)
    return rows


def compare(added: pd.DataFrame, rows: pd.DataFrame) -> None:
    cols = ["name_zh", "name_en", "gi_type", "category", "province", "year_approved", "register_ref", "source"]
    pd.testing.assert_frame_equal(
        added[cols].reset_index(drop=True), rows[cols].reset_index(drop=True), check_dtype=False
    )
    assert [set(c.split(";")) for c in added["county_adcodes"]] == [set(c.split(";")) for c in rows["county_adcodes"]]


@pytest.mark.parametrize("kind", ["csv", "gb18030", "xlsx"])
def test_good_register_file_imports_back_exactly(without_picked, kind, tmp_path):
    rows = without_picked
    reg = register(rows)
    raw = as_xlsx(reg) if kind == "xlsx" else as_csv(reg, "gb18030" if kind == "gb18030" else "utf-8-sig")
    result = import_gi.prepare(raw, f"register.{'xlsx' if kind == 'xlsx' else 'csv'}")
    compare(result.new, rows)
    assert result.lines == list(range(2, len(rows) + 2)) and not result.skipped
    before = store.current_id("gis")
    top = max(int(i[2:]) for i in data.load_table("gis")["gi_id"])
    version = import_gi.write(result, "register.csv", "import", steward=STEWARD)
    assert version > before and store.current_id("gis") == version
    table = data.load_table("gis")
    added = table[table["gi_id"].isin(result.new["gi_id"])]
    assert list(added["gi_id"]) == [f"GI{top + k + 1:04d}" for k in range(len(rows))]
    compare(added, rows)
    again = import_gi.prepare(raw, "register.csv")  # now every row is already listed
    assert len(again.new) == 0 and [s[0] for s in again.skipped] == result.lines


def test_cli_dry_run_then_write(without_picked, tmp_path):
    path = tmp_path / "register.xlsx"
    path.write_bytes(as_xlsx(register(without_picked)))
    before = store.current_id("gis")
    dry = cli(str(path))
    assert dry.returncode == 0, dry.stderr
    assert f"{len(without_picked)} new GI rows" in dry.stdout and "Dry run" in dry.stdout
    assert store.current_id("gis") == before
    done = cli(str(path), "--write", "--note", "register 2024")
    assert done.returncode == 0, done.stderr
    assert store.current_id("gis") > before and store.versions("gis")[0].note == "register 2024"


def bad(raw: bytes, filename: str, *words: str, line: int | None = None) -> None:
    """The importer refuses the file with a clear message, in the function and the CLI; nothing is written."""
    before = store.current_id("gis")
    with pytest.raises(import_gi.DataError) as info:
        import_gi.prepare(raw, filename)
    for word in words:
        assert word in str(info.value), str(info.value)
    if line is not None:
        assert line in [p.line for p in info.value.problems]
    assert store.current_id("gis") == before


def test_missing_required_column():
    reg = register(picked(3)).drop(columns="省份")
    bad(as_csv(reg), "r.csv", "column '省份'", "column is missing", line=1)


def test_bad_year_unknown_province_and_county_are_reported_by_line():
    reg = register(picked(5))
    reg.loc[1, "批准时间"] = "二〇一四年"
    reg.loc[2, "省份"] = "火星"
    reg.loc[4, "保护范围"] = "桑植县、不存在县"
    with pytest.raises(import_gi.DataError) as info:
        import_gi.prepare(as_csv(reg), "r.csv")
    found = {(p.line, p.column) for p in info.value.problems}
    assert found == {(3, "批准时间"), (4, "省份"), (6, "保护范围")}
    assert "不存在县" in str(info.value) and "火星" in str(info.value)


def test_mojibake_file_is_refused():
    raw = as_csv(register(picked(3)), "utf-8").decode("latin-1").encode("utf-8")
    bad(raw, "r.csv", "mis-encoded")


def test_mojibake_cells_are_refused_by_line():
    reg = register(picked(3))
    reg.loc[1, "产品名称"] = reg.loc[1, "产品名称"].encode("utf-8").decode("latin-1")
    bad(as_csv(reg), "r.csv", "mis-encoded", line=3)


def test_empty_files_are_refused():
    bad(b"", "r.csv", "empty")
    bad(b"\xef\xbb\xbf\n", "r.csv", "empty")
    bad(as_csv(register(picked(3)).iloc[:0]), "r.csv", "no rows")


def test_cli_rejects_bad_input_without_traceback(tmp_path):
    cases = {
        "empty.csv": b"",
        "image.png": b"\x89PNG\r\n\x1a\n" + bytes(64),
        "nocol.csv": as_csv(register(picked(2)).drop(columns="产品名称")),
    }
    for name, raw in cases.items():
        (tmp_path / name).write_bytes(raw)
        out = cli(str(tmp_path / name), "--write")
        assert out.returncode == 2, (name, out.stdout, out.stderr)
        assert "Rejected" in out.stderr and "Traceback" not in out.stderr
    missing = cli(str(tmp_path / "nope.csv"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert store.versions("gis") == []


def test_scope_and_year_parsing():
    assert import_gi.parse_year("2014年") == import_gi.parse_year("2014-05-20") == import_gi.parse_year("2014") == 2014
    assert import_gi.parse_year("14") is None and import_gi.parse_year("二〇一四") is None
    zjj = county_index().query("prefecture == '张家界市'")["adcode"].tolist()
    assert import_gi.resolve_scope("湖南省张家界市现辖行政区域", "湖南省") == (zjj, [])
    assert import_gi.resolve_scope("桑植县瑞塔铺镇、官地坪镇等12个乡镇", "湖南省") == (["430822"], [])
    assert import_gi.resolve_scope("城区", "山西省")[1][0].startswith("城区 (ambiguous")
    assert import_gi.resolve_scope("阳泉市城区", "山西省") == (["140302"], [])
    assert (
        import_gi.resolve_scope("吉林市", "吉林省")[0]
        == county_index().query("prefecture == '吉林市'")["adcode"].tolist()
    )
