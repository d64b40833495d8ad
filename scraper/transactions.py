"""Write transactions on the archive: one at a time (``BEGIN IMMEDIATE``), or grouped.

Every write of the store goes through :func:`immediate`. Alone, that is one transaction. While
a :class:`WriteGroup` is open on the connection (a scrape run), the writes of several pages
share one transaction, committed when the group holds ``max_pages`` pages or is
``max_seconds`` old: group commit, as databases do with their logs. Each :func:`immediate`
block inside a group is a savepoint, so a block that fails is undone on its own and the
others stay; a crash loses at most the last uncommitted group, whole, never half an article
(the pages it held are fetched again by the next run, since the archive does not know them).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import sqlite_utils

__all__ = ["WriteGroup", "immediate"]

_GROUP_ATTR = "_scraper_write_group"


@contextmanager
def immediate(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """A write transaction that takes the write lock at its start (``BEGIN IMMEDIATE``).

    A deferred transaction that reads and then writes can fail at once with "database is
    locked" when another connection wrote in between; an immediate one waits for the lock
    (busy timeout) instead. sqlite-utils calls inside it nest as savepoints. Inside an open
    :class:`WriteGroup` the block is a savepoint of the group's transaction.
    """
    group: WriteGroup | None = getattr(db, _GROUP_ATTR, None)
    if group is not None:
        with group.block():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


class WriteGroup:
    """Group commit for one connection: use as ``with WriteGroup(db) as group``, call
    :meth:`page_done` after each page's writes and :meth:`commit_if_due` from a timer, so that
    a quiet run does not hold the write lock or keep its pages from readers for long.

    Opening a group on a connection that has one already joins it (several sources' runs of
    one scrape share a connection); the outermost ``with`` commits at its end.
    """

    #: pages in one transaction at most; and how old the transaction may grow (seconds)
    MAX_PAGES = 64
    MAX_SECONDS = 0.25

    def __init__(
        self, db: sqlite_utils.Database, max_pages: int = MAX_PAGES, max_seconds: float = MAX_SECONDS
    ) -> None:
        self.db = db
        self.max_pages = max_pages
        self.max_seconds = max_seconds
        self.pages = 0
        self.commits = 0
        self._began = 0.0
        self._depth = 0
        self._owner: WriteGroup | None = None
        self._blocks = 0  # immediate blocks open now (nested ones are savepoints in savepoints)

    def __enter__(self) -> WriteGroup:
        current: WriteGroup | None = getattr(self.db, _GROUP_ATTR, None)
        if current is not None:
            current._depth += 1
            self._owner = current
            return current
        self._depth = 1
        setattr(self.db, _GROUP_ATTR, self)
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        group = self._owner or self
        group._depth -= 1
        if group._depth:
            return
        delattr(self.db, _GROUP_ATTR)
        # what was written is whole (each block is): keep it, also when the run ends by an error
        group.commit()

    @contextmanager
    def block(self) -> Iterator[None]:
        """One :func:`immediate` block: a savepoint in the group's transaction (begun if needed)."""
        conn = self.db.conn
        if not conn.in_transaction:
            conn.execute("BEGIN IMMEDIATE")
            self._began = time.monotonic()
        # named by depth, so the few statements repeat (and stay prepared in sqlite3's cache);
        # SQLite resolves a repeated name to the innermost savepoint that has it
        self._blocks += 1
        name = f"scraper_block_{self._blocks}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            if conn.in_transaction:  # SQLite may have rolled back the whole transaction already
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
            raise
        else:
            if conn.in_transaction:
                conn.execute(f"RELEASE {name}")
        finally:
            self._blocks -= 1

    def page_done(self) -> None:
        """One more page's writes are in: commit when the group is full or old enough."""
        self.pages += 1
        if self.pages >= self.max_pages:
            self.commit()
        else:
            self.commit_if_due()

    def commit_if_due(self) -> None:
        if self.db.conn.in_transaction and time.monotonic() - self._began >= self.max_seconds:
            self.commit()

    def commit(self) -> None:
        if self.db.conn.in_transaction:
            self.db.conn.execute("COMMIT")
            self.commits += 1
        self.pages = 0
