"""Replica of beltelecom.by (Drupal 8+), real origin https://beltelecom.by; a configured source.

Served paths
    /robots.txt                 Drupal 8 default (no Sitemap line)
    /en/news/main[?page=N]      English news listing, 3 rows a page, Drupal 8 pager
                                (``<a href="?page=1" rel="next">``), newest first
    /news/main                  Russian news listing (one page)
    /en/news/main/<slug>        English article; /news/main/<slug> Russian article
    /sites/default/files/...    one image, one PDF

Ground truth: the date printed as ``DD.MM.YYYY`` in ``.field--name-field-date``; the page
``<title>`` ends " | Белтелеком"; every article page has an "Other news" block and a footer
with phone numbers, neither in the body. Fault: ``/en/news/main?page=1`` answers 503 once.
"""

from __future__ import annotations

import html
from datetime import date

from .pages import Story, add_files, epoch, html_page, not_found, xml_page
from .server import Handler, ReplicaArticle, Request, Response, Site, fail_first

ORIGIN = "https://beltelecom.by"
PAGE_SIZE = 3
_IMAGE = "/sites/default/files/styles/news/public/2022-11/ftth-minsk.jpg"
_PDF = "/sites/default/files/2022-10/tariffs-smart-home.pdf"


def _s(path: str, title: str, day: date, *paragraphs: str, lang: str = "en", **kw: object) -> Story:
    return Story(path, title, day, paragraphs, language=lang, date_raw=day.strftime("%d.%m.%Y"), **kw)  # type: ignore[arg-type]


EN: tuple[Story, ...] = (
    _s(
        "/en/news/main/beltelecom-connects-100-000th-smart-home-subscriber",
        "Beltelecom connects its 100,000th Smart Home subscriber",
        date(2022, 11, 21),
        "Beltelecom has connected the 100,000th subscriber of its Smart Home service. The service lets customers "
        "control lighting, heating and security sensors in their flats from a mobile application.",
        "The number of Smart Home users has doubled over the past year. Most new subscribers live in Minsk, Brest "
        "and Grodno, where the company has completed the transition of its access network to optical fibre.",
        "Customers who connect the service before the end of the year receive a set of sensors on favourable terms.",
        images=(_IMAGE,),
    ),
    _s(
        "/en/news/main/fibre-to-the-home-reaches-3-million-households",
        "Fibre to the home reaches 3 million households",
        date(2022, 11, 2),
        "The optical access network of Beltelecom now covers more than 3 million households in Belarus. Over 90% of "
        "them can order Internet access at speeds of up to 1 Gbit/s.",
        "In 2022 the company built fibre lines to 480 villages and small towns as part of the national programme "
        "for the development of the digital economy and the information society.",
    ),
    _s(
        "/en/news/main/new-tariffs-for-smart-home-services",
        "New tariffs for Smart Home services",
        date(2022, 10, 14),
        "From 1 November Beltelecom introduces new tariff plans for its Smart Home services. The plans combine video "
        "surveillance, water leak sensors and remote control of household appliances.",
        "The full list of tariffs is published in the attached document and on the company's website.",
        attachments=(_PDF,),
    ),
    _s(
        "/en/news/main/beltelecom-at-the-tibo-2022-forum",
        "Beltelecom at the TIBO-2022 forum",
        date(2022, 5, 17),
        "At the TIBO-2022 international forum Beltelecom presented solutions for smart cities: intelligent street "
        "lighting, smart parking and a platform for collecting data from city sensors.",
        "Visitors of the stand could test the video surveillance platform of the Safe City project, which already "
        "serves regional centres of the country.",
    ),
    _s(
        "/en/news/main/iptv-service-zala-turns-twelve",
        "IPTV service ZALA turns twelve",
        date(2021, 12, 1),
        "The interactive television service ZALA celebrates its twelfth anniversary. More than 1.7 million households "
        "watch ZALA across Belarus.",
        "Over the year the number of channels in high definition has grown to 120, and the video library of the "
        "service now holds more than 10,000 films and series.",
    ),
    _s(
        "/en/news/main/wi-fi-in-public-transport-of-minsk",
        "Wi-Fi in the public transport of Minsk",
        date(2021, 6, 8),
        "Beltelecom has equipped 300 buses and trolleybuses of Minsk with free Wi-Fi access points. Passengers "
        "connect after a short registration by phone number.",
        "The project is part of the smart transport programme of the Minsk city executive committee.",
    ),
    _s(
        "/en/news/main/beltelecom-opens-a-data-centre-in-grodno",
        "Beltelecom opens a data centre in Grodno",
        date(2020, 9, 30),
        "A new data centre of Beltelecom has opened in Grodno. It offers colocation, virtual servers and cloud "
        "storage to businesses and public bodies of the region.",
        "The data centre is built to the Tier III standard and is connected to the national backbone by two "
        "independent optical routes.",
    ),
)

RU: tuple[Story, ...] = (
    _s(
        "/news/main/beltelekom-podklyuchil-100-tysyachnogo-abonenta-umnyy-dom",
        "Белтелеком подключил 100-тысячного абонента услуги «Умный дом»",
        date(2022, 11, 21),
        "Белтелеком подключил 100-тысячного абонента услуги «Умный дом». Сервис позволяет управлять освещением, "
        "отоплением и датчиками безопасности в квартире с помощью мобильного приложения.",
        "Количество пользователей услуги за год выросло вдвое. Больше всего новых абонентов в Минске, Бресте и "
        "Гродно, где компания завершила переход сети доступа на оптическое волокно.",
        lang="ru",
    ),
    _s(
        "/news/main/opticheskaya-set-ohvatila-3-milliona-domohozyaystv",
        "Оптическая сеть охватила 3 миллиона домохозяйств",
        date(2022, 11, 2),
        "Оптическая сеть доступа Белтелекома охватывает более 3 миллионов домохозяйств. Более 90% из них могут "
        "подключить интернет на скорости до 1 Гбит/с.",
        "В 2022 году компания построила оптические линии в 480 деревень и небольших городов в рамках "
        "государственной программы развития цифровой экономики.",
        lang="ru",
    ),
)

ROBOTS_TXT = """#
# robots.txt
#
User-agent: *
Disallow: /core/
Disallow: /profiles/
Disallow: /admin/
Disallow: /search/
Disallow: /user/login
"""


def _layout(title: str, lang: str, content: str) -> str:
    other = "Other news" if lang == "en" else "Другие новости"
    sidebar = "".join(
        f'<li><a href="{s.href}">{html.escape(s.title)}</a> <span>{s.date_raw}</span></li>'
        for s in (EN if lang == "en" else RU)[:3]
    )
    return f"""<!DOCTYPE html>
<html lang="{lang}" dir="ltr"><head><meta charset="utf-8"/>
<title>{html.escape(title)} | Белтелеком</title>
<meta name="Generator" content="Drupal 9 (https://www.drupal.org)"/>
</head><body class="path-node page-node-type-news">
<header role="banner"><div class="region region-header"><a href="/" class="site-logo">Белтелеком</a>
<nav role="navigation"><ul class="menu"><li><a href="/en/news/main">News</a></li><li><a href="/en/about">About</a></li>
<li><a href="/en/contacts">Contacts</a></li></ul></nav></div></header>
<main role="main"><div class="layout-content">
{content}
</div>
<aside class="layout-sidebar-second" role="complementary"><div class="block-views-blockother-news">
<h2>{other}</h2><ul>{sidebar}</ul></div></aside></main>
<footer role="contentinfo"><div class="region-footer"><p>Republican Unitary Enterprise Beltelecom</p>
<p>Tel.: +375 17 217 10 05, 123 (call centre)</p><p>© 2022 Beltelecom. All Rights Reserved</p></div></footer>
</body></html>"""


def _article(s: Story) -> str:
    image = f'<p><img src="{s.images[0]}" alt="" width="800" height="450"/></p>' if s.images else ""
    files = "".join(
        f'<div class="field field--name-field-files"><span class="file file--application-pdf">'
        f'<a href="{a}" type="application/pdf">{a.rsplit("/", 1)[-1]}</a></span></div>'
        for a in s.attachments
    )
    content = f"""<article role="article" class="node node--type-news node--view-mode-full">
<h1 class="page-title"><span class="field field--name-title">{html.escape(s.title)}</span></h1>
<div class="field field--name-field-date">{s.date_raw}</div>
<div class="clearfix text-formatted field field--name-body field__item">
{image}
{s.paragraphs_html()}
</div>
{files}
<div class="share-buttons"><a href="https://vk.com/share.php">VK</a> <a href="https://facebook.com/sharer">Facebook</a></div>
</article>"""
    return _layout(s.title, s.language, content)


def _listing(stories: tuple[Story, ...], lang: str, page: int) -> str:
    chunk = stories[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    rows = "".join(
        f"""<div class="views-row"><div class="views-field views-field-created">{s.date_raw}</div>
<div class="views-field views-field-title"><a href="{s.href}" hreflang="{lang}">{html.escape(s.title)}</a></div>
<div class="views-field views-field-body">{html.escape(s.teaser or s.paragraphs[0][:90])}</div></div>"""
        for s in chunk
    )
    pages = (len(stories) + PAGE_SIZE - 1) // PAGE_SIZE
    pager = ""
    if page + 1 < pages:
        pager = (
            '<nav class="pager" role="navigation"><ul class="pager__items js-pager__items">'
            f'<li class="pager__item is-active">{page + 1}</li>'
            f'<li class="pager__item pager__item--next"><a href="?page={page + 1}" rel="next">Next ›</a></li>'
            "</ul></nav>"
        )
    title = "News" if lang == "en" else "Новости"
    return _layout(title, lang, f'<h1 class="page-title">{title}</h1><div class="view-news">{rows}</div>{pager}')


def build(*, faults: bool = True, slow_seconds: float = 1.5) -> tuple[Site, list[ReplicaArticle]]:
    site = Site("beltelecom", not_found=not_found)
    site.add("/robots.txt", xml_page(ROBOTS_TXT, "text/plain"))
    for stories, lang, path in ((EN, "en", "/en/news/main"), (RU, "ru", "/news/main")):
        pages = [_listing(stories, lang, n).encode("utf-8") for n in range((len(stories) + PAGE_SIZE - 1) // PAGE_SIZE)]

        def listing(req: Request, pages: list[bytes] = pages) -> Response:
            number = int(req.param("page") or 0)
            if number >= len(pages):
                return Response(body=_layout("News", "en", "<p>No news.</p>").encode("utf-8"))
            return Response(body=pages[number], last_modified=epoch(date(2022, 11, 21)))

        if faults and lang == "en":
            listing = _fail_page_one(listing)
        site.add(path, listing)
        for s in stories:
            site.add(s.path, html_page(_article(s), epoch(s.day)))
    add_files(site, [p for s in (*EN, *RU) for p in (*s.attachments, *s.images)])
    return site, [s.truth(ORIGIN) for s in (*EN, *RU)]


def _fail_page_one(handler: Handler) -> Handler:
    once = fail_first(handler, status=503, body=b"<h1>Service Unavailable</h1>")

    def wrapped(req: Request) -> Response:
        return once(req) if req.param("page") == "1" else handler(req)

    return wrapped
