"""Stories, content types, interview turns, topics, people and organisations of archived articles.

:func:`refresh_article` runs after the store saved one article (new or changed): it links the
article to the archive (translations, alternates, near-duplicates), re-types it and writes its
turns and facets. :func:`recompute_archive` does the same for every article at once, which is
what ``python -m scraper recompute`` runs after a change of vocabulary or thresholds; both use the
same functions, so an article gets the same values either way.
"""

from __future__ import annotations

import functools
import json
import logging
import multiprocessing as mp
import os
import threading
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

import numpy as np
import sqlite_utils

from scraper import stories, versions, vocabulary
from scraper.analysis import TextAnalysis, analyse_text
from scraper.migrations import immediate
from scraper.store import ArticleRecord, now_iso
from scraper.stories import DEFAULT_PARAMS, U64, Edge, Member, StoryParams

__all__ = ["Analysis", "RecomputeStats", "analyse", "recompute_archive", "refresh_article"]

log = logging.getLogger(__name__)

_COLUMNS = (
    "a.id, a.url, a.source, a.language, a.title, a.lead, a.body_text, a.body_markdown, a.author,"
    " a.published_at, a.story_id, a.content_type, a.topics, a.content_hash,"
    " m.base_story_id, m.story_id as member_story_id, m.minhash"
)


@dataclass(frozen=True, eq=False)
class Analysis(TextAnalysis):
    """Everything recomputed from one article's stored text: the analysis of its text, and the
    article as a member of stories."""

    member: Member


@dataclass
class RecomputeStats:
    """What a recompute found, and how long each part took."""

    articles: int = 0
    stories: int = 0
    multi_article_stories: int = 0
    links: Counter[str] = field(default_factory=Counter)
    content_types: Counter[str] = field(default_factory=Counter)
    interview_turns: int = 0
    topics: int = 0
    people: int = 0
    organisations: int = 0
    diffs: int = 0
    changed_story_ids: int = 0
    candidate_pairs: int = 0
    compared_pairs: int = 0
    rewritten_facets: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())


def _published(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


_DEFAULT_TYPES: dict[str, str] = {}


def _default_type(source: str) -> str:
    if source not in _DEFAULT_TYPES:
        from scraper.errors import ConfigError
        from scraper.sources import get_source

        try:
            _DEFAULT_TYPES[source] = get_source(source).default_content_type
        except ConfigError:
            _DEFAULT_TYPES[source] = "news"
    return _DEFAULT_TYPES[source]


def analyse(
    row: Mapping[str, Any], base: str, params: StoryParams = DEFAULT_PARAMS, text: TextAnalysis | None = None
) -> Analysis:
    """Stories' evidence, content type, turns and facets of one article row (pure); ``text``: the
    analysis of its text made when its record was built, used when it is the row's."""
    member = Member(int(row["id"]), row["source"], row.get("language"), base, _published(row.get("published_at")))
    default_type = _default_type(row["source"])
    if text is None or not text.fits(row, default_type, params.min_shingles):
        text = analyse_text(row, default_type, params.min_shingles)
    return Analysis(**{f.name: getattr(text, f.name) for f in fields(TextAnalysis)}, member=member)


# --------------------------------------------------------------------------- writing


def _signature_blob(signature: U64 | None) -> bytes | None:
    return signature.astype(np.uint32).tobytes() if signature is not None else None


def _keys_of_blob(blob: bytes | None) -> list[int]:
    if not blob:
        return []
    return stories.band_keys(np.frombuffer(blob, dtype=np.uint32).astype(np.uint64))


_FACET_TABLES = ("article_topics", "article_organisations", "article_people", "interview_turns")


def _write_facets(
    db: sqlite_utils.Database,
    analyses: Sequence[Analysis],
    rows: Mapping[int, Mapping[str, Any]],
    update_articles: bool = True,
) -> None:
    """Content type, topics, organisations, people and turns of the analysed articles (rewritten).

    Without ``update_articles``, the caller writes ``content_type`` and ``topics`` (:func:`_type_update`).
    """
    ids = [a.member.id for a in analyses]
    for table in _FACET_TABLES:
        for chunk in _chunks(ids, 500):
            db.conn.execute(f"delete from {table} where article_id in ({','.join('?' * len(chunk))})", chunk)
    db.conn.executemany(
        "insert into article_topics (article_id, topic) values (?, ?)",
        [(a.member.id, t) for a in analyses for t in a.topics],
    )
    db.conn.executemany(
        "insert into article_organisations (article_id, organisation) values (?, ?)",
        [(a.member.id, o) for a in analyses for o in a.organisations],
    )
    db.conn.executemany(
        "insert into article_people (article_id, name, role) values (?, ?, ?)",
        [(a.member.id, name, role) for a in analyses for name, role in a.people],
    )
    db.conn.executemany(
        "insert into interview_turns (article_id, turn, speaker, role, text) values (?, ?, ?, ?, ?)",
        [(a.member.id, t.turn, t.speaker, t.role, t.text) for a in analyses for t in a.turns],
    )
    if not update_articles:
        return
    updates = []
    for a in analyses:
        changed = _type_update(a, rows[a.member.id])
        if changed:
            updates.append((changed["content_type"], changed["topics"], a.member.id))
    db.conn.executemany("update articles set content_type = ?, topics = ? where id = ?", updates)


def _type_update(a: Analysis, row: Mapping[str, Any]) -> dict[str, Any]:
    """The article's new ``content_type`` and ``topics`` when either changed, else nothing."""
    topics = json.dumps(a.topics, ensure_ascii=False)
    if row.get("content_type") != a.content_type or row.get("topics") != topics:
        return {"content_type": a.content_type, "topics": topics}
    return {}


def _chunks(items: Sequence[int], size: int) -> Iterable[list[int]]:
    for i in range(0, len(items), size):
        yield list(items[i : i + size])


def _write_story_ids(db: sqlite_utils.Database, assigned: Mapping[int, str], current: Mapping[int, str | None]) -> int:
    changed = [(story, aid) for aid, story in assigned.items() if current.get(aid) != story]
    db.conn.executemany("update articles set story_id = ? where id = ?", changed)
    db.conn.executemany("update story_members set story_id = ? where article_id = ?", changed)
    return len(changed)


def _insert_links(db: sqlite_utils.Database, edges: Iterable[Edge], now: str) -> None:
    db.conn.executemany(
        "insert or replace into story_links (article_a, article_b, kind, score, found_at) values (?, ?, ?, ?, ?)",
        [(e.a, e.b, e.kind, round(e.score, 4), now) for e in edges],
    )


#: the archived articles at a URL: by their own URL or by an alias
_AT_URL = (
    "select id from articles where url = :url"
    " union select article_id from url_aliases where url = :url and article_id is not null"
)


def _hreflang_edges(db: sqlite_utils.Database, article_id: int | None = None) -> list[Edge]:
    """Links from each article's declared alternates to the archived articles at those URLs.

    With ``article_id``, only the links of that article: its own alternates, and the alternates of
    others that name one of its URLs; every step an index look-up, so that a refresh costs the same
    in an archive of any size.
    """
    if article_id is None:
        sql = (
            "select distinct x.article_id as a, t.id as b from article_alternates x"
            " join (select id, url from articles union select article_id as id, url from url_aliases) t"
            " on t.url = x.url where t.id != x.article_id"
        )
        pairs = db.execute(sql).fetchall()
    else:
        conn = db.conn
        pairs = []
        for (url,) in conn.execute("select url from article_alternates where article_id = ?", [article_id]):
            pairs.extend((article_id, other) for (other,) in conn.execute(_AT_URL, {"url": url}))
        mine = conn.execute(
            "select url from articles where id = :id union select url from url_aliases where article_id = :id",
            {"id": article_id},
        ).fetchall()
        for (url,) in mine:
            pairs.extend(
                (other, article_id)
                for (other,) in conn.execute("select article_id from article_alternates where url = ?", [url])
            )
    edges = {Edge(min(a, b), max(a, b), "hreflang") for a, b in pairs if a != b}
    return sorted(edges, key=lambda e: (e.a, e.b))


# --------------------------------------------------------------------------- one article


def refresh_article(
    db: sqlite_utils.Database,
    article_id: int,
    record: ArticleRecord | None = None,
    now: str | None = None,
    params: StoryParams = DEFAULT_PARAMS,
) -> str | None:
    """Link, type and describe one article just saved; return its story id.

    ``record`` is what the pipeline saved: its ``story_id`` is the source's own story id (base)
    and its ``alternates`` the pages it names as its translations.
    """
    now = now or now_iso()
    with immediate(db):
        found = _rows(db, [article_id])
        if not found:
            return None
        row = found[0]
        base = (
            (record.story_id if record is not None and record.story_id else None)
            or row["base_story_id"]
            or (row["story_id"] or f"article-{article_id}")
        )
        old_story = row["member_story_id"] or row["story_id"]
        analysis = analyse(row, base, params, record.analysis if record is not None else None)
        # content type and topics go with the story id in one update: every update of an articles row
        # rewrites its full-text entry (the articles_au trigger), the costliest write of a refresh
        _write_facets(db, [analysis], {article_id: row}, update_articles=False)

        if record is not None:
            db.conn.execute("delete from article_alternates where article_id = ?", [article_id])
            db.conn.executemany(
                "insert or ignore into article_alternates (article_id, hreflang, url) values (?, ?, ?)",
                [(article_id, lang, url) for lang, url in record.alternates],
            )
        # the LSH bands: the old ones that are gone deleted (not all, to be written again), the new ones added
        new_keys = set(analysis.keys)
        db.conn.executemany(
            "delete from story_bands where key = ? and article_id = ?",
            [(k, article_id) for k in sorted(set(_keys_of_blob(row["minhash"])) - new_keys)],
        )
        db.conn.execute(
            "insert or replace into story_members (article_id, base_story_id, story_id, content_hash, shingles,"
            " minhash, computed_at) values (?, ?, ?, ?, ?, ?, ?)",
            [
                article_id,
                base,
                old_story or base,
                row["content_hash"],
                len(analysis.shingles),
                _signature_blob(analysis.signature),
                now,
            ],
        )
        if new_keys:  # one statement for the article's bands (executemany steps once a row)
            db.conn.execute(_bands_sql(len(new_keys)), [v for k in sorted(new_keys) for v in (k, article_id)])

        # near-duplicates among the articles that share a band with this one
        edges: list[Edge] = []
        if analysis.keys and analysis.signature is not None:
            marks = ",".join("?" * len(analysis.keys))
            # as in stories.candidate_pairs: a key shared by too many articles (boilerplate) finds nothing;
            # this article holds every one of its keys, so only a key counted twice or more finds another
            counts = db.conn.execute(
                f"select key, count(*) from story_bands where key in ({marks}) group by key", analysis.keys
            ).fetchall()
            keys = [key for key, count in counts if count <= stories.MAX_BUCKET]
            candidates: list[int] = []
            if any(1 < count <= stories.MAX_BUCKET for _, count in counts):
                candidates = [
                    r[0]
                    for r in db.conn.execute(
                        f"select distinct article_id from story_bands where key in ({','.join('?' * len(keys))})"
                        " and article_id != ?",
                        [*keys, article_id],
                    ).fetchall()
                ]
            mine = analysis.signature.astype(np.uint32)
            for other in _rows(db, candidates):
                if not other["minhash"]:
                    continue
                if stories.agreement(mine, np.frombuffer(other["minhash"], dtype=np.uint32)) < params.prefilter:
                    continue
                other_base = other["base_story_id"] or other["story_id"] or f"article-{other['id']}"
                member = Member(
                    other["id"], other["source"], other["language"], other_base, _published(other["published_at"])
                )
                theirs = stories.shingles(vocabulary.tokenize(f"{other['title']}\n{other['body_text'] or ''}"))
                score = stories.near_duplicate(analysis.member, member, analysis.shingles, theirs, params)
                if score is not None:
                    edges.append(Edge(min(article_id, member.id), max(article_id, member.id), "near-duplicate", score))
        db.conn.execute(
            "delete from story_links where kind in ('near-duplicate', 'hreflang') and (article_a = ? or article_b = ?)",
            [article_id, article_id],
        )
        _insert_links(db, [*edges, *_hreflang_edges(db, article_id)], now)

        # the stories this article was, and may now be, part of: rebuilt from their stored links
        seeds = {article_id}
        if old_story:
            seeds.update(
                r[0] for r in db.conn.execute("select article_id from story_members where story_id = ?", [old_story])
            )
        members, links, current = _closure(db, seeds)
        assigned = stories.assign_stories(members, links, params)
        mine_update = _type_update(analysis, row)
        if article_id in assigned and current.get(article_id) != assigned[article_id]:
            mine_update["story_id"] = assigned[article_id]
            db.conn.execute(
                "update story_members set story_id = ? where article_id = ?", [assigned[article_id], article_id]
            )
        if mine_update:
            columns = ", ".join(f"{name} = ?" for name in mine_update)
            db.conn.execute(f"update articles set {columns} where id = ?", [*mine_update.values(), article_id])
        _write_story_ids(db, {aid: story for aid, story in assigned.items() if aid != article_id}, current)
        versions.write_missing_diffs(db, article_id, now)
        return assigned.get(article_id)


@functools.lru_cache(maxsize=8)
def _bands_sql(count: int) -> str:
    return "insert or ignore into story_bands (key, article_id) values " + ", ".join(["(?, ?)"] * count)


def _rows(db: sqlite_utils.Database, ids: Sequence[int]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for chunk in _chunks(ids, 500):
        cursor = db.execute(
            f"select {_COLUMNS} from articles a left join story_members m on m.article_id = a.id"
            f" where a.id in ({','.join('?' * len(chunk))})",
            chunk,
        )
        names = [d[0] for d in cursor.description]
        out.extend(dict(zip(names, r, strict=True)) for r in cursor.fetchall())
    return out


def _select_in(db: sqlite_utils.Database, sql: str, ids: Sequence[int]) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    for chunk in _chunks(ids, 500):
        out.extend(db.execute(sql.format(",".join("?" * len(chunk))), chunk).fetchall())
    return out


def _closure(db: sqlite_utils.Database, seeds: set[int]) -> tuple[dict[int, Member], list[Edge], dict[int, str | None]]:
    """Every article reachable from ``seeds`` through links and shared base ids, their links and
    their current story ids."""
    seen: set[int] = set()
    frontier = set(seeds)
    links: dict[tuple[int, int, str], Edge] = {}
    while frontier:
        seen |= frontier
        ids = sorted(frontier)
        grown: set[int] = set()
        for a, b, kind, score in _links_of(db, ids):
            links[(a, b, kind)] = Edge(a, b, kind, score)
            grown.update((a, b))
        bases = [r[0] for r in _select_in(db, "select base_story_id from story_members where article_id in ({})", ids)]
        for chunk in range(0, len(bases), 500):
            part = bases[chunk : chunk + 500]
            grown.update(
                r[0]
                for r in db.execute(
                    f"select article_id from story_members where base_story_id in ({','.join('?' * len(part))})",
                    part,
                )
            )
        frontier = grown - seen
    members: dict[int, Member] = {}
    current: dict[int, str | None] = {}
    # what a member needs, not the texts (_rows reads those from their overflow pages)
    sql = (
        "select a.id, a.source, a.language, a.published_at, a.story_id, m.base_story_id from articles a"
        " left join story_members m on m.article_id = a.id where a.id in ({})"
    )
    for aid, source, language, published_at, story_id, base_story_id in _select_in(db, sql, sorted(seen)):
        base = base_story_id or story_id or f"article-{aid}"
        members[aid] = Member(aid, source, language, base, _published(published_at))
        current[aid] = story_id
    return members, list(links.values()), current


def _links_of(db: sqlite_utils.Database, ids: Sequence[int]) -> list[tuple[int, int, str, float]]:
    out: list[tuple[int, int, str, float]] = []
    for chunk in _chunks(ids, 400):
        marks = ",".join("?" * len(chunk))
        out.extend(
            db.execute(
                f"select article_a, article_b, kind, score from story_links where article_a in ({marks})"
                f" or article_b in ({marks})",
                [*chunk, *chunk],
            ).fetchall()
        )
    return out


# --------------------------------------------------------------------------- the whole archive


def recompute_archive(
    db: sqlite_utils.Database, params: StoryParams = DEFAULT_PARAMS, workers: int | None = None
) -> RecomputeStats:
    """Recompute stories, content types, turns, topics, people and organisations of every article.

    Only what changed is written, so a second recompute over an unchanged archive writes nothing.
    ``workers`` processes analyse the articles (default: one per CPU, at most four, for archives of
    2,000 articles or more; 1 analyses in this process).
    """
    stats = RecomputeStats()
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        stats.seconds[name] = round(now - clock, 3)
        clock = now

    cursor = db.execute(f"select {_COLUMNS} from articles a left join story_members m on m.article_id = a.id")
    names = [d[0] for d in cursor.description]
    rows = {r[0]: dict(zip(names, r, strict=True)) for r in cursor.fetchall()}
    lap("read")
    analyses = _analyse_all(rows, params, workers)
    lap("analyse")
    edges = _near_duplicates(analyses, params, stats)
    hreflang = _hreflang_edges(db)
    members = {aid: a.member for aid, a in analyses.items()}
    assigned = stories.assign_stories(members, [*hreflang, *edges], params)
    lap("link")
    now = now_iso()
    with immediate(db):
        _sync_members(db, analyses, rows, assigned, now)
        _sync_links(db, [*hreflang, *edges], now)
        stats.changed_story_ids = _write_story_ids(db, assigned, {aid: r["story_id"] for aid, r in rows.items()})
        stored = _stored_facets(db)
        changed = [a for a in analyses.values() if _facets_changed(a, rows[a.member.id], stored)]
        _write_facets(db, changed, rows)
        stats.rewritten_facets = len(changed)
        stats.diffs = versions.write_missing_diffs(db, None, None)
    lap("write")
    stats.articles = len(rows)
    sizes = Counter(assigned.values())
    stats.stories = len(sizes)
    stats.multi_article_stories = sum(1 for n in sizes.values() if n > 1)
    stats.links = Counter(e.kind for e in [*hreflang, *edges])
    stats.content_types = Counter(a.content_type for a in analyses.values())
    stats.interview_turns = sum(len(a.turns) for a in analyses.values())
    stats.topics = len({t for a in analyses.values() for t in a.topics})
    stats.people = len({p for a in analyses.values() for p, _ in a.people})
    stats.organisations = len({o for a in analyses.values() for o in a.organisations})
    log.info("recomputed %d articles: %d stories in %.1fs", stats.articles, stats.stories, stats.total_seconds)
    return stats


def _analyse_chunk(job: tuple[list[tuple[dict[str, Any], str]], StoryParams]) -> list[Analysis]:
    items, params = job
    return [analyse(row, base, params) for row, base in items]


def _analyse_all(rows: Mapping[int, dict[str, Any]], params: StoryParams, workers: int | None) -> dict[int, Analysis]:
    """:func:`analyse` every row, in worker processes when there are many (the work is pure)."""
    items = [(row, row["base_story_id"] or row["story_id"] or f"article-{aid}") for aid, row in rows.items()]
    if workers is None:
        workers = min(4, os.cpu_count() or 1) if len(items) >= 2000 else 1
    if workers <= 1 or len(items) < 2 * workers:
        return {int(row["id"]): analyse(row, base, params) for row, base in items}
    stories.minhash(np.zeros(1, dtype=np.uint32))  # permutations made before a fork: not once per worker
    # fork is fast and shares what is imported; with other threads running, a fork could deadlock
    method = "fork" if "fork" in mp.get_all_start_methods() and threading.active_count() == 1 else "spawn"
    size = max(200, len(items) // (workers * 4))
    jobs = [(items[i : i + size], params) for i in range(0, len(items), size)]
    analyses: dict[int, Analysis] = {}
    with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context(method)) as pool:
        for part in pool.map(_analyse_chunk, jobs):
            analyses.update((a.member.id, a) for a in part)
    return analyses


def _near_duplicates(analyses: Mapping[int, Analysis], params: StoryParams, stats: RecomputeStats) -> list[Edge]:
    """Every near-duplicate pair: LSH candidates, MinHash agreement as a cheap filter, exact shingles last."""
    pairs = stories.candidate_pairs({aid: a.keys for aid, a in analyses.items() if a.keys})
    stats.candidate_pairs = len(pairs)
    if not pairs:
        return []
    index = {aid: i for i, aid in enumerate(analyses)}
    signatures = np.zeros((len(index), stories.NUM_PERM), dtype=np.uint32)
    for aid, a in analyses.items():
        if a.signature is not None:
            signatures[index[aid]] = a.signature
    left = np.fromiter((index[x] for x, _ in pairs), dtype=np.intp, count=len(pairs))
    right = np.fromiter((index[y] for _, y in pairs), dtype=np.intp, count=len(pairs))
    agree = stories.agreements(signatures, left, right)
    edges = []
    for (x, y), estimate in zip(pairs, agree.tolist(), strict=True):
        if estimate < params.prefilter:
            continue
        stats.compared_pairs += 1
        ax, ay = analyses[x], analyses[y]
        score = stories.near_duplicate(ax.member, ay.member, ax.shingles, ay.shingles, params)
        if score is not None:
            edges.append(Edge(x, y, "near-duplicate", score))
    return edges


def _sync_members(
    db: sqlite_utils.Database,
    analyses: Mapping[int, Analysis],
    rows: Mapping[int, Mapping[str, Any]],
    assigned: Mapping[int, str],
    now: str,
) -> None:
    """story_members and the LSH bands, rewritten only for articles whose signature or base changed."""
    stale = []
    for aid, a in analyses.items():
        row = rows[aid]
        blob = _signature_blob(a.signature)
        if row["minhash"] == blob and row["base_story_id"] == a.member.base:
            continue
        stale.append((aid, a, blob))
        db.conn.executemany(
            "delete from story_bands where key = ? and article_id = ?",
            [(k, aid) for k in _keys_of_blob(row["minhash"])],
        )
    db.conn.executemany(
        "insert or replace into story_members (article_id, base_story_id, story_id, content_hash, shingles,"
        " minhash, computed_at) values (?, ?, ?, ?, ?, ?, ?)",
        [
            (aid, a.member.base, assigned[aid], rows[aid]["content_hash"], len(a.shingles), blob, now)
            for aid, a, blob in stale
        ],
    )
    db.conn.executemany(
        "insert or ignore into story_bands (key, article_id) values (?, ?)",
        sorted((k, aid) for aid, a, _ in stale for k in a.keys),  # in key order: three times faster
    )


def _sync_links(db: sqlite_utils.Database, edges: Sequence[Edge], now: str) -> None:
    """story_links: the links that are gone removed, the new (or re-scored) ones written."""
    wanted = {(e.a, e.b, e.kind): round(e.score, 4) for e in edges}
    stored = {
        (a, b, kind): score
        for a, b, kind, score in db.execute(
            "select article_a, article_b, kind, score from story_links where kind in ('near-duplicate', 'hreflang')"
        ).fetchall()
    }
    db.conn.executemany(
        "delete from story_links where article_a = ? and article_b = ? and kind = ?",
        [key for key in stored if key not in wanted],
    )
    _insert_links(db, [e for e in edges if stored.get((e.a, e.b, e.kind)) != round(e.score, 4)], now)


_StoredFacets = dict[str, dict[int, list[tuple[Any, ...]]]]
_FACET_COLUMNS = {
    "article_topics": "topic",
    "article_organisations": "organisation",
    "article_people": "name, role",
    "interview_turns": "turn, speaker, role, text",
}


def _stored_facets(db: sqlite_utils.Database) -> _StoredFacets:
    """The facet rows of every article as stored, in the order they were written."""
    found: _StoredFacets = {}
    for table, columns in _FACET_COLUMNS.items():
        per: dict[int, list[tuple[Any, ...]]] = {}
        for r in db.execute(f"select article_id, {columns} from {table} order by article_id, rowid").fetchall():
            per.setdefault(r[0], []).append(tuple(r[1:]))
        found[table] = per
    return found


def _facets_changed(a: Analysis, row: Mapping[str, Any], stored: _StoredFacets) -> bool:
    aid = a.member.id
    return (
        row.get("content_type") != a.content_type
        or row.get("topics") != json.dumps(a.topics, ensure_ascii=False)
        or stored["article_topics"].get(aid, []) != [(t,) for t in a.topics]
        or stored["article_organisations"].get(aid, []) != [(o,) for o in a.organisations]
        or stored["article_people"].get(aid, []) != list(a.people)
        or stored["interview_turns"].get(aid, []) != [(t.turn, t.speaker, t.role, t.text) for t in a.turns]
    )
