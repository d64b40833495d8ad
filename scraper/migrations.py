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


def _m005_issue5_field_health(db: sqlite_utils.Database) -> None:
    """Where each article field came from, the byline, and the extraction health of each run."""
    for column in ("author_source", "lead_source", "language_source", "byline"):
        if column not in db.table("articles").columns_dict:
            db.table("articles").add_column(column, str)
    runs = db.table("runs")
    for column, kind in (
        ("extracted", int),
        ("empty_title_share", float),
        ("empty_date_share", float),
        ("empty_body_share", float),
        ("generic_share", float),
        ("health", str),
        ("health_note", str),
    ):
        if column not in runs.columns_dict:
            runs.add_column(column, kind)


def _m002_raw_pages_and_http_cache(db: sqlite_utils.Database) -> None:
    """Raw article pages (re-extraction, proof of what a page said) and HTTP validators."""
    db.table("raw_pages").create(
        {
            "id": int,
            "url": str,
            "source": str,
            "article_id": int,
            "fetched_url": str,
            "status": int,
            "headers": str,
            "content": bytes,
            "size": int,
            "sha256": str,
            "fetched_at": str,
            "last_seen_at": str,
        },
        pk="id",
        not_null={"url", "source", "content", "sha256", "fetched_at"},
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("raw_pages").create_index(["url", "sha256"], unique=True)
    db.table("raw_pages").create_index(["article_id"])
    db.table("raw_pages").create_index(["source", "fetched_at"])
    db.table("runs").add_column("not_modified", int)
    db.table("http_cache").create(
        {
            "url": str,
            "etag": str,
            "last_modified": str,
            "status": int,
            "body": bytes,
            "headers": str,
            "checked_at": str,
            "changed_at": str,
        },
        pk="url",
    )


def _m003_issue4_backfill_and_labels(db: sqlite_utils.Database) -> None:
    """Resumable backfills (one row per source, and the frontier of the running one); the
    categories and tags a site gives its articles (WordPress, Drupal taxonomies)."""
    db.table("backfills").create(
        {
            "source": str,
            "status": str,
            "started_at": str,
            "resumed_at": str,
            "finished_at": str,
            "since": str,
            "runs": int,
            "pages_done": int,
            "pages_failed": int,
        },
        pk="source",
    )
    db.table("backfill_frontier").create(
        {
            "source": str,
            "key": str,
            "kind": str,
            "url": str,
            "depth": int,
            "page_number": int,
            "entry": int,
            "optional": int,
            "hint": str,
            "state": str,
            "updated_at": str,
        },
        pk=("source", "key"),
    )
    db.table("backfill_frontier").create_index(["source", "state"])
    db.table("articles").add_column("categories", str)
    db.table("articles").add_column("tags", str)
def _m003_issue6_stories_interviews_topics(db: sqlite_utils.Database) -> None:
    """Issue 6: what links articles into stories, interview turns, topics/people/organisations, diffs."""
    db.table("story_members").create(
        {
            "article_id": int,
            "base_story_id": str,
            "story_id": str,
            "content_hash": str,
            "shingles": int,
            "minhash": bytes,
            "computed_at": str,
        },
        pk="article_id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("story_members").create_index(["base_story_id"])
    db.table("story_members").create_index(["story_id"])
    # the LSH index of near-duplicate search: one key per band of an article's MinHash signature
    db.execute(
        "create table story_bands (key integer not null, article_id integer not null references articles(id),"
        " primary key (key, article_id)) without rowid"
    )
    db.table("story_links").create(
        {"article_a": int, "article_b": int, "kind": str, "score": float, "found_at": str},
        pk=("article_a", "article_b", "kind"),
        foreign_keys=[("article_a", "articles", "id"), ("article_b", "articles", "id")],
    )
    db.table("story_links").create_index(["article_b"])
    db.table("article_alternates").create(
        {"article_id": int, "hreflang": str, "url": str},
        pk=("article_id", "hreflang", "url"),
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("article_alternates").create_index(["url"])
    db.table("interview_turns").create(
        {"id": int, "article_id": int, "turn": int, "speaker": str, "role": str, "text": str},
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("interview_turns").create_index(["article_id", "turn"], unique=True)
    db.table("interview_turns").enable_fts(
        ["speaker", "text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2"
    )
    for table, column in (("article_topics", "topic"), ("article_organisations", "organisation")):
        db.table(table).create(
            {"article_id": int, column: str},
            pk=("article_id", column),
            foreign_keys=[("article_id", "articles", "id")],
        )
        db.table(table).create_index([column])
    db.table("article_people").create(
        {"article_id": int, "name": str, "role": str},
        pk=("article_id", "name"),
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("article_people").create_index(["name"])
    db.table("version_diffs").create(
        {
            "id": int,
            "article_id": int,
            "version_id": int,
            "field": str,
            "before": str,
            "after": str,
            "diff": str,
            "detected_at": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("version_id", "article_versions", "id")],
    )
    db.table("version_diffs").create_index(["version_id", "field"], unique=True)
    db.table("version_diffs").create_index(["article_id"])
    db.table("version_diffs").create_index(["detected_at"])
    # what stories are made of, as data: a story's id stays the id of its first archived member
    db.execute(
        "insert into story_members (article_id, base_story_id, story_id) select id, story_id, story_id from articles"
        " where story_id is not null"
    )


MIGRATIONS: list[tuple[str, Migration]] = [
    ("001_initial", _m001_initial),
    ("002_raw_pages_and_http_cache", _m002_raw_pages_and_http_cache),
    ("003_issue4_backfill_and_labels", _m003_issue4_backfill_and_labels),
    ("005_issue5_field_health", _m005_issue5_field_health),
    ("003_issue6_stories_interviews_topics", _m003_issue6_stories_interviews_topics),
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
