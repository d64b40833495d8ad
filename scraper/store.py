"""Every database call: opening the archive, saving articles with versions, recording runs.

The store never fetches. Each article is written in one transaction, so a crash leaves
either the whole article or none of it.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import sqlite_utils

from scraper import processes, search
from scraper.decoding import decode_html
from scraper.migrations import migrate
from scraper.transactions import WriteGroup, immediate

if TYPE_CHECKING:
    from scraper.analysis import TextAnalysis

__all__ = [
    "COMPLETED",
    "CRASHED",
    "METADATA_FIELDS",
    "STOPPED",
    "ArticleRecord",
    "CacheEntry",
    "RawPage",
    "SaveResult",
    "WriteGroup",
    "close_interrupted_runs",
    "content_hash",
    "field_health_history",
    "finish_run",
    "get_cache",
    "iter_raw_pages",
    "known_external_ids",
    "known_urls",
    "now_iso",
    "open_db",
    "put_cache",
    "record_failure",
    "resume_point",
    "running_elsewhere",
    "save_article",
    "save_field_health",
    "save_raw_page",
    "save_schedules",
    "save_sources",
    "source_overview",
    "start_run",
    "update_article_fields",
]

SaveResult = Literal["new", "updated", "unchanged"]

#: how a run ended (``runs.ending``): it reached its end; Ctrl-C or SIGTERM stopped it at a
#: page boundary; or its process died (crash, kill -9, power loss), noticed by a later start
COMPLETED, STOPPED, CRASHED = "completed", "stopped", "crashed"
CRASHED_ERROR = "interrupted: its process ended during the run (crash, kill -9 or power loss)"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) the archive in WAL mode with a busy timeout; migrate it."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
    db = sqlite_utils.Database(conn)
    db.execute("PRAGMA busy_timeout = 30000")
    if db.journal_mode != "wal":
        db.enable_wal()
    db.execute("PRAGMA synchronous = NORMAL")
    # checkpoint every ~40 MB of WAL instead of ~4 MB: each article is its own transaction, and
    # with the default a checkpoint (two fsyncs) came every hundred or so articles
    db.execute("PRAGMA wal_autocheckpoint = 10000")
    db.execute("PRAGMA journal_size_limit = 67108864")
    db.execute("PRAGMA foreign_keys = ON")
    migrate(db)
    return db


#: one encoder for every row (json.dumps with options builds a new encoder on each call)
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def _json_list(items: Iterable[Any]) -> str:
    values = list(items)
    return _ENCODE(values) if values else "[]"


def content_hash(title: str, body_text: str) -> str:
    """Hash of what a reader sees; white space does not count."""
    normal = " ".join(f"{title}\n{body_text}".split())  # the same as collapsing \s+, several times faster
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


@dataclass
class ArticleRecord:
    """One article as the pipeline hands it to the store."""

    url: str
    source: str
    title: str
    body_markdown: str
    body_text: str
    language: str | None = None
    published_at: str | None = None
    published_raw: str | None = None
    author: str | None = None
    lead: str | None = None
    content_type: str = "news"
    topics: tuple[str, ...] = ()
    #: the site's own categories and tags (WordPress, Drupal taxonomies), as the site spells them
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    attachments: tuple[Mapping[str, str], ...] = ()
    images: tuple[Mapping[str, str], ...] = ()
    story_id: str | None = None
    external_id: str | None = None
    title_source: str = ""
    date_source: str = ""
    body_source: str = ""
    author_source: str = ""
    lead_source: str = ""
    language_source: str = ""
    byline: str | None = None
    #: (hreflang, URL) of the page's declared translations; kept by scraper.recompute, not in ``articles``
    alternates: tuple[tuple[str, str], ...] = ()
    #: the analysis of the text (scraper.analysis) made with the record, for the story refresh after
    #: the save; not stored, and used only while it is the analysis of the stored text
    analysis: TextAnalysis | None = field(default=None, compare=False, repr=False)

    def row(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "source": self.source,
            "language": self.language,
            "title": self.title,
            "published_at": self.published_at,
            "published_raw": self.published_raw,
            "author": self.author,
            "lead": self.lead,
            "body_markdown": self.body_markdown,
            "body_text": self.body_text,
            "content_type": self.content_type,
            "topics": _json_list(self.topics),
            "categories": _json_list(self.categories),
            "tags": _json_list(self.tags),
            "attachments": _json_list([dict(a) for a in self.attachments]),
            "images": _json_list([dict(i) for i in self.images]),
            "content_hash": content_hash(self.title, self.body_text),
            "story_id": self.story_id,
            "external_id": self.external_id,
            "title_source": self.title_source,
            "date_source": self.date_source,
            "body_source": self.body_source,
            "author_source": self.author_source,
            "lead_source": self.lead_source,
            "language_source": self.language_source,
            "byline": self.byline,
        }


# save_article runs for every article of every run: it speaks plain SQL on the connection
# (sqlite-utils' table methods look the schema up on every call, which tripled its cost)


def _one(db: sqlite_utils.Database, sql: str, params: list[Any]) -> dict[str, Any] | None:
    cursor = db.conn.execute(sql, params)
    found = cursor.fetchone()
    return dict(zip([c[0] for c in cursor.description], found, strict=True)) if found else None


@functools.lru_cache(maxsize=64)
def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    return f'insert into "{table}" ({names}) values ({", ".join("?" * len(columns))})'


def _insert(db: sqlite_utils.Database, table: str, row: Mapping[str, Any]) -> int:
    cursor = db.conn.execute(_insert_sql(table, tuple(row)), list(row.values()))
    return int(cursor.lastrowid or 0)


def _update(db: sqlite_utils.Database, article_id: int, values: Mapping[str, Any]) -> None:
    assignments = ", ".join(f'"{c}" = ?' for c in values)
    db.conn.execute(f"update articles set {assignments} where id = ?", [*values.values(), article_id])


@functools.lru_cache(maxsize=16)
def _find_sql(aliases: int) -> str:
    """One query for :func:`_find`: each way of finding the article ranked, the best row first."""
    ways = [
        "select 0 as _rank, * from articles where url = ?",
        "select * from (select 1 as _rank, * from articles where source = ? and external_id = ? order by id limit 1)",
    ]
    ways += [
        f"select {2 + n} as _rank, a.* from articles a join url_aliases u on u.article_id = a.id where u.url = ?"
        for n in range(aliases)
    ]
    return " union all ".join(ways) + " order by _rank limit 1"


def _find(db: sqlite_utils.Database, record: ArticleRecord, aliases: Iterable[str]) -> dict[str, Any] | None:
    """The stored article ``record`` is: by URL, else the oldest with its source's identity, else
    by the first of ``aliases`` that names a stored article."""
    alias_list = list(aliases)
    found = _one(db, _find_sql(len(alias_list)), [record.url, record.source, record.external_id or None, *alias_list])
    if found is not None:
        del found["_rank"]
    return found


@dataclass(frozen=True)
class RawPage:
    """The bytes of an article page as fetched, with what the server said about them."""

    url: str
    source: str
    fetched_url: str
    status: int
    headers: Mapping[str, str]
    content: bytes
    fetched_at: str
    article_id: int | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def text(self) -> str:
        """The page decoded as the fetcher decodes it (BOM, HTTP charset, <meta>, detection)."""
        return decode_html(self.content, self.headers.get("content-type"))[0]


def _save_raw(db: sqlite_utils.Database, raw: RawPage, article_id: int | None, now: str) -> None:
    digest = raw.sha256
    existing = db.execute("select id from raw_pages where url = ? and sha256 = ?", [raw.url, digest]).fetchone()
    if existing:
        db.execute(
            "update raw_pages set last_seen_at = ?, article_id = coalesce(?, article_id) where id = ?",
            [now, article_id, existing[0]],
        )
        return
    _insert(
        db,
        "raw_pages",
        {
            "url": raw.url,
            "source": raw.source,
            "article_id": article_id,
            "fetched_url": raw.fetched_url,
            "status": raw.status,
            "headers": json.dumps(dict(raw.headers), ensure_ascii=False),
            "content": gzip.compress(raw.content, compresslevel=6),
            "size": len(raw.content),
            "sha256": digest,
            "fetched_at": raw.fetched_at,
            "last_seen_at": now,
        },
    )


def save_raw_page(db: sqlite_utils.Database, raw: RawPage, now: str | None = None) -> None:
    """Keep a page that did not become an article (its extraction failed), for re-extraction later."""
    with immediate(db):
        _save_raw(db, raw, raw.article_id, now or now_iso())


def iter_raw_pages(db: sqlite_utils.Database, source: str | None = None) -> Iterator[RawPage]:
    """The latest raw page of every URL (of one source, or all), oldest URL first."""
    sql = (
        "select * from raw_pages r where r.id = (select max(id) from raw_pages where url = r.url)"
        + (" and r.source = ?" if source else "")
        + " order by r.id"
    )
    for row in db.query(sql, [source] if source else []):
        yield RawPage(
            url=row["url"],
            source=row["source"],
            fetched_url=row["fetched_url"],
            status=row["status"],
            headers=json.loads(row["headers"] or "{}"),
            content=gzip.decompress(row["content"]),
            fetched_at=row["fetched_at"],
            article_id=row["article_id"],
        )


@dataclass(frozen=True)
class CacheEntry:
    """What the archive remembers of a URL's last 200 answer: validators, and the body of discovery pages."""

    url: str
    etag: str | None
    last_modified: str | None
    body: bytes | None
    headers: Mapping[str, str]


def get_cache(db: sqlite_utils.Database, url: str) -> CacheEntry | None:
    row = db.execute("select etag, last_modified, body, headers from http_cache where url = ?", [url]).fetchone()
    if row is None:
        return None
    return CacheEntry(url, row[0], row[1], gzip.decompress(row[2]) if row[2] else None, json.loads(row[3] or "{}"))


def put_cache(
    db: sqlite_utils.Database,
    url: str,
    status: int,
    headers: Mapping[str, str],
    body: bytes | None,
    changed: bool,
) -> None:
    """Remember a URL's validators (and, for discovery pages, the body to reuse on a 304)."""
    now = now_iso()
    with immediate(db):
        if status == 304:
            db.execute("update http_cache set checked_at = ? where url = ?", [now, url])
            return
        db.execute(
            "insert into http_cache (url, etag, last_modified, status, body, headers, checked_at, changed_at)"
            " values (?, ?, ?, ?, ?, ?, ?, ?) on conflict(url) do update set etag = excluded.etag,"
            " last_modified = excluded.last_modified, status = excluded.status, body = excluded.body,"
            " headers = excluded.headers, checked_at = excluded.checked_at,"
            " changed_at = case when ? then excluded.changed_at else http_cache.changed_at end",
            [
                url,
                headers.get("etag"),
                headers.get("last-modified"),
                status,
                gzip.compress(body, compresslevel=6) if body is not None else None,
                json.dumps({k: v for k, v in headers.items() if k in ("content-type", "etag", "last-modified")}),
                now,
                now,
                changed,
            ],
        )


#: fields that the analysis of an article's text reads (scraper.analysis.INPUTS) and that a
#: save of the same text may fill in (title and body text are the text itself)
_FILLS_ANALYSIS = {"lead", "author", "body_markdown"}


def save_article(
    db: sqlite_utils.Database,
    record: ArticleRecord,
    aliases: Iterable[str] = (),
    now: str | None = None,
    raw: RawPage | None = None,
) -> tuple[SaveResult, int]:
    """Insert or update one article in one transaction; keep its earlier state as a version.

    Returns ``new``, ``updated`` (its text changed, and its earlier state is a version; or the same
    text came with a lead, author or Markdown body it lacked, filled in) or ``unchanged``, and the
    article's id. With ``raw``, the page's bytes are kept in the same transaction.
    """
    now = now or now_iso()
    row = record.row()
    alias_list = [a for a in dict.fromkeys(aliases) if a]
    with immediate(db):
        existing = _find(db, record, alias_list)
        reindex = True
        if existing is None:
            row["first_seen_at"] = row["last_seen_at"] = now
            article_id = _insert(db, "articles", row)
            result: SaveResult = "new"
        else:
            article_id = int(existing["id"])
            if existing["url"] != record.url:
                # the article is already stored under another URL form: keep that one
                alias_list.append(record.url)
                row["url"] = existing["url"]
            if existing["content_hash"] == row["content_hash"]:
                # same text: refresh what may have been missing, never blank a field
                update = {
                    k: v for k, v in row.items() if v not in (None, "", "[]") and existing.get(k) in (None, "", "[]")
                }
                # the stemmed index holds title, lead and body: only a lead filled in changes it
                reindex = "lead" in update
                update["last_seen_at"] = now
                _update(db, article_id, update)
                # a lead, author or Markdown body filled in changes what the text says of the article
                # (its type, turns, topics, people): updated, so that the caller refreshes its stories
                # and facets; the text itself is the same, so no version is kept
                result = "updated" if _FILLS_ANALYSIS & update.keys() else "unchanged"
            else:
                _insert(
                    db,
                    "article_versions",
                    {
                        "article_id": article_id,
                        "captured_at": existing["last_seen_at"],
                        "content_hash": existing["content_hash"],
                        "title": existing["title"],
                        "lead": existing["lead"],
                        "published_at": existing["published_at"],
                        "body_markdown": existing["body_markdown"],
                        "body_text": existing["body_text"],
                    },
                )
                row["last_seen_at"] = now
                row.pop("first_seen_at", None)
                _update(db, article_id, row)
                result = "updated"
        for alias in alias_list:
            if alias != row["url"]:
                db.conn.execute(
                    "insert or ignore into url_aliases (url, article_id) values (?, ?)", [alias, article_id]
                )
        if raw is not None:
            _save_raw(db, raw, article_id, now)
        if reindex and not search.is_deferred(db):
            search.index_article(db, article_id, row if result == "new" else None)
            # the trigger queued it for the indexer: done already
            db.conn.execute("delete from search_pending where article_id = ?", [article_id])
    return result, article_id


def known_urls(db: sqlite_utils.Database, source: str, before: str | None = None) -> set[str]:
    """Every URL (canonical or alias) under which an article of ``source`` is archived.

    With ``before`` (an ISO time), only articles first seen before then.
    """
    since, params = (" and a.first_seen_at < ?", [source, before]) if before else ("", [source])
    urls = {r["url"] for r in db.query(f"select a.url from articles a where a.source = ?{since}", params)}
    urls.update(
        r["url"]
        for r in db.query(
            f"select u.url from url_aliases u join articles a on a.id = u.article_id where a.source = ?{since}",
            params,
        )
    )
    return urls


def known_external_ids(db: sqlite_utils.Database, source: str, before: str | None = None) -> set[str]:
    since, params = (" and first_seen_at < ?", [source, before]) if before else ("", [source])
    return {
        r["external_id"]
        for r in db.query(
            f"select external_id from articles where source = ? and external_id is not null{since}", params
        )
    }


def save_sources(db: sqlite_utils.Database, rows: Iterable[Mapping[str, Any]]) -> None:
    """Upsert the ``sources`` table (one row per source)."""
    with immediate(db):
        db.table("sources").upsert_all([dict(r) for r in rows], pk="name")


def start_run(db: sqlite_utils.Database, source: str) -> int:
    """A ``running`` row for a new run, naming the process that runs it (see :mod:`scraper.processes`)."""
    me = processes.current()
    row = {
        "source": source,
        "started_at": now_iso(),
        "status": "running",
        "host": me.host,
        "pid": me.pid,
        "process_started": me.started,
    }
    with immediate(db):
        return int(db.table("runs").insert(row).last_pk or 0)


def finish_run(
    db: sqlite_utils.Database,
    run_id: int,
    status: str,
    counts: Mapping[str, int],
    duration_s: float,
    error: str | None = None,
    ending: str = COMPLETED,
) -> None:
    with immediate(db):
        db.table("runs").update(
            run_id,
            {
                "finished_at": now_iso(),
                "status": status,
                "ending": ending,
                "duration_s": round(duration_s, 3),
                "error": error,
                **counts,
            },
        )


def _identity(row: Mapping[str, Any]) -> processes.ProcessIdentity | None:
    if row["pid"] is None or row["host"] is None or row["process_started"] is None:
        return None
    return processes.ProcessIdentity(str(row["host"]), int(row["pid"]), float(row["process_started"]))


def close_interrupted_runs(db: sqlite_utils.Database) -> list[int]:
    """Close the ``running`` runs whose process has died; return their ids.

    They become ``partial`` (whatever they stored is whole: one transaction per article) with
    ``ending`` = crashed, and the next run of their source walks its listings past what they
    stored (:func:`resume_point`). Runs of live processes, and of other hosts, are left alone.
    """
    with immediate(db):
        rows = list(db.query("select id, host, pid, process_started from runs where status = 'running'"))
        dead = []
        for row in rows:
            identity = _identity(row)
            # a run without an identity was started by a version that did not record one
            if identity is None or processes.is_alive(identity) is False:
                dead.append(int(row["id"]))
        now = now_iso()
        for run_id in dead:
            db.execute(
                "update runs set status = 'partial', ending = ?, error = ?, finished_at = ? where id = ?",
                [CRASHED, CRASHED_ERROR, now, run_id],
            )
            db.execute(
                "insert into failures (run_id, source, url, reason, error, at) "
                "select id, source, '', 'interrupted', ?, ? from runs where id = ?",
                [CRASHED_ERROR, now, run_id],
            )
    return dead


def running_elsewhere(db: sqlite_utils.Database, source: str) -> bool:
    """Whether another live process (a ``scrape`` beside ``up``, say) is running ``source`` now."""
    me = processes.current()
    for row in db.query(
        "select host, pid, process_started from runs where source = ? and status = 'running'", [source]
    ):
        identity = _identity(row)
        if identity is not None and identity != me and processes.is_alive(identity):
            return True
    return False


def resume_point(db: sqlite_utils.Database, source: str) -> str | None:
    """Start of the oldest unfinished run of ``source`` since its last run that reached its end.

    Runs that were stopped or crashed may have stored the top of a listing and not what lay
    below it; articles first seen since then do not count as known when the next run decides
    where a listing walk may stop, so it walks on and completes what was missing.
    """
    row = db.execute(
        """
        select min(started_at) from runs
        where source = ? and ending in (?, ?)
          and id > coalesce((select max(id) from runs where source = ? and ending = ? and status != 'failed'), 0)
        """,
        [source, STOPPED, CRASHED, source, COMPLETED],
    ).fetchone()
    return str(row[0]) if row and row[0] else None


def save_schedules(db: sqlite_utils.Database, rows: Iterable[Mapping[str, Any]]) -> None:
    """Replace the ``schedules`` table: one row per scheduled job, as ``up`` runs it."""
    with immediate(db):
        db.execute("delete from schedules")
        db.table("schedules").insert_all([dict(r) for r in rows], pk="job")


#: the kinds of scheduled job (``schedules.kind``): a source's routine runs, and its backfill pass
ROUTINE, BACKFILL = "routine", "backfill"


def stored_schedules(db: sqlite_utils.Database) -> dict[str, dict[str, float]]:
    """Per source: how often each kind of its jobs runs (seconds), as ``up`` last scheduled them."""
    out: dict[str, dict[str, float]] = {}
    for source, kind, every in db.execute("select source, kind, every_seconds from schedules").fetchall():
        out.setdefault(source, {})[kind] = float(every)
    return out


def record_failure(db: sqlite_utils.Database, run_id: int, source: str, url: str, reason: str, error: str) -> None:
    with immediate(db):
        db.table("failures").insert(
            {"run_id": run_id, "source": source, "url": url, "reason": reason, "error": error[:2000], "at": now_iso()}
        )


def source_overview(db: sqlite_utils.Database) -> dict[str, dict[str, Any]]:
    """Per source: article count and the last run's time and status."""
    overview: dict[str, dict[str, Any]] = {}
    for row in db.query("select source, count(*) as n from articles group by source"):
        overview.setdefault(row["source"], {})["articles"] = row["n"]
    for row in db.query(
        "select source, started_at, status from runs where id in (select max(id) from runs group by source)"
    ):
        overview.setdefault(row["source"], {}).update(last_run=row["started_at"], last_status=row["status"])
    return overview


_HEALTH_COLUMNS = ("extracted", "empty_title_share", "empty_date_share", "empty_body_share", "generic_share")


def field_health_history(
    db: sqlite_utils.Database, source: str, before_run: int, limit: int = 50
) -> list[dict[str, Any]]:
    """Field-health figures of the source's earlier runs that extracted something, newest first."""
    columns = ", ".join(_HEALTH_COLUMNS)
    return list(
        db.query(
            f"select id, {columns}, health from runs where source = ? and id < ? and extracted > 0 "
            "order by id desc limit ?",
            [source, before_run, limit],
        )
    )


def save_field_health(
    db: sqlite_utils.Database, run_id: int, figures: Mapping[str, Any], health: str, note: str | None
) -> None:
    """Store a run's field-health figures and verdict in its ``runs`` row."""
    values = {k: figures.get(k) for k in _HEALTH_COLUMNS}
    with immediate(db):
        db.table("runs").update(run_id, {**values, "health": health, "health_note": note})


#: the article columns re-extraction may rewrite in place (title and body text change through versions)
METADATA_FIELDS = (
    "published_at",
    "published_raw",
    "author",
    "byline",
    "lead",
    "language",
    "body_markdown",
    "content_type",
    "topics",
    "attachments",
    "images",
    "title_source",
    "date_source",
    "body_source",
    "author_source",
    "lead_source",
    "language_source",
)


def update_article_fields(db: sqlite_utils.Database, article_id: int, fields: Mapping[str, Any]) -> None:
    """Rewrite an article's metadata in place (re-extraction found better values; the text is the same).

    Title and body text are not among them: a change of text goes through :func:`save_article`,
    which keeps the earlier state as a version.
    """
    unknown = set(fields) - set(METADATA_FIELDS)
    if unknown:
        raise ValueError(f"not refreshable in place: {', '.join(sorted(unknown))}")
    with immediate(db):
        db.table("articles").update(article_id, dict(fields))
