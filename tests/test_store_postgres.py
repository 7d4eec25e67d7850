"""The version store's behaviours (tests/test_store.py) against a real PostgreSQL server (`IPAID_DATABASE_URL`).

A throwaway cluster is created in a temporary folder for the session (initdb, pg_ctl on a unix socket only,
so no port is taken), run as `nobody` when the tests run as root (initdb refuses root), and removed after.
The store tests are imported, so pytest runs the same functions here with the PostgreSQL store below.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

import test_store
from ipaid import data, db, paths, store
from ipaid.schema import DataError
from test_auth import test_replicas_count_failed_sign_ins_together  # noqa: F401 - the shared throttle on PostgreSQL
from test_store import (  # noqa: F401 - collected again here, against PostgreSQL
    lose_store,
    test_an_old_store_in_data_is_pointed_out_until_imported,
    test_counties_upload_round_trip,
    test_export_and_import_round_trip,
    test_good_upload_becomes_current_and_survives_restart,
    test_rollback_restores_earlier_tables_exactly,
    test_two_writers_at_once_one_wins_the_other_gets_conflict,
    test_write_killed_midway_leaves_previous_version_current,
)


def pg_bin(name: str) -> str | None:
    """A PostgreSQL server program: on PATH, else in Debian's /usr/lib/postgresql/<version>/bin."""
    found = shutil.which(name)
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return found or (candidates[0] if candidates else None)


@pytest.fixture(scope="session")
def postgres_url():
    """A PostgreSQL server for this test session; yields its URL (unix socket in a temporary folder)."""
    initdb, pg_ctl = pg_bin("initdb"), pg_bin("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("PostgreSQL server programs not installed (.ci/run installs them: apt-get install postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="ipaid-pg-"))
    as_user = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        nobody = pwd.getpwnam("nobody")
        os.chown(folder, nobody.pw_uid, nobody.pw_gid)
        as_user = ["runuser", "-u", "nobody", "--"]
    cluster, log = folder / "data", folder / "server.log"

    def run(*args):
        out = subprocess.run([*as_user, *map(str, args)], capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stdout + out.stderr + (log.read_text() if log.exists() else "")

    run(initdb, "-D", cluster, "-U", "ipaid", "--auth=trust", "-E", "UTF8", "--no-sync")
    options = f"-k {folder} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
    run(pg_ctl, "-D", cluster, "-l", log, "-o", options, "-w", "-t", "60", "start")
    try:
        yield f"postgresql://ipaid@/postgres?host={folder}"
    finally:
        run(pg_ctl, "-D", cluster, "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def isolated_store(postgres_url, tmp_path, monkeypatch):
    """Every store call (here and in subprocesses) goes to the PostgreSQL server, emptied before each test;
    IPAID_STORE_DIR (where an import keeps the store it replaces) is a temporary folder."""
    before = [test_store._stat(p) for p in test_store.REAL_STORES]
    folder = tmp_path / "store"
    monkeypatch.setattr(store, "STORE_DIR", folder)
    monkeypatch.setattr(paths, "STORE_DIR", folder)
    monkeypatch.setenv("IPAID_STORE_DIR", str(folder))
    monkeypatch.setenv(db.ENV, postgres_url)
    lose_store()
    data._load.cache_clear()
    yield folder
    data._load.cache_clear()
    assert [test_store._stat(p) for p in test_store.REAL_STORES] == before, "a test touched a real version store"
    assert not folder.joinpath("versions.sqlite").exists(), "a write went to SQLite, not PostgreSQL"


def test_the_store_is_postgresql(postgres_url):
    """The tests above really ran against PostgreSQL: the URL is used, with the psycopg 3 driver."""
    assert store.location().startswith("postgresql+psycopg://ipaid@")
    version = store.add("gis", b"gi_id\n", 0, "probe", "probe.csv", author="test")
    with db.reading(db.ready(db.url_for(postgres_url))) as con:
        assert con.dialect.name == "postgresql"
        assert con.exec_driver_sql("SELECT version_id FROM current WHERE table_name = 'gis'").scalar() == version


def test_an_unreachable_server_is_a_clear_error(monkeypatch, capsys):
    """A server that cannot be reached is a data problem naming the store (password hidden), which pages show
    as a message (ui.page_guard); the command line says what failed. No traceback."""
    url = "postgresql://ipaid:s3cret@/postgres?host=/nonexistent-socket-dir&connect_timeout=2"
    monkeypatch.setenv(db.ENV, url)
    data._load.cache_clear()
    with pytest.raises(DataError, match="version store cannot be reached") as info:
        data.load_table("gis")
    assert "s3cret" not in str(info.value) and "postgresql+psycopg://ipaid:***@" in str(info.value)
    assert store.main(["export", str(Path(tempfile.mkdtemp()) / "x.sqlite")]) == 2
    assert "Failed:" in capsys.readouterr().err


def test_an_unreachable_server_is_tried_once_per_page_run(monkeypatch):
    """Pages that carry on after a store problem (a filter table, coverage) ask again: within one run the
    failure is remembered, so a run waits for one connection timeout, not one per question."""
    monkeypatch.setenv(db.ENV, "postgresql://ipaid:x@/postgres?host=/nonexistent-socket-dir&connect_timeout=2")
    tries, real = [], store.current_versions
    monkeypatch.setattr(store, "current_versions", lambda *a: tries.append(a) or real(*a))
    with store.one_read_per_run():
        for table in ("gis", "counties", "gis"):
            with pytest.raises(store.Unavailable):
                store.current_version(table)
    assert len(tries) == 1
