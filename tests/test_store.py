"""The store on real SQLite files: one row per article, versions on change, FTS in sync, WAL."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import sqlite_utils

from scraper.migrations import MIGRATIONS, migrate
from scraper.store import ArticleRecord, WriteGroup, known_urls, open_db, save_article


def _record(**changes: object) -> ArticleRecord:
    values: dict[str, object] = {
        "url": "https://mpt.gov.by/ru/news/10-02-2022-7715",
        "source": "mpt",
        "title": "Министр провел встречу",
        "body_markdown": "Первый абзац.\n\nВторой абзац о городах.",
        "body_text": "Первый абзац.\n\nВторой абзац о городах.",
        "language": "ru",
        "published_at": "2022-02-10",
        "external_id": "ru/7715",
        "topics": ("smart-city",),
    }
    values.update(changes)
    return ArticleRecord(**values)  # type: ignore[arg-type]


def test_schema_is_created_once_and_migrations_run_twice_safely(tmp_path: Path) -> None:
    db = open_db(tmp_path / "a.db")
    assert {"articles", "article_versions", "runs", "sources", "failures", "url_aliases", "articles_fts"} <= set(
        db.table_names()
    )
    assert migrate(db) == []
    assert [r["name"] for r in db["_migrations"].rows] == [name for name, _ in MIGRATIONS]
    assert db.journal_mode == "wal"


def test_new_then_unchanged_then_updated_with_a_version(tmp_path: Path) -> None:
    db = open_db(tmp_path / "a.db")
    assert save_article(db, _record())[0] == "new"
    assert save_article(db, _record(body_text="Первый  абзац.\n\n\nВторой абзац о городах."))[0] == "unchanged"
    result, article_id = save_article(db, _record(body_text="Первый абзац.\n\nВторой абзац о городах и сёлах."))
    assert result == "updated"
    assert db["articles"].count == 1
    versions = list(db["article_versions"].rows)
    assert len(versions) == 1
    assert versions[0]["article_id"] == article_id
    assert versions[0]["body_text"] == "Первый абзац.\n\nВторой абзац о городах."
    row = db["articles"].get(article_id)
    assert row["body_text"].endswith("сёлах.")
    assert json.loads(row["topics"]) == ["smart-city"]


def test_fts_follows_inserts_and_updates(tmp_path: Path) -> None:
    db = open_db(tmp_path / "a.db")
    save_article(db, _record())
    assert [r["id"] for r in db["articles"].search("городах")]
    save_article(db, _record(body_text="Совсем другой текст про связь."))
    assert not list(db["articles"].search("городах"))
    assert list(db["articles"].search("связь"))


def test_other_url_forms_of_one_node_are_one_article(tmp_path: Path) -> None:
    db = open_db(tmp_path / "a.db")
    save_article(db, _record(), aliases=["https://mpt.gov.by/ru/node/7715"])
    result, _ = save_article(db, _record(url="https://mpt.gov.by/news/10-02-2022-7715"))
    assert result == "unchanged"
    assert db["articles"].count == 1
    urls = known_urls(db, "mpt")
    assert {
        "https://mpt.gov.by/ru/news/10-02-2022-7715",
        "https://mpt.gov.by/ru/node/7715",
        "https://mpt.gov.by/news/10-02-2022-7715",
    } <= urls


def test_a_failed_write_leaves_no_half_article(tmp_path: Path) -> None:
    db = open_db(tmp_path / "a.db")
    db.execute("create trigger boom after insert on url_aliases begin select raise(abort, 'boom'); end")
    try:
        save_article(db, _record(), aliases=["https://mpt.gov.by/ru/node/7715"])
    except Exception as exc:
        assert "boom" in str(exc)
    else:
        raise AssertionError("the trigger should have aborted the write")
    assert db["articles"].count == 0
    assert sqlite_utils.Database(tmp_path / "a.db")["articles"].count == 0


def test_fts_is_rewritten_only_when_its_text_changes(tmp_path: Path) -> None:
    db = open_db(tmp_path / "a.db")
    _, article_id = save_article(db, _record())

    def segments() -> int:
        return int(db.execute("select count(*) from articles_fts_data").fetchone()[0])

    before = segments()
    with db.conn:
        db.execute("update articles set story_id = 'story-x', last_seen_at = 'now' where id = ?", [article_id])
    assert segments() == before  # metadata only: the index was not written
    with db.conn:
        db.execute("update articles set title = 'Новый заголовок' where id = ?", [article_id])
    assert segments() > before
    assert [r["id"] for r in db["articles"].search("заголовок")] == [article_id]
    assert not list(db["articles"].search("встречу"))
    db.execute("insert into articles_fts(articles_fts) values ('integrity-check')")


def test_in_a_write_group_a_failed_article_is_undone_alone(tmp_path: Path) -> None:
    db = open_db(tmp_path / "a.db")
    db.execute(
        "create trigger boom after insert on url_aliases when new.url like '%boom%'"
        " begin select raise(abort, 'boom'); end"
    )
    with WriteGroup(db) as group:
        save_article(db, _record())
        group.page_done()
        try:
            save_article(db, _record(url="https://mpt.gov.by/ru/news/2", external_id="ru/2"), aliases=["x-boom"])
        except sqlite3.IntegrityError as exc:
            assert "boom" in str(exc)
        else:
            raise AssertionError("the trigger should have aborted the write")
        assert db.conn.in_transaction  # the group's transaction goes on
        save_article(db, _record(url="https://mpt.gov.by/ru/news/3", external_id="ru/3", title="Третья новость"))
        group.page_done()
        other = sqlite_utils.Database(tmp_path / "a.db")
        assert other["articles"].count == 0  # nothing committed yet: readers see none of it
    assert group.commits == 1
    assert sorted(r["url"] for r in db["articles"].rows) == [
        "https://mpt.gov.by/ru/news/10-02-2022-7715",
        "https://mpt.gov.by/ru/news/3",
    ]
    assert sqlite_utils.Database(tmp_path / "a.db")["articles"].count == 2
    assert db.execute("select count(*) from articles_search").fetchone()[0] == 2
    db.execute("insert into articles_fts(articles_fts) values ('integrity-check')")


def test_a_write_group_commits_when_full_or_old(tmp_path: Path) -> None:
    db = open_db(tmp_path / "a.db")
    with WriteGroup(db, max_pages=2, max_seconds=60) as group:
        for n in range(5):
            save_article(db, _record(url=f"https://mpt.gov.by/ru/news/{n}", external_id=f"ru/{n}"))
            group.page_done()
        assert group.commits == 2 and db.conn.in_transaction
    assert group.commits == 3 and not db.conn.in_transaction
    with WriteGroup(db, max_pages=100, max_seconds=0.0) as group:
        save_article(db, _record(url="https://mpt.gov.by/ru/news/9", external_id="ru/9"))
        group.commit_if_due()
        assert group.commits == 1 and not db.conn.in_transaction
    assert db["articles"].count == 6
