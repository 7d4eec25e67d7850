"""Version store through the upload functions: a good upload persists, a killed write loses nothing,
rollback is exact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pandas as pd
import platformdirs
import pytest
from sqlalchemy import Engine, event

from ipaid import data, db, paths, store, upload
from ipaid.auth import Steward

ROOT = Path(__file__).resolve().parent.parent
REAL_STORES = [
    paths.LEGACY_STORE_DIR / "versions.sqlite",
    platformdirs.user_data_path("ipaid", appauthor=False) / "store" / "versions.sqlite",
]
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


def lose_store() -> None:
    """The store is lost: its SQLite file deleted, or its PostgreSQL tables emptied (ids start again at 1)."""
    url = os.environ.get(db.ENV)
    if url:
        with db.writing(db.ready(db.url_for(url))) as con:
            con.exec_driver_sql('TRUNCATE "current", versions, sign_in_failures RESTART IDENTITY')
        return
    store.store_path().unlink()
    for suffix in ("-wal", "-shm"):
        Path(str(store.store_path()) + suffix).unlink(missing_ok=True)


def run_python(code: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ.copy(),
        **kw,
    )


def test_good_upload_becomes_current_and_survives_restart(isolated_store):
    new = edited_gis()
    version = upload.accept("gis", csv(new), "gis_edit.csv", "  typo fix  ", steward=STEWARD)
    assert store.current_id("gis") == version > 0
    pd.testing.assert_frame_equal(data.load_table("gis"), upload.check("gis", csv(new), "x.csv"))
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
    change = upload.diff("gis", upload.check("gis", csv(edited_gis()), "x.csv"))
    assert list(change.added["gi_id"]) == ["GI9001"]
    assert list(change.removed["gi_id"]) == [shipped().at[1, "gi_id"]]
    assert change.changed.to_dict("records") == [
        {
            "gi_id": shipped().at[0, "gi_id"],
            "column": "name_en",
            "old": shipped().at[0, "name_en"],
            "new": "Sangzhi White Tea",
        }
    ]
    assert change.changed_rows == 1 and not change.is_empty
    assert upload.diff("gis", shipped()).is_empty


def test_write_killed_midway_leaves_previous_version_current(isolated_store):
    first = upload.accept("gis", csv(edited_gis()), "first.csv", "first", steward=STEWARD)
    expected = data.load_table("gis").copy()
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent("""
        import time
        from sqlalchemy import Engine, event
        from ipaid import store

        @event.listens_for(Engine, "after_cursor_execute")
        def stall(conn, cursor, statement, *args):  # stall inside the transaction, right after the INSERT
            if statement.startswith("INSERT INTO versions"):
                print("INSERTED", flush=True)
                time.sleep(120)

        store.add("gis", b"gi_id\\n" + b"x" * 30_000_000, 1, "killed", "big.csv", author="test")
    """),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
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
    if not os.environ.get(db.ENV):
        import sqlite3

        with sqlite3.connect(store.store_path()) as con:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    second = upload.accept(
        "gis", csv(shipped()), "second.csv", "after the crash", steward=STEWARD
    )  # the store is not locked
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


def test_old_store_files_gain_the_author_column(isolated_store):
    """A store written before authors were recorded is migrated in place (ALTER TABLE) and keeps its versions."""
    import sqlite3

    path = store.store_path()
    path.parent.mkdir(parents=True)
    table = shipped()
    with sqlite3.connect(path) as con:
        con.executescript("""
            CREATE TABLE versions (id INTEGER PRIMARY KEY AUTOINCREMENT, table_name TEXT NOT NULL,
                created_at TEXT NOT NULL, rows INTEGER NOT NULL, note TEXT NOT NULL, filename TEXT NOT NULL,
                sha256 TEXT NOT NULL, content BLOB NOT NULL);
            CREATE TABLE current (table_name TEXT PRIMARY KEY, version_id INTEGER NOT NULL);""")
        con.execute(
            "INSERT INTO versions VALUES (7, 'gis', '2026-01-01T00:00:00+00:00', ?, 'old', 'old.csv', '', ?)",
            (len(table), csv(table)),
        )
        con.execute("INSERT INTO current VALUES ('gis', 7)")
    assert store.current_version("gis").author == ""  # readable before any write
    assert upload.history("gis")["author"].tolist() == ["", ""]
    upload.rollback("gis", 0, steward=STEWARD, expected=7)
    assert store.last_change("gis")[:2] == (0, STEWARD.label)
    with sqlite3.connect(path) as con:
        assert "author" in {r[1] for r in con.execute("PRAGMA table_info(versions)")}


def test_an_export_made_in_a_running_process_is_one_file(isolated_store, tmp_path):
    """An export is a file to carry elsewhere: no -wal or -shm beside it while the dashboard that made it runs."""
    upload.accept("gis", csv(edited_gis()), "v1.csv", "one", steward=STEWARD)
    assert store.export(tmp_path / "x.sqlite") == 1
    assert sorted(f.name for f in tmp_path.glob("x.sqlite*")) == ["x.sqlite"]
    assert [v.note for v in store.versions("gis", tmp_path / "x.sqlite")] == ["one"]


def test_export_and_import_round_trip(isolated_store, tmp_path):
    v1 = upload.accept("gis", csv(edited_gis()), "v1.csv", "one", steward=STEWARD)
    v2 = upload.accept("counties", csv(shipped("counties")), "c.csv", "two", steward=Steward("bob", "oidc"))
    upload.rollback("gis", 0, steward=STEWARD)
    before = {t: (store.current_id(t), store.versions(t), store.last_change(t)) for t in ("gis", "counties")}
    backup = tmp_path / "backup.sqlite"
    out = run_python(f"from ipaid import store; store.main(['export', {str(backup)!r}])")
    assert out.returncode == 0 and "Exported 2 versions" in out.stdout, out.stderr
    assert not list(tmp_path.glob("backup.sqlite-*"))  # one file: no -wal or -shm beside it
    lose_store()
    upload.accept("gis", csv(shipped().iloc[:10]), "other.csv", "written after the loss", steward=STEWARD)
    out = run_python(f"from ipaid import store; store.main(['import', {str(backup)!r}])")
    assert out.returncode == 0 and "Restored 2 versions" in out.stdout, out.stderr
    data._load.cache_clear()
    after = {t: (store.current_id(t), store.versions(t), store.last_change(t)) for t in ("gis", "counties")}
    assert after == before and {v.author for v in after["counties"][1]} == {"bob (oidc)"}
    assert store.version_content(v1) and store.current_id("counties") == v2
    kept = list(store.store_path().parent.glob("versions.before-import-*.sqlite"))
    assert len(kept) == 1 and not list(kept[0].parent.glob(f"{kept[0].name}-*"))  # one file, as the export
    assert [v.note for v in store.versions("gis", kept[0])] == ["written after the loss"]
    newer = upload.accept("gis", csv(edited_gis()), "after.csv", "after the import", steward=STEWARD)
    assert newer > max(v2, v1) and store.current_id("gis") == newer  # ids go on after the restored ones
    garbage = tmp_path / "not.sqlite"
    garbage.write_bytes(b"not a database")
    with pytest.raises(ValueError):
        store.restore(garbage)
    assert store.current_id("counties") == v2 and store.current_id("gis") == newer  # a bad file changes nothing


def test_store_lives_outside_the_checkout_unless_configured():
    out = subprocess.run(
        [sys.executable, "-c", "from ipaid import paths; print(paths.STORE_DIR)"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if k != "IPAID_STORE_DIR"},
    )
    default = Path(out.stdout.strip())
    assert default == platformdirs.user_data_path("ipaid", appauthor=False) / "store"
    assert ROOT not in default.parents
    assert paths.STORE_DIR == Path(os.environ["IPAID_STORE_DIR"])  # the variable wins (the tests use it)


def test_an_old_store_in_data_is_pointed_out_until_imported(isolated_store, tmp_path, monkeypatch):
    legacy = tmp_path / "old" / "versions.sqlite"
    monkeypatch.setattr(store, "LEGACY_STORE_DIR", legacy.parent)
    assert store.legacy_store() is None  # nothing there
    upload.accept("gis", csv(edited_gis()), "old.csv", "before the update", steward=STEWARD, path=legacy)
    assert store.legacy_store() == legacy  # the new store is empty: point at the old one
    store.restore(legacy)
    assert store.legacy_store() is None and store.versions("gis")[0].note == "before the update"


def test_two_writers_at_once_one_wins_the_other_gets_conflict():
    """Two stewards confirm against the same version at the same moment: exactly one version is stored, and the
    other write raises Conflict naming it (the check and the write are one step for every backend)."""
    inserted, release = threading.Event(), threading.Event()

    def stall(conn, cursor, statement, *args):  # the first writer pauses inside its transaction
        if statement.startswith("INSERT INTO versions") and threading.current_thread().name == "first":
            inserted.set()
            release.wait(10)

    results = {}

    def write(name):
        try:
            results[name] = upload.accept("gis", csv(edited_gis()), f"{name}.csv", name, steward=STEWARD, expected=0)
        except Exception as exc:  # noqa: BLE001 - the test inspects it
            results[name] = exc

    event.listen(Engine, "after_cursor_execute", stall)
    try:
        first = threading.Thread(target=write, args=("first",), name="first")
        second = threading.Thread(target=write, args=("second",), name="second")
        first.start()
        assert inserted.wait(30)
        second.start()
        second.join(1.5)  # it must wait for the first to finish, not go ahead
        assert second.is_alive() and "second" not in results
        release.set()
        first.join(30)
        second.join(30)
    finally:
        release.set()
        event.remove(Engine, "after_cursor_execute", stall)
    assert isinstance(results["first"], int), results
    assert isinstance(results["second"], store.Conflict), results
    assert results["second"].current == results["first"] == store.current_id("gis")
    assert [v.id for v in store.versions("gis")] == [results["first"]]


def test_a_page_run_reads_the_store_once_and_sees_its_own_write_at_once(isolated_store, monkeypatch):
    again = edited_gis()
    again.loc[0, "name_en"] = "Sangzhi Tea"
    first = upload.accept("gis", csv(edited_gis()), "a.csv", "", steward=STEWARD)
    reads, real = [], store._read
    monkeypatch.setattr(store, "_read", lambda *args: reads.append(args) or real(*args))
    with store.one_read_per_run():
        assert store.current_id("gis") == first and store.current_version("areas") is None
        assert [data.table_source(n)[1] for n in ("gis", "gis")] == [f"version {first} (a.csv)"] * 2
        assert len(reads) == 1  # every table's version in one query, once
        second = upload.accept("gis", csv(again), "b.csv", "", steward=STEWARD)
        assert store.current_id("gis") == second and data.table_source("gis")[1] == f"version {second} (b.csv)"
    reads.clear()
    assert store.current_id("gis") == store.current_id("gis") == second
    assert len(reads) == 2  # outside a page run every call reads (another process may have written)
