"""Versions of uploaded tables in one database: each accepted upload is a version, one is current.

By default the database is one SQLite file (`IPAID_STORE_DIR`); with `IPAID_DATABASE_URL` it is PostgreSQL,
shared by replicas on several hosts (`ipaid.db`, one SQLAlchemy code path for both). Version 0 is the table
shipped in `data/`, which is never modified. Every write is one transaction, so a crash mid-write leaves the
previous version current and readable. A write names its author and the version it expects to replace; if
another steward changed the table meanwhile, it raises `Conflict` and changes nothing.

    python -m ipaid.store export FILE   # every version, author, note and current pointer, as one SQLite file
    python -m ipaid.store import FILE   # restore such a file (the store it replaces is kept beside it)
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sqlite3
import sys
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import delete, func, insert, inspect, select
from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError

from ipaid import db
from ipaid.db import current as CURRENT
from ipaid.db import versions as VERSIONS
from ipaid.paths import LEGACY_STORE_DIR, STORE_DIR
from ipaid.schema import DataError, Problem

VERSION_COLUMNS = [VERSIONS.c[n] for n in ("id", "table_name", "created_at", "rows", "note", "filename", "sha256")]
VERSION_COLUMNS.append(VERSIONS.c.author)


@dataclass(frozen=True)
class Version:
    id: int
    table: str
    created_at: str
    rows: int
    note: str
    filename: str
    sha256: str
    author: str = ""


class Conflict(Exception):
    """The table changed since the caller looked: `current` (0 = shipped) was made current by `author` at `at`."""

    def __init__(self, table: str, expected: int, current: int, author: str, at: str):
        super().__init__(
            f"table '{table}' changed: expected version {expected}, now {current} ({author or 'unknown'}, {at})"
        )
        self.table, self.expected, self.current, self.author, self.at = table, expected, current, author, at


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def store_path() -> Path:
    """The SQLite store file (the default store, and where import keeps the store it replaces)."""
    return STORE_DIR / "versions.sqlite"


def _url(path: Path | str | None = None):
    """The store's database: `path` when given, else `IPAID_DATABASE_URL`, else the SQLite file."""
    return db.url_for(path if path is not None else os.environ.get(db.ENV) or store_path())


def engine(path: Path | str | None = None):
    """The store's database, its tables created: also where state shared by replicas lives (sign-in failures)."""
    return db.ready(_url(path))


def location(path: Path | str | None = None) -> str:
    """Where the store is (file path, or the database URL without its password)."""
    return db.describe(_url(path))


class Unavailable(DataError):
    """The store's database cannot be reached (server down, wrong URL): pages show it as a data problem."""


@contextmanager
def _reachable(url):
    try:
        yield
    except (OperationalError, InterfaceError) as exc:
        reason = str(exc.orig or exc).strip().splitlines()[0]
        problem = Problem(db.describe(url), None, None, f"the version store cannot be reached: {reason}")
        raise Unavailable([problem]) from exc


def _read(path, query, default):
    """Run `query(con)` in a read transaction; `default` when the store was never written (no file yet)."""
    url = _url(path)
    if not db.exists(url):
        return default
    with _reachable(url), db.reading(db.ready(url)) as con:
        return query(con)


_RUN_READS: ContextVar[dict | None] = ContextVar("ipaid_store_run_reads", default=None)


@contextmanager
def one_read_per_run():
    """Within the block (one page run), the current versions are read from the store once, in one query,
    instead of once per table per call (a map run asked about 30 times); a write in the block reads again.
    Another replica's upload is seen on the next run."""
    token = _RUN_READS.set({})
    try:
        yield
    finally:
        _RUN_READS.reset(token)


def run_reads() -> dict | None:
    """The reads memo of the current `one_read_per_run` block (None outside one); a write clears it."""
    return _RUN_READS.get()


def _forget_reads() -> None:
    reads = _RUN_READS.get()
    if reads is not None:
        reads.clear()


def current_versions(path: Path | None = None) -> dict[str, Version]:
    """The current uploaded version of every table that has one (without their bytes), in one query."""
    joined = CURRENT.join(VERSIONS, VERSIONS.c.id == CURRENT.c.version_id)
    query = select(*VERSION_COLUMNS).select_from(joined)
    rows = _read(path, lambda con: con.execute(query).all(), [])
    return {version.table: version for version in (Version(*row) for row in rows)}


def current_version(table: str, path: Path | None = None) -> Version | None:
    """The current uploaded version of a table (without its bytes), or None when the shipped file is current.

    Read on every page run to tell whether a table changed (also by other replicas), so it reads no content;
    inside `one_read_per_run` all tables are read once per run.
    """
    reads = _RUN_READS.get()
    if reads is not None:
        key = str(path)
        if key not in reads:
            try:
                reads[key] = current_versions(path)
            except Unavailable as exc:  # tried once per run: callers that carry on would wait again each time
                reads[key] = exc
        if isinstance(reads[key], Unavailable):
            raise reads[key]
        return reads[key].get(table)
    joined = CURRENT.join(VERSIONS, VERSIONS.c.id == CURRENT.c.version_id)
    query = select(*VERSION_COLUMNS).select_from(joined).where(CURRENT.c.table_name == table)
    row = _read(path, lambda con: con.execute(query).first(), None)
    return Version(*row) if row else None


def current(table: str, path: Path | None = None) -> tuple[Version, bytes] | None:
    """The current uploaded version of a table and its bytes, or None when the shipped file is current."""
    version = current_version(table, path)
    return (version, version_content(version.id, path)) if version else None


def current_id(table: str, path: Path | None = None) -> int:
    """0 for the shipped table, else the id of the current uploaded version."""
    version = current_version(table, path)
    return version.id if version else 0


def _pointer(con, table: str) -> tuple[int, str, str]:
    row = con.execute(
        select(CURRENT.c.version_id, CURRENT.c.author, CURRENT.c.changed_at).where(CURRENT.c.table_name == table)
    ).first()
    return tuple(row) if row else (0, "", "")


def _check_expected(con, table: str, expected: int | None) -> None:
    """Inside the write transaction: refuse unless `expected` (None: no check) is still the current version."""
    if expected is None:
        return
    now_id, author, at = _pointer(con, table)
    if now_id != expected:
        raise Conflict(table, expected, now_id, author, at)


def _set_pointer(con, table: str, version_id: int, author: str) -> None:
    con.execute(delete(CURRENT).where(CURRENT.c.table_name == table))
    con.execute(insert(CURRENT).values(table_name=table, version_id=version_id, author=author, changed_at=_now()))


def _write(path, work):
    """Run `work(con)` in one write transaction (other writers wait); returns its result."""
    url = _url(path)
    _forget_reads()
    try:
        with _reachable(url), db.writing(db.ready(url)) as con:
            return work(con)
    finally:
        _forget_reads()


def add(
    table: str,
    content: bytes,
    rows: int,
    note: str,
    filename: str,
    path: Path | None = None,
    *,
    author: str,
    expected: int | None = None,
) -> int:
    """Store a validated table as a new version by `author` and make it current, in one transaction.

    With `expected`, refuse (Conflict) unless that version (0 = shipped) is still current.
    """
    digest = hashlib.sha256(content).hexdigest()

    def work(con):
        _check_expected(con, table, expected)
        values = dict(table_name=table, created_at=_now(), rows=rows, note=note, filename=filename)
        result = con.execute(insert(VERSIONS).values(**values, sha256=digest, content=content, author=author))
        version_id = int(result.inserted_primary_key[0])
        _set_pointer(con, table, version_id, author)
        return version_id

    return _write(path, work)


def versions(table: str, path: Path | None = None) -> list[Version]:
    """Every uploaded version of a table, newest first."""
    query = select(*VERSION_COLUMNS).where(VERSIONS.c.table_name == table).order_by(VERSIONS.c.id.desc())
    return [Version(*r) for r in _read(path, lambda con: con.execute(query).all(), [])]


def version_content(version_id: int, path: Path | None = None) -> bytes:
    query = select(VERSIONS.c.content).where(VERSIONS.c.id == version_id)
    row = _read(path, lambda con: con.execute(query).first(), None)
    if row is None:
        raise KeyError(f"no version {version_id}")
    return bytes(row[0])


def set_current(
    table: str, version_id: int, path: Path | None = None, *, author: str, expected: int | None = None
) -> None:
    """Roll back (or forward) to a stored version; 0 returns to the shipped table. Conflict as in `add`."""

    def work(con):
        _check_expected(con, table, expected)
        if version_id != 0:
            row = con.execute(select(VERSIONS.c.table_name).where(VERSIONS.c.id == version_id)).first()
            if row is None or row[0] != table:
                raise KeyError(f"no version {version_id} of table '{table}'")
        _set_pointer(con, table, version_id, author)  # 0 = shipped, with who chose it and when

    _write(path, work)


def _is_empty(path=None) -> bool:
    def query(con):
        return not any(con.execute(select(t).limit(1)).first() for t in (VERSIONS.c.id, CURRENT.c.table_name))

    return _read(path, query, True)


def legacy_store(path: Path | None = None) -> Path | None:
    """The store file older deployments kept in data/store/, when it exists and this store is still empty
    (so its versions are not lost silently after an upgrade: `python -m ipaid.store import` moves them)."""
    old = LEGACY_STORE_DIR / "versions.sqlite"
    url = _url(path)
    if not old.exists() or (db.is_sqlite(url) and old.resolve() == Path(url.database).resolve()):
        return None
    return old if _is_empty(path) else None


def last_change(table: str, path: Path | None = None) -> tuple[int, str, str]:
    """The current version id (0 = shipped), who made it current and when ('' when never changed)."""
    return _read(path, lambda con: _pointer(con, table), (0, "", ""))


def _copy(src, dst) -> int:
    """Every version and current pointer from connection `src` into `dst` (ids kept); returns versions copied.

    Columns an older store lacks (authors) get their defaults."""
    count = 0
    for table in (VERSIONS, CURRENT):
        have = {c["name"] for c in inspect(src).get_columns(table.name)}
        columns = [c for c in table.c if c.name in have]
        result = src.execute(select(*columns).execution_options(yield_per=16))
        for rows in result.partitions():
            dst.execute(insert(table), [dict(r._mapping) for r in rows])
            count += len(rows) if table is VERSIONS else 0
    db.reset_ids(dst)
    return count


def export(target: Path, path: Path | None = None) -> int:
    """Copy the whole store (every version, author, note and current pointer) to the SQLite file `target`, as
    one consistent snapshot while the dashboard runs; returns the number of versions."""
    target = Path(target)
    if target.exists():
        raise FileExistsError(f"{target} exists; choose a new file name")
    url, out = _url(path), db.url_for(target)
    try:
        with db.reading(db.ready(url), snapshot=True) as src, db.writing(db.ready(out)) as dst:
            return _copy(src, dst)
    finally:
        db.release(out)


def _kept_name(path) -> Path:
    url = _url(path)
    base = Path(url.database) if db.is_sqlite(url) else store_path()
    return base.with_name(f"{base.stem}.before-import-{_now().replace(':', '')}{base.suffix}")


def restore(source: Path, path: Path | None = None) -> tuple[int, Path | None]:
    """Replace the store's contents with an exported file; the replaced store is first exported beside it
    (beside the SQLite file, or in IPAID_STORE_DIR for PostgreSQL).

    Returns the number of versions restored and where the previous store was kept (None if it was empty).
    """
    source = Path(source)
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as check:
        try:
            ok = check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            names = {r[0] for r in check.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError:
            ok, names = False, set()
    check.close()
    if not ok or not {"versions", "current"} <= names:
        raise ValueError(f"{source} is not an IP Aid version store export")
    kept = None
    if not _is_empty(path):
        kept = _kept_name(path)
        export(kept, path)
    src_engine = db.readonly_sqlite(source)
    _forget_reads()
    try:
        with db.reading(src_engine) as src, db.writing(db.ready(_url(path))) as dst:
            dst.execute(delete(CURRENT))
            dst.execute(delete(VERSIONS))
            _copy(src, dst)
            count = dst.execute(select(func.count()).select_from(VERSIONS)).scalar_one()
    finally:
        src_engine.dispose()
        _forget_reads()
    return count, kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ipaid.store", description="Back up or restore the version store.")
    parser.add_argument("action", choices=("export", "import"))
    parser.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.action == "export":
            print(f"Exported {export(args.file)} versions from {location()} to {args.file}.")
        else:
            count, kept = restore(args.file)
            print(
                f"Restored {count} versions into {location()}."
                + (f" The previous store is kept as {kept}." if kept else "")
            )
    except (OSError, ValueError, sqlite3.Error, SQLAlchemyError) as exc:
        print(f"Failed: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
