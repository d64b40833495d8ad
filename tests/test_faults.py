"""Faults real sites have, against the replicas: each is a counted, recorded failure, never a crash,
and never costs another article."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from scraper.pipeline import run_sources
from scraper.settings import Settings
from tests.conftest import rows
from tests.replica import RunningSite, serve_site
from tests.replica.server import Request, Response, fail_first, slow

BASE = Settings(delay=0, retries=2, backoff=0.05, timeout=5)

# ru 8143 is on the first listing page and in the feeds: current news, re-checked every run
CURRENT = "/ru/news/15-11-2022-8143"
CURRENT_URL = "https://mpt.gov.by/ru/news/15-11-2022-8143"
# ru 7135 is on the second listing page only
TARGET = "/ru/news/14-05-2021-7135"
TARGET_URL = "https://mpt.gov.by/ru/news/14-05-2021-7135"


def _scrape(site: RunningSite, db: Path, **changes: object) -> dict[str, object]:
    settings = replace(BASE, db_path=db, base_urls={"mpt": site.base_url}, **changes)  # type: ignore[arg-type]
    (result,) = run_sources(["mpt"], settings)
    return {"status": result.status, **result.counts}


def _failure(db: Path, url: str) -> list[str]:
    return [str(r["reason"]) for r in rows(db, "select reason from failures where url = ?", (url,))]


def _archived(db: Path) -> set[str]:
    return {str(r["url"]) for r in rows(db, "select url from articles")}


@pytest.fixture
def mpt() -> RunningSite:
    with serve_site("mpt", faults=False) as site:
        yield site  # type: ignore[misc]


def test_timeout_is_recorded_and_the_rest_is_archived(mpt: RunningSite, tmp_path: Path) -> None:
    original = mpt.override(TARGET, lambda r: Response(status=500))
    assert original is not None
    mpt.override(TARGET, slow(original, 2.0))
    db = tmp_path / "a.db"
    counts = _scrape(mpt, db, timeout=0.5, retries=1)
    assert counts["status"] == "partial" and counts["failed"] == 1
    assert _failure(db, TARGET_URL) == ["timeout"]
    assert _archived(db) == {a.real_url for a in mpt.articles} - {TARGET_URL}
    # the next run, with the site healthy again, completes what was missing
    mpt.override(TARGET, original)
    again = _scrape(mpt, db)
    assert again["status"] == "ok" and again["new"] == 1
    assert TARGET_URL in _archived(db)


def test_429_with_retry_after_is_honoured(mpt: RunningSite, tmp_path: Path) -> None:
    original = mpt.override(TARGET, lambda r: Response(status=500))
    assert original is not None
    mpt.override(TARGET, fail_first(original, status=429, body=b"slow down", headers={"Retry-After": "1"}))
    db = tmp_path / "a.db"
    counts = _scrape(mpt, db)
    assert counts["status"] == "ok"
    hits = mpt.requests_for(TARGET)
    assert [h.status for h in hits] == [429, 200]
    assert hits[1].time - hits[0].time >= 0.95


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        (lambda r: Response(body=b"<html><body><p>" + b"x" * (12 * 1024 * 1024) + b"</p></body></html>"), "too-large"),
        (
            lambda r: Response(status=302, headers={"Location": "http://example.com/stolen"}, conditional=False),
            "off-scope",
        ),
        (lambda r: Response(status=302, headers={"Location": r.raw_path}, conditional=False), "redirect-loop"),
        (lambda r: Response(status=404, body=b"<h1>Not found</h1>", conditional=False), "http-404"),
        (lambda r: Response(status=503, body=b"down", conditional=False), "http-503"),
        (lambda r: Response(body=b"<html><body><div class='menu'><a href='/'>Home</a></div></body></html>"), "extract"),
    ],
    ids=["12MB-page", "redirect-off-origin", "redirect-loop", "404", "503-always", "empty-page"],
)
def test_bad_page_is_a_recorded_failure(mpt: RunningSite, tmp_path: Path, fault: object, reason: str) -> None:
    mpt.override(TARGET, fault)  # type: ignore[arg-type]
    db = tmp_path / "a.db"
    counts = _scrape(mpt, db)
    assert counts["status"] == "partial"
    assert counts["failed"] == 1
    assert _failure(db, TARGET_URL) == [reason]
    assert _archived(db) == {a.real_url for a in mpt.articles} - {TARGET_URL}
    assert not [r for r in mpt.log() if "example.com" in r.path]


def test_a_correction_to_current_news_is_caught_and_versioned(mpt: RunningSite, tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    assert _scrape(mpt, db)["new"] == len(mpt.articles)
    truth = mpt.article(CURRENT_URL)
    old_sentence = truth.paragraphs[0]
    original = mpt.override(CURRENT, lambda r: Response(status=500))
    assert original is not None

    def corrected(req: Request) -> Response:
        page = original(req)
        if page.status != 200:
            return page
        return replace(
            page, body=page.body.replace(old_sentence.encode(), b"Corrected: " + old_sentence.encode()), etag=None
        )

    mpt.override(CURRENT, corrected)
    counts = _scrape(mpt, db)
    assert counts["updated"] == 1 and counts["new"] == 0
    article = rows(db, "select id, body_text from articles where url = ?", (CURRENT_URL,))[0]
    assert "Corrected: " + old_sentence in str(article["body_text"])
    versions = rows(db, "select body_text from article_versions where article_id = ?", (article["id"],))
    assert len(versions) == 1 and "Corrected" not in str(versions[0]["body_text"])
    raw = rows(db, "select count(*) as n from raw_pages where url = ?", (CURRENT_URL,))
    assert raw[0]["n"] == 2  # both states of the page are kept


def test_raw_pages_are_kept_for_every_article(mpt: RunningSite, tmp_path: Path) -> None:
    import gzip
    import hashlib

    from bs4 import BeautifulSoup

    from scraper.store import iter_raw_pages, open_db

    db = tmp_path / "a.db"
    _scrape(mpt, db)
    kept = rows(
        db,
        "select r.url, r.content, r.sha256, r.status, r.fetched_url from raw_pages r "
        "join articles a on a.id = r.article_id",
    )
    assert {str(r["url"]) for r in kept} == {a.real_url for a in mpt.articles}
    for row in kept:
        content = gzip.decompress(row["content"])  # type: ignore[arg-type]
        assert hashlib.sha256(content).hexdigest() == row["sha256"]
        assert row["status"] == 200 and str(row["fetched_url"]).startswith(mpt.base_url)
    archive = open_db(db)
    pages = list(iter_raw_pages(archive, "mpt"))
    assert len(pages) == len(mpt.articles)
    for page in pages:
        text = " ".join(BeautifulSoup(page.text, "lxml").get_text(" ").split())
        assert " ".join(mpt.article(page.url).paragraphs[0].split()) in text, page.url
    archive.conn.close()


def test_export_warc_holds_every_kept_page(mpt: RunningSite, tmp_path: Path) -> None:
    import hashlib

    from warcio.archiveiterator import ArchiveIterator

    from tests.conftest import run_cli

    db = tmp_path / "a.db"
    _scrape(mpt, db)
    target = tmp_path / "out" / "mpt.warc.gz"
    result = run_cli("export-warc", "--db", str(db), "--source", "mpt", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert f"wrote {len(mpt.articles)} pages" in result.stdout
    kept = {str(r["url"]): str(r["sha256"]) for r in rows(db, "select url, sha256 from raw_pages")}
    seen: dict[str, str] = {}
    with target.open("rb") as stream:
        records = list(ArchiveIterator(stream))
    with target.open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response":
                body = record.content_stream().read()
                seen[record.rec_headers.get_header("WARC-Target-URI")] = hashlib.sha256(body).hexdigest()
                assert record.http_headers.get_statuscode() == "200"
    assert records and records[0].rec_type == "warcinfo"
    assert seen == kept
