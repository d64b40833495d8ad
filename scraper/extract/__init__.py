"""HTML to an article: structured data first, a site's own selectors next, generic extraction last.

:func:`extract_article` works on any news page; a source passes a :class:`Profile` with its
selectors and time zone to make it exact on its own pages. Every field records where its
value came from (``title_source``, ``date_source``...), so a layout change is easy to spot.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup, Tag

from scraper.dates import ParsedDate, find_date, parse_date, plausible
from scraper.errors import ExtractError
from scraper.extract.content import (
    ATTACHMENT_TYPES,
    blocks_of,
    collapse,
    find_container,
    is_boilerplate,
    make_body,
    strip_junk,
)
from scraper.extract.structured import Structured, read_structured
from scraper.urls import absolute

__all__ = ["Article", "Profile", "extract_article"]

_GENERIC_HEADINGS = frozenset(
    s.casefold()
    for s in (
        "News",
        "Новости",
        "Навіны",
        "Latest news",
        "Последние новости",
        "Апошнія навіны",
        "Menu",
        "Меню",
        "Search",
        "Поиск",
        "Пошук",
        "Interviews",
        "Интервью",
        "Press releases",
    )
)
_TITLE_SEPARATORS = re.compile(r"\s+[|–—-]\s+|\s+::\s+|\s+»\s+")
_BYLINE = re.compile(
    r"^(?:by\s+|автор:?\s+|аўтар:?\s+)?((?:[A-ZА-ЯЁЎІ][\w'’.-]+\s+){1,2}[A-ZА-ЯЁЎІ][\w'’.-]+)\s*[,–—-]\s*\S",
)


@dataclass(frozen=True)
class Profile:
    """What a source knows about its own pages. Every field is optional."""

    title_selectors: tuple[str, ...] = ()
    date_selectors: tuple[str, ...] = ()
    body_selectors: tuple[str, ...] = ()
    author_selectors: tuple[str, ...] = ()
    drop_selectors: tuple[str, ...] = ()
    timezone: str = "UTC"
    earliest: date = date(1990, 1, 1)
    #: a date the URL itself carries (mpt's /news/DD-MM-YYYY-NID), last resort only
    url_date: Callable[[str], ParsedDate | None] | None = None


@dataclass
class Article:
    """An extracted article. URLs inside it are absolute."""

    url: str
    title: str
    body_markdown: str
    body_text: str
    published_at: str | None = None
    published_raw: str | None = None
    author: str | None = None
    lead: str | None = None
    images: list[dict[str, str]] = field(default_factory=list)
    attachments: list[dict[str, str]] = field(default_factory=list)
    canonical: str | None = None
    shortlink: str | None = None
    alternates: dict[str, str] = field(default_factory=dict)
    html_lang: str | None = None
    keywords: list[str] = field(default_factory=list)
    #: the site's own categories and tags, when a source reads them (WordPress, Drupal taxonomies)
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    title_source: str = ""
    date_source: str = ""
    body_source: str = ""
    #: paragraphs that read as interview questions (see content.is_question)
    questions: int = 0


def _heading_ok(text: str) -> bool:
    return 3 <= len(text) <= 400 and text.casefold() not in _GENERIC_HEADINGS


def _similar(a: str, b: str) -> bool:
    a, b = a.casefold(), b.casefold()
    return a == b or (len(a) > 10 and a in b) or (len(b) > 10 and b in a)


def _pick_title(soup: BeautifulSoup, s: Structured, profile: Profile) -> tuple[str, str, Tag | None]:
    for selector in profile.title_selectors:
        for el in soup.select(selector):
            text = collapse(el.get_text(" ")).replace("\n", " ")
            if _heading_ok(text) and not _inside(el, is_boilerplate):
                return text, "site", el
    headings = [
        (collapse(el.get_text(" ")).replace("\n", " "), el)
        for el in soup.find_all(["h1", "h2"])
        if not _inside(el, is_boilerplate)
    ]
    headings = [(t, el) for t, el in headings if _heading_ok(t)]
    hints = [h for h in (s.title, s.page_title) if h]
    for text, el in headings:
        if any(_similar(text, hint) for hint in hints):
            return text, "heading", el
    if s.title:
        return _strip_site_name(s.title), s.title_source or "structured", None
    h1s = [(t, el) for t, el in headings if el.name == "h1"]
    if h1s:
        return h1s[0][0], "h1", h1s[0][1]
    if s.page_title:
        return _strip_site_name(s.page_title), "title-tag", None
    raise ExtractError("no title found")


def _strip_site_name(title: str) -> str:
    parts = _TITLE_SEPARATORS.split(title)
    return max(parts, key=len).strip() if len(parts) > 1 else title.strip()


def _inside(el: Tag, test: Callable[[Tag], bool]) -> bool:
    node: Tag | None = el
    while node is not None and node.name not in ("html", "body", "[document]"):
        if test(node):
            return True
        node = node.parent
    return False


def _to_site_time(found: ParsedDate, zone: ZoneInfo) -> ParsedDate:
    if found.has_time and found.value.tzinfo is not None:
        return ParsedDate(found.value.astimezone(zone), found.raw, True)
    return found


def _pick_date(
    soup: BeautifulSoup, s: Structured, profile: Profile, title_el: Tag | None, url: str
) -> tuple[ParsedDate | None, str, str | None]:
    """The publication date, where it came from, and the date string as displayed (for trimming)."""
    zone = ZoneInfo(profile.timezone)

    def ok(found: ParsedDate | None) -> bool:
        return found is not None and plausible(found, profile.earliest)

    displayed = _displayed_date(soup, title_el, zone)
    for selector in profile.date_selectors:
        for el in soup.select(selector):
            found = find_date(collapse(el.get_text(" ")), zone)
            if ok(found):
                assert found is not None
                return found, "site", found.raw
    if s.published:
        found = parse_date(s.published, zone)
        if ok(found):
            assert found is not None
            found = _to_site_time(found, zone)
            if displayed and displayed.value.date() == found.value.date():
                return (
                    ParsedDate(found.value, displayed.raw, found.has_time),
                    s.published_source or "meta",
                    displayed.raw,
                )
            return found, s.published_source or "meta", displayed.raw if displayed else None
    for el in soup.find_all("time"):
        if _inside(el, is_boilerplate):
            continue
        value = str(el.get("datetime") or "") or el.get_text(" ")
        found = parse_date(value, zone)
        if ok(found):
            assert found is not None
            raw = collapse(el.get_text(" ")) or found.raw
            return ParsedDate(_to_site_time(found, zone).value, raw, found.has_time), "time", raw
    if ok(displayed):
        assert displayed is not None
        return displayed, "text", displayed.raw
    if profile.url_date is not None:
        found = profile.url_date(url)
        if ok(found):
            return found, "url", None
    return None, "", None


def _displayed_date(soup: BeautifulSoup, title_el: Tag | None, zone: ZoneInfo) -> ParsedDate | None:
    """The first date printed shortly after the title (or near the top of the content)."""
    root = soup.body or soup
    blocks = [b for b in blocks_of(root) if not _inside(b.nodes[0].parent or root, is_boilerplate)]
    start = 0
    if title_el is not None:
        for i, b in enumerate(blocks):
            if any(n is title_el or (isinstance(n, Tag) and title_el in n.parents) for n in b.nodes) or (
                b.nodes and title_el in b.nodes[0].parents
            ):
                start = i + 1
                break
    budget = 600
    for b in blocks[start:]:
        if len(b.text) < 200:
            found = find_date(b.text, zone)
            if found is not None:
                return found
        budget -= len(b.text)
        if budget < 0:
            break
    return None


def _pick_body(soup: BeautifulSoup, profile: Profile) -> tuple[Tag, str]:
    for selector in profile.body_selectors:
        for el in soup.select(selector):
            if len(collapse(el.get_text(" "))) >= 20:
                return el, "site"
    for selector in ('[itemprop="articleBody"]', "article", '[role="main"]', "main"):
        semantic = soup.select_one(selector)
        if semantic is not None and len(collapse(semantic.get_text(" "))) >= 80:
            return find_container(semantic), "semantic"
    return find_container(soup.body or soup), "generic"


def _attachment_type(url: str) -> str | None:
    path = urlsplit(url).path.lower()
    ext = path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else ""
    return ext if ext in ATTACHMENT_TYPES else None


def _attachments(soup: BeautifulSoup, link: Callable[[str], str | None]) -> list[dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for a in soup.find_all("a", href=True):
        target = link(str(a["href"]))
        if not target or target in found:
            continue
        kind = _attachment_type(target)
        if kind and not _inside(a, lambda t: t.name in ("nav", "footer", "header")):
            found[target] = {"url": target, "type": kind, "title": collapse(a.get_text(" ")).replace("\n", " ")}
    return list(found.values())


def _author(soup: BeautifulSoup, s: Structured, profile: Profile, paragraphs: list[str]) -> str | None:
    for selector in profile.author_selectors:
        el = soup.select_one(selector)
        if el is not None and (text := collapse(el.get_text(" "))):
            return text
    if s.author:
        return s.author
    candidates = [p for p in (paragraphs[-1:] + paragraphs[:1]) if len(p) < 160]
    for paragraph in candidates:
        match = _BYLINE.match(paragraph)
        if match and (paragraph is paragraphs[-1] or paragraph.lower().startswith("by ")):
            return match.group(1).strip()
    return None


def extract_article(
    html: str,
    url: str,
    profile: Profile | None = None,
    link: Callable[[str], str | None] | None = None,
) -> Article:
    """Extract an article from a news page.

    ``url`` is the page's canonical URL (links resolve against it); ``link`` maps a raw
    href to the URL to store (a source uses it to name the real site, not a mirror).
    Raises :class:`~scraper.errors.ExtractError` when the page holds no title or no body.
    """
    profile = profile or Profile()
    resolve = link or (lambda href: absolute(href, url))
    soup = BeautifulSoup(html, "lxml")
    strip_junk(soup)
    for selector in profile.drop_selectors:
        for el in soup.select(selector):
            el.decompose()
    structured = read_structured(soup)
    try:
        title, title_source, title_el = _pick_title(soup, structured, profile)
    except ExtractError as exc:
        raise ExtractError(str(exc), url) from None
    published, date_source, displayed_raw = _pick_date(soup, structured, profile, title_el, url)
    attachments = _attachments(soup, resolve)
    container, body_source = _pick_body(soup, profile)
    body = make_body(
        container,
        title=title,
        date_raw=displayed_raw,
        link=resolve,
        is_attachment=lambda href: bool(_attachment_type(href)),
    )
    if not body.text:
        raise ExtractError("no body text found", url)
    lead = structured.description
    if not lead or len(lead) < 20:
        lead = body.paragraphs[0] if body.paragraphs else None
    return Article(
        url=url,
        title=title,
        body_markdown=body.markdown,
        body_text=body.text,
        published_at=published.iso() if published else None,
        published_raw=published.raw if published else None,
        author=_author(soup, structured, profile, body.paragraphs),
        lead=lead,
        images=body.images,
        attachments=attachments,
        canonical=structured.canonical,
        shortlink=structured.shortlink,
        alternates=structured.alternates,
        html_lang=structured.html_lang,
        keywords=structured.keywords,
        title_source=title_source,
        date_source=date_source,
        body_source=body_source,
        questions=body.questions,
    )
