"""CPU per page of ``build_record`` (extract, then enrich): the page -> record step the pipeline runs
for every fetched article.

    python bench/bench_build_record.py                 # every page set, each page's best of 5 runs
    python bench/bench_build_record.py --rounds 9
    python bench/bench_build_record.py --dump out.json # also write every record (to compare two versions)

Page sets: ``bench`` is the crawl benchmark's synthetic article (:func:`bench.crawl_replica.article_html`,
50 pages) with the crawl benchmark's source profile (:func:`bench.bench_crawl._bench_source`);
``mpt`` and ``itu-cis`` are the replica article pages the tests use (:func:`tests.pages.replica_pages`),
each with its own source; ``other replicas`` are the rest of the replica sites. CPU time is
``time.process_time`` per page, the fastest of ``--rounds`` runs of that page, averaged over the set
(the machine is shared and noisy). ``--dump`` writes every record of every set, and ``extract_article`` on the
written (generic) pages of :mod:`tests.pages`, as JSON: two versions of the code must give equal files.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_crawl import _bench_source  # noqa: E402
from bench.crawl_replica import article_html  # noqa: E402
from scraper.errors import ExtractError  # noqa: E402
from scraper.extract import extract_article  # noqa: E402
from scraper.records import build_record  # noqa: E402
from scraper.sources import get_source  # noqa: E402
from scraper.sources.base import Source  # noqa: E402
from tests.pages import replica_pages, written_pages  # noqa: E402

Job = tuple[Source, str, str]  # source, html, url


def page_sets() -> dict[str, list[Job]]:
    bench: Any = _bench_source()
    sets: dict[str, list[Job]] = {
        "bench": [(bench, article_html(i).decode(), f"https://bench.example/news/{i}") for i in range(50)]
    }
    for page in replica_pages():
        assert page.source is not None
        group = page.origin.removeprefix("replica:")
        group = group if group in ("mpt", "itu-cis") else "other replicas"
        sets.setdefault(group, []).append((get_source(page.source), page.html, page.url))
    return sets


def _record(job: Job) -> dict[str, Any] | str:
    source, html, url = job
    try:
        # the record as the store receives it (its analysis, made for the story refresh, is not stored)
        return dataclasses.asdict(dataclasses.replace(build_record(source, source.scope(), html, url), analysis=None))
    except ExtractError as exc:
        return f"ExtractError: {exc}"


def cpu_per_page(jobs: list[Job], rounds: int) -> float:
    """Mean over pages of each page's fastest of ``rounds`` runs (a shared machine's bursts fall out)."""
    scoped = [(source, source.scope(), html, url) for source, html, url in jobs]
    best = [float("inf")] * len(scoped)
    clock = time.process_time
    for _ in range(rounds):
        for i, (source, scope, html, url) in enumerate(scoped):
            start = clock()
            with contextlib.suppress(ExtractError):
                build_record(source, scope, html, url)
            best[i] = min(best[i], clock() - start)
    return 1000 * sum(best) / len(best)


def dump(sets: dict[str, list[Job]], path: Path) -> None:
    out: dict[str, Any] = {}
    for name, jobs in sets.items():
        out[name] = [_record(job) for job in jobs]

    def generic(html: str, url: str) -> Callable[[], dict[str, Any] | str]:
        def run() -> dict[str, Any] | str:
            try:
                return dataclasses.asdict(extract_article(html, url))
            except ExtractError as exc:
                return f"ExtractError: {exc}"

        return run

    out["written (extract_article)"] = [generic(p.html, p.url)() for p in written_pages()]
    path.write_text(json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True, default=str), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5, help="runs of each page; the fastest counts (default 5)")
    parser.add_argument("--dump", type=Path, help="write every record as JSON to this file")
    args = parser.parse_args()
    sets = page_sets()
    for jobs in sets.values():  # warm up imports and caches
        cpu_per_page(jobs[:3], 1)
    print(f"build_record CPU per page (time.process_time, each page's best of {args.rounds} runs)")
    print(f"{'pages':<16}{'n':>5}  {'ms/page':>8}")
    for name, jobs in sets.items():
        print(f"{name:<16}{len(jobs):>5}  {cpu_per_page(jobs, args.rounds):>8.2f}")
    if args.dump:
        dump(sets, args.dump)
        print(f"records written to {args.dump}")


if __name__ == "__main__":
    main()
