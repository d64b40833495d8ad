"""Precision and recall of story linking on the labelled pairs of the site replicas (issue 6).

    .venv/bin/python bench/eval_story_linking.py

Scrapes both replicas (served on 127.0.0.1) into a fresh archive with the real CLI, then counts,
over every pair of archived articles (labels: ``tests/story_pairs.py``, which says how they were
made), how many same-story pairs share a story id (recall) and how many pairs sharing one are the
same story (precision). Beside it, on the same archive: the Media Cloud way (one story per
normalised title), the source's own ids alone (translations of one mpt.gov.by node), and a sweep of
the near-duplicate threshold.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scraper.recompute import recompute_archive  # noqa: E402
from scraper.store import open_db  # noqa: E402
from scraper.stories import DEFAULT_PARAMS  # noqa: E402
from tests.replica import serve_site  # noqa: E402
from tests.story_pairs import HARD_NEGATIVES, labelled_pairs, precision_recall  # noqa: E402


def _line(name: str, pairs: list[tuple[str, str, bool]], predicted: dict[str, object]) -> str:
    p, r, tp, fp, fn = precision_recall(pairs, predicted)
    return f"  {name:<58} precision {p:.3f}  recall {r:.3f}  (TP {tp}, FP {fp}, FN {fn})"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "archive.db"
        with serve_site("mpt", faults=False) as mpt, serve_site("itu-cis", faults=False) as itu:
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "scraper",
                    "-q",
                    "scrape",
                    "mpt",  # only the sources with a replica: unnamed, every source would run
                    "itu-cis",
                    "--db",
                    str(db_path),
                    "--delay",
                    "0",
                    "--base-url",
                    f"mpt={mpt.base_url}",
                    "--base-url",
                    f"itu-cis={itu.base_url}",
                ],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            )
            truth_articles = [*mpt.articles, *itu.articles]
        print(done.stdout.strip())
        pairs = labelled_pairs(truth_articles)
        same = sum(1 for *_, s in pairs if s)
        print(
            f"labelled pairs: {len(pairs)} ({same} same story, {len(pairs) - same} different; "
            f"{len(HARD_NEGATIVES)} of the different ones are hand-picked look-alikes)"
        )
        db = open_db(db_path)
        stored = {r[0]: r[1] for r in db.execute("select url, story_id from articles").fetchall()}
        titles = {
            r[0]: re.sub(r"\W+", " ", r[1].casefold()).strip() for r in db.execute("select url, title from articles")
        }
        bases = dict(
            db.execute("select a.url, m.base_story_id from articles a join story_members m on m.article_id = a.id")
        )
        print(_line("this archive (story_id after the scrape)", pairs, stored))
        print(_line("source ids only (mpt node translations)", pairs, bases))
        print(_line("same normalised title (Media Cloud way)", pairs, titles))
        print("near-duplicate threshold (Jaccard, two sources; containment rule as set):")
        for threshold in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
            for guard in (True, False):
                if not guard and threshold > 0.4:
                    continue
                params = replace(
                    DEFAULT_PARAMS,
                    cross_source=threshold,
                    containment_floor=min(threshold, 0.35),
                    one_story_per_source_language=guard,
                )
                recompute_archive(db, params)
                swept = {r[0]: r[1] for r in db.execute("select url, story_id from articles").fetchall()}
                name = f"cross_source = {threshold:.1f}" + ("" if guard else ", without the one-source guard")
                print(_line(name, pairs, swept))
        recompute_archive(db)
        db.conn.close()


if __name__ == "__main__":
    main()
