"""HTML to an article: structured data first, a site's own selectors next, generic extraction last.

:func:`extract_article` works on any news page; a source passes a :class:`Profile` with its
selectors and time zone to make it exact on its own pages. Every field records where its
value came from (``title_source``, ``date_source``...), so a layout change is easy to spot.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from zoneinfo import ZoneInfo

from bs4 import Tag

from scraper.dates import ParsedDate, parse_date, plausible
from scraper.errors import ExtractError
from scraper.extract.content import JUNK_TAGS, collapse, figure_of, make_body
from scraper.extract.fields import (
    attachment_type,
    attachments,
    pick_author,
    pick_date,
    pick_lead,
    pick_title,
    strip_site_name,
)
from scraper.extract.generic import GenericResult, generic_extract
from scraper.extract.model import Article, Profile
from scraper.extract.parse import parse_html, parsed_nodes
from scraper.extract.select import Page, is_dead
from scraper.extract.structured import read_structured
from scraper.language import detect_language
from scraper.urls import absolute

__all__ = ["Article", "Profile", "extract_article"]

log = logging.getLogger(__name__)

_MIN_BODY = 20
_STRUCTURED_BODY = ('[itemprop="articleBody"]', '[property="articleBody"]')


def _has_text(el: Tag, size: int) -> bool:
    """``len(collapse(el.get_text(" "))) >= size``, reading no more of a long body than it takes.

    The collapsed text of the first strings is never longer than that of all of them, so once a
    beginning is long enough the rest need not be read.
    """
    parts: list[str] = []
    read = 0
    check = 4 * size
    for string in el.strings:  # what get_text joins
        parts.append(string)
        read += len(string) + 1
        if read >= check:
            if len(collapse(" ".join(parts))) >= size:
                return True
            check *= 2
    return len(collapse(" ".join(parts))) >= size


def _pick_body(page: Page, profile: Profile) -> tuple[Tag | None, str]:
    """The body element from the source's selectors or from schema.org markup, if either finds one."""
    for selector in profile.body_selectors:
        for el in page.select(selector):
            if _has_text(el, _MIN_BODY):
                return el, "site"
    for selector in _STRUCTURED_BODY:
        for el in page.select(selector):
            if _has_text(el, 80):
                return el, "microdata"
    return None, ""


def _captions_from_page(page: Page, images: list[dict[str, str]], resolve: Callable[[str], str | None]) -> None:
    """Give images the caption their ``<figure>`` has on the page (the generic layer drops captions)."""
    missing = {i["url"]: i for i in images if not i.get("caption")}
    if not missing:
        return
    for img in page.find_all("img"):
        src = resolve(str(img.get("src") or ""))
        figure = figure_of(img) if src in missing else None
        caption = figure.find("figcaption") if figure is not None else None
        if src and caption is not None:
            missing[src]["caption"] = collapse(caption.get_text(" ")).replace("\n", " ")


def _generic_date(generic: GenericResult, profile: Profile) -> ParsedDate | None:
    if not generic.date:
        return None
    found = parse_date(generic.date, ZoneInfo(profile.timezone))
    return found if found is not None and plausible(found, profile.earliest) else None


def extract_article(
    html: str,
    url: str,
    profile: Profile | None = None,
    link: Callable[[str], str | None] | None = None,
) -> Article:
    """Extract an article from a news page (any site; exact on a source's own pages with its ``profile``).

    ``url`` is the page's canonical URL (links resolve against it); ``link`` maps a raw
    href to the URL to store (a source uses it to name the real site, not a mirror).
    Raises :class:`~scraper.errors.ExtractError` when the page holds no title or no body.
    """
    if not isinstance(html, str):
        raise ExtractError(f"expected HTML text, got {type(html).__name__}", url)
    profile = profile or Profile()
    given = link or (lambda href: absolute(href, url))

    def resolve(href: str) -> str | None:
        try:
            return given(href)
        except ValueError:  # a malformed href ("http://[::1") is no link, not a broken page
            return None

    soup = parse_html(html)
    page = Page(soup, parsed_nodes(soup))
    structured = read_structured(soup, page.tags)  # before the junk goes: JSON-LD lives in <script>
    for comment in page.comments:
        comment.extract()
    for el in page.find_all(*JUNK_TAGS):
        if not is_dead(el):
            el.decompose()
    if profile.drop_selectors:
        for el in page.select(", ".join(profile.drop_selectors)):
            if not is_dead(el):
                el.decompose()
    title, title_source, title_el = pick_title(page, structured, profile)
    published, date_source, displayed_raw = pick_date(page, structured, profile, title_el, url)
    files = attachments(page, resolve)
    container, body_source = _pick_body(page, profile)

    generic: GenericResult | None = None
    if container is None or title is None or published is None:
        # the last layer: trafilatura, on the page as the source's drop selectors left it
        source_html = str(soup) if profile.drop_selectors else html
        generic = generic_extract(source_html, url, with_metadata=title is None or published is None)
        if container is None and generic.body_html:
            container = parse_html(generic.body_html).body
            body_source = "generic"
        if title is None and generic.title:
            title, title_source = strip_site_name(generic.title), "generic"
        if published is None and (found := _generic_date(generic, profile)):
            published, date_source = found, "generic"
    if title is None:
        if structured.page_title:
            title, title_source = strip_site_name(structured.page_title), "title-tag"
        else:
            raise ExtractError("no title found", url, field="title")
    if container is None:
        raise ExtractError("no body text found", url, field="body")

    body = make_body(
        container,
        title=title,
        date_raw=displayed_raw,
        link=resolve,
        is_attachment=lambda href: bool(attachment_type(href)),
    )
    if not body.text:
        raise ExtractError("no body text found", url, field="body")
    _captions_from_page(page, body.images, resolve)
    author, byline, author_source = pick_author(page, structured, profile, body.paragraphs)
    if author is None and generic is not None and generic.author:
        author, author_source = generic.author, "generic"
    lead, lead_source = pick_lead(page, structured, profile, body.paragraphs, title)
    html_lang = (structured.html_lang or "")[:2].lower() or None
    language = detect_language(f"{title}\n{body.text}")
    language_source = "text"
    if language is None and html_lang:
        language, language_source = html_lang, "html-lang"
    return Article(
        url=url,
        title=title,
        body_markdown=body.markdown,
        body_text=body.text,
        published_at=published.iso() if published else None,
        published_raw=published.raw if published else None,
        author=author,
        byline=byline,
        lead=lead,
        language=language,
        images=body.images,
        attachments=files,
        canonical=structured.canonical,
        shortlink=structured.shortlink,
        alternates=structured.alternates,
        html_lang=structured.html_lang,
        keywords=structured.keywords,
        title_source=title_source,
        date_source=date_source if published else "",
        body_source=body_source,
        author_source=author_source if author else "",
        lead_source=lead_source if lead else "",
        language_source=language_source if language else "",
    )
