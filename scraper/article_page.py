"""What the article page shows: one article with its body, its language versions, its copies in
other sources and its earlier versions, each a link; everything from a scraped page is made safe.
"""

from __future__ import annotations

import json
from typing import Any

from datasette.database import Database
from datasette_render_markdown import render_markdown
from markupsafe import Markup

from scraper.atom import safe_http_url

__all__ = ["MARKDOWN_EXTENSIONS", "MARKDOWN_EXTRA_TAGS", "article_context", "safe_markdown"]

# Markdown features a body may use (issue 5 keeps tables); the sanitizer allows their tags only.
MARKDOWN_EXTENSIONS = ["tables"]
MARKDOWN_EXTRA_TAGS = ["table", "thead", "tbody", "tr", "th", "td", "hr", "br", "figure", "figcaption"]

_COLUMNS = (
    "id, url, source, language, title, published_at, published_raw, author, lead, body_markdown, "
    "content_type, topics, attachments, images, story_id, content_hash, first_seen_at, last_seen_at"
)


def safe_markdown(text: str | None) -> Markup:
    """Markdown as HTML through bleach's allow-list: no script, no event handler, no ``javascript:`` link."""
    return Markup(render_markdown(text or "", MARKDOWN_EXTENSIONS, MARKDOWN_EXTRA_TAGS))


def _json_list(value: object) -> list[Any]:
    try:
        parsed = json.loads(value) if isinstance(value, str) else []
    except ValueError:
        return []
    return parsed if isinstance(parsed, list) else []


def _links(items: list[Any], label_keys: tuple[str, ...]) -> list[dict[str, str]]:
    """Attachments or images as (url, label) pairs, keeping only http(s) URLs."""
    links = []
    for item in items:
        if not isinstance(item, dict):
            continue
        url = safe_http_url(item.get("url"))
        if url:
            label = next((str(item[k]) for k in label_keys if item.get(k)), url.rsplit("/", 1)[-1])
            links.append({"url": url, "label": label, "type": str(item.get("type") or "")})
    return links


async def _rows(db: Database, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    result = await db.execute(sql, params)
    return [dict(row) for row in result.rows]


async def article_context(db: Database, article_id: str) -> dict[str, Any] | None:
    """Template variables of the article page, or None when there is no such article."""
    found = await _rows(db, f"select {_COLUMNS} from articles where id = ?", [article_id])
    if not found:
        return None
    article = found[0]
    story, digest = article["story_id"], article["content_hash"]
    translations = await _rows(
        db,
        "select id, language, title, url, published_at from articles "
        "where story_id = ? and source = ? and id != ? order by language, id",
        [story, article["source"], article["id"]],
    )
    copies = await _rows(
        db,
        "select id, source, language, title, url, published_at from articles "
        "where source != ? and id != ? and (story_id = ? or content_hash = ?) order by published_at, id",
        [article["source"], article["id"], story, digest],
    )
    versions = await _rows(
        db,
        "select id, captured_at, title from article_versions where article_id = ? order by captured_at desc, id desc",
        [article["id"]],
    )
    sources = await _rows(db, "select site, title from sources where name = ?", [article["source"]])
    return {
        "article": article,
        "article_url": safe_http_url(article["url"]),
        "article_body": safe_markdown(article["body_markdown"]),
        "article_topics": [str(t) for t in _json_list(article["topics"])],
        "article_attachments": _links(_json_list(article["attachments"]), ("title", "type")),
        "article_images": _links(_json_list(article["images"]), ("caption", "alt")),
        "article_source": sources[0] if sources else {"site": None, "title": article["source"]},
        "article_source_site": safe_http_url(sources[0]["site"]) if sources else None,
        "translations": [dict(t, safe_url=safe_http_url(t["url"])) for t in translations],
        "copies": [dict(c, safe_url=safe_http_url(c["url"])) for c in copies],
        "versions": versions,
    }
