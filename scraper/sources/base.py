"""What every source module provides: where to look, which URLs are articles, how to read them.

Source modules are pure: they turn HTML and URLs into links and articles and never do I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

import feedparser
from bs4 import BeautifulSoup

from scraper.dates import parse_date
from scraper.extract import Article, Profile, extract_article
from scraper.extract.content import collapse
from scraper.urls import Scope, absolute

__all__ = ["EntryPoint", "Link", "Listing", "Source", "parse_feed"]

#: feed: RSS/Atom; listing: a paginated list of articles; crawl: a section walked to a bounded
#: depth; sitemap: a sitemap or sitemap index; robots: the sitemaps robots.txt names;
#: autodiscover: a page whose announced feeds (and article links) are read
EntryKind = Literal["feed", "listing", "crawl", "sitemap", "robots", "autodiscover"]


@dataclass(frozen=True)
class EntryPoint:
    """Where discovery starts: a feed, the first page of a listing, a section to crawl, a sitemap...

    ``optional`` marks an entry point that is a guess about the site: when it does not
    exist (404, 410) it is recorded as skipped, not as a failure of the run.
    """

    url: str
    kind: EntryKind
    optional: bool = False


@dataclass(frozen=True)
class Link:
    """An article URL found during discovery, with what the listing or feed said of it."""

    url: str
    title: str | None = None
    teaser: str | None = None
    published: str | None = None
    #: listed in a feed or on a listing's first page: news that may still be corrected
    current: bool = False
    #: what a feed said beyond the teaser: the full text (``content:encoded``), byline, categories
    content_html: str | None = None
    author: str | None = None
    categories: tuple[str, ...] = ()


@dataclass
class Listing:
    """One listing page: its article links and the pages that follow it."""

    links: list[Link] = field(default_factory=list)
    next_pages: list[str] = field(default_factory=list)


def parse_feed(text: str, feed_url: str, scope: Scope) -> list[Link]:
    """RSS or Atom items as links (in-scope items only); teasers are reduced to text."""
    parsed = feedparser.parse(text)
    links: list[Link] = []
    for entry in parsed.entries:
        href = entry.get("link") or ""
        url = scope.resolve(href, feed_url) if href else None
        if url is None:
            continue
        summary = entry.get("summary") or entry.get("description") or ""
        teaser = collapse(BeautifulSoup(summary, "lxml").get_text(" ")).replace("\n", " ") if summary else None
        content = [c.get("value") for c in entry.get("content") or [] if c.get("value")]
        links.append(
            Link(
                url=url,
                title=collapse(entry.get("title") or "") or None,
                teaser=teaser or None,
                published=entry.get("published") or entry.get("updated"),
                current=True,
                content_html=max(content, key=len) if content else None,
                author=collapse(entry.get("author") or "") or None,
                categories=_terms(entry),
            )
        )
    return links


def _terms(entry: dict[str, object]) -> tuple[str, ...]:
    tags = entry.get("tags")
    if not isinstance(tags, list):
        return ()
    terms = (collapse(str(tag.get("term") or "")) for tag in tags if isinstance(tag, dict))
    return tuple(dict.fromkeys(t for t in terms if t))


class Source:
    """Base of every source. Subclasses set the class attributes and override what differs."""

    name: str = ""
    title: str = ""
    site: str = ""
    aliases: tuple[str, ...] = ()
    languages: tuple[str, ...] = ("en",)
    description: str = ""
    #: minutes between scheduled runs
    every_minutes: int = 60
    #: politeness towards the site: seconds between two requests to one host, requests at once
    delay: float = 1.0
    concurrency: int = 2
    default_content_type: str = "news"
    profile: Profile = Profile()
    trailing_slash: bool = False
    #: harvest links from article pages too (for sources discovered by crawling)
    crawl_articles: bool = False
    article_pattern: re.Pattern[str] = re.compile(r"$^")
    section_pattern: re.Pattern[str] = re.compile(r"$^")

    #: paths are case-insensitive on this site (SharePoint): compare them folded
    case_insensitive_paths: bool = False

    def scope(self, mirror: str | None = None) -> Scope:
        return Scope.create(self.site, self.aliases, mirror, self.trailing_slash)

    def entry_points(self) -> list[EntryPoint]:
        raise NotImplementedError

    def tidy(self, url: str) -> str:
        """A site-specific last touch on a canonical URL (e.g. one spelling of a path)."""
        return url

    def resolve(self, scope: Scope, href: str, page_url: str) -> str | None:
        """A link on a page as this source's canonical URL, or None when out of scope."""
        url = scope.resolve(href, page_url)
        return self.tidy(url) if url else None

    def visit_key(self, url: str) -> str:
        """The key under which a URL counts as seen during one run."""
        return url.casefold() if self.case_insensitive_paths else url

    @property
    def discovery(self) -> str:
        return ", ".join(sorted({e.kind for e in self.entry_points()}))

    def is_article(self, url: str) -> bool:
        """Whether a canonical URL is an article page of this source."""
        return bool(self.article_pattern.search(url))

    def in_section(self, url: str) -> bool:
        """Whether a canonical URL belongs to the section a crawl may walk."""
        return bool(self.section_pattern.search(url))

    def external_id(self, url: str) -> str | None:
        """A source-specific identity of the article behind a URL (e.g. ``ru/7715``)."""
        return None

    def fetch_form(self, url: str) -> str:
        """The URL form to request for an article URL (e.g. without a print suffix)."""
        return url

    def parse_listing(self, html: str, page_url: str, scope: Scope) -> Listing:
        """Article links and next pages of a listing page (``page_url`` is canonical)."""
        soup = BeautifulSoup(html, "lxml")
        listing = Listing()
        for a in soup.find_all("a", href=True):
            url = self.resolve(scope, str(a["href"]), page_url)
            if url and self.is_article(url):
                listing.links.append(Link(url, title=collapse(a.get_text(" ")) or None))
        return listing

    def parse_feed(self, text: str, feed_url: str, scope: Scope) -> list[Link]:
        links = (replace(link, url=self.tidy(link.url)) for link in parse_feed(text, feed_url, scope))
        return [link for link in links if self.is_article(link.url)]

    def section_links(self, html: str, page_url: str, scope: Scope) -> list[str]:
        """In-scope links of a page for a section crawl: section pages and articles."""
        soup = BeautifulSoup(html, "lxml")
        found: dict[str, None] = {}
        for a in soup.find_all("a", href=True):
            url = self.resolve(scope, str(a["href"]), page_url)
            if url and (self.is_article(url) or self.in_section(url)):
                found[url] = None
        return list(found)

    def extract(self, html: str, url: str, scope: Scope) -> Article:
        """The article on a page; ``url`` is its canonical URL."""

        def link(href: str) -> str | None:
            target = absolute(href, url)
            if target is None:
                return None
            inside = scope.canonical(target)
            return self.tidy(inside) if inside else target

        return extract_article(html, url, self.profile, link)

    def canonical_article_url(self, article: Article, url: str, scope: Scope) -> str:
        """The URL to store: the page's rel=canonical when it names an article in scope."""
        if article.canonical:
            declared = self.resolve(scope, article.canonical, url)
            if declared and self.is_article(declared):
                return declared
        return url

    def article_external_id(self, article: Article, url: str) -> str | None:
        """The source-specific identity of an extracted page (see :meth:`external_id`)."""
        return self.external_id(url)

    def story_key(self, article: Article, url: str) -> str:
        """What makes two pages of this source one story (translations share it)."""
        return url

    def published_from_feed(self, link: Link) -> str | None:
        found = parse_date(link.published or "", self.profile.timezone) if link.published else None
        return found.iso() if found else None

    def link_date(self, link: Link) -> date | None:
        """The publication day of a discovered link before it is fetched (what the feed, listing
        or sitemap said, else a date in the URL), for ``--since``; None when unknown."""
        if link.published:
            found = parse_date(link.published, self.profile.timezone)
            if found is not None:
                return found.value.date()
        if self.profile.url_date is not None:
            from_url = self.profile.url_date(link.url)
            if from_url is not None:
                return from_url.value.date()
        return None

    def wants_sitemap(self, url: str) -> bool:
        """Whether a sitemap (named by robots.txt or an index) may list this source's articles."""
        return True

    def extract_hinted(self, html: str, url: str, scope: Scope, hint: Link | None) -> Article:
        """The article on a page, given what discovery said of it; a source whose feed carries the
        full text (``content:encoded``) overrides this to use it."""
        return self.extract(html, url, scope)
