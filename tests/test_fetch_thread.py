"""The fetcher on its own thread's loop: pages, errors and cancellation pass through, and it cleans up."""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from collections.abc import Iterator

import pytest

from scraper import fetch_thread
from scraper.errors import HTTPStatusError, RobotsDisallowed
from scraper.fetch_thread import FetchThread
from scraper.fetching import Pace
from scraper.urls import Scope
from tests.test_fetching import ROBOTS, SETTINGS, Server


@pytest.fixture
def server() -> Iterator[Server]:
    s = Server({"/robots.txt": ROBOTS})
    yield s
    s.close()


async def test_pages_and_errors_come_back_from_the_fetch_thread(server: Server) -> None:
    server.routes["/a"] = lambda h, n: (200, {"Content-Type": "text/html; charset=utf-8"}, "<p>ок</p>".encode())
    server.routes["/sitemap.xml"] = lambda h, n: (200, {}, b"<urlset/>")
    server.routes["/robots.txt"] = lambda h, n: (200, {}, b"User-agent: *\nDisallow: /private\nSitemap: /sitemap.xml\n")
    scope = Scope.create("https://example.org", mirror=server.base)
    before = sys.getswitchinterval()
    async with FetchThread(SETTINGS) as fetcher:
        assert sys.getswitchinterval() == min(before, fetch_thread.SWITCH_INTERVAL_S)
        page = await fetcher.get(server.base + "/a", scope)
        assert page.text == "<p>ок</p>" and page.status == 200
        with pytest.raises(HTTPStatusError) as failed:
            await fetcher.get(server.base + "/missing", scope)
        assert failed.value.status == 404
        with pytest.raises(RobotsDisallowed):
            await fetcher.get(server.base + "/private/x", scope)
        assert await fetcher.robots_sitemaps(server.base + "/a", scope) == [server.base + "/sitemap.xml"]
        assert fetcher.requests_sent == 3  # robots.txt, /a, /missing: robots was read once
        assert fetcher.fetcher is not None
    assert sys.getswitchinterval() == before
    assert not [t for t in threading.enumerate() if t.name == "fetcher"]


async def test_a_cancelled_fetch_is_cancelled_on_the_fetch_thread(server: Server) -> None:
    release = threading.Event()

    def slow(handler: object, n: int) -> tuple[int, dict[str, str], bytes]:
        release.wait(10)
        return 200, {}, b"late"

    server.routes["/slow"] = slow
    server.routes["/fast"] = lambda h, n: (200, {}, b"fast")
    scope = Scope.create("https://example.org", mirror=server.base)
    async with FetchThread(SETTINGS) as fetcher:
        pending = asyncio.create_task(fetcher.get(server.base + "/slow", scope, pace=Pace(0.0, 1)))
        while not server.calls.get("/slow"):
            await asyncio.sleep(0.01)
        started = time.monotonic()
        pending.cancel()
        with pytest.raises(asyncio.CancelledError):
            await pending
        # the host's only slot is free again: the next request does not wait for the slow one
        page = await asyncio.wait_for(fetcher.get(server.base + "/fast", scope, pace=Pace(0.0, 1)), 5)
        assert page.content == b"fast" and time.monotonic() - started < 5
        release.set()
    assert not [t for t in threading.enumerate() if t.name == "fetcher"]
