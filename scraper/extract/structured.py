"""Structured signals of a page: JSON-LD, Open Graph, <meta>, <link> and <time>."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from bs4 import BeautifulSoup, Tag

__all__ = ["Structured", "read_structured"]

_ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "reportagenewsarticle", "webpage", "pressrelease"}


@dataclass
class Structured:
    """What the page says about itself in machine-readable form."""

    title: str | None = None
    title_source: str | None = None
    published: str | None = None
    published_source: str | None = None
    author: str | None = None
    author_source: str | None = None
    description: str | None = None
    description_source: str | None = None
    html_lang: str | None = None
    canonical: str | None = None
    shortlink: str | None = None
    page_title: str | None = None
    alternates: dict[str, str] = field(default_factory=dict)
    keywords: list[str] = field(default_factory=list)


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        value = " ".join(value.split())
        return value or None
    return None


def _jsonld_objects(scripts: list[Tag]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for script in scripts:
        try:
            data = json.loads(script.get_text() or "null")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                found.append(item)
    return found


def _author_name(value: Any) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_author_name(v) for v in value) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def _meta(metas: dict[str, str], *names: str) -> str | None:
    for name in names:
        if value := metas.get(name.lower()):
            return value
    return None


@dataclass
class _Tags:
    """The tags structured data lives in, gathered in one walk over the page."""

    metas: dict[str, str] = field(default_factory=dict)
    scripts: list[Tag] = field(default_factory=list)
    links: list[Tag] = field(default_factory=list)
    itemprops: list[Tag] = field(default_factory=list)
    properties: list[Tag] = field(default_factory=list)
    title: Tag | None = None
    html: Tag | None = None


def _gather(all_tags: list[Tag]) -> _Tags:
    tags = _Tags()
    for tag in all_tags:
        name = tag.name
        attrs = tag.attrs
        if name == "meta":
            key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
            value = _text(attrs.get("content"))
            if isinstance(key, str) and value and key.lower() not in tags.metas:
                tags.metas[key.lower()] = value
            continue
        if name == "script":
            if str(attrs.get("type", "")).lower() == "application/ld+json":
                tags.scripts.append(tag)
            continue
        if name == "link":
            if attrs.get("href"):
                tags.links.append(tag)
            continue
        if name == "title" and tags.title is None:
            tags.title = tag
        elif name == "html" and tags.html is None:
            tags.html = tag
        if "itemprop" in attrs:
            tags.itemprops.append(tag)
        if "property" in attrs:
            tags.properties.append(tag)
    return tags


def _content(tag: Tag) -> str | None:
    """What a microdata or RDFa property says: its ``content``/``datetime`` attribute, else its text."""
    for attr in ("content", "datetime"):
        if (value := _text(tag.get(attr))) is not None:
            return value
    return _text(tag.get_text(" "))


def _microdata_and_rdfa(tags: _Tags, s: Structured) -> None:
    """schema.org microdata (``itemprop``) and RDFa (``property="dc:date"``, Drupal 7's markup)."""
    for tag in tags.itemprops:
        props = str(tag.get("itemprop") or "").split()
        if s.title is None and "headline" in props:
            s.title, s.title_source = _content(tag), "microdata"
        elif s.published is None and "datePublished" in props:
            s.published, s.published_source = _content(tag), "microdata"
        elif s.author is None and "author" in props:
            inner = tag.find(True, attrs={"itemprop": "name"})
            s.author = _content(inner) if isinstance(inner, Tag) else _content(tag)
            s.author_source = "microdata" if s.author else None
    for tag in tags.properties:
        rdfa = {p.lower() for p in str(tag.get("property") or "").split()}
        if s.title is None and rdfa & {"dc:title", "dcterms:title"}:
            s.title, s.title_source = _content(tag), "rdfa"
        elif s.published is None and rdfa & {"dc:date", "dcterms:created", "dcterms:issued"}:
            s.published, s.published_source = _content(tag), "rdfa"


def read_structured(soup: BeautifulSoup, all_tags: list[Tag] | None = None) -> Structured:
    """Collect JSON-LD, Open Graph, meta, microdata, RDFa and link signals from a parsed page.

    ``all_tags`` is the page's tags in document order, when the caller already has them.
    """
    s = Structured()
    tags = _gather(all_tags if all_tags is not None else list(soup.find_all(True)))
    metas = tags.metas
    for obj in _jsonld_objects(tags.scripts):
        kinds = obj.get("@type", "")
        kinds = [kinds] if isinstance(kinds, str) else kinds if isinstance(kinds, list) else []
        if not any(str(k).lower() in _ARTICLE_TYPES for k in kinds):
            continue
        if s.title is None and _text(obj.get("headline")):
            s.title, s.title_source = _text(obj.get("headline")), "json-ld"
        if s.published is None and _text(obj.get("datePublished")):
            s.published, s.published_source = _text(obj.get("datePublished")), "json-ld"
        if s.author is None and (name := _author_name(obj.get("author"))):
            s.author, s.author_source = name, "json-ld"
        if s.description is None and (text := _text(obj.get("description"))):
            s.description, s.description_source = text, "json-ld"
    if s.title is None and (og := _meta(metas, "og:title", "twitter:title")):
        s.title, s.title_source = og, "og"
    if s.published is None:
        for name in ("article:published_time", "datePublished", "DC.date.issued", "dcterms.created", "pubdate"):
            value = _meta(metas, name)
            if value:
                s.published, s.published_source = value, "meta"
                break
    _microdata_and_rdfa(tags, s)
    if s.author is None and (name := _meta(metas, "author", "article:author", "dc.creator", "sailthru.author")):
        s.author, s.author_source = name, "meta"
    if s.description is None and (text := _meta(metas, "og:description", "description", "twitter:description")):
        s.description, s.description_source = text, "meta"
    keywords = _meta(metas, "keywords", "news_keywords")
    if keywords:
        s.keywords = [k.strip() for k in keywords.split(",") if k.strip()]
    if tags.html is not None:
        s.html_lang = _text(tags.html.get("lang")) or _text(tags.html.get("xml:lang"))
    for link in tags.links:
        rel = {r.lower() for r in (link.get("rel") or [])}
        href = str(link["href"]).strip()
        if "canonical" in rel and not s.canonical:
            s.canonical = href
        elif "shortlink" in rel and not s.shortlink:
            s.shortlink = href
        elif "alternate" in rel and link.get("hreflang"):
            s.alternates[str(link["hreflang"]).lower()] = href
    if tags.title is not None:
        s.page_title = _text(tags.title.get_text())
    return s
