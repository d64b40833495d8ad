"""Which job runs when, and the main job: the scheduler and Datasette in one process.

One APScheduler job per source, on the source's own interval with jitter; a source never
overlaps itself (``max_instances=1``), missed runs coalesce into one.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from scraper import store
from scraper.pipeline import run_sources
from scraper.settings import Settings
from scraper.site import serve
from scraper.sources import Source, all_sources

__all__ = ["Job", "build_scheduler", "jobs", "run_up"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """One scheduled job: a source, how often, and how much random jitter."""

    source: str
    every_minutes: int
    jitter_seconds: int


def jobs(sources: list[Source] | None = None) -> list[Job]:
    """The schedule: every source on its own cadence, jittered by a tenth of it (at most 5 min)."""
    return [Job(s.name, s.every_minutes, min(300, s.every_minutes * 6)) for s in (sources or all_sources())]


def _run_job(name: str, settings: Settings, stop: threading.Event) -> None:
    if stop.is_set():
        return
    try:
        for result in run_sources([name], settings, stop):
            log.info("scheduled run of %s ended %s: %s", name, result.status, result.counts)
    except Exception:  # the scheduler must survive anything one run does
        log.exception("scheduled run of %s crashed", name)


def build_scheduler(settings: Settings, stop: threading.Event, initial_run: bool = True) -> BackgroundScheduler:
    """A scheduler with one job per source; with ``initial_run`` every source runs at start."""
    scheduler = BackgroundScheduler(
        executors={"default": ThreadPoolExecutor(4)},
        job_defaults={"max_instances": 1, "coalesce": True, "misfire_grace_time": 3600},
        timezone="UTC",
    )
    start = datetime.now().astimezone()
    for index, job in enumerate(jobs()):
        # stagger the first runs a little so the sources do not all start at once
        first = {"next_run_time": start + timedelta(seconds=2 * index)} if initial_run else {}
        scheduler.add_job(
            _run_job,
            IntervalTrigger(minutes=job.every_minutes, jitter=job.jitter_seconds),
            args=[job.source, settings, stop],
            id=job.source,
            name=f"scrape {job.source}",
            **first,
        )
    return scheduler


def run_up(settings: Settings, initial_run: bool = True) -> None:
    """The main job: scheduler and Datasette together until Ctrl-C or SIGTERM."""
    store.open_db(settings.db_path).conn.close()  # create and migrate once, before any job
    stop = threading.Event()
    scheduler = build_scheduler(settings, stop, initial_run)
    scheduler.start()
    log.info("scheduler started with %d jobs", len(scheduler.get_jobs()))
    try:
        serve(settings, stop)
    finally:
        log.info("stopping: running scrapes end at the next page boundary")
        stop.set()
        scheduler.shutdown(wait=True)
        log.info("stopped")
