"""Search benchmark: a synthetic archive of ru/be/en articles, searched through the JSON API.

    .venv/bin/python bench/bench_search.py --quick          # 100,000 articles (a few minutes)
    .venv/bin/python bench/bench_search.py                  # 1,000,000 articles (about half an hour here)
    .venv/bin/python bench/bench_search.py --reuse ...      # search an archive built by an earlier run

Prints build time, database size per article, and per query p50/p95 through Datasette's JSON
API over real HTTP on 127.0.0.1 for three ways of searching the same data side by side:

* ``search``: the archive's canned query (stemmed FTS5 index, bm25 with title weighted);
* ``plain FTS5``: the contract index ``articles_fts`` (no stemming), same bm25 weights;
* ``LIKE``: ``title LIKE '%w%' OR body_text LIKE '%w%'`` for each word, newest first.

The text is synthetic but shaped like the archive's: Zipf-distributed vocabularies of
pseudo-words that inflect with real Russian, Belarusian and English endings (so the
stemmers do real work), real function words at the top, lengths like news items (title 5-12
words, lead 15-35, body about 250 words, log-normal). Queries are 1-3 words of one article,
in the forms found there, each word in 0.01%-10% of articles; very common words (in over
30% of articles) are timed separately.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scraper import search, store  # noqa: E402
from scraper.site import DATASETTE_SETTINGS, build_datasette, load_metadata  # noqa: E402
from scraper.transactions import immediate  # noqa: E402

# --------------------------------------------------------------------------- synthetic text

FUNCTION_WORDS = {
    "ru": [
        "и",
        "в",
        "на",
        "с",
        "по",
        "о",
        "для",
        "что",
        "не",
        "к",
        "от",
        "из",
        "как",
        "это",
        "а",
        "за",
        "до",
        "при",
        "его",
        "также",
        "года",
        "который",
    ],
    "be": [
        "і",
        "ў",
        "на",
        "з",
        "па",
        "аб",
        "для",
        "што",
        "не",
        "да",
        "ад",
        "як",
        "гэта",
        "а",
        "за",
        "пры",
        "яго",
        "таксама",
        "года",
        "які",
    ],
    "en": [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "for",
        "on",
        "is",
        "with",
        "by",
        "that",
        "as",
        "at",
        "from",
        "it",
        "this",
        "was",
        "are",
        "be",
    ],
}
SYLLABLES = {
    "ru": [
        "ка",
        "ро",
        "ва",
        "ни",
        "ле",
        "ст",
        "ми",
        "пра",
        "го",
        "ло",
        "ди",
        "те",
        "зна",
        "ре",
        "по",
        "ко",
        "мо",
        "ну",
        "ци",
        "фр",
        "ве",
        "се",
        "тр",
        "бо",
        "ли",
    ],
    "be": [
        "ка",
        "ра",
        "ва",
        "ні",
        "ле",
        "ст",
        "мі",
        "пра",
        "га",
        "ла",
        "дзі",
        "це",
        "зна",
        "рэ",
        "па",
        "ка",
        "ма",
        "ну",
        "цы",
        "фр",
        "ве",
        "се",
        "тр",
        "ба",
        "лі",
    ],
    "en": [
        "co",
        "ra",
        "ve",
        "ni",
        "le",
        "st",
        "mi",
        "pro",
        "go",
        "lo",
        "di",
        "te",
        "na",
        "re",
        "po",
        "ka",
        "mo",
        "nu",
        "ci",
        "fr",
        "ve",
        "se",
        "tr",
        "bo",
        "li",
    ],
}
PARADIGMS = {
    "ru": [
        ["", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах"],  # nouns
        ["ый", "ого", "ому", "ым", "ая", "ой", "ую", "ые", "ых", "ыми"],  # adjectives
        ["ать", "аю", "ает", "ают", "ал", "ала", "али", "ающий", "ание", "ания"],  # verbs
    ],
    "be": [
        ["", "а", "у", "ам", "е", "ы", "аў", "амі", "ах"],
        ["ы", "ага", "аму", "ым", "ая", "ай", "ую", "ыя", "ых", "ымі"],
        ["аць", "аю", "ае", "аюць", "аў", "ала", "алі", "анне", "ання"],
    ],
    "en": [
        ["", "s"],
        ["", "ly", "er", "est"],
        ["", "s", "ed", "ing", "ment", "ments"],
    ],
}
LANGUAGE_SHARE = {"ru": 0.45, "be": 0.20, "en": 0.35}
SOURCES = ["mpt", "itu-cis", "itu-news", "itu-press"]


class Vocabulary:
    """One language's word forms and their probabilities (Zipf over lemmas, uniform over forms)."""

    def __init__(self, language: str, lemmas: int, rng: random.Random) -> None:
        forms: list[str] = []
        weights: list[float] = []
        for rank, word in enumerate(FUNCTION_WORDS[language]):
            forms.append(word)
            weights.append(0.5 / (rank + 1.5))  # a few words in nearly every article
        seen: set[str] = set(forms)
        syllables = SYLLABLES[language]
        rank = 0
        while rank < lemmas:
            stem = "".join(rng.choice(syllables) for _ in range(rng.choice((2, 2, 3, 3, 4))))
            if stem in seen:
                continue
            seen.add(stem)
            paradigm = PARADIGMS[language][rng.randrange(3)]
            weight = 1.0 / (rank + 10) ** 1.07
            for ending in paradigm:
                forms.append(stem + ending)
                weights.append(weight / len(paradigm))
            rank += 1
        self.forms = np.array(forms, dtype=object)
        total = sum(weights)
        self.cumulative = np.cumsum(np.array(weights) / total)

    def words(self, n: int, rng: np.random.Generator) -> list[str]:
        picks = np.searchsorted(self.cumulative, rng.random(n), side="right")
        picks = np.minimum(picks, len(self.forms) - 1)
        return list(self.forms[picks])


def sentences(words: list[str], rng: random.Random) -> str:
    out, i = [], 0
    while i < len(words):
        n = rng.randint(8, 20)
        chunk = words[i : i + n]
        out.append(chunk[0].capitalize() + " " + " ".join(chunk[1:]) + ".")
        i += n
    return " ".join(out)


def generate(n: int, seed: int) -> Any:
    """Yield article rows for ``articles`` (the columns the real store writes)."""
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    vocab = {lang: Vocabulary(lang, 40_000, rng) for lang in LANGUAGE_SHARE}
    languages = list(LANGUAGE_SHARE)
    shares = list(LANGUAGE_SHARE.values())
    start = time.mktime((2012, 1, 1, 0, 0, 0, 0, 0, 0))
    span = 13 * 365 * 86400
    for i in range(n):
        lang = rng.choices(languages, shares)[0]
        v = vocab[lang]
        title = sentences(v.words(rng.randint(5, 12), nrng), rng).rstrip(".")
        lead = sentences(v.words(rng.randint(15, 35), nrng), rng)
        body_words = v.words(max(40, int(nrng.lognormal(math.log(230), 0.5))), nrng)
        paragraphs = [sentences(body_words[j : j + 60], rng) for j in range(0, len(body_words), 60)]
        body = "\n\n".join(paragraphs)
        published = time.strftime("%Y-%m-%d", time.gmtime(start + span * i / n))
        yield {
            "url": f"https://example.org/{lang}/news/{i}",
            "source": SOURCES[i % len(SOURCES)],
            "language": lang,
            "title": title,
            "published_at": published,
            "published_raw": published,
            "lead": lead,
            "body_markdown": body,
            "body_text": body,
            "content_type": "news",
            "topics": "[]",
            "attachments": "[]",
            "images": "[]",
            "first_seen_at": published + "T00:00:00+00:00",
            "last_seen_at": published + "T00:00:00+00:00",
            "content_hash": f"{i:064x}",
            "story_id": f"bench-{i}",
            "external_id": str(i),
        }


# --------------------------------------------------------------------------- build


def build(path: Path, n: int, seed: int) -> dict[str, float]:
    """The archive through the real schema: articles (with the contract index kept by its
    triggers), then the stemmed index filled by scraper.search; returns phase timings."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    db = store.open_db(path)
    db.execute("pragma cache_size = -1000000")  # 1 GB of page cache for the index merges
    columns = None
    t0 = time.perf_counter()
    batch: list[dict[str, Any]] = []
    generated = 0.0

    def flush() -> None:
        nonlocal columns
        if not batch:
            return
        if columns is None:
            columns = list(batch[0])
        sql = f"insert into articles ({', '.join(columns)}) values ({', '.join('?' for _ in columns)})"
        with immediate(db):
            db.conn.executemany(sql, [[row[c] for c in columns] for row in batch])
        batch.clear()

    g0 = time.perf_counter()
    for i, row in enumerate(generate(n, seed), 1):
        batch.append(row)
        if len(batch) == 5000:
            generated += time.perf_counter() - g0
            flush()
            g0 = time.perf_counter()
        if i % 100_000 == 0:
            print(f"  {i:,} articles inserted ({time.perf_counter() - t0:.0f} s)", flush=True)
    generated += time.perf_counter() - g0
    flush()
    t_insert = time.perf_counter() - t0 - generated
    t1 = time.perf_counter()
    with immediate(db):
        indexed = search.rebuild_index(db)
    t_stem = time.perf_counter() - t1
    t2 = time.perf_counter()
    db.execute("insert into articles_fts (articles_fts) values ('optimize')")
    db.execute("pragma wal_checkpoint(truncate)")
    t_opt = time.perf_counter() - t2
    db.conn.close()
    assert indexed == n
    return {"generate": generated, "insert": t_insert, "stem_index": t_stem, "optimize": t_opt}


# --------------------------------------------------------------------------- queries


def doc_counts(path: Path) -> dict[str, int]:
    """Documents per word (surface form, lower case) from the contract index's vocabulary."""
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("create virtual table if not exists temp.v using fts5vocab(main, articles_fts, 'row')")
    counts = {term: int(doc) for term, doc in conn.execute("select term, doc from temp.v")}
    conn.close()
    return counts


def choose_queries(path: Path, n: int, total: int, seed: int) -> tuple[list[str], list[str]]:
    import sqlite3

    counts = doc_counts(path)
    rng = random.Random(seed + 1)
    lo, hi = max(1, int(total * 0.0001)), int(total * 0.10)
    conn = sqlite3.connect(path)
    max_id = conn.execute("select max(id) from articles").fetchone()[0]
    queries: list[str] = []
    while len(queries) < n:
        text = conn.execute(
            "select title || ' ' || body_text from articles where id = ?", [rng.randint(1, max_id)]
        ).fetchone()[0]
        words = [w.strip(".").lower() for w in text.split()]
        eligible = sorted({w for w in words if lo <= counts.get(w, 0) <= hi})
        if not eligible:
            continue
        k = min(len(eligible), rng.choice((1, 1, 2, 2, 3)))
        queries.append(" ".join(rng.sample(eligible, k)))
    conn.close()
    common = sorted((w for w, c in counts.items() if c > 0.30 * total), key=lambda w: -counts[w])
    common_queries = common[:: max(1, len(common) // 6)][:6]
    return queries, common_queries


# the columns the search query returns, so every way of searching answers the same JSON
COLUMNS = (
    "a.id, a.title, a.published_at, a.source, a.language, a.content_type, a.url, a.lead, a.story_id, "
    "a.url as atom_id, a.title as atom_title, coalesce(a.published_at, a.first_seen_at) as atom_updated, "
    "a.url as atom_link, coalesce(a.lead, substr(a.body_text, 1, 400)) as atom_content, "
    "a.author as atom_author_name, a.source || ',' || coalesce(a.language, '') as atom_category"
)
BENCH_QUERIES = {
    # the same shape as the search query (rank rowids, then read 100 rows), on the unstemmed index
    "plain_fts": {
        "sql": "with hits as (select f.rowid as id, bm25(articles_fts, 10.0, 3.0, 1.0) as score from articles_fts f "
        "where articles_fts match archive_fts_query(:q) order by score limit 100) "
        f"select {COLUMNS} from hits join articles a on a.id = hits.id order by hits.score, a.published_at desc"
    },
    "like_scan": {
        "sql": f"select {COLUMNS} from articles a "
        "where (a.title like '%' || :w1 || '%' or a.body_text like '%' || :w1 || '%') "
        "and (:w2 = '' or a.title like '%' || :w2 || '%' or a.body_text like '%' || :w2 || '%') "
        "and (:w3 = '' or a.title like '%' || :w3 || '%' or a.body_text like '%' || :w3 || '%') "
        "order by a.published_at desc limit 100"
    },
}


def exact_search_sql(search_sql: str) -> str:
    """The search query without its 30,000-match window: exact bm25 over every match."""
    lines = search_sql.splitlines()
    start = next(i for i, line in enumerate(lines) if "-- bm25 costs" in line)
    end = next(i for i, line in enumerate(lines) if "limit 30000" in line)
    exact = "\n".join(lines[:start] + lines[end + 1 :])
    assert "30000" not in exact
    return exact


def serve(path: Path) -> tuple[str, Any]:
    import asyncio

    import uvicorn

    metadata = load_metadata()
    queries = metadata["databases"]["archive"]["queries"]
    queries.update(BENCH_QUERIES)
    queries["search_exact"] = {"sql": exact_search_sql(queries["search"]["sql"])}
    DATASETTE_SETTINGS_BENCH = {**DATASETTE_SETTINGS, "sql_time_limit_ms": 120_000}
    import scraper.site as site

    site.DATASETTE_SETTINGS = DATASETTE_SETTINGS_BENCH  # the peers may run long; ours is timed
    ds = build_datasette(path, metadata)
    asyncio.run(ds.invoke_startup())
    config = uvicorn.Config(ds.app(), host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    return f"http://127.0.0.1:{port}", server


def timed(client: httpx.Client, url: str, params: dict[str, str]) -> tuple[float, int]:
    t0 = time.perf_counter()
    response = client.get(url, params=params)
    elapsed = time.perf_counter() - t0
    if response.status_code == 400 and "interrupted" in response.text.lower():
        print(f"  time limit hit ({elapsed:.0f} s): {url} {params}", flush=True)
        return elapsed * 1000, -1  # counted at the time it took, its results unknown
    response.raise_for_status()
    return elapsed * 1000, len(response.json())


def run_set(client: httpx.Client, base: str, kind: str, queries: list[str]) -> tuple[list[float], list[int]]:
    times, hits = [], []
    for q in queries:
        if kind == "search":
            ms, n = timed(client, f"{base}/archive/search.json", {"q": q, "_shape": "array"})
        elif kind == "search, exact bm25":
            ms, n = timed(client, f"{base}/archive/search_exact.json", {"q": q, "_shape": "array"})
        elif kind == "plain FTS5":
            ms, n = timed(client, f"{base}/archive/plain_fts.json", {"q": q, "_shape": "array"})
        else:
            words = [*q.split(), "", ""][:3]
            ms, n = timed(
                client,
                f"{base}/archive/like_scan.json",
                {"w1": words[0], "w2": words[1], "w3": words[2], "_shape": "array"},
            )
        times.append(ms)
        hits.append(n)
    return times, hits


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="100,000 articles")
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--like-queries", type=int, default=None, help="time LIKE on the first N queries only")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--reuse", action="store_true", help="search an existing archive at --db")
    args = parser.parse_args()
    n = 100_000 if args.quick else args.articles
    path = args.db or ROOT / "bench" / "out" / f"search-{n}.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    print(f"search benchmark: {n:,} articles, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    if not (args.reuse and path.exists()):
        t0 = time.perf_counter()
        phases = build(path, n, args.seed)
        total = time.perf_counter() - t0
        print(
            f"build: {total:.0f} s in all (text generation {phases['generate']:.0f} s, "
            f"insert with the contract FTS index {phases['insert']:.0f} s, "
            f"stemmed index {phases['stem_index']:.0f} s, optimize {phases['optimize']:.0f} s)"
        )
        print(f"build without text generation: {total - phases['generate']:.0f} s")
    size = path.stat().st_size
    import sqlite3

    conn = sqlite3.connect(path)
    page = conn.execute("pragma page_size").fetchone()[0]
    sizes = dict(
        conn.execute(
            "select name, sum(pgsize) from dbstat where name like 'articles_search%' or name like 'articles_fts%' "
            "group by name"
        ).fetchall()
        if _has_dbstat(conn)
        else []
    )
    conn.close()
    stem_bytes = sum(v for k, v in sizes.items() if k.startswith("articles_search"))
    fts_bytes = sum(v for k, v in sizes.items() if k.startswith("articles_fts"))
    print(
        f"database: {size / 1e9:.2f} GB, {size / n / 1024:.2f} KiB per article"
        + (
            f" (stemmed index {stem_bytes / n / 1024:.2f} KiB, contract FTS {fts_bytes / n / 1024:.2f} KiB)"
            if sizes
            else ""
        )
        + f"; page size {page}"
    )
    queries, common = choose_queries(path, args.queries, n, args.seed)
    print(f"{len(queries)} queries, e.g. {queries[:4]}; very common words: {common}")
    base, server = serve(path)
    results: dict[str, dict[str, Any]] = {}
    try:
        with httpx.Client(timeout=600) as client:
            run_set(client, base, "search", queries[:5])  # warm the connection pool
            for kind in ("search", "search, exact bm25", "plain FTS5", "LIKE"):
                chosen = queries[: args.like_queries] if kind == "LIKE" and args.like_queries else queries
                times, hits = run_set(client, base, kind, chosen)
                c_times, c_hits = run_set(client, base, kind, common) if kind != "LIKE" else ([], [])
                results[kind] = {"times": times, "hits": hits, "common": c_times, "common_hits": c_hits}
    finally:
        server.should_exit = True
    print()
    print(f"| {n:,} articles | queries | p50 ms | p95 ms | max ms | mean results | very common words p50 / max ms |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for kind, r in results.items():
        common_text = f"{statistics.median(r['common']):.0f} / {max(r['common']):.0f}" if r["common"] else "not run"
        print(
            f"| {kind} | {len(r['times'])} | {pct(r['times'], 50):.0f} | {pct(r['times'], 95):.0f} | "
            f"{max(r['times']):.0f} | {statistics.mean(h for h in r['hits'] if h >= 0):.1f} | {common_text} |"
        )
    found_more = sum(1 for a, b in zip(results["search"]["hits"], results["plain FTS5"]["hits"], strict=True) if a > b)
    windowed = sum(1 for q in queries if stemmed_matches(path, q) > 30_000)  # the window of the search query
    print(
        f"\n{windowed} of {len(queries)} queries matched more than 30,000 articles (search ranks the newest 30,000); "
        f"very common words: {[stemmed_matches(path, w) for w in common]} matches"
    )
    print(f"search found more articles than plain FTS5 for {found_more} of {len(queries)} queries (limit 100)")
    out = path.with_suffix(".json")
    out.write_text(json.dumps({"articles": n, "queries": queries, "common": common, "results": results}, indent=1))
    print(f"raw figures: {out}")


def stemmed_matches(path: Path, q: str) -> int:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return int(
            conn.execute(
                "select count(*) from articles_search where articles_search match ?", [search.match_expression(q)]
            ).fetchone()[0]
        )
    finally:
        conn.close()


def _has_dbstat(conn: Any) -> bool:
    try:
        conn.execute("select 1 from dbstat limit 1").fetchall()
        return True
    except Exception:
        return False


if __name__ == "__main__":
    main()
