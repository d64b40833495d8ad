"""Replica of the ITU-D Regional Presence CIS section (SharePoint), origin https://www.itu.int.

Paths are matched case-insensitively, as on SharePoint.

Served paths (all under ``/en/ITU-D/Regional-Presence/CIS``)
    /Pages/default.aspx          section home: ITU chrome, mega menu linking out of
                                 scope, a "News" web part, a featured interview
    /Pages/News/default.aspx     news archive (no pagination)
    /Pages/Events/default.aspx   events; the only page linking News/05122022.aspx
    /Pages/About.aspx            about the Regional Office (no news links)
    /Pages/News/<name>.aspx      fourteen news pages, <name> YYYYMMDD or DDMMYYYY
    (the section root with and without "/" redirects 302 to Pages/default.aspx)
    /robots.txt, one image under PublishingImages/, one PDF under Documents/

Ground-truth subtleties
    * Home links 26102022 as ``https://www.itu.int/...``, 20092022 as
      ``http://itu.int/...``, 20220607 as ``https://www.itu.int:443/...`` and the
      interview as ``/en/itu-d/regional-presence/cis/Pages/News/20220208.aspx`` (also
      in the archive); that lower-case form is its ``path``. "Related news" boxes link
      it in proper case too: compare ITU URLs case-insensitively.
    * ``01052022.aspx`` displays 28 April 2022 (``published`` follows the page).
    * ``05122022.aspx`` is linked only from the Events page (home -> Events -> page).
    * ``20220208.aspx`` has an image and its file name ``IMG_20220208_1.jpg`` as a
      line of text in the body; neither is in ``paragraphs``.
    * ``26102022.aspx`` has a PDF agenda in a "Documents" web part after the body.
    * Empty ``<p>&#160;</p>`` paragraphs (SharePoint editor residue) are not paragraphs.
    * Issue 6 (stories): ``17022022.aspx`` copies mpt.gov.by en 7725 with a new intro;
      ``07042022.aspx`` and ``29092022.aspx`` are two meetings of one committee (look-alikes, not one
      story; mpt.gov.by 7790 copies the first); ``14072022.aspx`` is an interview whose turns are
      labelled with the speakers' names.

Faults (``faults=False`` switches them off)
    * ``/en/ITU-D/Regional-Presence/CIS/Pages/News/20220315.aspx``: every answer
      delayed by ``slow_seconds`` (1.5 s).
    * ``/en/ITU-D/Regional-Presence/CIS/Pages/News/20210628.aspx``: 503 (IIS page) to
      the first request, 200 after.
    * ``/en/ITU-D/Regional-Presence/CIS/Pages/News/20092022.aspx``: broken markup (an
      unclosed ``<p>``, a stray ``</span>``, the "Related news" ``<div>`` never
      closed); the visible content is unchanged.
"""

from __future__ import annotations

import hashlib
import html
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

from .mpt import interview_blocks, node_blocks
from .server import (
    ReplicaArticle,
    Request,
    Response,
    Site,
    block_texts,
    fail_first,
    jpeg_bytes,
    pdf_bytes,
    slow,
)

ORIGIN = "https://www.itu.int"
SECTION = "/en/ITU-D/Regional-Presence/CIS"
NEWS = SECTION + "/Pages/News"
HOME = SECTION + "/Pages/default.aspx"
ARCHIVE = NEWS + "/default.aspx"
EVENTS = SECTION + "/Pages/Events/default.aspx"
ABOUT = SECTION + "/Pages/About.aspx"

FAULT_SLOW = NEWS + "/20220315.aspx"
FAULT_503_ONCE = NEWS + "/20210628.aspx"
FAULT_BROKEN_MARKUP = NEWS + "/20092022.aspx"
EVENTS_ONLY = NEWS + "/05122022.aspx"

_IMAGE = SECTION + "/PublishingImages/News/IMG_20220208_1.jpg"
_AGENDA = SECTION + "/Documents/Events/2022/SSC-Minsk/Agenda_U4SSC_Minsk_2022.pdf"
_MONTHS = (
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
class _News:
    name: str  # file name without .aspx
    day: date  # the date displayed on the page
    tag: str
    title: str
    body: tuple[str, ...]  # raw HTML block if it starts with "<", else a plain paragraph
    related: tuple[str, ...]  # names linked in the "Related news" box
    image_after: int | None = None  # index of the body block the image follows
    documents: tuple[tuple[str, str], ...] = ()  # (path, label)
    content_type: str = "news"

    @property
    def path(self) -> str:
        return f"{NEWS}/{self.name}.aspx"

    @property
    def date_raw(self) -> str:
        return f"{self.day.day} {_MONTHS[self.day.month - 1]} {self.day.year}"

    def text_blocks(self) -> list[str]:
        return [b if b.startswith("<") else f"<p>{html.escape(b, quote=False)}</p>" for b in self.body]


NEWS_PAGES: tuple[_News, ...] = (
    _News(
        "20210628",
        date(2021, 6, 28),
        "Capacity development",
        "ITU launches a series of webinars on digital transformation for CIS countries",
        (
            "The ITU Regional Office for the CIS launched a series of online webinars on digital "
            "transformation for representatives of telecommunication administrations, regulators "
            "and operators of the region. The first session, held on 28 June 2021, gathered more "
            "than 150 participants from nine countries.",
            "The series is implemented within the ITU regional initiatives for the CIS and covers "
            "broadband policy, digital skills, the Internet of Things, cybersecurity and the "
            "development of smart sustainable cities.",
            "<p>Speakers from the ITU Telecommunication Development Bureau, the <strong>ITU "
            "Academy</strong> and national experts shared practical cases of digital "
            "transformation in the region.</p>",
            "Recordings and presentations of all sessions will be made available on the ITU "
            "Academy platform. The next webinar, dedicated to the Internet of Things for smart "
            "cities, will take place in July.",
        ),
        ("20211015", "20211206", "20220315"),
    ),
    _News(
        "20211015",
        date(2021, 10, 15),
        "GIGA",
        "Giga school connectivity mapping begins in Kyrgyzstan",
        (
            "ITU and UNICEF, through their joint Giga initiative, have started mapping the "
            "connectivity of schools in Kyrgyzstan. The work is carried out together with the "
            "Ministry of Digital Development and the Ministry of Education and Science of the "
            "Kyrgyz Republic.",
            "The mapping will collect data on the location of schools, the availability and "
            "quality of Internet access and the infrastructure nearby. This information will help "
            "to plan investments and to choose the most cost-effective technologies for connecting "
            "every school.",
            "<p>Giga aims to connect <strong>every school in the world to the Internet</strong> by "
            "2030. Kyrgyzstan is the first country of the CIS region to join the initiative.</p>",
            "Data collected during the project will be published on the open Giga map.",
        ),
        ("20092022", "20210628", "01052022"),
    ),
    _News(
        "20211206",
        date(2021, 12, 6),
        "Regional initiatives",
        "Regional Development Forum for the CIS focuses on meaningful connectivity",
        (
            "The ITU Regional Development Forum for the CIS region (RDF-CIS) was held online on "
            "6 December 2021. The forum gathered ministers, heads of regulatory authorities, "
            "operators and international organizations to discuss the priorities of digital "
            "development ahead of the World Telecommunication Development Conference.",
            "Participants reviewed the results of the regional initiatives adopted in Buenos "
            "Aires in 2017 and discussed proposals for new initiatives, including smart "
            "sustainable cities and communities, digital skills and child online protection.",
            "<p>&#160;</p>",
            "<p>The forum concluded with a call to focus on <strong>meaningful "
            "connectivity</strong>: affordable, safe and productive use of digital technologies "
            "by every person.</p>",
        ),
        ("20220607", "20210628", "20220208"),
    ),
    _News(
        "20220208",
        date(2022, 2, 8),
        "Digital services and applications",
        "Belarus as one of the leaders in the development of Smart Sustainable Cities in the region",
        (
            "In an interview for ITU on the eve of the international forum on smart sustainable "
            "cities, the Minister of Communications and Informatization of the Republic of "
            "Belarus spoke about the country's approach to building smart cities, cooperation "
            "with ITU and the next steps of the national digital development programme.",
            *interview_blocks("en")[1:],
        ),
        ("26102022", "20211206", "20220315"),
        image_after=0,
        content_type="interview",
    ),
    _News(
        "20220315",
        date(2022, 3, 15),
        "Network and digital infrastructure",
        "Regional workshop on 5G deployment and spectrum planning for CIS countries",
        (
            "On 15 March 2022 the ITU Regional Office for the CIS held an online workshop on the "
            "deployment of 5G networks and spectrum planning. The workshop brought together more "
            "than 200 experts from administrations, regulators, operators and equipment vendors.",
            "<p>The participants discussed the use of the <strong>3.4–3.8 GHz and 24.25–27.5 GHz "
            "bands</strong>, the outcomes of the World Radiocommunication Conference 2019 (WRC-19) "
            "and approaches to spectrum pricing that encourage investment in new networks.</p>",
            "Operators from Belarus, Kazakhstan and Uzbekistan presented the results of their 5G "
            "pilot zones. In Minsk the test network covers the city centre and several business "
            "districts, while in Tashkent 5G is available at selected public locations.",
            "Special attention was paid to network sharing, the cost of deployment in rural areas "
            "and limits on exposure to electromagnetic fields.",
            "<p>&#160;</p>",
            "The workshop materials are available to registered participants.",
        ),
        ("20220208", "20220607", "20210628"),
    ),
    _News(
        "01052022",
        date(2022, 4, 28),
        "Digital inclusion",
        "International Girls in ICT Day celebrated across the CIS region",
        (
            "On 28 April 2022 countries of the CIS region celebrated International Girls in ICT "
            "Day under the theme «Access and Safety». Events were organized in Armenia, "
            "Azerbaijan, Belarus, Kazakhstan, Kyrgyzstan, the Russian Federation and Uzbekistan.",
            "More than 3 000 schoolgirls and students took part in hackathons, coding workshops "
            "and online meetings with women working in the ICT sector. Universities and operators "
            "opened their laboratories and data centres to visitors.",
            "<p>The ITU Regional Office for the CIS held an online session where role models from "
            "the region spoke about their careers in <strong>software development, cybersecurity "
            "and network engineering</strong>.</p>",
            "Girls in ICT Day is celebrated every year on the fourth Thursday of April to "
            "encourage girls and young women to consider careers in technology.",
        ),
        ("20211015", "20220607", "20092022"),
    ),
    _News(
        "20220607",
        date(2022, 6, 7),
        "Regional initiatives",
        "CIS countries propose five regional initiatives at WTDC-22",
        (
            "At the World Telecommunication Development Conference (WTDC-22), which opened in "
            "Kigali, Rwanda, on 6 June 2022, the countries of the CIS region presented five "
            "regional initiatives for the period 2023–2025.",
            "The proposed initiatives cover:",
            "<ul>"
            "<li>development of smart sustainable cities and communities;</li>"
            "<li>digital transformation of industries and the economy;</li>"
            "<li>broadband access in rural and remote areas;</li>"
            "<li>confidence and security in the use of ICTs, including child online "
            "protection;</li>"
            "<li>digital skills and competencies.</li>"
            "</ul>",
            "The initiatives were prepared by the Regional Commonwealth in the field of "
            "Communications (RCC) and discussed at the Regional Preparatory Meeting for the CIS "
            "region.",
        ),
        ("20211206", "01052022", "26102022"),
    ),
    _News(
        "20092022",
        date(2022, 9, 20),
        "GIGA",
        "Giga and Uzbekistan agree to connect more schools to the Internet",
        (
            "ITU, UNICEF and the Ministry for Development of Information Technologies and "
            "Communications of the Republic of Uzbekistan signed a memorandum of understanding on "
            "20 September 2022 to connect more schools across the country under the Giga "
            "initiative.",
            "According to the mapping carried out by Giga, about 1 900 schools in Uzbekistan still "
            "lack reliable broadband access. The parties agreed to develop a financing model that "
            "combines public funds, universal service resources and commitments of operators.",
            "<p>The agreement also provides for <strong>training teachers in digital "
            "skills</strong> and developing educational content for connected schools.</p>",
            "Uzbekistan becomes the second country of the CIS region, after Kyrgyzstan, to join Giga.",
        ),
        ("20211015", "01052022", "26102022"),
    ),
    _News(
        "26102022",
        date(2022, 10, 26),
        "Digital services and applications",
        "U4SSC workshop in Minsk: key performance indicators for smart sustainable cities",
        (
            "On 26 October 2022 the ITU Regional Office for the CIS, together with the Ministry "
            "of Communications and Informatization of the Republic of Belarus, held a regional "
            "workshop in Minsk on the application of the United for Smart Sustainable Cities "
            "(U4SSC) key performance indicators.",
            "Representatives of cities from Armenia, Azerbaijan, Belarus, Kazakhstan, Kyrgyzstan, "
            "the Russian Federation and Uzbekistan shared their experience of collecting data for "
            "the 91 U4SSC indicators covering the economy, the environment, society and culture.",
            "<p>Minsk, Grodno and Novopolotsk presented <strong>the results of their U4SSC "
            "assessments</strong> and the projects launched on their basis, from smart street "
            "lighting to air quality monitoring.</p>",
            "The participants agreed to prepare recommendations on applying the ITU-T Y.4900 "
            "series of standards in the cities of the region. The workshop agenda is available "
            "below.",
        ),
        ("20220208", "20092022", "20220607"),
        documents=((_AGENDA, "Agenda (PDF)"),),
    ),
    _News(
        "05122022",
        date(2022, 12, 5),
        "Cybersecurity",
        "Regional cyber drill strengthens incident response in the CIS region",
        (
            "The ITU regional cyber drill for the CIS region took place online from 29 November to "
            "1 December 2022. Teams from the national computer incident response teams (CIRTs) of "
            "eight countries practised their response to simulated attacks on critical "
            "infrastructure.",
            "The scenarios covered ransomware attacks on healthcare systems, phishing campaigns "
            "targeting government agencies and incidents in industrial control systems.",
            "<p>The exercise was organized by ITU together with the <strong>Regional Commonwealth "
            "in the field of Communications</strong> and for the first time involved national "
            "experts as scenario developers.</p>",
            "ITU will publish a summary report with recommendations for improving cooperation between national CIRTs.",
        ),
        ("26102022", "20092022", "20220607"),
    ),
    # --- issue 6: a republication of an mpt.gov.by story, two meetings of one committee (one of them
    # republished by mpt.gov.by), and an interview with labelled speakers
    _News(
        "17022022",
        date(2022, 2, 17),
        "Digital services and applications",
        "Forum «Smart Cities 2022» held in Minsk",
        (
            "The ITU Regional Office for the CIS co-organized the international forum «Smart Cities 2022», held "
            "in Minsk on 15-16 February 2022 together with the Ministry of Communications and Informatization "
            "of the Republic of Belarus and Giprosvjaz.",
            *node_blocks(7725, "en")[1:],
        ),
        ("20220208", "20220315", "20211206"),
    ),
    _News(
        "07042022",
        date(2022, 4, 7),
        "Network and digital infrastructure",
        "Meeting of the ITU-T SG20 Regional Group for Eastern Europe, Central Asia and Transcaucasia",
        (
            "The third meeting of the ITU-T Study Group 20 Regional Group for Eastern Europe, Central Asia and "
            "Transcaucasia (SG20RG-EECAT) took place online on 6-7 April 2022, hosted by the ITU Regional Office "
            "for the CIS.",
            "The meeting gathered 85 experts from 9 countries. Participants reviewed the progress of work on "
            "Internet of Things and smart sustainable cities standards and discussed contributions from the "
            "region.",
            "<p>Delegates agreed to submit <strong>two new work item proposals</strong> on digital twins of "
            "cities and on data exchange between urban platforms to the next SG20 meeting in Geneva.</p>",
            "Ms Elena Smirnova (Belarus) was re-elected chair of the Regional Group. The next meeting of the "
            "Regional Group will take place in autumn 2022.",
        ),
        ("20220315", "20220607", "20220208"),
    ),
    _News(
        "29092022",
        date(2022, 9, 29),
        "Network and digital infrastructure",
        "Meeting of the ITU-T SG20 Regional Group for Eastern Europe, Central Asia and Transcaucasia in Minsk",
        (
            "The fourth meeting of the ITU-T Study Group 20 Regional Group for Eastern Europe, Central Asia and "
            "Transcaucasia (SG20RG-EECAT) took place in Minsk on 28-29 September 2022, hosted by the Ministry "
            "of Communications and Informatization of the Republic of Belarus.",
            "The meeting gathered 110 experts from 11 countries. Participants reviewed the progress of work on "
            "Internet of Things and smart sustainable cities standards and discussed contributions from the "
            "region.",
            "<p>Delegates agreed to submit <strong>three new work item proposals</strong> on artificial "
            "intelligence for city services, on smart street lighting and on the U4SSC key performance "
            "indicators to the next SG20 meeting.</p>",
            "Ms Elena Smirnova (Belarus) was re-elected chair of the Regional Group. The next meeting of the "
            "Regional Group will take place in spring 2023.",
        ),
        ("07042022", "26102022", "20092022"),
    ),
    _News(
        "14072022",
        date(2022, 7, 14),
        "Digital inclusion",
        "Digital skills are the foundation of smart cities: a conversation with Anna Kovalenko",
        (
            "Anna Kovalenko, who leads the digital skills programme of the ITU Regional Office for the CIS, "
            "spoke about why smart cities need digitally skilled residents and civil servants.",
            "<p><strong>ITU:</strong> Why do smart cities need digital skills?</p>",
            "<p><strong>Anna Kovalenko:</strong> A city can install sensors and platforms, but only people "
            "who can use the data make the city smarter. Without skills, new services stay unused.</p>",
            "<p><strong>ITU:</strong> Who should be trained first?</p>",
            "<p><strong>Anna Kovalenko:</strong> Civil servants of city administrations, because they decide "
            "which services are built. Then teachers, who pass the skills on to the next generation.</p>",
            "<p>Our courses on the ITU Academy platform are free for participants from the region.</p>",
            "<p><strong>ITU:</strong> What are the plans for 2023?</p>",
            "<p><strong>Anna Kovalenko:</strong> We will open training centres in three countries of the "
            "region and publish a guide on digital skills for smart sustainable cities.</p>",
        ),
        ("20220607", "01052022", "20220208"),
        content_type="interview",
    ),
)

_BY_NAME = {n.name: n for n in NEWS_PAGES}

# How the section pages link each news page (the ground-truth ``path`` is its path part).
_HOME_LINKS: tuple[tuple[str, str], ...] = (
    ("26102022", f"{ORIGIN}{NEWS}/26102022.aspx"),
    ("20092022", f"http://itu.int{NEWS}/20092022.aspx"),
    ("20220607", f"https://www.itu.int:443{NEWS}/20220607.aspx"),
    ("01052022", f"{NEWS}/01052022.aspx"),
)
INTERVIEW_LINK = "/en/itu-d/regional-presence/cis/Pages/News/20220208.aspx"


def _linked_path(n: _News) -> str:
    if n.name == "20220208":
        return INTERVIEW_LINK
    return n.path


def _published(n: _News) -> float:
    return datetime(n.day.year, n.day.month, n.day.day, 15, 0, tzinfo=UTC).timestamp()


def _to_article(n: _News) -> ReplicaArticle:
    return ReplicaArticle(
        path=_linked_path(n),
        real_url=ORIGIN + n.path,
        language="en",
        title=n.title,
        published=n.day.isoformat(),
        published_raw=n.date_raw,
        paragraphs=tuple(block_texts("\n".join(n.text_blocks()))),
        teaser=None,
        attachments=tuple(ORIGIN + p for p, _ in n.documents),
        images=(ORIGIN + _IMAGE,) if n.image_after is not None else (),
        nid=None,
        content_type=n.content_type,
        author=None,
    )


def articles() -> list[ReplicaArticle]:
    return [_to_article(n) for n in NEWS_PAGES]


# --------------------------------------------------------------------------- chrome

_MEGA_MENU = (
    ("About ITU", "/en/about/Pages/default.aspx"),
    ("Membership", "/en/membership/Pages/default.aspx"),
    ("ITU-R", "/en/ITU-R/Pages/default.aspx"),
    ("World Radiocommunication Conferences", "/en/ITU-R/conferences/wrc/Pages/default.aspx"),
    ("ITU-T", "/en/ITU-T/Pages/default.aspx"),
    ("Study Group 20: IoT, smart cities and communities", "/en/ITU-T/studygroups/2022-2024/20/Pages/default.aspx"),
    ("U4SSC", "/en/ITU-T/ssc/united/Pages/default.aspx"),
    ("ITU-D", "/en/ITU-D/Pages/default.aspx"),
    ("Regional Presence", "/en/ITU-D/Regional-Presence/Pages/default.aspx"),
    ("Events", "/en/events/Pages/default.aspx"),
    ("Publications", "/en/publications/Pages/default.aspx"),
    ("Media Centre", "/en/mediacentre/Pages/default.aspx"),
    ("ITU News", "https://news.itu.int/"),
    ("ITU Hub", "https://www.itu.int/hub/"),
)
_SOCIAL = (
    ("Twitter", "https://twitter.com/ITU"),
    ("Facebook", "https://www.facebook.com/InternationalTelecommunicationUnion"),
    ("LinkedIn", "https://www.linkedin.com/company/itu"),
    ("YouTube", "https://www.youtube.com/user/ITUvideo"),
    ("Flickr", "https://www.flickr.com/photos/itupictures"),
)
_LANGS = (
    ("العربية", "ar"),
    ("中文", "zh"),
    ("English", "en"),
    ("Français", "fr"),
    ("Русский", "ru"),
    ("Español", "es"),
)


def _js_path(path: str) -> str:
    return path.replace("/", "\\u002f")


def _page(*, title: str, request_path: str, crumb: str, content: str, right: str = "") -> str:
    langs = " | ".join(
        f'<a href="/{code}{SECTION[3:]}/Pages/default.aspx" lang="{code}">{label}</a>' for label, code in _LANGS
    )
    mega = "\n".join(f'<li><a href="{href}">{html.escape(label)}</a></li>' for label, href in _MEGA_MENU)
    social = " ".join(
        f'<a href="{href}" target="_blank" class="social-{label.lower()}">{label}</a>' for label, href in _SOCIAL
    )
    action = "./" + request_path.rsplit("/", 1)[1]
    viewstate = hashlib.sha256(request_path.encode()).hexdigest()
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:o="urn:schemas-microsoft-com:office:office" lang="en-us" dir="ltr">
<head><meta http-equiv="X-UA-Compatible" content="IE=edge" />
<meta name="GENERATOR" content="Microsoft SharePoint" /><meta http-equiv="Content-type"
content="text/html; charset=utf-8" /><meta http-equiv="Expires" content="0" />
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<title>
	{html.escape(title)}
</title>
<link rel="stylesheet" type="text/css"
href="/_layouts/15/1033/styles/Themable/corev15.css?rev=VY7kxKJyDBOjRTdJhxnNRA%3D%3DTAG0"/>
<link rel="stylesheet" type="text/css" href="/Style%20Library/ITU/css/itu-main.css"/>
<script type="text/javascript" src="/_layouts/15/init.js?rev=dbSmQ5V6HCrGvZBmDLqU4Q%3D%3DTAG0"></script>
<script type="text/javascript">
//<![CDATA[
var _spPageContextInfo = {{"webServerRelativeUrl":"{_js_path(SECTION)}",
"webAbsoluteUrl":"https:\\u002f\\u002fwww.itu.int{_js_path(SECTION)}",
"siteAbsoluteUrl":"https:\\u002f\\u002fwww.itu.int","serverRequestPath":"{_js_path(request_path)}",
"layoutsUrl":"_layouts\\u002f15","webTitle":"CIS","webTemplate":"53","webLanguage":1033,"currentLanguage":1033,
"currentUICultureName":"en-US","currentCultureName":"en-US","alertsEnabled":false,"siteServerRelativeUrl":"\\u002f"}};
//]]>
</script>
</head>
<body>
<div id="ms-designer-ribbon"><div id="s4-ribbonrow" style="display:none"></div></div>
<form method="post" action="{action}" id="aspnetForm">
<div class="aspNetHidden">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUBMA9kFgJmD2QWAgIBD2QWBAIBD2QWAgIF{viewstate}" />
</div>
<div id="s4-workspace"><div id="s4-bodyContainer">
  <div id="itu-header">
    <div class="itu-top-bar"><div class="itu-languages">{langs}</div>
      <div class="itu-search"><input name="ctl00$SearchBox" type="text" placeholder="Search ITU" />
        <a href="/en/search/Pages/results.aspx">Search</a></div></div>
    <div class="itu-brand">
      <a href="/en/Pages/default.aspx" class="itu-logo"><img src="/en/PublishingImages/ITU-logo.png"
        alt="International Telecommunication Union" /></a>
      <div class="itu-tagline">Committed to connecting the world</div>
    </div>
    <ul class="itu-megamenu">
{mega}
    </ul>
    <div class="itu-social">{social}</div>
  </div>
  <div class="itu-banner">
    <img src="{SECTION}/PublishingImages/Banners/CIS-banner.jpg" alt="" />
    <div class="itu-banner-text"><span>ITU-D</span> <span>Regional Presence</span> <span>Commonwealth of Independent
      States (CIS)</span></div>
  </div>
  <div class="itu-breadcrumb"><a href="/en/Pages/default.aspx">ITU</a> &gt; <a
    href="/en/ITU-D/Pages/default.aspx">ITU-D</a> &gt; <a
    href="/en/ITU-D/Regional-Presence/Pages/default.aspx">Regional Presence</a> &gt; <a href="{HOME}">CIS</a> &gt;
    <span>{html.escape(crumb)}</span></div>
  <div id="contentRow">
    <div id="sideNavBox" class="ms-dialogHidden ms-forceWrap ms-noList">
      <ul class="ms-core-listMenu-root">
        <li><a href="{HOME}">CIS Home</a></li>
        <li><a href="{ARCHIVE}">News</a></li>
        <li><a href="{EVENTS}">Events</a></li>
        <li><a href="{ABOUT}">About the Regional Office</a></li>
        <li><a href="/en/ITU-D/Regional-Presence/Europe/Pages/default.aspx">Europe</a></li>
      </ul>
    </div>
    <div id="contentBox" aria-live="polite" aria-relevant="all">
      <div id="DeltaPlaceHolderMain">
{content}
      </div>
    </div>
    <div id="rightColumn">
{right}
    </div>
  </div>
  <div id="itu-footer">
    <div class="itu-footer-contact">
      <div>International Telecommunication Union</div>
      <div>Place des Nations, 1211 Geneva 20, Switzerland</div>
      <div>ITU Regional Office for CIS, Moscow, Russian Federation</div>
      <div>E-mail: <a href="mailto:itumoscow@itu.int">itumoscow@itu.int</a></div>
    </div>
    <ul class="itu-footer-links">
      <li><a href="/en/about/Pages/contact-us.aspx">Contact us</a></li>
      <li><a href="/en/about/Pages/privacy-notice.aspx">Privacy notice</a></li>
      <li><a href="/en/about/Pages/accessibility.aspx">Accessibility</a></li>
      <li><a href="/en/about/Pages/terms-of-use.aspx">Terms of use</a></li>
      <li><a href="/en/about/Pages/fraud-alert.aspx">Fraud alert</a></li>
    </ul>
    <div class="itu-copyright">© ITU 2022 All Rights Reserved</div>
  </div>
</div></div>
</form>
</body>
</html>
"""


def _related_html(n: _News, *, unclosed: bool) -> str:
    items = "".join(
        f'<li><a href="{_BY_NAME[r].path}">{html.escape(_BY_NAME[r].title)}</a>'
        f'<span class="itu-related-date">{_BY_NAME[r].date_raw}</span></li>'
        for r in n.related
    )
    end = "" if unclosed else "</div>"
    return f'<div class="itu-related-news"><h3>Related news</h3><ul>{items}</ul>{end}'


def _break_markup(body: str) -> str:
    body = body.replace("</p>", "", 1)
    second = body.find("<p>", body.find("<p>") + 1)
    space = body.find(" ", second)
    return body[: space + 1] + "</span>" + body[space + 1 :]


def _news_page(n: _News, *, broken: bool) -> str:
    blocks = n.text_blocks()
    if n.image_after is not None:
        image = (
            f'<div><img src="{_IMAGE}" alt="" style="margin:5px;width:600px;height:400px;" /></div>'
            f"<div>{_IMAGE.rsplit('/', 1)[1]}</div>"
        )
        blocks.insert(n.image_after + 1, image)
    body = "\n".join(blocks)
    if broken:
        body = _break_markup(body)
    docs = ""
    if n.documents:
        links = "".join(
            f'<li><a href="{path}" target="_blank">{html.escape(label)}</a></li>' for path, label in n.documents
        )
        docs = (
            '<div class="ms-webpart-zone"><div class="ms-webpartzone-cell">'
            f'<h3 class="ms-webpart-titleText">Documents</h3><ul class="itu-documents">{links}</ul>'
            "</div></div>"
        )
    content = f"""        <div class="itu-section-title">News</div>
        <div id="ctl00_PlaceHolderMain_ctl00__ControlWrapper_RichHtmlField" class="ms-rtestate-field"
          style="display:inline" aria-labelledby="ctl00_PlaceHolderMain_ctl00_label">
          <h1>{html.escape(n.title, quote=False)}</h1>
        </div>
        <div id="ctl00_PlaceHolderMain_ctl01__ControlWrapper_RichHtmlField"
          class="ms-rtestate-field itu-news-tag">{html.escape(n.tag)}</div>
        <div class="itu-news-date"><span id="ctl00_PlaceHolderMain_ArticleStartDate">{n.date_raw}</span></div>
        <div id="ctl00_PlaceHolderMain_ctl02__ControlWrapper_RichHtmlField" class="ms-rtestate-field"
          style="display:inline" aria-labelledby="ctl00_PlaceHolderMain_ctl02_label">
{body}
        </div>
        {docs}"""
    return _page(
        title=n.title,
        request_path=n.path,
        crumb="News",
        content=content,
        right=_related_html(n, unclosed=broken),
    )


def _news_list_html(items: list[tuple[str, str]]) -> str:
    rows = []
    for name, href in items:
        n = _BY_NAME[name]
        rows.append(
            '<div class="itu-news-item">'
            f'<div class="itu-news-item-date">{n.date_raw}</div>'
            f'<div class="itu-news-item-title"><a href="{href}">{html.escape(n.title)}</a></div>'
            f'<div class="itu-news-item-tag">{html.escape(n.tag)}</div></div>'
        )
    return "\n".join(rows)


def _home_page() -> str:
    interview = _BY_NAME["20220208"]
    content = f"""        <div class="itu-section-title">ITU Regional Office for CIS</div>
        <div class="ms-rtestate-field"><p>The ITU Regional Office for the Commonwealth of Independent States, based
          in Moscow, supports the ITU membership in Armenia, Azerbaijan, Belarus, Kazakhstan, Kyrgyzstan, the
          Russian Federation, Tajikistan, Turkmenistan and Uzbekistan.</p></div>
        <div class="ms-webpart-zone"><div class="ms-webpartzone-cell">
          <h2 class="ms-webpart-titleText">News</h2>
{_news_list_html(list(_HOME_LINKS))}
          <div class="itu-more"><a href="{ARCHIVE}">More news</a></div>
        </div></div>
        <div class="ms-webpart-zone"><div class="ms-webpartzone-cell">
          <h2 class="ms-webpart-titleText">Featured interview</h2>
          <div class="itu-featured"><a href="{INTERVIEW_LINK}">{html.escape(interview.title)}</a></div>
        </div></div>
        <div class="ms-webpart-zone"><div class="ms-webpartzone-cell">
          <h2 class="ms-webpart-titleText">Events</h2>
          <p><a href="{EVENTS}">Upcoming and past events</a></p>
        </div></div>"""
    right = f"""      <div class="itu-quick-links"><h3>Quick links</h3><ul>
        <li><a href="{ABOUT}">About the Regional Office</a></li>
        <li><a href="https://academy.itu.int/">ITU Academy</a></li>
        <li><a href="https://giga.global/">Giga</a></li>
        <li><a href="https://u4ssc.itu.int/">U4SSC</a></li>
      </ul></div>"""
    return _page(title="ITU Regional Office for CIS", request_path=HOME, crumb="Home", content=content, right=right)


def _archive_page() -> str:
    names = sorted((n for n in NEWS_PAGES if n.path != EVENTS_ONLY), key=lambda n: n.day, reverse=True)
    items = [(n.name, _linked_path(n)) for n in names]
    content = f"""        <div class="itu-section-title">News</div>
        <div class="ms-rtestate-field"><p>News from the ITU Regional Office for the CIS region.</p></div>
{_news_list_html(items)}"""
    return _page(title="News", request_path=ARCHIVE, crumb="News", content=content)


def _events_page() -> str:
    drill = _BY_NAME["05122022"]
    content = f"""        <div class="itu-section-title">Events</div>
        <div class="ms-rtestate-field">
          <table class="itu-events">
            <tr><td>29 November – 1 December 2022</td><td>Online</td>
              <td>Regional cyber drill for the CIS region. <a href="{drill.path}">Read the news</a></td></tr>
            <tr><td>26 October 2022</td><td>Minsk, Belarus</td>
              <td>U4SSC regional workshop on key performance indicators. <a href="{NEWS}/26102022.aspx">Read the
              news</a></td></tr>
            <tr><td>6-16 June 2022</td><td>Kigali, Rwanda</td><td>
              <a href="/en/ITU-D/Conferences/WTDC/WTDC21/Pages/default.aspx">World Telecommunication Development
              Conference (WTDC-22)</a></td></tr>
            <tr><td>15 March 2022</td><td>Online</td><td>Regional workshop on 5G deployment and spectrum
              planning</td></tr>
          </table>
        </div>"""
    return _page(title="Events", request_path=EVENTS, crumb="Events", content=content)


def _about_page() -> str:
    content = """        <div class="itu-section-title">About the Regional Office</div>
        <div class="ms-rtestate-field">
          <p>The ITU Regional Office for the CIS region was established in Moscow in 2002 to bring ITU closer to its
            members in the region.</p>
          <p>The Office implements the regional initiatives adopted by the World Telecommunication Development
            Conference, provides technical assistance and organizes capacity-building events together with the
            Regional Commonwealth in the field of Communications (RCC).</p>
        </div>"""
    return _page(title="About the Regional Office", request_path=ABOUT, crumb="About", content=content)


ROBOTS_TXT = """User-agent: *
Disallow: /_layouts/
Disallow: /_vti_bin/
Disallow: /_catalogs/
Disallow: /_login/
Disallow: /_trust/
Disallow: /_windows/
Disallow: /Lists/
Disallow: /en/Lists/
Disallow: /SiteAssets/
Disallow: /net/
Disallow: /online/
Disallow: /cgi-bin/
Disallow: /*/Forms/
"""

_IIS_503 = (
    b'<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN""http://www.w3.org/TR/html4/strict.dtd">\r\n'
    b"<HTML><HEAD><TITLE>Service Unavailable</TITLE>\r\n"
    b'<META HTTP-EQUIV="Content-Type" Content="text/html; charset=us-ascii"></HEAD>\r\n'
    b"<BODY><h2>Service Unavailable</h2>\r\n<hr><p>HTTP Error 503. The service is unavailable.</p>\r\n"
    b"</BODY></HTML>\r\n"
)


def _sharepoint_etag(body: bytes) -> str:
    guid = uuid.UUID(bytes=hashlib.md5(body).digest())
    return f'"{{{str(guid).upper()}}},3"'


def _sp_headers(path: str) -> dict[str, str]:
    return {
        "Cache-Control": "private, max-age=0",
        "X-SharePointHealthScore": "0",
        "X-AspNet-Version": "4.0.30319",
        "SPRequestGuid": str(uuid.uuid5(uuid.NAMESPACE_URL, path)),
        "X-Powered-By": "ASP.NET",
        "MicrosoftSharePointTeamServices": "16.0.0.5356",
        "X-Content-Type-Options": "nosniff",
    }


def _not_found(req: Request) -> Response:
    content = f"""        <div class="itu-section-title">Page not found</div>
        <div class="ms-rtestate-field"><p>Sorry, the page you requested ({html.escape(req.path)}) could not be
          found. It may have been moved or deleted.</p>
        <p><a href="/en/Pages/default.aspx">Go to the ITU home page</a></p></div>"""
    doc = _page(
        title="Page not found", request_path="/en/Pages/PageNotFoundError.aspx", crumb="Page not found", content=content
    )
    return Response(status=404, body=doc.encode("utf-8"), headers=_sp_headers(req.path), conditional=False)


def build(*, faults: bool = True, slow_seconds: float = 1.5) -> tuple[Site, list[ReplicaArticle]]:
    """Routing table and ground truth of a fresh itu-cis replica (fresh fault state)."""
    site = Site(
        "itu-cis",
        not_found=_not_found,
        case_insensitive=True,
        server_header="Microsoft-IIS/10.0",
        etag=_sharepoint_etag,
    )
    newest = max(_published(n) for n in NEWS_PAGES)

    def page(doc: str, path: str, lm: float) -> Callable[[Request], Response]:
        body = doc.encode("utf-8")
        return lambda req: Response(body=body, headers=_sp_headers(path), last_modified=lm)

    site.add(
        "/robots.txt", lambda req: Response(body=ROBOTS_TXT.encode(), content_type="text/plain", last_modified=newest)
    )
    for path in (SECTION, SECTION + "/", SECTION + "/Pages", SECTION + "/Pages/"):
        site.add(
            path,
            lambda req: Response(
                status=302, body=b"", headers={"Location": HOME, **_sp_headers(HOME)}, conditional=False
            ),
        )
    site.add(HOME, page(_home_page(), HOME, newest))
    site.add(ARCHIVE, page(_archive_page(), ARCHIVE, newest))
    site.add(EVENTS, page(_events_page(), EVENTS, newest))
    site.add(ABOUT, page(_about_page(), ABOUT, datetime(2021, 3, 1, tzinfo=UTC).timestamp()))

    for n in NEWS_PAGES:
        broken = faults and n.path == FAULT_BROKEN_MARKUP
        handler = page(_news_page(n, broken=broken), n.path, _published(n))
        if faults and n.path == FAULT_SLOW:
            handler = slow(handler, slow_seconds)
        if faults and n.path == FAULT_503_ONCE:
            handler = fail_first(handler, status=503, body=_IIS_503, content_type="text/html; charset=us-ascii")
        site.add(n.path, handler)

    stamp = datetime(2022, 10, 27, 9, 0, tzinfo=UTC).timestamp()
    image = jpeg_bytes(600, 400)
    site.add(_IMAGE, lambda req: Response(body=image, content_type="image/jpeg", last_modified=stamp))
    agenda = pdf_bytes(
        "U4SSC regional workshop, Minsk, 26 October 2022",
        ["09:30 Opening", "10:00 U4SSC key performance indicators", "14:00 City case studies", "16:30 Closing"],
    )
    site.add(_AGENDA, lambda req: Response(body=agenda, content_type="application/pdf", last_modified=stamp))
    return site, articles()


# For reports and tests: every absolute or odd-case link to a news page -> its real URL.
LINK_FORMS: dict[str, str] = {
    **{href: ORIGIN + urlsplit(href).path for _, href in _HOME_LINKS if "://" in href},
    INTERVIEW_LINK: ORIGIN + NEWS + "/20220208.aspx",
}
