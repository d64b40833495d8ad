"""Shared fixtures: the site replicas on 127.0.0.1, and one archive scraped from them by the real CLI."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from tests.replica import RunningSite, serve_site

ROOT = Path(__file__).resolve().parent.parent

# CI replays the same examples every run (a property failure there is reproducible, never
# a coin toss); developers' runs keep exploring new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


def run_cli(*args: str, timeout: float = 180, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m scraper`` as a user would, in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "scraper", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rows(db_path: Path, sql: str, params: tuple[object, ...] = ()) -> list[dict[str, object]]:
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


@dataclass
class Scraped:
    """An archive scraped once from fresh replicas of both seed sites."""

    db: Path
    mpt: RunningSite
    itu: RunningSite
    first: subprocess.CompletedProcess[str]


@pytest.fixture(scope="session")
def scraped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scraped]:
    db = tmp_path_factory.mktemp("archive") / "archive.db"
    with serve_site("mpt") as mpt, serve_site("itu-cis") as itu:
        first = run_cli(
            "scrape",
            "mpt",
            "itu-cis",
            "--db",
            str(db),
            "--base-url",
            f"mpt={mpt.base_url}",
            "--base-url",
            f"itu-cis={itu.base_url}",
            "--delay",
            "0",
        )
        assert first.returncode == 0, first.stderr[-4000:]
        yield Scraped(db, mpt, itu, first)


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """``python -m scraper serve`` on ``db`` at a free port, as a user runs it; yields the base URL."""
    port = free_port()
    with tempfile.TemporaryFile() as log:  # a file, not a pipe: a long run never blocks on a full pipe
        process = subprocess.Popen(
            [sys.executable, "-m", "scraper", "-q", "serve", "--db", str(db), "--port", str(port)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        log.seek(0)
                        raise AssertionError(f"serve did not start: {log.read()!r}") from None
                    time.sleep(0.1)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=15)


@pytest.fixture(scope="session")
def served(scraped: Scraped) -> Iterator[str]:
    """The scraped archive served by the real ``serve`` command."""
    with serving(scraped.db) as base:
        yield base
