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


def _jsonld_objects(soup: BeautifulSoup) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
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


def _meta(soup: BeautifulSoup, *names: str) -> str | None:
    for name in names:
        tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        if isinstance(tag, Tag):
            value = _text(tag.get("content"))
            if value:
                return value
    return None


def _content(tag: Tag) -> str | None:
    """What a microdata or RDFa property says: its ``content``/``datetime`` attribute, else its text."""
    for attr in ("content", "datetime"):
        if (value := _text(tag.get(attr))) is not None:
            return value
    return _text(tag.get_text(" "))


def _microdata_and_rdfa(soup: BeautifulSoup, s: Structured) -> None:
    """schema.org microdata (``itemprop``) and RDFa (``property="dc:date"``, Drupal 7's markup)."""
    for tag in soup.find_all(True, attrs={"itemprop": True}):
        props = str(tag.get("itemprop") or "").split()
        if s.title is None and "headline" in props:
            s.title, s.title_source = _content(tag), "microdata"
        elif s.published is None and "datePublished" in props:
            s.published, s.published_source = _content(tag), "microdata"
        elif s.author is None and "author" in props:
            inner = tag.find(True, attrs={"itemprop": "name"})
            s.author = _content(inner) if isinstance(inner, Tag) else _content(tag)
            s.author_source = "microdata" if s.author else None
    for tag in soup.find_all(True, attrs={"property": True}):
        if tag.name == "meta":
            continue
        rdfa = {p.lower() for p in str(tag.get("property") or "").split()}
        if s.title is None and rdfa & {"dc:title", "dcterms:title"}:
            s.title, s.title_source = _content(tag), "rdfa"
        elif s.published is None and rdfa & {"dc:date", "dcterms:created", "dcterms:issued"}:
            s.published, s.published_source = _content(tag), "rdfa"


def read_structured(soup: BeautifulSoup) -> Structured:
    """Collect JSON-LD, Open Graph, meta and link signals from a parsed page."""
    s = Structured()
    for obj in _jsonld_objects(soup):
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
    if s.title is None and (og := _meta(soup, "og:title", "twitter:title")):
        s.title, s.title_source = og, "og"
    if s.published is None:
        for name in ("article:published_time", "datePublished", "DC.date.issued", "dcterms.created", "pubdate"):
            value = _meta(soup, name)
            if value:
                s.published, s.published_source = value, "meta"
                break
    _microdata_and_rdfa(soup, s)
    if s.author is None and (name := _meta(soup, "author", "article:author", "dc.creator", "sailthru.author")):
        s.author, s.author_source = name, "meta"
    if s.description is None and (text := _meta(soup, "og:description", "description", "twitter:description")):
        s.description, s.description_source = text, "meta"
    keywords = _meta(soup, "keywords", "news_keywords")
    if keywords:
        s.keywords = [k.strip() for k in keywords.split(",") if k.strip()]
    html = soup.find("html")
    if isinstance(html, Tag):
        s.html_lang = _text(html.get("lang")) or _text(html.get("xml:lang"))
    for link in soup.find_all("link", href=True):
        rel = {r.lower() for r in (link.get("rel") or [])}
        href = str(link["href"]).strip()
        if "canonical" in rel and not s.canonical:
            s.canonical = href
        elif "shortlink" in rel and not s.shortlink:
            s.shortlink = href
        elif "alternate" in rel and link.get("hreflang"):
            s.alternates[str(link["hreflang"]).lower()] = href
    title_tag = soup.find("title")
    if isinstance(title_tag, Tag):
        s.page_title = _text(title_tag.get_text())
    return s
