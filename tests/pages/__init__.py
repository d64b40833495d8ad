# ruff: noqa: E501  (HTML page templates read best unwrapped)
"""A corpus of news pages with known article text, for the extraction tests and ``bench/bench_extract.py``.

Where each page comes from:

* ``replica:mpt`` and ``replica:itu-cis``: every article page of the offline replicas in
  :mod:`tests.replica` (mpt.gov.by in ru/en/be, article and print versions; ITU CIS news),
  rendered by the replicas' own code without a server. The replicas were written by this
  project after the layouts of the real sites (see ``SITES.md``); their ground truth is the
  replicas' ``ReplicaArticle``.
* ``written:<template>``: pages written by this project in the shapes of other common news
  sites (a WordPress blog, a Bitrix-style portal, a Joomla government site, a press-release
  page with a dateline, a plain HTML5 portal). Their article texts are the replicas' texts
  and a few Ukrainian and Kazakh texts written here; every page carries the boilerplate such
  sites carry (menus, share bars, related-news teasers, cookie banners, comments, footers
  with phone numbers). No page of a third party is copied, so no licence question arises;
  the bias is that we wrote both these pages and the extractor (see the README).
"""

from __future__ import annotations

import html as htmllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from scraper.decoding import decode_html
from tests.replica import SITES
from tests.replica import itu_cis as itu_replica
from tests.replica import mpt as mpt_replica
from tests.replica.server import Request, block_texts

__all__ = ["CorpusPage", "corpus", "replica_pages", "written_pages"]


@dataclass(frozen=True)
class CorpusPage:
    """One page and what a perfect extractor returns for it."""

    name: str
    origin: str  # replica:mpt, replica:itu-cis, written:<template>
    source: str | None  # the archive source whose profile applies, or None (generic page)
    url: str
    html: str
    title: str
    published: str  # ISO date
    paragraphs: tuple[str, ...]
    language: str
    author: str | None = None
    published_raw: str | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


# --------------------------------------------------------------------------- replicas


def _source_of(site_name: str, url: str) -> str:
    """The archive source of a replica page: the replica's name, or (one replica, several
    sources: ITU-T SG20 and U4SSC) the source whose article pattern the URL matches."""
    from scraper.sources import all_sources

    names = {s.name for s in all_sources()}
    if site_name in names:
        return site_name
    return next(s.name for s in all_sources() if s.is_article(url))


def replica_pages() -> list[CorpusPage]:
    """Every replica article page; for mpt.gov.by also its print version."""
    pages: list[CorpusPage] = []
    for site_name, build in SITES.items():
        site, truths = build(faults=True, slow_seconds=0)
        for truth in truths:
            path = urlsplit(truth.real_url).path
            forms = [("page", path)]
            if truth.nid is not None:
                lang = path.split("/")[1]
                forms.append(("print", f"/{lang}/node/{truth.nid}/printable/print"))
            for form, served in forms:
                handler = site.resolve(served)
                assert handler is not None, served
                response = handler(Request("GET", served, {}, served, {}))
                if response.status != 200:  # a "first request fails" fault: the second answer is the page
                    response = handler(Request("GET", served, {}, served, {}))
                text = decode_html(response.body, response.content_type)[0]
                pages.append(
                    CorpusPage(
                        name=f"{site_name}{path}" + ("#print" if form == "print" else ""),
                        origin=f"replica:{site_name}",
                        source=_source_of(site_name, truth.real_url),
                        url=truth.real_url,
                        html=text,
                        title=truth.title,
                        published=truth.published,
                        paragraphs=truth.paragraphs,
                        language=truth.language,
                        author=truth.author,
                        published_raw=truth.published_raw,
                    )
                )
    return pages


# --------------------------------------------------------------------------- texts for written pages


@dataclass(frozen=True)
class _Text:
    key: str
    lang: str
    title: str
    day: date
    blocks: tuple[str, ...]  # HTML blocks or plain paragraphs
    author: str | None = None


_UK_KK: tuple[_Text, ...] = (
    _Text(
        "uk-kyiv-smart",
        "uk",
        "У Києві запрацювала міська платформа відкритих даних",
        date(2021, 3, 12),
        (
            "Київська міська державна адміністрація запустила нову платформу відкритих даних, на якій "
            "розміщено понад двісті наборів даних про транспорт, освіту та житлово-комунальне господарство.",
            "Платформа створена в межах програми «Розумне місто» і дозволяє розробникам отримувати дані "
            "через програмний інтерфейс у машиночитному форматі.",
            "<p>За словами представників адміністрації, <strong>відкриті дані</strong> допоможуть "
            "створювати нові сервіси для мешканців і підвищать прозорість роботи міських служб.</p>",
            "Наступного року на платформі планують опублікувати дані про якість повітря та енергоспоживання.",
        ),
        "Олена Коваленко",
    ),
    _Text(
        "uk-lviv-transport",
        "uk",
        "Львів впроваджує електронний квиток у громадському транспорті",
        date(2021, 9, 5),
        (
            "З першого вересня у Львові у всіх трамваях і тролейбусах можна оплатити проїзд "
            "банківською карткою або смартфоном.",
            "Електронний квиток є частиною міської стратегії цифрової трансформації, яку ухвалили "
            "торік. Система дозволяє аналізувати пасажиропотоки та планувати маршрути.",
            "<ul><li>оплата банківською карткою;</li><li>оплата смартфоном;</li>"
            "<li>проїзні для студентів і пенсіонерів.</li></ul>",
            "Паперові квитки продаватимуть до кінця року, після чого їх повністю замінять електронні.",
        ),
    ),
    _Text(
        "kk-astana-digital",
        "kk",
        "Астанада цифрлық қала орталығы ашылды",
        date(2022, 4, 20),
        (
            "Астана қаласында ағымдағы жылдың сәуір айында цифрлық қала орталығы ашылды. Орталық "
            "қалалық қызметтердің деректерін бір жерге жинап, көлік пен коммуналдық шаруашылықты "
            "басқаруға көмектеседі.",
            "Жоба ақылды қала бағдарламасы аясында іске асырылды. Орталықта бейнебақылау жүйесі, "
            "ауа сапасын бақылау датчиктері және жедел қызметтердің диспетчерлік пульті біріктірілген.",
            "<p>Қала әкімдігінің мәліметінше, <strong>жүйе тұрғындардың өтініштерін</strong> "
            "жылдам өңдеуге мүмкіндік береді.</p>",
            "Келесі жылы осындай орталықтарды облыс орталықтарында ашу жоспарланып отыр.",
        ),
    ),
    _Text(
        "kk-almaty-wifi",
        "kk",
        "Алматы саябақтарында тегін сымсыз интернет қосылды",
        date(2021, 7, 14),
        (
            "Алматы қаласының он екі саябағында тұрғындар мен қонақтар үшін тегін сымсыз интернет желісі іске қосылды.",
            "Жоба қалалық цифрландыру бағдарламасы аясында жүзеге асырылды. Желіге қосылу үшін "
            "ұялы телефон нөмірін растау жеткілікті.",
            "Қала әкімдігі алдағы уақытта қоғамдық көліктің аялдамаларында да тегін интернет орнатуды жоспарлап отыр.",
        ),
    ),
)


def _texts() -> list[_Text]:
    texts: list[_Text] = []
    for node in mpt_replica.NODES:
        for v in node.versions:
            if node is mpt_replica._DRAFT_NODE:
                continue
            texts.append(
                _Text(f"mpt-{v.lang}-{node.nid}", v.text_lang or v.lang, v.title, node.created.date(), v.body, v.author)
            )
    for n in itu_replica.NEWS_PAGES:
        texts.append(_Text(f"itu-{n.name}", "en", n.title, n.day, n.body))
    texts.extend(_UK_KK)
    return texts


def _blocks_html(blocks: tuple[str, ...]) -> str:
    return "\n".join(b if b.startswith("<") else f"<p>{htmllib.escape(b, quote=False)}</p>" for b in blocks)


def _paragraphs(t: _Text) -> tuple[str, ...]:
    return tuple(block_texts(_blocks_html(t.blocks)))


_MONTHS = {
    "en": [
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
    ],
    "ru": [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
    "be": [
        "студзеня",
        "лютага",
        "сакавіка",
        "красавіка",
        "траўня",
        "чэрвеня",
        "ліпеня",
        "жніўня",
        "верасня",
        "кастрычніка",
        "лістапада",
        "снежня",
    ],
    "uk": [
        "січня",
        "лютого",
        "березня",
        "квітня",
        "травня",
        "червня",
        "липня",
        "серпня",
        "вересня",
        "жовтня",
        "листопада",
        "грудня",
    ],
}


def _printed(day: date, lang: str, style: str = "dmy") -> str:
    if lang not in _MONTHS or style == "numeric":
        return f"{day:%d.%m.%Y}"
    month = _MONTHS[lang][day.month - 1]
    if lang == "en" and style == "mdy":
        return f"{month} {day.day}, {day.year}"
    return f"{day.day} {month} {day.year}"


_CHROME = {
    "en": ("Home", "News", "About", "Contacts", "Related news", "Share", "We use cookies to improve our site."),
    "ru": ("Главная", "Новости", "О нас", "Контакты", "Другие новости", "Поделиться", "Мы используем cookies."),
    "be": ("Галоўная", "Навіны", "Пра нас", "Кантакты", "Іншыя навіны", "Падзяліцца", "Мы выкарыстоўваем cookies."),
    "uk": ("Головна", "Новини", "Про нас", "Контакти", "Інші новини", "Поділитися", "Ми використовуємо cookies."),
    "kk": (
        "Басты бет",
        "Жаңалықтар",
        "Біз туралы",
        "Байланыс",
        "Басқа жаңалықтар",
        "Бөлісу",
        "Біз cookies қолданамыз.",
    ),
}


def _teasers(others: list[_Text], lang: str) -> str:
    items = "".join(
        f'<li><a href="/news/{o.key}">{htmllib.escape(o.title)}</a> <span class="date">{_printed(o.day, lang)}</span>'
        f"<p>{htmllib.escape(_paragraphs(o)[0][:140])}...</p></li>"
        for o in others
    )
    return f"<ul>{items}</ul>"


def _esc(text: str) -> str:
    return htmllib.escape(text, quote=False)


# --------------------------------------------------------------------------- templates


def _wordpress(t: _Text, others: list[_Text], url: str) -> tuple[str, str]:
    ui = _CHROME[t.lang]
    author = t.author or "Editorial team"
    raw = _printed(t.day, t.lang, "mdy")
    page = f"""<!doctype html><html lang="{t.lang}"><head><meta charset="utf-8">
<title>{_esc(t.title)} – City Tech Blog</title>
<meta property="og:title" content="{htmllib.escape(t.title)}"><meta property="og:type" content="article">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
"headline":{_json(t.title)},"datePublished":"{t.day.isoformat()}T09:00:00+00:00",
"author":{{"@type":"Person","name":{_json(author)}}}}}</script>
<link rel="stylesheet" href="/wp-content/themes/city/style.css"></head>
<body class="post-template-default single single-post">
<header id="masthead" class="site-header"><div class="site-branding"><a href="/">City Tech Blog</a></div>
<nav id="site-navigation" class="main-navigation"><ul><li><a href="/">{ui[0]}</a></li><li><a href="/news/">{ui[1]}</a>
</li><li><a href="/about/">{ui[2]}</a></li><li><a href="/contacts/">{ui[3]}</a></li></ul></nav></header>
<div id="content" class="site-content"><main id="main" class="site-main">
<article id="post-1" class="post type-post status-publish">
<header class="entry-header"><h1 class="entry-title">{_esc(t.title)}</h1>
<div class="entry-meta"><span class="byline">By <a class="url fn n" href="/author/x/">{_esc(author)}</a></span>
<time class="entry-date published" datetime="{t.day.isoformat()}T09:00:00+00:00">{raw}</time></div></header>
<div class="entry-content">
{_blocks_html(t.blocks)}
</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="/category/smart-city/">Smart city</a></span>
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">{ui[5]}:</h3><ul><li><a href="https://twitter.com/share">
Twitter</a></li><li><a href="https://facebook.com/sharer">Facebook</a></li></ul></div></footer>
</article>
<section class="related-posts"><h2>{ui[4]}</h2>{_teasers(others, t.lang)}</section>
<div id="comments" class="comments-area"><h2 class="comments-title">2 comments</h2><ol class="comment-list">
<li class="comment"><div class="comment-content"><p>Great news, when will this come to our town as well?</p></div></li>
<li class="comment"><div class="comment-content"><p>Thanks for the detailed report, very useful for our project.</p>
</div></li></ol></div>
</main><aside id="secondary" class="widget-area"><section class="widget widget_recent_entries"><h2>Recent posts</h2>
{_teasers(others[:2], t.lang)}</section></aside></div>
<footer id="colophon" class="site-footer"><p>© 2022 City Tech Blog. All rights reserved. Tel.: +1 202 555 0142</p></footer>
<div id="cookie-notice" class="cookie-banner"><p>{ui[6]}</p><a href="#">OK</a></div>
</body></html>"""
    return page, raw


def _json(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def _bitrix(t: _Text, others: list[_Text], url: str) -> tuple[str, str]:
    ui = _CHROME[t.lang]
    raw = _printed(t.day, t.lang, "numeric")
    page = f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>{_esc(t.title)}</title><meta name="description" content="Официальный портал города: новости, события, услуги">
</head><body><div class="wrapper"><div class="header"><div class="logo"><a href="/">Портал города</a></div>
<div class="phones">+7 (727) 272-00-00<br>+7 (727) 272-00-01</div>
<div class="top-menu"><a href="/">{ui[0]}</a> <a href="/press-center/news/">{ui[1]}</a> <a href="/about/">{ui[2]}</a></div>
</div><div class="breadcrumbs"><a href="/">{ui[0]}</a> / <a href="/press-center/news/">{ui[1]}</a></div>
<div class="workarea"><h1>{_esc(t.title)}</h1>
<div class="news-detail"><span class="news-date-time">{raw}</span>
<img class="detail_picture" src="/upload/iblock/4f1/photo.jpg" alt="" width="600" height="400">
{_blocks_html(t.blocks)}
<div style="clear:both"></div><br>
<div class="news-detail-share"><span>{ui[5]}:</span> <a href="https://vk.com/share.php">VK</a>
<a href="https://t.me/share">Telegram</a></div>
<a href="/press-center/news/">&larr; {ui[1]}</a></div></div>
<div class="sidebar"><div class="other-news"><div class="title">{ui[4]}</div>{_teasers(others, t.lang)}</div></div>
<div class="footer"><div>Адрес: 050000, ул. Центральная, 1</div><div>Тел.: +7 (727) 272-00-00, факс: +7 (727) 272-00-02</div>
<div>© 2022 Все права защищены</div></div></div>
<div class="cookies-warning" id="cookies"><p>{ui[6]}</p><button>OK</button></div></body></html>"""
    return page, raw


def _joomla(t: _Text, others: list[_Text], url: str) -> tuple[str, str]:
    ui = _CHROME[t.lang]
    raw = _printed(t.day, t.lang)
    page = f"""<!DOCTYPE html><html lang="{t.lang}-{t.lang}" dir="ltr"><head><meta charset="utf-8">
<meta name="generator" content="Joomla! - Open Source Content Management"><title>{_esc(t.title)}</title></head>
<body class="site com_content view-article"><div class="container">
<header class="header"><a class="brand" href="/">Gov portal</a><div class="header-search"><form><input name="q"></form>
</div></header><nav class="navigation" role="navigation"><ul class="nav menu"><li><a href="/">{ui[0]}</a></li>
<li><a href="/news">{ui[1]}</a></li></ul></nav>
<main id="content" role="main"><div class="item-page" itemscope itemtype="https://schema.org/Article">
<div class="page-header"><h2 itemprop="headline">{_esc(t.title)}</h2></div>
<dl class="article-info muted"><dd class="published"><span class="icon-calendar"></span>
<time datetime="{t.day.isoformat()}T10:00:00+03:00" itemprop="datePublished">{raw}</time></dd>
<dd class="hits"><meta itemprop="interactionCount" content="UserPageVisits:312">312</dd></dl>
<div class="btn-group pull-right"><a href="/news?tmpl=component&amp;print=1" class="print-icon">Print</a>
<a href="/component/mailto/" class="email-icon">Email</a></div>
<div itemprop="articleBody">
{_blocks_html(t.blocks)}
</div>
<ul class="pager pagenav"><li class="previous"><a href="/news/prev">&lt; Prev</a></li>
<li class="next"><a href="/news/next">Next &gt;</a></li></ul></div></main>
<div id="aside" class="span3"><div class="moduletable"><h3>{ui[4]}</h3>{_teasers(others, t.lang)}</div></div>
</div><footer class="footer" role="contentinfo"><p>Тел.: +375 17 000-00-00</p><p>© 2022 Gov portal</p></footer>
</body></html>"""
    return page, raw


def _press_release(t: _Text, others: list[_Text], url: str) -> tuple[str, str]:
    ui = _CHROME[t.lang]
    city = {"en": "Geneva", "ru": "Женева", "be": "Жэнева", "uk": "Женева", "kk": "Женева"}[t.lang]
    raw = _printed(t.day, t.lang)
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Press release: {_esc(t.title)}</title>
<meta name="description" content="{htmllib.escape(_paragraphs(t)[0][:150])}"></head><body>
<div id="top"><ul class="menu"><li><a href="/">{ui[0]}</a></li><li><a href="/media/">Media centre</a></li></ul></div>
<div class="page"><div class="main-column"><div class="pr-label">Press release</div>
<h1>{_esc(t.title)}</h1>
<p class="dateline">{city}, {raw}</p>
{_blocks_html(t.blocks)}
<div class="media-contacts"><h3>For more information, please contact:</h3><p>Press office<br>Tel: +41 22 730 0000
<br>E-mail: pressinfo@example.org</p></div>
<div class="social"><a href="https://twitter.com/intent/tweet">{ui[5]}</a></div></div>
<div class="right-column"><div class="related"><h3>{ui[4]}</h3>{_teasers(others, t.lang)}</div></div></div>
<div id="footer"><a href="/privacy">Privacy notice</a> | <a href="/terms">Terms of use</a> | © 2022 All Rights Reserved
</div></body></html>"""
    return page, raw


def _html5(t: _Text, others: list[_Text], url: str) -> tuple[str, str]:
    ui = _CHROME[t.lang]
    raw = _printed(t.day, t.lang)
    byline = f'<p class="author">Автор: {_esc(t.author)}</p>' if t.author else ""
    page = f"""<!DOCTYPE html><html lang="{t.lang}"><head><meta charset="utf-8"><title>{_esc(t.title)} | Новини міста</title>
<meta property="og:title" content="{htmllib.escape(t.title)}"></head><body>
<div class="topbar"><a href="/">{ui[0]}</a> · <a href="/news">{ui[1]}</a> · <a href="/contacts">{ui[3]}</a></div>
<main><h1>{_esc(t.title)}</h1>{byline}<div class="meta"><span class="published">{raw}</span> ·
<a class="print-link" href="?print=1">Print</a></div>
<div class="text">
{_blocks_html(t.blocks)}
</div>
<div class="tags">Tags: <a href="/tag/city">city</a> <a href="/tag/digital">digital</a></div>
</main>
<aside><h2>{ui[4]}</h2>{_teasers(others, t.lang)}</aside>
<footer><p>{ui[3]}: +380 44 000 00 00</p><p>© 2022</p></footer>
<div id="cookie-consent"><p>{ui[6]}</p></div></body></html>"""
    return page, raw


_TEMPLATES = {
    "wordpress": _wordpress,
    "bitrix": _bitrix,
    "joomla": _joomla,
    "press-release": _press_release,
    "html5": _html5,
}


def written_pages() -> list[CorpusPage]:
    """Every text in three of the five templates (rotating), each with teasers of three other texts."""
    texts = _texts()
    names = list(_TEMPLATES)
    pages: list[CorpusPage] = []
    for i, t in enumerate(texts):
        others = [texts[(i + k) % len(texts)] for k in (1, 2, 3)]
        for j in range(3):
            template = names[(i + j) % len(names)]
            url = f"https://{template}.example.org/news/{t.key}"
            page, raw = _TEMPLATES[template](t, others, url)
            pages.append(
                CorpusPage(
                    name=f"{template}/{t.key}",
                    origin=f"written:{template}",
                    source=None,
                    url=url,
                    html=page,
                    title=t.title,
                    published=t.day.isoformat(),
                    paragraphs=_paragraphs(t),
                    language=t.lang,
                    author=(t.author or "Editorial team")
                    if template == "wordpress"
                    else t.author
                    if template == "html5"
                    else None,
                    published_raw=raw,
                )
            )
    return pages


def corpus() -> Iterator[CorpusPage]:
    """Replica pages first, then written pages."""
    yield from replica_pages()
    yield from written_pages()
