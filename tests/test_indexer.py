"""Deferred search indexing: triggers queue articles, the indexer (a process in `up`) stems them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import sqlite_utils

from scraper import indexer, search
from scraper.store import ArticleRecord, WriteGroup, open_db, save_article
from tests.conftest import ROOT
from tests.test_search import _found as found_by_rank


def _record(n: int, title: str = "Умные города Беларуси") -> ArticleRecord:
    return ArticleRecord(
        url=f"https://mpt.gov.by/ru/news/{n}",
        source="mpt",
        title=title,
        body_markdown="Текст о цифровизации.",
        body_text="Текст о цифровизации.",
        language="ru",
        external_id=f"ru/{n}",
    )


def _found(db: sqlite_utils.Database, q: str) -> list[int]:
    return sorted(found_by_rank(db, q))


def _pending(db: sqlite_utils.Database) -> list[int]:
    return [r[0] for r in db.execute("select article_id from search_pending order by article_id").fetchall()]


def test_a_deferred_write_is_queued_in_its_transaction_and_indexed_later(tmp_path: Path) -> None:
    db = open_db(tmp_path / "a.db")
    _, first = save_article(db, _record(1))  # not deferred: indexed at once, nothing queued
    assert _found(db, "город") == [first] and _pending(db) == []
    with search.DeferredIndexing(db), WriteGroup(db):
        _, second = save_article(db, _record(2, "Город будущего"))
        _, third = save_article(db, _record(3, "Связь в регионах"))
    assert _pending(db) == [second, third]
    assert _found(db, "город") == [first]  # not yet
    assert search.index_pending(db, batch=1) == 2
    assert _pending(db) == [] and _found(db, "город") == [first, second] and _found(db, "регион") == [third]
    # a changed text is queued again, and replaces its entry
    with search.DeferredIndexing(db):
        save_article(db, _record(3, "Связь в деревнях"))
    assert _pending(db) == [third]
    search.index_pending(db)
    assert _found(db, "регион") == [] and _found(db, "деревня") == [third]
    # a lead filled in by re-extraction (no store call) is queued by the trigger as well
    with db.conn:
        db.execute("update articles set lead = 'Интервью министра' where id = ?", [first])
    assert _pending(db) == [first]
    search.index_pending(db)
    assert _found(db, "интервью") == [first]
    # an article deleted by hand takes its index entry with it
    with db.conn:
        db.execute("delete from articles where id = ?", [second])
    assert _found(db, "город") == [first]
    db.execute(f"insert into {search.INDEX_TABLE}({search.INDEX_TABLE}) values ('integrity-check')")


def test_the_index_command_and_a_follower_that_ends_with_its_parent(tmp_path: Path) -> None:
    db_path = tmp_path / "a.db"
    db = open_db(db_path)
    with search.DeferredIndexing(db):
        ids = [save_article(db, _record(n))[1] for n in range(5)]
    assert _pending(db) == ids
    out = subprocess.run(
        [sys.executable, "-m", "scraper", "index", "--db", str(db_path)], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert "5 articles indexed" in out.stdout
    assert _pending(db) == [] and _found(db, "город") == ids

    # a follower started by a process that then dies (kill -9) ends by itself
    parent = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from scraper import indexer; from pathlib import Path;"
            " p = indexer.start(Path(sys.argv[1])); print(p.pid, flush=True); time.sleep(60)",
            str(db_path),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    with search.DeferredIndexing(db):
        late = save_article(db, _record(9, "Город у реки"))[1]
    deadline = time.monotonic() + 20
    while _pending(db):  # the follower indexes what is queued while it runs
        assert time.monotonic() < deadline, "the follower never indexed the queued article"
        time.sleep(0.05)
    assert late in _found(db, "река")
    parent.send_signal(signal.SIGKILL)
    parent.wait(10)
    parent.stdout.close()
    deadline = time.monotonic() + 10
    while _alive(child):
        assert time.monotonic() < deadline, "the follower outlived its parent"
        time.sleep(0.05)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie (exited, not yet reaped by init) counts as gone
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split(") ")[1][0] != "Z"


def test_stop_asks_the_follower_to_finish_what_is_queued(tmp_path: Path) -> None:
    db_path = tmp_path / "a.db"
    db = open_db(db_path)
    with search.DeferredIndexing(db):
        save_article(db, _record(1))
    process = indexer.start(db_path)
    deadline = time.monotonic() + 20
    while _pending(db):  # it is following now
        assert time.monotonic() < deadline, "the follower never started"
        time.sleep(0.02)
    with search.DeferredIndexing(db):
        last = save_article(db, _record(2, "Город у реки"))[1]
    started = time.monotonic()
    indexer.stop(process)
    assert process.returncode == 0 and time.monotonic() - started < 5
    assert _pending(db) == [] and _found(db, "река") == [last]


def test_an_empty_queue_takes_no_write_lock(tmp_path: Path) -> None:
    # runs look for queued articles every few tenths of a second, also when idle for minutes
    db = open_db(tmp_path / "a.db")
    with WriteGroup(db):
        assert search.index_pending(db, limit=128) == 0
        assert not db.conn.in_transaction
