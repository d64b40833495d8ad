"""Replica of giprosvjaz.by (the forum's co-organiser), real origin https://giprosvjaz.by; a configured source.

Served paths
    /robots.txt                     names ``Sitemap: https://giprosvjaz.by/sitemap.xml``
    /sitemap.xml                    sitemap index -> /sitemap-iblock-3.xml (news), /sitemap-files.xml (pages)
    /en/news/[?PAGEN_1=N]           listing, 2 items a page (Bitrix-style ``PAGEN_1`` pagination)
    /en/news/<slug>-<id>            article, date ``DD.MM.YYYY``; "Related news" teasers beside it
    /en/about/, /en/contacts/       pages in the sitemap that are not articles

Ground truth: the oldest article is in the sitemap only (no listing page links it). The
related-news teasers (titles and first sentences of other articles) are not part of a body.
"""

from __future__ import annotations

import html
from datetime import date

from .pages import Story, add_files, epoch, html_page, not_found, sitemap_index, urlset, xml_page
from .server import ReplicaArticle, Request, Response, Site

ORIGIN = "https://giprosvjaz.by"
PAGE_SIZE = 2
_IMAGE = "/upload/iblock/5f2/forum-tibo-2022.jpg"


def _s(path: str, title: str, day: date, *paragraphs: str, **kw: object) -> Story:
    return Story(path, title, day, paragraphs, date_raw=day.strftime("%d.%m.%Y"), **kw)  # type: ignore[arg-type]


STORIES: tuple[Story, ...] = (
    _s(
        "/en/news/giprosvjaz-and-itu-hold-a-smart-cities-workshop-in-minsk-1187",
        "Giprosvjaz and ITU hold a smart cities workshop in Minsk",
        date(2022, 10, 26),
        "Giprosvjaz and the International Telecommunication Union held a regional workshop on key performance "
        "indicators for smart sustainable cities in Minsk. Experts from nine CIS countries took part.",
        "The participants discussed the U4SSC methodology and the results of the evaluation of Minsk, the first city "
        "of the region to complete it.",
        "<ul><li>Session 1: the U4SSC key performance indicators</li><li>Session 2: city case studies</li></ul>",
        images=(_IMAGE,),
    ),
    _s(
        "/en/news/forum-tibo-2022-results-1164",
        "TIBO-2022: results of the forum",
        date(2022, 5, 20),
        "The XXVIII International Forum on Information and Communication Technologies TIBO-2022 has closed in Minsk. "
        "More than 200 companies from 12 countries presented their solutions at the exhibition.",
        "Giprosvjaz, as the co-organiser of the forum, prepared the programme of the conference on the digital "
        "transformation of the economy.",
    ),
    _s(
        "/en/news/5g-pilot-zone-design-completed-1120",
        "Design of the 5G pilot zone completed",
        date(2021, 12, 14),
        "Giprosvjaz has completed the design of the first 5G pilot zone in Minsk. The zone will cover the business "
        "centre of the capital and the territory of the High Technologies Park.",
        "The design documentation has been handed to the operators for the deployment of base stations.",
    ),
    _s(
        "/en/news/institute-celebrates-its-90th-anniversary-1098",
        "The institute celebrates its 90th anniversary",
        date(2021, 9, 1),
        "Giprosvjaz, the design and research institute of the communications sector of Belarus, celebrates its 90th "
        "anniversary. Over the decades the institute has designed most of the country's telecommunication networks.",
        "The anniversary conference gathered veterans of the institute, representatives of the ministry and partners.",
    ),
    _s(
        "/en/news/national-broadband-plan-presented-1042",
        "National broadband plan presented",
        date(2020, 11, 19),
        "Specialists of Giprosvjaz presented the national broadband development plan for 2021-2025 at a meeting of "
        "the ministry's board.",
        "The plan foresees fibre access for every settlement with more than 100 inhabitants.",
    ),
)
SITEMAP_ONLY = STORIES[-1]
LISTED = STORIES[:-1]

ROBOTS_TXT = """User-agent: *
Disallow: /bitrix/
Disallow: /search/
Disallow: /auth/
Disallow: /*?print=
Host: giprosvjaz.by
Sitemap: https://giprosvjaz.by/sitemap.xml
"""


def _layout(title: str, content: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
<title>{html.escape(title)} - Giprosvjaz</title></head>
<body><div class="header"><a href="/en/" class="logo">Giprosvjaz</a>
<ul class="top-menu"><li><a href="/en/news/">News</a></li><li><a href="/en/about/">About</a></li>
<li><a href="/en/contacts/">Contacts</a></li></ul></div>
<div class="workarea">{content}</div>
<div class="footer"><p>220012, Minsk, Surganova str., 24</p><p>Tel.: +375 17 292 34 56, fax: +375 17 292 00 00</p>
<p>© 1931-2022 Giprosvjaz</p></div></body></html>"""


def _article(s: Story) -> str:
    related = [r for r in STORIES if r is not s][:3]
    teasers = "".join(
        f'<div class="news-item"><span class="news-date-time">{r.date_raw}</span>'
        f'<a href="{r.path}"><b>{html.escape(r.title)}</b></a><p>{html.escape(r.paragraphs[0])}</p></div>'
        for r in related
    )
    image = (
        f'<img class="detail_picture" src="{s.images[0]}" alt="{html.escape(s.title)}" width="700"/>'
        if s.images
        else ""
    )
    content = f"""<div class="row"><div class="col-main"><div class="news-detail">
<h1>{html.escape(s.title)}</h1>
<span class="news-date-time">{s.date_raw}</span>
<div class="news-detail-text">{image}
{s.paragraphs_html()}
</div>
<div class="back"><a href="/en/news/">Back to the news</a></div>
</div></div>
<div class="col-side news-related"><h3>Related news</h3>{teasers}</div></div>"""
    return _layout(s.title, content)


def _listing(page: int) -> str:
    chunk = LISTED[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    rows = "".join(
        f'<div class="news-item"><span class="news-date-time">{s.date_raw}</span>'
        f'<a href="{s.path}"><b>{html.escape(s.title)}</b></a><p>{html.escape(s.paragraphs[0])}</p></div>'
        for s in chunk
    )
    pages = (len(LISTED) + PAGE_SIZE - 1) // PAGE_SIZE
    nav = "".join(
        f'<a href="/en/news/?PAGEN_1={n}">{n}</a>' if n != page else f"<b>{n}</b>" for n in range(1, pages + 1)
    )
    return _layout(
        "News", f'<h1>News</h1><div class="news-list">{rows}</div><div class="modern-page-navigation">{nav}</div>'
    )


def build(*, faults: bool = True, slow_seconds: float = 1.5) -> tuple[Site, list[ReplicaArticle]]:
    site = Site("giprosvjaz", not_found=not_found, server_header="nginx")
    site.add("/robots.txt", xml_page(ROBOTS_TXT, "text/plain"))
    site.add(
        "/sitemap.xml",
        xml_page(
            sitemap_index(
                [(ORIGIN + "/sitemap-iblock-3.xml", date(2022, 10, 26)), (ORIGIN + "/sitemap-files.xml", None)]
            ),
            "application/xml",
        ),
    )
    site.add(
        "/sitemap-iblock-3.xml",
        xml_page(urlset([(ORIGIN + s.path, s.day) for s in STORIES]), "application/xml", epoch(STORIES[0].day)),
    )
    site.add(
        "/sitemap-files.xml",
        xml_page(urlset([(ORIGIN + "/en/about/", None), (ORIGIN + "/en/contacts/", None)]), "application/xml"),
    )
    pages = [_listing(n).encode("utf-8") for n in range(1, (len(LISTED) + PAGE_SIZE - 1) // PAGE_SIZE + 1)]

    def listing(req: Request) -> Response:
        number = int(req.param("PAGEN_1") or 1)
        if not 1 <= number <= len(pages):
            return Response(body=_layout("News", "<h1>News</h1><p>No news found.</p>").encode("utf-8"))
        return Response(body=pages[number - 1], last_modified=epoch(STORIES[0].day))

    site.add("/en/news/", listing)
    site.add("/en/news", listing)
    site.add("/en/about/", html_page(_layout("About", "<h1>About</h1><p>Design and research institute.</p>")))
    site.add("/en/contacts/", html_page(_layout("Contacts", "<h1>Contacts</h1><p>Minsk, Surganova str., 24</p>")))
    for s in STORIES:
        site.add(s.path, html_page(_article(s), epoch(s.day)))
    add_files(site, [p for s in STORIES for p in (*s.attachments, *s.images)])
    return site, [s.truth(ORIGIN) for s in STORIES]
