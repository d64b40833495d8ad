"""extract_article over real-shaped pages of every source and language, and over other sites' shapes.

Pages come from tests.pages (replica pages of mpt.gov.by and the ITU CIS section, and pages
written in the shapes of other news sites); each assertion is against the page's known text.
"""

from __future__ import annotations

import re

import pytest

from scraper.extract import Article, extract_article
from scraper.sources import get_source
from tests.pages import CorpusPage, replica_pages, written_pages

REPLICA = replica_pages()
WRITTEN = written_pages()


def _extract(page: CorpusPage) -> Article:
    if page.source:
        source = get_source(page.source)
        return source.extract(page.html, page.url, source.scope())
    return extract_article(page.html, page.url)


def _ws(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?»])\s", _ws(text), maxsplit=1)[0]


def _last_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?;:])\s", _ws(text))[-1]


def _check(page: CorpusPage, article: Article) -> None:
    assert article.title == page.title
    assert article.published_at is not None and article.published_at[:10] == page.published
    body = _ws(article.body_text)
    assert body.startswith(_first_sentence(page.paragraphs[0])), body[:200]
    assert body.endswith(_last_sentence(page.paragraphs[-1])), body[-200:]
    assert article.language == page.language
    if page.author:
        assert article.author == page.author


@pytest.mark.parametrize("page", REPLICA, ids=[p.name for p in REPLICA])
def test_replica_pages_of_every_source_and_language(page: CorpusPage) -> None:
    article = _extract(page)
    _check(page, article)
    assert article.published_raw == page.published_raw
    # a healthy page of our own sources never needs the generic layer
    assert "generic" not in (article.title_source, article.date_source, article.body_source)
    assert _ws(article.body_text) == _ws(" ".join(page.paragraphs))


@pytest.mark.parametrize("page", WRITTEN, ids=[p.name for p in WRITTEN])
def test_pages_of_other_sites_through_the_generic_layers(page: CorpusPage) -> None:
    article = _extract(page)
    _check(page, article)
    assert article.published_raw == page.published_raw
    for junk in ("cookies", "Tel.:", "Тел.:", "All rights reserved", "Все права защищены", "comments"):
        assert junk not in article.body_text


def test_every_language_is_covered() -> None:
    assert {p.language for p in REPLICA} == {"ru", "en", "be"}
    assert {p.language for p in WRITTEN} >= {"ru", "en", "be", "uk", "kk"}
    assert len(REPLICA) + len(WRITTEN) >= 100


def test_field_sources_name_the_layer() -> None:
    mpt = next(p for p in REPLICA if p.name == "mpt/ru/news/15-11-2022-8143")
    article = _extract(mpt)
    # Drupal 7 prints title and date as RDFa: structured data first, the site's selectors for the body
    assert (article.title_source, article.date_source, article.body_source) == ("rdfa", "rdfa", "site")
    assert article.published_at == "2022-11-15T11:20:00+03:00" and article.published_raw == "15.11.2022"
    wordpress = next(p for p in WRITTEN if p.name.startswith("wordpress/"))
    article = _extract(wordpress)
    assert (article.title_source, article.date_source, article.body_source) == ("json-ld", "json-ld", "generic")
    assert article.author_source == "json-ld"
    joomla = next(p for p in WRITTEN if p.name.startswith("joomla/"))
    article = _extract(joomla)
    assert (article.title_source, article.date_source, article.body_source) == ("microdata", "microdata", "microdata")


def test_a_be_page_with_english_text_is_english() -> None:
    page = next(p for p in REPLICA if p.name == "mpt/be/news/21-12-2021-7643")
    article = _extract(page)
    assert article.language == "en" and article.language_source == "text"


def test_byline_at_the_end_gives_the_author() -> None:
    page = next(p for p in REPLICA if p.name == "mpt/ru/news/18-04-2022-7810")
    article = _extract(page)
    assert article.author == "Иван Петров" and article.author_source == "byline"
    assert article.byline == "Иван Петров, начальник управления информатизации Министерства связи и информатизации"


def test_attachments_and_images_are_absolute_with_types() -> None:
    page = next(p for p in REPLICA if p.name == "mpt/ru/news/15-11-2022-8143")
    article = _extract(page)
    assert article.attachments == [
        {
            "url": "https://mpt.gov.by/sites/default/files/documents/protokol-umny-gorod-2022.pdf",
            "type": "pdf",
            "title": "(.pdf) PDF",
        }
    ]
    assert [i["url"] for i in article.images] == ["https://mpt.gov.by/sites/default/files/news/2022/11/umny-gorod-2022.jpg"]
    assert "[«Объединенные для умных устойчивых городов» (U4SSC)](https://u4ssc.itu.int/)" in article.body_markdown
    assert "**более 120 заявок**" in article.body_markdown
    assert "\n- Новополоцк – за проект" in article.body_markdown


RICH = """<!doctype html><html lang="en"><head><title>Rich page | Example News</title>
<meta property="og:description" content="A page with every kind of block an article can hold."></head>
<body><nav class="menu"><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Rich page</h1><p class="meta">Posted on <time datetime="2022-03-04T10:30:00Z">4 March 2022</time></p>
<p>The first paragraph has <em>emphasis</em>, <strong>strong words</strong> and a
<a href="/relative/link">relative link</a>.</p>
<h2>A section heading</h2>
<ul><li>first item of the list</li><li>second item of the list</li></ul>
<blockquote><p>A quotation from the minister, long enough to count as text.</p></blockquote>
<table><tr><th>City</th><th>Projects</th></tr><tr><td>Minsk</td><td>12</td></tr></table>
<figure><img src="/img/photo.jpg" alt="A photo"><figcaption>The caption of the photo</figcaption></figure>
<p>Documents: <a href="/files/report.pdf">report</a>, <a href="/files/plan.docx">plan</a>,
<a href="/files/data.xls">data</a>.</p>
<p>The last paragraph closes the article with a final sentence.</p>
<div class="share-buttons"><a href="https://twitter.com/share">Tweet</a></div></article>
<div class="related-news"><h3>Related news</h3><ul><li><a href="/news/other">Another story</a></li></ul></div>
<footer>© 2022 Example News. Tel.: +1 555 0100</footer></body></html>"""


def test_markdown_keeps_structure_and_links_are_absolute() -> None:
    article = extract_article(RICH, "https://news.example.org/2022/03/rich-page")
    md = article.body_markdown
    assert article.title == "Rich page"
    assert article.published_at == "2022-03-04T10:30:00+00:00" and article.published_raw == "4 March 2022"
    assert "*emphasis*" in md and "**strong words**" in md
    assert "[relative link](https://news.example.org/relative/link)" in md
    assert "## A section heading" in md
    assert "- first item of the list" in md
    assert "> A quotation from the minister" in md
    assert "| City | Projects |" in md and "| Minsk | 12 |" in md
    photo = {"url": "https://news.example.org/img/photo.jpg", "alt": "A photo", "caption": "The caption of the photo"}
    assert article.images == [photo]
    assert [(a["url"], a["type"]) for a in article.attachments] == [
        ("https://news.example.org/files/report.pdf", "pdf"),
        ("https://news.example.org/files/plan.docx", "docx"),
        ("https://news.example.org/files/data.xls", "xls"),
    ]
    for junk in ("Home", "Tweet", "Another story", "Tel.:"):
        assert junk not in article.body_text
    assert article.body_text.endswith("The last paragraph closes the article with a final sentence.")
    # the page's description is not about this article (no words in common): the first paragraph leads
    assert article.lead == "The first paragraph has emphasis, strong words and a relative link."
    assert article.lead_source == "body"


def test_indexed_selection_agrees_with_soupsieve() -> None:
    from bs4 import BeautifulSoup

    from scraper.extract.select import Page

    selectors = {
        s
        for name in ("mpt", "itu-cis")
        for p in (get_source(name).profile,)
        for s in (*p.title_selectors, *p.date_selectors, *p.body_selectors, *p.author_selectors, *p.drop_selectors)
    } | {'[id$="ArticleStartDate"]', "a[href]", "div.views-row h2 a", "#page .content, .breadcrumb a", "span[property]"}
    checked = 0
    for corpus_page in [*REPLICA[::4], *WRITTEN[::10]]:
        soup = BeautifulSoup(corpus_page.html, "lxml")
        page = Page(soup)
        for selector in sorted(selectors):
            assert page.select(selector) == soup.select(selector), (corpus_page.name, selector)
            checked += len(page.select(selector))
    assert checked > 100
