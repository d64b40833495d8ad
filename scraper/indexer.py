"""The search indexer: a process beside the scrapes that stems what they queue.

Writing an article queues it in ``search_pending`` (a trigger, in the article's transaction).
The scrapes of ``up`` leave the stemming to this process (:class:`scraper.search.DeferredIndexing`,
``indexer_beside``), so it runs on another core than they do, and the stemmed search follows them
within about :data:`EVERY_S`. ``up`` starts it and stops it; it also ends by itself when the
process that started it is gone (``kill -9`` of ``up``). Without it (a ``scrape`` from the command
line) a run stems in batches between pages; every run indexes what is left at its end, so the
index is complete after every run.

    python -m scraper index            # index what is queued, once
    python -m scraper index --follow   # keep doing it until SIGTERM or Ctrl-C
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from scraper import search, store

__all__ = ["EVERY_S", "follow", "start", "stop"]

log = logging.getLogger(__name__)

#: how often the indexer looks for queued articles (seconds)
EVERY_S = 0.5
#: articles a transaction: short, so that the scrapes' writes never wait long for the lock
BATCH = 64


def follow(db_path: Path, stop_event: threading.Event | None = None, parent: int | None = None) -> int:
    """Index queued articles every :data:`EVERY_S` until ``stop_event`` is set (or SIGTERM), or
    until process ``parent`` is gone; returns how many were indexed."""
    stop_event = stop_event or threading.Event()
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: stop_event.set())
    db = store.open_db(db_path)
    total = 0
    try:
        while True:
            done = search.index_pending(db, batch=BATCH)
            total += done
            if done:
                log.debug("indexed %d articles for search", done)
            if parent is not None and os.getppid() != parent:
                log.info("indexer: the process that started it is gone; stopping")
                break
            if stop_event.wait(EVERY_S):
                total += search.index_pending(db)
                break
    except KeyboardInterrupt:
        pass
    finally:
        db.conn.close()
    log.info("indexer: %d articles indexed for search", total)
    return total


def start(db_path: Path) -> subprocess.Popen[bytes]:
    """The indexer as a child process of this one (``python -m scraper index --follow``)."""
    command = [sys.executable, "-m", "scraper", "index", "--follow", "--db", str(db_path), "--parent", str(os.getpid())]
    return subprocess.Popen(command, stdin=subprocess.DEVNULL)


def stop(process: subprocess.Popen[bytes], timeout: float = 10) -> None:
    """Ask the indexer to finish (SIGTERM: it indexes what is queued, then ends); kill it if it does not."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            log.warning("indexer did not stop in %.0f s; killing it", timeout)
            process.kill()
            process.wait()
