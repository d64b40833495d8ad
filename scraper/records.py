"""From a fetched article page to the record the store saves: extract, then enrich.

Pure: the pipeline calls it for pages it has just fetched, and re-extraction can call it
for pages kept in the archive, so both give the same record for the same bytes.
"""

from __future__ import annotations

from dataclasses import replace

from scraper import enrich
from scraper.analysis import INPUTS, analyse_text
from scraper.errors import ExtractError
from scraper.sources.base import Link, Source
from scraper.store import ArticleRecord
from scraper.stories import DEFAULT_PARAMS
from scraper.urls import Scope, absolute

__all__ = ["build_record", "with_analysis"]


def build_record(source: Source, scope: Scope, html: str, url: str, hint: Link | None = None) -> ArticleRecord:
    """The article on ``html``, fetched as canonical ``url``, with what discovery said of it (``hint``).

    Raises :class:`~scraper.errors.ExtractError` (carrying ``url``) when the page holds no article.
    """
    try:
        article = source.extract_hinted(html, url, scope, hint)
    except ExtractError as exc:
        raise ExtractError(str(exc).split(" (")[0], url, field=exc.field) from None
    canonical = source.canonical_article_url(article, url, scope)
    lead, lead_source = article.lead, article.lead_source
    if hint is not None and hint.teaser:
        lead, lead_source = hint.teaser, "listing"
    published_at, published_raw, date_source = article.published_at, article.published_raw, article.date_source
    if published_at is None and hint is not None and hint.published:
        published_at, published_raw = source.published_from_feed(hint), hint.published
        date_source = "listing" if published_at else ""
    record = ArticleRecord(
        url=canonical,
        source=source.name,
        title=article.title,
        body_markdown=article.body_markdown,
        body_text=article.body_text,
        language=article.language,
        published_at=published_at,
        published_raw=published_raw,
        author=article.author,
        lead=lead,
        # a feed's <category> list mixes categories and tags: only a fallback for the page's own
        categories=tuple(article.categories) or (hint.categories if hint else ()),
        tags=tuple(article.tags),
        attachments=tuple(article.attachments),
        images=tuple(article.images),
        story_id=enrich.story_id_for(source.name, source.story_key(article, canonical)),
        external_id=source.article_external_id(article, canonical),
        title_source=article.title_source,
        date_source=date_source,
        body_source=article.body_source,
        author_source=article.author_source,
        lead_source=lead_source,
        language_source=article.language_source,
        byline=article.byline,
        alternates=_alternates(source, scope, article.alternates, canonical),
    )
    return with_analysis(record, source.default_content_type)


def with_analysis(record: ArticleRecord, default_type: str) -> ArticleRecord:
    """The record with the analysis of its text (:mod:`scraper.analysis`) and the content type and
    topics it gives: made once, here, for the record and for the story refresh after the save (a
    stored text is analysed the same way by recompute). ``default_type``: the source's content type."""
    text = analyse_text({name: getattr(record, name) for name in INPUTS}, default_type, DEFAULT_PARAMS.min_shingles)
    return replace(record, content_type=text.content_type, topics=tuple(text.topics), analysis=text)


def _alternates(source: Source, scope: Scope, declared: dict[str, str], url: str) -> tuple[tuple[str, str], ...]:
    """The page's hreflang alternates as archive URLs (in the source's scope: canonical), itself left out."""
    found: dict[tuple[str, str], None] = {}
    for lang, href in sorted(declared.items()):
        target = source.resolve(scope, href, url) or absolute(href, url)
        if target and target != url and lang != "x-default":
            found[(lang, target)] = None
    return tuple(found)
