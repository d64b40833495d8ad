"""Replica of two ITU-T sections (SharePoint), real origin https://www.itu.int; configured sources
``itu-t-sg20`` and ``u4ssc`` are discovered by crawling their own section only.

Served paths (case-insensitive)
    /en/ITU-T/studygroups/2022-2024/20/Pages/default.aspx    SG20 home: links its news page,
                                                             meetings, and one news item
    /en/ITU-T/studygroups/2022-2024/20/Pages/news.aspx        SG20 news list
    /en/ITU-T/studygroups/2022-2024/20/Pages/meetings.aspx    not news
    /en/ITU-T/studygroups/2022-2024/20/Pages/news/<name>.aspx SG20 news item
    /en/ITU-T/ssc/united/Pages/default.aspx                   U4SSC home: news items and resources
    /en/ITU-T/ssc/united/Pages/news/<name>.aspx               U4SSC news item
    /en/ITU-T/ssc/united/Pages/publications.aspx              not news

Ground truth: ``articles`` lists both sections' items; a news item's date is printed as
``8 February 2022`` under its title. Each section links the other and ITU News: a crawl must
keep to its own section. What counts as a "news page" here is a guess about the real site.
"""

from __future__ import annotations

import html
from datetime import date

from .pages import Story, epoch, html_page, not_found, sharepoint_page, xml_page
from .server import ReplicaArticle, Site

ORIGIN = "https://www.itu.int"
SG20 = "/en/ITU-T/studygroups/2022-2024/20/Pages"
U4SSC = "/en/ITU-T/ssc/united/Pages"


def _s(section: str, name: str, title: str, day: date, *paragraphs: str) -> Story:
    return Story(f"{section}/news/{name}.aspx", title, day, paragraphs)


SG20_NEWS: tuple[Story, ...] = (
    _s(
        SG20,
        "sg20-geneva-2022",
        "SG20 agrees new standards for smart cities and the Internet of Things",
        date(2022, 7, 8),
        "ITU-T Study Group 20 concluded its meeting in Geneva with agreement on four new Recommendations on the "
        "Internet of Things and smart cities and communities.",
        "The new standards cover digital twins for cities, data processing for smart sustainable cities, and the "
        "requirements of IoT devices for smart agriculture.",
    ),
    _s(
        SG20,
        "sg20-regional-group-cis",
        "SG20 regional group for the CIS region meets in Minsk",
        date(2022, 10, 25),
        "The SG20 Regional Group for the CIS region (SG20RG-EECAT) held its meeting in Minsk, hosted by the "
        "Ministry of Communications and Informatization of the Republic of Belarus.",
        "Experts discussed contributions on smart sustainable cities and the use of the U4SSC key performance "
        "indicators in the region.",
    ),
)
U4SSC_NEWS: tuple[Story, ...] = (
    _s(
        U4SSC,
        "minsk-kpi-verification",
        "Minsk receives U4SSC verification",
        date(2022, 10, 27),
        "Minsk has received the verification of the U4SSC key performance indicators for smart sustainable cities.",
        "The city is the first in the CIS region to complete the evaluation.",
    ),
    _s(
        U4SSC,
        "u4ssc-thematic-groups-2022",
        "U4SSC launches new thematic groups",
        date(2022, 2, 8),
        "The United for Smart Sustainable Cities initiative has launched thematic groups on city science, digital "
        "transformation and the circular economy in cities.",
        "The groups will produce deliverables for cities and policy makers in 2022 and 2023.",
    ),
)

ROBOTS_TXT = """User-agent: *
Disallow: /_layouts/
Disallow: /Lists/
"""


def _item(s: Story, section: str) -> str:
    content = f"""<div class="itu-section-title">News</div>
<div id="ctl00_PlaceHolderMain_ctl00__ControlWrapper_RichHtmlField" class="ms-rtestate-field">
<h1>{html.escape(s.title)}</h1></div>
<div class="itu-news-date">{s.date_raw or f"{s.day.day} {s.day.strftime('%B')} {s.day.year}"}</div>
<div id="ctl00_PlaceHolderMain_ctl02__ControlWrapper_RichHtmlField" class="ms-rtestate-field">
{s.paragraphs_html()}
</div>"""
    return sharepoint_page(s.title, content, section=section)


def _list(title: str, links: list[tuple[str, str]], section: str) -> str:
    rows = "".join(f'<li><a href="{href}">{html.escape(label)}</a></li>' for href, label in links)
    content = f"""<div class="itu-section-title">{html.escape(title)}</div>
<div class="ms-rtestate-field"><p>{html.escape(title)} of the section.</p><ul>{rows}</ul></div>"""
    return sharepoint_page(title, content, section=section)


def build(*, faults: bool = True, slow_seconds: float = 1.5) -> tuple[Site, list[ReplicaArticle]]:
    site = Site("itu-t", not_found=not_found, case_insensitive=True, server_header="Microsoft-IIS/10.0")
    site.add("/robots.txt", xml_page(ROBOTS_TXT, "text/plain"))
    cross = [(U4SSC + "/default.aspx", "U4SSC"), ("/hub/2022/11/how-minsk-measured-itself/", "ITU News")]
    site.add(
        SG20 + "/default.aspx",
        html_page(
            _list(
                "Study Group 20",
                [
                    (SG20 + "/news.aspx", "News"),
                    (SG20 + "/meetings.aspx", "Meetings"),
                    (SG20_NEWS[1].path.lower(), SG20_NEWS[1].title),
                    *cross,
                ],
                "ITU-T SG20",
            ),
            epoch(date(2022, 10, 25)),
        ),
    )
    site.add(SG20 + "/news.aspx", html_page(_list("News", [(s.path, s.title) for s in SG20_NEWS], "ITU-T SG20")))
    site.add(SG20 + "/meetings.aspx", html_page(_list("Meetings", [(SG20 + "/default.aspx", "Home")], "ITU-T SG20")))
    site.add(
        U4SSC + "/default.aspx",
        html_page(
            _list(
                "U4SSC",
                [
                    *((s.path, s.title) for s in U4SSC_NEWS),
                    (U4SSC + "/publications.aspx", "Publications"),
                    (SG20 + "/default.aspx", "ITU-T SG20"),
                ],
                "U4SSC",
            )
        ),
    )
    site.add(U4SSC + "/publications.aspx", html_page(_list("Publications", [], "U4SSC")))
    for s in SG20_NEWS:
        site.add(s.path, html_page(_item(s, "ITU-T SG20"), epoch(s.day)))
    for s in U4SSC_NEWS:
        site.add(s.path, html_page(_item(s, "U4SSC"), epoch(s.day)))
    return site, [s.truth(ORIGIN) for s in (*SG20_NEWS, *U4SSC_NEWS)]
