"""The main job for real: scheduler and Datasette in one process, stopped cleanly by SIGTERM or Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

from tests.conftest import ROOT, free_port, rows, run_cli
from tests.replica import serve_site


def _get_json(url: str) -> object:
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


class Readers:
    """Two threads that query the JSON API without pause (table search, the canned search, the
    health view, the runs, the alerts feed) and keep every error and every article count seen."""

    QUERIES = (
        "/archive/articles.json?_size=1&_shape=objects",
        "/archive/articles.json?_search=smart&_shape=array",
        "/archive/search.json?q=city&_shape=array",
        "/archive/source_health.json?_shape=array",
        "/archive/runs.json?_shape=array&_sort_desc=id",
        "/archive/alerts.atom",
    )

    def __init__(self, base: str) -> None:
        self.base = base
        self.errors: list[str] = []
        self.counts: list[int] = []
        self.answered = 0
        self._done = threading.Event()
        self._threads = [threading.Thread(target=self._read, args=(i,)) for i in range(2)]
        for thread in self._threads:
            thread.start()

    def _read(self, index: int) -> None:
        while not self._done.is_set():
            path = self.QUERIES[index % len(self.QUERIES)]
            index += 1
            try:
                with urllib.request.urlopen(self.base + path, timeout=10) as response:
                    body = response.read()
                if path.endswith(".atom"):
                    assert b"http://www.w3.org/2005/Atom" in body
                elif "_size=1" in path:
                    self.counts.append(int(json.loads(body)["filtered_table_rows_count"]))
                else:
                    json.loads(body)
                self.answered += 1
            except urllib.error.HTTPError as exc:
                self.errors.append(f"{path}: HTTP {exc.code}: {exc.read()[:300]!r}")
            except (OSError, ValueError, AssertionError) as exc:
                if self.answered:  # before the first answer the server may still be starting
                    self.errors.append(f"{path}: {exc!r}")
                time.sleep(0.05)

    def stop(self) -> None:
        self._done.set()
        for thread in self._threads:
            thread.join(15)


def test_up_scrapes_serves_and_stops_on_sigterm(tmp_path: Path) -> None:
    """Also: Datasette answers every request while the scrape writes into the same file."""
    db = tmp_path / "archive.db"
    port = free_port()
    dead = free_port()
    with serve_site("mpt") as mpt:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "scraper",
                "up",
                "mpt",
                "itu-cis",
                "--db",
                str(db),
                "--port",
                str(port),
                "--delay",
                "0",
                "--base-url",
                f"mpt={mpt.base_url}",
                "--base-url",
                f"itu-cis=http://127.0.0.1:{dead}",
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ.copy(),
        )
        readers = Readers(f"http://127.0.0.1:{port}")
        try:
            deadline = time.monotonic() + 90
            api = f"http://127.0.0.1:{port}/archive/runs.json?_shape=array&status__not=running"
            finished: list[dict[str, object]] = []
            while time.monotonic() < deadline and len(finished) < 2:
                time.sleep(0.5)
                assert process.poll() is None, process.communicate()
                try:
                    finished = _get_json(api)  # type: ignore[assignment]
                except OSError:
                    continue
            time.sleep(0.3)  # a few reads of the finished archive too
            readers.stop()
            by_source = {str(r["source"]): r for r in finished}
            assert by_source["mpt"]["status"] == "ok"
            assert by_source["itu-cis"]["status"] == "failed"  # unreachable: recorded, and the site still serves
            found = _get_json(f"http://127.0.0.1:{port}/archive/articles.json?_shape=array&source=mpt&_size=max")
            assert len(found) == len(mpt.articles)  # type: ignore[arg-type]
            # a second `up` on the same archive would run every job twice: it is refused
            second = run_cli(
                "up",
                "mpt",
                "itu-cis",
                "--db",
                str(db),
                "--port",
                str(free_port()),
                "--no-initial-run",
                "--base-url",
                f"mpt=http://127.0.0.1:{dead}",
                "--base-url",
                f"itu-cis=http://127.0.0.1:{dead}",
                timeout=60,
            )
            assert second.returncode == 2 and "`up` is already running on" in second.stderr, second.stderr
            assert f"(pid {process.pid})" in second.stderr
            # the search indexer runs beside the scrapes, a child of `up`
            children = psutil.Process(process.pid).children()
            indexers = [c for c in children if c.cmdline()[-6:-2] == ["index", "--follow", "--db", str(db)]]
            assert len(indexers) == 1, [c.cmdline() for c in children]
            # and everything the scrape wrote is in the stemmed search index
            assert rows(db, "select count(*) as n from search_pending")[0]["n"] == 0
            searchable = rows(db, "select count(*) as n from articles_search")[0]["n"]
            assert searchable == len(mpt.articles)
        finally:
            readers.stop()
            process.send_signal(signal.SIGTERM)
            try:
                _, err = process.communicate(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                raise
    assert process.returncode == 0, err[-3000:]
    assert "stopped" in err
    assert not indexers[0].is_running() or indexers[0].status() == psutil.STATUS_ZOMBIE  # stopped with `up`
    # reads during writes: not one error, and the readers saw the archive grow as it was written
    assert readers.errors == []
    assert readers.answered >= 30, readers.answered
    assert len({n for n in readers.counts if 0 < n < len(mpt.articles)}) >= 2, sorted(set(readers.counts))
    assert readers.counts[-1] == len(mpt.articles)
    assert rows(db, "select count(*) as n from runs where status = 'running'")[0]["n"] == 0


def _start_up(db: Path, port: int, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "scraper",
            "up",
            "mpt",
            "itu-cis",
            "--db",
            str(db),
            "--port",
            str(port),
            "--delay",
            "0",
            *args,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )


def _wait(condition: object, timeout: float, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _count(db: Path, source: str) -> int:
    try:
        return len(rows(db, "select id from articles where source = ?", (source,)))
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_ctrl_c_mid_scrape_stops_within_seconds_at_a_page_boundary(tmp_path: Path) -> None:
    """A page that takes 30 s is in flight when Ctrl-C comes: it is abandoned, nothing is half written."""
    from tests.replica.mpt import FAULT_SLOW

    db = tmp_path / "archive.db"
    with serve_site("mpt", slow_seconds=30) as mpt, serve_site("itu-cis", faults=False) as itu:
        process = _start_up(
            db, free_port(), "--base-url", f"mpt={mpt.base_url}", "--base-url", f"itu-cis={itu.base_url}"
        )
        try:
            # the replica logs a request once answered: the slow page is in flight when all the
            # others are archived (its answer is 30 s away, past the 20 s fetch timeout)
            others = len(mpt.articles) - 1
            _wait(lambda: db.exists() and _count(db, "mpt") >= others, 60, process)
            assert not mpt.requests_for(FAULT_SLOW)
            asked = time.monotonic()
            process.send_signal(signal.SIGINT)
            _, err = process.communicate(timeout=30)
            stop_seconds = time.monotonic() - asked
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    assert process.returncode == 0, err[-3000:]
    assert stop_seconds < 8, stop_seconds
    run = rows(db, "select * from runs where source = 'mpt'")[0]
    assert (run["status"], run["ending"], run["error"]) == ("partial", "stopped", "stopped before the end of the run")
    slow_truth = next(t for t in mpt.articles if t.path == FAULT_SLOW)
    archived = rows(db, "select url, title, body_text, content_hash from articles where source = 'mpt'")
    assert slow_truth.real_url not in {a["url"] for a in archived}
    truth = {t.real_url: t for t in mpt.articles}
    assert archived, "the pages fetched before the stop are kept"
    for article in archived:  # every stored article is whole
        expected = truth[str(article["url"])]
        assert article["title"] == expected.title
        assert all(p.split()[0] in str(article["body_text"]) for p in expected.paragraphs)
    assert rows(db, "select count(*) as n from articles_fts")[0]["n"] == len(rows(db, "select id from articles"))
