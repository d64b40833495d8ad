"""Morphology-aware search over Russian, Belarusian and English: stems for the index and the query.

SQLite's FTS5 knows no Russian or Belarusian morphology, so the archive keeps a second
full-text index, ``articles_search``, over *stemmed* text: every word of an article is
case folded, ё folded to е, and reduced to its stem (Snowball through PyStemmer for
Russian and English, :mod:`scraper.stem_be` for Belarusian). A query is turned into stems
the same way by :func:`match_expression`, which the canned query ``search`` calls as the
SQL function ``archive_search_query``. The index is plain FTS5 with the default tokenizer,
so any SQLite can read it; only building the query needs this module.

Query syntax (forgiving: any input gives a valid FTS5 expression, never an error):
words are ANDed; ``"a phrase"`` keeps word order (an unmatched quote runs to the end);
``word*`` is a prefix; ``-word`` or ``-"a phrase"`` excludes; ``OR`` between words or
groups gives alternatives. Everything else (``AND``, ``NEAR(``, ``:``, brackets) is text.
"""

from __future__ import annotations

import itertools
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

import sqlite_utils
import Stemmer

from scraper.stem_be import stem_be
from scraper.transactions import immediate

__all__ = [
    "INDEX_TABLE",
    "WEIGHTS",
    "DeferredIndexing",
    "create_index",
    "index_article",
    "index_pending",
    "index_terms",
    "is_deferred",
    "match_expression",
    "parse_query",
    "rebuild_index",
    "stems_of",
]

INDEX_TABLE = "articles_search"
#: bm25 weights of the index columns: title, lead, body
WEIGHTS = (10.0, 3.0, 1.0)
NO_MATCH = '""'  # an FTS5 expression that is valid and matches nothing

Lang = Literal["ru", "be", "en", "none"]

_WORD = re.compile(r"[^\W_]+(?:['’ʼ][^\W_]+)*")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-z]")
_BE_ONLY = frozenset("ўі'")
_RU_ONLY = frozenset("иъщ")
_UK_ONLY = frozenset("їєґ")
# letters that look alike in the two scripts ("dоcument" with a Cyrillic о is a real case)
_TO_LATIN = str.maketrans("аеорсухікт", "aeopcyxikt")
_TO_CYRILLIC = str.maketrans("aeopcyxi", "аеорсухі")
_local = threading.local()


def _stemmer(name: str) -> Stemmer.Stemmer:
    """One PyStemmer instance per thread and language (instances are not thread-safe)."""
    stemmer: Stemmer.Stemmer | None = getattr(_local, name, None)
    if stemmer is None:
        stemmer = Stemmer.Stemmer(name)
        stemmer.maxCacheSize = 0  # its own cache costs more than it saves: ours sit in front of it
        setattr(_local, name, stemmer)
    return stemmer


def _fold(word: str) -> tuple[str, str]:
    """(folded word, script): lower case, ё→е, look-alike letters put in the word's main script."""
    word = word.lower().replace("ё", "е").replace("’", "'").replace("ʼ", "'")
    if word.isascii():
        return word, ("latin" if _LATIN.search(word) else "other")
    if not _LATIN.search(word):
        return word, ("cyrillic" if _CYRILLIC.search(word) else "other")
    cyr = len(_CYRILLIC.findall(word))
    lat = len(_LATIN.findall(word))
    if cyr and lat:
        word = word.translate(_TO_CYRILLIC) if cyr >= lat else word.translate(_TO_LATIN)
    if cyr >= lat and cyr:
        return word, "cyrillic"
    if lat:
        if not word.isascii():  # café -> cafe
            word = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
        return word, "latin"
    return word, "other"


def _cyrillic_languages(word: str, default: Lang | None) -> tuple[Lang, ...]:
    """Which stemmers a Cyrillic word goes through; letters decide before the article's language."""
    letters = set(word)
    if letters & _UK_ONLY:
        return ("none",)
    if letters & _BE_ONLY:
        return ("be",)
    if letters & _RU_ONLY:
        return ("ru",)
    if default is None:  # a query: the word may be either
        return ("ru", "be")
    return ("be",) if default == "be" else ("ru",)


def _stem(word: str, lang: Lang) -> str:
    if lang == "be":
        return stem_be(word)
    if lang == "ru":
        return str(_stemmer("russian").stemWord(word))
    if lang == "en":
        return str(_stemmer("english").stemWord(word))
    return word.replace("'", "")


@lru_cache(maxsize=50_000)
def stems_of(word: str, language: str | None = None) -> tuple[str, ...]:
    """The stems one word can have: one for a word of an article of ``language``; for a query
    (``language`` None) a Cyrillic word with no telling letter gets its Russian and its Belarusian stem."""
    return _stems(word, language)


def _stems(word: str, language: str | None) -> tuple[str, ...]:
    folded, script = _fold(word)
    if script == "latin" and folded.replace("'", "").isalpha():
        langs: tuple[Lang, ...] = ("en",)
    elif script == "cyrillic" and folded.replace("'", "").isalpha():
        default: Lang | None = None if language is None else ("be" if language == "be" else "ru")
        langs = _cyrillic_languages(folded, default)
    else:  # digits, mixed tokens such as 5g, other scripts
        langs = ("none",)
    return tuple(dict.fromkeys(_stem(folded, lang) or folded for lang in langs))


# word -> stem for article text, per default language: the oldest half goes when it is full, so
# the frequent words stay and the cache stays under about 25 MB each
_DOC_CACHE: dict[str, dict[str, str]] = {"ru": {}, "be": {}}
_DOC_CACHE_LIMIT = 100_000


def _trim(cache: dict[str, str], keep: int) -> None:
    """Drop the oldest entries of ``cache`` until ``keep`` remain (safe while other threads use it)."""
    for old in list(itertools.islice(cache, max(0, len(cache) - keep))):
        cache.pop(old, None)


def index_terms(text: str | None, language: str | None, cache_limit: int = _DOC_CACHE_LIMIT) -> str:
    """The stemmed text the index holds for one field of an article in ``language``."""
    if not text:
        return ""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    key = "be" if language == "be" else "ru"
    cache = _DOC_CACHE[key]  # a plain dict: this runs for every word of every article
    words = _WORD.findall(text.lower())
    distinct = set(words)
    if len(distinct) <= cache_limit // 2:
        if len(cache) + len(distinct) > cache_limit:
            _trim(cache, cache_limit // 2)
        for word in distinct.difference(cache):
            cache[word] = _stems(word, key)[0]
        try:  # every word is in the cache now: the join runs at C speed
            return " ".join(map(cache.__getitem__, words))
        except KeyError:  # another thread trimmed the cache meanwhile
            pass
    # word by word, trimming the cache as it fills (a text of more words than it should hold)
    out = []
    for word in words:
        stem = cache.get(word)
        if stem is None:
            stem = _stems(word, key)[0]
            if len(cache) >= cache_limit:
                _trim(cache, cache_limit // 2)
            cache[word] = stem
        out.append(stem)
    return " ".join(out)


# --------------------------------------------------------------------------- queries


@dataclass(frozen=True)
class Term:
    """One element of a query: a word or a phrase, maybe a prefix, maybe excluded."""

    words: tuple[str, ...]
    prefix: bool = False
    negated: bool = False
    phrase: bool = False


_QUERY_TOKEN = re.compile(r'(-?)"([^"]*)(?:"|$)|(\S+)')


def parse_query(q: str | None) -> list[list[Term]]:
    """The query as groups of terms: terms in a group are ANDed, groups are ORed."""
    groups: list[list[Term]] = [[]]
    for match in _QUERY_TOKEN.finditer(unicodedata.normalize("NFC", q or "")):
        neg, phrase, bare = match.groups()
        if bare is None:
            words = tuple(_WORD.findall(phrase))
            if words:
                groups[-1].append(Term(words, negated=bool(neg), phrase=len(words) > 1))
            continue
        if bare == "OR":
            if groups[-1]:
                groups.append([])
            continue
        negated = bare.startswith("-") and len(bare) > 1
        words = tuple(_WORD.findall(bare))
        if not words:
            continue
        prefix = bare.rstrip("\"'»).,;!?").endswith("*") and len(words) == 1
        if len(words) > 1:  # e.g. e-government, 10.02.2022: the parts in order
            groups[-1].append(Term(words, negated=negated, phrase=True))
        else:
            groups[-1].append(Term(words, prefix=prefix, negated=negated))
    return [g for g in groups if g]


def _quote(stem: str) -> str:
    return '"' + stem.replace('"', "") + '"'


def _term_expression(term: Term) -> str | None:
    if not term.phrase:
        stems = stems_of(term.words[0])
        parts = [_quote(s) + ("*" if term.prefix else "") for s in stems if s]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"
    # a phrase: one reading per language, so a Russian and a Belarusian phrase both match
    readings: list[str] = []
    per_word = [stems_of(w) for w in term.words]
    width = max(len(s) for s in per_word)
    for i in range(width):
        readings.append(" ".join(s[min(i, len(s) - 1)] for s in per_word))
    if len(per_word) <= 4:  # mixed readings too, while that stays small
        readings.extend(" ".join(c) for c in itertools.islice(itertools.product(*per_word), 16))
    unique = [_quote(r) for r in dict.fromkeys(readings) if r.strip()]
    if not unique:
        return None
    return unique[0] if len(unique) == 1 else "(" + " OR ".join(unique) + ")"


def match_expression(q: str | None) -> str:
    """What a person typed, as a valid FTS5 expression over ``articles_search`` (stems)."""
    positives: list[str] = []
    negatives: list[str] = []
    for group in parse_query(q):
        parts: list[str] = []
        for term in group:
            expr = _term_expression(term)
            if expr is None:
                continue
            (negatives if term.negated else parts).append(expr)
        if parts:
            positives.append(parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")")
    if not positives:
        return NO_MATCH
    expression = positives[0] if len(positives) == 1 else " OR ".join(positives)
    if negatives:
        expression = f"({expression})" + "".join(f" NOT {n}" for n in dict.fromkeys(negatives))
    return expression


# --------------------------------------------------------------------------- the index


def create_index(db: sqlite_utils.Database) -> None:
    """Create the stemmed index (columns title, lead, body) with title-weighted bm25 as its rank."""
    db.execute(
        f"create virtual table if not exists {INDEX_TABLE} using fts5("
        "title, lead, body, tokenize = 'unicode61 remove_diacritics 0')"
    )
    weights = ", ".join(str(w) for w in WEIGHTS)
    db.execute(f"insert into {INDEX_TABLE} ({INDEX_TABLE}, rank) values ('rank', 'bm25({weights})')")


_Row = tuple[int, str | None, str | None, str | None, str | None]


def _rows_for(rows: Iterable[_Row], cache_limit: int = _DOC_CACHE_LIMIT) -> Iterator[tuple[object, ...]]:
    for article_id, title, lead, body, language in rows:
        yield (
            article_id,
            index_terms(title, language, cache_limit),
            index_terms(lead, language, cache_limit),
            index_terms(body, language, cache_limit),
        )


def index_article(db: sqlite_utils.Database, article_id: int, new: Mapping[str, Any] | None = None) -> None:
    """Put one article's current text into the stemmed index (replacing what was there).

    The store calls this inside the transaction that writes the article; for an article it has
    just inserted it passes the row (``new``), which is then not read back.
    """
    if new is None:
        rows: list[_Row] = db.conn.execute(
            "select id, title, lead, body_text, language from articles where id = ?", [article_id]
        ).fetchall()
    else:
        rows = [(article_id, new.get("title"), new.get("lead"), new.get("body_text"), new.get("language"))]
    # also for a new article: a row left by an article deleted by hand would hold its id
    _replace_entries(db, [article_id], rows)


_INSERT = f"insert into {INDEX_TABLE} (rowid, title, lead, body) values (?, ?, ?, ?)"


def _replace_entries(db: sqlite_utils.Database, ids: list[int], rows: Iterable[_Row]) -> None:
    """The index entries of articles ``ids`` replaced by ``rows`` (their current text, stemmed here);
    an id with no row (an article gone) is left with no entry."""
    db.conn.execute(f"delete from {INDEX_TABLE} where rowid in ({','.join('?' * len(ids))})", ids)
    db.conn.executemany(_INSERT, _rows_for(rows))


#: a rebuild stems the whole archive at once and may hold more words (about 250 MB at most)
REBUILD_CACHE_LIMIT = 1_000_000


def rebuild_index(db: sqlite_utils.Database, batch: int = 2000) -> int:
    """Re-stem every article into a fresh index (after a stemmer change, or to fill it the first
    time); returns the number of articles indexed."""
    db.execute(f"delete from {INDEX_TABLE}")
    if "search_pending" in db.table_names():  # every article is indexed below: none stays queued
        db.execute("delete from search_pending")
    total = 0
    last = 0
    while True:
        rows = db.execute(
            "select id, title, lead, body_text, language from articles where id > ? order by id limit ?",
            [last, batch],
        ).fetchall()
        if not rows:
            break
        db.conn.executemany(_INSERT, _rows_for(rows, REBUILD_CACHE_LIMIT))
        total += len(rows)
        last = rows[-1][0]
    for cache in _DOC_CACHE.values():
        _trim(cache, _DOC_CACHE_LIMIT // 2)
    db.execute(f"insert into {INDEX_TABLE} ({INDEX_TABLE}) values ('optimize')")
    return total


# --------------------------------------------------------------------------- deferred indexing

_DEFER_ATTR = "_scraper_search_deferred"


class DeferredIndexing:
    """While open on a connection, the store leaves stemming to :func:`index_pending`.

    Triggers queue every written article in ``search_pending`` in the article's own transaction,
    so nothing is lost to a crash; a scrape run defers indexing so that the stemming (the
    costliest part of writing an article) is out of its pages' transactions: done by the indexer
    process of ``up`` (``python -m scraper index --follow``, on another core), or by the run in
    batches between pages, and at the run's end. Nests.
    """

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def __enter__(self) -> DeferredIndexing:
        setattr(self.db, _DEFER_ATTR, getattr(self.db, _DEFER_ATTR, 0) + 1)
        return self

    def __exit__(self, *exc: object) -> None:
        depth = getattr(self.db, _DEFER_ATTR, 1) - 1
        if depth:
            setattr(self.db, _DEFER_ATTR, depth)
        else:
            delattr(self.db, _DEFER_ATTR)


def is_deferred(db: sqlite_utils.Database) -> bool:
    return bool(getattr(db, _DEFER_ATTR, 0))


def index_pending(db: sqlite_utils.Database, batch: int = 200, limit: int | None = None) -> int:
    """Index the articles queued in ``search_pending`` (oldest first, ``batch`` a transaction);
    returns how many were indexed. Safe beside writers and other indexers."""
    done = 0
    # a read first: with nothing queued, no write transaction is begun (no lock taken) at all
    while (limit is None or done < limit) and db.conn.execute("select 1 from search_pending limit 1").fetchone():
        size = batch if limit is None else min(batch, limit - done)
        with immediate(db):
            queued = db.conn.execute("select article_id from search_pending order by article_id limit ?", [size])
            ids = [r[0] for r in queued]
            if not ids:  # another indexer took them meanwhile
                break
            marks = ",".join("?" * len(ids))
            rows: list[_Row] = db.conn.execute(
                f"select id, title, lead, body_text, language from articles where id in ({marks})", ids
            ).fetchall()
            _replace_entries(db, ids, rows)
            db.conn.execute(f"delete from search_pending where article_id in ({marks})", ids)
        done += len(ids)
    return done
