"""Every database call: opening the archive, saving articles with versions, recording runs.

The store never fetches. Each article is written in one transaction, so a crash leaves
either the whole article or none of it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import sqlite_utils

from scraper.decoding import decode_html
from scraper.migrations import immediate, migrate

__all__ = [
    "ArticleRecord",
    "CacheEntry",
    "RawPage",
    "SaveResult",
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
    "save_article",
    "save_field_health",
    "save_raw_page",
    "save_sources",
    "source_overview",
    "start_run",
    "update_article_fields",
]

SaveResult = Literal["new", "updated", "unchanged"]
_WS = re.compile(r"\s+")


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
    db.execute("PRAGMA foreign_keys = ON")
    migrate(db)
    return db


def content_hash(title: str, body_text: str) -> str:
    """Hash of what a reader sees; white space does not count."""
    normal = _WS.sub(" ", f"{title}\n{body_text}").strip()
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
            "topics": json.dumps(list(self.topics), ensure_ascii=False),
            "categories": json.dumps(list(self.categories), ensure_ascii=False),
            "tags": json.dumps(list(self.tags), ensure_ascii=False),
            "attachments": json.dumps([dict(a) for a in self.attachments], ensure_ascii=False),
            "images": json.dumps([dict(i) for i in self.images], ensure_ascii=False),
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


def _find(db: sqlite_utils.Database, record: ArticleRecord, aliases: Iterable[str]) -> dict[str, Any] | None:
    rows = list(db.query("select * from articles where url = ?", [record.url]))
    if not rows and record.external_id:
        rows = list(
            db.query(
                "select * from articles where source = ? and external_id = ? order by id limit 1",
                [record.source, record.external_id],
            )
        )
    if not rows:
        for alias in aliases:
            rows = list(
                db.query(
                    "select a.* from articles a join url_aliases u on u.article_id = a.id where u.url = ?",
                    [alias],
                )
            )
            if rows:
                break
    return rows[0] if rows else None


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
    db.table("raw_pages").insert(
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
        }
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


def save_article(
    db: sqlite_utils.Database,
    record: ArticleRecord,
    aliases: Iterable[str] = (),
    now: str | None = None,
    raw: RawPage | None = None,
) -> tuple[SaveResult, int]:
    """Insert or update one article in one transaction; keep its earlier state as a version.

    With ``raw``, the page's bytes are kept in the same transaction.
    """
    now = now or now_iso()
    row = record.row()
    alias_list = [a for a in dict.fromkeys(aliases) if a]
    with immediate(db):
        existing = _find(db, record, alias_list)
        if existing is None:
            row["first_seen_at"] = row["last_seen_at"] = now
            article_id = int(db.table("articles").insert(row).last_pk or 0)
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
                update["last_seen_at"] = now
                db.table("articles").update(article_id, update)
                result = "unchanged"
            else:
                db.table("article_versions").insert(
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
                db.table("articles").update(article_id, row)
                result = "updated"
        for alias in alias_list:
            if alias != row["url"]:
                db.execute("insert or ignore into url_aliases (url, article_id) values (?, ?)", [alias, article_id])
        if raw is not None:
            _save_raw(db, raw, article_id, now)
    return result, article_id


def known_urls(db: sqlite_utils.Database, source: str) -> set[str]:
    """Every URL (canonical or alias) under which an article of ``source`` is archived."""
    urls = {r["url"] for r in db.query("select url from articles where source = ?", [source])}
    urls.update(
        r["url"]
        for r in db.query(
            "select u.url from url_aliases u join articles a on a.id = u.article_id where a.source = ?", [source]
        )
    )
    return urls


def known_external_ids(db: sqlite_utils.Database, source: str) -> set[str]:
    return {
        r["external_id"]
        for r in db.query("select external_id from articles where source = ? and external_id is not null", [source])
    }


def save_sources(db: sqlite_utils.Database, rows: Iterable[Mapping[str, Any]]) -> None:
    """Upsert the ``sources`` table (one row per source)."""
    with immediate(db):
        db.table("sources").upsert_all([dict(r) for r in rows], pk="name")


def start_run(db: sqlite_utils.Database, source: str) -> int:
    with immediate(db):
        return int(
            db.table("runs").insert({"source": source, "started_at": now_iso(), "status": "running"}).last_pk or 0
        )


def finish_run(
    db: sqlite_utils.Database,
    run_id: int,
    status: str,
    counts: Mapping[str, int],
    duration_s: float,
    error: str | None = None,
) -> None:
    with immediate(db):
        db.table("runs").update(
            run_id,
            {"finished_at": now_iso(), "status": status, "duration_s": round(duration_s, 3), "error": error, **counts},
        )


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


_REFRESHABLE = frozenset(
    {
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
    }
)


def update_article_fields(db: sqlite_utils.Database, article_id: int, fields: Mapping[str, Any]) -> None:
    """Rewrite an article's metadata in place (re-extraction found better values; the text is the same).

    Title and body text are not among them: a change of text goes through :func:`save_article`,
    which keeps the earlier state as a version.
    """
    unknown = set(fields) - _REFRESHABLE
    if unknown:
        raise ValueError(f"not refreshable in place: {', '.join(sorted(unknown))}")
    with immediate(db):
        db.table("articles").update(article_id, dict(fields))
