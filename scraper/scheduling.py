"""Which job runs when, and the main job: the scheduler and Datasette in one process.

Every source has a routine job on its own cadence (with jitter) and a backfill job (weekly
by default). The jobs live in the archive itself (table ``schedule_jobs``, APScheduler's
SQLAlchemy job store), so the schedule survives a restart, and a run missed while the
process was down runs once when it is back (coalesced, within a grace time of one
interval). A source never overlaps itself: one instance per job, one lock per source across
its routine and backfill jobs (a routine run finding its source busy is skipped, a backfill
waits its turn), and a check of ``runs`` for a live run of it in another process. Sources
that share a host take turns, so the per-host pacing of one run holds across jobs.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import STATE_STOPPED
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import create_engine

from scraper import indexer, store
from scraper.errors import ArchiveError
from scraper.migrations import SCHEDULE_JOBS_TABLE
from scraper.pipeline import RunResult, run_sources
from scraper.settings import Settings
from scraper.site import serve
from scraper.sources import Source, all_sources, get_source
from scraper.urls import origin_of

__all__ = ["BACKFILL", "ROUTINE", "Job", "Runner", "build_scheduler", "jobs", "only_up", "run_up"]

log = logging.getLogger(__name__)

ROUTINE, BACKFILL = store.ROUTINE, store.BACKFILL  # the kinds of job, as the schedules table names them
#: what a stored job names as its function; the runner of the process is bound when it loads
JOB_FUNC = "scraper.scheduling:unbound_job"
#: gap between the first runs of the sources when ``up`` starts
_STAGGER_S = 0.5


@dataclass(frozen=True)
class Job:
    """One scheduled job: a source, routine or backfill, how often, with how much jitter."""

    id: str
    source: str
    kind: str
    every_seconds: float
    jitter_seconds: float

    @property
    def misfire_grace_seconds(self) -> int:
        """How late a run may still start: missed runs coalesce into the latest one, which is at
        most one interval (plus jitter) old, so after any outage that one run still happens."""
        return int(self.every_seconds + self.jitter_seconds) + 60

    def row(self) -> dict[str, Any]:
        return {
            "job": self.id,
            "source": self.source,
            "kind": self.kind,
            "every_seconds": self.every_seconds,
            "jitter_seconds": self.jitter_seconds,
            "misfire_grace_seconds": self.misfire_grace_seconds,
            "updated_at": store.now_iso(),
        }


def jobs(settings: Settings | None = None, sources: list[Source] | None = None) -> list[Job]:
    """The schedule: every source on its cadence (jitter a tenth of it, at most 5 min), then
    a backfill pass of every source (jitter a tenth, at most an hour) unless switched off."""
    settings = settings or Settings()
    chosen = sources or all_sources()
    found: list[Job] = []
    for source in chosen:
        every = float(settings.every.get(source.name, source.every_minutes * 60.0))
        found.append(Job(source.name, source.name, ROUTINE, every, min(300.0, every / 10)))
    if settings.backfill_every > 0:
        every = float(settings.backfill_every)
        found += [Job(f"{s.name}:{BACKFILL}", s.name, BACKFILL, every, min(3600.0, every / 10)) for s in chosen]
    return found


def unbound_job(source: str, kind: str) -> None:
    """What a stored job names; loaded by ``up``, a job calls its :class:`Runner` instead."""
    raise RuntimeError(f"the {kind} job of {source} runs only inside `python -m scraper up`")


class Runner:
    """Runs one scheduled job of one source, in a scheduler thread."""

    def __init__(self, settings: Settings, stop: threading.Event) -> None:
        self.settings = settings
        self.stop = stop
        self._guard = threading.Lock()
        self._sources: dict[str, threading.Lock] = {}
        self._hosts: dict[str, threading.Lock] = {}

    def _locks(self, source: str) -> tuple[threading.Lock, threading.Lock]:
        host = origin_of(self.settings.base_url_for(source) or get_source(source).site)
        with self._guard:
            return self._sources.setdefault(source, threading.Lock()), self._hosts.setdefault(host, threading.Lock())

    def _wait_for(self, lock: threading.Lock) -> bool:
        """Take ``lock``, checking for a stop twice a second; False when stopped first."""
        while not lock.acquire(timeout=0.5):
            if self.stop.is_set():
                return False
        return True

    def __call__(self, source: str, kind: str) -> list[RunResult]:
        if self.stop.is_set():
            return []
        extra = {"event": "job", "source": source, "kind": kind}
        source_lock, host_lock = self._locks(source)
        if kind == BACKFILL:
            if not self._wait_for(source_lock):
                return []
        elif not source_lock.acquire(blocking=False):
            log.info("%s: %s run skipped, the source is already running", source, kind, extra=extra)
            return []
        try:
            if not self._wait_for(host_lock):
                return []
            try:
                if self._running_elsewhere(source):
                    log.info("%s: %s run skipped, another process is running it", source, kind, extra=extra)
                    return []
                settings = replace(self.settings, backfill=True) if kind == BACKFILL else self.settings
                results = run_sources([source], settings, self.stop, indexer_beside=True)
            finally:
                host_lock.release()
        except Exception:  # the scheduler must outlive anything one run does
            log.exception("%s: %s run crashed", source, kind, extra=extra)
            return []
        finally:
            source_lock.release()
        for result in results:  # the pipeline logs each run; this names the job that ran it
            log.debug(
                "%s: %s run %s ended %s: %s",
                source,
                kind,
                result.run_id,
                result.status,
                result.counts,
                extra={**extra, "run_id": result.run_id, "status": result.status},
            )
        return results

    def _running_elsewhere(self, source: str) -> bool:
        db = store.open_db(self.settings.db_path)
        try:
            return store.running_elsewhere(db, source)
        finally:
            db.conn.close()


class _ArchiveJobStore(SQLAlchemyJobStore):  # type: ignore[misc]
    """APScheduler's SQLAlchemy job store on the archive file, its jobs bound to one runner.

    A stored job holds only :data:`JOB_FUNC`, the source and the kind; this process's runner
    (its settings and stop event) is bound when a job is loaded, so nothing that belongs to one
    process is pickled into the archive.
    """

    def __init__(self, runner: Runner, db_path: Path) -> None:
        engine = create_engine(f"sqlite:///{db_path.resolve()}", connect_args={"timeout": 30})
        super().__init__(engine=engine, tablename=SCHEDULE_JOBS_TABLE)
        self.runner = runner

    def _reconstitute_job(self, job_state: bytes) -> Any:
        job = super()._reconstitute_job(job_state)
        job.func = self.runner
        return job


class _Scheduler(BackgroundScheduler):  # type: ignore[misc]
    """APScheduler's background scheduler, minus one last look at due jobs while it shuts down.

    APScheduler 3 wakes its loop once more after ``shutdown()``; a job due at that moment goes
    to the closed executor, fails, and has its next run moved on as if it had run. Here it
    stays due, so it runs at the next start instead of being lost.
    """

    def _process_jobs(self) -> float | None:
        if self.state == STATE_STOPPED:
            return None
        return super()._process_jobs()  # type: ignore[no-any-return]


def _reconcile(scheduler: _Scheduler, wanted: Iterable[Job], initial_run: bool) -> None:
    """Make the stored jobs the wanted ones; a job whose cadence is unchanged keeps its next run."""
    wanted = list(wanted)
    stored = {job.id: job for job in scheduler.get_jobs()}
    for job_id in stored.keys() - {job.id for job in wanted}:
        log.info("schedule: job %s removed", job_id)
        scheduler.remove_job(job_id)
    now = datetime.now(UTC)
    routine = 0
    for job in wanted:
        trigger = IntervalTrigger(seconds=job.every_seconds, jitter=job.jitter_seconds or None, timezone=UTC)
        options: dict[str, Any] = {
            "args": [job.source, job.kind],
            "name": f"{job.kind} run of {job.source}",
            "misfire_grace_time": job.misfire_grace_seconds,
            "coalesce": True,
            "max_instances": 1,
        }
        old = stored.get(job.id)
        old_trigger = getattr(old, "trigger", None)
        unchanged = (
            old is not None
            and old.next_run_time is not None
            and getattr(old_trigger, "interval", None) == trigger.interval
            and getattr(old_trigger, "jitter", None) == trigger.jitter
        )
        if unchanged:
            scheduler.modify_job(job.id, **options)
        else:
            scheduler.add_job(JOB_FUNC, trigger, id=job.id, replace_existing=True, **options)
        if initial_run and job.kind == ROUTINE:
            scheduler.modify_job(job.id, next_run_time=now + timedelta(seconds=_STAGGER_S * routine))
            routine += 1


def build_scheduler(
    settings: Settings, runner: Runner, initial_run: bool = True, names: list[str] | None = None
) -> BackgroundScheduler:
    """A started scheduler whose persistent jobs are the schedule of :func:`jobs` (of the named
    sources; all when none are named; stored jobs of other sources are removed).

    With ``initial_run`` every source runs at once (a moment apart); without it, the stored
    schedule decides, and runs missed while the process was down run now.
    """
    wanted = jobs(settings, [get_source(n) for n in names] if names else None)
    scheduler = _Scheduler(
        jobstores={"default": _ArchiveJobStore(runner, settings.db_path)},
        executors={"default": ThreadPoolExecutor(max(4, len(wanted)))},
        job_defaults={"coalesce": True, "max_instances": 1},
        timezone=UTC,
    )
    scheduler.start(paused=True)
    try:
        _reconcile(scheduler, wanted, initial_run)
        db = store.open_db(settings.db_path)
        try:
            store.save_schedules(db, [job.row() for job in wanted])
        finally:
            db.conn.close()
    except BaseException:
        scheduler.shutdown(wait=False)
        raise
    scheduler.resume()
    for job in scheduler.get_jobs():
        log.info("schedule: %s next at %s", job.id, job.next_run_time, extra={"event": "schedule", "job": job.id})
    return scheduler


@contextmanager
def only_up(db_path: Path) -> Iterator[None]:
    """Hold the archive's ``up`` lock: a second ``up`` on the same archive is refused.

    Two schedulers on one job store would run every job twice. The lock is an advisory
    ``flock`` on ``<archive>.up.lock``, which the kernel releases when the process ends, also
    by ``kill -9``, so a crash never leaves it behind.
    """
    import fcntl  # POSIX; `up` is run on Linux (see deploy/)

    path = db_path.with_name(db_path.name + ".up.lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            holder = lock.read().strip() or "?"
            raise ArchiveError(f"`up` is already running on {db_path} (pid {holder})") from None
        lock.seek(0)
        lock.truncate()
        lock.write(str(os.getpid()))
        lock.flush()
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def run_up(settings: Settings, initial_run: bool = True, names: list[str] | None = None) -> None:
    """The main job: scheduler and Datasette together until Ctrl-C or SIGTERM (the named sources; all when none)."""
    with only_up(settings.db_path):
        _run_up(settings, initial_run, names)


def _run_up(settings: Settings, initial_run: bool, names: list[str] | None) -> None:
    db = store.open_db(settings.db_path)  # create and migrate once, before any job
    try:
        closed = store.close_interrupted_runs(db)
    finally:
        db.conn.close()
    if closed:
        log.warning("closed %d run(s) whose process had died: %s", len(closed), closed)
    stop = threading.Event()
    # Ctrl-C or SIGTERM from here on stops cleanly, also before Datasette is up (when the first
    # runs may already be done) and while the rest shuts down
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    search_indexer = indexer.start(settings.db_path)  # stems what the scrapes write, on another core
    try:
        scheduler = build_scheduler(settings, Runner(settings, stop), initial_run, names)
        try:
            if not stop.is_set():
                serve(settings, stop)
        finally:
            log.info("stopping: running scrapes end at the next page boundary")
            stop.set()
            scheduler.shutdown(wait=True)
    finally:
        indexer.stop(search_indexer)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        log.info("stopped")
