"""Sources declared in a file, not in Python: ``sources.yml`` at the repository root.

A configured source names its site, how its articles are discovered (feeds, paginated
listings with an article link pattern, sitemaps, robots.txt sitemaps, feed autodiscovery from
a page, a bounded section crawl), optional CSS selectors for title, date and body, its
languages, schedule and politeness. The file is validated as a whole when it is loaded (at
start-up of every command): a mistake is a :class:`~scraper.errors.ConfigError` naming the
file, the source and the field, never a surprise in the middle of a scheduled run.

The file is ``$SCRAPER_SOURCES`` when set, else ``sources.yml`` in the repository (beside the
package), else ``sources.yml`` in the working directory; no file means no configured source.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import soupsieve
import yaml
from bs4 import BeautifulSoup
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from scraper.dates import find_date
from scraper.errors import ConfigError
from scraper.extract import Profile
from scraper.extract.content import collapse
from scraper.sources.base import EntryKind, EntryPoint, Link, Listing, Source
from scraper.urls import Scope, normalize_url, origin_of

__all__ = ["ConfiguredSource", "SourceSpec", "load_sources", "sources_file"]

_NAME = re.compile(r"^[a-z][a-z0-9-]{1,39}$")
_LANGUAGE = re.compile(r"^[a-z]{2}$")
_NEXT_DEFAULT = (
    "a[rel~=next][href], link[rel~=next][href], .pager-next a[href], .pager__item--next a[href], "
    "li.next a[href], a.next[href], .pagination .next a[href], a.next.page-numbers[href]"
)


def sources_file() -> Path:
    """Where the configured sources are read from (see the module docstring)."""
    if os.environ.get("SCRAPER_SOURCES"):
        return Path(os.environ["SCRAPER_SOURCES"])
    beside = Path(__file__).resolve().parents[2] / "sources.yml"
    return beside if beside.exists() else Path.cwd() / "sources.yml"


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression: {exc}") from None
    return value


def _selector(value: str) -> str:
    try:
        soupsieve.compile(value)
    except (soupsieve.SelectorSyntaxError, ValueError) as exc:
        raise ValueError(f"not a valid CSS selector: {str(exc).splitlines()[0]}") from None
    return value


def _location(value: str) -> str:
    """A path on the site (``/en/news``) or an absolute http(s) URL."""
    if value.startswith("/"):
        return value
    try:
        origin_of(value)
    except ValueError:
        raise ValueError(f"must be a path starting with '/' or an absolute http(s) URL, got {value!r}") from None
    return value


Css = Annotated[str, AfterValidator(_selector)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EntrySpec(_Strict):
    """A feed, sitemap or page given with options."""

    url: str
    #: a guess about the site: absent (404) is skipped, not a failure
    optional: bool = False

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        return _location(value)


Entry = Annotated[str | EntrySpec, Field(union_mode="left_to_right")]


class ListingSpec(_Strict):
    """A paginated list of articles."""

    url: str
    #: where the article links are (default: every link matching the article pattern)
    link: str | None = None
    #: one item of the list, to read a teaser and a date beside the link
    item: str | None = None
    teaser: str | None = None
    date: str | None = None
    #: the link to the next page (default: rel=next and the usual pager classes)
    next: str | None = None
    #: or the URL of page N, e.g. ``/en/news?page={n}``, counting from ``first_page`` for the second page
    page_url: str | None = None
    first_page: int = Field(default=1, ge=0)
    optional: bool = False

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        return _location(value)

    @field_validator("link", "item", "teaser", "date", "next")
    @classmethod
    def _css(cls, value: str | None) -> str | None:
        return _selector(value) if value is not None else None

    @field_validator("page_url")
    @classmethod
    def _template(cls, value: str | None) -> str | None:
        if value is not None:
            if value.count("{n}") != 1:
                raise ValueError("must contain {n} once (the page number)")
            _location(value.replace("{n}", "1"))
        return value


class CrawlSpec(_Strict):
    """A bounded walk of a section: from its start pages, following links that match ``section``."""

    start: list[str] = Field(min_length=1)
    section: str
    #: also follow links found on article pages
    follow_articles: bool = True

    @field_validator("start")
    @classmethod
    def _starts(cls, value: list[str]) -> list[str]:
        return [_location(v) for v in value]

    @field_validator("section")
    @classmethod
    def _section(cls, value: str) -> str:
        return _regex(value)


class SelectorsSpec(_Strict):
    """CSS selectors tried before the generic extraction, first match wins."""

    title: list[Css] = []
    date: list[Css] = []
    body: list[Css] = []
    author: list[Css] = []
    drop: list[Css] = []

    @field_validator("title", "date", "body", "author", "drop", mode="before")
    @classmethod
    def _listify(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class ScheduleSpec(_Strict):
    every_minutes: int = Field(default=240, ge=5, le=60 * 24 * 31)


class PolitenessSpec(_Strict):
    #: seconds between two requests to one host, and requests at once
    delay: float = Field(default=1.0, ge=0, le=600)
    concurrency: int = Field(default=2, ge=1, le=16)


class SourceSpec(_Strict):
    """One source as declared in the file."""

    title: str = Field(min_length=1)
    site: str
    aliases: list[str] = []
    languages: list[str] = Field(default=["en"], min_length=1)
    description: str = ""
    timezone: str = "UTC"
    earliest: date = date(1995, 1, 1)
    content_type: Literal["news", "interview", "press-release", "event", "other"] = "news"
    #: regular expression over the path (and ``?query``) of an article page
    article_pattern: str
    case_insensitive_paths: bool = False
    trailing_slash: bool = False
    feeds: list[Entry] = []
    listings: list[ListingSpec] = []
    sitemaps: list[Entry] = []
    robots_sitemaps: bool = False
    autodiscover: list[Entry] = []
    crawl: CrawlSpec | None = None
    selectors: SelectorsSpec = SelectorsSpec()
    schedule: ScheduleSpec = ScheduleSpec()
    politeness: PolitenessSpec = PolitenessSpec()

    @field_validator("site")
    @classmethod
    def _site(cls, value: str) -> str:
        try:
            origin = origin_of(value)
        except ValueError:
            raise ValueError(f"must be the site's origin, like https://example.org, got {value!r}") from None
        if value.rstrip("/") != origin:
            raise ValueError(f"must be an origin without a path, like {origin}, got {value!r}")
        return origin

    @field_validator("languages")
    @classmethod
    def _languages(cls, value: list[str]) -> list[str]:
        for code in value:
            if not _LANGUAGE.match(code):
                raise ValueError(f"language codes are ISO 639-1 (two lower-case letters), got {code!r}")
        return value

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (use an IANA name such as Europe/Minsk)") from None
        return value

    @field_validator("article_pattern")
    @classmethod
    def _pattern(cls, value: str) -> str:
        return _regex(value)

    @model_validator(mode="after")
    def _discoverable(self) -> SourceSpec:
        if not (
            self.feeds or self.listings or self.sitemaps or self.robots_sitemaps or self.autodiscover or self.crawl
        ):
            raise ValueError(
                "no way to discover articles: give at least one of feeds, listings, sitemaps, "
                "robots_sitemaps, autodiscover, crawl"
            )
        return self


class _File(_Strict):
    sources: dict[str, SourceSpec]


def _field(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in ("str", "EntrySpec") or part.startswith("function-"):
            continue  # pydantic's name for a branch of a union, not a field
        else:
            out += ("." if out else "") + part
    return out or "(top level)"


def _explain(path: Path, error: ValidationError) -> ConfigError:
    lines: list[str] = []
    for item in error.errors():
        loc = tuple(item["loc"])
        message = str(item["msg"]).removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            message = "unknown field (misspelt?)"
        if len(loc) == 2 and loc[0] == "sources":
            lines.append(f"source {loc[1]!r}: {message}")
        elif len(loc) > 2 and loc[0] == "sources":
            lines.append(f"source {loc[1]!r}, field {_field(loc[2:])!r}: {message}")
        else:
            lines.append(f"field {_field(loc)!r}: {message}")
    unique = list(dict.fromkeys(lines))
    return ConfigError(f"{path}: " + "; ".join(unique))


def load_sources(path: Path | None = None, reserved: frozenset[str] = frozenset()) -> list[ConfiguredSource]:
    """Read and validate the sources file; every mistake names the source and the field.

    ``reserved`` are names of coded sources that a configured one may not take.
    """
    path = path or sources_file()
    if not path.exists():
        if os.environ.get("SCRAPER_SOURCES"):
            raise ConfigError(f"{path}: sources file not found (SCRAPER_SOURCES)")
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read: {exc}") from None
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("sources"), dict):
        raise ConfigError(f"{path}: expected a mapping 'sources:' of source name to definition")
    for name in data["sources"]:
        if not isinstance(name, str) or not _NAME.match(name):
            raise ConfigError(
                f"{path}: source {name!r}: a name is 2 to 40 lower-case letters, digits and dashes, "
                "starting with a letter"
            )
        if name in reserved:
            raise ConfigError(f"{path}: source {name!r}: the name is taken by a built-in source")
    try:
        parsed = _File.model_validate(data)
    except ValidationError as exc:
        raise _explain(path, exc) from None
    return [ConfiguredSource(name, spec) for name, spec in parsed.sources.items()]


def _entry(value: str | EntrySpec) -> tuple[str, bool]:
    return (value, False) if isinstance(value, str) else (value.url, value.optional)


def _path_of(url: str) -> str:
    match = re.match(r"^https?://[^/]+(.*)$", url)
    rest = match.group(1) if match else url
    return rest or "/"


_MARK = "8675309321"


def _template(url: str, trailing_slash: bool) -> re.Pattern[str]:
    """A regex matching the canonical paths of a ``page_url`` template, the page number as group 1."""
    path = _path_of(normalize_url(url.replace("{n}", _MARK), trailing_slash))
    return re.compile("^" + re.escape(path).replace(_MARK, r"(\d+)") + "$")


class ConfiguredSource(Source):
    """A source built from its declaration in the sources file."""

    def __init__(self, name: str, spec: SourceSpec) -> None:
        self.spec = spec
        self.name = name
        self.title = spec.title
        self.site = spec.site
        self.aliases = tuple(spec.aliases)
        self.languages = tuple(spec.languages)
        self.description = spec.description or spec.title
        self.every_minutes = spec.schedule.every_minutes
        self.delay = spec.politeness.delay
        self.concurrency = spec.politeness.concurrency
        self.default_content_type = spec.content_type
        self.trailing_slash = spec.trailing_slash
        self.case_insensitive_paths = spec.case_insensitive_paths
        self.crawl_articles = bool(spec.crawl and spec.crawl.follow_articles)
        flags = re.IGNORECASE if spec.case_insensitive_paths else 0
        self._article = re.compile(spec.article_pattern, flags)
        self._section = re.compile(spec.crawl.section, flags) if spec.crawl else None
        self._templates = [
            (listing, _template(self._absolute(listing.page_url), spec.trailing_slash))
            for listing in spec.listings
            if listing.page_url
        ]
        self._spellings = self._prefixes()
        s = spec.selectors
        self.profile = Profile(
            title_selectors=tuple(s.title),
            date_selectors=tuple(s.date),
            body_selectors=tuple(s.body),
            author_selectors=tuple(s.author),
            drop_selectors=tuple(s.drop),
            timezone=spec.timezone,
            earliest=spec.earliest,
        )

    def _prefixes(self) -> list[str]:
        """The folders of the configured locations, longest first: on a site whose paths are
        case-insensitive, they are the one spelling of those folders."""
        folders = {
            _path_of(point.url).split("?")[0].rsplit("/", 1)[0] + "/"
            for point in self.entry_points()
            if point.url.startswith(self.site)
        }
        return sorted(folders, key=len, reverse=True)

    def tidy(self, url: str) -> str:
        if not self.case_insensitive_paths or not url.startswith(self.site):
            return url
        path = url[len(self.site) :]
        for prefix in self._spellings:
            if path[: len(prefix)].casefold() == prefix.casefold():
                return self.site + prefix + path[len(prefix) :]
        return url

    def _absolute(self, location: str) -> str:
        return self.site + location if location.startswith("/") else location

    def entry_points(self) -> list[EntryPoint]:
        spec = self.spec
        points: list[EntryPoint] = []

        def add(value: str | EntrySpec, kind: EntryKind) -> None:
            url, optional = _entry(value)
            points.append(EntryPoint(self._absolute(url), kind, optional))

        for feed in spec.feeds:
            add(feed, "feed")
        for listing in spec.listings:
            points.append(EntryPoint(self._absolute(listing.url), "listing", listing.optional))
        for sitemap in spec.sitemaps:
            add(sitemap, "sitemap")
        if spec.robots_sitemaps:
            points.append(EntryPoint(self.site + "/robots.txt", "robots", True))
        for page in spec.autodiscover:
            add(page, "autodiscover")
        if spec.crawl:
            for start in spec.crawl.start:
                points.append(EntryPoint(self._absolute(start), "crawl"))
        return points

    def is_article(self, url: str) -> bool:
        return url.startswith(self.site) and bool(self._article.search(_path_of(url)))

    def in_section(self, url: str) -> bool:
        return self._section is not None and url.startswith(self.site) and bool(self._section.search(_path_of(url)))

    def _listing_spec(self, page_url: str) -> ListingSpec | None:
        path = _path_of(page_url)
        for listing, template in self._templates:
            if template.match(path):
                return listing
        best: ListingSpec | None = None
        for listing in self.spec.listings:
            base = _path_of(self._absolute(listing.url)).split("?")[0]
            if path.split("?")[0].startswith(base) and (
                best is None or len(base) > len(_path_of(self._absolute(best.url)))
            ):
                best = listing
        return best

    def parse_listing(self, html: str, page_url: str, scope: Scope) -> Listing:
        spec = self._listing_spec(page_url)
        if spec is None:
            return super().parse_listing(html, page_url, scope)
        soup = BeautifulSoup(html, "lxml")
        listing = Listing()
        items = soup.select(spec.item) if spec.item else [soup]
        seen: set[str] = set()
        for item in items:
            anchors = item.select(spec.link) if spec.link else item.find_all("a", href=True)
            for a in anchors:
                href = a.get("href")
                url = self.resolve(scope, str(href), page_url) if href else None
                if not url or url in seen or not self.is_article(url):
                    continue
                seen.add(url)
                teaser = item.select_one(spec.teaser) if spec.item and spec.teaser else None
                day = item.select_one(spec.date) if spec.item and spec.date else None
                found = find_date(collapse(day.get_text(" ")), self.profile.timezone) if day else None
                listing.links.append(
                    Link(
                        url,
                        title=collapse(a.get_text(" ")).replace("\n", " ") or None,
                        teaser=collapse(teaser.get_text(" ")).replace("\n", " ") or None if teaser else None,
                        published=found.raw if found else None,
                    )
                )
        listing.next_pages.extend(self._next_pages(soup, spec, page_url, scope))
        return listing

    def _next_pages(self, soup: BeautifulSoup, spec: ListingSpec, page_url: str, scope: Scope) -> list[str]:
        if spec.page_url:
            current = None
            for listing, template in self._templates:
                match = template.match(_path_of(page_url))
                if listing is spec and match:
                    current = int(match.group(1))
            number = spec.first_page if current is None else current + 1
            url = scope.canonical(self._absolute(spec.page_url.replace("{n}", str(number))))
            return [url] if url else []
        found: list[str] = []
        for a in soup.select(spec.next or _NEXT_DEFAULT):
            url = self.resolve(scope, str(a.get("href")), page_url)
            if url and url != page_url and url not in found:
                found.append(url)
        return found[:1]
