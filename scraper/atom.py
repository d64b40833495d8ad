"""Atom 1.0 feeds (RFC 4287) from query rows: any query with ``atom_*`` columns is a feed.

Columns, as datasette-atom names them: ``atom_id``, ``atom_title`` and ``atom_updated``
are required; ``atom_link``, ``atom_content`` (text), ``atom_author_name`` and
``atom_category`` (comma-separated) are optional. Unlike datasette-atom this gives a valid
feed for an empty result and accepts dates without a time or a time zone (read as UTC).
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

__all__ = ["REQUIRED_COLUMNS", "atom_datetime", "feed_xml", "safe_http_url"]

ATOM_NS = "http://www.w3.org/2005/Atom"
REQUIRED_COLUMNS = frozenset({"atom_id", "atom_title", "atom_updated"})
ET.register_namespace("", ATOM_NS)


def _tag(name: str) -> str:
    return f"{{{ATOM_NS}}}{name}"


def safe_http_url(value: object) -> str | None:
    """``value`` if it is an absolute http(s) URL, else None (never a ``javascript:`` link)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    return text if text.lower().startswith(("http://", "https://")) else None


def atom_datetime(value: object) -> datetime | None:
    """An ISO 8601 date or date-time as an aware datetime (naive ones are UTC); None if unreadable."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(text[:10]), datetime.min.time())
        except ValueError:
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _entry_id(value: object) -> str:
    """An IRI for the entry: the article URL when it is http(s), else a stable URN made from the value."""
    text = str(value or "")
    return safe_http_url(text) or "urn:sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()


def _text(parent: ET.Element, name: str, value: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, _tag(name), attrs)
    # XML 1.0 cannot carry most control characters, whatever a scraped page contained
    element.text = "".join(ch for ch in value if ch in "\t\n\r" or ord(ch) >= 0x20)
    return element


def feed_xml(
    title: str,
    feed_id: str,
    rows: Iterable[Mapping[str, Any]],
    self_url: str | None = None,
    alternate_url: str | None = None,
    now: datetime | None = None,
    author: str = "Smart-city news archive",
) -> bytes:
    """The feed document for ``rows`` (mappings with ``atom_*`` keys), as UTF-8 bytes."""
    now = now or datetime.now(UTC)
    feed = ET.Element(_tag("feed"))
    _text(feed, "title", title)
    _text(feed, "id", feed_id)
    updated_element = _text(feed, "updated", "")
    if self_url:
        ET.SubElement(feed, _tag("link"), {"rel": "self", "href": self_url, "type": "application/atom+xml"})
    if alternate_url:
        ET.SubElement(feed, _tag("link"), {"rel": "alternate", "href": alternate_url, "type": "text/html"})
    _text(ET.SubElement(feed, _tag("author")), "name", author)  # RFC 4287: entries inherit it
    _text(feed, "generator", "smartcity-news-archive")
    newest: datetime | None = None
    for row in rows:
        updated = atom_datetime(row.get("atom_updated")) or now
        newest = updated if newest is None or updated > newest else newest
        entry = ET.SubElement(feed, _tag("entry"))
        _text(entry, "id", _entry_id(row.get("atom_id")))
        _text(entry, "title", str(row.get("atom_title") or "(untitled)"))
        _text(entry, "updated", updated.isoformat())
        link = safe_http_url(row.get("atom_link"))
        if link:
            ET.SubElement(entry, _tag("link"), {"rel": "alternate", "href": link})
        entry_author = row.get("atom_author_name")
        if entry_author:
            _text(ET.SubElement(entry, _tag("author")), "name", str(entry_author))
        for term in str(row.get("atom_category") or "").split(","):
            if term.strip():
                ET.SubElement(entry, _tag("category"), {"term": term.strip()})
        content = row.get("atom_content")
        if content:
            _text(entry, "content", str(content), type="text")
    updated_element.text = (newest or now).isoformat()
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + document
