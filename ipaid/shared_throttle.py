"""Sign-in throttling that every replica shares: failed sign-ins are counted in the version store's database
(SQLite file or PostgreSQL), so a guesser spread over replicas by the load balancer waits as on one server.

Same rule as `auth.Throttle` (`auth.waiting`), with the wall clock (replicas on several hosts). When the
database cannot be reached or written, the server's own in-memory throttle counts too and the longer of the
two waits holds: sign-in still works, and guessing is still slowed on that replica.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError

from ipaid import auth, db, store

UNREACHABLE = (SQLAlchemyError, OSError)  # no database, or a store folder that cannot be written
wall_clock = time.time  # seconds since the epoch (a test may move it by hand)
FORGET_AFTER = 24 * 3600.0  # failures older than this are deleted (a key with no failure for a day starts afresh)


@dataclass
class SharedThrottle:
    """`auth.Throttle`'s interface over the store at `path` (None: the app's store, `IPAID_DATABASE_URL` or
    the SQLite file)."""

    path: str | None = None
    clock: Callable[[], float] = field(default_factory=lambda: wall_clock)
    fallback: auth.Throttle = field(default_factory=lambda: auth.THROTTLE)

    def _engine(self):
        return store.engine(self.path)

    def wait(self, *keys: str) -> float:
        """The longer of the store's wait and this server's own (failures it counted when it could not write)."""
        table, stored = db.sign_in_failures, 0.0
        try:
            with db.reading(self._engine()) as con:
                rows = con.execute(select(table.c["count"], table.c.last).where(table.c.key.in_(keys))).all()
            stored = auth.waiting(self.clock(), [(int(n), float(last)) for n, last in rows])
        except UNREACHABLE:
            pass
        return max(stored, self.fallback.wait(*keys))

    def failed(self, *keys: str) -> None:
        table, now = db.sign_in_failures, self.clock()
        try:
            with db.writing(self._engine(), lock_current=False) as con:
                insert = pg_insert if con.dialect.name == "postgresql" else sqlite_insert
                for key in keys:
                    row = insert(table).values(key=key, count=1, last=now)
                    con.execute(
                        row.on_conflict_do_update(
                            index_elements=[table.c.key], set_={"count": table.c["count"] + 1, "last": now}
                        )
                    )
                con.execute(delete(table).where(table.c.last < now - FORGET_AFTER))  # the table does not grow
        except UNREACHABLE:
            self.fallback.failed(*keys)

    def succeeded(self, *keys: str) -> None:
        try:
            with db.writing(self._engine(), lock_current=False) as con:
                con.execute(delete(db.sign_in_failures).where(db.sign_in_failures.c.key.in_(keys)))
        except UNREACHABLE:
            pass
        self.fallback.succeeded(*keys)
