"""The main job for real: scheduler and Datasette in one process, stopped cleanly by SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import ROOT, free_port, rows
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
