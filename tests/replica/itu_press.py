"""Replica of the ITU media centre (SharePoint): press releases in two URL generations.

Served paths (case-insensitive, as on SharePoint)
    /robots.txt                                  ITU rules
    /en/mediacentre/Pages/default.aspx           media centre home: the two newest releases, links to
                                                 the press-release list and the archive
    /en/mediacentre/Pages/press-releases.aspx    list of releases since 2021 (``PR-YYYY-MM-DD-<slug>.aspx``)
    /en/mediacentre/Pages/archive.aspx           archive: links to ``2019.aspx`` and ``2018.aspx`` year pages
    /en/mediacentre/Pages/2019.aspx, 2018.aspx   year pages linking ``2019-PR12.aspx``, ``2019-CM08.aspx``...
    /en/mediacentre/Pages/<release>.aspx         a release

Ground truth: the dateline opens the first paragraph of new-generation releases
("Geneva, 12 May 2022 – ITU ...", so it stays in the body) and stands alone above the body
of old-generation ones (then it is not a paragraph); ``published_raw`` is the dateline
("Geneva, 15 August 2019"). ``2018-PR40.aspx`` is linked only from another release.
``content_type`` is ``press-release`` for every page. Fault: ``2019-PR12.aspx`` answers 503 once.
"""

from __future__ import annotations

import html
from datetime import date

from .pages import MONTHS, Story, epoch, html_page, not_found, sharepoint_page, xml_page
from .server import ReplicaArticle, Site, fail_first

ORIGIN = "https://www.itu.int"
PAGES = "/en/mediacentre/Pages"
HOME = PAGES + "/default.aspx"


def _long(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _new(slug: str, title: str, day: date, place: str, *paragraphs: str) -> Story:
    line = f"{place}, {_long(day)}"
    first = f"{line} – {paragraphs[0]}"
    return Story(
        f"{PAGES}/PR-{day.isoformat()}-{slug}.aspx",
        title,
        day,
        (first, *paragraphs[1:]),
        date_raw=line,
        content_type="press-release",
    )


def _old(name: str, title: str, day: date, place: str, *paragraphs: str, related: str = "") -> Story:
    return Story(
        f"{PAGES}/{name}.aspx",
        title,
        day,
        paragraphs,
        date_raw=f"{place}, {_long(day)}",
        content_type="press-release",
        extra={"old": "1", "related": related},
    )


RELEASES: tuple[Story, ...] = (
    _new(
        "u4ssc-kpi-minsk",
        "Minsk completes evaluation against U4SSC smart sustainable city indicators",
        date(2022, 10, 28),
        "Geneva",
        "ITU today congratulated the city of Minsk, Belarus, on completing the evaluation against the key "
        "performance indicators of the United for Smart Sustainable Cities (U4SSC) initiative.",
        "The U4SSC initiative is coordinated by ITU, the United Nations Economic Commission for Europe and "
        "UN-Habitat, and is supported by 16 other United Nations bodies.",
        "More than 150 cities worldwide have used the indicators to measure their progress towards the Sustainable "
        "Development Goals.",
    ),
    _new(
        "wtisd-2022",
        "World Telecommunication and Information Society Day celebrates digital technologies for older persons",
        date(2022, 5, 12),
        "Geneva",
        "ITU will celebrate World Telecommunication and Information Society Day on 17 May under the theme "
        "“Digital technologies for older persons and healthy ageing”.",
        "The day highlights the potential of digital technologies to help older persons live independently.",
    ),
    _new(
        "iot-smart-cities-standard",
        "New ITU standard for the Internet of Things in smart cities",
        date(2021, 3, 15),
        "Geneva/New York",
        "ITU members have agreed a new international standard describing a reference architecture for Internet of "
        "Things platforms in smart cities.",
        "The standard was developed by ITU-T Study Group 20, which leads ITU's work on the Internet of Things and "
        "smart cities and communities.",
    ),
)
ARCHIVE: tuple[Story, ...] = (
    _old(
        "2019-PR12",
        "ITU and UNECE launch smart city guidelines",
        date(2019, 8, 15),
        "Geneva",
        "ITU and the United Nations Economic Commission for Europe today launched guidelines that help cities "
        "become smarter and more sustainable.",
        "The guidelines draw on the experience of more than 50 cities that have evaluated themselves with the U4SSC "
        "key performance indicators.",
        related="2018-PR40",
    ),
    _old(
        "2019-CM08",
        "ITU statement on the outcome of the Smart Sustainable Cities forum",
        date(2019, 3, 5),
        "Geneva",
        "The forum on smart sustainable cities concluded today with a call for wider adoption of international "
        "standards by city administrations.",
        "Participants from 40 countries agreed to share data on the implementation of the indicators.",
    ),
    _old(
        "2018-PR40",
        "Dubai and Singapore among first cities to complete U4SSC evaluation",
        date(2018, 11, 20),
        "Geneva",
        "Dubai and Singapore are among the first cities to have completed the evaluation against the key "
        "performance indicators for smart sustainable cities.",
        "The results will inform a global benchmark for cities seeking to improve the quality of life of their "
        "residents.",
    ),
)
ALL = (*RELEASES, *ARCHIVE)
LINKED_FROM_RELEASE_ONLY = ARCHIVE[2]
FAULT_503_ONCE = ARCHIVE[0].path

ROBOTS_TXT = """User-agent: *
Disallow: /_layouts/
Disallow: /_vti_bin/
Disallow: /Lists/
Disallow: /en/Lists/
Disallow: /*/Forms/
"""


def _by_name(name: str) -> Story:
    return next(s for s in ALL if s.path.endswith(f"/{name}.aspx"))


def _release(s: Story) -> str:
    dateline = f'<p class="itu-dateline">{html.escape(s.date_raw)}</p>' if s.extra.get("old") else ""
    related = ""
    if s.extra.get("related"):
        r = _by_name(s.extra["related"])
        related = (
            f'<div class="itu-related"><h3>See also</h3><ul><li><a href="{r.path}">{html.escape(r.title)}</a>'
            "</li></ul></div>"
        )
    content = f"""<div class="itu-section-title">Press release</div>
<div id="ctl00_PlaceHolderMain_ctl00__ControlWrapper_RichHtmlField" class="ms-rtestate-field">
<h1>{html.escape(s.title)}</h1></div>
<div id="ctl00_PlaceHolderMain_ctl01__ControlWrapper_RichHtmlField" class="ms-rtestate-field">
{dateline}
{s.paragraphs_html()}
<p><strong>About ITU</strong></p>
</div>
{related}
<div class="itu-media-contacts"><h3>For more information, please contact:</h3>
<p>ITU Media Relations, Tel.: +41 22 730 6039, E-mail: pressinfo@itu.int</p></div>"""
    return sharepoint_page(s.title, content, section="Media Centre")


def _list(title: str, stories: tuple[Story, ...], extra: str = "") -> str:
    rows = "".join(
        f'<li><span class="itu-date">{_long(s.day)}</span> <a href="{s.path}">{html.escape(s.title)}</a></li>'
        for s in stories
    )
    content = f"""<div class="itu-section-title">{html.escape(title)}</div>
<div class="ms-rtestate-field"><ul class="itu-press-list">{rows}</ul>{extra}</div>"""
    return sharepoint_page(title, content, section="Media Centre")


def build(*, faults: bool = True, slow_seconds: float = 1.5) -> tuple[Site, list[ReplicaArticle]]:
    site = Site("itu-press", not_found=not_found, case_insensitive=True, server_header="Microsoft-IIS/10.0")
    site.add("/robots.txt", xml_page(ROBOTS_TXT, "text/plain"))
    home_links = (
        f'<p><a href="{PAGES}/press-releases.aspx">All press releases</a> · '
        f'<a href="{PAGES}/archive.aspx">Archive</a> · <a href="/hub/">ITU News</a></p>'
    )
    site.add(HOME, html_page(_list("Media Centre", RELEASES[:2], home_links), epoch(RELEASES[0].day)))
    site.add(PAGES + "/press-releases.aspx", html_page(_list("Press releases", RELEASES)))
    years = f'<p><a href="{PAGES}/2019.aspx">2019</a> · <a href="{PAGES}/2018.aspx">2018</a></p>'
    site.add(PAGES + "/archive.aspx", html_page(_list("Archive", (), years)))
    site.add(PAGES + "/2019.aspx", html_page(_list("2019", ARCHIVE[:2])))
    site.add(PAGES + "/2018.aspx", html_page(_list("2018", ())))
    for s in ALL:
        handler = html_page(_release(s), epoch(s.day))
        if faults and s.path == FAULT_503_ONCE:
            handler = fail_first(handler, status=503, body=b"<h2>Service Unavailable</h2>")
        site.add(s.path, handler)
    return site, [_truth(s) for s in ALL]


def _truth(s: Story) -> ReplicaArticle:
    from dataclasses import replace

    truth = s.truth(ORIGIN)
    # the closing "About ITU" heading is part of the release as published
    return replace(truth, paragraphs=(*truth.paragraphs, "About ITU"))
