"""mpt.gov.by: Ministry of Communications and Informatization of Belarus (Drupal 7; ru, en, be).

Discovery: the news listings of each language (``?page=N`` from 0), the front page and the
RSS feeds. Articles: ``/{lang}/news/DD-MM-YYYY-NID``, also ``/node/NID`` (and its print
route), unprefixed paths (default language ru) and slug aliases found in listings and feeds.
The same NID in ru/en/be is one story in three languages.
"""

from __future__ import annotations

import re
from datetime import date

from bs4 import BeautifulSoup, Tag

from scraper.dates import ParsedDate, find_date
from scraper.extract import Article, Profile
from scraper.extract.content import collapse
from scraper.sources.base import EntryPoint, Link, Listing, Source, parse_feed
from scraper.urls import Scope

__all__ = ["Mpt"]

_ID = re.compile(r"^/(?:(ru|en|be)/)?(?:news/(\d{1,2})-(\d{1,2})-(\d{4})-|node/)(\d+)(?:/printable/print)?$")
_ARTICLE = re.compile(
    r"^https?://[^/]+/(?:(?:ru|en|be)/)?(?:news/\d{1,2}-\d{1,2}-\d{4}-\d+|node/\d+(?:/printable/print)?)$"
)
_NOT_ARTICLE = re.compile(
    r"/(?:news|rss(?:\.xml)?|node|taxonomy/.*|user.*|search.*|admin.*|sites/.*|files/.*|contact.*)?$|[?#]"
)
_NID_IN_PAGE = re.compile(r"(?:rel=[\"']shortlink[\"'][^>]*/node/|page-node-|id=[\"']node-)(\d+)")
_LANG_PREFIX = re.compile(r"^/(ru|en|be)(?:/|$)")


def _url_date(url: str) -> ParsedDate | None:
    match = _ID.match(_path(url))
    if not match or not match.group(4):
        return None
    return find_date(f"{match.group(2)}.{match.group(3)}.{match.group(4)}", "Europe/Minsk")


def _path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url).split("?", 1)[0] or "/"


class Mpt(Source):
    name = "mpt"
    title = "Ministry of Communications and Informatization of the Republic of Belarus"
    site = "https://mpt.gov.by"
    aliases = ("mpt.gov.by", "www.mpt.gov.by", "минсвязи.бел", "www.минсвязи.бел")
    languages = ("ru", "en", "be")
    description = "News and interviews of the Belarusian ministry (mpt.gov.by), in Russian, English and Belarusian."
    every_minutes = 60
    profile = Profile(
        title_selectors=("h1.title", "h1#page-title", ".node h1", "article h1"),
        date_selectors=(
            ".field-name-field-date .field-item",
            ".field-name-post-date .field-item",
            ".node .date-display-single",
            ".node .field-item.even",
            ".submitted",
        ),
        body_selectors=(".node .field-name-body .field-item", ".field-name-body .field-item", ".field-name-body"),
        drop_selectors=(".print-link", ".print_html", "ul.links", ".breadcrumb", ".region-footer", "#footer"),
        author_selectors=(".field-name-field-author .field-item",),
        timezone="Europe/Minsk",
        earliest=date(2000, 1, 1),
        url_date=_url_date,
    )

    def entry_points(self) -> list[EntryPoint]:
        s = self.site
        return [
            EntryPoint(f"{s}/rss.xml", "feed"),
            EntryPoint(f"{s}/ru/rss", "feed"),
            *(EntryPoint(f"{s}/{lang}/news", "listing") for lang in self.languages),
            EntryPoint(f"{s}/", "listing"),
        ]

    def is_article(self, url: str) -> bool:
        return bool(_ARTICLE.match(url))

    def _could_be_article(self, url: str) -> bool:
        """Links inside a listing item or a feed: any page path that is not a known non-article."""
        path = _path(url)
        return self.is_article(url) or (
            bool(_LANG_PREFIX.match(path) or path.count("/") == 1)
            and not _NOT_ARTICLE.search(re.sub(r"^/(?:ru|en|be)", "", path) + ("?" if "?" in url else ""))
        )

    def fetch_form(self, url: str) -> str:
        return url.removesuffix("/printable/print")

    def external_id(self, url: str) -> str | None:
        match = _ID.match(_path(url))
        if not match:
            return None
        return f"{match.group(1) or 'ru'}/{match.group(5)}"

    def parse_listing(self, html: str, page_url: str, scope: Scope) -> Listing:
        soup = BeautifulSoup(html, "lxml")
        listing = Listing()
        anchors = soup.select(".news-item-title a[href]") or soup.select(
            ".views-row h2 a[href], .views-row .views-field-title a[href]"
        )
        for a in anchors:
            url = self.resolve(scope, str(a["href"]), page_url)
            if not url or not self._could_be_article(url):
                continue
            item = a.find_parent(class_="views-row") or a.find_parent(class_="news-item") or _item_of(a)
            listing.links.append(
                Link(url, title=collapse(a.get_text(" ")) or None, teaser=_teaser(item, a), published=_item_date(item))
            )
        if not anchors:
            listing.links.extend(
                Link(url)
                for a in soup.find_all("a", href=True)
                if (url := self.resolve(scope, str(a["href"]), page_url)) and self.is_article(url)
            )
        for a in soup.select(".pager-next a[href], .pager .next a[href], a[rel~=next][href], li.next a[href]"):
            url = self.resolve(scope, str(a["href"]), page_url)
            if url and url != page_url:
                listing.next_pages.append(url)
        return listing

    def parse_feed(self, text: str, feed_url: str, scope: Scope) -> list[Link]:
        return [link for link in parse_feed(text, feed_url, scope) if self._could_be_article(link.url)]

    def extract(self, html: str, url: str, scope: Scope) -> Article:
        article = super().extract(html, url, scope)
        nid = _NID_IN_PAGE.search(html)
        if nid and not self.external_id(url):
            lang = _LANG_PREFIX.match(_path(url))
            article.shortlink = f"{self.site}/{lang.group(1) if lang else 'ru'}/node/{nid.group(1)}"
        return article

    def canonical_article_url(self, article: Article, url: str, scope: Scope) -> str:
        declared = super().canonical_article_url(article, url, scope)
        if declared != url:
            return declared
        if not _LANG_PREFIX.match(_path(url)) and _ID.match(_path(url)):
            # an unprefixed path serves the default language
            return url.replace(self.site + "/", self.site + "/ru/", 1)
        return url

    def article_external_id(self, article: Article, url: str) -> str | None:
        """The ``lang/NID`` identity of an extracted page, from its URL or its shortlink."""
        found = self.external_id(url)
        if found is None and article.shortlink:
            found = self.external_id(article.shortlink)
        return found

    def story_key(self, article: Article, url: str) -> str:
        ident = self.article_external_id(article, url)
        return f"node/{ident.split('/')[1]}" if ident else url


def _item_of(a: Tag) -> Tag | None:
    node = a.parent
    while node is not None and node.parent is not None and len(collapse(node.get_text(" "))) < 40 + len(a.get_text()):
        node = node.parent
    return node


def _teaser(item: Tag | None, title: Tag) -> str | None:
    if item is None:
        return None
    for selector in (".news-item-teaser", ".news-item-text", ".views-field-body", ".teaser", ".field-name-body", "p"):
        el = item.select_one(selector)
        if el is not None and (text := collapse(el.get_text(" ")).replace("\n", " ")):
            return text
    return None


def _item_date(item: Tag | None) -> str | None:
    if item is None:
        return None
    el = item.select_one(".news-item-date, .date-display-single, .views-field-created, .date")
    text = collapse((el or item).get_text(" "))
    found = find_date(text, "Europe/Minsk")
    return found.raw if found else None
