"""Run settings: one frozen object, resolved once from defaults < environment < command line."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from scraper.errors import ConfigError
from scraper.urls import origin_of

__all__ = ["CONTACT_URL", "Settings", "parse_base_urls", "parse_duration", "parse_every", "resolve_settings"]

CONTACT_URL = "https://github.com/smartcity-archive/smartcity-news-archive"
USER_AGENT = f"SmartCityNewsArchive/0.1 (+{CONTACT_URL})"


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know; built by :func:`resolve_settings`."""

    db_path: Path = Path("archive.db")
    #: source name -> mirror origin (``--base-url NAME=URL``)
    base_urls: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    #: minimum seconds between two requests to one host, for every source (``--delay``);
    #: None leaves each source its own (1 s unless the source says otherwise)
    delay: float | None = None
    #: requests at once to one host, for every source; None leaves each source its own (2)
    concurrency_per_host: int | None = None
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 0.5
    max_retry_after: float = 120.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    #: walk every listing page instead of stopping at the first fully known one
    backfill: bool = False
    #: only articles published on or after this day (``--since``); with ``backfill``, how far back to walk
    since: date | None = None
    #: bounds of a backfill: listing pages per listing and section pages crawled, and crawl depth
    backfill_max_pages: int = 20000
    backfill_max_depth: int = 12
    #: safety bound on listing pages walked per listing
    max_listing_pages: int = 500
    #: bound on pages visited by a section crawl, and its depth
    max_crawl_pages: int = 400
    max_crawl_depth: int = 4
    port: int = 8001
    host: str = "127.0.0.1"
    #: source name -> seconds between its scheduled runs (``up --every NAME=DURATION``)
    every: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    #: seconds between two scheduled backfill passes of every source; 0 for none
    backfill_every: float = 7 * 24 * 3600.0

    def base_url_for(self, source: str) -> str | None:
        return self.base_urls.get(source)


def parse_base_urls(values: tuple[str, ...] | list[str], known: set[str] | None = None) -> dict[str, str]:
    """Parse ``NAME=URL`` pairs; the URL is reduced to its origin."""
    result: dict[str, str] = {}
    for value in values:
        name, sep, url = value.partition("=")
        name = name.strip()
        if not sep or not name or not url.strip():
            raise ConfigError(f"--base-url needs NAME=URL, got {value!r}")
        if known is not None and name not in known:
            raise ConfigError(f"--base-url names unknown source {name!r}; known: {', '.join(sorted(known))}")
        try:
            result[name] = origin_of(url.strip())
        except ValueError as exc:
            raise ConfigError(f"--base-url {name}: {exc}") from exc
    return result


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|d|w)\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def parse_duration(value: str, what: str = "duration") -> float:
    """``45s``, ``30m``, ``2h``, ``1d``, ``1w`` as seconds; ``0`` and ``off`` as 0."""
    if value.strip().lower() in {"0", "off", "never"}:
        return 0.0
    match = _DURATION.match(value)
    if not match:
        raise ConfigError(f"{what} must be a number with a unit (45s, 30m, 2h, 1d, 1w), got {value!r}")
    return float(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()]


def parse_every(values: tuple[str, ...] | list[str], known: set[str] | None = None) -> dict[str, float]:
    """Parse ``NAME=DURATION`` pairs (``--every mpt=30m``) as seconds between runs."""
    result: dict[str, float] = {}
    for value in values:
        name, sep, duration = value.partition("=")
        name = name.strip()
        if not sep or not name:
            raise ConfigError(f"--every needs NAME=DURATION, got {value!r}")
        if known is not None and name not in known:
            raise ConfigError(f"--every names unknown source {name!r}; known: {', '.join(sorted(known))}")
        seconds = parse_duration(duration, f"--every {name}")
        if seconds <= 0:
            raise ConfigError(f"--every {name}: the interval must be more than 0")
        result[name] = seconds
    return result


def _env(environ: Mapping[str, str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if environ.get("SCRAPER_DB"):
        found["db_path"] = Path(environ["SCRAPER_DB"])
    if environ.get("SCRAPER_DELAY"):
        try:
            found["delay"] = float(environ["SCRAPER_DELAY"])
        except ValueError as exc:
            raise ConfigError(f"SCRAPER_DELAY must be a number, got {environ['SCRAPER_DELAY']!r}") from exc
    if environ.get("SCRAPER_USER_AGENT"):
        found["user_agent"] = environ["SCRAPER_USER_AGENT"]
    return found


def resolve_settings(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Defaults, then ``SCRAPER_*`` environment variables, then explicit overrides (None = unset)."""
    values = _env(os.environ if environ is None else environ)
    values.update({k: v for k, v in overrides.items() if v is not None})
    if "db_path" in values:
        values["db_path"] = Path(values["db_path"])
    if "base_urls" in values:
        values["base_urls"] = MappingProxyType(dict(values["base_urls"]))
    if "every" in values:
        values["every"] = MappingProxyType(dict(values["every"]))
    settings = replace(Settings(), **values)
    if settings.delay is not None and settings.delay < 0:
        raise ConfigError("--delay must be 0 or more")
    if settings.backfill_every < 0:
        raise ConfigError("the backfill interval must be 0 (none) or more")
    if settings.concurrency_per_host is not None and settings.concurrency_per_host < 1:
        raise ConfigError("per-host concurrency must be at least 1")
    return settings
