"""The schema, as an ordered list of migrations; :func:`migrate` is safe to run any number of times."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import sqlite_utils

__all__ = ["MIGRATIONS", "immediate", "migrate"]

log = logging.getLogger(__name__)

Migration = Callable[[sqlite_utils.Database], None]


@contextmanager
def immediate(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """A write transaction that takes the write lock at its start (``BEGIN IMMEDIATE``).

    A deferred transaction that reads and then writes can fail at once with "database is
    locked" when another connection wrote in between; an immediate one waits for the lock
    (busy timeout) instead. sqlite-utils calls inside it nest as savepoints.
    """
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


def _m001_initial(db: sqlite_utils.Database) -> None:
    db.table("articles").create(
        {
            "id": int,
            "url": str,
            "source": str,
            "language": str,
            "title": str,
            "published_at": str,
            "published_raw": str,
            "author": str,
            "lead": str,
            "body_markdown": str,
            "body_text": str,
            "content_type": str,
            "topics": str,
            "attachments": str,
            "images": str,
            "first_seen_at": str,
            "last_seen_at": str,
            "content_hash": str,
            "story_id": str,
            "external_id": str,
            "title_source": str,
            "date_source": str,
            "body_source": str,
        },
        pk="id",
        not_null={"url", "source", "title"},
    )
    db.table("articles").create_index(["url"], unique=True)
    db.table("articles").create_index(["source", "published_at"])
    db.table("articles").create_index(["published_at"])
    db.table("articles").create_index(["story_id"])
    db.table("articles").create_index(["source", "external_id"])
    db.table("articles").enable_fts(
        ["title", "lead", "body_text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2"
    )
    db.table("article_versions").create(
        {
            "id": int,
            "article_id": int,
            "captured_at": str,
            "content_hash": str,
            "title": str,
            "lead": str,
            "published_at": str,
            "body_markdown": str,
            "body_text": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("article_versions").create_index(["article_id", "captured_at"])
    db.table("url_aliases").create(
        {"url": str, "article_id": int}, pk="url", foreign_keys=[("article_id", "articles", "id")]
    )
    db.table("runs").create(
        {
            "id": int,
            "source": str,
            "started_at": str,
            "finished_at": str,
            "status": str,
            "found": int,
            "new": int,
            "updated": int,
            "unchanged": int,
            "failed": int,
            "skipped": int,
            "requests": int,
            "duration_s": float,
            "error": str,
        },
        pk="id",
    )
    db.table("runs").create_index(["source", "started_at"])
    db.table("failures").create(
        {"id": int, "run_id": int, "source": str, "url": str, "reason": str, "error": str, "at": str},
        pk="id",
        foreign_keys=[("run_id", "runs", "id")],
    )
    db.table("failures").create_index(["run_id"])
    db.table("failures").create_index(["source", "at"])
    db.table("sources").create(
        {
            "name": str,
            "site": str,
            "title": str,
            "languages": str,
            "schedule": str,
            "discovery": str,
            "description": str,
        },
        pk="name",
    )


def _m002_issue7_stemmed_search(db: sqlite_utils.Database) -> None:
    # the stemmed full-text index of scraper.search, filled from what is already archived
    from scraper import search

    search.create_index(db)
    search.rebuild_index(db)


def _m003_issue7_year_and_copies(db: sqlite_utils.Database) -> None:
    # a facet by year: computed from published_at, stored nowhere
    db.execute(
        "alter table articles add column year integer "
        "generated always as (cast(substr(published_at, 1, 4) as integer)) virtual"
    )
    # copies of one text in other sources (article page); searches narrowed to a language
    db.table("articles").create_index(["content_hash"], if_not_exists=True)
    db.table("articles").create_index(["language"], if_not_exists=True)


MIGRATIONS: list[tuple[str, Migration]] = [
    ("001_initial", _m001_initial),
    ("002_issue7_stemmed_search", _m002_issue7_stemmed_search),
    ("003_issue7_year_and_copies", _m003_issue7_year_and_copies),
]


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply the migrations not yet applied, each in its own transaction; return their names."""
    applied: list[str] = []
    for name, step in MIGRATIONS:
        with immediate(db):  # one process migrates; the others wait, then see it done
            db.execute("create table if not exists _migrations (name text primary key, applied_at text)")
            if db.execute("select 1 from _migrations where name = ?", [name]).fetchone():
                continue
            step(db)
            db.table("_migrations").insert(
                {"name": name, "applied_at": datetime.now(UTC).isoformat(timespec="seconds")}
            )
        log.info("applied migration %s", name)
        applied.append(name)
    return applied
