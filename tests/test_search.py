"""Stemming, folding and query building of scraper.search, and the stemmed index on real SQLite."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlite_utils

from scraper import search
from scraper.migrations import MIGRATIONS, migrate
from scraper.stem_be import stem_be
from scraper.store import ArticleRecord, open_db, save_article

# --------------------------------------------------------------------------- stems


@pytest.mark.parametrize(
    "forms",
    [
        "горад горада гораду горадзе горадам гарады гарадоў гарадамі гарадах",
        "краіна краіны краіне краіну краінай краінаю краін краінамі краінах",
        "разумны разумнага разумнаму разумным разумная разумнай разумную разумнае разумныя разумных разумнымі",
        "сувязь сувязі сувяззю сувязей сувязям сувязямі",
        "тэхналогія тэхналогіі тэхналогію тэхналогіяй тэхналогій тэхналогіям тэхналогіямі тэхналогіях",
        "чытаць чытаю чытаеш чытае чытаем чытаеце чытаюць чытаў чытала чыталі",
        "міністр міністра міністру міністрам міністры міністраў міністрамі",
        "сустрэча сустрэчы сустрэчу сустрэчай сустрэч сустрэчах",
        "развіццё развіцця развіццю развіццём",
        "лічбавы лічбавая лічбавай лічбавых лічбавага лічбавае лічбавую",
        "эканоміка эканомікі эканоміцы эканоміку эканомікай",
        "сістэма сістэмы сістэме сістэму сістэмай сістэм сістэмамі",
        "адукацыя адукацыі адукацыю адукацыяй",
        "праект праекта праекце праекты праектаў праектамі",
        "вучыцца вучыўся вучылася вучацца",
    ],
)
def test_belarusian_forms_of_one_word_share_a_stem(forms: str) -> None:
    stems = {word: stem_be(word) for word in forms.split()}
    assert len(set(stems.values())) == 1, stems


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("горад", "гарадскі"),
        ("краіна", "крама"),
        ("сувязь", "сувенір"),
        ("разумны", "раз"),
        ("міністр", "міністэрства"),
    ],
)
def test_different_belarusian_words_keep_different_stems(one: str, other: str) -> None:
    assert stem_be(one) != stem_be(other)


def test_a_known_limit_of_the_belarusian_stemmer() -> None:
    # в becomes ў at the end of a syllable (умова, умоў): a suffix stripper cannot undo that
    assert stem_be("умова") != stem_be("умоў")


@pytest.mark.parametrize(
    ("word", "language", "stem"),
    [
        ("городов", "ru", "город"),
        ("Города", "ru", "город"),
        ("ЁЛКАМИ", "ru", "елк"),
        ("ёлки", "ru", "елк"),
        ("cities", "en", "citi"),
        ("City's", "en", "citi"),
        ("dоcument", "en", "document"),  # a Cyrillic о inside an English word
        ("гарадоў", "be", "гарад"),
        ("горадзе", "be", "гарад"),
        ("5G", "en", "5g"),
        ("2022", "ru", "2022"),
    ],
)
def test_stem_of_a_word_in_an_article(word: str, language: str, stem: str) -> None:
    assert search.stems_of(word, language) == (stem,)


def test_a_query_word_gets_every_stem_its_letters_allow() -> None:
    assert set(search.stems_of("городов")) == {"город", "гарадав"}  # could be Russian or Belarusian
    assert search.stems_of("гарадоў") == ("гарад",)  # ў: Belarusian only
    assert search.stems_of("городами") == ("город", "гарадам") or "город" in search.stems_of("городами")
    assert search.stems_of("цифровизации") == ("цифровизац",)  # и: Russian only


def test_index_terms_stem_every_word_by_the_article_language() -> None:
    assert search.index_terms("Умные ГОРОДА и ёлки, 5G.", "ru") == "умн город и елк 5g"
    assert search.index_terms("Разумныя гарады ў Мінску", "be") == "разумн гарад у мінск"
    assert search.index_terms("Smart cities' data", "en") == "smart citi data"
    assert search.index_terms(None, "ru") == ""


# --------------------------------------------------------------------------- queries


@pytest.mark.parametrize(
    ("q", "expression"),
    [
        ("гарадоў", '"гарад"'),
        ("smart cities", '("smart" AND "citi")'),
        ('"smart cities"', '"smart citi"'),
        ("smart*", '"smart"*'),
        ("smart -city", '("smart") NOT "citi"'),
        ("smart OR 5G", '"smart" OR "5g"'),
        ("e-government", '"e govern"'),
        ("", '""'),
        ("-", '""'),
        ("*", '""'),
        ("-smart", '""'),
    ],
)
def test_match_expression(q: str, expression: str) -> None:
    assert search.match_expression(q) == expression


def test_a_phrase_of_ambiguous_cyrillic_words_has_a_russian_and_a_belarusian_reading() -> None:
    expression = search.match_expression('"умный город"')
    assert '"умн город"' in expression and '"умн гарад"' in expression


BAD_QUERIES = [
    '"unbalanced',
    'a "b',
    "-",
    "--",
    "AND",
    "OR",
    "NOT",
    "smart OR",
    "OR smart",
    "NEAR(",
    "NEAR(a b",
    "*",
    "**a",
    "a*b",
    "title:smart",
    "{title}: x",
    "(((",
    ")",
    "'",
    '"',
    '""',
    "^a",
    "a + b",
    "ё",
    "\x00",
    "😀 smart",
    "a" * 500,
    " ".join(["город"] * 60),
]


@pytest.mark.parametrize("q", BAD_QUERIES)
def test_no_input_gives_an_fts5_error(q: str) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("create virtual table t using fts5(title, lead, body)")
    conn.execute("insert into t values ('smart город', 'title', 'near')")
    conn.execute("select count(*) from t where t match ?", [search.match_expression(q)]).fetchone()


# --------------------------------------------------------------------------- the index in the archive


def _article(**changes: object) -> ArticleRecord:
    values: dict[str, object] = {
        "url": "https://mpt.gov.by/ru/news/10-02-2022-7715",
        "source": "mpt",
        "title": "Умные города Беларуси",
        "body_markdown": "Новые ёмкости сетей в городах.",
        "body_text": "Новые ёмкости сетей в городах.",
        "language": "ru",
        "published_at": "2022-02-10",
    }
    values.update(changes)
    return ArticleRecord(**values)  # type: ignore[arg-type]


def _found(db: sqlite_utils.Database, q: str) -> list[int]:
    return [
        row[0]
        for row in db.execute(
            f"select rowid from {search.INDEX_TABLE} where {search.INDEX_TABLE} match ? order by rank",
            [search.match_expression(q)],
        ).fetchall()
    ]


def test_saved_articles_are_found_by_other_forms_and_ё(tmp_path: Path) -> None:
    db = open_db(tmp_path / "a.db")
    _, ru = save_article(db, _article())
    _, be = save_article(
        db,
        _article(
            url="https://mpt.gov.by/be/news/10-02-2022-7715",
            title="Разумныя гарады Беларусі",
            body_text="Тэкст пра горад.",
            body_markdown="Тэкст пра горад.",
            language="be",
        ),
    )
    assert _found(db, "городов") == [ru]
    assert sorted(_found(db, "ГОРОДОМ")) == sorted([ru, be])  # Belarusian "горадам" too
    assert _found(db, "емкостях") == [ru]  # ё in the text, е in the query
    assert _found(db, "гарадамі") == [be]
    assert _found(db, "разумнымі гарадамі") == [be]
    assert sorted(_found(db, "Беларуси OR Беларусі")) == sorted([ru, be])


def test_an_updated_article_is_reindexed(tmp_path: Path) -> None:
    db = open_db(tmp_path / "a.db")
    _, article_id = save_article(db, _article())
    save_article(db, _article(title="Совсем другой заголовок", body_text="Про связь.", body_markdown="Про связь."))
    assert _found(db, "городах") == []
    assert _found(db, "связями") == [article_id]
    assert db.execute(f"select count(*) from {search.INDEX_TABLE}").fetchone()[0] == 1


def test_title_matches_rank_above_body_matches(tmp_path: Path) -> None:
    db = open_db(tmp_path / "a.db")
    _, body = save_article(
        db,
        _article(url="https://x.org/1", title="Итоги года", body_text="Город и города. " * 3, body_markdown="x"),
    )
    _, title = save_article(db, _article(url="https://x.org/2", title="Город будущего", body_text="Про связь."))
    assert _found(db, "городу") == [title, body]


def test_migration_fills_the_index_of_an_existing_archive(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    first_name, first = MIGRATIONS[0]
    first(db)
    db.execute("create table _migrations (name text primary key, applied_at text)")
    db["_migrations"].insert({"name": first_name, "applied_at": datetime.now(UTC).isoformat()})
    db["articles"].insert(
        {
            "url": "https://mpt.gov.by/ru/news/1",
            "source": "mpt",
            "title": "Умный город",
            "body_text": "Текст.",
            "language": "ru",
        }
    )
    applied = migrate(db)
    assert "002_issue7_stemmed_search" in applied
    assert _found(db, "умными городами") == [1]
    assert search.rebuild_index(db) == 1
    assert _found(db, "города") == [1]


def test_the_word_cache_stays_bounded_and_changes_no_stem() -> None:
    text = " ".join(f"слово{i} городами" for i in range(300))
    expected = search.index_terms(text, "ru")
    search._DOC_CACHE["ru"].clear()
    assert search.index_terms(text, "ru", cache_limit=50) == expected
    assert len(search._DOC_CACHE["ru"]) <= 50
    assert "городами" in search._DOC_CACHE["ru"]  # a frequent word is soon back after a trim
