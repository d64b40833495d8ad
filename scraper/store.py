"""Every database call: opening the archive, saving articles with versions, recording runs.

The store never fetches. Each article is written in one transaction, so a crash leaves
either the whole article or none of it.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import sqlite_utils

from scraper import search
from scraper.migrations import immediate, migrate

__all__ = [
    "ArticleRecord",
    "SaveResult",
    "content_hash",
    "finish_run",
    "known_external_ids",
    "known_urls",
    "now_iso",
    "open_db",
    "record_failure",
    "save_article",
    "save_sources",
    "source_overview",
    "start_run",
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
    attachments: tuple[Mapping[str, str], ...] = ()
    images: tuple[Mapping[str, str], ...] = ()
    story_id: str | None = None
    external_id: str | None = None
    title_source: str = ""
    date_source: str = ""
    body_source: str = ""

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
            "attachments": json.dumps([dict(a) for a in self.attachments], ensure_ascii=False),
            "images": json.dumps([dict(i) for i in self.images], ensure_ascii=False),
            "content_hash": content_hash(self.title, self.body_text),
            "story_id": self.story_id,
            "external_id": self.external_id,
            "title_source": self.title_source,
            "date_source": self.date_source,
            "body_source": self.body_source,
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


def save_article(
    db: sqlite_utils.Database, record: ArticleRecord, aliases: Iterable[str] = (), now: str | None = None
) -> tuple[SaveResult, int]:
    """Insert or update one article in one transaction; keep its earlier state as a version."""
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
        search.index_article(db, article_id)
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
