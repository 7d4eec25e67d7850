"""A broken table is rejected with a message naming the file, line and column."""
import pandas as pd
import pytest

from ipaid import data
from ipaid.schema import DataError
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
    assert problems(frame.drop(columns=["province"]), "gis") == ["gis.csv, line 1, column 'province': column is missing"]
    frame.loc[3, "name_zh"] = ""
    assert problems(frame, "gis") == ["gis.csv, line 5, column 'name_zh': is empty"]


def test_malformed_csv_and_mojibake():
    with pytest.raises(DataError, match="empty"):
        read_table_bytes(b"", "x.csv")
    garbled = "桑植白茶".encode("utf-8").decode("latin-1")
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
