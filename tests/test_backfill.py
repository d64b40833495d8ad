"""Backfill: ``scrape --backfill`` walks the whole history, an interrupted backfill resumes where it
stopped without fetching again what it already has, and ``--since`` bounds the walk."""

from __future__ import annotations

import logging
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from scraper.cli import cli
from scraper.pipeline import run_sources
from scraper.settings import resolve_settings
from tests.conftest import ROOT, rows
from tests.replica import RunningSite, serve_site


def _settings(db: Path, site: RunningSite, source: str = "mpt", **values: object) -> object:
    return resolve_settings(
        environ={}, db_path=db, base_urls={source: site.base_url}, delay=0.0, backfill=True, **values
    )


def _ok_fetches(site: RunningSite) -> Counter[str]:
    """How many times each path was answered with a body (200)."""
    return Counter(r.path for r in site.log() if r.status == 200 and r.path != "/robots.txt")


def test_an_interrupted_backfill_resumes_without_fetching_anything_twice(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    with serve_site("mpt", faults=False) as site:
        stop = threading.Event()

        def interrupt(source: str, handled: int, total: int) -> None:
            if handled >= 12:
                stop.set()  # what Ctrl-C or SIGTERM does in `up` and `scrape`

        (first,) = run_sources(["mpt"], _settings(db, site), stop, progress=interrupt)  # type: ignore[arg-type]
        assert first.status == "partial"
        after_first = {r["url"] for r in rows(db, "select url from articles")}
        assert 0 < len(after_first) < len(site.articles)
        state = rows(db, "select * from backfills where source = 'mpt'")[0]
        assert state["status"] == "running"
        pending = rows(db, "select count(*) as n from backfill_frontier where source = 'mpt' and state = 'pending'")
        assert pending[0]["n"] > 0

        (second,) = run_sources(["mpt"], _settings(db, site))  # type: ignore[arg-type]
        assert second.status == "ok"
        archived = {r["url"] for r in rows(db, "select url from articles")}
        assert archived == {a.real_url for a in site.articles}
        # nothing was fetched twice with a body: not a listing page, not a feed, not an article
        fetched = _ok_fetches(site)
        assert fetched and max(fetched.values()) == 1, [p for p, n in fetched.items() if n > 1]
        state = rows(db, "select * from backfills where source = 'mpt'")[0]
        assert (state["status"], state["runs"]) == ("complete", 2)
        assert state["pages_done"] > len(site.articles)
        assert rows(db, "select count(*) as n from backfill_frontier")[0]["n"] == 0


def test_a_killed_backfill_resumes_and_loses_nothing(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    db = tmp_path / "archive.db"
    with serve_site("mpt", faults=False) as site:
        args = ["scrape", "mpt", "--backfill", "--db", str(db), "--base-url", f"mpt={site.base_url}"]
        process = subprocess.Popen(
            [sys.executable, "-m", "scraper", *args, "--delay", "0.03"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        try:
            while time.monotonic() < deadline:
                if db.exists():
                    try:
                        with sqlite3.connect(db, timeout=5) as conn:
                            if conn.execute("select count(*) from articles").fetchone()[0] >= 6:
                                break
                    except sqlite3.OperationalError:
                        pass  # not migrated yet
                time.sleep(0.02)
            process.send_signal(signal.SIGKILL)
        finally:
            process.wait(timeout=10)
        killed_with = {r["url"] for r in rows(db, "select url from articles")}
        assert 6 <= len(killed_with) < len(site.articles)
        before = _ok_fetches(site)

        with caplog.at_level(logging.INFO, logger="scraper.pipeline"):
            (resumed,) = run_sources(["mpt"], _settings(db, site))  # type: ignore[arg-type]
        assert resumed.status == "ok"
        assert "resuming an interrupted backfill" in caplog.text
        archived = rows(db, "select url from articles")
        assert sorted(r["url"] for r in archived) == sorted(a.real_url for a in site.articles)
        assert rows(db, "pragma integrity_check")[0]["integrity_check"] == "ok"
        # an article saved before the kill is never fetched again with a body; at most the pages
        # in flight at the moment of the kill (two at a time per host) are asked again
        after = _ok_fetches(site)
        again = [p for p, n in after.items() if n > before.get(p, 0) and before.get(p, 0) > 0]
        saved_paths = {a.path for a in site.articles if a.real_url in killed_with}
        assert not set(again) & saved_paths
        assert len(again) <= 2, again


def test_since_bounds_the_walk_and_the_articles(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    since = date(2022, 1, 1)
    with serve_site("mpt", faults=False) as site:
        (result,) = run_sources(["mpt"], _settings(db, site, since=since))  # type: ignore[arg-type]
        assert result.status == "ok"
        archived = {r["url"] for r in rows(db, "select url from articles")}
        recent = {a.real_url for a in site.articles if date.fromisoformat(a.published) >= since}
        assert archived == recent
        old_paths = {a.path for a in site.articles if date.fromisoformat(a.published) < since}
        assert not old_paths & {r.path for r in site.log()}  # never requested


def test_since_stops_a_listing_walk_at_the_first_page_older_than_it(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    since = date(2022, 6, 1)
    with serve_site("beltelecom", faults=False) as site:
        settings = _settings(db, site, source="beltelecom", since=since)
        assert run_sources(["beltelecom"], settings)[0].status == "ok"  # type: ignore[arg-type]
        archived = {r["url"] for r in rows(db, "select url from articles")}
        assert archived == {a.real_url for a in site.articles if date.fromisoformat(a.published) >= since}
        assert len(archived) == 5
        listing = [r.path for r in site.log() if r.path.startswith("/en/news/main?")]
        # page 1 holds only news older than --since: the walk ends there, page 2 is never asked for
        assert listing == ["/en/news/main?page=1"]


def test_a_finished_backfill_starts_afresh_and_fetches_no_article_again(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    with serve_site("itu-news") as site:
        settings = _settings(db, site, source="itu-news")
        assert run_sources(["itu-news"], settings)[0].status == "ok"  # type: ignore[arg-type]
        site.reset_log()
        again = run_sources(["itu-news"], settings)[0]  # type: ignore[arg-type]
        assert again.status == "ok" and again.counts["new"] == 0
        state = rows(db, "select status, runs from backfills where source = 'itu-news'")[0]
        assert (state["status"], state["runs"]) == ("complete", 1)
        assert not [r.path for r in site.log() if r.status == 200 and r.path.startswith("/hub/20")]


@pytest.mark.parametrize("value", ["2022-13-01", "yesterday"])
def test_a_bad_since_is_a_usage_error(value: str) -> None:
    result = CliRunner().invoke(cli, ["scrape", "mpt", "--backfill", "--since", value])
    assert result.exit_code == 2
    assert "--since" in result.output
