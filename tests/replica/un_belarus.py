"""Replica of belarus.un.org (UN Belarus, Drupal 9), real origin https://belarus.un.org; a configured source.

Served paths
    /robots.txt         Drupal default, no Sitemap line
    /en                 home page announcing its feed (``<link rel="alternate" type="application/rss+xml"
                        href="/en/rss.xml">``) and linking the two newest stories
    /en/rss.xml         RSS 2.0 of the three newest stories
    /sitemap.xml        every node page (simple_sitemap), and pages that are not stories
    /en/node/N          a story; date printed like ``Dec 7, 2017``
    (/en/news does not exist: the source's optional listing is a guess that turns out absent)

Ground truth: node 2145 is published under /en/ with Belarusian text (language ``be``);
the two oldest stories are in the sitemap only.
"""

from __future__ import annotations

import html
from datetime import date

from .pages import Story, epoch, html_page, not_found, rss, urlset, xml_page
from .server import ReplicaArticle, Site

ORIGIN = "https://belarus.un.org"


def _s(nid: int, title: str, day: date, *paragraphs: str, **kw: object) -> Story:
    raw = f"{day.strftime('%b')} {day.day}, {day.year}"
    return Story(f"/en/node/{nid}", title, day, paragraphs, date_raw=raw, **kw)  # type: ignore[arg-type]


STORIES: tuple[Story, ...] = (
    _s(
        2231,
        "UN and Belarus discuss smart sustainable cities",
        date(2022, 10, 27),
        "The UN Resident Coordinator in Belarus took part in the regional workshop on smart sustainable cities held "
        "in Minsk together with the International Telecommunication Union.",
        "The workshop presented the results of the evaluation of Minsk under the United for Smart Sustainable Cities "
        "initiative and the next steps for other Belarusian cities.",
    ),
    _s(
        2145,
        "Разумныя гарады: як лічбавыя тэхналогіі змяняюць жыццё",
        date(2022, 4, 15),
        "Прадстаўнікі агенцтваў ААН у Беларусі абмеркавалі, як лічбавыя тэхналогіі дапамагаюць гарадам зрабіць "
        "жыццё людзей больш камфортным і бяспечным.",
        "Удзельнікі сустрэчы адзначылі, што разумны горад пачынаецца не з тэхналогій, а з патрэбаў жыхароў.",
        language="be",
    ),
    _s(
        2098,
        "Youth ideas for green cities awarded",
        date(2021, 12, 10),
        "Ten youth teams from Belarusian regions presented their ideas for greener and more inclusive cities at the "
        "final of the competition organised by UNDP and UNICEF.",
        "The winners will receive support to implement their projects in 2022.",
    ),
    _s(
        1876,
        "Sustainable Development Goals: Belarus presents its national report",
        date(2019, 6, 28),
        "Belarus has presented its first national report on the achievement of the Sustainable Development Goals. "
        "The report covers all 17 goals, including Goal 11 on sustainable cities and communities.",
        "The UN country team supported the preparation of the report and the national platform for SDG data.",
    ),
    _s(
        1702,
        "UN Day celebrated in Minsk",
        date(2017, 12, 7),
        "The United Nations in Belarus celebrated the anniversary of the organisation with a reception for partners "
        "from the government, civil society and the diplomatic community.",
        "The guests visited an exhibition of photographs about 25 years of cooperation between Belarus and the UN.",
    ),
)

ROBOTS_TXT = """User-agent: *
Disallow: /core/
Disallow: /admin/
Disallow: /user/
"""


def _layout(title: str, content: str, lang: str = "en") -> str:
    return f"""<!DOCTYPE html>
<html lang="{lang}" dir="ltr"><head><meta charset="utf-8"/>
<title>{html.escape(title)} | United Nations in Belarus</title>
<link rel="alternate" type="application/rss+xml" title="UN Belarus news" href="/en/rss.xml"/>
</head><body><header role="banner"><a href="/en" class="logo">United Nations Belarus</a>
<nav role="navigation"><ul><li><a href="/en/about">About the UN</a></li><li><a href="/en/sdgs">Our Work on the
Sustainable Development Goals</a></li></ul></nav></header>
<main role="main">{content}</main>
<footer role="contentinfo"><p>UN House, 17 Kirova Street, Minsk 220050</p><p>Tel.: +375 17 327 48 76</p>
<p>Terms of use · Privacy notice · Copyright United Nations</p></footer></body></html>"""


def _article(s: Story) -> str:
    content = f"""<article class="node node--type-story node--view-mode-full">
<h1 class="page-title">{html.escape(s.title)}</h1>
<div class="field field--name-field-story-date">{s.date_raw}</div>
<div class="field field--name-body field--type-text-with-summary">{s.paragraphs_html()}</div>
<div class="field field--name-field-entity"><span>Entities involved:</span>
<a href="/en/about/un-entities">UNDP</a></div>
</article>"""
    return _layout(s.title, content)


def _home() -> str:
    items = "".join(
        f'<div class="story-card"><a href="{s.path}">{html.escape(s.title)}</a><span>{s.date_raw}</span></div>'
        for s in STORIES[:2]
    )
    return _layout("Home", f'<h1>The United Nations in Belarus</h1><section class="latest">{items}</section>')


def build(*, faults: bool = True, slow_seconds: float = 1.5) -> tuple[Site, list[ReplicaArticle]]:
    site = Site("un-belarus", not_found=not_found, server_header="Apache")
    site.add("/robots.txt", xml_page(ROBOTS_TXT, "text/plain"))
    site.add("/en", html_page(_home(), epoch(STORIES[0].day)))
    site.add(
        "/en/rss.xml",
        xml_page(rss("UN Belarus", ORIGIN + "/en", STORIES[:3], ORIGIN), "application/rss+xml; charset=utf-8"),
    )
    pages = [(ORIGIN + "/en", None), (ORIGIN + "/en/about", None)] + [(ORIGIN + s.path, s.day) for s in STORIES]
    site.add("/sitemap.xml", xml_page(urlset(pages), "application/xml", epoch(STORIES[0].day)))
    site.add("/en/about", html_page(_layout("About", "<h1>About the UN in Belarus</h1><p>Since 1992.</p>")))
    for s in STORIES:
        site.add(s.path, html_page(_article(s), epoch(s.day)))
    return site, [s.truth(ORIGIN) for s in STORIES]
