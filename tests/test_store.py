"""Version store through the upload functions: a good upload persists, a killed write loses nothing, rollback is exact."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import platformdirs
import pytest

from ipaid import data, paths, store, upload
from ipaid.auth import Steward

ROOT = Path(__file__).resolve().parent.parent
REAL_STORES = [paths.LEGACY_STORE_DIR / "versions.sqlite",
               platformdirs.user_data_path("ipaid", appauthor=False) / "store" / "versions.sqlite"]
STEWARD = Steward("tester", "local")


def _stat(path: Path):
    return (path.stat().st_mtime_ns, path.stat().st_size) if path.exists() else None


@pytest.fixture(autouse=True)
def isolated_store(tmp_path, monkeypatch):
    """Point the store (in this process and in subprocesses) at a temporary folder; the real one stays untouched."""
    before = [_stat(p) for p in REAL_STORES]
    folder = tmp_path / "store"
    monkeypatch.setattr(store, "STORE_DIR", folder)
    monkeypatch.setattr(paths, "STORE_DIR", folder)
    monkeypatch.setenv("IPAID_STORE_DIR", str(folder))
    data._load.cache_clear()
    yield folder
    data._load.cache_clear()
    assert [_stat(p) for p in REAL_STORES] == before, "a test touched a real version store"


def shipped(name: str = "gis") -> pd.DataFrame:
    return data.load_table(name).copy()


def edited_gis() -> pd.DataFrame:
    """The shipped GI table with one name changed, one row dropped and one row added."""
    gis = shipped()
    gis.loc[0, "name_en"] = "Sangzhi White Tea"
    gis = gis.drop(index=1).reset_index(drop=True)
    extra = gis.iloc[[0]].assign(gi_id="GI9001", name_zh="测试产品", name_en="Test product")
    return pd.concat([gis, extra], ignore_index=True)


def csv(df: pd.DataFrame) -> bytes:
    return data.to_csv_bytes(df)


def run_python(code: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env=os.environ.copy(), **kw)


def test_good_upload_becomes_current_and_survives_restart(isolated_store):
    new = edited_gis()
    version = upload.accept("gis", csv(new), "gis_edit.csv", "  typo fix  ", steward=STEWARD)
    assert store.current_id("gis") == version > 0
    pd.testing.assert_frame_equal(data.load_table("gis"), data.read_upload(csv(new), "gis", "x.csv"))
    assert store.versions("gis")[0].note == "typo fix"
    data._load.cache_clear()  # a restart in this process
    assert data.load_table("gis").at[0, "name_en"] == "Sangzhi White Tea"
    assert "GI9001" in set(data.load_table("gis")["gi_id"])
    out = run_python("""
        from ipaid import data, store
        gis = data.load_table("gis")
        print(store.current_id("gis"), len(gis), gis.at[0, "name_en"])
    """)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split(maxsplit=2) == [str(version), str(len(new)), "Sangzhi White Tea\n"]
    assert data.coverage().set_index("table").at["gis", "origin"].startswith(f"version {version}")


def test_diff_reports_added_removed_changed():
    change = upload.diff("gis", data.read_upload(csv(edited_gis()), "gis", "x.csv"))
    assert list(change.added["gi_id"]) == ["GI9001"]
    assert list(change.removed["gi_id"]) == [shipped().at[1, "gi_id"]]
    assert change.changed.to_dict("records") == [
        {"gi_id": shipped().at[0, "gi_id"], "column": "name_en", "old": shipped().at[0, "name_en"],
         "new": "Sangzhi White Tea"}]
    assert change.changed_rows == 1 and not change.is_empty
    assert upload.diff("gis", shipped()).is_empty


def test_write_killed_midway_leaves_previous_version_current(isolated_store):
    first = upload.accept("gis", csv(edited_gis()), "first.csv", "first", steward=STEWARD)
    expected = data.load_table("gis").copy()
    child = subprocess.Popen([sys.executable, "-c", textwrap.dedent("""
        import time
        from ipaid import store
        real = store._connect

        class Slow:  # a connection that stalls inside the transaction, right after the INSERT
            def __init__(self, con):
                self.con = con
            def __getattr__(self, name):
                return getattr(self.con, name)
            def execute(self, sql, *args):
                cur = self.con.execute(sql, *args)
                if sql.startswith("INSERT INTO versions"):
                    print("INSERTED", flush=True)
                    time.sleep(120)
                return cur

        store._connect = lambda path: Slow(real(path))
        store.add("gis", b"gi_id\\n" + b"x" * 30_000_000, 1, "killed", "big.csv", author="test")
    """)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    try:
        assert child.stdout.readline().strip() == "INSERTED", child.stderr.read()
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
    data._load.cache_clear()
    assert store.current_id("gis") == first
    assert [v.id for v in store.versions("gis")] == [first]
    pd.testing.assert_frame_equal(data.load_table("gis"), expected)
    import sqlite3
    with sqlite3.connect(store.store_path()) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    second = upload.accept("gis", csv(shipped()), "second.csv", "after the crash", steward=STEWARD)  # the store is not locked
    assert second > first and store.current_id("gis") == second


def test_rollback_restores_earlier_tables_exactly():
    original = shipped()
    v1 = upload.accept("gis", csv(edited_gis()), "v1.csv", "one", steward=STEWARD)
    table_v1 = data.load_table("gis").copy()
    v2 = upload.accept("gis", csv(original.iloc[:50]), "v2.csv", "two", steward=STEWARD)
    assert len(data.load_table("gis")) == 50
    upload.rollback("gis", v1, steward=STEWARD)
    pd.testing.assert_frame_equal(data.load_table("gis"), table_v1)
    upload.rollback("gis", 0, steward=STEWARD)
    pd.testing.assert_frame_equal(data.load_table("gis"), original)
    assert store.current("gis") is None
    upload.rollback("gis", v2, steward=STEWARD)
    assert len(data.load_table("gis")) == 50
    with pytest.raises(KeyError):
        upload.rollback("counties", v1, steward=STEWARD)  # a version of another table
    hist = upload.history("gis")
    assert list(hist["version"]) == [v2, v1, 0]
    assert list(hist["current"]) == [True, False, False]


def test_counties_upload_round_trip():
    counties = shipped("counties")
    counties.loc[0, "note"] = "checked"
    version = upload.accept("counties", csv(counties), "counties.xlsx.csv", "", steward=STEWARD)
    assert store.current_id("counties") == version
    assert data.load_table("counties").at[0, "note"] == "checked"
    assert len(data.load_counties()) == len(counties)  # joins downstream still work
    assert store.current("gis") is None  # other tables untouched
