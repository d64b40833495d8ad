"""Health: the source_health view, `status` for monitoring, the alerts feed, backups, JSON logs."""

from __future__ import annotations

import json
import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import pytest_asyncio
import sqlite_utils
from click.testing import CliRunner
from datasette.app import Datasette

from scraper import source_health as health
from scraper import store
from scraper.backup import backup
from scraper.cli import cli
from scraper.errors import ArchiveError
from scraper.pipeline import run_sources
from scraper.settings import resolve_settings
from scraper.site import build_datasette, load_metadata
from tests.conftest import ROOT, Scraped, rows, run_cli


@dataclass
class Watched:
    """A copy of the scraped archive in which itu-cis then failed twice in a row."""

    db: Path
    scraped: Scraped


@pytest.fixture(scope="module")
def watched(scraped: Scraped, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Watched]:
    db = tmp_path_factory.mktemp("health") / "archive.db"
    backup(scraped.db, db)
    # itu-cis pointed at the mpt replica: its section home is a 404 there, so the run fails as a whole
    settings = resolve_settings(environ={}, db_path=db, delay=0, base_urls={"itu-cis": scraped.mpt.base_url})
    for _ in range(2):
        assert [r.status for r in run_sources(["itu-cis"], settings)] == ["failed"]
    yield Watched(db, scraped)


@dataclass
class _Ran:
    returncode: int
    stdout: str
    stderr: str


def _cli(*args: str) -> _Ran:
    """The command line in this process (one subprocess check of the real exit code is enough)."""
    result = CliRunner().invoke(cli, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return _Ran(result.exit_code, result.stdout, result.stderr)


def _open(db: Path) -> sqlite_utils.Database:
    return store.open_db(db)


def test_the_health_view_gives_the_facts_of_every_source(watched: Watched) -> None:
    view = {r["source"]: r for r in rows(watched.db, "select * from source_health")}
    mpt, itu = view["mpt"], view["itu-cis"]
    assert mpt["articles"] == len(watched.scraped.mpt.articles) == mpt["new_7d"]
    assert (mpt["last_status"], mpt["last_ending"], mpt["consecutive_failures"]) == ("ok", "completed", 0)
    assert mpt["last_success_at"] and 0 <= float(str(mpt["hours_since_success"])) < 1
    assert (mpt["no_title_pct"], mpt["no_date_pct"], mpt["no_body_pct"]) == (0.0, 0.0, 0.0)
    assert mpt["recent_articles"] == health.RECENT
    assert itu["articles"] == len(watched.scraped.itu.articles)
    assert (itu["last_status"], itu["consecutive_failures"]) == ("failed", 2)


def test_status_flags_a_failing_source_and_passes_a_healthy_one(watched: Watched) -> None:
    db = _open(watched.db)
    try:
        report = {h.source: h for h in health.check(db)}
    finally:
        db.conn.close()
    assert report["mpt"].healthy and report["mpt"].state == "ok"
    assert report["itu-cis"].state == "failing"
    assert "2 failed runs in a row" in report["itu-cis"].problems[0]
    assert "no entry point could be read" in report["itu-cis"].problems[0]

    result = run_cli("status", "--db", str(watched.db))
    assert result.returncode == 1, result.stderr
    assert "itu-cis: 2 failed runs in a row" in result.stdout
    assert _cli("status", "mpt", "--db", str(watched.db)).returncode == 0
    tolerant = _cli("status", "--db", str(watched.db), "--max-failures", "3")
    assert tolerant.returncode == 0, tolerant.stdout  # itu-cis had succeeded before its two failures

    as_json = _cli("status", "--json", "--db", str(watched.db))
    report_json = {r["source"]: r for r in json.loads(as_json.stdout)}
    assert report_json["itu-cis"]["state"] == "failing" and report_json["mpt"]["healthy"] is True
    assert report_json["mpt"]["articles"] == len(watched.scraped.mpt.articles)


def test_a_source_without_a_recent_success_is_stale(watched: Watched) -> None:
    db = _open(watched.db)
    try:
        # mpt's own last success: other tests of the session may add later runs of other sources
        sql = "select max(finished_at) as t from runs where source = 'mpt' and status = 'ok'"
        last = datetime.fromisoformat(str(rows(watched.db, sql)[0]["t"]))
        within = {h.source: h for h in health.check(db, ["mpt"], now=last + timedelta(hours=2, minutes=59))}
        after = {h.source: h for h in health.check(db, ["mpt"], now=last + timedelta(hours=3, minutes=1))}
        strict = health.check(db, ["mpt"], thresholds=health.Thresholds(max_age_s=60), now=last + timedelta(minutes=2))
    finally:
        db.conn.close()
    assert within["mpt"].state == "ok"  # mpt runs hourly: stale after three hours without a success
    assert after["mpt"].state == "stale" and "more than 3.0 h" in after["mpt"].problems[0]
    assert strict[0].state == "stale"
    result = _cli("status", "mpt", "--db", str(watched.db), "--max-age", "0s")
    assert result.returncode == 1 and "mpt: last success" in result.stdout


def test_a_source_that_never_succeeded_fails_the_check(tmp_path: Path) -> None:
    db = store.open_db(tmp_path / "archive.db")
    try:
        report = health.check(db, ["mpt"])
    finally:
        db.conn.close()
    assert report[0].state == "never" and report[0].problems == ("no successful run yet",)
    assert _cli("status", "--db", str(tmp_path / "archive.db")).returncode == 1
    missing = _cli("status", "--db", str(tmp_path / "missing.db"))
    assert missing.returncode == 2 and "no archive" in missing.stderr


def test_an_extraction_collapse_marks_the_source_degraded(watched: Watched, tmp_path: Path) -> None:
    """The site 'changed its layout': the 20 newest articles have no date and a generic body."""
    copy = tmp_path / "archive.db"
    backup(watched.db, copy)
    db = _open(copy)
    try:
        for n in range(health.RECENT):
            record = store.ArticleRecord(
                url=f"https://mpt.gov.by/ru/news/01-01-2023-{9000 + n}",
                source="mpt",
                title=f"Новость {n}",
                body_markdown="Текст новости.",
                body_text="Текст новости.",
                body_source="generic",
            )
            store.save_article(db, record, now=f"2030-01-01T00:00:{n:02d}+00:00")
        mpt = health.check(db, ["mpt"])[0]
    finally:
        db.conn.close()
    assert mpt.state == "degraded"
    assert mpt.fields["no_date"] == (100.0, 0.0) and mpt.fields["generic_body"] == (100.0, 0.0)
    assert any(p.startswith("no date: 100.0% of the newest articles") for p in mpt.problems)
    view = rows(copy, "select recent_no_date_pct, no_date_pct from source_health where source = 'mpt'")[0]
    assert view["recent_no_date_pct"] == 100.0 and 0 < float(str(view["no_date_pct"])) < 100


@pytest_asyncio.fixture
async def ds(watched: Watched) -> AsyncIterator[Datasette]:
    instance = build_datasette(watched.db)
    await instance.invoke_startup()
    yield instance


async def test_failures_are_an_atom_feed(ds: Datasette, watched: Watched) -> None:
    response = await ds.client.get("/archive/alerts.atom")
    assert response.status_code == 200
    assert 'xmlns="http://www.w3.org/2005/Atom"' in response.text
    failed = rows(watched.db, "select id from runs where status = 'failed' order by id")
    assert len(failed) == 2
    for run in failed:
        assert f"itu-cis: run {run['id']} failed" in response.text
    assert "http-404 x1" in response.text  # the reason of the failure, counted
    health_json = await ds.client.get("/archive/source_health.json", params={"_shape": "array"})
    assert {r["source"] for r in health_json.json()} == {"mpt", "itu-cis"}


async def test_the_alerts_feed_is_valid_before_anything_failed(tmp_path: Path) -> None:
    instance = build_datasette(tmp_path / "archive.db")
    await instance.invoke_startup()
    response = await instance.client.get("/archive/alerts.atom")
    assert response.status_code == 200
    assert response.text.count("<entry>") == 1 and "alerts of the smart-city news archive begin" in response.text


def test_backup_of_a_live_archive_while_it_is_written(watched: Watched, tmp_path: Path) -> None:
    live = tmp_path / "live.db"
    backup(watched.db, live)
    stop = threading.Event()
    written = [0]

    def writer() -> None:
        db = store.open_db(live)
        while not stop.is_set():
            n = written[0]
            store.save_article(
                db,
                store.ArticleRecord(
                    url=f"https://mpt.gov.by/ru/news/02-02-2023-{20000 + n}",
                    source="mpt",
                    title=f"Запись {n}",
                    body_markdown="Текст.",
                    body_text="Текст.",
                ),
            )
            written[0] += 1
        db.conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while written[0] < 20:
            pass
        copies = [backup(live, tmp_path / f"copy-{i}.db") for i in range(3)]
    finally:
        stop.set()
        thread.join()
    before = len(watched.scraped.mpt.articles) + len(watched.scraped.itu.articles)
    for copy in copies:
        assert copy.articles >= before + 20
        conn = sqlite_utils.Database(copy.path)
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert conn.execute("pragma journal_mode").fetchone()[0] == "delete"  # one self-contained file
        conn.execute("insert into articles_fts(articles_fts) values ('integrity-check')")
        assert conn.execute("select count(*) from articles_fts").fetchone()[0] == copy.articles
        conn.conn.close()
    assert copies[-1].articles >= copies[0].articles
    with pytest.raises(ArchiveError, match="exists"):
        backup(live, copies[0].path)
    with pytest.raises(ArchiveError, match="no archive"):
        backup(tmp_path / "nothing.db", tmp_path / "out.db")

    result = _cli("backup", str(tmp_path / "cli.db"), "--db", str(watched.db))
    assert result.returncode == 0, result.stderr
    assert "integrity ok" in result.stdout and (tmp_path / "cli.db").exists()
    assert _cli("backup", str(tmp_path / "cli.db"), "--db", str(watched.db)).returncode == 1


async def test_a_backup_serves_read_only_in_immutable_mode_as_published(watched: Watched, tmp_path: Path) -> None:
    """What `datasette publish` / `datasette package` serve: the backup, immutable, with the plugin directory."""
    snapshot = tmp_path / "archive.db"
    backup(watched.db, snapshot)
    published = Datasette(
        immutables=[str(snapshot)],
        metadata=load_metadata(),
        plugins_dir=str(ROOT / "deploy" / "datasette-plugins"),
    )
    await published.invoke_startup()
    assert not published.databases["archive"].is_mutable
    word = "Минск"
    live = build_datasette(watched.db)
    await live.invoke_startup()
    expected = (await live.client.get("/archive/search.json", params={"q": word, "_shape": "array"})).json()
    response = await published.client.get("/archive/search.json", params={"q": word, "_shape": "array"})
    assert response.status_code == 200
    # the snapshot answers exactly as the live archive does, word forms included
    assert expected and response.json() == expected
    refused = await published.client.get("/archive.json", params={"sql": "delete from articles"})
    assert refused.status_code == 400
    assert len(rows(snapshot, "select id from articles")) > 0


def test_logs_can_be_one_json_object_a_line(watched: Watched, tmp_path: Path) -> None:
    result = run_cli(
        "--log-format",
        "json",
        "scrape",
        "itu-cis",
        "--db",
        str(tmp_path / "archive.db"),
        "--base-url",
        f"itu-cis={watched.scraped.mpt.base_url}",
        "--delay",
        "0",
    )
    assert result.returncode == 1
    entries = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]
    assert entries and all({"time", "level", "logger", "message", "pid"} <= set(e) for e in entries)
    run = next(e for e in entries if e.get("event") == "run")
    assert (run["source"], run["status"], run["level"], run["failed"]) == ("itu-cis", "failed", "error", 1)
    assert run["run_id"] == rows(tmp_path / "archive.db", "select id from runs")[0]["id"]


def test_a_run_whose_extraction_collapsed_marks_the_source_degraded(watched: Watched, tmp_path: Path) -> None:
    """The run verdict of the field-health check (``runs.health``) is what `status` reports first."""
    copy = tmp_path / "archive.db"
    backup(watched.db, copy)
    db = _open(copy)
    try:
        run_id = int(db.execute("select max(id) from runs where source = 'mpt'").fetchone()[0])
        figures = {"extracted": 12, "empty_title_share": 0.0, "empty_date_share": 0.0, "empty_body_share": 0.5}
        store.save_field_health(db, run_id, figures, "collapsed", "empty body 0% -> 50% (median of 4 earlier runs)")
        mpt = health.check(db, ["mpt"])[0]
    finally:
        db.conn.close()
    assert mpt.state == "degraded"
    assert mpt.problems == (f"extraction collapsed in run {run_id}: empty body 0% -> 50% (median of 4 earlier runs)",)
    view = rows(copy, "select last_judged_run, last_judged_health from source_health where source = 'mpt'")[0]
    assert view == {"last_judged_run": run_id, "last_judged_health": "collapsed"}
    result = _cli("status", "mpt", "--db", str(copy))
    assert result.returncode == 1 and "extraction collapsed" in result.stdout
