"""ITU-D Regional Presence for the CIS: news pages of a SharePoint section.

No listing or feed is known, so discovery is a bounded crawl of the section from its home
page, keeping links to ``Pages/News/<date>.aspx`` (date as YYYYMMDD or DDMMYYYY). The
publication date is read from the page, never from the file name.
"""

from __future__ import annotations

import re
from datetime import date

from scraper.extract import Profile
from scraper.sources import sharepoint
from scraper.sources.base import EntryPoint, Source

__all__ = ["ItuCis"]

_SECTION = "https://www.itu.int/en/ITU-D/Regional-Presence/CIS/"
_SECTION_CI = re.compile(r"^https://www\.itu\.int/en/itu-d/regional-presence/cis/", re.IGNORECASE)


class ItuCis(Source):
    name = "itu-cis"
    title = "ITU-D Regional Presence: CIS region news"
    site = "https://www.itu.int"
    aliases = ("itu.int", "www.itu.int")
    languages = ("en",)
    description = "News of the ITU Regional Office for the CIS (itu.int/en/ITU-D/Regional-Presence/CIS)."
    every_minutes = 180
    crawl_articles = True
    case_insensitive_paths = True
    article_pattern = re.compile(
        r"^https://www\.itu\.int/en/ITU-D/Regional-Presence/CIS/Pages/News/(?:[^/?]+/)*\d{8}[\w-]*\.aspx$",
        re.IGNORECASE,
    )
    section_pattern = re.compile(
        r"^https://www\.itu\.int/en/ITU-D/Regional-Presence/CIS/(?:(?:Pages/)?(?:[^/?]+/)*[^/?]+\.aspx(?:\?.*)?)?$",
        re.IGNORECASE,
    )
    profile = Profile(
        title_selectors=sharepoint.TITLE_SELECTORS,
        date_selectors=('[id$="ArticleStartDate"]', ".itu-news-date"),
        body_selectors=sharepoint.BODY_SELECTORS,
        drop_selectors=sharepoint.DROP_SELECTORS,
        timezone="Europe/Zurich",
        earliest=date(2000, 1, 1),
    )

    def entry_points(self) -> list[EntryPoint]:
        return [EntryPoint(_SECTION + "Pages/default.aspx", "crawl")]

    def tidy(self, url: str) -> str:
        """SharePoint paths are case-insensitive: spell the section prefix one way."""
        url = _SECTION_CI.sub(_SECTION, url)
        return re.sub(r"/pages/news/", "/Pages/News/", re.sub(r"/CIS/pages/", "/CIS/Pages/", url), flags=re.IGNORECASE)
