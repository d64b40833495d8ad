"""One picker per field, each trying its layers in order and saying which one answered.

Order everywhere: structured data (JSON-LD, Open Graph, meta, microdata, RDFa, ``<time>``),
then the source's own selectors, then what the page shows (headings, a date line under
the title, a byline), then the generic layer (see :mod:`scraper.extract.generic`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup, Tag

from scraper.dates import ParsedDate, find_date, parse_date, plausible
from scraper.extract.content import ATTACHMENT_TYPES, blocks_of, collapse, is_boilerplate
from scraper.extract.model import Profile
from scraper.extract.select import Page, is_dead
from scraper.extract.structured import Structured

__all__ = [
    "attachment_type",
    "attachments",
    "inside",
    "pick_author",
    "pick_date",
    "pick_lead",
    "pick_title",
    "strip_site_name",
]

_GENERIC_HEADINGS = frozenset(
    s.casefold()
    for s in (
        "News",
        "Новости",
        "Навіны",
        "Новини",
        "Latest news",
        "Последние новости",
        "Апошнія навіны",
        "Related news",
        "Похожие новости",
        "Menu",
        "Меню",
        "Search",
        "Поиск",
        "Пошук",
        "Interviews",
        "Интервью",
        "Press releases",
        "Share",
        "Comments",
    )
)
_TITLE_SEPARATORS = re.compile(r"\s+[|–—-]\s+|\s+::\s+|\s+»\s+")
_NAME = r"(?:[A-ZА-ЯЁЎІЇЄҐ][\w'’.-]+\s+){1,2}[A-ZА-ЯЁЎІЇЄҐ][\w'’.-]+"
# "By Jane Doe, ITU News" / "Автор: Иван Петров" at the top, "Иван Петров, начальник ..." at the end
_BYLINE_TOP = re.compile(rf"^(?:by|автор|аўтар|автори?|текст|text)\s*:?\s+({_NAME})\s*(?:$|[,–—|(]|\s+-\s)", re.I)
_BYLINE_END = re.compile(rf"^({_NAME})\s*[,–—-]\s*\S")
_ROLE_WORDS = re.compile(
    r"начальник|директор|министр|заместитель|руководитель|специалист|пресс-служб|корреспондент|"
    r"начальнік|дырэктар|міністр|намеснік|кіраўнік|спецыяліст|карэспандэнт|"
    r"head|director|minister|deputy|officer|specialist|correspondent|editor|reporter|department|unit|division",
    re.IGNORECASE,
)


def inside(el: Tag, test: Callable[[Tag], bool]) -> bool:
    """Whether ``el`` or one of its ancestors (below ``<body>``) passes ``test``."""
    node: Tag | None = el
    while node is not None and node.name not in ("html", "body", "[document]"):
        if test(node):
            return True
        node = node.parent
    return False


def _heading_ok(text: str) -> bool:
    return 3 <= len(text) <= 400 and text.casefold() not in _GENERIC_HEADINGS


def _similar(a: str, b: str) -> bool:
    a, b = a.casefold(), b.casefold()
    return a == b or (len(a) > 10 and a in b) or (len(b) > 10 and b in a)


def strip_site_name(title: str) -> str:
    """The title without its site name: "Title | Site" gives "Title" (the longest part)."""
    parts = _TITLE_SEPARATORS.split(title)
    return max(parts, key=len).strip() if len(parts) > 1 else title.strip()


def _one_line(el: Tag) -> str:
    return collapse(el.get_text(" ")).replace("\n", " ")


def pick_title(page: Page, s: Structured, profile: Profile) -> tuple[str | None, str, Tag | None]:
    """The title as displayed, its source, and the element showing it (to cut it from the body)."""
    boilerplate = page.cached(is_boilerplate)
    headings = [(_one_line(el), el) for el in page.find_all("h1", "h2") if not inside(el, boilerplate)]
    headings = [(t, el) for t, el in headings if _heading_ok(t)]
    if s.title:
        # structured data names the title; the visible heading that matches gives its printed form
        for text, el in headings:
            if _similar(text, s.title):
                return text, s.title_source or "structured", el
    for selector in profile.title_selectors:
        for el in page.select(selector):
            text = _one_line(el)
            if _heading_ok(text) and not inside(el, boilerplate):
                return text, "site", el
    if s.title:
        return strip_site_name(s.title), s.title_source or "structured", None
    if s.page_title:
        for text, el in headings:
            if _similar(text, s.page_title):
                return text, "heading", el
    h1s = [(t, el) for t, el in headings if el.name == "h1"]
    if h1s:
        return h1s[0][0], "heading", h1s[0][1]
    return None, "", None


def _to_site_time(found: ParsedDate, zone: ZoneInfo) -> ParsedDate:
    if found.has_time and found.value.tzinfo is not None:
        return ParsedDate(found.value.astimezone(zone), found.raw, True)
    return found


def pick_date(
    page: Page, s: Structured, profile: Profile, title_el: Tag | None, url: str
) -> tuple[ParsedDate | None, str, str | None]:
    """The publication date, its source, and the date string as displayed (to cut it from the body).

    ``published_raw`` is what the page prints: when structured data gives the date, the raw
    string is the displayed one if the page shows the same day.
    """
    zone = ZoneInfo(profile.timezone)

    def ok(found: ParsedDate | None) -> bool:
        return found is not None and plausible(found, profile.earliest)

    site: ParsedDate | None = None
    for selector in profile.date_selectors:
        for el in page.select(selector):
            found = find_date(collapse(el.get_text(" ")), zone)
            if ok(found):
                site = found
                break
        if site is not None:
            break
    # the date printed under the title: read only when no site selector found it (a walk over the page)
    displayed = None if site is not None else _displayed_date(page.soup, title_el, zone)
    printed = site or displayed
    if s.published:
        found = parse_date(s.published, zone)
        if ok(found):
            assert found is not None
            found = _to_site_time(found, zone)
            if printed and printed.value.date() == found.value.date():
                return ParsedDate(found.value, printed.raw, found.has_time), s.published_source or "meta", printed.raw
            return found, s.published_source or "meta", printed.raw if printed else None
    for el in page.find_all("time"):
        if inside(el, page.cached(is_boilerplate)):
            continue
        value = str(el.get("datetime") or "") or el.get_text(" ")
        found = parse_date(value, zone)
        if ok(found):
            assert found is not None
            raw = collapse(el.get_text(" ")) or found.raw
            return ParsedDate(_to_site_time(found, zone).value, raw, found.has_time), "time", raw
    if site is not None:
        return site, "site", site.raw
    if ok(displayed):
        assert displayed is not None
        return displayed, "text", displayed.raw
    if profile.url_date is not None:
        found = profile.url_date(url)
        if ok(found):
            return found, "url", None
    return None, "", None


def _displayed_date(soup: BeautifulSoup, title_el: Tag | None, zone: ZoneInfo) -> ParsedDate | None:
    """The first date printed shortly after the title (or near the top of the page)."""
    root = soup.body or soup
    blocks = [b for b in blocks_of(root) if not inside(b.nodes[0].parent or root, is_boilerplate)]
    start = 0
    if title_el is not None:
        for i, b in enumerate(blocks):
            if any(n is title_el or (isinstance(n, Tag) and title_el in n.parents) for n in b.nodes) or (
                b.nodes and title_el in b.nodes[0].parents
            ):
                start = i + 1
                break
    budget = 600
    for b in blocks[start:]:
        if len(b.text) < 200:
            found = find_date(b.text, zone)
            if found is not None:
                return found
        budget -= len(b.text)
        if budget < 0:
            break
    return None


# ".pdf", ".docx"...: a URL whose path ends in a file type holds one of these (urlsplit drops tabs and
# line breaks from a URL, so they are dropped before looking)
_TYPE_SUFFIX = re.compile(r"\.(?:" + "|".join(sorted(ATTACHMENT_TYPES, key=len, reverse=True)) + ")", re.IGNORECASE)
_URL_DROPPED = str.maketrans("", "", "\t\r\n")


def attachment_type(url: str) -> str | None:
    """The file type of an attachment link (``pdf``, ``docx``...), or None for a page."""
    if _TYPE_SUFFIX.search(url.translate(_URL_DROPPED)) is None:
        return None  # most links of a page: no need to split the URL
    try:
        path = urlsplit(url).path.lower()
    except ValueError:  # "http://[::1": not a URL at all
        return None
    ext = path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else ""
    return ext if ext in ATTACHMENT_TYPES else None


def attachments(page: Page, link: Callable[[str], str | None]) -> list[dict[str, str]]:
    """Links to files (PDF, DOC, XLS...) outside navigation, with absolute URL, type and label."""
    found: dict[str, dict[str, str]] = {}
    for a in page.find_all("a"):
        href = a.get("href")
        if not isinstance(href, str) or not attachment_type(href.strip()):
            continue  # resolving every link of a page is costly: only file links are resolved
        target = link(href)
        if not target or target in found:
            continue
        kind = attachment_type(target)
        if kind and not inside(a, lambda t: t.name in ("nav", "footer", "header")):
            found[target] = {"url": target, "type": kind, "title": _one_line(a)}
    return list(found.values())


def pick_author(
    page: Page, s: Structured, profile: Profile, paragraphs: list[str]
) -> tuple[str | None, str | None, str]:
    """The author's name, the byline as printed, and the source."""
    byline = _byline(paragraphs)
    if s.author and not s.author.startswith(("http://", "https://")):
        return s.author, byline[1] if byline else None, s.author_source or "structured"
    for selector in profile.author_selectors:
        el = page.select_one(selector)
        if el is not None and (text := _one_line(el)):
            return text, byline[1] if byline else None, "site"
    if byline:
        return byline[0], byline[1], "byline"
    printed = _byline_element(page)
    if printed:
        return printed[0], printed[1], "byline"
    return None, None, ""


_BYLINE_CLASSES = re.compile(r"(?:^|[-_\s])(?:author|byline|by-line|article-author|post-author)(?:$|[-_\s])", re.I)


def _byline_element(page: Page) -> tuple[str, str] | None:
    """A short element marked as the author or byline (``class="author"``, ``rel="author"``)."""
    # the pattern cannot match across the spaces that join classes and id: a tag matches when one of
    # its classes or its id does, so each distinct class and id of the page is tried once
    marked = page.marked(lambda value: _BYLINE_CLASSES.search(value) is not None)
    for el in page.tags:
        if is_dead(el) or el.name in ("html", "body", "meta", "link"):
            continue
        if id(el) not in marked and (el.name != "a" or "rel" not in el.attrs):
            continue  # nothing to match: most tags of a page
        names = " ".join([*(str(c) for c in el.get("class") or []), str(el.get("id") or "")])
        got_rel = el.get("rel")
        rel = [str(r) for r in got_rel] if isinstance(got_rel, list) else str(got_rel or "").split()
        if not (_BYLINE_CLASSES.search(names) or (el.name == "a" and "author" in rel)):
            continue
        if el.parent is not None and inside(el.parent, page.cached(is_boilerplate)):
            continue
        text = _one_line(el)
        if not text or len(text) > 120:
            continue
        match = _BYLINE_TOP.match(text)
        if match:
            return match.group(1).strip(), text
        if re.fullmatch(_NAME, text):
            return text, text
    return None


def _byline(paragraphs: list[str]) -> tuple[str, str] | None:
    """(name, line) of a byline: "By Name, Org" in the first two paragraphs, "Name, role" as the last."""
    for paragraph in paragraphs[:2]:
        match = _BYLINE_TOP.match(paragraph)
        if match and len(paragraph) < 160:
            return match.group(1).strip(), paragraph
    if paragraphs and len(paragraphs[-1]) < 200:
        last = paragraphs[-1]
        match = _BYLINE_END.match(last)
        if match and (_ROLE_WORDS.search(last[match.end(1) :]) or len(last) < 80) and not last.endswith(("?", "!")):
            return match.group(1).strip(), last
    return None


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w{4,}", text.casefold())}


def pick_lead(page: Page, s: Structured, profile: Profile, paragraphs: list[str], title: str) -> tuple[str | None, str]:
    """The standfirst: a site's lead element, the page's description when it is about this text, else
    the first paragraph."""
    for selector in profile.lead_selectors:
        el = page.select_one(selector)
        if el is not None and len(text := _one_line(el)) >= 20:
            return text, "site"
    if s.description and len(s.description) >= 20:
        # a site-wide description ("Official site of ...") shares few words with the article
        words = _words(s.description)
        body = _words(" ".join(paragraphs[:5]) + " " + title)
        if words and len(words & body) >= 0.5 * len(words):
            return s.description, s.description_source or "meta"
    first = next((p for p in paragraphs if len(p) >= 20 and not _BYLINE_TOP.match(p)), None)
    return (first, "body") if first else (None, "")
