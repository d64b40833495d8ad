"""Re-extraction: run the current extractor over the raw pages kept in the archive, without a request.

After the extractor improves, every archived article is rebuilt from the bytes its page had
when it was fetched (``raw_pages``), through the same :func:`scraper.records.build_record`
as a scrape. A changed text goes through :func:`scraper.store.save_article` (the earlier
state becomes a version); a change of metadata only (a date, an author, a field's source)
is written in place. The report says, field by field, what changed.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from scraper import store
from scraper.errors import ExtractError, ScraperError
from scraper.health import FieldHealth
from scraper.records import build_record
from scraper.sources import get_source
from scraper.sources.base import Link, Source

__all__ = ["COMPARED_FIELDS", "SourceReport", "reextract"]

log = logging.getLogger(__name__)

#: the article columns compared between the archived row and the re-extracted record
COMPARED_FIELDS = ("title", "body_text", *store.METADATA_FIELDS)


@dataclass
class SourceReport:
    """What re-extraction did to the articles of one source."""

    source: str
    pages: int = 0
    new: int = 0
    updated: int = 0  # text changed: a version was kept
    refreshed: int = 0  # metadata changed only
    unchanged: int = 0
    failed: int = 0
    #: per field, how many articles it changed in
    fields: Counter[str] = field(default_factory=Counter)
    #: per field, a few URLs where it changed (for a look)
    examples: dict[str, list[str]] = field(default_factory=dict)
    failures: list[tuple[str, str]] = field(default_factory=list)
    health: FieldHealth = field(default_factory=FieldHealth)


def _hint_from(row: dict[str, Any] | None) -> Link | None:
    """What discovery said of the page when it was scraped (a listing teaser, a feed date), kept in its row.

    Raw pages do not keep the listing that linked them; re-extraction must not drop what it said.
    """
    if row is None:
        return None
    teaser = row["lead"] if row.get("lead_source") == "listing" else None
    published = row["published_raw"] if row.get("date_source") == "listing" else None
    return Link(row["url"], teaser=teaser, published=published) if teaser or published else None


def _existing(db: sqlite_utils.Database, url: str, article_id: int | None) -> dict[str, Any] | None:
    if article_id is not None:
        rows = list(db.query("select * from articles where id = ?", [article_id]))
        if rows:
            return rows[0]
    rows = list(db.query("select * from articles where url = ?", [url]))
    return rows[0] if rows else None


def _changes(row: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    changed: dict[str, Any] = {}
    for name in COMPARED_FIELDS:
        before, after = row.get(name), new.get(name)
        if name in ("topics", "attachments", "images"):
            before = json.loads(before) if isinstance(before, str) and before else []
            after = json.loads(after) if isinstance(after, str) and after else []
        if (before or None) != (after or None):
            changed[name] = new.get(name)
    return changed


def reextract(
    db: sqlite_utils.Database, sources: Iterable[str] | None = None, dry_run: bool = False
) -> list[SourceReport]:
    """Rebuild every article of ``sources`` (all when None) from its latest raw page; never fetches.

    With ``dry_run`` the archive is not written: the report says what would change.
    """
    wanted = set(sources) if sources is not None else None
    reports: dict[str, SourceReport] = {}
    resolved: dict[str, Source] = {}
    for raw in store.iter_raw_pages(db):
        if wanted is not None and raw.source not in wanted:
            continue
        report = reports.setdefault(raw.source, SourceReport(raw.source))
        report.pages += 1
        try:
            source = resolved.get(raw.source) or resolved.setdefault(raw.source, get_source(raw.source))
            row = _existing(db, raw.url, raw.article_id)
            try:
                record = build_record(source, source.scope(), raw.text, raw.url, _hint_from(row))
            except ExtractError as exc:
                report.health.add_failure(exc)
                raise
            report.health.add(record)
            if row is None:
                report.new += 1
                if not dry_run:
                    store.save_article(db, record, aliases=[raw.url])
                continue
            new_row = record.row()
            changed = _changes(row, new_row)
            for name in changed:
                report.fields[name] += 1
                examples = report.examples.setdefault(name, [])
                if len(examples) < 3:
                    examples.append(str(row["url"]))
            if not changed:
                report.unchanged += 1
            elif new_row["content_hash"] != row["content_hash"]:
                report.updated += 1
                if not dry_run:
                    store.save_article(db, record, aliases=[raw.url])
            else:
                report.refreshed += 1
                # same content hash: the text is the same, only metadata moves (a row edited by hand
                # with a stale hash is left to the next scrape)
                in_place = {k: v for k, v in changed.items() if k not in ("title", "body_text")}
                if in_place and not dry_run:
                    store.update_article_fields(db, int(row["id"]), in_place)
        except ScraperError as exc:
            report.failed += 1
            report.failures.append((raw.url, str(exc)))
            log.warning("re-extraction failed for %s: %s", raw.url, exc)
        except Exception as exc:  # one bad page must not end the re-extraction: count it, keep its trace
            log.exception("unexpected error re-extracting %s", raw.url)
            report.failed += 1
            report.failures.append((raw.url, f"{exc.__class__.__name__}: {exc}"))
    return [reports[name] for name in sorted(reports)]
