"""The site in a real browser: Playwright driving Debian's Chromium, headless, against `serve`.

Search a Russian word in a form no article contains, see the expected article, open it, follow
its links; a page carrying a script, an onerror attribute and a javascript: link runs nothing;
the charts draw. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scraper.store import ArticleRecord, open_db, save_article
from tests.conftest import ROOT, Scraped, rows, serving

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian's chromium (.ci/run does: apt-get install -y chromium)")
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import BrowserContext, Page, expect, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def browser() -> Iterator[BrowserContext]:
    ARTIFACTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            headless=True,
            args=LAUNCH_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(20_000)
        yield context
        context.close()


@pytest.fixture
def page(browser: BrowserContext) -> Iterator[Page]:
    page = browser.new_page()
    yield page
    page.close()


def test_search_a_russian_form_open_the_article_and_follow_its_links(page: Page, served: str, scraped: Scraped) -> None:
    article = rows(scraped.db, "select id, url, title, story_id from articles where url like '%/ru/news/%-8101'")[0]
    english = rows(
        scraped.db, "select id, title from articles where story_id = ? and language = 'en'", (article["story_id"],)
    )[0]

    page.goto(f"{served}/")
    expect(page).to_have_title(re.compile("^Smart-city news archive"))
    page.get_by_role("link", name="search", exact=True).first.click()
    page.fill("#q", "городами")  # the articles say городам, городах, городов: never городами
    page.click("#search-submit")
    result = page.locator("ol.results a.result-title", has_text=str(article["title"]))
    expect(result).to_have_count(1)
    page.screenshot(path=str(ARTIFACTS / "search-results.png"), full_page=True)

    result.click()
    expect(page).to_have_url(f"{served}/archive/articles/{article['id']}")
    expect(page.locator("article h1")).to_have_text(str(article["title"]))
    expect(page.locator("a.source-link")).to_have_attribute("href", str(article["url"]))
    page.screenshot(path=str(ARTIFACTS / "article-page.png"), full_page=True)

    internal = page.eval_on_selector_all("article a[href^='/']", "links => links.map(a => a.getAttribute('href'))")
    assert f"/archive/articles/{english['id']}" in internal
    for href in set(internal):
        response = page.request.get(served + href)
        assert response.status == 200, href

    page.locator(f"section.translations a[href='/archive/articles/{english['id']}']").click()
    expect(page.locator("article h1")).to_have_text(str(english["title"]))
    page.go_back()
    expect(page.locator("article h1")).to_have_text(str(article["title"]))


HOSTILE = """Intro paragraph.

<script>window.__pwned = 'script'; alert('script')</script>

<img src="/nothing.png" onerror="window.__pwned = 'onerror'; alert('onerror')">

[click me](javascript:window.__pwned='link';alert('link'))
"""


def test_a_page_carrying_script_onerror_and_javascript_links_runs_nothing(page: Page, tmp_path: Path) -> None:
    db_path = tmp_path / "hostile.db"
    db = open_db(db_path)
    _, article_id = save_article(
        db,
        ArticleRecord(
            url="javascript:alert('url')",
            source="mpt",
            title="<img src=x onerror=alert('title')> Hostile page",
            body_markdown=HOSTILE,
            body_text="Intro paragraph.",
            language="en",
        ),
    )
    db.conn.close()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serving(db_path) as base:
        for path in (f"/archive/articles/{article_id}", "/archive/articles", "/archive/search?q=hostile"):
            page.goto(base + path)
            page.wait_for_load_state("load")
            assert page.evaluate("window.__pwned") is None, path
        page.goto(f"{base}/archive/articles/{article_id}")
        page.get_by_text("click me").first.click()
        page.wait_for_timeout(300)
        assert page.evaluate("window.__pwned") is None
        page.screenshot(path=str(ARTIFACTS / "hostile-article.png"), full_page=True)
    assert dialogs == []


def test_the_dashboard_draws_its_charts(page: Page, served: str) -> None:
    errors: list[Any] = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(f"{served}/-/dashboards/archive")
    chart = page.locator("#card-articles-per-month canvas, #card-articles-per-month svg").first
    expect(chart).to_be_visible()
    expect(page.get_by_text("Articles per month, by source")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
    assert errors == []
