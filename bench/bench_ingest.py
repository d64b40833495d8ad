"""Ingest rate: articles a second into archive.db through the real store, beside plain sqlite3 + FTS5.

The store path is ``scraper.store.save_article``: one transaction per article, the URL and
identity look-ups, the row with its content hash, the full-text index kept by triggers,
aliases, and versions when an article changes; story ids are computed as the pipeline does.
The peer, the floor this design stands on, inserts the same rows with plain ``sqlite3`` into
a table of the same columns with the same FTS5 index (external content, same tokenizer,
trigger-maintained), with the same pragmas and durability: one transaction per article.

Rounds alternate store and peer on fresh files and the median of each is reported, so a
burst of load on this shared machine does not favour one side.

    python bench/bench_ingest.py            # 5,000 articles of 300 words, 3 rounds
    python bench/bench_ingest.py --quick    # 1,000 articles, 3 rounds
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scraper import enrich, store
from scraper.store import ArticleRecord

GOAL = 0.70


def _words(text: str) -> list[str]:
    return text.split()


_RU = _words(
    "город умный цифровой развитие министерство связь информатизация проект система услуги данные "
    "сеть технологии республика беларусь внедрение платформа граждане электронный управление "
    "инфраструктура решения устойчивый форум сотрудничество регион программа"
)
_BE = _words(
    "горад разумны лічбавы развіццё міністэрства сувязь праект сістэма паслугі дадзеныя сетка "
    "тэхналогіі рэспубліка беларусь укараненне платформа грамадзяне электронны кіраванне"
)
_EN = _words(
    "smart city digital development ministry communications project system services data network "
    "technology republic belarus platform citizens electronic government infrastructure sustainable "
    "forum cooperation region programme itu telecommunication broadband"
)


def make_records(count: int, words: int, seed: int = 8) -> list[ArticleRecord]:
    """``count`` articles of about ``words`` words each, in Russian, Belarusian and English."""
    rng = random.Random(seed)
    records = []
    for n in range(count):
        language, vocabulary = [("ru", _RU), ("be", _BE), ("en", _EN)][n % 3]
        paragraphs = [" ".join(rng.choices(vocabulary, k=words // 5)).capitalize() + "." for _ in range(5)]
        body = "\n\n".join(paragraphs)
        nid = 10000 + n // 3
        url = f"https://mpt.gov.by/{language}/news/01-01-2024-{nid}"
        records.append(
            ArticleRecord(
                url=url,
                source="mpt",
                title=" ".join(rng.choices(vocabulary, k=8)).capitalize(),
                body_markdown=body,
                body_text=body,
                language=language,
                published_at=f"2024-01-{1 + n % 28:02d}",
                published_raw=f"{1 + n % 28:02d}.01.2024",
                lead=paragraphs[0][:200],
                topics=("smart-city",),
                story_id=enrich.story_id_for("mpt", f"mpt/{nid}"),
                external_id=f"{language}/{nid}",
                title_source="site",
                date_source="site",
                body_source="site",
            )
        )
    return records


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("pragma journal_mode = wal")
    conn.execute("pragma synchronous = normal")
    return conn


class Rate:
    """Articles a second, by the wall clock and per second of this process's CPU time."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.wall = self.cpu = 0.0

    def __enter__(self) -> Rate:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = self.count / (time.perf_counter() - self._wall)
        self.cpu = self.count / (time.process_time() - self._cpu)


def peer_insert(path: Path, records: list[ArticleRecord], per_article: bool = True, schema: str = "plain") -> Rate:
    """Plain sqlite3: the same rows into a table with an FTS5 index (``schema="plain"``), or into
    the archive's own tables made by the store, with the store's pragmas (``schema="archive"``)."""
    rows = []
    now = store.now_iso()
    for record in records:
        row = record.row()
        row["first_seen_at"] = row["last_seen_at"] = now
        rows.append(row)
    columns = list(rows[0])
    if schema == "archive":
        store.open_db(path).conn.close()
        conn = _connect(path)
        conn.execute("pragma wal_autocheckpoint = 10000")
    else:
        conn = _connect(path)
        conn.execute(f"create table articles (id integer primary key, {', '.join(columns)})")
        conn.execute("create unique index idx_url on articles (url)")
        conn.execute(
            "create virtual table articles_fts using fts5 (title, lead, body_text, content=articles, "
            "content_rowid=id, tokenize='unicode61 remove_diacritics 2')"
        )
        conn.execute(
            "create trigger articles_ai after insert on articles begin insert into articles_fts "
            "(rowid, title, lead, body_text) values (new.id, new.title, new.lead, new.body_text); end"
        )
    sql = f"insert into articles ({', '.join(columns)}) values ({', '.join('?' for _ in columns)})"
    with Rate(len(rows)) as rate:
        if per_article:
            for row in rows:
                conn.execute("begin immediate")
                conn.execute(sql, [row[c] for c in columns])
                conn.execute("commit")
        else:
            conn.execute("begin immediate")
            conn.executemany(sql, [[row[c] for c in columns] for row in rows])
            conn.execute("commit")
    conn.close()
    return rate


def store_insert(path: Path, records: list[ArticleRecord]) -> tuple[Rate, Rate, Rate]:
    """The real store: new articles, then a fifth of them changed (versions), then a fifth unchanged."""
    db = store.open_db(path)
    with Rate(len(records)) as new:
        for record in records:
            store.save_article(db, record, aliases=[record.url])
    part = records[: max(1, len(records) // 5)]
    changed = [
        ArticleRecord(**{**r.__dict__, "body_text": r.body_text + " Обновлено.", "body_markdown": r.body_markdown})
        for r in part
    ]
    with Rate(len(changed)) as updated:
        results = [store.save_article(db, record)[0] for record in changed]
    with Rate(len(changed)) as seen_again:
        unchanged = [store.save_article(db, record)[0] for record in changed]
    assert set(results) == {"updated"} and set(unchanged) == {"unchanged"}
    counts = db.execute(
        "select (select count(*) from articles), (select count(*) from article_versions), "
        "(select count(*) from articles_fts)"
    ).fetchone()
    assert counts == (len(records), len(changed), len(records)), counts
    db.conn.close()
    return new, updated, seen_again


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--words", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="1,000 articles")
    args = parser.parse_args()
    count = 1000 if args.quick else args.articles
    records = make_records(count, args.words)
    words = statistics.mean(len((r.title + " " + r.body_text).split()) for r in records)
    found: dict[str, list[Rate]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.rounds):
            found.setdefault("floor", []).append(peer_insert(Path(tmp) / f"peer-{n}.db", records))
            new, updated, seen_again = store_insert(Path(tmp) / f"store-{n}.db", records)
            found.setdefault("store", []).append(new)
            found.setdefault("updated", []).append(updated)
            found.setdefault("unchanged", []).append(seen_again)
            schema = peer_insert(Path(tmp) / f"schema-{n}.db", records, schema="archive")
            found.setdefault("schema", []).append(schema)
            found.setdefault("batch", []).append(peer_insert(Path(tmp) / f"batch-{n}.db", records, per_article=False))
    wall = {k: statistics.median(r.wall for r in v) for k, v in found.items()}
    cpu = {k: statistics.median(r.cpu for r in v) for k, v in found.items()}
    print(
        f"ingest: {count} articles of {words:.0f} words (ru/be/en), {args.rounds} rounds alternated, medians; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print(f"{'':52}{'art/s wall':>12}{'vs floor':>10}{'art/CPU-s':>12}{'vs floor':>10}")
    rows = (
        ("floor", "plain sqlite3 + FTS5, one transaction each"),
        ("store", "archive store (save_article), new articles"),
        ("schema", "plain sqlite3 into the archive's own schema"),
        ("updated", "archive store, changed articles (versions)"),
        ("unchanged", "archive store, unchanged articles seen again"),
        ("batch", "(plain sqlite3 + FTS5, one transaction for all)"),
    )
    for key, label in rows:
        print(
            f"{label:52}{wall[key]:>12,.0f}{wall[key] / wall['floor']:>10.2f}"
            f"{cpu[key]:>12,.0f}{cpu[key] / cpu['floor']:>10.2f}"
        )
    print(
        f"rounds (wall): floor {[round(r.wall) for r in found['floor']]}, "
        f"store {[round(r.wall) for r in found['store']]}"
    )
    ratio = wall["store"] / wall["floor"]
    print(f"goal: store >= {GOAL:.0%} of the floor (wall clock): {'met' if ratio >= GOAL else 'NOT met'} ({ratio:.0%})")


if __name__ == "__main__":
    main()
