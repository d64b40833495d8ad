"""Reads during writes: Datasette answers every request while `up` scrapes into the same file."""

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

from tests.conftest import ROOT, free_port, rows
from tests.replica import serve_site

# what readers ask for while the scrape writes: table search, the canned search, the health
# view, the runs and the failures feed
QUERIES = (
    "/archive/articles.json?_size=1&_shape=objects",
    "/archive/articles.json?_search=smart&_shape=array",
    "/archive/search.json?q=city&_shape=array",
    "/archive/source_health.json?_shape=array",
    "/archive/runs.json?_shape=array&_sort_desc=id",
    "/archive/alerts.atom",
)


def _finished_runs(db: Path) -> int:
    try:
        return len(rows(db, "select id from runs where status in ('ok', 'partial')"))
    except sqlite3.OperationalError:  # the archive is still being made
        return 0


def test_datasette_answers_every_request_while_a_scrape_writes(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    errors: list[str] = []
    counts: list[int] = []
    answered = [0]
    done = threading.Event()

    def reader(offset: int) -> None:
        index = offset
        while not done.is_set():
            path = QUERIES[index % len(QUERIES)]
            index += 1
            try:
                with urllib.request.urlopen(base + path, timeout=10) as response:
                    body = response.read()
                    if response.status != 200:
                        errors.append(f"{path}: HTTP {response.status}")
                    elif path.endswith(".atom"):
                        assert b"http://www.w3.org/2005/Atom" in body
                    else:
                        data = json.loads(body)
                        if "_size=1" in path:
                            counts.append(int(data["filtered_table_rows_count"]))
                answered[0] += 1
            except urllib.error.HTTPError as exc:
                errors.append(f"{path}: HTTP {exc.code}: {exc.read()[:300]!r}")
            except (OSError, ValueError, AssertionError) as exc:
                if answered[0]:  # before the first answer the server may still be starting
                    errors.append(f"{path}: {exc!r}")
                time.sleep(0.05)

    with serve_site("mpt") as mpt, serve_site("itu-cis") as itu:
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
                "0.05",
                "--base-url",
                f"mpt={mpt.base_url}",
                "--base-url",
                f"itu-cis={itu.base_url}",
            ],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ.copy(),
        )
        readers = [threading.Thread(target=reader, args=(i,)) for i in range(2)]
        for thread in readers:
            thread.start()
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                assert process.poll() is None
                time.sleep(0.2)
                if _finished_runs(db) == 2:
                    break
            time.sleep(0.5)  # a few reads of the finished archive too
        finally:
            done.set()
            for thread in readers:
                thread.join(15)
            process.send_signal(signal.SIGTERM)
            _, err = process.communicate(timeout=30)
    total = len(mpt.articles) + len(itu.articles)
    assert process.returncode == 0, err[-3000:]
    assert errors == []
    assert answered[0] >= 50, answered[0]
    # the readers saw the archive grow: they read while the scrape was writing
    during = sorted({n for n in counts if 0 < n < total})
    assert len(during) >= 3, sorted(set(counts))
    assert counts[-1] == total
