"""The analysis of an article's text, made once with its record and reused by the story refresh
after the save, exactly while it is the analysis of the stored text."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from scraper import analysis, recompute
from scraper.analysis import TextAnalysis, analyse_text
from scraper.recompute import recompute_archive, refresh_article
from scraper.records import build_record
from scraper.sources import get_source
from scraper.store import ArticleRecord, open_db, save_article
from scraper.stories import DEFAULT_PARAMS, StoryParams
from tests.pages import CorpusPage, corpus


def _pages() -> list[CorpusPage]:
    # the replica pages of both sites: interviews (turns, speakers), news, three languages
    return [p for p in corpus() if p.origin.startswith("replica:") and p.source in ("mpt", "itu-cis")]


def _record(page: CorpusPage) -> ArticleRecord:
    source = get_source(page.source or "")
    return build_record(source, source.scope(), page.html, page.url)


def _same(a: TextAnalysis, b: TextAnalysis) -> bool:
    signatures = (a.signature is None and b.signature is None) or (
        a.signature is not None and b.signature is not None and np.array_equal(a.signature, b.signature)
    )
    return (
        signatures
        and np.array_equal(a.shingles, b.shingles)
        and (a.keys, a.content_type, a.topics, a.organisations, a.people, a.turns)
        == (b.keys, b.content_type, b.topics, b.organisations, b.people, b.turns)
    )


def test_the_record_carries_the_analysis_recompute_makes_of_the_stored_text(tmp_path: Path) -> None:
    pages = _pages()
    assert len(pages) > 20
    db = open_db(tmp_path / "a.db")
    kinds = set()
    for page in pages:
        record = _record(page)
        assert record.analysis is not None
        assert (record.content_type, record.topics) == (record.analysis.content_type, tuple(record.analysis.topics))
        _, article_id = save_article(db, record)
        row = next(db.query("select * from articles where id = ?", [article_id]))
        default_type = get_source(row["source"]).default_content_type
        assert record.analysis.fits(row, default_type, DEFAULT_PARAMS.min_shingles), page.name
        assert not record.analysis.fits(row, "other", DEFAULT_PARAMS.min_shingles)
        again = analyse_text(row, default_type, DEFAULT_PARAMS.min_shingles)
        assert _same(record.analysis, again), page.name
        kinds.add(record.analysis.content_type)
        kinds.update("turns" for _ in record.analysis.turns[:1])
    assert {"interview", "news", "turns"} <= kinds  # the pages exercise every part of it
    db.conn.close()


@pytest.fixture
def analyses(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The rows that the story refresh analysed itself (it did not take the record's analysis)."""
    made: list[dict[str, Any]] = []

    def counted(row: Any, default_type: str, min_shingles: int) -> TextAnalysis:
        made.append(dict(row))
        return analysis.analyse_text(row, default_type, min_shingles)

    monkeypatch.setattr(recompute, "analyse_text", counted)
    return made


def test_the_refresh_takes_the_records_analysis_only_while_it_fits(
    tmp_path: Path, analyses: list[dict[str, Any]]
) -> None:
    page = next(p for p in _pages() if _record(p).content_type == "news" and p.language == "ru")
    record = _record(page)
    db = open_db(tmp_path / "a.db")
    _, article_id = save_article(db, record)
    refresh_article(db, article_id, record)
    assert analyses == []  # the record's own analysis served

    # the same record with a changed text still carries the old analysis: the refresh sees that
    # it is not the stored text's, and analyses the text it stored
    changed = replace(
        record, body_text=record.body_text + "\n\nВ Минске развивают умный город и электронное правительство."
    )
    assert changed.analysis is record.analysis
    result, same_id = save_article(db, changed)
    assert (result, same_id) == ("updated", article_id)
    refresh_article(db, article_id, changed)
    assert [row["id"] for row in analyses] == [article_id]
    topics = {r["topic"] for r in db.query("select topic from article_topics where article_id = ?", [article_id])}
    assert {"smart-city", "e-government"} <= topics

    # the analysis of the stored text, but made with other thresholds than the refresh's: analysed again
    row = next(db.query("select * from articles where id = ?", [article_id]))
    current = analysis.analyse_text(row, "news", DEFAULT_PARAMS.min_shingles)
    refresh_article(db, article_id, replace(changed, analysis=current))
    assert len(analyses) == 1  # it fits: taken as it is
    strict = StoryParams(min_shingles=DEFAULT_PARAMS.min_shingles + 1)
    refresh_article(db, article_id, replace(changed, analysis=current), params=strict)
    assert len(analyses) == 2
    db.conn.close()


def test_an_archive_built_with_the_records_analyses_is_what_recompute_makes(tmp_path: Path) -> None:
    db = open_db(tmp_path / "a.db")
    for page in _pages():
        record = _record(page)
        result, article_id = save_article(db, record)
        if result != "unchanged":
            refresh_article(db, article_id, record)
    tables = ("article_topics", "article_organisations", "article_people", "interview_turns")
    before = {t: sorted(map(tuple, db.execute(f"select * from {t}").fetchall())) for t in tables}
    articles = db.execute("select id, story_id, content_type, topics from articles order by id").fetchall()
    stats = recompute_archive(db, workers=1)
    assert stats.changed_story_ids == 0 and stats.rewritten_facets == 0
    assert {t: sorted(map(tuple, db.execute(f"select * from {t}").fetchall())) for t in tables} == before
    assert db.execute("select id, story_id, content_type, topics from articles order by id").fetchall() == articles
    db.conn.close()


def test_a_lead_filled_in_later_refreshes_the_facets(tmp_path: Path) -> None:
    # the same text seen again with a lead it lacked: no version, but the lead names a topic, so
    # the save says updated and the refresh (as the pipeline runs it) writes the topic
    db = open_db(tmp_path / "a.db")
    bare = ArticleRecord(
        url="https://mpt.gov.by/ru/news/5", source="mpt", title="Новости", body_markdown="Текст.", body_text="Текст."
    )
    result, article_id = save_article(db, bare)
    assert result == "new"
    refresh_article(db, article_id, bare)
    assert db.execute("select count(*) from article_topics").fetchone()[0] == 0
    with_lead = replace(bare, lead="Умный город и интернет вещей")
    result, same_id = save_article(db, with_lead)
    assert (result, same_id) == ("updated", article_id)
    assert db.execute("select count(*) from article_versions").fetchone()[0] == 0
    refresh_article(db, article_id, with_lead)
    topics = [r[0] for r in db.execute("select topic from article_topics where article_id = ?", [article_id])]
    assert sorted(topics) == ["iot", "smart-city"]
    assert save_article(db, with_lead)[0] == "unchanged"  # nothing left to fill
    db.conn.close()
