"""What extraction works with: a source's :class:`Profile` and the resulting :class:`Article`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from scraper.dates import ParsedDate

__all__ = ["Article", "Profile"]


@dataclass(frozen=True)
class Profile:
    """What a source knows about its own pages. Every field is optional."""

    title_selectors: tuple[str, ...] = ()
    date_selectors: tuple[str, ...] = ()
    body_selectors: tuple[str, ...] = ()
    author_selectors: tuple[str, ...] = ()
    lead_selectors: tuple[str, ...] = ()
    drop_selectors: tuple[str, ...] = ()
    #: the zone the site prints its times in (a time without an offset is read in it)
    timezone: str = "UTC"
    #: dates before this (the site did not exist yet) are rejected
    earliest: date = date(1990, 1, 1)
    #: a date the URL itself carries (mpt's /news/DD-MM-YYYY-NID), tried after the page's own
    url_date: Callable[[str], ParsedDate | None] | None = None


@dataclass
class Article:
    """An extracted article. URLs inside it are absolute.

    Each ``*_source`` field names the layer a value came from: ``json-ld``, ``og``, ``meta``,
    ``microdata``, ``rdfa``, ``time`` (structured data); ``site`` (the source's selectors);
    ``heading``, ``text``, ``byline``, ``body`` (what the page shows); ``generic``
    (trafilatura); ``url``, ``title-tag``; empty when the field is empty.
    """

    url: str
    title: str
    body_markdown: str
    body_text: str
    published_at: str | None = None
    published_raw: str | None = None
    author: str | None = None
    #: the byline as printed ("Иван Петров, начальник управления ..."), when there is one
    byline: str | None = None
    lead: str | None = None
    #: ISO 639-1, detected from the text (see :mod:`scraper.language`)
    language: str | None = None
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
    author_source: str = ""
    lead_source: str = ""
    language_source: str = ""

    def sources(self) -> dict[str, str]:
        """Where each field came from, by field name."""
        return {
            "title": self.title_source,
            "date": self.date_source,
            "body": self.body_source,
            "author": self.author_source,
            "lead": self.lead_source,
            "language": self.language_source,
        }
