"""CPU per article of ``refresh_article``: what the pipeline runs after each article it saves.

    .venv/bin/python bench/bench_refresh.py              # 2,000 articles of each corpus
    .venv/bin/python bench/bench_refresh.py -n 500 --repeat 3
    .venv/bin/python bench/bench_refresh.py --profile    # and the top of a cProfile of refresh_article

Two corpora, each saved article by article through ``store.save_article`` into a fresh archive,
with ``refresh_article`` called after each save as the pipeline does (the records carry the content
type, topics, story id and the analysis of their text that ``build_record`` gives, so the refresh
reuses that analysis as in the pipeline; ``--analyse-in-refresh`` gives records without it, as
before 2026-11-27, when the refresh analysed every text itself):

* ``replica``: the pages of ``bench/crawl_replica.py`` (the crawl benchmark's site: random words,
  no two articles alike, so no near-duplicate candidates);
* ``synthetic``: ``bench/synthetic_news.py`` (translations, republications across sources and
  look-alikes: candidates to compare and stories to join).

Then a fifth of the articles are saved again with a changed text (``updated``: old bands replaced,
a version diffed). Only the time inside ``refresh_article`` is counted (CPU time of this process,
and wall time). ``--digest`` prints a SHA-256 of everything refresh_article writes (story members,
bands, links, story ids, content types, facets, diffs), to check that a change keeps the results.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pstats
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.crawl_replica import WORDS  # noqa: E402
from bench.synthetic_news import generate  # noqa: E402
from scraper import enrich  # noqa: E402
from scraper.recompute import _default_type, refresh_article  # noqa: E402
from scraper.records import with_analysis  # noqa: E402
from scraper.store import ArticleRecord, open_db, save_article  # noqa: E402

NOW = "2024-01-01T00:00:00+00:00"
AGAIN = "2024-01-02T00:00:00+00:00"

_DIGEST_QUERIES = (
    "select article_id, base_story_id, story_id, content_hash, shingles, hex(minhash), computed_at"
    " from story_members order by article_id",
    "select key, article_id from story_bands order by key, article_id",
    "select article_a, article_b, kind, score, found_at from story_links order by article_a, article_b, kind",
    "select id, story_id, content_type, topics from articles order by id",
    "select article_id, topic from article_topics order by article_id, rowid",
    "select article_id, organisation from article_organisations order by article_id, rowid",
    "select article_id, name, role from article_people order by article_id, rowid",
    "select article_id, turn, speaker, role, text from interview_turns order by article_id, turn",
    "select article_id, version_id, field, before, after, diff, detected_at from version_diffs order by id",
    "select article_id, hreflang, url from article_alternates order by article_id, hreflang, url",
)


#: records as build_record gives them, with the analysis of their text; False (--analyse-in-refresh):
#: without it, so that refresh_article analyses the text itself
WITH_ANALYSIS = True


def _enriched(record: ArticleRecord) -> ArticleRecord:
    """Content type, topics, the analysis of the text and a story id as
    :func:`scraper.records.build_record` gives them."""
    analysed = with_analysis(record, _default_type(record.source))
    return replace(
        analysed,
        story_id=record.story_id or enrich.story_id_for(record.source, record.url),
        analysis=analysed.analysis if WITH_ANALYSIS else None,
    )


def replica_records(n: int) -> list[ArticleRecord]:
    """The article texts of the crawl benchmark's replica (the same generator, without the HTML)."""
    out = []
    for i in range(n):
        rng = random.Random(i)
        title = " ".join(rng.choice(WORDS) for _ in range(8)).capitalize() + f" ({i})"
        day, month = 1 + i % 28, 1 + i % 12
        paragraphs = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 90))).capitalize() + "."
            for _ in range(rng.randint(4, 8))
        ]
        body = "\n\n".join(paragraphs)
        out.append(
            _enriched(
                ArticleRecord(
                    url=f"http://127.0.0.1:8900/news/{i}",
                    source="bench",
                    title=title,
                    body_markdown=body,
                    body_text=body,
                    language="en",
                    published_at=f"2022-{month:02d}-{day:02d}",
                )
            )
        )
    return out


def synthetic_records(n: int) -> list[ArticleRecord]:
    """Synthetic news with planted translations and republications (as bench_recompute builds them)."""
    articles, _ = generate(n)
    return [
        _enriched(
            ArticleRecord(
                url=f"https://{a.source}.example/{a.language}/news/{a.key}",
                source=a.source,
                title=a.title,
                body_markdown=a.body,
                body_text=a.body,
                language=a.language,
                published_at=a.published,
                lead=a.body.split(". ")[0],
                story_id=a.base,
            )
        )
        for a in articles
    ]


def changed(record: ArticleRecord) -> ArticleRecord:
    """A correction: a sentence added after the first paragraph, and a paragraph appended."""
    first, _, rest = record.body_text.partition("\n\n")
    body = f"{first} The figures were corrected.\n\n{rest}\n\nThis article was updated with a correction."
    return _enriched(replace(record, body_text=body, body_markdown=body))


Times = dict[str, tuple[list[float], list[float]]]


def run(records: list[ArticleRecord], profile: cProfile.Profile | None) -> tuple[Times, str]:
    """Save and refresh every record (then a fifth again, changed); CPU and wall seconds per refresh."""
    times: Times = {"new": ([], []), "updated": ([], [])}
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "archive.db")
        passes: Iterable[tuple[ArticleRecord, str]] = [
            *((r, NOW) for r in records),
            *((changed(r), AGAIN) for r in records[::5]),
        ]
        for record, now in passes:
            result, article_id = save_article(db, record, now=now)
            if result == "unchanged":
                continue
            c, w = time.process_time(), time.perf_counter()
            if profile is not None:
                profile.enable()
            refresh_article(db, article_id, record, now=now)
            if profile is not None:
                profile.disable()
            times[result][0].append(time.process_time() - c)
            times[result][1].append(time.perf_counter() - w)
        digest = hashlib.sha256()
        for sql in _DIGEST_QUERIES:
            for row in db.execute(sql).fetchall():
                digest.update(repr(row).encode())
        db.conn.close()
    return times, digest.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=2000, help="articles of each corpus (2,000)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each corpus; the lowest CPU is printed (1)")
    parser.add_argument("--corpus", choices=("replica", "synthetic", "both"), default="both")
    parser.add_argument("--digest", action="store_true", help="print a SHA-256 of what refresh_article wrote")
    parser.add_argument("--profile", action="store_true", help="print the top of a cProfile of refresh_article")
    parser.add_argument(
        "--analyse-in-refresh",
        action="store_true",
        help="records without the analysis of their text (build_record makes it): refresh_article makes it",
    )
    args = parser.parse_args()
    global WITH_ANALYSIS
    WITH_ANALYSIS = not args.analyse_in_refresh
    corpora = ("replica", "synthetic") if args.corpus == "both" else (args.corpus,)
    profile = cProfile.Profile() if args.profile else None
    # once, uncounted: datasketch, the vocabulary and the source registry load on first use
    warm = time.process_time()
    run(replica_records(5), None)
    print(f"first use (imports, vocabulary): {(time.process_time() - warm) * 1000:.0f} ms CPU, not counted below")
    for name in corpora:
        records = replica_records(args.n) if name == "replica" else synthetic_records(args.n)
        best: dict[str, tuple[float, float, float, int]] = {}
        digests = set()
        for _ in range(args.repeat):
            times, digest = run(records, profile)
            digests.add(digest)
            for kind, (cpu, wall) in times.items():
                if not cpu:
                    continue
                figures = (sum(cpu) / len(cpu) * 1000, statistics.median(cpu) * 1000, sum(wall) / len(wall) * 1000)
                if kind not in best or figures[0] < best[kind][0]:
                    best[kind] = (*figures, len(cpu))
        for kind, (mean, median, wall, count) in best.items():
            print(
                f"{name}, {kind}: {mean:.3f} ms CPU per article (median {median:.3f} ms; {wall:.3f} ms wall)"
                f" over {count} refreshes"
            )
        if args.digest:
            print(f"{name}: digest {', '.join(sorted(digests))}")
    if profile is not None:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(35)


if __name__ == "__main__":
    main()
