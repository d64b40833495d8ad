"""Resumable backfills: the frontier of a ``scrape --backfill`` walk, kept in the archive.

Every page a backfill plans to visit (listing pages, sitemaps, section pages, articles) is a
row of ``backfill_frontier`` from the moment it is found, and is marked done once handled.
An interrupted backfill (Ctrl-C, SIGTERM, a crash, ``kill -9``) therefore resumes where it
stopped: the next ``--backfill`` run of the source starts from the pending rows and never
visits a done page again. A backfill that reaches the end of its frontier is complete; its
rows are removed and ``backfills`` keeps its summary.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlite_utils

from scraper.transactions import immediate

__all__ = ["BackfillState", "FrontierRow", "backfill_overview"]


@dataclass(frozen=True)
class FrontierRow:
    """One page of a backfill's frontier, as stored."""

    kind: str
    url: str
    depth: int
    page_number: int
    entry: bool
    optional: bool
    state: str
    hint: dict[str, Any] | None


def _now() -> str:
    from scraper.store import now_iso

    return now_iso()


class BackfillState:
    """The persisted frontier of one source's backfill. Only the pipeline writes it."""

    def __init__(self, db: sqlite_utils.Database, source: str, since: date | None, resumed: bool) -> None:
        self.db = db
        self.source = source
        self.since = since
        #: True when an unfinished backfill of this source was found and is being continued
        self.resumed = resumed
        self._found: list[list[Any]] = []

    @classmethod
    def open(cls, db: sqlite_utils.Database, source: str, since: date | None) -> BackfillState:
        """Continue the source's unfinished backfill, or start a new one."""
        now = _now()
        with immediate(db):
            row = db.execute("select status from backfills where source = ?", [source]).fetchone()
            resumed = row is not None and row[0] == "running"
            if resumed:
                db.execute(
                    "update backfills set resumed_at = ?, runs = runs + 1, since = ? where source = ?",
                    [now, since.isoformat() if since else None, source],
                )
            else:
                db.execute("delete from backfill_frontier where source = ?", [source])
                db.execute(
                    "insert into backfills (source, status, started_at, resumed_at, finished_at, since, runs)"
                    " values (?, 'running', ?, null, null, ?, 1) on conflict(source) do update set"
                    " status = 'running', started_at = excluded.started_at, resumed_at = null, finished_at = null,"
                    " since = excluded.since, runs = 1",
                    [source, now, since.isoformat() if since else None],
                )
        return cls(db, source, since, resumed)

    def rows(self) -> list[FrontierRow]:
        """Every row of the frontier, in the order the pages were found."""
        return [
            FrontierRow(
                r["kind"],
                r["url"],
                r["depth"],
                r["page_number"],
                bool(r["entry"]),
                bool(r["optional"]),
                r["state"],
                json.loads(r["hint"]) if r["hint"] else None,
            )
            for r in self.db.query("select * from backfill_frontier where source = ? order by rowid", [self.source])
        ]

    def add(
        self,
        key: str,
        kind: str,
        url: str,
        *,
        depth: int = 0,
        page_number: int = 0,
        entry: bool = False,
        optional: bool = False,
        hint: dict[str, Any] | None = None,
    ) -> None:
        """Remember a page to visit (once: a page already in the frontier keeps its state).

        Pages found while handling a page are written together with that page's :meth:`finish`,
        in one transaction: a crash before it leaves the page pending, so that its links are
        found again on resume, and nothing is lost (call :meth:`flush` for entry points).
        """
        self._found.append(
            [
                self.source,
                key,
                kind,
                url,
                depth,
                page_number,
                int(entry),
                int(optional),
                json.dumps(hint, ensure_ascii=False) if hint else None,
                _now(),
            ]
        )

    def _write_found(self) -> None:
        if self._found:
            self.db.conn.executemany(
                "insert or ignore into backfill_frontier"
                " (source, key, kind, url, depth, page_number, entry, optional, hint, state, updated_at)"
                " values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)",
                self._found,
            )
            self._found = []

    def flush(self) -> None:
        """Write the pages found so far."""
        with immediate(self.db):
            self._write_found()

    def finish(self, key: str, ok: bool) -> None:
        """Mark a page handled (``ok``) or failed (tried again on resume), with the pages it led to."""
        with immediate(self.db):
            self._write_found()
            self.db.execute(
                "update backfill_frontier set state = ?, updated_at = ? where source = ? and key = ?",
                ["done" if ok else "failed", _now(), self.source, key],
            )

    def complete(self) -> None:
        """The walk reached its end: keep the summary, drop the frontier."""
        with immediate(self.db):
            self._write_found()
            counts = dict(
                self.db.execute(
                    "select state, count(*) from backfill_frontier where source = ? group by state", [self.source]
                ).fetchall()
            )
            self.db.execute(
                "update backfills set status = 'complete', finished_at = ?, pages_done = ?, pages_failed = ?"
                " where source = ?",
                [_now(), counts.get("done", 0), counts.get("failed", 0), self.source],
            )
            self.db.execute("delete from backfill_frontier where source = ?", [self.source])


def backfill_overview(db: sqlite_utils.Database) -> dict[str, dict[str, Any]]:
    """Per source: the state of its last backfill (status, times, pages done, pending, failed)."""
    found: dict[str, dict[str, Any]] = {}
    for row in db.query("select * from backfills"):
        found[row["source"]] = dict(row)
    for row in db.query("select source, state, count(*) as n from backfill_frontier group by source, state"):
        entry = found.setdefault(row["source"], {})
        entry[f"pages_{row['state']}"] = row["n"]
    return found
