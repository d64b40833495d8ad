"""The ``sources`` command lists every source with its last run, status, article count and
backfill state; long runs show progress bars on a terminal only."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from click.testing import CliRunner

from scraper.cli import cli
from scraper.pipeline import run_sources
from scraper.progress import wants_progress
from scraper.settings import resolve_settings
from tests.conftest import run_cli
from tests.replica import serve_site

EVERY = ["mpt", "itu-cis", "itu-news", "itu-press", "beltelecom", "giprosvjaz", "un-belarus", "itu-t-sg20", "u4ssc"]


def test_sources_lists_every_coded_and_configured_source(tmp_path: Path) -> None:
    result = run_cli("sources", "--db", str(tmp_path / "none.db"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["name", "site", "languages", "schedule"]
    assert [line.split()[0] for line in lines[1:]] == EVERY
    assert "mpt.gov.by" in lines[1] and "ru,en,be" in lines[1] and "never" in lines[1]
    assert not (tmp_path / "none.db").exists()  # listing never creates an archive


def test_sources_shows_last_run_status_articles_and_an_interrupted_backfill(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    with serve_site("beltelecom", faults=False) as beltelecom, serve_site("giprosvjaz") as giprosvjaz:
        urls = {"beltelecom": beltelecom.base_url, "giprosvjaz": giprosvjaz.base_url}
        settings = resolve_settings(environ={}, db_path=db, base_urls=urls, delay=0.0)
        assert run_sources(["beltelecom"], settings)[0].status == "ok"
        stop = threading.Event()
        backfill = resolve_settings(environ={}, db_path=db, base_urls=urls, delay=0.0, backfill=True)
        partial = run_sources(["giprosvjaz"], backfill, stop, progress=lambda s, done, total: done >= 4 and stop.set())
        assert partial[0].status == "partial"
    result = CliRunner().invoke(cli, ["sources", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    listed = {row["name"]: row for row in map(json.loads, result.output.splitlines())}
    assert list(listed) == EVERY
    assert (listed["beltelecom"]["status"], listed["beltelecom"]["articles"]) == ("ok", 9)
    assert listed["beltelecom"]["configured"] is True and listed["mpt"]["configured"] is False
    assert listed["beltelecom"]["discovery"] == "listing"
    assert listed["giprosvjaz"]["status"] == "partial"
    assert listed["giprosvjaz"]["backfill"].startswith("interrupted: ")
    assert "to go" in listed["giprosvjaz"]["backfill"]
    assert listed["mpt"]["last_run"] is None and listed["mpt"]["articles"] == 0
    table = CliRunner().invoke(cli, ["sources", "--db", str(db)]).output
    beltelecom_line = next(line for line in table.splitlines() if line.startswith("beltelecom"))
    assert " ok " in beltelecom_line and " 9 " in beltelecom_line and "UTC" in beltelecom_line


def test_progress_bars_only_on_request_or_a_terminal(tmp_path: Path) -> None:
    class Tty:
        def isatty(self) -> bool:
            return True

    assert wants_progress(Tty(), environ={}) is True  # type: ignore[arg-type]
    assert wants_progress(Tty(), environ={"CI": "true"}) is False  # type: ignore[arg-type]
    with serve_site("giprosvjaz") as site:
        common = ["-q", "scrape", "giprosvjaz", "--base-url", f"giprosvjaz={site.base_url}", "--delay", "0"]
        runner = CliRunner()
        quiet = runner.invoke(cli, [*common, "--db", str(tmp_path / "a.db")])  # not a terminal: no bar
        assert quiet.exit_code == 0, quiet.output
        assert "━" not in quiet.output and "pages" not in quiet.output
        shown = runner.invoke(cli, [*common, "--db", str(tmp_path / "b.db"), "--progress"])
        assert shown.exit_code == 0, shown.output
        bar = [line for line in shown.output.splitlines() if line.startswith("giprosvjaz ")]
        assert bar and "12/12 pages" in bar[-1]
        assert "giprosvjaz: ok - found 5, new 5" in shown.output


def test_sources_shows_the_schedule_up_runs_else_the_default(tmp_path: Path) -> None:
    from scraper import store
    from scraper.scheduling import jobs
    from scraper.settings import Settings

    db_path = tmp_path / "archive.db"
    db = store.open_db(db_path)
    # as `up --every mpt=30m` stores it: mpt every 30 minutes, the others on their own cadence, a weekly backfill
    settings = Settings(every={"mpt": 1800.0}, backfill_every=7 * 86400.0)
    store.save_schedules(db, [job.row() for job in jobs(settings)])
    db.execute("delete from schedules where source = 'u4ssc'")  # a source `up` does not schedule
    db.conn.commit()
    db.conn.close()
    result = CliRunner().invoke(cli, ["sources", "--db", str(db_path), "--json"])
    assert result.exit_code == 0, result.output
    listed = {row["name"]: row["schedule"] for row in map(json.loads, result.output.splitlines())}
    assert listed["mpt"] == "every 30 min, backfill every 7 d"
    assert listed["itu-cis"] == "every 3 h, backfill every 7 d"
    assert listed["u4ssc"].endswith(" (default)")
    fresh = CliRunner().invoke(cli, ["sources", "--db", str(tmp_path / "none.db"), "--json"])
    assert json.loads(fresh.output.splitlines()[0])["schedule"] == "every 1 h (default)"
