"""The archive in a real Datasette: table search, the canned search query, Atom, metadata."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from datasette.app import Datasette

from scraper.site import build_datasette, load_metadata
from tests.conftest import Scraped, rows


@pytest_asyncio.fixture
async def ds(scraped: Scraped) -> AsyncIterator[Datasette]:
    instance = build_datasette(scraped.db)
    await instance.invoke_startup()
    yield instance


def _word_from(scraped: Scraped, language: str) -> tuple[str, set[str]]:
    """A distinctive word of one archived article, and the URLs of the articles containing it."""
    truth = next(t for t in scraped.mpt.articles if t.language == language)
    words = sorted({w for w in " ".join(truth.paragraphs).split() if w.isalpha() and len(w) > 7}, key=len)
    word = words[-1]
    urls = {
        str(r["url"])
        for r in rows(scraped.db, "select url, body_text, title, lead from articles")
        if word.lower() in f"{r['title']} {r['lead']} {r['body_text']}".lower()
    }
    return word, urls


@pytest.mark.parametrize("language", ["ru", "en", "be"])
async def test_table_search_finds_a_word_from_an_article(ds: Datasette, scraped: Scraped, language: str) -> None:
    word, expected = _word_from(scraped, language)
    response = await ds.client.get("/archive/articles.json", params={"_search": word, "_shape": "array"})
    assert response.status_code == 200
    found = {row["url"] for row in response.json()}
    assert expected <= found and found, word


async def test_canned_search_query(ds: Datasette, scraped: Scraped) -> None:
    word, expected = _word_from(scraped, "ru")
    response = await ds.client.get("/archive/search.json", params={"q": word, "_shape": "array"})
    assert response.status_code == 200
    assert {row["url"] for row in response.json()} >= expected


async def test_search_ranks_title_matches_first(ds: Datasette, scraped: Scraped) -> None:
    truth = next(t for t in scraped.itu.articles if "5G" in t.title or "GIGA" in t.title)
    word = "5G" if "5G" in truth.title else "GIGA"
    response = await ds.client.get("/archive/search.json", params={"q": word, "_shape": "array"})
    results = response.json()
    assert word.lower() in results[0]["title"].lower()


@pytest.mark.parametrize("q", ['"unbalanced', "-", "AND", "smart OR", "NEAR(", "*", ""])
async def test_bad_query_syntax_never_errors(ds: Datasette, q: str) -> None:
    response = await ds.client.get("/archive/search.json", params={"q": q, "_shape": "array"})
    assert response.status_code == 200
    assert isinstance(response.json(), list)


async def test_search_as_atom(ds: Datasette, scraped: Scraped) -> None:
    word, expected = _word_from(scraped, "en")
    response = await ds.client.get("/archive/search.atom", params={"q": word})
    assert response.status_code == 200
    assert "xml" in response.headers["content-type"]
    assert 'xmlns="http://www.w3.org/2005/Atom"' in response.text
    for url in expected:
        assert url in response.text


async def test_facets_and_newest_first(ds: Datasette, scraped: Scraped) -> None:
    response = await ds.client.get("/archive/articles.json", params={"_shape": "objects"})
    data = response.json()
    facets = data["facet_results"]
    facets = facets.get("results", facets)
    assert {"source", "language", "content_type"} <= set(facets)
    dates = [r["published_at"] for r in data["rows"]]
    assert dates == sorted(dates, reverse=True)


async def test_search_in_the_html_ui(ds: Datasette, scraped: Scraped) -> None:
    word, expected = _word_from(scraped, "be")
    titles = [str(r["title"]) for r in rows(scraped.db, "select url, title from articles") if r["url"] in expected]
    page = await ds.client.get("/archive/articles", params={"_search": word})
    assert page.status_code == 200
    import html

    for title in titles:
        assert html.escape(title, quote=False) in page.text or title in html.unescape(page.text)


async def test_html_pages_render(ds: Datasette, scraped: Scraped) -> None:
    for path in ("/", "/archive", "/archive/articles", "/archive/runs", "/archive/search?q=smart"):
        response = await ds.client.get(path)
        assert response.status_code == 200, path
    article = rows(scraped.db, "select id, title from articles limit 1")[0]
    page = await ds.client.get(f"/archive/articles/{article['id']}")
    assert page.status_code == 200
    assert str(article["title"]).split()[0] in page.text


def test_metadata_describes_every_column() -> None:
    from scraper.store import open_db

    metadata = load_metadata()
    tables = metadata["databases"]["archive"]["tables"]
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "a.db")
        for table in ("articles", "article_versions", "runs", "failures", "sources", "url_aliases"):
            columns = set(db[table].columns_dict) - {"id"}
            assert columns <= set(tables[table]["columns"]), (table, columns - set(tables[table]["columns"]))
            assert tables[table]["description"]
        db.conn.close()


async def test_database_page_lists_every_canned_query(ds: Datasette) -> None:
    data = (await ds.client.get("/archive.json")).json()
    names = {q["name"] for q in data["queries"]}
    expected = {"search", "latest", "article_story", "interviews", "scrape_health", "scrape_health_over_time"}
    assert expected <= names


async def test_canned_search_is_stemmed_where_table_search_is_not(ds: Datasette, scraped: Scraped) -> None:
    stemmed = await ds.client.get("/archive/search.json", params={"q": "городами", "_shape": "array"})
    plain = await ds.client.get("/archive/articles.json", params={"_search": "городами", "_shape": "array"})
    assert len(stemmed.json()) >= 3
    assert plain.json() == []
