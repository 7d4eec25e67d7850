"""Versions of uploaded tables in one SQLite file: each accepted upload is a version, one is current.

Version 0 is the table shipped in `data/`, which is never modified. Every write is one SQLite
transaction, so a crash mid-write leaves the previous version current and readable. A write names its
author and the version it expects to replace; if another steward changed the table meanwhile, it raises
`Conflict` and changes nothing.

    python -m ipaid.store export FILE   # every version, author, note and current pointer, as one SQLite file
    python -m ipaid.store import FILE   # restore such a file (the store it replaces is kept beside it)
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import sys
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ipaid.paths import LEGACY_STORE_DIR, STORE_DIR

SCHEMA = """
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    table_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    rows INTEGER NOT NULL,
    note TEXT NOT NULL,
    filename TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL,
    author TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS current (
    table_name TEXT PRIMARY KEY,
    version_id INTEGER NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    changed_at TEXT NOT NULL DEFAULT ''
);
"""
# Columns added since the first stores were written: (table, column, definition), added by ALTER TABLE.
MIGRATIONS = (
    ("versions", "author", "TEXT NOT NULL DEFAULT ''"),
    ("current", "author", "TEXT NOT NULL DEFAULT ''"),
    ("current", "changed_at", "TEXT NOT NULL DEFAULT ''"),
)
VERSION_COLUMNS = "v.id, v.table_name, v.created_at, v.rows, v.note, v.filename, v.sha256, v.author"


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
    return STORE_DIR / "versions.sqlite"


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=30, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.executescript(SCHEMA)
    _migrate(con)
    return con


def _migrate(con: sqlite3.Connection) -> None:
    """Add the columns older store files lack (author, who changed the current pointer and when)."""
    for table, column, definition in MIGRATIONS:
        if column not in {r[1] for r in con.execute(f"PRAGMA table_info({table})")}:
            con.execute(f"ALTER TABLE {table} ADD COLUMN {column} {definition}")


def current_version(table: str, path: Path | None = None) -> Version | None:
    """The current uploaded version of a table (without its bytes), or None when the shipped file is current.

    Read on every page run to tell whether a table changed, so it opens the file read-only and reads no content.
    """
    path = path or store_path()
    if not path.exists():
        return None
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)) as con:
        if not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'current'").fetchone():
            return None
        try:
            row = con.execute(
                f"SELECT {VERSION_COLUMNS} FROM current c JOIN versions v ON v.id = c.version_id "
                "WHERE c.table_name = ?",
                (table,),
            ).fetchone()
        except sqlite3.OperationalError:  # a store written before the author column
            row = False
    if row is False:
        _connect(path).close()  # migrates it, once
        return current_version(table, path)
    return Version(*row) if row else None


def current(table: str, path: Path | None = None) -> tuple[Version, bytes] | None:
    """The current uploaded version of a table and its bytes, or None when the shipped file is current."""
    version = current_version(table, path)
    return (version, version_content(version.id, path)) if version else None


def current_id(table: str, path: Path | None = None) -> int:
    """0 for the shipped table, else the id of the current uploaded version."""
    version = current_version(table, path)
    return version.id if version else 0


def _check_expected(con: sqlite3.Connection, table: str, expected: int | None) -> None:
    """Inside the write transaction: refuse unless `expected` (None: no check) is still the current version."""
    if expected is None:
        return
    row = con.execute("SELECT version_id, author, changed_at FROM current WHERE table_name = ?", (table,)).fetchone()
    now_id, author, at = row if row else (0, "", "")
    if now_id != expected:
        raise Conflict(table, expected, now_id, author, at)


def _set_pointer(con: sqlite3.Connection, table: str, version_id: int, author: str) -> None:
    con.execute(
        "INSERT OR REPLACE INTO current (table_name, version_id, author, changed_at) VALUES (?, ?, ?, ?)",
        (table, version_id, author, _now()),
    )


def _write(path: Path, work) -> int:
    """Run `work(con)` in one BEGIN IMMEDIATE transaction (other writers wait); returns its result."""
    with closing(_connect(path)) as con:
        con.execute("BEGIN IMMEDIATE")
        try:
            out = work(con)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return out


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
        cur = con.execute(
            "INSERT INTO versions (table_name, created_at, rows, note, filename, sha256, content, author) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (table, _now(), rows, note, filename, digest, content, author),
        )
        _set_pointer(con, table, cur.lastrowid, author)
        return int(cur.lastrowid)

    return _write(path or store_path(), work)


def versions(table: str, path: Path | None = None) -> list[Version]:
    """Every uploaded version of a table, newest first."""
    path = path or store_path()
    if not path.exists():
        return []
    with closing(_connect(path)) as con:
        rows = con.execute(
            f"SELECT {VERSION_COLUMNS} FROM versions v WHERE table_name = ? ORDER BY id DESC", (table,)
        ).fetchall()
    return [Version(*r) for r in rows]


def version_content(version_id: int, path: Path | None = None) -> bytes:
    path = path or store_path()
    with closing(_connect(path)) as con:
        row = con.execute("SELECT content FROM versions WHERE id = ?", (version_id,)).fetchone()
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
            row = con.execute("SELECT table_name FROM versions WHERE id = ?", (version_id,)).fetchone()
            if row is None or row[0] != table:
                raise KeyError(f"no version {version_id} of table '{table}'")
        _set_pointer(con, table, version_id, author)  # 0 = shipped, with who chose it and when

    _write(path or store_path(), work)


def legacy_store(path: Path | None = None) -> Path | None:
    """The store file older deployments kept in data/store/, when it exists and this store is still empty
    (so its versions are not lost silently after an upgrade: `python -m ipaid.store import` moves them)."""
    old = LEGACY_STORE_DIR / "versions.sqlite"
    path = path or store_path()
    if not old.exists() or old.resolve() == path.resolve():
        return None
    if path.exists():
        with closing(_connect(path)) as con:
            if con.execute("SELECT 1 FROM versions LIMIT 1").fetchone():
                return None
    return old


def last_change(table: str, path: Path | None = None) -> tuple[int, str, str]:
    """The current version id (0 = shipped), who made it current and when ('' when never changed)."""
    path = path or store_path()
    if not path.exists():
        return 0, "", ""
    with closing(_connect(path)) as con:
        row = con.execute(
            "SELECT version_id, author, changed_at FROM current WHERE table_name = ?", (table,)
        ).fetchone()
    return tuple(row) if row else (0, "", "")


def export(target: Path, path: Path | None = None) -> int:
    """Copy the whole store (every version, author, note and current pointer) to `target`; returns versions."""
    path = path or store_path()
    target = Path(target)
    if target.exists():
        raise FileExistsError(f"{target} exists; choose a new file name")
    with closing(_connect(path)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
        return dst.execute("SELECT COUNT(*) FROM versions").fetchone()[0]


def restore(source: Path, path: Path | None = None) -> tuple[int, Path | None]:
    """Replace the store with an exported file; the replaced store is first exported beside it.

    Returns the number of versions restored and where the previous store was kept (None if there was none).
    """
    path = path or store_path()
    source = Path(source)
    with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src:
        try:
            ok = src.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            names = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError:
            ok, names = False, set()
        if not ok or not {"versions", "current"} <= names:
            raise ValueError(f"{source} is not an IP Aid version store export")
        kept = None
        if path.exists():
            kept = path.with_name(f"{path.stem}.before-import-{_now().replace(':', '')}{path.suffix}")
            export(kept, path)
        with closing(_connect(path)) as dst:
            src.backup(dst)
            _migrate(dst)  # an export from an older store gets the new columns too
            count = dst.execute("SELECT COUNT(*) FROM versions").fetchone()[0]
    return count, kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ipaid.store", description="Back up or restore the version store.")
    parser.add_argument("action", choices=("export", "import"))
    parser.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.action == "export":
            print(f"Exported {export(args.file)} versions from {store_path()} to {args.file}.")
        else:
            count, kept = restore(args.file)
            print(
                f"Restored {count} versions into {store_path()}."
                + (f" The previous store is kept as {kept}." if kept else "")
            )
    except (OSError, ValueError, sqlite3.Error) as exc:
        print(f"Failed: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
