"""The real CLI against both replicas: every article archived exactly, and a second run adds nothing."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import Scraped, rows, run_cli
from tests.replica import ReplicaArticle

BOILERPLATE = (
    "Тел.:",
    "Факс:",
    "Версия для печати",
    "Printer-friendly version",
    "Версія для друку",
    "Committed to connecting the world",
    "All Rights Reserved",
    "Поделиться",
    "IMG_",
)


def _ws(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _article(scraped: Scraped, truth: ReplicaArticle) -> dict[str, object]:
    found = rows(scraped.db, "select * from articles where url = ?", (truth.real_url,))
    assert found, f"not archived: {truth.real_url} (linked as {truth.path})"
    return found[0]


def _all_truth(scraped: Scraped) -> list[ReplicaArticle]:
    return [*scraped.mpt.articles, *scraped.itu.articles]


def test_every_replica_article_is_archived_once(scraped: Scraped) -> None:
    truth = _all_truth(scraped)
    archived = rows(scraped.db, "select url, source from articles")
    assert sorted(a["url"] for a in archived) == sorted(t.real_url for t in truth)
    assert len({a["url"] for a in archived}) == len(archived)


def test_titles_dates_and_languages_are_exact(scraped: Scraped) -> None:
    for truth in _all_truth(scraped):
        row = _article(scraped, truth)
        assert row["title"] == truth.title, truth.real_url
        assert str(row["published_at"])[:10] == truth.published, truth.real_url
        assert row["published_raw"] == truth.published_raw, truth.real_url
        assert row["language"] == truth.language, truth.real_url


def test_bodies_are_complete_and_free_of_boilerplate(scraped: Scraped) -> None:
    for truth in _all_truth(scraped):
        row = _article(scraped, truth)
        body = _ws(str(row["body_text"]))
        for paragraph in truth.paragraphs:
            assert _ws(paragraph) in body, (truth.real_url, paragraph)
        # nothing but the paragraphs: the body is exactly their text
        assert len(body) == len(_ws(" ".join(truth.paragraphs))), truth.real_url
        for phrase in BOILERPLATE:
            assert phrase not in body, (truth.real_url, phrase)
        assert str(row["body_markdown"]).strip()


def test_attachments_images_and_interviews(scraped: Scraped) -> None:
    for truth in _all_truth(scraped):
        row = _article(scraped, truth)
        attachments = [a["url"] for a in json.loads(str(row["attachments"]))]
        assert sorted(attachments) == sorted(truth.attachments), truth.real_url
        images = [i["url"] for i in json.loads(str(row["images"]))]
        assert sorted(images) == sorted(truth.images), truth.real_url
        assert row["content_type"] == truth.content_type, truth.real_url
        if truth.author:
            assert row["author"] == truth.author


def test_translations_share_a_story(scraped: Scraped) -> None:
    by_nid: dict[int, set[str]] = {}
    for truth in scraped.mpt.articles:
        assert truth.nid is not None
        row = _article(scraped, truth)
        by_nid.setdefault(truth.nid, set()).add(str(row["story_id"]))
    assert all(len(stories) == 1 for stories in by_nid.values())
    assert len({next(iter(s)) for s in by_nid.values()}) == len(by_nid)
    assert any(len([t for t in scraped.mpt.articles if t.nid == nid]) == 3 for nid in by_nid)


def test_leads_come_from_teasers(scraped: Scraped) -> None:
    for truth in scraped.mpt.articles:
        if truth.teaser:
            assert _ws(str(_article(scraped, truth)["lead"])) == _ws(truth.teaser), truth.real_url


def test_robots_disallowed_links_are_never_requested(scraped: Scraped) -> None:
    assert not [r for r in scraped.mpt.requests if r.path.startswith("/ru/news/private-draft")]
    assert rows(scraped.db, "select count(*) as n from articles where title like '%DRAFT%'")[0]["n"] == 0
    skipped = rows(scraped.db, "select reason from failures where url like '%private-draft%'")
    assert [r["reason"] for r in skipped] == ["robots"]


def test_every_request_identifies_the_archive(scraped: Scraped) -> None:
    agents = {r.header("User-Agent") for r in [*scraped.mpt.requests, *scraped.itu.requests]}
    assert len(agents) == 1
    agent = agents.pop() or ""
    assert "SmartCityNewsArchive" in agent and "+http" in agent


def test_crawl_stays_inside_the_itu_section(scraped: Scraped) -> None:
    paths = [r.path.lower() for r in scraped.itu.requests]
    assert paths and all(p == "/robots.txt" or p.startswith("/en/itu-d/regional-presence/cis/") for p in paths)


def test_runs_are_recorded(scraped: Scraped) -> None:
    runs = rows(scraped.db, "select * from runs order by id")
    assert {r["source"] for r in runs} == {"mpt", "itu-cis"}
    for run in runs:
        assert run["status"] == "ok", run
        assert run["new"] == run["found"] - run["failed"] - run["skipped"]
    by_source = {r["source"]: r for r in runs}
    assert by_source["mpt"]["new"] == len(scraped.mpt.articles)
    assert by_source["itu-cis"]["new"] == len(scraped.itu.articles)
    assert "mpt: ok - found" in scraped.first.stdout


def test_second_run_adds_nothing_and_refetches_no_article(
    scraped: Scraped, tmp_path_factory: pytest.TempPathFactory
) -> None:
    before = rows(scraped.db, "select id, url, content_hash from articles order by id")
    scraped.mpt.reset_log()
    scraped.itu.reset_log()
    again = run_cli(
        "scrape",
        "mpt",
        "itu-cis",
        "--db",
        str(scraped.db),
        "--base-url",
        f"mpt={scraped.mpt.base_url}",
        "--base-url",
        f"itu-cis={scraped.itu.base_url}",
        "--delay",
        "0",
    )
    assert again.returncode == 0, again.stderr[-3000:]
    after = rows(scraped.db, "select id, url, content_hash from articles order by id")
    assert after == before
    last = rows(scraped.db, "select * from runs where id in (select max(id) from runs group by source)")
    assert all(r["new"] == 0 and r["updated"] == 0 and r["status"] == "ok" for r in last), last
    assert rows(scraped.db, "select count(*) as n from article_versions")[0]["n"] == 0
    # only conditional requests: entry points, and re-checks of articles still listed; no body comes back
    for site in (scraped.mpt, scraped.itu):
        requests = [r for r in site.requests if r.path != "/robots.txt"]
        assert requests
        assert all(r.header("If-None-Match") or r.header("If-Modified-Since") for r in requests), site.name
        assert all(r.status == 304 for r in requests), [(r.path, r.status) for r in requests if r.status != 304]
    rechecked = {r.path for r in scraped.mpt.requests} & {t.path for t in scraped.mpt.articles}
    assert rechecked  # current news is re-checked, so corrections are caught
    assert all(r["not_modified"] == r["requests"] for r in last)


def test_unreachable_site_gives_a_failed_run(tmp_path_factory: pytest.TempPathFactory) -> None:
    from tests.conftest import free_port

    db = tmp_path_factory.mktemp("down") / "archive.db"
    result = run_cli(
        "scrape", "itu-cis", "--db", str(db), "--base-url", f"itu-cis=http://127.0.0.1:{free_port()}", "--delay", "0"
    )
    assert result.returncode == 1
    assert "itu-cis: failed" in result.stdout
    assert "itu-cis" in result.stderr and "failed" in result.stderr
    run = rows(db, "select * from runs")[0]
    assert run["status"] == "failed" and "no entry point" in str(run["error"])
