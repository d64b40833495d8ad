"""The schedule of `up`: persistent across restarts, missed runs run once, a source never overlaps itself."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psutil
import pytest
from click.testing import CliRunner

from scraper import store
from scraper.cli import cli
from scraper.pipeline import RunResult
from scraper.scheduling import BACKFILL, ROUTINE, Runner, _ArchiveJobStore, _Scheduler, build_scheduler, jobs
from scraper.settings import Settings, parse_duration, resolve_settings
from scraper.sources import all_sources
from tests.conftest import rows
from tests.replica import serve_site

#: the sources these tests schedule (each with a replica)
NAMES = ["mpt", "itu-cis"]


def _settings(tmp_path: Path, base_urls: dict[str, str] | None = None, **values: object) -> Settings:
    """Settings on a temporary archive; a source not pointed at a replica points at a closed local port."""
    mirrors = {s.name: "http://127.0.0.1:9" for s in all_sources()} | (base_urls or {})
    return resolve_settings(environ={}, db_path=tmp_path / "archive.db", delay=0, base_urls=mirrors, **values)


def _next_runs(settings: Settings, initial_run: bool = False) -> dict[str, datetime]:
    scheduler = build_scheduler(settings, Runner(settings, threading.Event()), initial_run, NAMES)
    try:
        return {job.id: job.next_run_time for job in scheduler.get_jobs()}
    finally:
        scheduler.shutdown()


def _wait_until(condition: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_every_source_has_a_routine_and_a_weekly_backfill_job() -> None:
    schedule = {job.id: job for job in jobs()}
    assert set(schedule) == {s.name for s in all_sources()} | {f"{s.name}:backfill" for s in all_sources()}
    assert (schedule["mpt"].kind, schedule["mpt"].every_seconds, schedule["mpt"].jitter_seconds) == (
        ROUTINE,
        3600.0,
        300.0,
    )
    assert schedule["itu-cis"].every_seconds == 3 * 3600.0
    assert (schedule["mpt:backfill"].kind, schedule["mpt:backfill"].every_seconds) == (BACKFILL, 7 * 86400.0)
    # a missed run is at most one interval (plus jitter) old when it runs, so it always still runs
    assert schedule["mpt"].misfire_grace_seconds == 3600 + 300 + 60
    assert [j.id for j in jobs(Settings(backfill_every=0))] == [s.name for s in all_sources()]
    assert jobs(Settings(every={"mpt": 90.0}))[0].every_seconds == 90.0


def test_the_schedule_is_kept_in_the_archive_across_restarts(tmp_path: Path) -> None:
    settings = _settings(tmp_path, every={"mpt": 3600.0, "itu-cis": 7200.0})
    before = datetime.now(UTC)
    first = _next_runs(settings)
    assert set(first) == {"mpt", "itu-cis", "mpt:backfill", "itu-cis:backfill"}
    assert timedelta(minutes=54) <= first["mpt"] - before <= timedelta(minutes=66)
    assert timedelta(days=6) <= first["mpt:backfill"] - before <= timedelta(days=8)

    assert _next_runs(settings) == first  # a restart keeps every next run time

    changed = _next_runs(_settings(tmp_path, every={"mpt": 1800.0, "itu-cis": 7200.0}))
    assert changed["itu-cis"] == first["itu-cis"] and changed["mpt:backfill"] == first["mpt:backfill"]
    assert timedelta(minutes=26) <= changed["mpt"] - before <= timedelta(minutes=40)  # new cadence, new time

    schedules = {r["job"]: r for r in rows(settings.db_path, "select * from schedules")}
    assert schedules["mpt"]["every_seconds"] == 1800.0 and schedules["itu-cis"]["every_seconds"] == 7200.0
    stored = rows(settings.db_path, "select id, next_run_time from schedule_jobs order by id")
    assert [r["id"] for r in stored] == ["itu-cis", "itu-cis:backfill", "mpt", "mpt:backfill"]
    assert rows(settings.db_path, "select count(*) as n from runs")[0]["n"] == 0  # no initial run asked for

    without_backfill = _next_runs(_settings(tmp_path, every={"mpt": 1800.0, "itu-cis": 7200.0}, backfill_every=0))
    assert set(without_backfill) == {"mpt", "itu-cis"}


def test_jobs_coalesce_and_never_run_twice_at_once(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    scheduler = build_scheduler(settings, Runner(settings, threading.Event()), initial_run=False, names=NAMES)
    try:
        for job in scheduler.get_jobs():
            assert (job.max_instances, job.coalesce) == (1, True)
            assert job.misfire_grace_time >= job.trigger.interval.total_seconds()
    finally:
        scheduler.shutdown()


def test_a_run_missed_while_down_runs_once_at_restart(tmp_path: Path) -> None:
    with serve_site("mpt", faults=False) as mpt:
        settings = _settings(
            tmp_path, base_urls={"mpt": mpt.base_url}, every={"mpt": 60.0, "itu-cis": 3600.0}, backfill_every=0
        )
        stop = threading.Event()
        build_scheduler(settings, Runner(settings, stop), initial_run=False, names=NAMES).shutdown()
        # the process went down ten minutes ago, ten runs of mpt ago: its stored job says so (edited
        # by a scheduler that never runs anything, so it cannot run or move the job itself)
        offline = _Scheduler(jobstores={"default": _ArchiveJobStore(Runner(settings, stop), settings.db_path)})
        offline.start(paused=True)
        offline.modify_job("mpt", next_run_time=datetime.now(UTC) - timedelta(minutes=10))
        offline.shutdown()

        second = build_scheduler(settings, Runner(settings, stop), initial_run=False, names=NAMES)
        try:
            _wait_until(lambda: bool(rows(settings.db_path, "select id from runs where status = 'ok'")), timeout=30)
            time.sleep(1.0)
            runs = rows(settings.db_path, "select source, status from runs")
            next_mpt = second.get_job("mpt").next_run_time
        finally:
            stop.set()
            second.shutdown()
    assert runs == [{"source": "mpt", "status": "ok"}]  # the ten missed runs coalesced into one
    assert next_mpt > datetime.now(UTC)
    assert len(rows(settings.db_path, "select id from articles")) == len(mpt.articles)


def _in_thread(target: Callable[[], list[RunResult]]) -> tuple[threading.Thread, list[list[RunResult]]]:
    out: list[list[RunResult]] = []
    thread = threading.Thread(target=lambda: out.append(target()))
    thread.start()
    return thread, out


def test_a_source_never_overlaps_itself(tmp_path: Path) -> None:
    """A second routine run is skipped while one runs; a backfill waits for it, then runs."""
    with serve_site("mpt", slow_seconds=2.0) as mpt:
        settings = _settings(tmp_path, base_urls={"mpt": mpt.base_url})
        runner = Runner(settings, threading.Event())
        first, first_out = _in_thread(lambda: runner("mpt", ROUTINE))
        _wait_until(lambda: settings.db_path.exists() and bool(_running(settings.db_path)), timeout=20)
        assert runner("mpt", ROUTINE) == []  # skipped at once, no run recorded
        backfill, backfill_out = _in_thread(lambda: runner("mpt", BACKFILL))
        first.join(60)
        backfill.join(60)
    assert [r.status for r in first_out[0]] == ["ok"] and [r.status for r in backfill_out[0]] == ["ok"]
    runs = rows(settings.db_path, "select id, started_at, finished_at from runs order by id")
    assert len(runs) == 2
    assert str(runs[0]["finished_at"]) <= str(runs[1]["started_at"])


def _running(db: Path) -> list[dict[str, object]]:
    try:
        return rows(db, "select id from runs where status = 'running'")
    except sqlite3.OperationalError:  # the archive is still being made
        return []


@pytest.fixture
def other_process() -> subprocess.Popen[bytes]:
    process = subprocess.Popen(["sleep", "60"])
    yield process  # type: ignore[misc]
    process.kill()
    process.wait()


def test_a_run_of_the_source_in_another_live_process_is_not_overlapped(
    tmp_path: Path, other_process: subprocess.Popen[bytes]
) -> None:
    with serve_site("mpt", faults=False) as mpt:
        settings = _settings(tmp_path, base_urls={"mpt": mpt.base_url})
        db = store.open_db(settings.db_path)
        with store.immediate(db):
            db.table("runs").insert(
                {
                    "source": "mpt",
                    "started_at": store.now_iso(),
                    "status": "running",
                    "host": socket.gethostname(),
                    "pid": other_process.pid,
                    "process_started": psutil.Process(other_process.pid).create_time(),
                }
            )
        runner = Runner(settings, threading.Event())
        assert runner("mpt", ROUTINE) == []
        assert len(rows(settings.db_path, "select id from runs")) == 1

        other_process.kill()  # that process dies without finishing its run
        other_process.wait()
        results = runner("mpt", ROUTINE)
        db.conn.close()
    assert [r.status for r in results] == ["ok"]
    runs = rows(settings.db_path, "select status, ending, error from runs order by id")
    assert runs[0]["status"] == "partial" and runs[0]["ending"] == "crashed"
    assert "interrupted" in str(runs[0]["error"])
    assert (runs[1]["status"], runs[1]["ending"]) == ("ok", "completed")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["up", "--every", "mpt"], "--every needs NAME=DURATION"),
        (["up", "--every", "nosuch=1h"], "unknown source 'nosuch'"),
        (["up", "--every", "mpt=soon"], "must be a number with a unit"),
        (["up", "--every", "mpt=0"], "must be more than 0"),
        (["up", "--backfill-every", "weekly"], "must be a number with a unit"),
        (["status", "--max-age", "3 days"], "must be a number with a unit"),
        (["status", "nosuch"], "unknown source 'nosuch'"),
    ],
)
def test_bad_schedule_options_are_clear_usage_errors(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2 and message in result.output, result.output


@pytest.mark.parametrize(
    ("text", "seconds"), [("45s", 45.0), ("30m", 1800.0), ("2h", 7200.0), ("1.5d", 129600.0), ("1w", 604800.0)]
)
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds
    assert parse_duration("off") == parse_duration("0") == 0.0
