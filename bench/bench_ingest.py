"""Ingest rate: articles a second into archive.db through the real store, beside plain sqlite3 + FTS5.

The store path is what the pipeline writes for each new article it fetched: ``store.save_article``
(the URL and identity look-ups, the row with its content hash, the full-text index kept by
triggers, the article queued for stemming, aliases, versions when an article changes, and the
fetched page, gzipped, beside it), then ``recompute.refresh_article`` (its stories: MinHash bands
and near-duplicate candidates, translation and hreflang links, story ids; its content type,
interview turns, topics, people and organisations; the diffs of a changed text), all inside a
group commit (``store.WriteGroup``: the writes of up to 64 pages, or of a quarter second, in one
transaction; each article a savepoint in it). The stemming of the search index is left to the
indexer process (``python -m scraper index --follow``), which the bench starts beside the store
as ``up`` runs it beside the scrapes; it prints how soon after the last write every article was
searchable, and the indexer's CPU per article. The records are what ``build_record`` gives the
store: with the analysis of their text (``scraper.analysis``: content type, topics, people, the
MinHash fingerprint), made once there, before the store, and reused by the story refresh; the
bench prints that analysis's CPU per article, and a line of the store analysing the text itself.
It checks at the end that every article is in a story and searchable.

The floor: plain ``sqlite3`` inserts of the same rows into a table of the same columns with an
FTS5 index (external content, same tokenizer, trigger-maintained), one transaction per article,
with sqlite3 as it comes (rollback journal, synchronous FULL): the issue's floor ("about 1,000
articles of 300 words a second here"). Beside it, a stricter floor with the store's own pragmas
(WAL, synchronous NORMAL), which is 3-5x faster, and lines that split the store's cost: without
the raw page, analysing the text in the store, the articles alone (``save_article`` without
stories), plain sqlite3 into the archive's own schema (its read indexes), and plain sqlite3
committing a chunk at a time (WAL), as the grouped store does: the like-for-like peer of the
store's transactions, against which the bench prints the store's share too.

This machine is shared, and its load moves by the second; so the participants run side by
side in small interleaved chunks (50 articles each, the order rotating every chunk), each
into its own growing file, and each one's time is the sum of its chunks. Rates are given by
the wall clock and per CPU-second of this process.

    python bench/bench_ingest.py            # 5,000 articles of 300 words
    python bench/bench_ingest.py --quick    # 1,000 articles
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
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import sqlite_utils

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scraper import enrich, indexer, search, store
from scraper.recompute import refresh_article
from scraper.records import with_analysis
from scraper.sources import get_source
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
        title = " ".join(rng.choices(vocabulary, k=8)).capitalize()
        records.append(
            ArticleRecord(
                url=url,
                source="mpt",
                title=title,
                body_markdown=body,
                body_text=body,
                language=language,
                published_at=f"2024-01-{1 + n % 28:02d}",
                published_raw=f"{1 + n % 28:02d}.01.2024",
                lead=paragraphs[0][:200],
                story_id=enrich.story_id_for("mpt", f"mpt/{nid}"),
                external_id=f"{language}/{nid}",
                title_source="site",
                date_source="site",
                body_source="site",
            )
        )
    return records


def analysed(records: list[ArticleRecord]) -> tuple[list[ArticleRecord], float]:
    """The records as ``build_record`` gives them: with the analysis of their text (content type,
    topics, people, story fingerprint), made once there; and the CPU seconds that took."""
    default_type = get_source("mpt").default_content_type
    started = time.process_time()
    out = [with_analysis(record, default_type) for record in records]
    return out, time.process_time() - started


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("pragma journal_mode = wal")
    conn.execute("pragma synchronous = normal")
    return conn


class Participant:
    """One way of writing the articles, into its own file; it adds up the time of its chunks."""

    def __init__(self, label: str, write: Callable[[int, int], None]) -> None:
        self.label = label
        self.write = write  # write(start, stop): articles [start, stop) of the corpus
        self.wall = self.cpu = 0.0
        self.count = 0

    def run(self, start: int, stop: int) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        self.write(start, stop)
        self.wall += time.perf_counter() - wall
        self.cpu += time.process_time() - cpu
        self.count += stop - start

    @property
    def rate(self) -> float:
        return self.count / self.wall

    @property
    def cpu_rate(self) -> float:
        return self.count / self.cpu


def _rows(records: list[ArticleRecord]) -> tuple[list[str], list[list[object]]]:
    now = store.now_iso()
    rows = []
    for record in records:
        row = record.row()
        row["first_seen_at"] = row["last_seen_at"] = now
        rows.append(row)
    columns = list(rows[0])
    return columns, [[row[c] for c in columns] for row in rows]


def plain(
    path: Path, columns: list[str], values: list[list[object]], batch: bool = False, as_it_comes: bool = False
) -> Participant:
    """Plain sqlite3 into a table with an FTS5 index: the floor; ``as_it_comes``: with sqlite3's
    own defaults (rollback journal, synchronous FULL), else with the store's pragmas."""
    conn = sqlite3.connect(path, isolation_level=None) if as_it_comes else _connect(path)
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
    return _inserter("plain", conn, columns, values, batch)


def plain_in_archive_schema(path: Path, columns: list[str], values: list[list[object]]) -> Participant:
    """Plain sqlite3 into the archive's own tables (its read indexes), with the store's pragmas."""
    store.open_db(path).conn.close()
    conn = _connect(path)
    conn.execute("pragma wal_autocheckpoint = 10000")
    return _inserter("schema", conn, columns, values, False)


def _inserter(
    label: str, conn: sqlite3.Connection, columns: list[str], values: list[list[object]], batch: bool
) -> Participant:
    sql = f"insert into articles ({', '.join(columns)}) values ({', '.join('?' for _ in columns)})"

    def write(start: int, stop: int) -> None:
        if batch:
            conn.execute("begin immediate")
            conn.executemany(sql, values[start:stop])
            conn.execute("commit")
            return
        for row in values[start:stop]:
            conn.execute("begin immediate")
            conn.execute(sql, row)
            conn.execute("commit")

    return Participant(label, write)


#: the chrome around an article on a real page (menus, footer, scripts): ~20 KB of HTML
_CHROME = "<div class='menu'>" + "<a href='/ru/page'>Раздел сайта</a> " * 400 + "</div>"


def raw_pages(records: list[ArticleRecord]) -> list[store.RawPage]:
    """The fetched page of each article, as the pipeline keeps it beside the article."""
    return [
        store.RawPage(
            url=r.url,
            source=r.source,
            fetched_url=r.url,
            status=200,
            headers={"content-type": "text/html; charset=utf-8"},
            content=f"<html><body>{_CHROME}<h1>{r.title}</h1><p>{r.body_text}</p>{_CHROME}</body></html>".encode(),
            fetched_at=store.now_iso(),
        )
        for r in records
    ]


def archive_store(
    path: Path, records: list[ArticleRecord], pages: list[store.RawPage] | None = None, stories: bool = True
) -> Participant:
    """The real store, as the pipeline calls it in a group commit (``store.WriteGroup``, told after
    every page): ``save_article``, then ``refresh_article`` unless the article came back unchanged
    (``stories=False``: the articles alone); ``pages``: with each article's raw page."""
    db = store.open_db(path)

    def write(start: int, stop: int) -> None:
        with search.DeferredIndexing(db), store.WriteGroup(db) as group:
            for n in range(start, stop):
                record = records[n]
                result, article_id = store.save_article(
                    db, record, aliases=[record.url], raw=pages[n] if pages else None
                )
                if stories and result != "unchanged":
                    refresh_article(db, article_id, record)
                group.page_done()

    participant = Participant("store", write)
    participant.db = db  # type: ignore[attr-defined]
    return participant


def changes(db: sqlite_utils.Database, records: list[ArticleRecord]) -> tuple[float, float]:
    """Articles a second when a fifth of them come back changed (a version and its diffs, stories
    refreshed), then unchanged; one transaction an article."""
    part = records[: max(1, len(records) // 5)]
    # as build_record gives them: with the analysis of the changed text, made before the store
    changed, _ = analysed([replace(r, body_text=r.body_text + " Обновлено.") for r in part])

    def save(record: ArticleRecord) -> str:
        result, article_id = store.save_article(db, record)
        if result != "unchanged":
            refresh_article(db, article_id, record)
        return result

    started = time.perf_counter()
    results = [save(record) for record in changed]
    updated = len(changed) / (time.perf_counter() - started)
    started = time.perf_counter()
    again = [save(record) for record in changed]
    unchanged = len(changed) / (time.perf_counter() - started)
    assert set(results) == {"updated"} and set(again) == {"unchanged"}
    counts = db.execute(
        "select (select count(*) from articles), (select count(*) from article_versions), "
        "(select count(*) from articles_fts)"
    ).fetchone()
    assert counts == (len(records), len(changed), len(records)), counts
    return updated, unchanged


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a running process so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def chunk_pages(args: argparse.Namespace) -> int:
    """Pages in one group commit of the store here: a chunk, unless the group fills first."""
    return min(args.chunk, store.WriteGroup.MAX_PAGES)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--words", type=int, default=300)
    parser.add_argument("--chunk", type=int, default=50)
    parser.add_argument("--quick", action="store_true", help="1,000 articles")
    args = parser.parse_args()
    count = 1000 if args.quick else args.articles
    records, analysis_cpu = analysed(make_records(count, args.words))
    unanalysed = [replace(r, analysis=None) for r in records]
    words = statistics.mean(len((r.title + " " + r.body_text).split()) for r in records)
    pages = raw_pages(records)
    columns, values = _rows(records)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        floor = plain(folder / "plain.db", columns, values, as_it_comes=True)
        strict = plain(folder / "strict.db", columns, values)
        ours = archive_store(folder / "store.db", records, pages)
        no_raw = archive_store(folder / "no-raw.db", records)
        analysing = archive_store(folder / "analysing.db", unanalysed)
        articles_only = archive_store(folder / "articles.db", records, stories=False)
        schema = plain_in_archive_schema(folder / "schema.db", columns, values)
        batch = plain(folder / "batch.db", columns, values, batch=True)
        everyone = [floor, strict, ours, no_raw, analysing, articles_only, schema, batch]
        # first use (imports, compiled patterns, the vocabulary's tables) in a scratch file, not timed
        archive_store(folder / "warm-up.db", unanalysed).write(0, 3)
        # the search indexer follows the store's file, as `up` runs it beside the scrapes (one
        # archive, one indexer: the queue of the other store files is left as it grows)
        follower = indexer.start(folder / "store.db")
        for n, start in enumerate(range(0, count, args.chunk)):
            turn = n % len(everyone)
            for participant in everyone[turn:] + everyone[:turn]:
                participant.run(start, min(count, start + args.chunk))
        written = time.perf_counter()
        db = ours.db  # type: ignore[attr-defined]
        while db.execute("select count(*) from search_pending").fetchone()[0]:
            time.sleep(0.01)
        lag = time.perf_counter() - written
        indexed = db.execute(f"select count(*) from {search.INDEX_TABLE}").fetchone()[0]
        indexer_cpu = _cpu_seconds(follower.pid)
        indexer.stop(follower)
        assert indexed == count, (indexed, count)
        in_stories = db.execute(
            "select count(*) from articles a join story_members m on m.article_id = a.id where a.story_id is not null"
        ).fetchone()[0]
        assert in_stories == count, (in_stories, count)
        updated, unchanged = changes(db, records)
    print(
        f"ingest: {count} articles of {words:.0f} words (ru/be/en), side by side in chunks of {args.chunk}; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print(f"{'':58}{'art/s wall':>12}{'vs floor':>10}{'art/CPU-s':>12}{'vs floor':>10}")
    labels = (
        (floor, "floor: plain sqlite3 + FTS5 as it comes, one txn each"),
        (strict, "plain sqlite3 + FTS5, WAL + NORMAL, one txn each"),
        (ours, "archive store as the pipeline writes: stories, raw page"),
        (no_raw, "(the same without the raw page)"),
        (analysing, "(the same without it, analysing the text in the store)"),
        (articles_only, "(archive store, the articles alone: no stories, no raw)"),
        (schema, "(plain sqlite3 into the archive's own schema)"),
        (batch, "(plain sqlite3 + FTS5, WAL, one txn a chunk)"),
    )
    for participant, label in labels:
        print(
            f"{label:58}{participant.rate:>12,.0f}{participant.rate / floor.rate:>10.2f}"
            f"{participant.cpu_rate:>12,.0f}{participant.cpu_rate / floor.cpu_rate:>10.2f}"
        )
    print(
        f"the analysis of the text, made with the record (build_record) and reused by the store's story refresh: "
        f"{1000 * analysis_cpu / count:.2f} ms CPU an article, not in the store lines"
    )
    print(f"{'archive store, changed articles (versions, diffs, stories)':58}{updated:>12,.0f}")
    print(f"{'archive store, unchanged articles seen again':58}{unchanged:>12,.0f}")
    print(
        f"every article in a story ({in_stories:,}); search indexer (a process beside the store, as in `up`): "
        f"{indexed:,} of {count:,} articles searchable {lag * 1000:.0f} ms after the last write; "
        f"{1000 * indexer_cpu / count:.2f} ms CPU an article there "
        f"(the store's write path: {1000 / ours.cpu_rate:.2f} ms)"
    )
    ratio = ours.rate / floor.rate
    print(f"goal: store >= {GOAL:.0%} of the floor (wall clock): {'met' if ratio >= GOAL else 'NOT met'} ({ratio:.0%})")
    print(
        f"against the stricter floor (the store's pragmas) it is at {ours.rate / strict.rate:.0%} (without the raw "
        f"page {no_raw.rate / strict.rate:.0%}; the articles alone {articles_only.rate / strict.rate:.0%}); against "
        f"plain sqlite3 committing alike (WAL, up to {chunk_pages(args)} articles a transaction) at "
        f"{ours.rate / batch.rate:.0%}"
    )


if __name__ == "__main__":
    main()
