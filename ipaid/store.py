"""Versions of uploaded tables in one SQLite file: each accepted upload is a version, one is current.

Version 0 is the table shipped in `data/`, which is never modified. Every write is one SQLite
transaction, so a crash mid-write leaves the previous version current and readable.
"""
from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ipaid.paths import STORE_DIR

SCHEMA = """
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    table_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    rows INTEGER NOT NULL,
    note TEXT NOT NULL,
    filename TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS current (
    table_name TEXT PRIMARY KEY,
    version_id INTEGER NOT NULL
);
"""


@dataclass(frozen=True)
class Version:
    id: int
    table: str
    created_at: str
    rows: int
    note: str
    filename: str
    sha256: str


def store_path() -> Path:
    return STORE_DIR / "versions.sqlite"


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=30, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.executescript(SCHEMA)
    return con


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
        row = con.execute(
            "SELECT v.id, v.table_name, v.created_at, v.rows, v.note, v.filename, v.sha256 "
            "FROM current c JOIN versions v ON v.id = c.version_id WHERE c.table_name = ?", (table,)).fetchone()
    return Version(*row) if row else None


def current(table: str, path: Path | None = None) -> tuple[Version, bytes] | None:
    """The current uploaded version of a table and its bytes, or None when the shipped file is current."""
    version = current_version(table, path)
    return (version, version_content(version.id, path)) if version else None


def current_id(table: str, path: Path | None = None) -> int:
    """0 for the shipped table, else the id of the current uploaded version."""
    version = current_version(table, path)
    return version.id if version else 0


def add(table: str, content: bytes, rows: int, note: str, filename: str, path: Path | None = None) -> int:
    """Store a validated table as a new version and make it current, in one transaction."""
    path = path or store_path()
    stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
    digest = hashlib.sha256(content).hexdigest()
    with closing(_connect(path)) as con:
        con.execute("BEGIN IMMEDIATE")
        try:
            cur = con.execute(
                "INSERT INTO versions (table_name, created_at, rows, note, filename, sha256, content) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)", (table, stamp, rows, note, filename, digest, content))
            version_id = cur.lastrowid
            con.execute("INSERT OR REPLACE INTO current (table_name, version_id) VALUES (?, ?)", (table, version_id))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return int(version_id)


def versions(table: str, path: Path | None = None) -> list[Version]:
    """Every uploaded version of a table, newest first."""
    path = path or store_path()
    if not path.exists():
        return []
    with closing(_connect(path)) as con:
        rows = con.execute(
            "SELECT id, table_name, created_at, rows, note, filename, sha256 FROM versions "
            "WHERE table_name = ? ORDER BY id DESC", (table,)).fetchall()
    return [Version(*r) for r in rows]


def version_content(version_id: int, path: Path | None = None) -> bytes:
    path = path or store_path()
    with closing(_connect(path)) as con:
        row = con.execute("SELECT content FROM versions WHERE id = ?", (version_id,)).fetchone()
    if row is None:
        raise KeyError(f"no version {version_id}")
    return bytes(row[0])


def set_current(table: str, version_id: int, path: Path | None = None) -> None:
    """Roll back (or forward) to a stored version; 0 returns to the shipped table."""
    path = path or store_path()
    with closing(_connect(path)) as con:
        con.execute("BEGIN IMMEDIATE")
        if version_id == 0:
            con.execute("DELETE FROM current WHERE table_name = ?", (table,))
        else:
            row = con.execute("SELECT table_name FROM versions WHERE id = ?", (version_id,)).fetchone()
            if row is None or row[0] != table:
                con.execute("ROLLBACK")
                raise KeyError(f"no version {version_id} of table '{table}'")
            con.execute("INSERT OR REPLACE INTO current (table_name, version_id) VALUES (?, ?)", (table, version_id))
        con.execute("COMMIT")
