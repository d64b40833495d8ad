"""Shared pieces of the smaller replicas (ITU News, ITU press releases, ITU-T, the configured
sources): one article model with its ground truth, RSS, sitemaps and page helpers."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import format_datetime

from .server import ReplicaArticle, Request, Response, Site

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class Story:
    """One article of a replica: where it lives, what it says, and what the archive must keep."""

    path: str
    title: str
    day: date
    paragraphs: tuple[str, ...]
    language: str = "en"
    #: the date as the page prints it (``published_raw``)
    date_raw: str = ""
    teaser: str | None = None
    author: str | None = None
    content_type: str = "news"
    attachments: tuple[str, ...] = ()
    images: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    #: path as linked, when it differs from the canonical ``path``
    link: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def href(self) -> str:
        return self.link or self.path

    def paragraphs_html(self) -> str:
        return "\n".join(p if p.startswith("<") else f"<p>{html.escape(p, quote=False)}</p>" for p in self.paragraphs)

    def truth(self, origin: str) -> ReplicaArticle:
        from .server import block_texts

        texts = tuple(t for p in self.paragraphs for t in (block_texts(p) if p.startswith("<") else [p]))
        return ReplicaArticle(
            path=self.href,
            real_url=origin + self.path,
            language=self.language,
            title=self.title,
            published=self.day.isoformat(),
            published_raw=self.date_raw or f"{self.day.day} {MONTHS[self.day.month - 1]} {self.day.year}",
            paragraphs=texts,
            teaser=self.teaser,
            attachments=tuple(origin + a for a in self.attachments),
            images=tuple(origin + i for i in self.images),
            nid=None,
            content_type=self.content_type,
            author=self.author,
        )


def epoch(day: date, hour: int = 10) -> float:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC).timestamp()


def rfc822(day: date, hour: int = 10) -> str:
    return format_datetime(datetime(day.year, day.month, day.day, hour, tzinfo=UTC))


def html_page(body: bytes | str, last_modified: float | None = None, **headers: str) -> Callable[[Request], Response]:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return lambda req: Response(body=data, last_modified=last_modified, headers=dict(headers))


def xml_page(body: str, content_type: str, last_modified: float | None = None) -> Callable[[Request], Response]:
    data = body.encode("utf-8")
    return lambda req: Response(body=data, content_type=content_type, last_modified=last_modified)


def rss(
    title: str,
    link: str,
    items: Iterable[Story],
    origin: str,
    *,
    content: Callable[[Story], str | None] | None = None,
    categories: Callable[[Story], Iterable[str]] | None = None,
    creator: Callable[[Story], str | None] | None = None,
) -> str:
    """An RSS 2.0 feed (WordPress-like when ``content`` gives ``content:encoded``)."""
    entries = []
    for story in items:
        parts = [
            f"<title>{html.escape(story.title)}</title>",
            f"<link>{origin}{story.path}</link>",
            f'<guid isPermaLink="true">{origin}{story.path}</guid>',
            f"<pubDate>{rfc822(story.day)}</pubDate>",
            f"<description>{html.escape(story.teaser or story.paragraphs[0])}</description>",
        ]
        by = creator(story) if creator else None
        if by:
            parts.append(f"<dc:creator><![CDATA[{by}]]></dc:creator>")
        for term in categories(story) if categories else ():
            parts.append(f"<category><![CDATA[{term}]]></category>")
        full = content(story) if content else None
        if full:
            parts.append(f"<content:encoded><![CDATA[{full}]]></content:encoded>")
        entries.append("<item>" + "".join(parts) + "</item>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">'
        f"<channel><title>{html.escape(title)}</title><link>{link}</link>"
        f"<description>{html.escape(title)}</description>" + "".join(entries) + "</channel></rss>\n"
    )


def urlset(entries: Iterable[tuple[str, date | None]]) -> str:
    rows = "".join(
        f"<url><loc>{html.escape(loc)}</loc>" + (f"<lastmod>{day.isoformat()}</lastmod>" if day else "") + "</url>"
        for loc, day in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>\n'
    )


def sitemap_index(entries: Iterable[tuple[str, date | None]]) -> str:
    rows = "".join(
        f"<sitemap><loc>{html.escape(loc)}</loc>"
        + (f"<lastmod>{day.isoformat()}</lastmod>" if day else "")
        + "</sitemap>"
        for loc, day in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</sitemapindex>\n'
    )


def add_files(site: Site, paths: Iterable[str]) -> None:
    """Serve every attachment and image path with small valid bytes of its type."""
    from .server import jpeg_bytes, pdf_bytes, png_bytes

    for path in dict.fromkeys(paths):
        ext = path.rsplit(".", 1)[-1].lower()
        if ext in ("jpg", "jpeg"):
            body, kind = jpeg_bytes(64, 48), "image/jpeg"
        elif ext == "png":
            body, kind = png_bytes(), "image/png"
        elif ext == "pdf":
            body, kind = pdf_bytes(path.rsplit("/", 1)[-1], ["Replica document"]), "application/pdf"
        else:
            body, kind = b"replica file", "application/octet-stream"
        site.add(path, lambda req, body=body, kind=kind: Response(body=body, content_type=kind))


def not_found(req: Request) -> Response:
    body = (
        f"<!DOCTYPE html><html><head><title>Page not found</title></head><body><h1>Page not found</h1>"
        f"<p>The requested page {html.escape(req.path)} could not be found.</p></body></html>"
    )
    return Response(status=404, body=body.encode("utf-8"), conditional=False)


def sharepoint_page(title: str, content: str, *, section: str, crumbs: str = "") -> str:
    """An itu.int SharePoint page: ITU chrome (ribbon, mega menu, banner, footer) around ``content``."""
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="en-us" dir="ltr">
<head><meta name="GENERATOR" content="Microsoft SharePoint" />
<meta http-equiv="Content-type" content="text/html; charset=utf-8" /><title>
	{html.escape(title)}
</title></head>
<body><div id="ms-designer-ribbon"><div id="s4-ribbonrow" style="display:none"></div></div>
<form method="post" action="./page.aspx" id="aspnetForm">
<div id="s4-workspace"><div id="s4-bodyContainer">
  <div id="itu-header"><div class="itu-brand"><a href="/en/Pages/default.aspx" class="itu-logo">ITU</a>
    <div class="itu-tagline">Committed to connecting the world</div></div>
    <ul class="itu-megamenu"><li><a href="/en/about/Pages/default.aspx">About ITU</a></li>
    <li><a href="/en/ITU-T/Pages/default.aspx">ITU-T</a></li><li><a href="/en/ITU-D/Pages/default.aspx">ITU-D</a></li>
    <li><a href="/en/mediacentre/Pages/default.aspx">Media Centre</a></li>
    <li><a href="/hub/">ITU Hub</a></li></ul></div>
  <div class="itu-breadcrumb"><a href="/en/Pages/default.aspx">ITU</a> &gt; {crumbs or html.escape(section)}</div>
  <div id="contentRow"><div id="sideNavBox" class="ms-dialogHidden ms-forceWrap ms-noList">
    <div id="DeltaPlaceHolderLeftNavBar"><ul><li><a href="/en/Pages/default.aspx">Home</a></li></ul></div></div>
  <div id="contentBox"><div id="DeltaPlaceHolderMain">
{content}
  </div></div></div>
  <div id="itu-footer"><ul><li><a href="/en/about/Pages/contact.aspx">Contact us</a></li>
    <li><a href="/en/about/Pages/terms-of-use.aspx">Terms of use</a></li></ul>
    <div class="itu-copyright">© ITU 2022 All Rights Reserved</div></div>
</div></div></form></body></html>"""
