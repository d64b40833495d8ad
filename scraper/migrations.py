"""The schema, as an ordered list of migrations; :func:`migrate` is safe to run any number of times."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

import sqlite_utils

from scraper.transactions import immediate

__all__ = ["MIGRATIONS", "SCHEDULE_JOBS_TABLE", "immediate", "migrate"]

log = logging.getLogger(__name__)

Migration = Callable[[sqlite_utils.Database], None]


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


#: APScheduler's job table (``SQLAlchemyJobStore``), made here with exactly the DDL it would
#: emit, so the schedule lives in the archive and the schema still changes only here
SCHEDULE_JOBS_TABLE = "schedule_jobs"

#: the health of every source, for Datasette and ``python -m scraper status`` alike;
#: a successful run is one that ran to its end (ok or partial), a failure one that failed as a whole
_SOURCE_HEALTH_V1 = """
create view source_health as
with fields as (
  select source, count(*) as n,
         sum(coalesce(trim(title), '') = '') as no_title,
         sum(coalesce(published_at, '') = '') as no_date,
         sum(coalesce(trim(body_text), '') = '') as no_body,
         sum(coalesce(body_source, '') = 'generic') as generic_body
  from articles group by source
),
ranked as (
  select source, title, published_at, body_text, body_source,
         row_number() over (partition by source order by first_seen_at desc, id desc) as rank
  from articles
),
recent as (
  select source, count(*) as n,
         sum(coalesce(trim(title), '') = '') as no_title,
         sum(coalesce(published_at, '') = '') as no_date,
         sum(coalesce(trim(body_text), '') = '') as no_body,
         sum(coalesce(body_source, '') = 'generic') as generic_body
  from ranked where rank <= 20 group by source
)
select
  s.name as source,
  coalesce(fields.n, 0) as articles,
  (select count(*) from articles a where a.source = s.name
     and a.first_seen_at >= strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now', '-7 days')) as new_7d,
  last.started_at as last_run_at,
  last.status as last_status,
  last.ending as last_ending,
  ok.finished_at as last_success_at,
  round((julianday('now') - julianday(ok.finished_at)) * 24, 2) as hours_since_success,
  (select count(*) from runs f where f.source = s.name and f.status = 'failed'
     and f.id > coalesce(ok.id, 0)) as consecutive_failures,
  (select count(*) from runs r where r.source = s.name and r.status = 'running') as running,
  (select sc.every_seconds / 60.0 from schedules sc where sc.source = s.name and sc.kind = 'routine')
     as every_minutes,
  (select strftime('%Y-%m-%dT%H:%M:%S+00:00', j.next_run_time, 'unixepoch') from schedule_jobs j
     where j.id = s.name) as next_run_at,
  -- the extraction verdict (issue 5) of the last run that extracted enough pages to be judged
  judged.id as last_judged_run,
  judged.health as last_judged_health,
  judged.health_note as last_judged_health_note,
  round(100.0 * fields.no_title / fields.n, 1) as no_title_pct,
  round(100.0 * fields.no_date / fields.n, 1) as no_date_pct,
  round(100.0 * fields.no_body / fields.n, 1) as no_body_pct,
  round(100.0 * fields.generic_body / fields.n, 1) as generic_body_pct,
  coalesce(recent.n, 0) as recent_articles,
  round(100.0 * recent.no_title / recent.n, 1) as recent_no_title_pct,
  round(100.0 * recent.no_date / recent.n, 1) as recent_no_date_pct,
  round(100.0 * recent.no_body / recent.n, 1) as recent_no_body_pct,
  round(100.0 * recent.generic_body / recent.n, 1) as recent_generic_body_pct
from sources s
left join fields on fields.source = s.name
left join recent on recent.source = s.name
left join runs last on last.id = (select max(id) from runs where source = s.name)
left join runs judged on judged.id = (
  select max(id) from runs where source = s.name and extracted >= 3 and health is not null
)
left join runs ok on ok.id = (
  select max(id) from runs where source = s.name and status in ('ok', 'partial')
    and coalesce(ending, 'completed') = 'completed'
)
"""


def _m008_issue8_operations(db: sqlite_utils.Database) -> None:
    """Unattended operation: how each run ended and which process ran it, the schedule, health."""
    runs = db.table("runs")
    for column, kind in (("ending", str), ("host", str), ("pid", int), ("process_started", float)):
        if column not in runs.columns_dict:
            runs.add_column(column, kind)
    db.execute("update runs set ending = 'completed' where status in ('ok', 'partial', 'failed') and ending is null")
    runs.create_index(["source", "status"], if_not_exists=True)
    db.execute(
        f"CREATE TABLE IF NOT EXISTS {SCHEDULE_JOBS_TABLE} (id VARCHAR(191) NOT NULL, next_run_time FLOAT, "
        "job_state BLOB NOT NULL, PRIMARY KEY (id))"
    )
    db.execute(
        f"CREATE INDEX IF NOT EXISTS ix_{SCHEDULE_JOBS_TABLE}_next_run_time ON {SCHEDULE_JOBS_TABLE} (next_run_time)"
    )
    db.table("schedules").create(
        {
            "job": str,
            "source": str,
            "kind": str,
            "every_seconds": float,
            "jitter_seconds": float,
            "misfire_grace_seconds": float,
            "updated_at": str,
        },
        pk="job",
        if_not_exists=True,
    )
    db.execute("drop view if exists source_health")
    db.execute(_SOURCE_HEALTH_V1)


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


def _m010_search_pending(db: sqlite_utils.Database) -> None:
    # articles whose stemmed index entry (scraper.search) is not yet written: queued by triggers in
    # the transaction that writes the article, cleared by whoever indexes them (the store itself,
    # or the indexer while a run defers it); an article deleted by hand leaves the index with it
    db.execute("create table if not exists search_pending (article_id integer primary key)")
    db.execute(
        "create trigger if not exists search_pending_ai after insert on articles begin"
        " insert or ignore into search_pending (article_id) values (new.id); end"
    )
    db.execute(
        "create trigger if not exists search_pending_au after update of title, lead, body_text, language"
        " on articles begin insert or ignore into search_pending (article_id) values (new.id); end"
    )
    db.execute(
        "create trigger if not exists search_pending_ad after delete on articles begin"
        " delete from articles_search where rowid = old.id;"
        " delete from search_pending where article_id = old.id; end"
    )


def _m009_fts_follows_text_only(db: sqlite_utils.Database) -> None:
    # articles_fts (title, lead, body_text) was re-indexed by any update of an article, also one
    # that only touched last_seen_at or story_id: now only by an update of its indexed columns
    db.execute("drop trigger if exists articles_au")
    db.execute(
        """create trigger articles_au after update of title, lead, body_text on articles begin
  insert into articles_fts (articles_fts, rowid, title, lead, body_text)
    values ('delete', old.rowid, old.title, old.lead, old.body_text);
  insert into articles_fts (rowid, title, lead, body_text) values (new.rowid, new.title, new.lead, new.body_text);
end"""
    )


def _m011_aliases_by_article(db: sqlite_utils.Database) -> None:
    # an article's aliases, looked up by article: the story refresh of one article finds the
    # alternates that name any of its URLs (it scanned every alias before, for every article)
    db.table("url_aliases").create_index(["article_id"], if_not_exists=True)


MIGRATIONS: list[tuple[str, Migration]] = [
    ("001_initial", _m001_initial),
    ("002_raw_pages_and_http_cache", _m002_raw_pages_and_http_cache),
    ("003_issue4_backfill_and_labels", _m003_issue4_backfill_and_labels),
    ("005_issue5_field_health", _m005_issue5_field_health),
    ("003_issue6_stories_interviews_topics", _m003_issue6_stories_interviews_topics),
    ("008_issue8_operations", _m008_issue8_operations),
    ("002_issue7_stemmed_search", _m002_issue7_stemmed_search),
    ("003_issue7_year_and_copies", _m003_issue7_year_and_copies),
    ("009_fts_follows_text_only", _m009_fts_follows_text_only),
    ("010_search_pending", _m010_search_pending),
    ("011_aliases_by_article", _m011_aliases_by_article),
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
