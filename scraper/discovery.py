"""Discovery helpers for any source: sitemaps, robots.txt ``Sitemap:`` lines, feed autodiscovery.

Pure functions over fetched text or bytes; the pipeline does the fetching. RSS and Atom
feeds are read with feedparser in :func:`scraper.sources.base.parse_feed`.
"""

from __future__ import annotations

import gzip
import logging
import re
import zlib
from dataclasses import dataclass, field

from bs4 import BeautifulSoup
from lxml import etree

from scraper.urls import absolute

__all__ = ["Sitemap", "SitemapEntry", "feed_links", "parse_sitemap", "sitemap_bytes"]

log = logging.getLogger(__name__)

_FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml", "text/xml"}
)
_FEED_HREF = re.compile(r"(?:/feed/?|/rss(?:\.xml)?|/atom(?:\.xml)?|\.rss|/feed\.xml)$", re.IGNORECASE)


@dataclass(frozen=True)
class SitemapEntry:
    """One ``<url>`` of a sitemap: its location and, when given, its ``<lastmod>``."""

    url: str
    lastmod: str | None = None


@dataclass
class Sitemap:
    """A parsed sitemap: page entries (a ``<urlset>``) or child sitemaps (a ``<sitemapindex>``)."""

    entries: list[SitemapEntry] = field(default_factory=list)
    sitemaps: list[SitemapEntry] = field(default_factory=list)


def sitemap_bytes(content: bytes) -> bytes:
    """The XML of a sitemap, gunzipped when it is a ``.xml.gz`` file (served with or without
    ``Content-Encoding``); a damaged gzip stream gives what could be read."""
    if content[:2] != b"\x1f\x8b":
        return content
    try:
        return gzip.decompress(content)
    except (OSError, EOFError, zlib.error):
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(content)


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def parse_sitemap(content: bytes | str, sitemap_url: str) -> Sitemap:
    """Entries of a sitemap (XML, gzipped XML, or a plain-text list of URLs, one a line).

    Namespaces are ignored, so sitemaps that omit or misspell theirs still read; relative
    locations resolve against the sitemap's URL. Broken XML yields what the recovering
    parser can read, never an exception.
    """
    data = sitemap_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    result = Sitemap()
    head = data.lstrip()[:200].lower()
    if not head.startswith(b"<"):
        for line in data.decode("utf-8", "replace").splitlines():
            url = absolute(line.strip(), sitemap_url)
            if url:
                result.entries.append(SitemapEntry(url))
        return result
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        log.info("unreadable sitemap %s", sitemap_url)
        return result
    for node in root.iter():
        kind = _local(node.tag)
        if kind not in ("url", "sitemap"):
            continue
        loc = lastmod = None
        for child in node:
            name = _local(child.tag)
            if name == "loc" and child.text:
                loc = child.text.strip()
            elif name == "lastmod" and child.text:
                lastmod = child.text.strip()
        url = absolute(loc, sitemap_url) if loc else None
        if url:
            (result.entries if kind == "url" else result.sitemaps).append(SitemapEntry(url, lastmod))
    return result


def feed_links(html: str, page_url: str) -> list[str]:
    """Feeds a page announces: ``<link rel="alternate" type="application/rss+xml" href=...>`` and
    kin (feed autodiscovery), then, when none is announced, ``<a>`` links that look like feeds."""
    soup = BeautifulSoup(html, "lxml")
    found: dict[str, None] = {}
    for link in soup.find_all("link", href=True):
        rel = {str(r).lower() for r in (link.get("rel") or [])}
        kind = str(link.get("type") or "").split(";")[0].strip().lower()
        if ("alternate" in rel or "feed" in rel) and (kind in _FEED_TYPES or "feed" in rel):
            url = absolute(str(link["href"]), page_url)
            if url:
                found[url] = None
    if not found:
        for a in soup.find_all("a", href=True):
            href = str(a["href"]).split("#")[0]
            url = absolute(href, page_url)
            if url and _FEED_HREF.search(url.split("?")[0]):
                found[url] = None
    return list(found)
