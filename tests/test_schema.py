"""A broken table is rejected with a message naming the file, line and column."""

import re

import pandas as pd
import pytest

from ipaid import data
from ipaid.i18n import problem_text
from ipaid.schema import Column, DataError, Problem, TableSpec, validate
from ipaid.tablefile import read_table_bytes
from ipaid.tables import ALL


def shipped(name: str) -> pd.DataFrame:
    return read_table_bytes(data.current_bytes(name), name)


def problems(frame: pd.DataFrame, name: str) -> list[str]:
    with pytest.raises(DataError) as exc:
        data.parse_table(frame.to_csv(index=False).encode(), ALL[name], f"{name}.csv")
    return [str(p) for p in exc.value.problems]


def test_shipped_tables_validate():
    for name in ALL:
        data.parse_table(data.current_bytes(name), ALL[name], name)


def test_bad_exit_year_names_line_and_column():
    frame = shipped("counties")
    frame.loc[4, "exit_year"] = "2031"
    assert problems(frame, "counties") == ["counties.csv, line 6, column 'exit_year': 2031 is outside 2016–2020"]


def test_unknown_adcode_and_duplicate_key():
    frame = shipped("counties")
    frame.loc[0, "boundary_adcode"] = "999999"
    frame.loc[2, "adcode_listed"] = frame.loc[1, "adcode_listed"]
    found = problems(frame, "counties")
    assert "counties.csv, line 2, column 'boundary_adcode': unknown county '999999'" in found
    assert any("line 4, column 'adcode_listed': duplicate key" in p for p in found)


def test_missing_column_and_empty_required_cell():
    frame = shipped("gis")
    missing = ["gis.csv, line 1, column 'province': column is missing"]
    assert problems(frame.drop(columns=["province"]), "gis") == missing
    frame.loc[3, "name_zh"] = ""
    assert problems(frame, "gis") == ["gis.csv, line 5, column 'name_zh': is empty"]


def test_malformed_csv_and_mojibake():
    with pytest.raises(DataError, match="empty"):
        read_table_bytes(b"", "x.csv")
    garbled = "桑植白茶".encode().decode("latin-1")
    frame = shipped("gis")
    frame.loc[0, "name_zh"] = garbled
    assert "mis-encoded" in problems(frame, "gis")[0]


def test_gb18030_file_is_read():
    frame = shipped("gis")
    raw = frame.to_csv(index=False).encode("gb18030")
    parsed = data.parse_table(raw, ALL["gis"], "gis.csv")
    assert parsed["name_zh"].tolist() == frame["name_zh"].tolist()


def test_empty_table_has_every_column_and_no_rows():
    """What a missing optional table or an unreadable current table reads as (`data._load`, `upload.diff`)."""
    for spec in ALL.values():
        empty = spec.empty()
        assert list(empty.columns) == spec.names and len(empty) == 0


# A small spec of every column kind, checked without the shipped tables.
SPEC = TableSpec(
    "demo",
    "demo.csv",
    (
        Column("code", "code6", province_in="province"),
        Column("province", ref="province"),
        Column("year", "int", low=2016, high=2020),
        Column("kind", required=False, choices=("a", "b")),
        Column("codes", "codes", required=False, ref="county"),
        Column("note", required=False),
    ),
    key="code",
    rows=None,
)
REFS = {"province": {"湖南省", "河北省"}, "county": {"430822", "130709"}, "province_prefix": {"43:湖南省", "13:河北省"}}
GOOD = {"code": "430822", "province": "湖南省", "year": "2019", "kind": "a", "codes": "430822;130709", "note": ""}


def demo_problems(*changes: dict, spec: TableSpec = SPEC, refs: dict | None = REFS) -> list[tuple]:
    """(line, column, message) of every problem in a table of GOOD rows, row i updated with changes[i]."""
    rows = [{**GOOD, "code": f"43{i:04d}" if i else GOOD["code"], **change} for i, change in enumerate(changes)]
    with pytest.raises(DataError) as exc:
        validate(pd.DataFrame(rows), spec, "demo.csv", refs)
    return [(p.line, p.column, p.message) for p in exc.value.problems]


def test_each_kind_of_cell_problem_is_named():
    assert demo_problems({}, {"year": "2015"}) == [(3, "year", "2015 is outside 2016–2020")]
    assert demo_problems({"code": "43082"}) == [(2, "code", "'43082' is not a 6-digit administrative code")]
    assert demo_problems({"kind": "c"}) == [(2, "kind", "'c' is not one of: a, b")]
    assert demo_problems({"codes": "430822; 12;1"}) == [(2, "codes", "'12' is not a 6-digit administrative code")]
    assert demo_problems({"codes": "430822;999999"}) == [(2, "codes", "unknown county '999999'")]
    # a text column with a reference holds one value: a list is not split into known names
    assert (2, "province", "unknown province '湖南省;河北省'") in demo_problems({"province": "湖南省;河北省"})
    assert demo_problems({"code": "130709"}) == [(2, "code", "'130709' is not a code of 湖南省")]


def test_empty_cells_are_checked_per_column():
    # an empty optional cell is skipped, and the cells after it are still checked
    assert demo_problems({"kind": ""}, {"kind": "z"}) == [(3, "kind", "'z' is not one of: a, b")]
    empty = [(2, "province", "is empty"), (3, "year", "is empty")]
    assert demo_problems({"province": None}, {"year": float("nan")}) == empty


def test_references_are_checked_only_when_given():
    rows = pd.DataFrame([{**GOOD, "province": "火星省", "codes": "999999"}])
    assert validate(rows, SPEC, "demo.csv", {})["province"].tolist() == ["火星省"]


def test_whole_table_problems():
    with pytest.raises(DataError) as exc:
        validate(pd.DataFrame(columns=SPEC.names), SPEC, "demo.csv", REFS)
    assert [str(p) for p in exc.value.problems] == ["demo.csv: the table has no rows"]
    closed = TableSpec("demo", "demo.csv", SPEC.columns, rows=3)
    with pytest.raises(DataError) as exc:
        validate(pd.DataFrame([GOOD, {**GOOD, "code": "430001"}]), closed, "demo.csv", REFS)
    assert [str(p) for p in exc.value.problems] == [
        "demo.csv: the table must list all 3 rows; this file has 2 (a partial table would drop the others)"
    ]


def test_valid_table_is_typed_and_reindexed():
    rows = pd.DataFrame([GOOD, {**GOOD, "code": "430000", "year": " 2020 "}], index=[7, 9])
    out = validate(rows, SPEC, "demo.csv", REFS)
    assert list(out.columns) == SPEC.names and out.index.tolist() == [0, 1]
    assert str(out["year"].dtype) == "Int64" and out["year"].tolist() == [2019, 2020]
    assert out["note"].tolist() == ["", ""] and out["kind"].tolist() == ["a", "a"]


def test_every_problem_reads_in_chinese():
    """problem_text translates each kind of message validate writes (an untranslated one stays in English)."""
    problems = [
        m
        for change in (
            {"year": "2015"},
            {"year": "x"},
            {"code": "43082"},
            {"kind": "c"},
            {"codes": "12"},
            {"codes": "999999"},
            {"province": "火星省"},
            {"code": "130709"},
            {"note": "\x1b"},
            {"note": "Ã©"},
            {"province": ""},
        )
        for _, _, m in demo_problems(change)
    ]
    problems += [m for _, _, m in demo_problems({}, {}, spec=TableSpec("d", "d.csv", SPEC.columns, rows=3))]
    problems.append("the table has no rows")
    assert len(set(problems)) >= 13
    for message in problems:
        assert re.search(r"[\u4e00-\u9fff]", problem_text(message, "zh")), message


def test_a_long_problem_list_is_cut_at_20():
    many = [Problem("f.csv", i, "c", "is empty") for i in range(2, 27)]
    lines = str(DataError(many)).split("\n")
    assert lines[:20] == [str(p) for p in many[:20]] and lines[20:] == ["… and 5 more problems"]
    assert str(DataError(many[:20])).split("\n") == [str(p) for p in many[:20]]
    assert str(DataError(many[:21])).split("\n")[20:] == ["… and 1 more problems"]
