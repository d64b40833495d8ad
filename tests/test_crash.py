"""kill -9 of `up` at chosen moments: the archive stays whole, and the next start completes it.

The moments, all on one archive, each start of `up` continuing what the last one left:

1. inside the first migration, just before its full-text table is created (a statement hook
   in the killed process sends itself SIGKILL), so the schema is half made when it dies;
2. inside the third transaction that writes an article, after its rows and full-text entries
   were written and before ``COMMIT`` (the same hook), the worst moment for a half-written
   article; the pipeline commits several pages' writes together (group commit), so the hook
   also reports which articles the killed transaction held: none of them may be in the archive;
3. two moments drawn at random (seeded: ``CRASH_SEED``, default 8) from the article counts
   of the whole ingest; the test polls the archive and kills as soon as it holds that many
   articles, so the kill lands wherever the process happens to be: mid-fetch, mid-write,
   between runs, in the scheduler.

After each kill the archive must pass ``PRAGMA integrity_check`` and the full-text index's
own integrity check, hold no duplicate, and every article in it must be whole (its content
hash matches its text, its title is the page's). A last start must then archive exactly
the replicas' articles and record every killed run as crashed.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from scraper.store import content_hash
from tests.conftest import ROOT, free_port, rows
from tests.replica import RunningSite, serve_site

SEED = int(os.environ.get("CRASH_SEED", "8"))

# Runs `python -m scraper ...` with every SQLite connection traced: once ARM_PATTERN has been
# seen in ARM_COUNT transactions (once a transaction: a trigger reports its statement again),
# the process kills itself (SIGKILL) at the next KILL_PATTERN statement of the connection that
# armed it. Before it dies it writes to KILL_REPORT the article URLs its open transaction had
# inserted (the trace gets statements with their values).
_KILLER = r"""
import os, re, signal, sqlite3, sys, threading
arm = re.compile(os.environ["ARM_PATTERN"], re.I)
kill = re.compile(os.environ["KILL_PATTERN"], re.I)
needed = int(os.environ["ARM_COUNT"])
report = os.environ.get("KILL_REPORT")
article = re.compile(r"^insert into [\"\[]?articles[\"\]]? \(.*?values \('([^']*)'", re.I | re.S)
seen = [0]
lock = threading.Lock()
real_connect = sqlite3.connect

def connect(*args, **kwargs):
    conn = real_connect(*args, **kwargs)
    armed = [False]
    counted = [False]
    pending = set()
    def die():
        if report:
            with open(report, "w") as out:
                out.write("\n".join(sorted(pending)))
        os.kill(os.getpid(), signal.SIGKILL)
    def trace(statement):
        if armed[0] and kill.search(statement):
            die()
        if statement.upper().startswith("BEGIN"):
            counted[0] = False
            pending.clear()
        found = article.search(statement)
        if found:
            pending.add(found.group(1))
        if arm.search(statement) and not counted[0]:
            counted[0] = True
            with lock:
                seen[0] += 1
                armed[0] = armed[0] or seen[0] == needed
            if armed[0] and kill.search(statement):
                die()
    conn.set_trace_callback(trace)
    return conn

sqlite3.connect = connect
from scraper.cli import main
main(sys.argv[1:])
"""


def _up_args(db: Path, mpt: RunningSite, itu: RunningSite) -> list[str]:
    return [
        "up",
        "mpt",
        "itu-cis",
        "--db",
        str(db),
        "--port",
        str(free_port()),
        "--delay",
        "0.01",
        "--base-url",
        f"mpt={mpt.base_url}",
        "--base-url",
        f"itu-cis={itu.base_url}",
    ]


class _Up:
    """One start of `up` (with the kill hook when given), its log in a file."""

    def __init__(self, args: list[str], log: Path, **hook: str) -> None:
        command = [sys.executable, "-c", _KILLER, *args] if hook else [sys.executable, "-m", "scraper", *args]
        self.log = log
        with log.open("w") as out:
            self.process = subprocess.Popen(
                command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **hook}
            )

    def output(self) -> str:
        return self.log.read_text()[-3000:]

    def alive(self) -> bool:
        return self.process.poll() is None


def _articles(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("select count(*) from articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:  # not made yet, or mid-migration
        return 0


def _assert_whole(db: Path, truth: dict[str, str], moment: str) -> int:
    """The archive after a kill: intact, no duplicates, every article whole. Returns the article count."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok", moment
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
        if "articles" not in tables:
            assert (
                not conn.execute("select * from sqlite_master where name like '_migrations'").fetchall()
                or not (conn.execute("select count(*) from _migrations").fetchone()[0])
            ), moment
            return 0
        conn.execute("insert into articles_fts(articles_fts) values ('integrity-check')")
        conn.commit()
    finally:
        conn.close()
    found = rows(db, "select * from articles")
    assert len({a["url"] for a in found}) == len(found), moment
    ids = [(a["source"], a["external_id"]) for a in found if a["external_id"]]
    assert len(set(ids)) == len(ids), moment
    for article in found:
        assert article["url"] in truth, (moment, article["url"])
        assert article["title"] == truth[str(article["url"])], moment
        assert str(article["body_text"]).strip(), moment
        assert article["content_hash"] == content_hash(str(article["title"]), str(article["body_text"])), moment
    fts = rows(db, "select count(*) as n from articles_fts")[0]["n"]
    assert fts == len(found), moment
    orphans = rows(db, "select count(*) as n from url_aliases where article_id not in (select id from articles)")
    assert orphans[0]["n"] == 0, moment
    return len(found)


def _kill_when(up: _Up, ready: Callable[[], bool], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        assert up.alive(), up.output()
        assert time.monotonic() < deadline, "the moment never came"
        time.sleep(0.01)
    up.process.send_signal(signal.SIGKILL)
    up.process.wait(10)


def test_kill_9_at_any_moment_leaves_a_whole_archive_that_the_next_start_completes(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    with serve_site("mpt", faults=False) as mpt, serve_site("itu-cis", faults=False) as itu:
        truth = {t.real_url: t.title for t in [*mpt.articles, *itu.articles]}
        args = _up_args(db, mpt, itu)
        kills: list[str] = []

        # 1. half-way through the first migration
        up = _Up(args, tmp_path / "1.log", ARM_PATTERN=r"create virtual table", KILL_PATTERN=r".", ARM_COUNT="1")
        assert up.process.wait(60) == -signal.SIGKILL, up.output()
        kills.append("migration")
        assert _assert_whole(db, truth, "migration") == 0

        # 2. inside the third transaction that inserts an article, before its COMMIT
        # (that transaction arms; its COMMIT is never run)
        report = tmp_path / "killed-transaction.txt"
        up = _Up(
            args,
            tmp_path / "2.log",
            ARM_PATTERN=r"^insert into [\"\[]?articles[\"\]]? \(",
            KILL_PATTERN=r"^commit",
            ARM_COUNT="3",
            KILL_REPORT=str(report),
        )
        assert up.process.wait(60) == -signal.SIGKILL, up.output()
        kills.append("third article transaction, before COMMIT")
        lost = set(report.read_text().split())
        assert lost and lost <= set(truth), lost  # it held articles, and the hook read their URLs
        kept = _assert_whole(db, truth, kills[-1])
        assert kept >= 2  # the two transactions before it committed their articles
        assert not lost & {str(r["url"]) for r in rows(db, "select url from articles")}
        cut_short = _running(db)
        assert cut_short  # the mpt run that was writing its third article

        # 3. at random article counts, wherever the process then is
        moments = sorted(random.Random(SEED).sample(range(4, len(truth) - 1), 2))
        for target in moments:
            up = _Up(args, tmp_path / f"3-{target}.log")
            _kill_when(up, lambda target=target: _articles(db) >= target)  # type: ignore[misc]
            kills.append(f"{target} articles archived (seed {SEED})")
            assert _assert_whole(db, truth, kills[-1]) >= target
            cut_short |= _running(db)

        # the next start completes what was missing, and records the killed runs
        # (only its own runs count: the last killed process may have finished runs of its own)
        before = int(str(rows(db, "select coalesce(max(id), 0) as id from runs")[0]["id"]))
        up = _Up(args, tmp_path / "last.log")
        try:
            deadline = time.monotonic() + 90
            while len(rows(db, "select id from runs where status = 'ok' and id > ?", (before,))) < 2:
                assert up.alive(), up.output()
                assert time.monotonic() < deadline, "the last start never finished its runs"
                time.sleep(0.1)
        finally:
            up.process.send_signal(signal.SIGTERM)
            up.process.wait(30)
    assert up.process.returncode == 0, up.output()
    assert _assert_whole(db, truth, "after the last start") == len(truth)
    assert sorted(str(r["url"]) for r in rows(db, "select url from articles")) == sorted(truth), kills
    runs = rows(db, "select id, source, status, ending, error from runs order by id")
    assert not [r for r in runs if r["status"] == "running"], runs
    # exactly the runs that were in progress at a kill are recorded as crashed
    crashed = {int(str(r["id"])) for r in runs if r["ending"] == "crashed"}
    assert crashed == cut_short, (kills, runs)
    assert all(r["status"] == "partial" and "interrupted" in str(r["error"]) for r in runs if r["ending"] == "crashed")


def _running(db: Path) -> set[int]:
    return {int(str(r["id"])) for r in rows(db, "select id from runs where status = 'running'")}

