"""One source end to end: discover, fetch, extract, enrich, store; and the run recorded.

Discovery and article processing share one frontier: feeds and listings yield articles,
a section crawl yields both. One bad page is a counted, recorded error, never a failed run;
a run fails as a whole only when none of its entry points could be read.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any, Literal

import sqlite_utils

from scraper import search, store
from scraper.backfill import BackfillState
from scraper.dates import parse_date
from scraper.decoding import decode_html
from scraper.discovery import feed_links, parse_sitemap
from scraper.errors import ExtractError, FetchError, HTTPStatusError, OffScope, RobotsDisallowed, ScraperError
from scraper.fetch_thread import FetchThread
from scraper.fetching import Fetcher, Pace, Page
from scraper.health import FieldHealth, judge
from scraper.recompute import refresh_article
from scraper.records import build_record
from scraper.settings import Settings
from scraper.sources import Source, get_source
from scraper.sources.base import Link
from scraper.urls import Scope

__all__ = ["ProgressCallback", "RunResult", "run_source", "run_sources", "scrape"]

log = logging.getLogger(__name__)

ItemKind = Literal["feed", "listing", "crawl", "sitemap", "robots", "autodiscover", "article"]
# a page robots.txt forbids is skipped on purpose, as is a guessed entry point the site does not
# have (``absent``); anything else that stops a page is a failure
_SKIP_REASONS = frozenset({"robots", "absent"})
#: sitemap indexes nest; a deeper chain is a loop or a mistake
_MAX_SITEMAP_DEPTH = 4

#: told after every page: source name, pages handled, pages known so far (for progress bars)
ProgressCallback = Callable[[str, int, int], None]
#: once a stop is asked for, pages in flight get this long to finish; then they are abandoned
#: unwritten (an article is written synchronously, in one savepoint of the run's group commit,
#: so never by half)
STOP_GRACE_S = 2.0
#: articles stemmed for search in one batch between pages (when no indexer process runs beside)
INDEX_BATCH = 128
#: articles a stopped run still indexes for search before it ends (the others stay queued)
STOP_INDEX_LIMIT = 500
#: pages' writes are committed together (group commit), at the latest this long after the first
GROUP_COMMIT_S = 0.25


@dataclass(frozen=True)
class _Item:
    kind: ItemKind
    url: str
    depth: int = 0
    page_number: int = 0
    entry: bool = False
    optional: bool = False


@dataclass
class RunResult:
    """What one run of one source did."""

    source: str
    run_id: int
    status: str
    counts: dict[str, int]
    duration_s: float
    error: str | None = None
    failures: list[tuple[str, str]] = field(default_factory=list)


class _Run:
    def __init__(
        self,
        source: Source,
        settings: Settings,
        db: sqlite_utils.Database,
        fetcher: Fetcher | FetchThread,
        stop: threading.Event | None,
        progress: ProgressCallback | None = None,
        indexer_beside: bool = False,
    ) -> None:
        self.source = source
        self.indexer_beside = indexer_beside
        self.settings = settings
        self.db = db
        self.fetcher = fetcher
        self.stop = stop or threading.Event()
        self.scope: Scope = source.scope(settings.base_url_for(source.name))
        self.pace = Pace(
            source.delay if settings.delay is None else settings.delay,
            settings.concurrency_per_host or source.concurrency,
        )
        self.queue: asyncio.Queue[_Item] = asyncio.Queue()
        self.seen: set[str] = set()
        self.articles_seen: set[str] = set()
        self.hints: dict[str, Link] = {}
        self.counts: Counter[str] = Counter()
        self.entry_total = 0
        self.entry_ok = 0
        self.first_entry_error: str | None = None
        # what the archive held when the run began: a listing walk stops at a page of these
        self.known_urls: set[str] = set()
        self.known_ids: set[str] = set()
        # what a listing walk may stop at: the same, unless an earlier run was cut short
        self.walk_known_urls: set[str] = set()
        self.walk_known_ids: set[str] = set()
        self.failures: list[tuple[str, str]] = []
        self.run_id = 0
        self.health = FieldHealth()
        self.progress = progress
        self.handled = 0
        self.enqueued = 0
        #: the group commit of the run's page writes, while the frontier is worked
        self.group: store.WriteGroup | None = None
        #: the persisted frontier of a ``--backfill`` run (None for routine runs)
        self.backfill: BackfillState | None = None
        backfill = settings.backfill
        self.max_listing_pages = max(settings.max_listing_pages, settings.backfill_max_pages if backfill else 0)
        self.max_crawl_pages = max(settings.max_crawl_pages, settings.backfill_max_pages if backfill else 0)
        self.max_crawl_depth = max(settings.max_crawl_depth, settings.backfill_max_depth if backfill else 0)

    # -- frontier ---------------------------------------------------------------------

    def _enqueue(self, item: _Item, *, persist: bool = True) -> bool:
        key = self.source.visit_key(item.url)
        if key in self.seen:
            return False
        self.seen.add(key)
        if item.kind == "article":
            ident = self.source.external_id(item.url) or key
            if ident in self.articles_seen:
                return False
            self.articles_seen.add(ident)
            self.counts["found"] += 1
        elif item.kind == "crawl" and self.counts["crawled"] >= self.max_crawl_pages:
            return False
        if self.backfill is not None and persist:
            hint = self.hints.get(item.url) if item.kind == "article" else None
            self.backfill.add(
                key,
                item.kind,
                item.url,
                depth=item.depth,
                page_number=item.page_number,
                entry=item.entry,
                optional=item.optional,
                hint=asdict(hint) if hint is not None else None,
            )
        if item.entry:
            self.entry_total += 1
        self.enqueued += 1
        self.queue.put_nowait(item)
        return True

    def _too_old(self, link: Link) -> bool:
        """Published before ``--since`` (as far as discovery can tell before fetching)."""
        since = self.settings.since
        if since is None:
            return False
        day = self.source.link_date(link)
        return day is not None and day < since

    def _add_link(self, link: Link, depth: int = 0) -> None:
        if self._too_old(link):
            return
        previous = self.hints.get(link.url)
        if previous is None:
            self.hints[link.url] = link
        else:  # keep what either discovery said
            self.hints[link.url] = replace(
                previous,
                title=previous.title or link.title,
                teaser=previous.teaser or link.teaser,
                published=previous.published or link.published,
                current=previous.current or link.current,
                content_html=previous.content_html or link.content_html,
                author=previous.author or link.author,
                categories=previous.categories or link.categories,
            )
        self._enqueue(_Item("article", link.url, depth))

    def _is_known(self, url: str, for_walk: bool = False) -> bool:
        urls, ids = (self.walk_known_urls, self.walk_known_ids) if for_walk else (self.known_urls, self.known_ids)
        if url in urls:
            return True
        ident = self.source.external_id(url)
        return ident is not None and ident in ids

    async def _worker(self) -> None:
        while True:
            item = await self.queue.get()
            try:
                if not self.stop.is_set():
                    await self._process(item)
            finally:
                self.queue.task_done()

    async def _fetch(self, url: str, *, discovery: bool = False, known: bool = False) -> Page:
        """Fetch a canonical URL through the mirror, conditionally when the archive has validators.

        Discovery pages (feeds, listings, crawled section pages) keep their body, so that a 304
        still yields their links; article pages keep only validators (their bytes go to
        ``raw_pages`` with the article).
        """
        cached = store.get_cache(self.db, url) if (discovery or known) else None
        if cached is not None and discovery and cached.body is None:
            cached = None
        try:
            page = await self.fetcher.get(
                self.scope.fetch_url(url),
                self.scope,
                etag=cached.etag if cached else None,
                last_modified=cached.last_modified if cached else None,
                pace=self.pace,
            )
        except (RobotsDisallowed, OffScope):
            raise  # refused before any request was sent
        except FetchError:
            self.counts["requests"] += 1
            raise
        self.counts["requests"] += 1
        if page.not_modified:
            self.counts["not_modified"] += 1
            store.put_cache(self.db, url, 304, page.headers, None, changed=False)
            if cached is not None and cached.body is not None:
                text, encoding = decode_html(cached.body, cached.headers.get("content-type"))
                return replace(page, content=cached.body, text=text, encoding=encoding)
            return page
        store.put_cache(self.db, url, page.status, page.headers, page.content if discovery else None, changed=True)
        return page

    async def _process(self, item: _Item) -> None:
        ok = True
        try:
            if item.kind == "article":
                await self._article(item)
            elif item.kind == "feed":
                page = await self._fetch(item.url, discovery=True)
                for link in self.source.parse_feed(page.text, item.url, self.scope):
                    self._add_link(link)
            elif item.kind == "listing":
                await self._listing(item)
            elif item.kind == "sitemap":
                await self._sitemap(item)
            elif item.kind == "robots":
                await self._robots(item)
            elif item.kind == "autodiscover":
                await self._autodiscover(item)
            else:
                await self._crawl(item)
            if item.entry:
                self.entry_ok += 1
        except HTTPStatusError as exc:
            if item.optional and exc.status in (404, 410):
                self._failed(item, "absent", f"optional entry point absent: {exc}")
            else:
                ok = False
                self._failed(item, exc.reason, str(exc))
        except ScraperError as exc:
            ok = exc.reason in _SKIP_REASONS
            self._failed(item, exc.reason, str(exc))
        except Exception as exc:  # one bad page must not end the run: count it, keep its trace
            ok = False
            log.exception("unexpected error on %s", item.url)
            self._failed(item, "bug", f"{exc.__class__.__name__}: {exc}")
        if self.backfill is not None:
            self.backfill.finish(self.source.visit_key(item.url), ok)
        if self.group is not None:
            self.group.page_done()
        self.handled += 1
        if self.progress is not None:
            self.progress(self.source.name, self.handled, self.enqueued)

    def _failed(self, item: _Item, reason: str, message: str) -> None:
        skipped = reason in _SKIP_REASONS
        self.counts["skipped" if skipped else "failed"] += 1
        if item.entry and self.first_entry_error is None:
            self.first_entry_error = message
        (log.info if skipped else log.warning)("%s: %s %s: %s", self.source.name, item.kind, item.url, message)
        self.failures.append((item.url, reason))
        store.record_failure(self.db, self.run_id, self.source.name, item.url, reason, message)

    async def _listing(self, item: _Item) -> None:
        page = await self._fetch(item.url, discovery=True)
        listing = self.source.parse_listing(page.text, item.url, self.scope)
        all_known = True
        for link in listing.links:
            if item.page_number == 0:
                link = replace(link, current=True)
            all_known = all_known and self._is_known(link.url, for_walk=True)
            self._add_link(link)
        more = self.settings.backfill or not all_known or not listing.links
        if self.settings.since is not None and listing.links and all(self._too_old(link) for link in listing.links):
            more = False  # the walk has gone back past --since
        if more and listing.links and item.page_number + 1 < self.max_listing_pages:
            for url in listing.next_pages[:1]:
                self._enqueue(_Item("listing", url, page_number=item.page_number + 1))

    async def _crawl(self, item: _Item) -> None:
        self.counts["crawled"] += 1
        page = await self._fetch(item.url, discovery=True)
        self._follow(page.text, item)

    def _follow(self, html: str, item: _Item) -> None:
        for url in self.source.section_links(html, item.url, self.scope):
            if self.source.is_article(url):
                # linked from an entry page: current news, re-checked on every run
                self._add_link(Link(url, current=item.entry), item.depth + 1)
            elif item.depth + 1 <= self.max_crawl_depth:
                self._enqueue(_Item("crawl", url, depth=item.depth + 1))

    async def _sitemap(self, item: _Item) -> None:
        page = await self._fetch(item.url, discovery=True)
        sitemap = parse_sitemap(page.content, self.scope.fetch_url(item.url))
        since = self.settings.since
        for child in sitemap.sitemaps:
            url = self.scope.canonical(child.url)
            if url is None or item.depth + 1 > _MAX_SITEMAP_DEPTH or not self.source.wants_sitemap(url):
                continue
            if since is not None and child.lastmod and (day := _day(child.lastmod)) is not None and day < since:
                continue  # nothing in it changed since --since
            self._enqueue(_Item("sitemap", url, depth=item.depth + 1))
        for entry in sitemap.entries:
            url = self.scope.canonical(entry.url)
            url = self.source.tidy(url) if url else None
            if url is None or not self.source.is_article(url):
                continue
            if since is not None and entry.lastmod and (day := _day(entry.lastmod)) is not None and day < since:
                continue  # last modified before --since, so published before it too
            self._add_link(Link(url))

    async def _robots(self, item: _Item) -> None:
        for found in await self.fetcher.robots_sitemaps(self.scope.fetch_url(item.url), self.scope, self.pace):
            url = self.scope.canonical(found)
            if url is not None and self.source.wants_sitemap(url):
                self._enqueue(_Item("sitemap", url))

    async def _autodiscover(self, item: _Item) -> None:
        page = await self._fetch(item.url, discovery=True)
        for feed in feed_links(page.text, self.scope.fetch_url(item.url)):
            url = self.scope.canonical(feed)
            if url is not None:
                self._enqueue(_Item("feed", url))
        for url in self.source.section_links(page.text, item.url, self.scope):
            if self.source.is_article(url):
                self._add_link(Link(url, current=True))

    async def _article(self, item: _Item) -> None:
        url = item.url
        hint = self.hints.get(url)
        known = self._is_known(url)
        if known and not (hint is not None and hint.current):
            self.counts["unchanged"] += 1  # archived and no longer current: not fetched again
            return
        page = await self._fetch(self.source.fetch_form(url), known=known)
        if page.not_modified:
            self.counts["unchanged"] += 1
            return
        # what follows is CPU work that never waits. With a fetcher on this loop (run_source
        # given a Fetcher; scrape's FetchThread has a loop of its own) first let the loop send
        # the next request on the connection this fetch freed, and read responses that have
        # arrived meanwhile; and so between the steps: else a slot idles for a page's work.
        await asyncio.sleep(0)
        if self.source.crawl_articles and item.depth < self.max_crawl_depth:
            self._follow(page.text, item)
        final = self.scope.canonical(page.url)
        final = self.source.tidy(final) if final else url
        raw = store.RawPage(final, self.source.name, page.url, page.status, page.headers, page.content, page.fetched_at)
        try:
            record = build_record(self.source, self.scope, page.text, final, hint)
        except ExtractError as exc:
            self.health.add_failure(exc)
            store.save_raw_page(self.db, raw)  # kept, so that a better extractor can read it later
            raise
        self.health.add(record)
        await asyncio.sleep(0)
        # no yield between the article and its stories: no commit can fall between them
        result, article_id = store.save_article(self.db, record, aliases=[url, final], raw=replace(raw, url=record.url))
        self.counts[result] += 1
        if result != "unchanged":  # stories, type, turns and facets need the rest of the archive (issue 6)
            refresh_article(self.db, article_id, record)

    # -- backfill ---------------------------------------------------------------------

    def _resume(self) -> None:
        """Open the source's backfill; when one was interrupted, start from its pending pages
        and count its done pages as seen, so that none of them is visited again."""
        self.backfill = BackfillState.open(self.db, self.source.name, self.settings.since)
        if not self.backfill.resumed:
            return
        pending = 0
        for row in self.backfill.rows():
            item = _Item(row.kind, row.url, row.depth, row.page_number, row.entry, row.optional)  # type: ignore[arg-type]
            if row.state == "done":
                self.seen.add(self.source.visit_key(row.url))
                if row.kind == "article":
                    self.articles_seen.add(self.source.external_id(row.url) or self.source.visit_key(row.url))
                continue
            if row.hint:
                self.hints[row.url] = _link(row.hint)
            pending += self._enqueue(item, persist=False)
        log.info("%s: resuming an interrupted backfill with %d pending pages", self.source.name, pending)

    # -- the run ------------------------------------------------------------------------

    async def _until_done_or_stopped(self) -> None:
        """Wait until the frontier is empty; after a stop, at most :data:`STOP_GRACE_S` more."""
        done = asyncio.ensure_future(self.queue.join())
        try:
            while not done.done():
                await asyncio.wait({done}, timeout=0.2)
                if self.stop.is_set():
                    await asyncio.wait({done}, timeout=STOP_GRACE_S)
                    return
        finally:
            done.cancel()

    async def _commit_regularly(self) -> None:
        while self.group is not None:
            await asyncio.sleep(GROUP_COMMIT_S / 2)
            try:
                if not self.indexer_beside:  # stem what the last pages wrote, in one batch, between pages
                    search.index_pending(self.db, limit=INDEX_BATCH)
                self.group.commit_if_due()
            except Exception:  # e.g. the archive locked past the busy timeout: pages go on, and so do we
                log.exception("%s: committing or indexing between pages failed", self.source.name)

    def _index_rest(self) -> None:
        """Stem what the run left queued (after a stop, only a little: the rest waits for the
        indexer or the next run); a failure leaves it queued, never fails the run."""
        try:
            search.index_pending(self.db, limit=STOP_INDEX_LIMIT if self.stop.is_set() else None)
        except Exception:
            log.exception("%s: indexing for search at the end of run %s failed", self.source.name, self.run_id)

    async def run(self) -> RunResult:
        started = time.monotonic()
        self.run_id = store.start_run(self.db, self.source.name)
        self.known_urls = store.known_urls(self.db, self.source.name)
        self.known_ids = store.known_external_ids(self.db, self.source.name)
        resume = store.resume_point(self.db, self.source.name)
        if resume:
            log.info("%s: an earlier run was cut short at %s; listings are walked past it", self.source.name, resume)
            self.walk_known_urls = store.known_urls(self.db, self.source.name, before=resume)
            self.walk_known_ids = store.known_external_ids(self.db, self.source.name, before=resume)
        else:
            self.walk_known_urls, self.walk_known_ids = self.known_urls, self.known_ids
        if self.settings.backfill:
            self._resume()
        for entry in self.source.entry_points():
            self._enqueue(_Item(entry.kind, entry.url, entry=True, optional=entry.optional))
        if self.backfill is not None:
            self.backfill.flush()
        error: str | None = None
        # The pages' writes are committed in groups (scraper.transactions): at the latest every
        # GROUP_COMMIT_S, and whatever is written when the run ends. The stemming for search is
        # out of the pages' transactions: done in batches between pages, or by the indexer
        # process `up` runs beside (scraper.indexer); what is left, at the run's end.
        with search.DeferredIndexing(self.db), store.WriteGroup(self.db, max_seconds=GROUP_COMMIT_S) as self.group:
            workers = [asyncio.create_task(self._worker()) for _ in range(max(4, 2 * self.pace.concurrency))]
            flusher = asyncio.create_task(self._commit_regularly())
            try:
                await self._until_done_or_stopped()
            finally:
                for task in [*workers, flusher]:
                    task.cancel()
                await asyncio.gather(*workers, flusher, return_exceptions=True)
        self.group = None
        self._index_rest()
        stopped = self.stop.is_set()
        if self.backfill is not None and not stopped:
            self.backfill.complete()
        if stopped:
            status, error = "partial", "stopped before the end of the run"
        elif self.entry_total and self.entry_ok == 0:
            status, error = "failed", f"no entry point could be read: {self.first_entry_error}"
        elif self.counts["failed"]:
            status = "partial"
        else:
            status = "ok"
        counts = {
            k: self.counts[k]
            for k in ("found", "new", "updated", "unchanged", "failed", "skipped", "requests", "not_modified")
        }
        duration = time.monotonic() - started
        ending = store.STOPPED if stopped else store.COMPLETED
        store.finish_run(self.db, self.run_id, status, counts, duration, error, ending)
        self._record_health()
        level = logging.ERROR if status == "failed" else logging.INFO
        log.log(
            level,
            "%s: run %s %s %s%s",
            self.source.name,
            self.run_id,
            status,
            counts,
            f" ({error})" if error else "",
            extra={"event": "run", "source": self.source.name, "run_id": self.run_id, "status": status, **counts},
        )
        return RunResult(self.source.name, self.run_id, status, counts, duration, error, self.failures)

    def _record_health(self) -> None:
        figures = self.health.figures()
        history = store.field_health_history(self.db, self.source.name, self.run_id)
        verdict = judge(figures, history)
        store.save_field_health(self.db, self.run_id, figures, verdict.health, verdict.note)
        if verdict.health != "ok":
            log.warning("%s: run %s extraction %s: %s", self.source.name, self.run_id, verdict.health, verdict.note)


async def run_source(
    source: Source,
    settings: Settings,
    db: sqlite_utils.Database,
    fetcher: Fetcher | FetchThread,
    stop: threading.Event | None = None,
    progress: ProgressCallback | None = None,
    indexer_beside: bool = False,
) -> RunResult:
    """Run one source once; never raises for a page or a site that fails (``indexer_beside``: see :func:`scrape`)."""
    return await _Run(source, settings, db, fetcher, stop, progress, indexer_beside).run()


async def scrape(
    names: list[str],
    settings: Settings,
    stop: threading.Event | None = None,
    progress: ProgressCallback | None = None,
    indexer_beside: bool = False,
) -> list[RunResult]:
    """Run the named sources concurrently, sharing one polite fetcher (hosts are paced across sources).

    ``indexer_beside``: a search indexer process follows the archive (``up`` runs one), so the
    runs leave the stemming of what they write to it; otherwise they do it themselves, in
    batches between pages.
    """
    sources = [get_source(n) for n in names]
    db = store.open_db(settings.db_path)
    interrupted = store.close_interrupted_runs(db)
    if interrupted:
        log.warning("closed %d run(s) whose process had died: %s", len(interrupted), interrupted)
    store.save_sources(db, [source_row(s) for s in sources])
    try:
        async with FetchThread(settings) as fetcher:  # the network on a loop of its own
            runs = (run_source(s, settings, db, fetcher, stop, progress, indexer_beside) for s in sources)
            return list(await asyncio.gather(*runs))
    finally:
        db.conn.close()


def run_sources(
    names: list[str],
    settings: Settings,
    stop: threading.Event | None = None,
    progress: ProgressCallback | None = None,
    indexer_beside: bool = False,
) -> list[RunResult]:
    """Synchronous entry point for the CLI and the scheduler."""
    return asyncio.run(scrape(names, settings, stop, progress, indexer_beside))


def _day(value: str) -> date | None:
    found = parse_date(value)
    return found.value.date() if found else None


def _link(hint: dict[str, Any]) -> Link:
    return Link(**{**hint, "categories": tuple(hint.get("categories") or ())})


def source_row(source: Source) -> dict[str, str]:
    return {
        "name": source.name,
        "site": source.site,
        "title": source.title,
        "languages": ",".join(source.languages),
        "schedule": f"every {source.every_minutes} min",
        "discovery": source.discovery,
        "description": source.description,
    }
