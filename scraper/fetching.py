"""The one HTTP client: robots.txt, per-host pacing, retries, conditional requests, size caps, scope.

The rest of the package sees :class:`Fetcher.get` and its :class:`Page` result, or a
:class:`~scraper.errors.FetchError` whose ``reason`` says what went wrong.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import random
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx
from protego import Protego

from scraper.decoding import decode_html
from scraper.errors import FetchError, HTTPStatusError, OffScope, RobotsDisallowed, TooLarge
from scraper.settings import Settings
from scraper.urls import Scope, origin_of

__all__ = ["Fetcher", "Pace", "Page"]

log = logging.getLogger(__name__)

_RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class Page:
    """One fetched response: final URL, status, headers, raw bytes and decoded text."""

    url: str
    status: int
    headers: Mapping[str, str]
    content: bytes
    text: str
    encoding: str
    fetched_at: str

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


@dataclass(frozen=True)
class Pace:
    """How hard a source may press one host: requests at once, and seconds between two starts."""

    delay: float = 1.0
    concurrency: int = 2


@dataclass
class _Host:
    """Pacing state of one host, shared by every source that requests it.

    The strictest wins: the longest delay any source asked for, or robots.txt's Crawl-delay.
    """

    gate: asyncio.Semaphore
    delay: float
    crawl_delay: float = 0.0
    next_start: float = 0.0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


def _retry_after(value: str | None, cap: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP date), capped."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), cap)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return min(max(0.0, (when - datetime.now(UTC)).total_seconds()), cap)


class Fetcher:
    """Polite async fetching for one run. Use as ``async with Fetcher(settings) as f``."""

    def __init__(self, settings: Settings, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.settings = settings
        self._client = httpx.AsyncClient(
            headers={"User-Agent": settings.user_agent, "Accept-Language": "ru, be, en;q=0.8"},
            timeout=httpx.Timeout(settings.timeout, connect=min(10.0, settings.timeout)),
            follow_redirects=False,
            transport=transport,
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=32),
        )
        self._hosts: dict[str, _Host] = {}
        self._robots: dict[str, Protego | None] = {}
        #: robots.txt that could not be read in this run: the site is not asked again
        self._robots_errors: dict[str, FetchError] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}
        self.requests_sent = 0

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    # -- politeness -------------------------------------------------------------------

    def _default_pace(self) -> Pace:
        s = self.settings
        return Pace(1.0 if s.delay is None else s.delay, s.concurrency_per_host or 2)

    def _host(self, origin: str, pace: Pace) -> _Host:
        host = self._hosts.get(origin)
        if host is None:
            host = _Host(asyncio.Semaphore(max(1, pace.concurrency)), pace.delay)
            self._hosts[origin] = host
        elif pace.delay > host.delay:
            host.delay = pace.delay
        return host

    async def _paced(self, host: _Host) -> None:
        """Wait until this host may receive the next request."""
        async with host.lock:
            now = time.monotonic()
            wait = host.next_start - now
            host.next_start = max(now, host.next_start) + max(host.delay, host.crawl_delay)
        if wait > 0:
            await asyncio.sleep(wait)

    async def _robots_for(self, origin: str, pace: Pace) -> Protego | None:
        """robots.txt of an origin, fetched once per run; None means everything is allowed."""
        if origin in self._robots:
            return self._robots[origin]
        lock = self._robots_locks.setdefault(origin, asyncio.Lock())
        async with lock:
            if origin in self._robots:
                return self._robots[origin]
            if origin in self._robots_errors:
                raise self._robots_errors[origin]
            url = origin + "/robots.txt"
            try:
                page = await self._request(url, None, {}, pace)
            except HTTPStatusError as exc:
                if exc.status >= 500:
                    # unreachable robots.txt means "disallow all" for now (RFC 9309)
                    error = FetchError(f"robots.txt unavailable (HTTP {exc.status})", url, "robots-unavailable")
                    self._robots_errors[origin] = error
                    raise error from exc
                parsed = None  # 4xx: no robots.txt, everything allowed (RFC 9309)
            except FetchError as exc:
                self._robots_errors[origin] = exc
                raise
            else:
                parsed = Protego.parse(page.text)
                delay = parsed.crawl_delay(self.settings.user_agent)
                if delay:
                    self._host(origin, pace).crawl_delay = float(delay)
            self._robots[origin] = parsed
            return parsed

    async def robots_sitemaps(self, url: str, scope: Scope, pace: Pace | None = None) -> list[str]:
        """The ``Sitemap:`` lines of the robots.txt of ``url``'s origin (read once per run, as for
        its rules); relative ones resolved. An absent robots.txt names none."""
        if not scope.may_fetch(url):
            raise OffScope(url)
        origin = origin_of(url)
        robots = await self._robots_for(origin, pace or self._default_pace())
        if robots is None:
            return []
        return [str(httpx.URL(origin + "/").join(str(value))) for value in robots.sitemaps]

    # -- requests ---------------------------------------------------------------------

    async def get(
        self,
        url: str,
        scope: Scope,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        pace: Pace | None = None,
    ) -> Page:
        """Fetch ``url`` (a fetch URL inside ``scope``) politely; raise a FetchError on failure.

        ``pace`` is the source's politeness (default: the settings'); a host shared by several
        sources is paced by the strictest of them.
        """
        if not scope.may_fetch(url):
            raise OffScope(url)
        pace = pace or self._default_pace()
        origin = origin_of(url)
        # the source's politeness counts for the host from its first ask, also while it waits
        # for robots.txt behind another source: requests sent meanwhile are paced by it too
        self._host(origin, pace)
        robots = await self._robots_for(origin, pace)
        if robots is not None and not robots.can_fetch(url, self.settings.user_agent):
            raise RobotsDisallowed(url)
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return await self._request(url, scope, headers, pace)

    async def _request(self, url: str, scope: Scope | None, headers: dict[str, str], pace: Pace) -> Page:
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            page = await self._with_retries(current, headers, pace)
            if page.status in _REDIRECTS:
                location = page.headers.get("location")
                if not location:
                    raise FetchError("redirect without Location", current, "bad-redirect")
                target = str(httpx.URL(current).join(location))
                if scope is not None and not scope.may_fetch(target):
                    raise OffScope(target)
                if scope is None and origin_of(target) != origin_of(url):
                    raise OffScope(target)
                current = target
                continue
            if page.status == 304 or 200 <= page.status < 300:
                return page
            raise HTTPStatusError(page.status, current)
        raise FetchError(f"more than {self.settings.max_redirects} redirects", url, "redirect-loop")

    async def _with_retries(self, url: str, headers: dict[str, str], pace: Pace) -> Page:
        host = self._host(origin_of(url), pace)
        attempts = self.settings.retries + 1
        last_error: FetchError | None = None
        for attempt in range(attempts):
            async with host.gate:
                await self._paced(host)
                try:
                    page = await self._once(url, headers)
                except httpx.TimeoutException as exc:
                    last_error = FetchError(f"timeout: {exc.__class__.__name__}", url, "timeout")
                    page = None
                except httpx.TransportError as exc:
                    last_error = FetchError(f"connection error: {exc!r}", url, "connection")
                    page = None
            if page is not None:
                if page.status not in _RETRY_STATUSES:
                    return page
                last_error = HTTPStatusError(page.status, url)
            if attempt + 1 == attempts:
                break
            wait = self.settings.backoff * (2**attempt) * (1 + random.random() / 2)
            if page is not None:
                hinted = _retry_after(page.headers.get("retry-after"), self.settings.max_retry_after)
                if hinted is not None:
                    wait = max(wait, hinted)
            log.info("retrying %s in %.1fs (%s)", url, wait, last_error)
            await asyncio.sleep(wait)
        assert last_error is not None
        raise last_error

    async def _once(self, url: str, headers: dict[str, str]) -> Page:
        limit = self.settings.max_bytes
        self.requests_sent += 1
        async with self._client.stream("GET", url, headers=headers) as response:
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise TooLarge(url, limit)
            chunks: list[bytes] = []
            size = 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > limit:
                    raise TooLarge(url, limit)
                chunks.append(chunk)
        content = b"".join(chunks)
        text, encoding = (
            ("", "") if response.status_code == 304 else decode_html(content, response.headers.get("content-type"))
        )
        return Page(
            url=str(response.url),
            status=response.status_code,
            headers={k.lower(): v for k, v in response.headers.items()},
            content=content,
            text=text,
            encoding=encoding,
            fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
