"""Discovery helpers: sitemaps (plain, gzipped, indexes, broken, text), feed autodiscovery, robots.txt
``Sitemap:`` lines through the fetcher, and RSS/Atom items with full text and categories."""

from __future__ import annotations

import gzip

import pytest

from scraper.discovery import feed_links, parse_sitemap
from scraper.fetching import Fetcher
from scraper.settings import resolve_settings
from scraper.sources.itu_news import ItuNews
from scraper.sources.itu_press import ItuPress, dateline
from scraper.urls import Scope
from tests.replica import serve_site

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://example.org/news/1</loc><lastmod>2022-02-08</lastmod></url>
  <url><loc> /news/2 </loc></url>
</urlset>"""


def test_a_urlset_gives_its_pages_with_lastmod() -> None:
    parsed = parse_sitemap(URLSET, "https://example.org/sitemap.xml")
    assert [(e.url, e.lastmod) for e in parsed.entries] == [
        ("https://example.org/news/1", "2022-02-08"),
        ("https://example.org/news/2", None),
    ]
    assert parsed.sitemaps == []


def test_an_index_gives_its_child_sitemaps() -> None:
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>https://example.org/post-sitemap.xml</loc><lastmod>2022-11-03T10:00:00+00:00</lastmod></sitemap>
    <sitemap><loc>https://example.org/page-sitemap.xml</loc></sitemap></sitemapindex>"""
    parsed = parse_sitemap(index, "https://example.org/sitemap_index.xml")
    assert [s.url for s in parsed.sitemaps] == [
        "https://example.org/post-sitemap.xml",
        "https://example.org/page-sitemap.xml",
    ]
    assert parsed.entries == []


def test_gzipped_namespaceless_broken_and_text_sitemaps_still_read() -> None:
    gz = parse_sitemap(gzip.compress(URLSET), "https://example.org/sitemap.xml.gz")
    assert len(gz.entries) == 2
    bare = parse_sitemap("<urlset><url><loc>https://example.org/a</loc></url></urlset>", "https://example.org/s.xml")
    assert [e.url for e in bare.entries] == ["https://example.org/a"]
    broken = parse_sitemap(
        b"<urlset><url><loc>https://example.org/a</loc></url><url><loc>https://exa", "https://example.org/s"
    )
    assert [e.url for e in broken.entries][:1] == ["https://example.org/a"]
    text = parse_sitemap("https://example.org/a\nhttps://example.org/b\n", "https://example.org/sitemap.txt")
    assert [e.url for e in text.entries] == ["https://example.org/a", "https://example.org/b"]
    assert parse_sitemap(b"", "https://example.org/s").entries == []


def test_external_entities_are_not_resolved() -> None:
    evil = b"""<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>
    <urlset><url><loc>https://example.org/&x;</loc></url></urlset>"""
    parsed = parse_sitemap(evil, "https://example.org/s.xml")
    assert all("root:" not in e.url for e in parsed.entries)


def test_feed_autodiscovery_reads_announced_feeds_then_feed_like_links() -> None:
    html = """<html><head><link rel="alternate" type="application/rss+xml" href="/en/rss.xml">
    <link rel="alternate" type="application/atom+xml" href="https://example.org/atom.xml">
    <link rel="alternate" hreflang="ru" href="/ru"></head><body><a href="/feed/">Feed</a></body></html>"""
    assert feed_links(html, "https://example.org/en") == [
        "https://example.org/en/rss.xml",
        "https://example.org/atom.xml",
    ]
    plain = '<html><body><a href="/news">News</a> <a href="/ru/rss">RSS</a> <a href="/hub/feed/">Feed</a></body></html>'
    assert feed_links(plain, "https://example.org/") == ["https://example.org/ru/rss", "https://example.org/hub/feed/"]


async def test_robots_sitemap_lines_come_from_the_fetchers_robots_txt() -> None:
    with serve_site("giprosvjaz") as site:
        scope = Scope.create("https://giprosvjaz.by", (), site.base_url)
        async with Fetcher(resolve_settings(environ={}, delay=0.0)) as fetcher:
            found = await fetcher.robots_sitemaps(site.base_url + "/robots.txt", scope)
            assert found == ["https://giprosvjaz.by/sitemap.xml"]
            assert scope.canonical(found[0]) == "https://giprosvjaz.by/sitemap.xml"
            await fetcher.robots_sitemaps(site.base_url + "/anything", scope)
        assert len(site.requests_for("/robots.txt")) == 1  # read once per run, for rules and sitemaps


def test_feed_items_keep_full_text_byline_and_categories() -> None:
    feed = """<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Hub</title>
    <item><title>A post</title><link>https://www.itu.int/hub/2022/02/a-post/</link>
    <pubDate>Tue, 08 Feb 2022 09:00:00 +0000</pubDate><dc:creator><![CDATA[ITU News]]></dc:creator>
    <category><![CDATA[Smart cities]]></category><category><![CDATA[U4SSC]]></category>
    <description><![CDATA[<p>Short teaser</p>]]></description>
    <content:encoded><![CDATA[<p>The whole text of the post.</p><p>Second paragraph.</p>]]></content:encoded></item>
    </channel></rss>"""
    (link,) = ItuNews().parse_feed(feed, "https://www.itu.int/hub/feed/", ItuNews().scope())
    assert link.url == "https://www.itu.int/hub/2022/02/a-post/"
    assert link.teaser == "Short teaser"
    assert link.author == "ITU News"
    assert link.categories == ("Smart cities", "U4SSC")
    assert link.content_html and "Second paragraph." in link.content_html
    assert link.current


@pytest.mark.parametrize(
    ("text", "raw", "day"),
    [
        ("Geneva, 15 August 2019 – ITU today announced", "Geneva, 15 August 2019", "2019-08-15"),
        ("GENEVA, 3 May 2021 - The", "GENEVA, 3 May 2021", "2021-05-03"),
        ("Geneva/New York, 15 March 2021 – ITU", "Geneva/New York, 15 March 2021", "2021-03-15"),
        ("Addis Ababa, 1 June 2020", "Addis Ababa, 1 June 2020", "2020-06-01"),
    ],
)
def test_press_release_datelines(text: str, raw: str, day: str) -> None:
    found = dateline(text)
    assert found is not None
    assert (found[1], found[0].iso()[:10]) == (raw, day)


@pytest.mark.parametrize("text", ["ITU today, 15 August 2019", "In Geneva on 15 August 2019", "Geneva, August 2019"])
def test_text_that_is_no_dateline(text: str) -> None:
    assert dateline(text) is None


@pytest.mark.parametrize(
    ("url", "article"),
    [
        ("https://www.itu.int/en/mediacentre/Pages/PR-2022-05-12-wtisd-2022.aspx", True),
        ("https://www.itu.int/en/mediacentre/Pages/2018-PR40.aspx", True),
        ("https://www.itu.int/en/mediacentre/Pages/2019-CM08.aspx", True),
        ("https://www.itu.int/en/mediacentre/pages/2019-pr12.aspx", True),
        ("https://www.itu.int/en/mediacentre/Pages/default.aspx", False),
        ("https://www.itu.int/en/mediacentre/Pages/2019.aspx", False),
    ],
)
def test_both_generations_of_press_release_urls(url: str, article: bool) -> None:
    source = ItuPress()
    assert source.is_article(source.tidy(url)) is article
    if article:
        assert "/en/mediacentre/Pages/" in source.tidy(url)


@pytest.mark.parametrize(
    ("url", "article"),
    [
        ("https://www.itu.int/hub/2022/02/smart-cities-in-belarus/", True),
        ("https://www.itu.int/hub/2022/02/", False),
        ("https://www.itu.int/hub/tag/smart-cities/", False),
        ("https://www.itu.int/hub/2022/02/smart-cities-in-belarus/feed/", False),
    ],
)
def test_itu_news_article_urls(url: str, article: bool) -> None:
    assert ItuNews().is_article(url) is article
