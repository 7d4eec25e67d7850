"""The version store's database: one SQLAlchemy code path for SQLite (the embedded default, one file) and
PostgreSQL (`IPAID_DATABASE_URL=postgresql://user:password@host/db`, shared by replicas on several hosts).

Writers are serialised the same way on both: SQLite by `BEGIN IMMEDIATE`, PostgreSQL by locking the
`current` table (readers are never blocked), so the `expected=` check and the write are one step.
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Float,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
    create_engine,
    event,
)
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import text as sql
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.pool import NullPool, QueuePool

ENV = "IPAID_DATABASE_URL"
SCHEMA_LOCK = 0x1BA1D  # PostgreSQL advisory lock: replicas starting together create the tables once

meta = MetaData()
versions = Table(
    "versions",
    meta,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("table_name", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("rows", Integer, nullable=False),
    Column("note", Text, nullable=False),
    Column("filename", Text, nullable=False),
    Column("sha256", Text, nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("author", Text, nullable=False, server_default=""),
    sqlite_autoincrement=True,
)
current = Table(
    "current",
    meta,
    Column("table_name", Text, primary_key=True),
    Column("version_id", Integer, nullable=False),
    Column("author", Text, nullable=False, server_default=""),
    Column("changed_at", Text, nullable=False, server_default=""),
)
# Failed steward sign-ins per key ("account:alice", "session:…"), shared by replicas (ipaid.shared_throttle).
sign_in_failures = Table(
    "sign_in_failures",
    meta,
    Column("key", Text, primary_key=True),
    Column("count", Integer, nullable=False),
    Column("last", Float, nullable=False),  # seconds since the epoch: replicas on several hosts share it
)
# Columns added since the first stores were written: (table, column, definition), added by ALTER TABLE.
MIGRATIONS = (
    ("versions", "author", "TEXT NOT NULL DEFAULT ''"),
    ("current", "author", "TEXT NOT NULL DEFAULT ''"),
    ("current", "changed_at", "TEXT NOT NULL DEFAULT ''"),
)

_engines: dict[str, Engine] = {}
_ready: set[str] = set()
_lock = threading.Lock()


def url_for(target: Path | str) -> URL:
    """A database URL (`postgresql://…`, `sqlite:///…`) or a SQLite file path → SQLAlchemy URL (psycopg 3 driver)."""
    if isinstance(target, str) and "://" in target:
        url = make_url(target)
        if url.drivername in ("postgres", "postgresql"):
            url = url.set(drivername="postgresql+psycopg")
        return url
    return URL.create("sqlite", database=str(Path(target)))


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def describe(url: URL) -> str:
    """Where the store is, for messages and cache keys (the password hidden)."""
    return url.database if is_sqlite(url) else url.render_as_string(hide_password=True)


def exists(url: URL) -> bool:
    """False for a SQLite file not yet written (reads then see an empty store without creating it)."""
    return not is_sqlite(url) or Path(url.database).exists()


def _file_id(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def _sqlite_engine(url: URL, readonly: bool = False) -> Engine:
    """SQLite with real transactions (SQLAlchemy's BEGIN goes through). Connections are pooled (a page run
    reads the store many times) but never reused once their file was deleted or replaced."""
    path = url.database
    if readonly:
        url = URL.create("sqlite", database=f"file:{path}?mode=ro", query={"uri": "true"})
    engine = create_engine(url, poolclass=NullPool if readonly else QueuePool, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _connect(con, record):
        con.isolation_level = None  # let the "begin" hook below start transactions
        record.info["file"] = _file_id(path)

    @event.listens_for(engine, "checkout")
    def _checkout(_con, record, _proxy):
        if record.info.get("file") != _file_id(path):
            raise DisconnectionError("the store file was replaced")  # the pool opens a new connection

    @event.listens_for(engine, "begin")
    def _begin(conn):
        if conn.get_execution_options().get("ipaid_write"):
            conn.exec_driver_sql("PRAGMA synchronous=FULL")  # a committed version survives a power cut
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


def engine(url: URL) -> Engine:
    """One engine per database for this process (PostgreSQL: a small connection pool)."""
    key = url.render_as_string(hide_password=False)
    with _lock:
        if key not in _engines:
            _engines[key] = (
                _sqlite_engine(url) if is_sqlite(url) else create_engine(url, pool_pre_ping=True, pool_size=2)
            )
        return _engines[key]


def readonly_sqlite(path: Path) -> Engine:
    """An engine that only reads a SQLite file (an export being imported): nothing is created or migrated."""
    return _sqlite_engine(url_for(path), readonly=True)


def ready(url: URL) -> Engine:
    """The engine, with the tables created and older stores migrated (once per process, or when the file is new)."""
    key = url.render_as_string(hide_password=False)
    eng = engine(url)
    if key in _ready and exists(url):
        return eng
    if is_sqlite(url):
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        _journal_mode(eng, "WAL")  # readers and the writer never block each other
    with writing(eng, lock_current=False) as con:
        if not is_sqlite(url):
            con.execute(sql("SELECT pg_advisory_xact_lock(:k)"), {"k": SCHEMA_LOCK})
        meta.create_all(con)
        migrate(con)
    _ready.add(key)
    return eng


def release(url: URL) -> None:
    """Close this process's connections to a SQLite file made to be carried elsewhere (an export), leaving it one
    self-contained file: its write-ahead log is folded in and no -wal or -shm file stays beside it."""
    key = url.render_as_string(hide_password=False)
    with _lock:
        eng = _engines.pop(key, None)
        _ready.discard(key)
    if eng is None:
        return
    _journal_mode(eng, "DELETE")
    eng.dispose()


def _journal_mode(eng: Engine, mode: str) -> None:
    """Set a SQLite file's journal mode, outside any transaction (SQLite refuses it inside one)."""
    raw = eng.raw_connection()
    try:
        raw.driver_connection.execute(f"PRAGMA journal_mode={mode}")
    finally:
        raw.close()


def migrate(con: Connection) -> None:
    """Add the columns older stores lack (author, who changed the current pointer and when)."""
    inspector = sa_inspect(con)
    quote = con.dialect.identifier_preparer.quote
    for table, column, definition in MIGRATIONS:
        if column not in {c["name"] for c in inspector.get_columns(table)}:
            con.execute(sql(f"ALTER TABLE {quote(table)} ADD COLUMN {column} {definition}"))


@contextmanager
def writing(eng: Engine, lock_current: bool = True):
    """One write transaction; other writers wait until it commits or rolls back (readers go on)."""
    with eng.connect() as con:
        con.execution_options(ipaid_write=True)
        with con.begin():
            if lock_current and con.dialect.name == "postgresql":
                con.execute(sql(f"LOCK TABLE {con.dialect.identifier_preparer.quote('current')} IN EXCLUSIVE MODE"))
            yield con


@contextmanager
def reading(eng: Engine, snapshot: bool = False):
    """One read transaction; with `snapshot`, all its queries see one state (SQLite WAL does that anyway;
    PostgreSQL then reads at REPEATABLE READ)."""
    with eng.connect() as con:
        if snapshot and con.dialect.name == "postgresql":
            con.execution_options(isolation_level="REPEATABLE READ")
        with con.begin():
            yield con


def reset_ids(con: Connection) -> None:
    """After rows were inserted with their own ids: new versions continue after the highest (PostgreSQL)."""
    if con.dialect.name == "postgresql":
        con.execute(
            sql(
                "SELECT setval(pg_get_serial_sequence('versions', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM versions"
            )
        )
