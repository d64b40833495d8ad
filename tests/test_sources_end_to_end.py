"""The real CLI against the replicas of every source added after the seed sites: itu-news,
itu-press, ITU-T SG20 and U4SSC, and the configured Beltelecom, Giprosvjaz and UN Belarus.
Every article is archived exactly (title, date, raw date, language, body), and a second run
adds nothing and sends only conditional requests."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import rows, run_cli
from tests.replica import ReplicaArticle, RunningSite, serve_site
from tests.replica import itu_news as itu_news_replica

#: source -> replica serving it (SG20 and U4SSC share one replica of itu.int's ITU-T pages)
REPLICAS = {
    "itu-news": "itu-news",
    "itu-press": "itu-press",
    "itu-t-sg20": "itu-t",
    "u4ssc": "itu-t",
    "beltelecom": "beltelecom",
    "giprosvjaz": "giprosvjaz",
    "un-belarus": "un-belarus",
}
SECTION_OF = {"itu-t-sg20": "/20/Pages/", "u4ssc": "/ssc/united/"}
BOILERPLATE = ("Committed to connecting the world", "All Rights Reserved", "Tel.:", "Share this", "Related news")


@dataclass
class Archive:
    db: Path
    sites: dict[str, RunningSite]
    first: str

    def truth(self, source: str) -> list[ReplicaArticle]:
        articles = self.sites[REPLICAS[source]].articles
        section = SECTION_OF.get(source)
        return [a for a in articles if section is None or section in a.real_url]


def _scrape(db: Path, sites: dict[str, RunningSite], *extra: str) -> str:
    args = ["scrape", *REPLICAS, "--db", str(db), "--delay", "0", *extra]
    for source, replica in REPLICAS.items():
        args += ["--base-url", f"{source}={sites[replica].base_url}"]
    result = run_cli(*args)
    assert result.returncode == 0, result.stdout + result.stderr[-4000:]
    return result.stdout


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    db = tmp_path_factory.mktemp("sources") / "archive.db"
    with (
        serve_site("itu-news") as news,
        serve_site("itu-press") as press,
        serve_site("itu-t") as itu_t,
        serve_site("beltelecom") as beltelecom,
        serve_site("giprosvjaz") as giprosvjaz,
        serve_site("un-belarus") as un,
    ):
        sites = {
            "itu-news": news,
            "itu-press": press,
            "itu-t": itu_t,
            "beltelecom": beltelecom,
            "giprosvjaz": giprosvjaz,
            "un-belarus": un,
        }
        yield Archive(db, sites, _scrape(db, sites))


def _ws(text: object) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip()


@pytest.mark.parametrize("source", list(REPLICAS))
def test_every_article_of_the_replica_is_archived_once(archive: Archive, source: str) -> None:
    archived = rows(archive.db, "select url from articles where source = ?", (source,))
    assert sorted(r["url"] for r in archived) == sorted(t.real_url for t in archive.truth(source))


@pytest.mark.parametrize("source", list(REPLICAS))
def test_titles_dates_languages_and_bodies_are_exact(archive: Archive, source: str) -> None:
    for truth in archive.truth(source):
        found = rows(archive.db, "select * from articles where url = ?", (truth.real_url,))
        assert found, truth.real_url
        row = found[0]
        assert row["source"] == source
        assert row["title"] == truth.title, truth.real_url
        assert str(row["published_at"])[:10] == truth.published, truth.real_url
        assert row["published_raw"] == truth.published_raw, truth.real_url
        assert row["language"] == truth.language, truth.real_url
        assert row["content_type"] == truth.content_type, truth.real_url
        assert _ws(row["body_text"]) == _ws(" ".join(truth.paragraphs)), truth.real_url
        for phrase in BOILERPLATE:
            assert phrase not in str(row["body_text"]), (truth.real_url, phrase)
        assert sorted(a["url"] for a in json.loads(str(row["attachments"]))) == sorted(truth.attachments)
        assert sorted(i["url"] for i in json.loads(str(row["images"]))) == sorted(truth.images)
        if truth.author:
            assert row["author"] == truth.author, truth.real_url


def test_itu_news_keeps_byline_categories_and_tags(archive: Archive) -> None:
    for post in itu_news_replica.POSTS:
        row = rows(archive.db, "select * from articles where url = ?", ("https://www.itu.int" + post.path,))[0]
        assert json.loads(str(row["categories"])) == list(post.categories), post.path
        assert json.loads(str(row["tags"])) == list(post.tags), post.path
    guest = next(p for p in itu_news_replica.POSTS if p.extra.get("guest"))
    row = rows(archive.db, "select author, body_text, body_source from articles where url like ?", (f"%{guest.path}",))[
        0
    ]
    assert row["author"] == "Reena Patel, Smart Cities Adviser"
    assert not str(row["body_text"]).startswith("By ")
    # the feed's content:encoded is the body of the posts it carries
    fed = {p.path for p in itu_news_replica.MAIN_FEED}
    sources = {
        r["url"]: r["body_source"]
        for r in rows(archive.db, "select url, body_source from articles where source = ?", ("itu-news",))
    }
    assert all(sources["https://www.itu.int" + path].startswith("feed") for path in fed)


def test_itu_news_reaches_sitemap_only_posts_and_skips_other_sitemaps(archive: Archive) -> None:
    only = itu_news_replica.SITEMAP_ONLY
    assert (
        rows(archive.db, "select count(*) as n from articles where url = ?", ("https://www.itu.int" + only.path,))[0][
            "n"
        ]
        == 1
    )
    paths = [r.path for r in archive.sites["itu-news"].requests]
    assert "/hub/post-sitemap.xml" in paths
    assert "/sitemap-itu-main.xml" not in paths  # named by robots.txt, but not the Hub's
    absent = rows(archive.db, "select url from failures where reason = 'absent' and source = 'itu-news'")
    assert [r["url"] for r in absent] == ["https://www.itu.int/hub/wp-sitemap.xml"]


def test_crawls_keep_to_their_own_section(archive: Archive) -> None:
    requested = {r.path for r in archive.sites["itu-t"].requests}
    assert not any(p.startswith("/hub/") for p in requested)
    for source, section in SECTION_OF.items():
        archived = rows(archive.db, "select url from articles where source = ?", (source,))
        assert archived and all(section in str(r["url"]) for r in archived)


def test_press_release_datelines_are_kept_whole(archive: Archive) -> None:
    found = {
        r["url"].rsplit("/", 1)[1]: (r["published_raw"], r["date_source"])
        for r in rows(archive.db, "select url, published_raw, date_source from articles where source = 'itu-press'")
    }
    assert found["2019-PR12.aspx"] == ("Geneva, 15 August 2019", "dateline")
    assert found["PR-2021-03-15-iot-smart-cities-standard.aspx"] == ("Geneva/New York, 15 March 2021", "dateline")


def test_configured_sources_skip_absent_guesses_without_failing(archive: Archive) -> None:
    runs = {r["source"]: r for r in rows(archive.db, "select * from runs")}
    assert all(runs[s]["status"] == "ok" for s in REPLICAS), runs
    assert runs["un-belarus"]["skipped"] == 1  # its optional /en/news listing does not exist
    assert "un-belarus: ok" in archive.first


def test_second_run_adds_nothing_and_sends_only_conditional_requests(archive: Archive) -> None:
    before = rows(archive.db, "select id, url, content_hash from articles order by id")
    for site in archive.sites.values():
        site.reset_log()
    _scrape(archive.db, archive.sites)
    assert rows(archive.db, "select id, url, content_hash from articles order by id") == before
    last = rows(archive.db, "select * from runs where id in (select max(id) from runs group by source)")
    assert all(r["new"] == 0 and r["updated"] == 0 and r["status"] == "ok" for r in last), last
    for name, site in archive.sites.items():
        requests = [r for r in site.requests if r.path != "/robots.txt"]
        assert requests, name
        unconditional = [r.path for r in requests if not (r.header("If-None-Match") or r.header("If-Modified-Since"))]
        # only the absent optional entry points are asked again without validators (they have none)
        assert all(r.status in (304, 404) for r in requests), (name, [(r.path, r.status) for r in requests])
        assert all(p in ("/hub/wp-sitemap.xml", "/en/news") for p in unconditional), (name, unconditional)
