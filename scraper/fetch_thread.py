"""The fetcher on an event loop of its own, in its own thread, for runs that also do CPU work.

A scrape's loop does more than wait for the network: every article page costs milliseconds
of extraction and writing, during which a loop can answer no socket. With the fetcher on the
same loop, a connection that has just freed up waits for its next request until that work is
done, and per-host concurrency is wasted. Here the fetcher's loop runs in a thread and does
nothing else; the pipeline awaits its results through thread-safe futures. Both threads share
the GIL, so the switch interval is shortened while a fetch thread runs: the fetch thread gets
the interpreter within about a millisecond of a socket becoming ready.

Same interface as :class:`~scraper.fetching.Fetcher` for what the pipeline uses (``get`` and
``robots_sitemaps``), and its ``requests_sent``; errors and cancellation pass through.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

import httpx

from scraper.fetching import Fetcher, Pace, Page
from scraper.settings import Settings
from scraper.urls import Scope

__all__ = ["FetchThread"]

T = TypeVar("T")

#: the GIL's switch interval while a fetch thread runs (Python's default is 5 ms)
SWITCH_INTERVAL_S = 0.001

_switch_lock = threading.Lock()
_switch_users = 0
_switch_before = sys.getswitchinterval()


def _shorten_switch_interval() -> None:
    global _switch_users, _switch_before
    with _switch_lock:
        if _switch_users == 0:
            _switch_before = sys.getswitchinterval()
            sys.setswitchinterval(min(_switch_before, SWITCH_INTERVAL_S))
        _switch_users += 1


def _restore_switch_interval() -> None:
    global _switch_users
    with _switch_lock:
        _switch_users -= 1
        if _switch_users == 0:
            sys.setswitchinterval(_switch_before)


class FetchThread:
    """Use as ``async with FetchThread(settings) as fetcher``, in place of a :class:`Fetcher`."""

    def __init__(self, settings: Settings, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.settings = settings
        self._transport = transport
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._serve, name="fetcher", daemon=True)
        self._fetcher: Fetcher | None = None

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_forever()

    async def _run(self, work: Coroutine[Any, Any, T]) -> T:
        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(work, self._loop))

    async def __aenter__(self) -> FetchThread:
        self._thread.start()
        _shorten_switch_interval()
        self._fetcher = await self._run(self._open())
        return self

    async def _open(self) -> Fetcher:
        return Fetcher(self.settings, self._transport)

    async def __aexit__(self, *exc: object) -> None:
        try:
            await self._run(self._close())
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            await asyncio.get_running_loop().run_in_executor(None, self._thread.join)
            self._loop.close()
            _restore_switch_interval()

    async def _close(self) -> None:
        if self._fetcher is not None:
            await self._fetcher.aclose()
        others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in others:  # requests of a run that was stopped: nobody waits for them now
            task.cancel()
        await asyncio.gather(*others, return_exceptions=True)

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            raise RuntimeError("FetchThread is used outside its 'async with'")
        return self._fetcher

    @property
    def requests_sent(self) -> int:
        return self.fetcher.requests_sent

    async def get(
        self,
        url: str,
        scope: Scope,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        pace: Pace | None = None,
    ) -> Page:
        """:meth:`Fetcher.get`, run on the fetch thread's loop."""
        return await self._run(self.fetcher.get(url, scope, etag=etag, last_modified=last_modified, pace=pace))

    async def robots_sitemaps(self, url: str, scope: Scope, pace: Pace | None = None) -> list[str]:
        """:meth:`Fetcher.robots_sitemaps`, run on the fetch thread's loop."""
        return await self._run(self.fetcher.robots_sitemaps(url, scope, pace))
