"""Backfill benchmark (issue 4): the full history of an mpt.gov.by-shaped site, through the real
``mpt`` source and pipeline, with and without the persisted frontier that makes it resumable.

    .venv/bin/python bench/bench_backfill.py            # 8,000 nodes (ru/en/be), ~800 listing pages
    .venv/bin/python bench/bench_backfill.py --quick    # 2,000 nodes

Prints, at delay 0 and per-host concurrency 4 (so the figures show the archive's own cost, not
politeness): pages per second and peak memory of (a) a first routine run, which walks every
listing page too but keeps no frontier, side by side with (b) a backfill, which writes every
page it finds to ``backfill_frontier``; then (c) a backfill killed with SIGKILL half way and
resumed: the articles and listing pages fetched twice, and the time both parts took.
At the polite default (1 s between requests) the same walk takes about an hour per 3,600 pages.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import socket
import sqlite3
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


def _child(db: str, base: str, backfill: bool) -> None:
    """Run one scrape of ``mpt`` in this process and print its figures as JSON."""
    from scraper.pipeline import run_sources
    from scraper.settings import resolve_settings

    settings = resolve_settings(
        environ={},
        db_path=Path(db),
        base_urls={"mpt": base},
        delay=0.0,
        concurrency_per_host=4,
        backfill=backfill or None,
    )
    started = time.perf_counter()
    (result,) = run_sources(["mpt"], settings)
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": elapsed, "counts": result.counts, "status": result.status, "peak_mb": peak_mb}))


def _run(db: Path, base: str, backfill: bool) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--child", str(db), base] + (["--backfill"] if backfill else [])
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, env={**os.environ, "CI": "1"})
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _stats(base: str) -> dict[str, object]:
    with urllib.request.urlopen(base + "/_stats", timeout=10) as response:
        return dict(json.loads(response.read()))


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("select count(*) from articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2,000 nodes instead of 8,000")
    parser.add_argument("--nodes", type=int, default=None)
    args = parser.parse_args()
    nodes = args.nodes or (2000 if args.quick else 8000)
    print(f"backfill benchmark: {nodes} nodes over ru/en/be, delay 0, per-host concurrency 4, load {os.getloadavg()}")

    def site() -> tuple[subprocess.Popen[bytes], str]:
        port = _free_port()
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "bench" / "backfill_site.py"), "--port", str(port), "--nodes", str(nodes)]
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                _stats(base)
                return proc, base
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the synthetic site did not start")

    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for label, backfill in (("routine first run (no frontier)", False), ("backfill (persisted frontier)", True)):
            proc, base = site()
            try:
                figures = _run(Path(tmp) / f"{backfill}.db", base, backfill)
                stats = _stats(base)
            finally:
                proc.terminate()
                proc.wait()
            pages = sum(int(v) for v in dict(stats["bodies"]).values())  # type: ignore[arg-type]
            seconds = float(figures["seconds"])  # type: ignore[arg-type]
            rows.append((label, pages, seconds, pages / seconds, figures["peak_mb"], figures["counts"]))
        print(f"{'':34} {'pages':>7} {'seconds':>8} {'pages/s':>8} {'peak MB':>8}")
        for label, pages, seconds, rate, peak, counts in rows:
            print(f"{label:34} {pages:7d} {seconds:8.1f} {rate:8.1f} {float(peak):8.1f}   new={dict(counts)['new']}")  # type: ignore[arg-type]
        print(f"frontier overhead: {100 * (rows[0][3] / rows[1][3] - 1):+.1f}% time per page")

        proc, base = site()
        db = Path(tmp) / "killed.db"
        try:
            started = time.perf_counter()
            child = subprocess.Popen(
                [sys.executable, __file__, "--child", str(db), base, "--backfill"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            while _count(db) < nodes // 2 and child.poll() is None:
                time.sleep(0.05)
            child.send_signal(signal.SIGKILL)
            child.wait()
            first = time.perf_counter() - started
            had = _count(db)
            resumed = _run(db, base, True)
            stats = _stats(base)
        finally:
            proc.terminate()
            proc.wait()
        listing_bodies = int(dict(stats["bodies"]).get("listing", 0))  # type: ignore[arg-type]
        expected_listings = sum(-(-len(range(i, nodes, 3)) // 10) for i in range(3)) + 1  # + the front page
        print(
            f"killed at {had} of {nodes} articles after {first:.1f}s; resumed in {float(resumed['seconds']):.1f}s "  # type: ignore[arg-type]
            f"({resumed['status']}, new={dict(resumed['counts'])['new']}); "  # type: ignore[arg-type]
            f"articles fetched twice: {stats['articles_fetched_twice']}; "
            f"listing pages fetched: {listing_bodies} of {expected_listings} (more = fetched twice)"
        )
        with sqlite3.connect(db) as conn:
            total = conn.execute("select count(*) from articles").fetchone()[0]
            dupes = conn.execute("select count(*) - count(distinct url) from articles").fetchone()[0]
        print(f"archive after resume: {total} articles, {dupes} duplicates")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3], "--backfill" in sys.argv[4:])
    else:
        main()
