"""The main job for real: scheduler and Datasette in one process, stopped cleanly by SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import ROOT, free_port, rows, run_cli
from tests.replica import serve_site


def _get_json(url: str) -> object:
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


def test_up_scrapes_serves_and_stops_on_sigterm(tmp_path: Path) -> None:
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
            by_source = {str(r["source"]): r for r in finished}
            assert by_source["mpt"]["status"] == "ok"
            assert by_source["itu-cis"]["status"] == "failed"  # unreachable: recorded, and the site still serves
            found = _get_json(f"http://127.0.0.1:{port}/archive/articles.json?_shape=array&source=mpt&_size=max")
            assert len(found) == len(mpt.articles)  # type: ignore[arg-type]
            # a second `up` on the same archive would run every job twice: it is refused
            second = run_cli(
                "up",
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
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                _, err = process.communicate(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                raise
    assert process.returncode == 0, err[-3000:]
    assert "stopped" in err
    assert rows(db, "select count(*) as n from runs where status = 'running'")[0]["n"] == 0


def _start_up(db: Path, port: int, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "scraper", "up", "--db", str(db), "--port", str(port), "--delay", "0", *args],
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
