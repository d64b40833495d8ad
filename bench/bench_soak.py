"""Soak: `up` runs its schedule, compressed into minutes, against the replicas; is it flat?

Starts the real ``python -m scraper up`` in a subprocess with both sources every 2 s and a
backfill pass every 30 s (``--every``, ``--backfill-every``), against the offline replicas
served by this process, while two readers query the Datasette JSON API without pause. An
outside observer (psutil) samples the process's memory (RSS), open file descriptors and
threads twice a second, and notes whether a run was in progress. After N finished runs it
stops `up` with SIGTERM and checks the archive.

Reported: RSS after warm-up (the first fifth of the runs) and at the end (median of the last
tenth), growth between them (goal <= 10%), file descriptors and threads at quiet moments (no
run in progress): the median of each quarter of the runs after warm-up, and its maximum (goal:
the last quarter's median at most one above the first's: a pool that fills late, such as a
thread pool's last worker, adds one once, where a leak adds one with every leaking run; the
medians of 200 and 300 runs here moved by one, either way, from run to run), reader errors,
stop time, and duplicates in the archive (goal: none; every replica article exactly once).

    python bench/bench_soak.py            # 200 runs
    python bench/bench_soak.py --quick    # 60 runs
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.replica import serve_site  # noqa: E402

GOAL_GROWTH = 0.10


@dataclass
class Sample:
    at: float
    runs: int
    running: int
    rss: int
    fds: int
    threads: int


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _query(db: Path, sql: str) -> list[tuple[object, ...]]:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return list(conn.execute(sql))
        finally:
            conn.close()
    except sqlite3.Error:
        return []


def _readers(base: str, stop: threading.Event, errors: list[str], answered: list[int]) -> list[threading.Thread]:
    paths = (
        "/archive/articles.json?_search=smart&_shape=array",
        "/archive/search.json?q=city&_shape=array",
        "/archive/source_health.json?_shape=array",
        "/archive/runs.json?_shape=array&_sort_desc=id",
    )

    def read(offset: int) -> None:
        index = offset
        while not stop.is_set():
            path = paths[index % len(paths)]
            index += 1
            try:
                with urllib.request.urlopen(base + path, timeout=10) as response:
                    json.loads(response.read())
                answered[0] += 1
            except Exception as exc:  # every failure counts; the soak goes on
                if answered[0]:
                    errors.append(f"{path}: {exc!r}")
                time.sleep(0.1)
            time.sleep(0.02)

    threads = [threading.Thread(target=read, args=(i,), daemon=True) for i in range(2)]
    for thread in threads:
        thread.start()
    return threads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--every", default="2s", help="cadence of both sources (default 2s)")
    parser.add_argument("--backfill-every", default="30s")
    parser.add_argument("--quick", action="store_true", help="60 runs")
    args = parser.parse_args()
    target = 60 if args.quick else args.runs
    samples: list[Sample] = []
    errors: list[str] = []
    answered = [0]
    with tempfile.TemporaryDirectory() as tmp, serve_site("mpt") as mpt, serve_site("itu-cis") as itu:
        db = Path(tmp) / "archive.db"
        port = _free_port()
        log = Path(tmp) / "up.log"
        command = [
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
            f"itu-cis={itu.base_url}",
            "--every",
            f"mpt={args.every}",
            "--every",
            f"itu-cis={args.every}",
            "--backfill-every",
            args.backfill_every,
        ]
        started = time.monotonic()
        with log.open("w") as out:
            process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        observed = psutil.Process(process.pid)
        stop_readers = threading.Event()
        readers = _readers(f"http://127.0.0.1:{port}", stop_readers, errors, answered)
        try:
            while True:
                time.sleep(0.5)
                if process.poll() is not None:
                    raise SystemExit(f"up ended early:\n{log.read_text()[-3000:]}")
                counts = _query(db, "select sum(status != 'running'), sum(status = 'running') from runs")
                done, running = (int(counts[0][0] or 0), int(counts[0][1] or 0)) if counts else (0, 0)
                with observed.oneshot():
                    samples.append(
                        Sample(
                            time.monotonic() - started,
                            done,
                            running,
                            observed.memory_info().rss,
                            observed.num_fds(),
                            observed.num_threads(),
                        )
                    )
                if done >= target:
                    break
        finally:
            stop_readers.set()
            for thread in readers:
                thread.join(15)
            asked = time.monotonic()
            process.send_signal(signal.SIGTERM)
            process.wait(60)
            stop_seconds = time.monotonic() - asked
        elapsed = time.monotonic() - started
        truth = {t.real_url for t in [*mpt.articles, *itu.articles]}
        report(db, samples, target, elapsed, stop_seconds, process.returncode, errors, answered[0], truth, args)


#: what a pool that fills late adds, once, to the descriptors or threads counted (see the docstring)
POOL_STEP = 1


def _quarters(samples: list[Sample], first: int, last: int) -> list[list[Sample]]:
    """The samples in four quarters by finished runs, from ``first`` to ``last`` (none left empty)."""
    span = max(1, last - first)
    out: list[list[Sample]] = [[], [], [], []]
    for sample in samples:
        out[min(3, max(0, (sample.runs - first) * 4 // span))].append(sample)
    for n, quarter in enumerate(out):  # a quarter without a quiet sample takes its neighbour's
        if not quarter:
            out[n] = out[n - 1] if n else next(q for q in out if q)
    return out


def report(
    db: Path,
    samples: list[Sample],
    target: int,
    elapsed: float,
    stop_seconds: float,
    returncode: int,
    errors: list[str],
    answered: int,
    truth: set[str],
    args: argparse.Namespace,
) -> None:
    warm = [s for s in samples if s.runs >= target // 5]
    end = [s for s in samples if s.runs >= target - max(1, target // 10)]
    rss_warm, rss_end = warm[0].rss, statistics.median(s.rss for s in end)
    growth = rss_end / rss_warm - 1
    # a leak grows with the runs; pools (the scheduler's 4 threads, connection pools) fill up
    # once and stay. Counted at quiet moments (no run in progress), in four quarters of the runs
    # after warm-up: a quiet moment can still catch a job starting (its thread, before its run
    # row) or a reader's connection, so each quarter's median is compared, not its maximum, which
    # such a moment moves by one either way; a leak moves every later median up
    quarters = _quarters([s for s in warm if not s.running] or warm, target // 5, target)
    fds = [statistics.median_low([s.fds for s in q]) for q in quarters]
    threads = [statistics.median_low([s.threads for s in q]) for q in quarters]
    peaks = [max(s.fds for s in q) for q in quarters], [max(s.threads for s in q) for q in quarters]

    conn = sqlite3.connect(db)
    integrity = conn.execute("pragma integrity_check").fetchone()[0]
    conn.execute("insert into articles_fts(articles_fts) values ('integrity-check')")
    statuses = dict(conn.execute("select status, count(*) from runs group by status").fetchall())
    kinds = conn.execute("select count(*) from runs").fetchone()[0]
    urls = [r[0] for r in conn.execute("select url from articles")]
    ids = conn.execute(
        "select count(*) - count(distinct source || '/' || external_id) from articles where external_id is not null"
    ).fetchone()[0]
    versions = conn.execute("select count(*) from article_versions").fetchone()[0]
    fts = conn.execute("select count(*) from articles_fts").fetchone()[0]
    conn.close()
    duplicates = len(urls) - len(set(urls)) + ids

    print(
        f"soak: {kinds} runs of `up` in {elapsed:.0f}s (both sources every {args.every}, backfill every "
        f"{args.backfill_every}), {answered} Datasette reads beside them; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print(f"  runs by status          {statuses}")
    print(f"  RSS after warm-up       {rss_warm / 1e6:.1f} MB (after {target // 5} runs)")
    print(f"  RSS at the end          {rss_end / 1e6:.1f} MB (median of the last {len(end)} samples)")
    verdict = "met" if growth <= GOAL_GROWTH else "NOT met"
    print(f"  RSS growth              {growth:+.1%} (goal <= {GOAL_GROWTH:.0%}): {verdict}")
    print(f"  RSS max                 {max(s.rss for s in samples) / 1e6:.1f} MB")
    goal = f"goal: last <= first + {POOL_STEP}"
    print(f"  open files, quiet       {fds} (median of each quarter of the runs after warm-up; {goal}; max {peaks[0]})")
    print(f"  threads, quiet          {threads} (median of each quarter; {goal}; max {peaks[1]})")
    print(f"  threads, all samples    min {min(s.threads for s in samples)}, max {max(s.threads for s in samples)}")
    print(f"  reader errors           {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
    print(f"  stop after SIGTERM      {stop_seconds:.1f}s, exit code {returncode}")
    print(
        f"  archive                 integrity {integrity}; {len(urls)} articles for {len(truth)} in the replicas; "
        f"{duplicates} duplicates; {versions} versions; FTS rows {fts}"
    )
    missing, extra = truth - set(urls), set(urls) - truth
    ok = (
        growth <= GOAL_GROWTH
        and fds[-1] <= fds[0] + POOL_STEP
        and threads[-1] <= threads[0] + POOL_STEP
        and not errors
        and integrity == "ok"
        and duplicates == 0
        and not missing
        and not extra
        and returncode == 0
    )
    print(f"verdict: {'all goals met' if ok else 'NOT all goals met'}" + (f"; missing {missing}" if missing else ""))


if __name__ == "__main__":
    main()
