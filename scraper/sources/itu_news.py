"""ITU News (ITU Hub, WordPress): ``https://www.itu.int/hub/YYYY/MM/<slug>/``.

Discovery: the main feed and the smart-city tag feed (``content:encoded`` carries the full
text, which is preferred to the page's own), the tag's archive pages (``/page/N/``), and the
Hub's sitemaps (named in robots.txt; WordPress core's and Yoast's index tried as guesses).
Article pages give title, date, byline, categories and tags through WordPress markup
(``.entry-title``, ``<time class="entry-date">``, ``rel="category tag"``, ``rel="tag"``) and
Open Graph; a "By <name>, <organisation>" line opening a guest article is its byline. ITU
News content is licensed CC BY-SA 3.0 IGO.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from bs4 import BeautifulSoup

from scraper.dates import ParsedDate, find_date
from scraper.extract import Article, Profile, extract_article
from scraper.extract.content import collapse
from scraper.sources.base import EntryPoint, Link, Listing, Source
from scraper.urls import Scope, absolute

__all__ = ["ItuNews"]

_HUB = "https://www.itu.int/hub/"
_ARTICLE = re.compile(r"^https://www\.itu\.int/hub/(\d{4})/(\d{2})/[^/?#]+/$")
_BYLINE = re.compile(r"^By\s+(.{3,120})$")
_NEXT = "a.next.page-numbers[href], link[rel~=next][href], .nav-previous a[href], a[rel~=next][href]"


def _url_date(url: str) -> ParsedDate | None:
    """The month of the URL, as the first of that month: only a bound for ``--since``."""
    match = _ARTICLE.match(url)
    if not match:
        return None
    return find_date(f"01.{match.group(2)}.{match.group(1)}", "Europe/Zurich")


def _terms(soup: BeautifulSoup, selector: str, meta: str) -> list[str]:
    found = [collapse(a.get_text(" ")) for a in soup.select(selector)]
    found += [str(m.get("content") or "") for m in soup.find_all("meta", attrs={"property": meta})]
    return list(dict.fromkeys(t.strip() for t in found if t.strip()))


class ItuNews(Source):
    name = "itu-news"
    title = "ITU News (ITU Hub)"
    site = "https://www.itu.int"
    aliases = ("itu.int", "www.itu.int")
    languages = ("en",)
    description = "ITU News articles from the ITU Hub (itu.int/hub), licensed CC BY-SA 3.0 IGO."
    every_minutes = 120
    trailing_slash = True
    article_pattern = _ARTICLE
    profile = Profile(
        title_selectors=("article h1.entry-title", "h1.entry-title", "article h1"),
        date_selectors=(),
        body_selectors=("article .entry-content", ".entry-content"),
        author_selectors=(".entry-meta .byline .author", ".byline .author", ".author.vcard"),
        drop_selectors=(
            ".sharedaddy",
            ".jp-relatedposts",
            ".entry-footer",
            ".post-navigation",
            ".comments-area",
            ".wp-block-buttons",
        ),
        timezone="Europe/Zurich",
        earliest=date(2010, 1, 1),
        url_date=None,
    )

    def entry_points(self) -> list[EntryPoint]:
        hub = _HUB
        return [
            EntryPoint(hub + "feed/", "feed"),
            EntryPoint(hub + "tag/smart-cities/feed/", "feed", optional=True),
            EntryPoint(hub + "tag/smart-cities/", "listing", optional=True),
            EntryPoint(self.site + "/robots.txt", "robots", optional=True),
            EntryPoint(hub + "wp-sitemap.xml", "sitemap", optional=True),
            EntryPoint(hub + "sitemap_index.xml", "sitemap", optional=True),
        ]

    def is_article(self, url: str) -> bool:
        return bool(_ARTICLE.match(url))

    def wants_sitemap(self, url: str) -> bool:
        # www.itu.int has sitemaps for far more than the Hub: only the Hub's are read
        return url.startswith(_HUB)

    def link_date(self, link: Link) -> date | None:
        found = super().link_date(link)
        if found is not None:
            return found
        month = _url_date(link.url)
        if month is None:
            return None
        # the URL names the month: its last day is the latest the article can be from
        first = month.value.date()
        return date(first.year + first.month // 12, first.month % 12 + 1, 1) - timedelta(days=1)

    def parse_listing(self, html: str, page_url: str, scope: Scope) -> Listing:
        soup = BeautifulSoup(html, "lxml")
        listing = Listing()
        seen: set[str] = set()
        for a in soup.select("article .entry-title a[href], .entry-title a[href], article a[href]"):
            url = self.resolve(scope, str(a["href"]), page_url)
            if not url or url in seen or not self.is_article(url):
                continue
            seen.add(url)
            item = a.find_parent("article")
            summary = item.select_one(".entry-summary") if item else None
            stamp = item.select_one("time[datetime]") if item else None
            listing.links.append(
                Link(
                    url,
                    title=collapse(a.get_text(" ")).replace("\n", " ") or None,
                    teaser=collapse(summary.get_text(" ")).replace("\n", " ") or None if summary else None,
                    published=str(stamp["datetime"]) if stamp else None,
                )
            )
        for a in soup.select(_NEXT):
            url = self.resolve(scope, str(a["href"]), page_url)
            if url and url != page_url:
                listing.next_pages.append(url)
                break
        return listing

    def extract(self, html: str, url: str, scope: Scope) -> Article:
        article = super().extract(html, url, scope)
        soup = BeautifulSoup(html, "lxml")
        article.categories = _terms(soup, ".cat-links a, a[rel~=category]", "article:section")
        tags = _terms(soup, ".tags-links a[rel~=tag], a[rel=tag]", "article:tag")
        article.tags = [t for t in tags if t not in article.categories]
        return _byline(article)

    def extract_hinted(self, html: str, url: str, scope: Scope, hint: Link | None) -> Article:
        """The page's article, with the feed's ``content:encoded`` as its body when the feed had it
        (the post as written, without the theme's share buttons and related posts)."""
        article = self.extract(html, url, scope)
        if hint is None or not hint.content_html or len(collapse(hint.content_html)) < 40:
            return article
        doc = (
            f"<html><body><article><h1>{html_lib.escape(article.title)}</h1>"
            f"<div class='entry-content'>{hint.content_html}</div></article></body></html>"
        )
        profile = replace(self.profile, title_selectors=("h1",), author_selectors=())
        from_feed = _byline(extract_article(doc, url, profile, self._linker(url, scope)))
        if len(from_feed.body_text) < 0.5 * len(article.body_text):
            return article  # a truncated feed text: the page is more complete
        return replace(
            article,
            body_markdown=from_feed.body_markdown,
            body_text=from_feed.body_text,
            images=from_feed.images or article.images,
            attachments=from_feed.attachments or article.attachments,
            author=from_feed.author if from_feed.body_source.endswith(_BYLINE_MARK) else article.author,
            body_source="feed" + (_BYLINE_MARK if from_feed.body_source.endswith(_BYLINE_MARK) else ""),
        )

    def _linker(self, url: str, scope: Scope) -> Callable[[str], str | None]:
        """Links of the feed's text as the archive stores them (the real site's canonical URLs)."""

        def link(href: str) -> str | None:
            target = absolute(href, url)
            if target is None:
                return None
            inside = scope.canonical(target)
            return self.tidy(inside) if inside else target

        return link


_BYLINE_MARK = "+byline"


def _byline(article: Article) -> Article:
    """A guest article opens with "By <name>, <organisation>": that is its byline, not its text."""
    first, _, rest = article.body_text.partition("\n\n")
    match = _BYLINE.match(first.strip())
    if not match or not rest:
        return article
    md_first, _, md_rest = article.body_markdown.partition("\n\n")
    return replace(
        article,
        author=match.group(1).strip(),
        body_text=rest,
        body_markdown=md_rest if md_first.strip().strip("*_").startswith("By") else article.body_markdown,
        body_source=article.body_source + _BYLINE_MARK,
    )
