"""ITU press releases (SharePoint media centre), in two URL generations.

``/en/mediacentre/Pages/PR-YYYY-MM-DD-<slug>.aspx`` (2021 on) and the older
``/en/mediacentre/Pages/2018-PR40.aspx`` / ``2019-CM08.aspx`` (press releases and
communiqués). No feed is known: discovery is a bounded crawl of the media centre from its
home page (press-release lists and year archives are pages of the section). The date is the
dateline ("Geneva, 15 August 2019"), kept whole in ``published_raw``; failing that, the date
printed near the title, then the date in a new-generation URL.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from bs4 import BeautifulSoup

from scraper.dates import ParsedDate, find_date
from scraper.extract import Article, Profile
from scraper.extract.content import collapse
from scraper.sources import sharepoint
from scraper.sources.base import EntryPoint, Source
from scraper.urls import Scope

__all__ = ["ItuPress"]

_SECTION = "https://www.itu.int/en/mediacentre/"
_SECTION_CI = re.compile(r"^https://www\.itu\.int/en/mediacentre/(pages/)?", re.IGNORECASE)
_NEW = re.compile(r"/Pages/PR-(\d{4})-(\d{2})-(\d{2})-[\w-]+\.aspx$", re.IGNORECASE)
_ARTICLE = re.compile(
    r"^https://www\.itu\.int/en/mediacentre/Pages/(?:PR-\d{4}-\d{2}-\d{2}-[\w-]+|\d{4}-(?:PR|CM)\d{1,3})\.aspx$",
    re.IGNORECASE,
)
_IN_SECTION = re.compile(r"^https://www\.itu\.int/en/mediacentre/(?:Pages/)?[\w-]+\.aspx(?:\?.*)?$", re.IGNORECASE)
# "Geneva, 15 August 2019" or "GENEVA/NEW YORK, 3 May 2021" opening a paragraph
_DATELINE = re.compile(
    r"^\s*((?:[A-Z][A-Za-zÀ-ÿ'’.-]*)(?:[ /][A-Z][A-Za-zÀ-ÿ'’.-]*){0,3}),\s+(\d{1,2}\s+[A-Z][a-z]+\s+\d{4})\b"
)


def _url_date(url: str) -> ParsedDate | None:
    match = _NEW.search(url)
    if not match:
        return None
    return find_date(f"{match.group(3)}.{match.group(2)}.{match.group(1)}", "Europe/Zurich")


def dateline(text: str) -> tuple[ParsedDate, str] | None:
    """The date of a dateline opening ``text`` and the dateline as printed ("Geneva, 15 August 2019")."""
    match = _DATELINE.match(text)
    if not match:
        return None
    found = find_date(match.group(2), "Europe/Zurich")
    if found is None:
        return None
    return found, f"{match.group(1)}, {match.group(2)}"


class ItuPress(Source):
    name = "itu-press"
    title = "ITU press releases"
    site = "https://www.itu.int"
    aliases = ("itu.int", "www.itu.int")
    languages = ("en",)
    description = "Press releases and communiqués of the International Telecommunication Union (ITU media centre)."
    every_minutes = 180
    default_content_type = "press-release"
    crawl_articles = True
    case_insensitive_paths = True
    article_pattern = _ARTICLE
    section_pattern = _IN_SECTION
    profile = Profile(
        title_selectors=sharepoint.TITLE_SELECTORS,
        body_selectors=sharepoint.BODY_SELECTORS,
        drop_selectors=sharepoint.DROP_SELECTORS,
        timezone="Europe/Zurich",
        earliest=date(1995, 1, 1),
        url_date=_url_date,
    )

    def entry_points(self) -> list[EntryPoint]:
        return [EntryPoint(_SECTION + "Pages/default.aspx", "crawl")]

    def tidy(self, url: str) -> str:
        """SharePoint paths are case-insensitive: spell the section prefix one way."""
        match = _SECTION_CI.match(url)
        if match is None:
            return url
        return _SECTION + ("Pages/" if match.group(1) else "") + url[match.end() :]

    def extract(self, html: str, url: str, scope: Scope) -> Article:
        article = super().extract(html, url, scope)
        soup = BeautifulSoup(html, "lxml")
        for selector in ("p", "div"):
            for el in soup.select(f".ms-rtestate-field {selector}, #content {selector}"):
                found = dateline(collapse(el.get_text(" ")).replace("\n", " "))
                if found is not None:
                    day, raw = found
                    return replace(article, published_at=day.iso(), published_raw=raw, date_source="dateline")
        return article
