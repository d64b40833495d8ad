"""Re-extraction from kept raw pages: no request to any site, changes reported per field, versions kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from scraper.store import content_hash
from tests.conftest import Scraped, rows, run_cli


def _copy(scraped: Scraped, tmp_path: Path) -> Path:
    target = tmp_path / "archive.db"
    source = sqlite3.connect(scraped.db)
    dest = sqlite3.connect(target)
    source.backup(dest)
    source.close()
    dest.close()
    return target


def test_reextract_rebuilds_the_archive_without_a_request(scraped: Scraped, tmp_path: Path) -> None:
    db = _copy(scraped, tmp_path)
    before = rows(db, "select * from articles order by id")
    # the request logs are shared with other tests: compare their length, do not reset them
    requests_before = (len(scraped.mpt.log()), len(scraped.itu.log()))
    result = run_cli("reextract", "--db", str(db))
    assert result.returncode == 0, result.stderr[-3000:]
    assert (len(scraped.mpt.log()), len(scraped.itu.log())) == requests_before
    n_mpt, n_itu = len(scraped.mpt.articles), len(scraped.itu.articles)
    assert (
        f"mpt: {n_mpt} pages - new 0, updated 0 (text), refreshed 0 (metadata), unchanged {n_mpt}, failed 0"
        in result.stdout
    )
    assert f"itu-cis: {n_itu} pages - new 0, updated 0 (text), refreshed 0 (metadata), unchanged {n_itu}, failed 0" in (
        result.stdout
    )
    assert rows(db, "select * from articles order by id") == before


def test_reextract_repairs_damaged_articles_and_reports_each_field(scraped: Scraped, tmp_path: Path) -> None:
    db = _copy(scraped, tmp_path)
    truth = scraped.mpt.article("https://mpt.gov.by/ru/news/18-04-2022-7810")
    other = scraped.itu.articles[0]
    conn = sqlite3.connect(db)
    # an older extractor got the title wrong (so the stored text differs) and lost a date and an author
    body = conn.execute("select body_text from articles where url = ?", [other.real_url]).fetchone()[0]
    conn.execute(
        "update articles set title = 'Wrong title', content_hash = ? where url = ?",
        [content_hash("Wrong title", body), other.real_url],
    )
    conn.execute("update articles set published_at = null, author = null where url = ?", [truth.real_url])
    conn.commit()
    conn.close()

    dry = run_cli("reextract", "--db", str(db), "--dry-run")
    assert dry.returncode == 0, dry.stderr[-3000:]
    assert "would change title: 1 article(s), e.g. " + other.real_url in dry.stdout
    assert rows(db, "select title from articles where url = ?", (other.real_url,))[0]["title"] == "Wrong title"

    result = run_cli("reextract", "--db", str(db))
    assert result.returncode == 0, result.stderr[-3000:]
    assert "changed published_at: 1 article(s), e.g. " + truth.real_url in result.stdout
    assert "changed author: 1 article(s)" in result.stdout
    assert f"itu-cis: {len(scraped.itu.articles)} pages - new 0, updated 1 (text)" in result.stdout
    repaired = rows(db, "select * from articles where url = ?", (truth.real_url,))[0]
    assert str(repaired["published_at"])[:10] == truth.published and repaired["author"] == truth.author
    fixed = rows(db, "select * from articles where url = ?", (other.real_url,))[0]
    assert fixed["title"] == other.title
    versions = rows(
        db,
        "select v.title from article_versions v join articles a on a.id = v.article_id where a.url = ?",
        (other.real_url,),
    )
    assert [v["title"] for v in versions] == ["Wrong title"]
    # the lead that came from the listing teaser survives re-extraction
    assert repaired["lead"] == truth.teaser and repaired["lead_source"] == "listing"


def test_reextract_names_an_unknown_source_and_a_missing_archive(tmp_path: Path) -> None:
    unknown = run_cli("reextract", "nosuch", "--db", str(tmp_path / "a.db"))
    assert unknown.returncode == 2 and "unknown source 'nosuch'" in unknown.stderr
    missing = run_cli("reextract", "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 1 and "no archive at" in missing.stderr
    assert not (tmp_path / "none.db").exists()
