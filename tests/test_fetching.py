"""The fetcher against a real HTTP server on 127.0.0.1: robots, retries, scope, size caps, charsets."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from scraper.errors import FetchError, HTTPStatusError, OffScope, RobotsDisallowed, TooLarge
from scraper.fetching import Fetcher
from scraper.settings import Settings
from scraper.urls import Scope

Route = Callable[[BaseHTTPRequestHandler, int], tuple[int, dict[str, str], bytes] | None]


class Server:
    """A loopback server whose routes see how often they were called."""

    def __init__(self, routes: dict[str, Route]) -> None:
        self.routes = routes
        self.calls: dict[str, int] = {}
        self.times: list[float] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.times.append(time.monotonic())
                count = server.calls.get(self.path, 0) + 1
                server.calls[self.path] = count
                route = server.routes.get(self.path)
                answer = route(self, count) if route else (404, {}, b"not found")
                if answer is None:  # drop the connection without a word: a reset
                    import socket

                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                    self.connection.close()
                    self.close_connection = True
                    return
                status, headers, body = answer
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                # a route may lie about the length (truncated body) or give none (read until close)
                if "Content-Length" not in headers and "X-No-Length" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                if "Content-Length" in headers or "X-No-Length" in headers:
                    self.close_connection = True

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


ROBOTS: Route = lambda h, n: (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private\n")  # noqa: E731


@pytest.fixture
def server() -> Iterator[Server]:
    s = Server({"/robots.txt": ROBOTS})
    yield s
    s.close()


def _assert_paced(arrivals: list[float], delay: float) -> None:
    """Requests left the client ``delay`` apart. Arrival times jitter on a loaded machine (a new
    connection takes longer than a kept-alive one), so: the whole span holds every delay, and
    no two arrived nearly together (unpaced, all would land within a few milliseconds)."""
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    assert gaps and arrivals[-1] - arrivals[0] >= 0.9 * delay * len(gaps), gaps
    assert min(gaps) >= 0.5 * delay, gaps


SETTINGS = Settings(delay=0, backoff=0.05, retries=3, timeout=5)


async def _get(server: Server, path: str, settings: Settings = SETTINGS, **kw: str) -> object:
    scope = Scope.create("https://example.org", mirror=server.base)
    async with Fetcher(settings) as fetcher:
        return await fetcher.get(server.base + path, scope, **kw)


async def test_retries_a_503_then_succeeds(server: Server) -> None:
    server.routes["/a"] = lambda h, n: (503, {}, b"busy") if n == 1 else (200, {}, b"<p>ok</p>")
    page = await _get(server, "/a")
    assert page.text == "<p>ok</p>"  # type: ignore[attr-defined]
    assert server.calls["/a"] == 2


async def test_gives_up_after_bounded_retries(server: Server) -> None:
    server.routes["/down"] = lambda h, n: (500, {}, b"error")
    with pytest.raises(HTTPStatusError) as info:
        await _get(server, "/down")
    assert info.value.status == 500 and info.value.reason == "http-500"
    assert server.calls["/down"] == 4


async def test_no_retry_on_404(server: Server) -> None:
    with pytest.raises(HTTPStatusError):
        await _get(server, "/missing")
    assert server.calls["/missing"] == 1


async def test_honours_retry_after_seconds(server: Server) -> None:
    server.routes["/slow-down"] = lambda h, n: (429, {"Retry-After": "1"}, b"") if n == 1 else (200, {}, b"fine")
    started = time.monotonic()
    await _get(server, "/slow-down")
    assert time.monotonic() - started >= 0.95


async def test_robots_disallowed_url_is_never_requested(server: Server) -> None:
    with pytest.raises(RobotsDisallowed) as info:
        await _get(server, "/private/page")
    assert info.value.reason == "robots"
    assert "/private/page" not in server.calls


async def test_redirect_off_scope_is_refused(server: Server) -> None:
    server.routes["/away"] = lambda h, n: (302, {"Location": "http://example.com/elsewhere"}, b"")
    with pytest.raises(OffScope) as info:
        await _get(server, "/away")
    assert info.value.url == "http://example.com/elsewhere"


async def test_redirect_inside_scope_is_followed(server: Server) -> None:
    server.routes["/old"] = lambda h, n: (301, {"Location": "/new"}, b"")
    server.routes["/new"] = lambda h, n: (200, {}, b"new page")
    page = await _get(server, "/old")
    assert page.url.endswith("/new") and page.text == "new page"  # type: ignore[attr-defined]


async def test_redirect_loop_is_bounded(server: Server) -> None:
    server.routes["/loop"] = lambda h, n: (302, {"Location": "/loop"}, b"")
    with pytest.raises(Exception) as info:
        await _get(server, "/loop")
    assert getattr(info.value, "reason", "") == "redirect-loop"


async def test_size_cap(server: Server) -> None:
    server.routes["/big"] = lambda h, n: (200, {}, b"x" * 200_000)
    with pytest.raises(TooLarge):
        await _get(server, "/big", replace(SETTINGS, max_bytes=100_000))


async def test_conditional_request_gets_304(server: Server) -> None:
    def route(h: BaseHTTPRequestHandler, n: int) -> tuple[int, dict[str, str], bytes]:
        if h.headers.get("If-None-Match") == '"v1"':
            return 304, {"ETag": '"v1"'}, b""
        return 200, {"ETag": '"v1"'}, b"body"

    server.routes["/c"] = route
    page = await _get(server, "/c", etag='"v1"')
    assert page.not_modified  # type: ignore[attr-defined]


async def test_windows_1251_without_header_charset(server: Server) -> None:
    html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head>'
    html += "<body><p>Міністэрства сувязі і інфарматызацыі</p></body></html>"
    server.routes["/cp"] = lambda h, n: (200, {"Content-Type": "text/html"}, html.encode("cp1251"))
    page = await _get(server, "/cp")
    assert "Міністэрства сувязі" in page.text  # type: ignore[attr-defined]


async def test_undeclared_cp1251_is_detected(server: Server) -> None:
    text = "<html><body><p>Министерство связи и информатизации Республики Беларусь сообщает о сетях.</p>"
    server.routes["/nodecl"] = lambda h, n: (200, {"Content-Type": "text/html"}, text.encode("cp1251"))
    page = await _get(server, "/nodecl")
    assert "Министерство связи" in page.text  # type: ignore[attr-defined]


async def test_delay_spaces_requests_to_one_host(server: Server) -> None:
    for i in range(4):
        server.routes[f"/p{i}"] = lambda h, n: (200, {}, b"ok")
    scope = Scope.create("https://example.org", mirror=server.base)
    import asyncio

    async with Fetcher(replace(SETTINGS, delay=0.2, concurrency_per_host=2)) as fetcher:
        await asyncio.gather(*(fetcher.get(f"{server.base}/p{i}", scope) for i in range(4)))
    _assert_paced(server.times[1:], 0.2)  # after robots.txt


async def test_connection_reset_is_retried_then_recorded(server: Server) -> None:
    server.routes["/reset"] = lambda h, n: None
    with pytest.raises(FetchError) as info:
        await _get(server, "/reset")
    assert info.value.reason == "connection"
    assert server.calls["/reset"] == 4


async def test_connection_reset_once_then_success(server: Server) -> None:
    server.routes["/flaky"] = lambda h, n: None if n == 1 else (200, {}, b"<p>back</p>")
    page = await _get(server, "/flaky")
    assert page.text == "<p>back</p>"  # type: ignore[attr-defined]


async def test_truncated_body_is_an_error_not_half_a_page(server: Server) -> None:
    server.routes["/cut"] = lambda h, n: (200, {"Content-Length": "5000"}, b"<html><body><p>only the start")
    with pytest.raises(FetchError) as info:
        await _get(server, "/cut")
    assert info.value.reason == "connection"


async def test_slow_answer_past_the_timeout(server: Server) -> None:
    def sleepy(h: BaseHTTPRequestHandler, n: int) -> tuple[int, dict[str, str], bytes]:
        time.sleep(1.0)
        return 200, {}, b"late"

    server.routes["/sleepy"] = sleepy
    with pytest.raises(FetchError) as info:
        await _get(server, "/sleepy", replace(SETTINGS, timeout=0.3, retries=1))
    assert info.value.reason == "timeout"
    assert server.calls["/sleepy"] == 2


async def test_retry_after_as_http_date(server: Server) -> None:
    from email.utils import formatdate

    server.routes["/date"] = lambda h, n: (
        (503, {"Retry-After": formatdate(time.time() + 2, usegmt=True)}, b"") if n == 1 else (200, {}, b"ok")
    )
    started = time.monotonic()
    await _get(server, "/date")
    assert time.monotonic() - started >= 0.9


async def test_retry_after_is_capped(server: Server) -> None:
    server.routes["/forever"] = lambda h, n: (429, {"Retry-After": "86400"}, b"") if n == 1 else (200, {}, b"ok")
    started = time.monotonic()
    await _get(server, "/forever", replace(SETTINGS, max_retry_after=0.5))
    assert time.monotonic() - started < 5


async def test_size_cap_is_enforced_while_streaming(server: Server) -> None:
    # no Content-Length to trust: the cap must stop the download itself
    server.routes["/stream"] = lambda h, n: (200, {"X-No-Length": "1"}, b"x" * 300_000)
    with pytest.raises(TooLarge):
        await _get(server, "/stream", replace(SETTINGS, max_bytes=100_000))


async def test_declared_size_over_the_cap_is_refused_before_download(server: Server) -> None:
    server.routes["/declared"] = lambda h, n: (200, {"Content-Length": str(50_000_000)}, b"x" * 1000)
    with pytest.raises(TooLarge):
        await _get(server, "/declared", replace(SETTINGS, max_bytes=100_000))


async def test_robots_crawl_delay_applies_even_with_delay_zero() -> None:
    import asyncio

    s = Server({"/robots.txt": lambda h, n: (200, {}, b"User-agent: *\nCrawl-delay: 0.3\n")})
    try:
        for i in range(3):
            s.routes[f"/c{i}"] = lambda h, n: (200, {}, b"ok")
        scope = Scope.create("https://example.org", mirror=s.base)
        async with Fetcher(replace(SETTINGS, delay=0)) as fetcher:
            await asyncio.gather(*(fetcher.get(f"{s.base}/c{i}", scope) for i in range(3)))
        _assert_paced(s.times[1:], 0.3)
    finally:
        s.close()


async def test_a_shared_host_is_paced_by_the_strictest_source(server: Server) -> None:
    import asyncio

    from scraper.fetching import Pace

    for i in range(4):
        server.routes[f"/s{i}"] = lambda h, n: (200, {}, b"ok")
    scope = Scope.create("https://example.org", mirror=server.base)
    async with Fetcher(replace(SETTINGS, delay=None)) as fetcher:
        await asyncio.gather(
            fetcher.get(f"{server.base}/s0", scope, pace=Pace(delay=0.0, concurrency=4)),
            fetcher.get(f"{server.base}/s1", scope, pace=Pace(delay=0.25, concurrency=4)),
            fetcher.get(f"{server.base}/s2", scope, pace=Pace(delay=0.0, concurrency=4)),
            fetcher.get(f"{server.base}/s3", scope, pace=Pace(delay=0.0, concurrency=4)),
        )
    _assert_paced(server.times[2:], 0.25)  # robots.txt and the first request went before the strict source spoke


async def test_unreachable_robots_txt_is_asked_once_per_run() -> None:
    s = Server({"/robots.txt": lambda h, n: (503, {}, b"down")})
    try:
        scope = Scope.create("https://example.org", mirror=s.base)
        async with Fetcher(SETTINGS) as fetcher:
            for path in ("/a", "/b", "/c"):
                with pytest.raises(FetchError) as info:
                    await fetcher.get(s.base + path, scope)
                assert info.value.reason == "robots-unavailable"
        assert s.calls == {"/robots.txt": SETTINGS.retries + 1}
    finally:
        s.close()
