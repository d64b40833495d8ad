"""Recompute benchmark (issue 6): stories, types, turns, topics, people and organisations over an
archive of N synthetic articles (default 10,000), as ``python -m scraper recompute`` runs it.

    .venv/bin/python bench/bench_recompute.py            # 10,000 articles
    .venv/bin/python bench/bench_recompute.py --quick    # 2,000 articles
    .venv/bin/python bench/bench_recompute.py -n 20000
    .venv/bin/python bench/bench_recompute.py --quick --sweep   # and precision/recall per threshold

Prints the time of each phase of a first recompute (every story id, type and facet written) and of
two more (nothing changed: in one process, then with one worker process per CPU), the peak memory
(max RSS) of the process, the number of candidate pairs the LSH index produced, and how well the
planted stories were found: pairwise precision and recall of story ids against the generator's
ground truth, beside the Media Cloud way (articles with the same normalised title are one story)
on the same archive.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic_news import SyntheticArticle, generate  # noqa: E402
from scraper.recompute import recompute_archive  # noqa: E402
from scraper.store import content_hash, open_db  # noqa: E402
from scraper.stories import DEFAULT_PARAMS  # noqa: E402


def _pairs_same(groups: dict[int, object]) -> Counter[object]:
    return Counter(groups.values())


def pairwise(predicted: dict[int, object], truth: dict[int, object]) -> tuple[float, float, int, int, int]:
    """Pairwise precision and recall of a clustering against the truth (TP, FP, FN too)."""

    def pairs(counts: Counter[object]) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    both = Counter((predicted[k], truth[k]) for k in predicted)
    tp = pairs(both)
    linked = pairs(Counter(predicted.values()))
    true = pairs(Counter(truth.values()))
    fp, fn = linked - tp, true - tp
    return (tp / linked if linked else 1.0), (tp / true if true else 1.0), tp, fp, fn


def _title_key(title: str) -> str:
    return re.sub(r"\W+", " ", title.casefold()).strip()


def build(db_path: Path, articles: list[SyntheticArticle]) -> dict[int, int]:
    """Write the synthetic articles as the pipeline would have (base story ids set); key -> article id."""
    db = open_db(db_path)
    rows = []
    for a in articles:
        rows.append(
            {
                "url": f"https://{a.source}.example/{a.language}/news/{a.key}",
                "source": a.source,
                "language": a.language,
                "title": a.title,
                "published_at": a.published,
                "lead": a.body.split(". ")[0],
                "body_markdown": a.body,
                "body_text": a.body,
                "content_type": "news",
                "topics": "[]",
                "content_hash": content_hash(a.title, a.body),
                "story_id": a.base,
                "first_seen_at": "2023-01-01T00:00:00+00:00",
                "last_seen_at": "2023-01-01T00:00:00+00:00",
            }
        )
    db["articles"].insert_all(rows, batch_size=1000)
    ids = {r[0]: r[1] for r in db.execute("select url, id from articles").fetchall()}
    mapping = {a.key: ids[f"https://{a.source}.example/{a.language}/news/{a.key}"] for a in articles}
    db.conn.executemany(
        "insert into story_members (article_id, base_story_id, story_id) values (?, ?, ?)",
        [(mapping[a.key], a.base, a.base) for a in articles],
    )
    db.conn.commit()
    db.conn.close()
    return mapping


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=10_000, help="number of articles (10,000)")
    parser.add_argument("--quick", action="store_true", help="2,000 articles")
    parser.add_argument(
        "--sweep", action="store_true", help="then precision and recall at other near-duplicate thresholds"
    )
    args = parser.parse_args()
    n = 2_000 if args.quick else args.n
    articles, planted = generate(n)
    words = sum(len(a.body.split()) for a in articles) / len(articles)
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "archive.db"
        started = time.perf_counter()
        mapping = build(db_path, articles)
        print(
            f"archive: {len(articles)} synthetic articles ({words:.0f} words each on average), "
            f"{len(planted.same)} planted same-story pairs, {len(planted.different)} similar-but-different pairs; "
            f"written in {time.perf_counter() - started:.1f}s"
        )
        auto = min(4, os.cpu_count() or 1)
        runs = (
            (f"first recompute ({auto} workers)", None),
            ("again, nothing changed (1 process)", 1),
            (f"again, nothing changed ({auto} workers)", None),
        )
        for label, workers in runs:
            db = open_db(db_path)
            started, cpu = time.perf_counter(), time.process_time()
            stats = recompute_archive(db, workers=workers)
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu
            db.conn.close()
            phases = ", ".join(f"{k} {v:.2f}s" for k, v in stats.seconds.items())
            print(
                f"{label}: {wall:.2f}s wall, {cpu:.2f}s CPU of this process ({phases}); {stats.stories} stories, "
                f"{stats.candidate_pairs} LSH candidate pairs, {stats.compared_pairs} compared exactly, "
                f"{stats.links['near-duplicate']} near-duplicate links, {stats.changed_story_ids} story ids changed, "
                f"{stats.rewritten_facets} articles' facets rewritten"
            )
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"load average while measuring: {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
            f"on {os.cpu_count()} CPUs (wall time above CPU time means other processes had the CPUs)"
        )
        print(f"peak memory (max RSS) of this process: {rss:.0f} MB")
        db = open_db(db_path)
        story_of = {r[0]: r[1] for r in db.execute("select id, story_id from articles").fetchall()}
        candidates = db.execute("select count(*) from story_bands").fetchone()[0]
        if args.sweep:
            truth_by_id: dict[int, object] = {mapping[a.key]: a.truth for a in articles}
            print("near-duplicate threshold sweep (Jaccard, two sources), same archive:")
            for threshold in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
                for guard in (True, False):
                    params = replace(
                        DEFAULT_PARAMS,
                        cross_source=threshold,
                        containment_floor=min(threshold, 0.35),
                        one_story_per_source_language=guard,
                    )
                    recompute_archive(db, params)
                    swept = {r[0]: r[1] for r in db.execute("select id, story_id from articles").fetchall()}
                    p, r, tp, fp, fn = pairwise(swept, truth_by_id)
                    name = f"cross_source {threshold:.1f}" + ("" if guard else " without the one-source guard")
                    print(f"  {name:<48} precision {p:.4f}  recall {r:.4f}  (TP {tp}, FP {fp}, FN {fn})")
            recompute_archive(db)
        db.conn.close()
    predicted = {a.key: story_of[mapping[a.key]] for a in articles}
    truth: dict[int, object] = {a.key: a.truth for a in articles}
    p, r, tp, fp, fn = pairwise(predicted, truth)
    print(f"LSH index: {candidates} band keys stored")
    print(f"story ids (this archive):      precision {p:.4f}  recall {r:.4f}  (TP {tp}, FP {fp}, FN {fn})")
    by_title: dict[int, object] = {a.key: _title_key(a.title) for a in articles}
    p, r, tp, fp, fn = pairwise(by_title, truth)
    print(f"same title (Media Cloud way):  precision {p:.4f}  recall {r:.4f}  (TP {tp}, FP {fp}, FN {fn})")
    wrong = sum(1 for x, y in planted.different if predicted[x] == predicted[y])
    print(f"similar-but-different pairs sharing a story id: {wrong} of {len(planted.different)}")


if __name__ == "__main__":
    main()
