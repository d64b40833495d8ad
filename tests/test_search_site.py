"""The search, its feeds, the article page, the charts and the site's safety in a real Datasette."""

from __future__ import annotations

import html
import json
import re
from collections.abc import AsyncIterator
from pathlib import Path

import feedparser
import pytest
import pytest_asyncio
import Stemmer
from bs4 import BeautifulSoup
from datasette.app import Datasette

from scraper.site import DATASETTE_SETTINGS, build_datasette
from scraper.stem_be import stem_be
from scraper.store import ArticleRecord, open_db, save_article
from tests.conftest import Scraped, rows

RU = Stemmer.Stemmer("russian")


@pytest_asyncio.fixture
async def ds(scraped: Scraped) -> AsyncIterator[Datasette]:
    instance = build_datasette(scraped.db)
    await instance.invoke_startup()
    yield instance


def _texts(scraped: Scraped, language: str) -> dict[str, str]:
    """Archived URL -> title, lead and body text, for one language."""
    return {
        str(r["url"]): f"{r['title']} {r['lead'] or ''} {r['body_text']}".lower().replace("ё", "е")
        for r in rows(scraped.db, "select url, title, lead, body_text from articles where language = ?", (language,))
    }


def _with_form(texts: dict[str, str], stem: str, stemmer: object) -> set[str]:
    return {url for url, text in texts.items() if any(stemmer(w) == stem for w in re.findall(r"\w+", text))}


async def _search(ds: Datasette, q: str, **params: str) -> list[dict[str, object]]:
    response = await ds.client.get("/archive/search.json", params={"q": q, "_shape": "array", **params})
    assert response.status_code == 200, response.text
    result: list[dict[str, object]] = response.json()
    return result


async def test_a_russian_form_absent_from_the_archive_finds_the_other_forms(ds: Datasette, scraped: Scraped) -> None:
    texts = _texts(scraped, "ru")
    assert not any(" городами " in f" {t} " for t in texts.values())  # the query's form is in no article
    expected = _with_form(texts, "город", RU.stemWord)
    assert len(expected) >= 3  # город, города, городам, городах, городов in several articles
    found = {str(r["url"]) for r in await _search(ds, "городами", language="ru")}
    assert found == expected
    plain = await ds.client.get("/archive/articles.json", params={"_search": "городами", "_shape": "array"})
    assert plain.json() == []  # the unstemmed table search finds nothing: stemming is what finds them


async def test_a_belarusian_form_absent_from_the_archive_finds_the_other_forms(ds: Datasette, scraped: Scraped) -> None:
    texts = _texts(scraped, "be")
    assert not any(" гарадамі " in f" {t} " for t in texts.values())
    expected = _with_form(texts, "гарад", stem_be)
    assert expected  # горад, горада, гарадах, гарадоў
    found = {str(r["url"]) for r in await _search(ds, "гарадамі", language="be")}
    assert found == expected
    titles = {str(r["title"]) for r in await _search(ds, "разумнымі гарадамі")}
    assert "Падведзены вынікі рэспубліканскага конкурсу «Разумны горад – 2022»" in titles


async def test_english_plural_finds_singular(ds: Datasette, scraped: Scraped) -> None:
    found = await _search(ds, "cities", language="en")
    titles = [str(r["title"]) for r in found]
    assert "Results of the national Smart City 2022 competition announced" in titles


async def test_title_matches_rank_first(ds: Datasette) -> None:
    results = await _search(ds, "умными городами")
    assert len(results) >= 2
    first = str(results[0]["title"]).lower()
    assert "умн" in first and "город" in first


async def test_phrase_prefix_and_exclusion(ds: Datasette, scraped: Scraped) -> None:
    phrase = {str(r["title"]) for r in await _search(ds, '"умный город"', language="ru")}
    assert "Подведены итоги республиканского конкурса «Умный город – 2022»" in phrase
    reversed_phrase = {str(r["title"]) for r in await _search(ds, '"город умный"', language="ru")}
    assert "Подведены итоги республиканского конкурса «Умный город – 2022»" not in reversed_phrase
    prefix = {str(r["url"]) for r in await _search(ds, "цифр*", language="ru")}
    assert prefix == {u for u, t in _texts(scraped, "ru").items() if re.search(r"\bцифр", t)}
    without = {str(r["url"]) for r in await _search(ds, "город -минске", language="ru")}
    with_minsk = {str(r["url"]) for r in await _search(ds, "город минске", language="ru")}
    assert with_minsk and not (without & with_minsk)


async def test_source_and_language_narrow_the_search(ds: Datasette) -> None:
    everything = await _search(ds, "smart")
    only_itu = await _search(ds, "smart", source="itu-cis")
    assert only_itu and {r["source"] for r in only_itu} == {"itu-cis"}
    assert len(only_itu) < len(everything)


@pytest.mark.parametrize("q", ['"unbalanced', "-", "AND", "NEAR(", "*", "(((", "title:x", '"', "a" * 300])
async def test_bad_syntax_gives_results_never_a_500(ds: Datasette, q: str) -> None:
    for path in ("/archive/search.json", "/archive/search", "/archive/search.atom"):
        response = await ds.client.get(path, params={"q": q})
        assert response.status_code == 200, (path, q, response.text[:300])
    table = await ds.client.get("/archive/articles.json", params={"_q": q})
    assert table.status_code == 200


async def test_q_filter_on_the_table_pages_with_next_and_facets(ds: Datasette, scraped: Scraped) -> None:
    expected = _with_form(_texts(scraped, "ru"), "город", RU.stemWord)
    seen: list[str] = []
    params = {"_q": "городами", "language": "ru", "_size": "2", "_facet": "source"}
    while True:
        data = (await ds.client.get("/archive/articles.json", params=params)).json()
        seen += [r["url"] if isinstance(r, dict) else r[data["columns"].index("url")] for r in data["rows"]]
        if not data["next"]:
            break
        params["_next"] = data["next"]
    assert sorted(seen) == sorted(expected)
    assert data["filtered_table_rows_count"] == len(expected)


async def test_every_search_is_a_valid_atom_feed(ds: Datasette, scraped: Scraped) -> None:
    response = await ds.client.get("/archive/search.atom", params={"q": "городами"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    expected = _with_form(_texts(scraped, "ru"), "город", RU.stemWord)
    assert expected <= {e.link for e in feed.entries}
    assert all(e.updated_parsed for e in feed.entries)
    assert "городами" in feed.feed.title


async def test_a_search_that_matches_nothing_is_a_valid_empty_feed(ds: Datasette) -> None:
    response = await ds.client.get("/archive/search.atom", params={"q": "nothingmatches"})
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.entries == []
    assert feed.feed.updated_parsed and feed.feed.id


async def test_a_query_without_atom_columns_is_not_a_feed(ds: Datasette) -> None:
    response = await ds.client.get("/archive/interviews.atom")
    assert response.status_code == 400
    assert "atom_id" in response.text


async def test_the_search_page_lists_results_as_links_to_article_pages(ds: Datasette) -> None:
    page = await ds.client.get("/archive/search", params={"q": "гарадамі"})
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert "Падведзены вынікі рэспубліканскага конкурсу «Разумны горад – 2022»" in text
    assert re.search(r'class="result-title" href="/archive/articles/\d+"', page.text)
    assert 'type="application/atom+xml"' in page.text


async def test_article_page_links_language_versions_source_and_story(ds: Datasette, scraped: Scraped) -> None:
    ru = rows(scraped.db, "select id, url, story_id, title from articles where url like '%/ru/news/%-8143'")[0]
    others = rows(
        scraped.db, "select id, language from articles where story_id = ? and id != ?", (ru["story_id"], ru["id"])
    )
    assert {o["language"] for o in others} == {"en", "be"}
    page = await ds.client.get(f"/archive/articles/{ru['id']}")
    assert page.status_code == 200
    assert f'class="source-link">{ru["url"]}</a>' in page.text
    assert "<h1" in page.text and html.escape(str(ru["title"]), quote=False) in page.text
    for other in others:
        assert f'href="/archive/articles/{other["id"]}" hreflang="{other["language"]}"' in page.text
    assert f'href="/archive/article_story?id={ru["id"]}"' in page.text
    story = (await ds.client.get("/archive/article_story.json", params={"id": str(ru["id"]), "_shape": "array"})).json()
    assert {(r["relation"], r["id"]) for r in story} == {("article", ru["id"])} | {
        ("translation", o["id"]) for o in others
    }


async def test_article_page_lists_earlier_versions_and_copies(tmp_path: Path) -> None:
    db_path = tmp_path / "a.db"
    db = open_db(db_path)
    record = ArticleRecord(
        url="https://mpt.gov.by/en/news/08-02-2022-7702", source="mpt", title="Belarus among leaders",
        body_markdown="First text.", body_text="First text.", language="en", story_id="mpt-1",
    )  # fmt: skip
    _, article_id = save_article(db, record)
    record.body_text = record.body_markdown = "Second text."
    save_article(db, record)
    copy = ArticleRecord(
        url="https://www.itu.int/en/ITU-D/Regional-Presence/CIS/Pages/News/20220208.aspx", source="itu-cis",
        title="Belarus among leaders", body_markdown="Second text.", body_text="Second text.", language="en",
        story_id="itu-1",
    )  # fmt: skip
    _, copy_id = save_article(db, copy)
    version_id = db.execute("select id from article_versions where article_id = ?", [article_id]).fetchone()[0]
    db.conn.close()
    instance = build_datasette(db_path)
    await instance.invoke_startup()
    page = await instance.client.get(f"/archive/articles/{article_id}")
    assert f'href="/archive/article_versions/{version_id}"' in page.text
    assert f'href="/archive/articles/{copy_id}">itu-cis' in page.text
    copy_page = await instance.client.get(f"/archive/articles/{copy_id}")
    assert f'href="/archive/articles/{article_id}">mpt' in copy_page.text


HOSTILE_MARKDOWN = """Intro paragraph.

<script>window.__pwned = 1; alert('script')</script>

<img src="x" onerror="window.__pwned = 2">

[click me](javascript:window.__pwned=3)

<a href="javascript:alert(4)" onclick="alert(5)">raw link</a>

<iframe src="https://evil.example/"></iframe>
"""


@pytest_asyncio.fixture
async def hostile(tmp_path: Path) -> AsyncIterator[tuple[Datasette, int]]:
    db_path = tmp_path / "hostile.db"
    db = open_db(db_path)
    _, article_id = save_article(
        db,
        ArticleRecord(
            url="javascript:alert('url')",
            source="mpt",
            title="<script>alert('title')</script> Hostile page",
            body_markdown=HOSTILE_MARKDOWN,
            body_text="Intro paragraph. hostile",
            language="en",
            lead='<img src=x onerror="alert(6)">',
            attachments=({"url": "javascript:alert(7)", "type": "pdf", "title": "bad"},),
        ),
    )
    db.conn.close()
    instance = build_datasette(db_path)
    await instance.invoke_startup()
    yield instance, article_id


def _assert_inert(page_html: str) -> None:
    """Parsed as a browser would: no script of the page's, no event handler, no javascript: link, no frame."""
    soup = BeautifulSoup(page_html, "lxml")
    scripts = " ".join(s.get_text() for s in soup.find_all("script"))
    assert "__pwned" not in scripts and "alert(" not in scripts
    for element in soup.find_all(True):
        handlers = [a for a in element.attrs if a.lower().startswith("on")]
        assert not handlers, (element.name, handlers)
        for attribute in ("href", "src", "action", "formaction"):
            value = str(element.get(attribute) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:text/html", "vbscript:")), (element.name, value)
    assert not soup.find_all(["iframe", "object", "embed"])


@pytest.mark.parametrize("path", ["/archive/articles/{id}", "/archive/articles", "/archive/search?q=hostile"])
async def test_nothing_from_a_scraped_page_can_run(hostile: tuple[Datasette, int], path: str) -> None:
    ds, article_id = hostile
    page = await ds.client.get(path.format(id=article_id))
    assert page.status_code == 200
    _assert_inert(page.text)
    assert "Hostile page" in page.text  # the harmless text is still there


async def test_hostile_row_stays_inert_in_the_feed(hostile: tuple[Datasette, int]) -> None:
    ds, _ = hostile
    response = await ds.client.get("/archive/search.atom", params={"q": "hostile"})
    feed = feedparser.parse(response.content)
    assert len(feed.entries) == 1
    entry = feed.entries[0]
    assert not [link for link in entry.get("links", []) if link.get("rel") == "alternate"]  # no javascript: link
    assert entry.id.startswith("urn:sha1:")  # nor as the entry's id
    assert "<script>" not in response.text


async def test_the_site_is_read_only(ds: Datasette, scraped: Scraped) -> None:
    before = rows(scraped.db, "select count(*) as n from articles")[0]["n"]
    for sql in ("delete from articles", "update articles set title = 'x'", "drop table articles"):
        response = await ds.client.get("/archive.json", params={"sql": sql})
        assert response.status_code == 400, sql
    post = await ds.client.post("/archive/search", data={"q": "x"})
    assert post.status_code == 405
    assert rows(scraped.db, "select count(*) as n from articles")[0]["n"] == before


async def test_sql_time_limit_stops_a_runaway_query(ds: Datasette) -> None:
    assert DATASETTE_SETTINGS["sql_time_limit_ms"] <= 5000
    slow = "with recursive n(i) as (select 1 union all select i + 1 from n) select count(*) from n"
    response = await ds.client.get("/archive.json", params={"sql": slow})
    assert response.status_code == 400
    assert "interrupted" in response.text.lower() or "time limit" in response.text.lower()


async def test_metadata_facets_include_topics_and_year(ds: Datasette, scraped: Scraped) -> None:
    data = (await ds.client.get("/archive/articles.json")).json()
    facets = data["facet_results"]
    facets = facets.get("results", facets)
    assert {"source", "language", "content_type", "topics", "year"} <= set(facets)
    years = {r["value"]: r["count"] for r in facets["year"]["results"]}
    expected = rows(scraped.db, "select substr(published_at, 1, 4) as y, count(*) as n from articles group by y")
    assert years == {int(str(r["y"])): r["n"] for r in expected if r["y"]}


async def test_canned_queries_answer(ds: Datasette, scraped: Scraped) -> None:
    interviews = (await ds.client.get("/archive/interviews.json", params={"_shape": "array"})).json()
    expected = rows(scraped.db, "select url from articles where content_type = 'interview'")
    assert {r["url"] for r in interviews} == {r["url"] for r in expected} and expected
    per_month = (await ds.client.get("/archive/articles_per_month.json", params={"_shape": "array"})).json()
    assert (
        sum(r["articles"] for r in per_month)
        == rows(scraped.db, "select count(*) as n from articles where published_at is not null")[0]["n"]
    )
    health = (await ds.client.get("/archive/scrape_health_over_time.json", params={"_shape": "array"})).json()
    assert {r["source"] for r in health} == {"mpt", "itu-cis"}
    latest = (await ds.client.get("/archive/latest.atom")).content
    assert not feedparser.parse(latest).bozo


async def test_dashboard_charts_articles_and_scrape_health(ds: Datasette) -> None:
    page = await ds.client.get("/-/dashboards/archive")
    assert page.status_code == 200
    for title in ("Articles per month, by source", "Scrape runs per day, by status", "Pages failed per day"):
        assert title in page.text
    assert "vega-lite.min.js" in page.text  # the charting library is served by the site itself
    js = await ds.client.get("/-/static-plugins/datasette_dashboards/vega-lite.min.js")
    assert js.status_code == 200 and len(js.content) > 100_000
    spec = re.search(r"articles-per-month", page.text)
    assert spec
    month_sql = "select substr(published_at, 1, 7) as month, source, count(*) as articles from articles"
    data = await ds.client.get("/archive.json", params={"sql": month_sql + " group by 1, 2", "_shape": "array"})
    assert data.status_code == 200 and json.loads(data.text)
