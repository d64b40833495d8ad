"""Crawl benchmark (issue 3): the whole pipeline (fetch, extract, store) against a synthetic site of
N article pages with a fixed latency per response, side by side with Scrapy on the same site.

    .venv/bin/pip install -r bench/requirements.txt
    .venv/bin/python bench/bench_crawl.py            # 2,000 pages, 50 ms latency
    .venv/bin/python bench/bench_crawl.py --quick    # 400 pages

Prints, per per-host concurrency (4 and 16, delay 0): pages per second, that as a share of the
ideal (concurrency / latency), peak memory (max RSS) of the crawl process and its CPU time per
page; then Scrapy's pages per second at the same concurrency; then what a second run over the
unchanged site sends. Our crawl runs as ``pipeline.scrape`` runs a source: the fetcher on its own
thread (``scraper.fetch_thread``), the pages' writes in group commits. The module imports happen
before the clock starts, as Scrapy's do before its ``elapsed_time_seconds``; what loads on
first use (the topic vocabulary, the stemmers) is timed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import resource
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _bench_source() -> object:
    """A listing source for the synthetic site (not registered: it exists only here)."""
    from scraper.extract import Profile
    from scraper.sources.base import EntryPoint, Source

    class BenchSource(Source):
        name = "bench"
        site = "https://bench.example"
        profile = Profile(
            title_selectors=("h1.title",),
            date_selectors=(".field-name-field-date .field-item",),
            body_selectors=(".field-name-body .field-item",),
            timezone="Europe/Minsk",
        )
        article_pattern = re.compile(r"^https://bench\.example/news/\d+$")

        def entry_points(self) -> list[EntryPoint]:
            return [EntryPoint(self.site + "/news/", "listing")]

    return BenchSource()


def worker(base: str, db: str, concurrency: int) -> None:
    """One crawl by our pipeline, in this process; prints a JSON line of figures."""
    from scraper import store
    from scraper.fetch_thread import FetchThread
    from scraper.pipeline import run_source
    from scraper.settings import resolve_settings

    source = _bench_source()
    settings = resolve_settings(
        environ={}, db_path=Path(db), base_urls={"bench": base}, delay=0.0, concurrency_per_host=concurrency
    )

    async def crawl() -> tuple[float, dict[str, int]]:
        archive = store.open_db(settings.db_path)
        async with FetchThread(settings) as fetcher:  # as pipeline.scrape runs it
            started, cpu = time.perf_counter(), time.process_time()
            result = await run_source(source, settings, archive, fetcher)  # type: ignore[arg-type]
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        archive.conn.close()
        return elapsed, cpu, result.counts

    elapsed, cpu, counts = asyncio.run(crawl())
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"elapsed": elapsed, "cpu": cpu, "counts": counts, "peak_mb": peak_kb / 1024}))


def _ours(base: str, db: str, concurrency: int) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, "--worker", "--base", base, "--db", db, "--concurrency", str(concurrency)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _scrapy(base: str, concurrency: int) -> dict[str, float] | None:
    try:
        import scrapy  # noqa: F401
    except ImportError:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "scrapy",
                "runspider",
                str(ROOT / "bench" / "scrapy_spider.py"),
                "-s",
                f"CONCURRENT_REQUESTS={concurrency}",
                "-s",
                f"CONCURRENT_REQUESTS_PER_DOMAIN={concurrency}",
                "-s",
                "DOWNLOAD_DELAY=0",
                "-s",
                "ROBOTSTXT_OBEY=True",
                "-s",
                "LOG_LEVEL=INFO",
                "-s",
                "TELNETCONSOLE_ENABLED=False",
                "-s",
                "AUTOTHROTTLE_ENABLED=False",
                "-s",
                "USER_AGENT=SmartCityNewsArchive-bench",
                "-o",
                f"{tmp}/items.jsonl",
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "BENCH_BASE": base},
            cwd=tmp,
        )
    log = result.stderr
    elapsed = re.search(r"'elapsed_time_seconds': ([\d.]+)", log)
    responses = re.search(r"'response_received_count': (\d+)", log)
    items = re.search(r"'item_scraped_count': (\d+)", log)
    if not (elapsed and responses):
        print(log[-3000:])
        return None
    return {
        "elapsed": float(elapsed.group(1)),
        "responses": int(responses.group(1)),
        "items": int(items.group(1)) if items else 0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="400 pages instead of 2,000")
    parser.add_argument("--pages", type=int, default=None)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--concurrency", type=int, nargs="*", default=None)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--base", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.base, args.db, args.concurrency[0])
        return
    pages = args.pages or (400 if args.quick else 2000)
    levels = args.concurrency or [4, 16]
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "bench" / "crawl_replica.py"),
            "--port",
            str(port),
            "--pages",
            str(pages),
            "--latency",
            str(args.latency),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None and server.stdout.readline().strip() == "ready"
    base = f"http://127.0.0.1:{port}"
    print(f"site: {pages} article pages + index + robots.txt, {args.latency * 1000:.0f} ms per response, delay 0")
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f} at start")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            header = ("crawler", "conc.", "pages", "seconds", "pages/s", "ideal", "share", "peak MB", "CPU ms/page")
            print(
                "".join(
                    f"{h:<10}" if i == 0 else f"{h:>{(6, 7, 9, 9, 7, 8, 9, 12)[i - 1]}}" for i, h in enumerate(header)
                )
            )
            second_db = None
            for level in levels:
                ideal = level / args.latency
                db = f"{tmp}/ours-{level}.db"
                ours = _ours(base, db, level)
                counts = ours["counts"]  # type: ignore[index]
                responses = counts["requests"] + 1  # + robots.txt
                rate = responses / ours["elapsed"]  # type: ignore[operator]
                print(
                    f"{'ours':<10}{level:>6}{counts['new']:>7}{ours['elapsed']:>9.2f}{rate:>9.1f}{ideal:>7.0f}"
                    f"{rate / ideal:>8.1%}{ours['peak_mb']:>9.1f}{1000 * ours['cpu'] / responses:>12.2f}"  # type: ignore[operator]
                )
                second_db = second_db or db
                peer = _scrapy(base, level)
                if peer is None:
                    print(f"{'scrapy':<10}{level:>6}  (not installed: pip install -r bench/requirements.txt)")
                else:
                    prate = peer["responses"] / peer["elapsed"]
                    print(
                        f"{'scrapy':<10}{level:>6}{peer['items']:>7}{peer['elapsed']:>9.2f}{prate:>9.1f}{ideal:>7.0f}"
                        f"{prate / ideal:>8.1%}{'':>9}"
                    )
            urllib.request.urlopen(base + "/__reset").read()
            again = _ours(base, second_db, levels[0])  # type: ignore[arg-type]
            stats = json.loads(urllib.request.urlopen(base + "/__stats").read())
            print(
                f"second run over the unchanged site: {stats['requests']} requests, "
                f"{stats['conditional']} conditional, {stats['not_modified']} answered 304, "
                f"{stats['article_bodies']} article bodies received; "
                f"new {again['counts']['new']}, updated {again['counts']['updated']}"  # type: ignore[index]
            )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
