"""Replica of mpt.gov.by (Drupal 7, ru/en/be), real origin https://mpt.gov.by.

Served paths
    /robots.txt                      Drupal 7 default without Crawl-delay, plus
                                     ``Disallow: /ru/news/private-draft``
    /, /ru, /en, /be                 front pages (recent news, menus)
    /{ru,en,be}/news[?page=N]        Drupal views listing, 5 rows a page, newest first
    /rss.xml, /ru/rss                RSS 2.0 (front-page feed / ru news feed)
    /{lang}/news/DD-MM-YYYY-NID      article (canonical form)
    /{lang}/node/NID                 same article, same markup
    /{lang}/node/NID/printable/print print version (simpler markup, same content)
    /news/DD-MM-YYYY-NID, /node/NID  unprefixed: the ru version
    /en/itu-regional-workshop-on-smart-sustainable-cities-held-in-minsk
                                     slug-only alias of en node 8101
    /sites/default/files/...         images (JPEG), attachments (PDF, DOC, XLS)

Ground-truth subtleties (see :data:`LINK_FORMS`)
    * ru listing links 8101 as ``https://mpt.gov.by/ru/news/...``, 7988 as
      ``http://www.mpt.gov.by/ru/news/...``, 6603 through the IDN host
      ``https://xn--b1akbcqh2a7i.xn--90ais/ru/news/...``, 7715 as the unprefixed
      ``/news/10-02-2022-7715``, 2303 as ``/ru/node/2303``; en listing links 7002 as
      ``https://www.mpt.gov.by/en/news/...`` and 8101 through its slug alias; be
      listing links 7670 as ``/be/node/7670``. ``path`` is the linked path,
      ``real_url`` the canonical ``https://mpt.gov.by/{lang}/news/DD-MM-YYYY-NID``.
    * ``/be/news/21-12-2021-7643`` carries English text (language "en").
    * ru 8130 is only in the feeds (``/rss.xml`` and ``/ru/rss``), in no listing; so is the
      ru-only interview 7960 (plain dashed dialogue, credit line "Беседовала ...").
    * Issue 6 (stories): 7045 and 7725 are one forum in two years (ru/en, look-alikes, not one
      story); 7790 (ru/en) copies ITU's ``07042022.aspx``, and ITU's ``17022022.aspx`` copies
      en 7725 (see ``tests/story_pairs.py``).
    * ``/ru/news/private-draft`` is linked from the ru listing but disallowed by
      robots.txt; it is not in ``articles``.
    * ru 7810 ends with a byline paragraph (kept in ``paragraphs``; author set).
    * en/be 7643 contain "dоcument" with a Cyrillic "о" (U+043E).
    * ru 7135 has the footer phone/fax block also at the very top of the page.
    * Paragraphs are the ``<p>`` and ``<li>`` texts of the body field; a ``<p>``
      holding only an image has no text and is not a paragraph. The RSS
      ``dc:creator`` is the Drupal account name ("press"), not an author.

Faults (``faults=False`` switches all of them off)
    (a) ``/ru/news/18-04-2022-7810``: 503 (nginx page) to the first request, 200 after.
    (b) ``/en/news/08-02-2021-7002``: every answer delayed by ``slow_seconds`` (1.5 s).
    (c) be 3444 (``/be/news/03-09-2018-3444``, its node and print paths):
        ``Content-Type: text/html`` without charset, body in windows-1251, declared
        only by ``<meta http-equiv="Content-Type" ... charset=windows-1251">``.
    (d) ``/ru/news/23-07-2020-6603`` (and its unprefixed/node forms): broken markup,
        an unclosed ``<p>`` in the body, a stray ``</span>`` inside a paragraph and
        the share-buttons ``<div>`` never closed. Visible content is unchanged.
    (e) ``/ru/news?page=2``: 500 (Drupal error page) to the first request, 200 after.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from functools import partial
from urllib.parse import quote, urlsplit

from .server import (
    ReplicaArticle,
    Request,
    Response,
    Site,
    block_texts,
    fail_first,
    jpeg_bytes,
    pdf_bytes,
    png_bytes,
    slow,
)

ORIGIN = "https://mpt.gov.by"
MSK = timezone(timedelta(hours=3))  # Europe/Minsk, UTC+3 all year since 2011
PAGE_SIZE = 5
DRAFT_PATH = "/ru/news/private-draft"
DRAFT_TITLE = "DRAFT - MUST NOT BE ARCHIVED"

FAULT_503_ONCE = "/ru/news/18-04-2022-7810"
FAULT_SLOW = "/en/news/08-02-2021-7002"
FAULT_CP1251 = "/be/news/03-09-2018-3444"
FAULT_BROKEN_MARKUP = "/ru/news/23-07-2020-6603"
FAULT_LISTING_500 = "/ru/news?page=2"
FEED_ONLY = ("/ru/news/10-11-2022-8130", "/ru/news/12-09-2022-7960")


# --------------------------------------------------------------------------- content model


@dataclass(frozen=True)
class _File:
    path: str
    mime: str

    @property
    def ext(self) -> str:
        return self.path.rsplit(".", 1)[1]

    @property
    def label(self) -> str:
        return f"(.{self.ext}) {self.ext.upper()}"


@dataclass(frozen=True)
class _Version:
    lang: str  # URL prefix
    title: str
    teaser: str
    body: tuple[str, ...]  # raw HTML block if it starts with "<", else a plain paragraph
    text_lang: str = ""  # language of the text when it differs from the prefix
    files: tuple[_File, ...] = ()
    link: str | None = None  # href used in listings, when not the canonical path
    author: str | None = None


@dataclass(frozen=True)
class _Node:
    nid: int
    created: datetime
    versions: tuple[_Version, ...]
    content_type: str = "news"
    in_listing: bool = True


def _t(day: str, hm: str) -> datetime:
    return datetime.strptime(f"{day} {hm}", "%d.%m.%Y %H:%M").replace(tzinfo=MSK)


_PDF = "application/pdf"
_IMG_SMART_CITY = (
    '<p><img alt="{alt}" src="/sites/default/files/news/2022/11/umny-gorod-2022.jpg" '
    'style="width: 600px; height: 400px;" width="600" height="400" /></p>'
)
_U4SSC_LINK = '<a href="https://u4ssc.itu.int/" target="_blank">{}</a>'

NODES: tuple[_Node, ...] = (
    _Node(
        8143,
        _t("15.11.2022", "11:20"),
        (
            _Version(
                "ru",
                "Подведены итоги республиканского конкурса «Умный город – 2022»",
                "В Министерстве связи и информатизации наградили победителей республиканского "
                "конкурса проектов в сфере умных городов.",
                (
                    "15 ноября в Министерстве связи и информатизации состоялась церемония "
                    "награждения победителей республиканского конкурса «Умный город – 2022». "
                    "Конкурс проводился второй год подряд при поддержке Международного союза "
                    "электросвязи (МСЭ) и Программы развития ООН в Беларуси.",
                    "<p>В этом году на конкурс поступило <strong>более 120 заявок</strong> из всех "
                    "областей страны и г. Минска. Проекты оценивались по ключевым показателям "
                    "эффективности умных устойчивых городов, разработанным в рамках инициативы МСЭ "
                    + _U4SSC_LINK.format("«Объединенные для умных устойчивых городов» (U4SSC)")
                    + ".</p>",
                    "Победителями в номинациях стали:",
                    "<ul>"
                    "<li>Новополоцк – за проект интеллектуальной системы управления уличным "
                    "освещением;</li>"
                    "<li>Гродно – за платформу мониторинга качества воздуха на основе датчиков "
                    "интернета вещей;</li>"
                    "<li>Пинск – за мобильное приложение «Мой город» для обращений жителей;</li>"
                    "<li>Минск, Фрунзенский район – за цифровую платформу управления жилищным "
                    "фондом.</li>"
                    "</ul>",
                    _IMG_SMART_CITY.format(alt="Церемония награждения победителей конкурса «Умный город – 2022»"),
                    "Общий объем инвестиций в проекты-победители превышает 4 000 000 рублей. "
                    "Лучшие практики войдут в каталог типовых решений, рекомендуемых для "
                    "внедрения в других городах в 2023 году.",
                    "Итоговый протокол заседания конкурсной комиссии размещен ниже.",
                ),
                files=(_File("/sites/default/files/documents/protokol-umny-gorod-2022.pdf", _PDF),),
            ),
            _Version(
                "en",
                "Results of the national Smart City 2022 competition announced",
                "The Ministry of Communications and Informatization awarded the winners of the "
                "national competition of smart city projects.",
                (
                    "On 15 November the Ministry of Communications and Informatization hosted the "
                    "award ceremony for the winners of the national competition «Smart City "
                    "2022». The competition was held for the second year in a row with the "
                    "support of the International Telecommunication Union (ITU) and the United "
                    "Nations Development Programme in Belarus.",
                    "<p>This year <strong>more than 120 applications</strong> were submitted from "
                    "all regions of the country and the city of Minsk. The projects were evaluated "
                    "against the key performance indicators for smart sustainable cities developed "
                    "under the ITU initiative "
                    + _U4SSC_LINK.format("United for Smart Sustainable Cities (U4SSC)")
                    + ".</p>",
                    "The winners in the categories are:",
                    "<ul>"
                    "<li>Novopolotsk – for an intelligent street lighting management system;</li>"
                    "<li>Grodno – for an air quality monitoring platform based on Internet of "
                    "Things sensors;</li>"
                    "<li>Pinsk – for the «My City» mobile application for residents' requests;</li>"
                    "<li>Minsk, Frunzensky district – for a digital housing stock management "
                    "platform.</li>"
                    "</ul>",
                    _IMG_SMART_CITY.format(alt="Award ceremony for the winners of the Smart City 2022 competition"),
                    "The total investment in the winning projects exceeds BYN 4 000 000. The best "
                    "practices will be included in a catalogue of standard solutions recommended "
                    "for other cities in 2023.",
                ),
            ),
            _Version(
                "be",
                "Падведзены вынікі рэспубліканскага конкурсу «Разумны горад – 2022»",
                "У Міністэрстве сувязі і інфарматызацыі ўзнагародзілі пераможцаў "
                "рэспубліканскага конкурсу праектаў у сферы разумных гарадоў.",
                (
                    "15 лістапада ў Міністэрстве сувязі і інфарматызацыі адбылася цырымонія "
                    "ўзнагароджання пераможцаў рэспубліканскага конкурсу «Разумны горад – 2022». "
                    "Конкурс праводзіўся другі год запар пры падтрымцы Міжнароднага саюза "
                    "электрасувязі (МСЭ) і Праграмы развіцця ААН у Беларусі.",
                    "<p>Сёлета на конкурс паступіла <strong>больш за 120 заявак</strong> з усіх "
                    "абласцей краіны і г. Мінска. Праекты ацэньваліся па ключавых паказчыках "
                    "эфектыўнасці разумных устойлівых гарадоў, распрацаваных у рамках ініцыятывы "
                    "МСЭ " + _U4SSC_LINK.format("«Аб'яднаныя для разумных устойлівых гарадоў» (U4SSC)") + ".</p>",
                    "Пераможцамі ў намінацыях сталі:",
                    "<ul>"
                    "<li>Наваполацк – за праект інтэлектуальнай сістэмы кіравання вулічным "
                    "асвятленнем;</li>"
                    "<li>Гродна – за платформу маніторынгу якасці паветра на аснове датчыкаў "
                    "інтэрнэту рэчаў;</li>"
                    "<li>Пінск – за мабільны дадатак «Мой горад» для зваротаў жыхароў;</li>"
                    "<li>Мінск, Фрунзенскі раён – за лічбавую платформу кіравання жыллёвым "
                    "фондам.</li>"
                    "</ul>",
                    _IMG_SMART_CITY.format(alt="Цырымонія ўзнагароджання пераможцаў конкурсу «Разумны горад – 2022»"),
                    "Агульны аб'ём інвестыцый у праекты-пераможцы перавышае 4 000 000 рублёў. "
                    "Лепшыя практыкі ўвойдуць у каталог тыпавых рашэнняў, рэкамендаваных для "
                    "ўкаранення ў іншых гарадах у 2023 годзе.",
                ),
            ),
        ),
    ),
    _Node(
        8130,
        _t("10.11.2022", "16:05"),
        (
            _Version(
                "ru",
                "Вниманию операторов электросвязи: изменены сроки представления отчетности за 2022 год",
                "Министерство связи и информатизации информирует об изменении сроков "
                "представления ведомственной отчетности операторами электросвязи.",
                (
                    "Министерство связи и информатизации информирует, что постановлением "
                    "Министерства от 4 ноября 2022 г. № 38 изменены сроки представления "
                    "ведомственной отчетности операторами электросвязи за 2022 год.",
                    "<p>Отчеты по формам <strong>«Связь (услуги)»</strong> и <strong>«Связь "
                    "(сети)»</strong> представляются не позднее 20 января 2023 года в электронном "
                    "виде через систему межведомственного электронного документооборота.</p>",
                    "Разъяснения по заполнению форм можно получить в управлении электросвязи Министерства.",
                ),
            ),
        ),
        in_listing=False,
    ),
    _Node(
        8101,
        _t("27.10.2022", "10:15"),
        (
            _Version(
                "ru",
                "В Минске прошел региональный семинар МСЭ по умным устойчивым городам",
                "26 октября в Минске состоялся региональный семинар Международного союза "
                "электросвязи, посвященный ключевым показателям эффективности умных устойчивых "
                "городов.",
                (
                    "26 октября в Минске состоялся региональный семинар Международного союза "
                    "электросвязи «Умные устойчивые города: от показателей к решениям». "
                    "Мероприятие организовано Министерством связи и информатизации совместно с "
                    "Зональным отделением МСЭ для региона СНГ и РУП «Гипросвязь».",
                    "В работе семинара приняли участие представители администраций связи, "
                    "местных органов власти и экспертного сообщества Азербайджана, Армении, "
                    "Беларуси, Казахстана, Кыргызстана, России и Узбекистана.",
                    "<p>Участники обсудили опыт применения <strong>ключевых показателей "
                    "эффективности U4SSC</strong>, методики оценки городской цифровой "
                    "инфраструктуры и механизмы финансирования проектов умных городов.</p>",
                    "По итогам семинара принято решение подготовить рекомендации по применению "
                    "стандартов МСЭ-Т серии Y.4900 в городах региона.",
                ),
                link="https://mpt.gov.by/ru/news/27-10-2022-8101",
            ),
            _Version(
                "en",
                "ITU regional workshop on Smart Sustainable Cities held in Minsk",
                "On 26 October Minsk hosted a regional workshop of the International "
                "Telecommunication Union on key performance indicators for smart sustainable "
                "cities.",
                (
                    "On 26 October Minsk hosted the ITU regional workshop «Smart Sustainable "
                    "Cities: from indicators to solutions». The event was organized by the Ministry "
                    "of Communications and Informatization together with the ITU Regional Office "
                    "for the CIS and Giprosvjaz.",
                    "Representatives of telecommunication administrations, local authorities and "
                    "experts from Armenia, Azerbaijan, Belarus, Kazakhstan, Kyrgyzstan, Russia and "
                    "Uzbekistan took part in the workshop.",
                    "<p>The participants discussed the application of the <strong>U4SSC key "
                    "performance indicators</strong>, methods for assessing urban digital "
                    "infrastructure and financing mechanisms for smart city projects.</p>",
                    "Following the workshop, it was decided to prepare recommendations on the use "
                    "of the ITU-T Y.4900 series of standards in the cities of the region.",
                ),
                link="/en/itu-regional-workshop-on-smart-sustainable-cities-held-in-minsk",
            ),
        ),
    ),
    _Node(
        7988,
        _t("21.09.2022", "14:40"),
        (
            _Version(
                "ru",
                "Сеть 5G: в Минске расширена зона тестовой эксплуатации",
                "Зона тестовой эксплуатации сети пятого поколения в Минске расширена до 40 базовых станций.",
                (
                    "Министерство связи и информатизации информирует о расширении зоны тестовой "
                    "эксплуатации сети связи пятого поколения (5G) в г. Минске. С 20 сентября в "
                    "тестовой сети работают 40 базовых станций в диапазоне 3,5 ГГц.",
                    '<p>Тестирование проводит <a href="https://becloud.by/" target="_blank">СООО '
                    "«Белорусские облачные технологии» (beCloud)</a> – инфраструктурный оператор "
                    "сети 5G в Республике Беларусь. К тестированию подключено более 4 000 "
                    "абонентских устройств.</p>",
                    "Покрытие обеспечено в районе проспекта Независимости, в Национальной "
                    "библиотеке, на территории Парка высоких технологий и в ряде торговых "
                    "центров. Средняя скорость передачи данных в тестовой сети превышает "
                    "1 Гбит/с.",
                    "Коммерческий запуск сети 5G запланирован после завершения тестирования и "
                    "распределения радиочастотного спектра. Отчет о результатах первого этапа "
                    "тестирования прилагается.",
                ),
                files=(_File("/sites/default/files/documents/report-2022.pdf", _PDF),),
                link="http://www.mpt.gov.by/ru/news/21-09-2022-7988",
            ),
        ),
    ),
    _Node(
        7810,
        _t("18.04.2022", "12:00"),
        (
            _Version(
                "ru",
                "Межведомственный электронный документооборот: итоги первого квартала 2022 года",
                "В Министерстве связи и информатизации обсудили развитие системы "
                "межведомственного электронного документооборота государственных органов.",
                (
                    "16 апреля 2022 года в Министерстве связи и информатизации состоялось "
                    "совещание, посвященное развитию системы межведомственного электронного "
                    "документооборота (СМДО) государственных органов.",
                    "По итогам первого квартала к СМДО подключено более 4 600 организаций, а "
                    "количество переданных через систему электронных документов превысило "
                    "2,1 миллиона. Среднее время доставки документа между организациями "
                    "сократилось до нескольких минут.",
                    "<p>Участники совещания отметили, что в 2022 году приоритетом станет "
                    "<strong>подключение местных исполнительных и распорядительных органов "
                    "базового уровня</strong>, а также интеграция СМДО с общегосударственной "
                    "автоматизированной информационной системой (ОАИС).</p>",
                    "Отдельное внимание было уделено вопросам информационной безопасности и "
                    "переходу на отечественные средства электронной цифровой подписи.",
                    "Иван Петров, начальник управления информатизации Министерства связи и информатизации",
                ),
                author="Иван Петров",
            ),
        ),
    ),
    _Node(
        7715,
        _t("10.02.2022", "12:30"),
        (
            _Version(
                "ru",
                "Единый портал электронных услуг: итоги 2021 года",
                "В 2021 году через единый портал электронных услуг гражданам и организациям "
                "оказано более 1,5 миллиона услуг и административных процедур.",
                (
                    "Министерство связи и информатизации подвело итоги работы единого портала "
                    "электронных услуг (ЕПЭУ) за 2021 год. За год через портал оказано более "
                    "1,5 миллиона услуг и административных процедур, что почти вдвое больше, чем "
                    "в 2020 году.",
                    "<p>Наиболее востребованными стали услуги по <strong>выдаче справок о месте "
                    "жительства и составе семьи</strong>, регистрации субъектов хозяйствования и "
                    "получению сведений из единого государственного регистра недвижимого "
                    "имущества.</p>",
                    "Число зарегистрированных пользователей портала превысило 480 000. Для входа "
                    "на портал все чаще используется межбанковская система идентификации (МСИ): "
                    "на нее приходится более 60 % авторизаций.",
                    "В 2022 году на портале планируется разместить еще 150 административных "
                    "процедур, в том числе комплексные услуги «по жизненным ситуациям».",
                ),
                link="/news/10-02-2022-7715",
            ),
        ),
    ),
    _Node(
        7702,
        _t("08.02.2022", "10:00"),
        (
            _Version(
                "ru",
                "Министр связи и информатизации: Беларусь – один из лидеров в развитии умных "
                "устойчивых городов в регионе",
                "В преддверии международного форума по умным устойчивым городам Министр связи и "
                "информатизации рассказал о подходах Беларуси к созданию умных городов.",
                (
                    "В преддверии международного форума по умным устойчивым городам Министр связи "
                    "и информатизации Республики Беларусь рассказал о подходах страны к созданию "
                    "умных городов, роли сотрудничества с Международным союзом электросвязи и "
                    "следующих шагах программы цифрового развития.",
                    "<p><strong>– Что сегодня означает для Беларуси концепция умного города?</strong></p>",
                    "– Для нас умный город – это не набор гаджетов, а способ управления "
                    "городскими службами на основе данных. Мы опираемся на методологию "
                    "Международного союза электросвязи и инициативы «Объединенные для умных "
                    "устойчивых городов» (U4SSC), которая предлагает систему ключевых показателей "
                    "эффективности. Минск одним из первых в регионе прошел оценку по методике "
                    "U4SSC, и сегодня Беларусь по праву считается одним из лидеров в развитии "
                    "умных устойчивых городов в регионе.",
                    "<p><strong>– Какие проекты уже работают?</strong></p>",
                    "– Прежде всего это интеллектуальные транспортные системы, видеонаблюдение и "
                    "городской ситуационный центр в Минске. В областных центрах внедряются умное "
                    "уличное освещение и автоматизированный учет жилищно-коммунальных услуг. К "
                    "системам дистанционного снятия показаний уже подключено более 4 000 жилых "
                    "домов.",
                    "<p><strong>– Насколько важно сотрудничество с МСЭ?</strong></p>",
                    "– МСЭ дает нам доступ к международным стандартам и опыту других стран. "
                    "Вместе с Зональным отделением МСЭ для региона СНГ мы проводим семинары и "
                    "обучение для специалистов местных органов власти. 15-16 февраля 2022 года в "
                    "Минске пройдет международный форум, на котором будут представлены "
                    "результаты первых проектов.",
                    "<p><strong>– Каковы следующие шаги?</strong></p>",
                    "– В рамках Государственной программы «Цифровое развитие Беларуси» на "
                    "2021–2025 годы мы планируем создать национальную платформу умного города, "
                    "единый комплекс стандартов и каталог типовых решений, чтобы любой город мог "
                    "быстро и с меньшими затратами внедрять проверенные проекты.",
                ),
            ),
            _Version(
                "en",
                "Belarus as one of the leaders in the development of Smart Sustainable Cities in the region",
                "On the eve of the international forum on smart sustainable cities, the Minister "
                "of Communications and Informatization spoke about the Belarusian approach to "
                "building smart cities.",
                (
                    "On the eve of the international forum on smart sustainable cities, the "
                    "Minister of Communications and Informatization of the Republic of Belarus "
                    "spoke about the country's approach to building smart cities, the role of "
                    "cooperation with the International Telecommunication Union and the next "
                    "steps of the digital development programme.",
                    "<p><strong>– What does the concept of a smart city mean for Belarus today?</strong></p>",
                    "– For us a smart city is not a set of gadgets, but a way of managing urban "
                    "services on the basis of data. We rely on the methodology of the "
                    "International Telecommunication Union and the United for Smart Sustainable "
                    "Cities initiative (U4SSC), which offers a set of key performance indicators. "
                    "Minsk was among the first cities in the region to complete the U4SSC "
                    "assessment, and today Belarus is rightly considered one of the leaders in "
                    "the development of Smart Sustainable Cities in the region.",
                    "<p><strong>– Which projects are already working?</strong></p>",
                    "– First of all, intelligent transport systems, video surveillance and the "
                    "urban situation centre in Minsk. In the regional centres we are deploying "
                    "smart street lighting and automated metering of housing and utility "
                    "services. More than 4 000 residential buildings are already connected to "
                    "remote meter reading systems.",
                    "<p><strong>– How important is cooperation with ITU?</strong></p>",
                    "– ITU gives us access to international standards and the experience of other "
                    "countries. Together with the ITU Regional Office for the CIS we hold "
                    "workshops and training for specialists of local authorities. On 15-16 "
                    "February 2022 Minsk will host an international forum where the results of "
                    "the first projects will be presented.",
                    "<p><strong>– What are the next steps?</strong></p>",
                    "– Within the State Programme «Digital Development of Belarus» for 2021–2025 "
                    "we plan to create a national smart city platform, a single set of standards "
                    "and a catalogue of standard solutions, so that any city can implement "
                    "proven projects quickly and at a lower cost.",
                ),
            ),
            _Version(
                "be",
                "Інтэрв'ю Міністра сувязі і інфарматызацыі: Беларусь – адзін з лідараў у "
                "развіцці разумных устойлівых гарадоў у рэгіёне",
                "Напярэдадні міжнароднага форуму па разумных устойлівых гарадах Міністр сувязі і "
                "інфарматызацыі расказаў пра падыходы Беларусі да стварэння разумных гарадоў.",
                (
                    "Напярэдадні міжнароднага форуму па разумных устойлівых гарадах Міністр "
                    "сувязі і інфарматызацыі Рэспублікі Беларусь расказаў пра падыходы краіны да "
                    "стварэння разумных гарадоў, ролю супрацоўніцтва з Міжнародным саюзам "
                    "электрасувязі і наступныя крокі праграмы лічбавага развіцця.",
                    "<p><strong>– Што сёння азначае для Беларусі канцэпцыя разумнага горада?</strong></p>",
                    "– Для нас разумны горад – гэта не набор гаджэтаў, а спосаб кіравання "
                    "гарадскімі службамі на аснове даных. Мы абапіраемся на метадалогію "
                    "Міжнароднага саюза электрасувязі і ініцыятывы «Аб'яднаныя для разумных "
                    "устойлівых гарадоў» (U4SSC), якая прапануе сістэму ключавых паказчыкаў "
                    "эфектыўнасці. Мінск адным з першых у рэгіёне прайшоў ацэнку па методыцы "
                    "U4SSC, і сёння Беларусь па праве лічыцца адным з лідараў у развіцці "
                    "разумных устойлівых гарадоў у рэгіёне.",
                    "<p><strong>– Якія праекты ўжо працуюць?</strong></p>",
                    "– Перш за ўсё гэта інтэлектуальныя транспартныя сістэмы, відэаназіранне і "
                    "гарадскі сітуацыйны цэнтр у Мінску. У абласных цэнтрах укараняюцца разумнае "
                    "вулічнае асвятленне і аўтаматызаваны ўлік жыллёва-камунальных паслуг. Да "
                    "сістэм дыстанцыйнага зняцця паказанняў ужо падключана больш за 4 000 жылых "
                    "дамоў.",
                    "<p><strong>– Наколькі важнае супрацоўніцтва з МСЭ?</strong></p>",
                    "– МСЭ дае нам доступ да міжнародных стандартаў і вопыту іншых краін. Разам "
                    "з Занальным аддзяленнем МСЭ для рэгіёна СНД мы праводзім семінары і "
                    "навучанне для спецыялістаў мясцовых органаў улады. 15-16 лютага 2022 года "
                    "ў Мінску пройдзе міжнародны форум, на якім будуць прадстаўлены вынікі "
                    "першых праектаў.",
                    "<p><strong>– Якія наступныя крокі?</strong></p>",
                    "– У рамках Дзяржаўнай праграмы «Лічбавае развіццё Беларусі» на 2021–2025 "
                    "гады мы плануем стварыць нацыянальную платформу разумнага горада, адзіны "
                    "комплекс стандартаў і каталог тыпавых рашэнняў, каб любы горад мог хутка і "
                    "з меншымі выдаткамі ўкараняць правераныя праекты.",
                ),
            ),
        ),
        content_type="interview",
    ),
    _Node(
        7670,
        _t("20.01.2022", "15:10"),
        (
            _Version(
                "be",
                "Калегія Міністэрства сувязі і інфарматызацыі падвяла вынікі 2021 года",
                "На пашыраным пасяджэнні калегіі абмеркаваны вынікі работы галіны сувязі і "
                "інфарматызацыі ў 2021 годзе і задачы на 2022 год.",
                (
                    "20 студзеня адбылося пашыранае пасяджэнне калегіі Міністэрства сувязі і "
                    "інфарматызацыі, на якім падведзены вынікі работы галіны ў 2021 годзе і "
                    "вызначаны задачы на 2022 год.",
                    "Аб'ём паслуг сувязі ў 2021 годзе павялічыўся на 7,8 % у супастаўных цэнах. "
                    "Колькасць абанентаў шырокапалоснага доступу ў інтэрнэт перавысіла "
                    "3,5 мільёна, а доля хатніх гаспадарак, падключаных па валаконна-аптычных "
                    "лініях, дасягнула 85 %.",
                    "<p>Асаблівая ўвага на калегіі была нададзена рэалізацыі <strong>Дзяржаўнай "
                    "праграмы «Лічбавае развіццё Беларусі» на 2021–2025 гады</strong> і пераходу "
                    "дзяржаўных органаў на адзіную рэспубліканскую воблачную платформу.</p>",
                    "Сярод задач на 2022 год – пашырэнне пакрыцця сеткамі мабільнай сувязі "
                    "чацвёртага пакалення ўздоўж аўтамабільных дарог, развіццё электронных "
                    "паслуг і падрыхтоўка да ўкаранення сетак 5G.",
                ),
                link="/be/node/7670",
            ),
        ),
    ),
    _Node(
        7643,
        _t("21.12.2021", "17:45"),
        tuple(
            _Version(
                lang,
                "National platform for digital development: first services launched",
                "The first services of the national platform for digital development have been "
                "put into commercial operation.",
                (
                    "The first services of the national platform for digital development have "
                    "been put into commercial operation. The platform is being created within the "
                    "State Programme «Digital Development of Belarus» for 2021–2025 and will "
                    "become the basis for interaction between government agencies, businesses "
                    "and citizens.",
                    # "dоcument" below is spelt with a Cyrillic "о" (U+043E) on purpose.
                    "At the first stage the platform provides a unified electronic d\u043ecument "
                    "exchange, a register of state information resources and a data exchange "
                    "gateway with the national identification system.",
                    "<p>According to the Ministry of Communications and Informatization, "
                    "<strong>more than 300 government bodies and organizations</strong> will be "
                    "connected to the platform during 2022.</p>",
                    "The next stage provides for the launch of services for local authorities and "
                    "integration with the single portal of electronic services.",
                ),
                text_lang="en",
            )
            for lang in ("en", "be")
        ),
    ),
    _Node(
        7135,
        _t("14.05.2021", "11:00"),
        (
            _Version(
                "ru",
                "В БГУИР открыт научно-исследовательский центр «Умные технологии»",
                "В Белорусском государственном университете информатики и радиоэлектроники "
                "открылся научно-исследовательский центр технологий умного города и интернета "
                "вещей.",
                (
                    "В Белорусском государственном университете информатики и радиоэлектроники "
                    "(БГУИР) открылся научно-исследовательский центр «Умные технологии». Центр "
                    "создан при участии Министерства связи и информатизации, РУП «Белтелеком» и "
                    "компаний – резидентов Парка высоких технологий.",
                    "<p>Центр будет заниматься <strong>решениями интернета вещей, "
                    "видеоаналитикой и платформами данных для умных городов</strong>. Его "
                    "лаборатории оснащены тестовым сегментом энергоэффективной сети дальнего "
                    "радиуса действия (LPWAN) и стендом для испытаний интеллектуальных приборов "
                    "учета.</p>",
                    "Студенты и молодые ученые смогут работать над реальными проектами по заказу "
                    "городских администраций и операторов. Первый из них – пилотный проект умной "
                    "парковки в центре Минска.",
                ),
            ),
            _Version(
                "en",
                'R&D Centre "Smart Technologies" opens at BSUIR',
                "A research and development centre for smart city and Internet of Things "
                "technologies has opened at the Belarusian State University of Informatics and "
                "Radioelectronics.",
                (
                    'A research and development centre "Smart Technologies" has opened at the '
                    "Belarusian State University of Informatics and Radioelectronics (BSUIR). The "
                    "centre was created with the participation of the Ministry of Communications "
                    "and Informatization, Beltelecom and resident companies of the High-Tech Park.",
                    "<p>The centre will focus on <strong>Internet of Things solutions, video "
                    "analytics and data platforms for smart cities</strong>. Its laboratories are "
                    "equipped with a test segment of a low-power wide-area network (LPWAN) and a "
                    "stand for testing smart metering devices.</p>",
                    "Students and young researchers will be able to work on real projects "
                    "commissioned by city administrations and operators. The first of them is a "
                    "smart parking pilot in the centre of Minsk.",
                ),
            ),
        ),
    ),
    _Node(
        7002,
        _t("08.02.2021", "13:25"),
        (
            _Version(
                "ru",
                "Беларусь и МСЭ обсудили сотрудничество в сфере цифровой трансформации на 2021–2022 годы",
                "Министр связи и информатизации провел видеоконференцию с Директором Бюро развития электросвязи МСЭ.",
                (
                    "8 февраля Министр связи и информатизации Республики Беларусь провел "
                    "видеоконференцию с Директором Бюро развития электросвязи Международного "
                    "союза электросвязи. Стороны обсудили план совместных мероприятий на "
                    "2021–2022 годы.",
                    "Особое внимание было уделено реализации региональных инициатив МСЭ для "
                    "региона СНГ, в том числе развитию умных устойчивых городов и сообществ, "
                    "интернета вещей и сетей 5G.",
                    "<p>Белорусская сторона предложила провести в Минске <strong>региональный "
                    "форум по умным устойчивым городам</strong> и серию обучающих семинаров по "
                    "ключевым показателям эффективности U4SSC. МСЭ подтвердил готовность "
                    "оказать экспертную поддержку.</p>",
                    "Стороны также обсудили подготовку к Всемирной конференции по развитию "
                    "электросвязи и участие белорусских экспертов в работе исследовательских "
                    "комиссий МСЭ-D.",
                ),
            ),
            _Version(
                "en",
                "Belarus and ITU discussed cooperation in digital transformation for 2021–2022",
                "The Minister of Communications and Informatization held a videoconference with "
                "the Director of the ITU Telecommunication Development Bureau.",
                (
                    "On 8 February the Minister of Communications and Informatization of the "
                    "Republic of Belarus held a videoconference with the Director of the ITU "
                    "Telecommunication Development Bureau. The parties discussed the plan of "
                    "joint activities for 2021–2022.",
                    "Particular attention was paid to the implementation of the ITU regional "
                    "initiatives for the CIS region, including the development of smart "
                    "sustainable cities and communities, the Internet of Things and 5G networks.",
                    "<p>The Belarusian side proposed to hold in Minsk <strong>a regional forum on "
                    "smart sustainable cities</strong> and a series of training workshops on the "
                    "U4SSC key performance indicators. ITU confirmed its readiness to provide "
                    "expert support.</p>",
                    "The parties also discussed the preparation for the World Telecommunication "
                    "Development Conference and the participation of Belarusian experts in the "
                    "work of the ITU-D study groups.",
                ),
                link="https://www.mpt.gov.by/en/news/08-02-2021-7002",
            ),
            _Version(
                "be",
                "Беларусь і МСЭ абмеркавалі супрацоўніцтва ў сферы лічбавай трансфармацыі на 2021–2022 гады",
                "Міністр сувязі і інфарматызацыі правёў відэаканферэнцыю з Дырэктарам Бюро развіцця электрасувязі МСЭ.",
                (
                    "8 лютага Міністр сувязі і інфарматызацыі Рэспублікі Беларусь правёў "
                    "відэаканферэнцыю з Дырэктарам Бюро развіцця электрасувязі Міжнароднага "
                    "саюза электрасувязі. Бакі абмеркавалі план сумесных мерапрыемстваў на "
                    "2021–2022 гады.",
                    "Асаблівая ўвага была нададзена рэалізацыі рэгіянальных ініцыятыў МСЭ для "
                    "рэгіёна СНД, у тым ліку развіццю разумных устойлівых гарадоў і супольнасцей, "
                    "інтэрнэту рэчаў і сетак 5G.",
                    "<p>Беларускі бок прапанаваў правесці ў Мінску <strong>рэгіянальны форум па "
                    "разумных устойлівых гарадах</strong> і серыю навучальных семінараў па "
                    "ключавых паказчыках эфектыўнасці U4SSC. МСЭ пацвердзіў гатоўнасць аказаць "
                    "экспертную падтрымку.</p>",
                    "Бакі таксама абмеркавалі падрыхтоўку да Сусветнай канферэнцыі па развіцці "
                    "электрасувязі і ўдзел беларускіх экспертаў у рабоце даследчых камісій МСЭ-D.",
                ),
            ),
        ),
    ),
    _Node(
        6603,
        _t("23.07.2020", "09:50"),
        (
            _Version(
                "ru",
                "Итоги работы отрасли связи за первое полугодие 2020 года",
                "Объем услуг связи в первом полугодии 2020 года увеличился на 6,1 % в сопоставимых ценах.",
                (
                    "Министерство связи и информатизации подвело итоги работы отрасли за первое "
                    "полугодие 2020 года. Объем услуг связи увеличился на 6,1 % в сопоставимых "
                    "ценах по сравнению с аналогичным периодом прошлого года.",
                    "В условиях распространения COVID-19 существенно вырос спрос на услуги "
                    "широкополосного доступа в интернет: трафик в фиксированных сетях за "
                    "полугодие увеличился на 38 %, в мобильных – на 45 %.",
                    "<p>Количество абонентов услуги <strong>«ZALA»</strong> превысило "
                    "1,7 миллиона, а число пользователей, подключенных по технологии GPON, – "
                    "2,3 миллиона.</p>",
                    "Основные показатели работы организаций связи за первое полугодие 2020 года "
                    "приведены в прилагаемой таблице.",
                ),
                files=(
                    _File(
                        "/sites/default/files/documents/pokazateli-1-polugodie-2020.xls",
                        "application/vnd.ms-excel",
                    ),
                ),
                link="https://xn--b1akbcqh2a7i.xn--90ais/ru/news/23-07-2020-6603",
            ),
        ),
    ),
    _Node(
        3444,
        _t("03.09.2018", "10:30"),
        (
            _Version(
                "be",
                "Школы краіны падключаны да шырокапалоснага доступу ў інтэрнэт",
                "Да пачатку 2018/2019 навучальнага года ўсе ўстановы агульнай сярэдняй адукацыі "
                "падключаны да шырокапалоснага доступу ў інтэрнэт.",
                (
                    "Да пачатку 2018/2019 навучальнага года ўсе ўстановы агульнай сярэдняй "
                    "адукацыі Рэспублікі Беларусь падключаны да шырокапалоснага доступу ў "
                    "інтэрнэт. Работы выконваліся РУП «Белтэлеком» у рамках Дзяржаўнай праграмы "
                    "развіцця лічбавай эканомікі і інфармацыйнага грамадства на 2016–2020 гады.",
                    "Больш за 2 800 школ падключаны па валаконна-аптычных лініях сувязі, "
                    "астатнія – з выкарыстаннем тэхналогій бесправаднога доступу. Хуткасць "
                    "доступу для гарадскіх школ складае не менш за 50 Мбіт/с, для сельскіх – не "
                    "менш за 10 Мбіт/с.",
                    "<p>У наступным навучальным годзе плануецца разгарнуць у школах "
                    "<strong>бесправадныя сеткі Wi-Fi</strong> і павялічыць хуткасць падключэння "
                    "сельскіх устаноў адукацыі.</p>",
                ),
            ),
        ),
    ),
    _Node(
        2303,
        _t("14.03.2017", "16:00"),
        (
            _Version(
                "ru",
                "В Минске обсудили перспективы внедрения технологий интернета вещей",
                "Министерство связи и информатизации провело круглый стол по вопросам внедрения "
                "технологий интернета вещей в Республике Беларусь.",
                (
                    "14 марта в Министерстве связи и информатизации состоялся круглый стол "
                    "«Интернет вещей: возможности для Беларуси», организованный совместно с "
                    "Зональным отделением МСЭ для региона СНГ.",
                    "Участники обсудили вопросы выделения радиочастотного спектра для сетей "
                    "интернета вещей, стандартизации и защиты данных, а также первые пилотные "
                    "проекты в сфере жилищно-коммунального хозяйства и транспорта.",
                    "По итогам круглого стола подготовлены предложения по реализации "
                    "Государственной программы развития цифровой экономики и информационного "
                    "общества на 2016–2020 годы.",
                ),
                link="/ru/node/2303",
            ),
        ),
    ),
    # --- issue 6: similar-but-different stories, republications of ITU news, a plain-dialogue interview
    _Node(
        7045,
        _t("17.02.2021", "15:30"),
        (
            _Version(
                "ru",
                "В Минске прошел международный форум «Умные города – 2021»",
                "16 февраля в Минске состоялся международный форум «Умные города – 2021», посвященный "
                "цифровой трансформации городских служб.",
                (
                    "16 февраля 2021 года в Минске состоялся международный форум «Умные города – 2021», "
                    "организованный Министерством связи и информатизации совместно с Зональным отделением "
                    "МСЭ для региона СНГ.",
                    "В работе форума очно и онлайн приняли участие более 300 человек из 12 стран, в том "
                    "числе представители государственных органов, городских администраций и операторов "
                    "электросвязи.",
                    "<p>Главной темой форума стала <strong>цифровая трансформация городских служб в период "
                    "пандемии</strong>: дистанционный доступ к государственным услугам, бесконтактная оплата "
                    "проезда в общественном транспорте и телемедицина.</p>",
                    "Заместитель Министра связи и информатизации Павел Ковалев представил концепцию "
                    "национальной платформы умного города, которую планируется создать в 2021–2022 годах.",
                    "По итогам форума участники приняли резолюцию, рекомендующую городам региона применять "
                    "ключевые показатели эффективности U4SSC.",
                ),
            ),
            _Version(
                "en",
                "International forum «Smart Cities 2021» held in Minsk",
                "On 16 February Minsk hosted the international forum «Smart Cities 2021» on the digital "
                "transformation of city services.",
                (
                    "On 16 February 2021 Minsk hosted the international forum «Smart Cities 2021», organized "
                    "by the Ministry of Communications and Informatization together with the ITU Regional "
                    "Office for the CIS.",
                    "More than 300 participants from 12 countries, including representatives of government "
                    "bodies, city administrations and telecommunication operators, took part in the forum "
                    "online and in person.",
                    "<p>The main topic of the forum was <strong>the digital transformation of city services "
                    "during the pandemic</strong>: remote access to public services, contactless payment in "
                    "public transport and telemedicine.</p>",
                    "Deputy Minister of Communications and Informatization Pavel Kovalev presented the "
                    "concept of the national smart city platform, which is to be created in 2021–2022.",
                    "Following the forum, the participants adopted a resolution recommending that cities of "
                    "the region apply the U4SSC key performance indicators.",
                ),
            ),
        ),
    ),
    _Node(
        7725,
        _t("17.02.2022", "16:40"),
        (
            _Version(
                "ru",
                "В Минске прошел международный форум «Умные города – 2022»",
                "15-16 февраля в Минске состоялся международный форум «Умные города – 2022», посвященный "
                "платформам данных для умных устойчивых городов.",
                (
                    "15-16 февраля 2022 года в Минске состоялся международный форум «Умные города – 2022», "
                    "организованный Министерством связи и информатизации совместно с Зональным отделением "
                    "МСЭ для региона СНГ и РУП «Гипросвязь».",
                    "В работе форума приняли участие более 500 человек из 15 стран, в том числе "
                    "представители государственных органов, городских администраций и операторов "
                    "электросвязи.",
                    "<p>Главной темой форума стали <strong>платформы данных для умных устойчивых "
                    "городов</strong>: городские ситуационные центры, умное уличное освещение и "
                    "автоматизированный учет коммунальных услуг.</p>",
                    "Минск, Гродно и Новополоцк представили результаты оценки по методике U4SSC, а Министр "
                    "связи и информатизации объявил о создании национального каталога типовых решений для "
                    "умных городов.",
                    "По итогам форума участники приняли резолюцию, рекомендующую городам региона применять "
                    "ключевые показатели эффективности U4SSC.",
                ),
            ),
            _Version(
                "en",
                "International forum «Smart Cities 2022» held in Minsk",
                "On 15-16 February Minsk hosted the international forum «Smart Cities 2022» on data "
                "platforms for smart sustainable cities.",
                (
                    "On 15-16 February 2022 Minsk hosted the international forum «Smart Cities 2022», "
                    "organized by the Ministry of Communications and Informatization together with the ITU "
                    "Regional Office for the CIS and Giprosvjaz.",
                    "More than 500 participants from 15 countries, including representatives of government "
                    "bodies, city administrations and telecommunication operators, took part in the forum.",
                    "<p>The main topic of the forum was <strong>data platforms for smart sustainable "
                    "cities</strong>: urban situation centres, smart street lighting and automated metering "
                    "of utilities.</p>",
                    "Minsk, Grodno and Novopolotsk presented the results of their U4SSC assessments, and the "
                    "Minister of Communications and Informatization announced a national catalogue of "
                    "standard solutions for smart cities.",
                    "Following the forum, the participants adopted a resolution recommending that cities of "
                    "the region apply the U4SSC key performance indicators.",
                ),
            ),
        ),
    ),
    _Node(
        7790,
        _t("08.04.2022", "11:45"),
        (
            _Version(
                "ru",
                "Белорусские эксперты приняли участие в заседании региональной группы ИК20 МСЭ-Т",
                "6-7 апреля состоялось третье собрание Региональной группы 20-й Исследовательской "
                "комиссии МСЭ-Т для Восточной Европы, Центральной Азии и Закавказья.",
                (
                    "6-7 апреля 2022 года в режиме онлайн состоялось третье собрание Региональной группы "
                    "20-й Исследовательской комиссии МСЭ-Т для Восточной Европы, Центральной Азии и "
                    "Закавказья (ИК20 РГ-ВЕЦАЗ), организованное Зональным отделением МСЭ для региона СНГ.",
                    "В собрании приняли участие 85 экспертов из 9 стран. Участники рассмотрели ход работы "
                    "над стандартами в области интернета вещей и умных устойчивых городов и обсудили вклады "
                    "стран региона.",
                    "<p>Делегаты договорились представить на следующее собрание ИК20 в Женеве <strong>два "
                    "новых предложения по работе</strong> – о цифровых двойниках городов и об обмене "
                    "данными между городскими платформами.</p>",
                    "Председателем Региональной группы переизбрана Елена Смирнова (Беларусь). Следующее "
                    "собрание Региональной группы пройдет осенью 2022 года.",
                    "Министерство связи и информатизации в работе собрания представляли специалисты "
                    "управления информатизации.",
                ),
            ),
            _Version(
                "en",
                "Belarusian experts took part in the meeting of the ITU-T SG20 Regional Group",
                "The third meeting of the ITU-T Study Group 20 Regional Group for Eastern Europe, Central "
                "Asia and Transcaucasia took place on 6-7 April.",
                (
                    "The third meeting of the ITU-T Study Group 20 Regional Group for Eastern Europe, "
                    "Central Asia and Transcaucasia (SG20RG-EECAT) took place online on 6-7 April 2022, "
                    "hosted by the ITU Regional Office for the CIS.",
                    "The meeting gathered 85 experts from 9 countries. Participants reviewed the progress of "
                    "work on Internet of Things and smart sustainable cities standards and discussed "
                    "contributions from the region.",
                    "<p>Delegates agreed to submit <strong>two new work item proposals</strong> on digital "
                    "twins of cities and on data exchange between urban platforms to the next SG20 meeting "
                    "in Geneva.</p>",
                    "Ms Elena Smirnova (Belarus) was re-elected chair of the Regional Group. The next meeting "
                    "of the Regional Group will take place in autumn 2022.",
                    "The Ministry of Communications and Informatization was represented at the meeting by "
                    "specialists of its Informatization Department.",
                ),
            ),
        ),
    ),
    _Node(
        7960,
        _t("12.09.2022", "10:20"),
        (
            _Version(
                "ru",
                "Андрей Соколов: «Каждая школа страны будет подключена к гигабитному интернету»",
                "Заместитель Министра связи и информатизации Андрей Соколов рассказал о подключении школ "
                "к высокоскоростному интернету.",
                (
                    "Накануне нового учебного года заместитель Министра связи и информатизации Андрей "
                    "Соколов рассказал о том, как идет подключение школ к высокоскоростному интернету и "
                    "что изменится для учеников и учителей.",
                    "– Андрей Викторович, сколько школ уже подключено к гигабитному интернету?",
                    "– К началу учебного года по оптическим линиям подключено более 2 900 школ, то есть "
                    "почти все городские и большая часть сельских. Оставшиеся школы будут подключены до "
                    "конца 2023 года.",
                    "– Что это дает ученикам?",
                    "– Прежде всего доступ к электронным учебникам и видеоурокам без ограничений по "
                    "скорости. Кроме того, в каждой школе появится беспроводная сеть Wi-Fi для учебных "
                    "классов.",
                    "– Кто оплачивает подключение?",
                    "– Работы выполняет РУП «Белтелеком» за счет средств государственной программы, "
                    "поэтому для школ подключение бесплатное.",
                    "Беседовала Мария Кузнецова",
                ),
            ),
        ),
        content_type="interview",
        in_listing=False,  # in the feeds only, so that ru 7135 stays on the second listing page
    ),
)

_DRAFT_NODE = _Node(
    8150,
    _t("12.11.2022", "18:00"),
    (
        _Version(
            "ru",
            DRAFT_TITLE,
            "Черновик материала. Не для публикации.",
            ("Черновик материала. Текст находится на согласовании и не предназначен для публикации.",),
            link=DRAFT_PATH,
        ),
    ),
)

# --------------------------------------------------------------------------- interface text

_UI: dict[str, dict[str, str]] = {
    "ru": {
        "site": "Министерство связи и информатизации Республики Беларусь",
        "slogan": "Официальный сайт",
        "home": "Главная",
        "news": "Новости",
        "print": "Версия для печати",
        "print_title": "Отобразить версию для печати этой страницы.",
        "share": "Поделиться:",
        "latest": "Последние новости",
        "all_news": "Все новости",
        "tel": "Тел.:",
        "fax": "Факс:",
        "address": "220050, г. Минск, пр-т Независимости, 10",
        "copyright": "© 2004–2022 Министерство связи и информатизации Республики Беларусь. "
        "При использовании материалов ссылка на сайт обязательна.",
        "files": "Прикрепленные файлы:",
        "rubric": "Рубрика:",
        "interview": "Интервью",
        "search": "Поиск",
        "skip": "Перейти к основному содержанию",
        "you_are_here": "Вы здесь",
        "not_found": "Страница не найдена",
        "not_found_text": 'Запрашиваемая страница "{path}" не найдена.',
        "first": "« первая",
        "prev": "‹ предыдущая",
        "next": "следующая ›",
        "last": "последняя »",
        "first_t": "На первую страницу",
        "prev_t": "На предыдущую страницу",
        "next_t": "На следующую страницу",
        "last_t": "На последнюю страницу",
        "page_t": "На страницу номер {n}",
        "pages": "Страницы",
        "source": "Адрес источника (получено 19.12.2022 - 10:00):",
        "published_on": "Опубликовано на",
        "links": "Ссылки:",
        "useful": "Полезные ссылки",
    },
    "en": {
        "site": "Ministry of Communications and Informatization of the Republic of Belarus",
        "slogan": "Official website",
        "home": "Home",
        "news": "News",
        "print": "Printer-friendly version",
        "print_title": "Display a printer-friendly version of this page.",
        "share": "Share:",
        "latest": "Latest news",
        "all_news": "All news",
        "tel": "Tel.:",
        "fax": "Fax:",
        "address": "10 Nezavisimosti Ave., 220050 Minsk",
        "copyright": "© 2004–2022 Ministry of Communications and Informatization of the "
        "Republic of Belarus. A link to the website is required when using its materials.",
        "files": "Attached files:",
        "rubric": "Category:",
        "interview": "Interview",
        "search": "Search",
        "skip": "Skip to main content",
        "you_are_here": "You are here",
        "not_found": "Page not found",
        "not_found_text": 'The requested page "{path}" could not be found.',
        "first": "« first",
        "prev": "‹ previous",
        "next": "next ›",
        "last": "last »",
        "first_t": "Go to first page",
        "prev_t": "Go to previous page",
        "next_t": "Go to next page",
        "last_t": "Go to last page",
        "page_t": "Go to page {n}",
        "pages": "Pages",
        "source": "Source URL (retrieved on 19.12.2022 - 10:00):",
        "published_on": "Published on",
        "links": "Links:",
        "useful": "Useful links",
    },
    "be": {
        "site": "Міністэрства сувязі і інфарматызацыі Рэспублікі Беларусь",
        "slogan": "Афіцыйны сайт",
        "home": "Галоўная",
        "news": "Навіны",
        "print": "Версія для друку",
        "print_title": "Паказаць версію для друку гэтай старонкі.",
        "share": "Падзяліцца:",
        "latest": "Апошнія навіны",
        "all_news": "Усе навіны",
        "tel": "Тэл.:",
        "fax": "Факс:",
        "address": "220050, г. Мінск, пр-т Незалежнасці, 10",
        "copyright": "© 2004–2022 Міністэрства сувязі і інфарматызацыі Рэспублікі Беларусь. "
        "Пры выкарыстанні матэрыялаў спасылка на сайт абавязковая.",
        "files": "Прымацаваныя файлы:",
        "rubric": "Рубрыка:",
        "interview": "Інтэрв'ю",
        "search": "Пошук",
        "skip": "Перайсці да асноўнага зместу",
        "you_are_here": "Вы тут",
        "not_found": "Старонка не знойдзена",
        "not_found_text": 'Запытаная старонка "{path}" не знойдзена.',
        "first": "« першая",
        "prev": "‹ папярэдняя",
        "next": "наступная ›",
        "last": "апошняя »",
        "first_t": "На першую старонку",
        "prev_t": "На папярэднюю старонку",
        "next_t": "На наступную старонку",
        "last_t": "На апошнюю старонку",
        "page_t": "На старонку нумар {n}",
        "pages": "Старонкі",
        "source": "Адрас крыніцы (атрымана 19.12.2022 - 10:00):",
        "published_on": "Апублікавана на",
        "links": "Спасылкі:",
        "useful": "Карысныя спасылкі",
    },
}

_MENU: dict[str, tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...]] = {
    "ru": (
        (
            "О министерстве",
            "o-ministerstve",
            (
                ("Руководство", "rukovodstvo"),
                ("Структура", "struktura"),
                ("Коллегия", "kollegiya"),
                ("Подведомственные организации", "organizacii"),
                ("Вакансии", "vakansii"),
            ),
        ),
        (
            "Деятельность",
            "deyatelnost",
            (
                ("Цифровое развитие", "cifrovoe-razvitie"),
                ("Информатизация", "informatizaciya"),
                ("Электросвязь", "elektrosvyaz"),
                ("Почтовая связь", "pochtovaya-svyaz"),
                ("Умные города", "umnye-goroda"),
                ("Международное сотрудничество", "mezhdunarodnoe-sotrudnichestvo"),
            ),
        ),
        (
            "Документы",
            "dokumenty",
            (
                ("Законодательство", "zakonodatelstvo"),
                ("Государственные программы", "gosudarstvennye-programmy"),
                ("Проекты документов", "proekty"),
            ),
        ),
        (
            "Пресс-центр",
            "press-centr",
            (("Новости", "news"), ("Интервью", "intervyu"), ("Фотогалерея", "fotogalereya")),
        ),
        (
            "Обращения граждан",
            "obrashcheniya",
            (
                ("Электронные обращения", "elektronnye-obrashcheniya"),
                ("Прием граждан", "priem-grazhdan"),
                ("Горячая линия", "goryachaya-liniya"),
            ),
        ),
        ("Контакты", "kontakty", ()),
    ),
    "en": (
        (
            "About the Ministry",
            "about",
            (("Management", "management"), ("Structure", "structure"), ("Subordinate organizations", "organizations")),
        ),
        (
            "Activities",
            "activities",
            (
                ("Digital development", "digital-development"),
                ("Informatization", "informatization"),
                ("Telecommunications", "telecommunications"),
                ("Postal services", "postal-services"),
                ("Smart cities", "smart-cities"),
                ("International cooperation", "international-cooperation"),
            ),
        ),
        ("Documents", "documents", (("Legislation", "legislation"), ("State programmes", "state-programmes"))),
        (
            "Press Centre",
            "press-centre",
            (("News", "news"), ("Interviews", "interviews"), ("Photo gallery", "gallery")),
        ),
        ("Citizens' appeals", "appeals", ()),
        ("Contacts", "contacts", ()),
    ),
    "be": (
        (
            "Пра міністэрства",
            "pra-ministerstva",
            (("Кіраўніцтва", "kiraunictva"), ("Структура", "struktura"), ("Падведамасныя арганізацыі", "arhanizacyi")),
        ),
        (
            "Дзейнасць",
            "dzejnasc",
            (
                ("Лічбавае развіццё", "lichbavae-razviccio"),
                ("Інфарматызацыя", "infarmatyzacyja"),
                ("Электрасувязь", "elektrasuviaz"),
                ("Паштовая сувязь", "pashtovaja-suviaz"),
                ("Разумныя гарады", "razumnyja-harady"),
                ("Міжнароднае супрацоўніцтва", "mizhnarodnae-supracounictva"),
            ),
        ),
        (
            "Дакументы",
            "dakumenty",
            (("Заканадаўства", "zakanadaustva"), ("Дзяржаўныя праграмы", "dziarzhaunyja-prahramy")),
        ),
        ("Прэс-цэнтр", "pres-centr", (("Навіны", "news"), ("Інтэрв'ю", "interviju"), ("Фотагалерэя", "fotahalereja"))),
        ("Звароты грамадзян", "zvaroty", ()),
        ("Кантакты", "kantakty", ()),
    ),
}

_LANG_NAMES = (("ru", "Русский"), ("en", "English"), ("be", "Беларуская"))
_BANNERS = (
    (
        "https://portal.gov.by/",
        {
            "ru": "Единый портал электронных услуг",
            "en": "Single portal of e-services",
            "be": "Адзіны партал электронных паслуг",
        },
    ),
    (
        "https://pravo.by/",
        {
            "ru": "Национальный правовой Интернет-портал",
            "en": "National Legal Internet Portal",
            "be": "Нацыянальны прававы Інтэрнэт-партал",
        },
    ),
    (
        "https://president.gov.by/",
        {
            "ru": "Президент Республики Беларусь",
            "en": "President of the Republic of Belarus",
            "be": "Прэзідэнт Рэспублікі Беларусь",
        },
    ),
)


# --------------------------------------------------------------------------- resolved entries


def check_plain(text: str) -> str:
    """Drupal 7 check_plain(): htmlspecialchars with ENT_QUOTES."""
    return (
        text.replace("&", "&amp;")
        .replace('"', "&quot;")
        .replace("'", "&#039;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass(frozen=True)
class _Entry:
    node: _Node
    v: _Version

    @property
    def nid(self) -> int:
        return self.node.nid

    @property
    def lang(self) -> str:
        return self.v.lang

    @property
    def canonical(self) -> str:
        if self.node is _DRAFT_NODE:
            return DRAFT_PATH
        return f"/{self.lang}/news/{self.node.created:%d-%m-%Y}-{self.nid}"

    @property
    def href(self) -> str:
        return self.v.link or self.canonical

    @property
    def path(self) -> str:
        return urlsplit(self.href).path

    @property
    def date_raw(self) -> str:
        return f"{self.node.created:%d.%m.%Y}"

    @property
    def changed(self) -> float:
        return (self.node.created + timedelta(hours=2)).timestamp()

    def body_html(self) -> str:
        out = []
        for block in self.v.body:
            out.append(block if block.startswith("<") else f"<p>{html.escape(block, quote=False)}</p>")
        return "\n".join(out)


def _entries() -> list[_Entry]:
    return [_Entry(n, v) for n in NODES for v in n.versions]


def _listing_entries(lang: str) -> list[_Entry]:
    items = [e for e in _entries() if e.lang == lang and e.node.in_listing]
    if lang == "ru":
        items.append(_Entry(_DRAFT_NODE, _DRAFT_NODE.versions[0]))
    return sorted(items, key=lambda e: (e.node.created, e.nid), reverse=True)


def _to_article(e: _Entry) -> ReplicaArticle:
    body = e.body_html()
    return ReplicaArticle(
        path=e.path,
        real_url=ORIGIN + e.canonical,
        language=e.v.text_lang or e.lang,
        title=e.v.title,
        published=e.node.created.date().isoformat(),
        published_raw=e.date_raw,
        paragraphs=tuple(block_texts(body)),
        teaser=e.v.teaser,
        attachments=tuple(ORIGIN + f.path for f in e.v.files),
        images=tuple(ORIGIN + src for src in re.findall(r'<img [^>]*src="([^"]+)"', body)),
        nid=e.nid,
        content_type=e.node.content_type,
        author=e.v.author,
    )


def interview_blocks(lang: str = "en") -> tuple[str, ...]:
    """Body blocks of the seed interview (node 7702) in ``lang``; the ITU copy reuses them."""
    for e in _entries():
        if e.nid == 7702 and e.lang == lang:
            return e.v.body
    raise KeyError(lang)


def node_blocks(nid: int, lang: str) -> tuple[str, ...]:
    """Body blocks of node ``nid`` in ``lang`` (the ITU replica republishes some of them)."""
    for e in _entries():
        if e.nid == nid and e.lang == lang:
            return e.v.body
    raise KeyError((nid, lang))


def articles() -> list[ReplicaArticle]:
    """Ground truth: every article a polite scraper can discover (listings + feeds)."""
    return [_to_article(e) for e in _entries()]


# --------------------------------------------------------------------------- page chrome


def _menu_html(lang: str) -> str:
    rows = ['<ul class="menu nice-menu nice-menu-down" id="nice-menu-1">']
    for i, (label, slug, children) in enumerate(_MENU[lang]):
        href = f"/{lang}/news" if slug == "news" else f"/{lang}/{slug}"
        cls = "menuparent" if children else "menu-leaf"
        rows.append(f'<li class="menu-{300 + i} {cls}"><a href="{href}">{html.escape(label)}</a>')
        if children:
            rows.append("<ul>")
            for j, (clabel, cslug) in enumerate(children):
                chref = f"/{lang}/news" if cslug == "news" else f"/{lang}/{slug}/{cslug}"
                rows.append(
                    f'<li class="menu-{400 + 10 * i + j} menu-leaf"><a href="{chref}">{html.escape(clabel)}</a></li>'
                )
            rows.append("</ul>")
        rows.append("</li>")
    rows.append("</ul>")
    return "\n".join(rows)


def _switcher_html(lang: str, targets: dict[str, str | None]) -> str:
    items = []
    for code, name in _LANG_NAMES:
        href = targets.get(code)
        cls = code + (" active" if code == lang else "")
        if href is None:
            inner = f'<span class="language-link locale-untranslated" xml:lang="{code}">{name}</span>'
        else:
            active = " active" if code == lang else ""
            inner = f'<a href="{href}" class="language-link{active}" xml:lang="{code}">{name}</a>'
        items.append(f'<li class="{cls}">{inner}</li>')
    return '<ul class="language-switcher-locale-url">' + "".join(items) + "</ul>"


def _contacts_html(lang: str) -> str:
    ui = _UI[lang]
    return (
        '<div class="contacts">'
        f'<div class="contacts-address">{html.escape(ui["address"])}</div>'
        f'<div class="contacts-phone">{ui["tel"]} +375 17 287-87-87</div>'
        f'<div class="contacts-fax">{ui["fax"]} +375 17 327-21-57</div>'
        '<div class="contacts-mail">E-mail: <a href="mailto:mpt@mpt.gov.by">mpt@mpt.gov.by</a></div>'
        "</div>"
    )


def _sidebar_html(lang: str) -> str:
    ui = _UI[lang]
    latest = [e for e in _listing_entries(lang) if e.node is not _DRAFT_NODE][:3]
    rows = "".join(
        f'<li><span class="views-field-created">{e.date_raw}</span> '
        f'<a href="{e.canonical}">{check_plain(e.v.title)}</a></li>'
        for e in latest
    )
    banners = "".join(
        f'<li><a href="{url}" target="_blank">{html.escape(names[lang])}</a></li>' for url, names in _BANNERS
    )
    return (
        '<div class="region region-sidebar-second"><div id="block-views-news-block-1" '
        'class="block block-views"><h2>' + ui["latest"] + '</h2><div class="content">'
        '<div class="item-list"><ul>' + rows + "</ul></div>"
        f'<div class="more-link"><a href="/{lang}/news">{ui["all_news"]}</a></div></div></div>'
        '<div id="block-block-7" class="block block-block"><h2>' + ui["useful"] + "</h2>"
        '<div class="content"><ul class="banners">' + banners + "</ul></div></div></div>"
    )


def _page(
    lang: str,
    *,
    title: str,
    body_class: str,
    content: str,
    switcher: dict[str, str | None],
    head_links: str = "",
    charset: str = "utf-8",
    top_contacts: bool = False,
    breadcrumb: bool = True,
) -> str:
    ui = _UI[lang]
    crumbs = (
        f'<h2 class="element-invisible">{ui["you_are_here"]}</h2><div class="breadcrumb">'
        f'<a href="/{lang}">{ui["home"]}</a> » <a href="/{lang}/news">{ui["news"]}</a></div>'
        if breadcrumb
        else ""
    )
    top = f'<div id="top-contacts" class="region region-top">{_contacts_html(lang)}</div>\n' if top_contacts else ""
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML+RDFa 1.0//EN"
  "http://www.w3.org/MarkUp/DTD/xhtml-rdfa-1.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="{lang}" version="XHTML+RDFa 1.0" dir="ltr"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/terms/"
  xmlns:foaf="http://xmlns.com/foaf/0.1/"
  xmlns:og="http://ogp.me/ns#"
  xmlns:sioc="http://rdfs.org/sioc/ns#"
  xmlns:xsd="http://www.w3.org/2001/XMLSchema#">
<head profile="http://www.w3.org/1999/xhtml/vocab">
  <meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<link rel="shortcut icon" href="https://mpt.gov.by/sites/all/themes/mpt/favicon.ico" type="image/vnd.microsoft.icon" />
<meta name="Generator" content="Drupal 7 (http://drupal.org)" />
{head_links}
  <title>{title} | {ui["site"]}</title>
  <style type="text/css" media="all">
@import url("https://mpt.gov.by/modules/system/system.base.css?r5k1lq");
@import url("https://mpt.gov.by/sites/all/themes/mpt/css/style.css?r5k1lq");
</style>
  <script type="text/javascript" src="https://mpt.gov.by/misc/jquery.js?v=1.4.4"></script>
  <script type="text/javascript" src="https://mpt.gov.by/misc/drupal.js?r5k1lq"></script>
  <script type="text/javascript">
<!--//--><![CDATA[//><!--
jQuery.extend(Drupal.settings, {{"basePath":"\\/","pathPrefix":"{lang}\\/","ajaxPageState":{{"theme":"mpt",
"theme_token":"Xq3v1mZ0pQ"}}}});
//--><!]]>
</script>
</head>
<body class="{body_class}" >
{top}  <div id="skip-link">
    <a href="#main-content" class="element-invisible element-focusable">{ui["skip"]}</a>
  </div>
<div id="page-wrapper"><div id="page">
  <div id="header"><div class="section clearfix">
    <a href="/{lang}" title="{ui["home"]}" rel="home" id="logo">
      <img src="/sites/all/themes/mpt/logo.png" alt="{ui["home"]}" /></a>
    <div id="name-and-slogan">
      <div id="site-name"><strong><a href="/{lang}" title="{ui["home"]}" rel="home"><span>{ui["site"]}</span></a>
        </strong></div>
      <div id="site-slogan">{ui["slogan"]}</div>
    </div>
    <div class="region region-header">
      <div id="block-locale-language" class="block block-locale">
        <div class="content">{_switcher_html(lang, switcher)}</div></div>
      <div id="block-search-form" class="block block-search"><div class="content">
        <form action="/{lang}/search/node" method="post" id="search-block-form" accept-charset="UTF-8"><div>
        <input title="{ui["search"]}" type="text" name="search_block_form" value="" size="15" maxlength="128"
        class="form-text" /><input type="submit" value="{ui["search"]}" class="form-submit" /></div></form></div></div>
    </div>
  </div></div>
  <div id="navigation"><div class="section">
{_menu_html(lang)}
  </div></div>
  {crumbs}
  <div id="main-wrapper"><div id="main" class="clearfix">
    <div id="content" class="column"><div class="section">
      <a id="main-content"></a>
      <div class="region region-content">
        <div id="block-system-main" class="block block-system">
          <div class="content">
{content}
          </div>
        </div>
      </div>
    </div></div>
    {_sidebar_html(lang)}
  </div></div>
  <div id="footer-wrapper"><div class="section">
    <div id="footer" class="clearfix">
      <div class="region region-footer">
        <div id="block-block-2" class="block block-block"><div class="content">{_contacts_html(lang)}</div></div>
        <div id="block-block-3" class="block block-block"><div class="content">
          <div class="copyright">{html.escape(ui["copyright"])}</div></div></div>
      </div>
    </div>
  </div></div>
</div></div>
</body>
</html>
"""


# --------------------------------------------------------------------------- node pages


def _versions_of(nid: int) -> dict[str, _Entry]:
    return {e.lang: e for e in _entries() if e.nid == nid}


def _files_html(e: _Entry) -> str:
    if not e.v.files:
        return ""
    ui = _UI[e.lang]
    items = []
    for i, f in enumerate(e.v.files):
        parity = "even" if i % 2 == 0 else "odd"
        icon = f.mime.replace("/", "-").replace(".", "-")
        items.append(
            f'<div class="field-item {parity}"><span class="file">'
            f'<img class="file-icon" alt="{f.ext.upper()} icon" title="{f.mime}" '
            f'src="/modules/file/icons/{icon}.png" /> '
            f'<a href="{f.path}" type="{f.mime}; length={len(_file_bytes(f))}">{f.label}</a>'
            "</span></div>"
        )
    return (
        '<div class="field field-name-field-file field-type-file field-label-above">'
        f'<div class="field-label">{ui["files"]}&nbsp;</div><div class="field-items">' + "".join(items) + "</div></div>"
    )


def _date_field(e: _Entry) -> str:
    return (
        '<div class="field field-name-field-date field-type-datetime field-label-hidden">'
        '<div class="field-items"><div class="field-item even">'
        f'<span class="date-display-single" property="dc:date" datatype="xsd:dateTime" '
        f'content="{e.node.created.isoformat()}">{e.date_raw}</span>'
        "</div></div></div>"
    )


def _body_field(body: str) -> str:
    return (
        '<div class="field field-name-body field-type-text-with-summary field-label-hidden">'
        '<div class="field-items"><div class="field-item even" property="content:encoded">\n'
        + body
        + "\n</div></div></div>"
    )


def _rubric_field(e: _Entry) -> str:
    ui = _UI[e.lang]
    if e.node.content_type == "interview":
        term, tid = ui["interview"], 45
    else:
        term, tid = ui["news"], 12
    return (
        '<div class="field field-name-field-rubric field-type-taxonomy-term-reference '
        'field-label-inline clearfix">'
        f'<div class="field-label">{ui["rubric"]}&nbsp;</div><div class="field-items">'
        f'<div class="field-item even"><a href="/{e.lang}/taxonomy/term/{tid}" '
        f'typeof="skos:Concept" property="rdfs:label skos:prefLabel">{html.escape(term)}</a>'
        "</div></div></div>"
    )


def _share_html(e: _Entry, *, unclosed: bool) -> str:
    url = quote(ORIGIN + e.canonical, safe="")
    links = (
        ("share-vk", f"https://vk.com/share.php?url={url}", "ВКонтакте"),
        ("share-fb", f"https://www.facebook.com/sharer/sharer.php?u={url}", "Facebook"),
        ("share-tw", f"https://twitter.com/intent/tweet?url={url}", "Twitter"),
        ("share-ok", f"https://connect.ok.ru/offer?url={url}", "Одноклассники"),
        ("share-tg", f"https://t.me/share/url?url={url}", "Telegram"),
    )
    anchors = " ".join(
        f'<a class="{cls}" href="{_attr(href)}" rel="nofollow" target="_blank">{label}</a>'
        for cls, href, label in links
    )
    return (
        f'<div class="share-buttons"><span class="share-title">{_UI[e.lang]["share"]}</span> '
        + anchors
        + ("" if unclosed else "</div>")
    )


def _break_markup(body: str) -> str:
    """Fault (d): drop the first </p> and put a stray </span> inside the second paragraph."""
    body = body.replace("</p>", "", 1)
    second = body.find("<p>", body.find("<p>") + 1)
    space = body.find(" ", second)
    return body[: space + 1] + "</span>" + body[space + 1 :]


def _node_page(e: _Entry, *, broken: bool = False, charset: str = "utf-8") -> str:
    ui = _UI[e.lang]
    body = e.body_html()
    if broken:
        body = _break_markup(body)
    nid = e.nid
    node_html = (
        f'<div id="node-{nid}" class="node node-news node-promoted clearfix" '
        f'about="{e.canonical}" typeof="sioc:Item foaf:Document">\n'
        f'  <h1 class="title" id="page-title">{check_plain(e.v.title)}</h1>\n'
        f'  <span property="dc:title" content="{_attr(e.v.title)}" '
        'class="rdf-meta element-hidden"></span>\n'
        f'  <span class="print-link"><a href="/{e.lang}/node/{nid}/printable/print" '
        f'title="{ui["print_title"]}" class="print-page" rel="nofollow">{ui["print"]}</a></span>\n'
        '  <div class="content">\n'
        + _date_field(e)
        + "\n"
        + _body_field(body)
        + "\n"
        + _files_html(e)
        + _rubric_field(e)
        + "\n  </div>\n  "
        + _share_html(e, unclosed=broken)
        + "\n</div>"
    )
    is_draft = e.node is _DRAFT_NODE
    switcher: dict[str, str | None] = (
        {"ru": DRAFT_PATH} if is_draft else {lang: other.canonical for lang, other in _versions_of(nid).items()}
    )
    slug = e.v.link if e.v.link and "/news/" not in e.v.link and "/node/" not in e.v.link else None
    shortlink = f"{ORIGIN}/{e.lang}/node/{nid}" if slug else f"/{e.lang}/node/{nid}"
    head_links = f'<link rel="canonical" href="{e.canonical}" />\n<link rel="shortlink" href="{shortlink}" />'
    return _page(
        e.lang,
        title=check_plain(e.v.title),
        body_class=f"html not-front not-logged-in one-sidebar sidebar-second page-node "
        f"page-node-{nid} node-type-news i18n-{e.lang}",
        content=node_html,
        switcher=switcher,
        head_links=head_links,
        charset=charset,
        top_contacts=(nid == 7135 and e.lang == "ru"),
    )


def _print_page(e: _Entry) -> str:
    ui = _UI[e.lang]
    body = e.body_html()
    urls = re.findall(r'<a href="(https?://[^"]+)"', body)
    links = "".join(f"<br />[{i}] {u}" for i, u in enumerate(urls, start=1))
    links_html = f'<div class="print-links"><p><strong>{ui["links"]}</strong>{links}</p></div>' if urls else ""
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="{e.lang}" xml:lang="{e.lang}">
  <head>
    <meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
    <title>{check_plain(e.v.title)} | {ui["site"]}</title>
    <meta name="robots" content="noindex, nofollow" />
    <link rel="canonical" href="{ORIGIN}{e.canonical}" />
    <link type="text/css" rel="stylesheet" href="https://mpt.gov.by/sites/all/modules/print/css/print.css" />
  </head>
  <body>
    <div class="print-logo"><img class="print-logo" src="/sites/all/themes/mpt/logo.png" alt="" id="logo" /></div>
    <div class="print-site_name">{ui["published_on"]} {ui["site"]} (https://mpt.gov.by)</div>
    <p />
    <div class="print-breadcrumb"><a href="/{e.lang}">{ui["home"]}</a> &gt; <a
      href="/{e.lang}/news">{ui["news"]}</a></div>
    <hr class="print-hr" />
    <div class="print-content"><div id="node-{e.nid}" class="node node-news">
      <h1 class="print-title">{check_plain(e.v.title)}</h1>
      <div class="content">
{_date_field(e)}
{_body_field(body)}
{_files_html(e)}
      </div>
    </div></div>
    <div class="print-footer">{html.escape(ui["copyright"])}</div>
    <hr class="print-hr" />
    <div class="print-source_url"><strong>{ui["source"]}</strong> <a
      href="{ORIGIN}{e.canonical}">{ORIGIN}{e.canonical}</a></div>
    {links_html}
  </body>
</html>
"""


# --------------------------------------------------------------------------- listings, front, feeds


def _row_html(e: _Entry, i: int, n: int) -> str:
    classes = [f"views-row views-row-{i + 1}", "views-row-odd" if i % 2 == 0 else "views-row-even"]
    if i == 0:
        classes.append("views-row-first")
    if i == n - 1:
        classes.append("views-row-last")
    return (
        f'  <div class="{" ".join(classes)}">\n'
        '    <div class="views-field views-field-title"><div class="field-content">'
        f'<div class="news-item-title"><a href="{_attr(e.href)}">{check_plain(e.v.title)}</a>'
        "</div></div></div>\n"
        '    <div class="views-field views-field-field-date"><div class="field-content">'
        f'<div class="news-item-date">{e.date_raw}</div></div></div>\n'
        '    <div class="views-field views-field-body"><div class="field-content">'
        f'<div class="news-item-teaser">{html.escape(e.v.teaser, quote=False)}</div>'
        "</div></div>\n  </div>"
    )


def _pager_html(lang: str, page: int, pages: int) -> str:
    if pages <= 1:
        return ""
    ui = _UI[lang]

    def href(p: int) -> str:
        return f"/{lang}/news" if p == 0 else f"/{lang}/news?page={p}"

    items = []
    if page > 0:
        items.append(
            f'<li class="pager-first first"><a title="{ui["first_t"]}" href="{href(0)}">{ui["first"]}</a></li>'
        )
        items.append(
            f'<li class="pager-previous"><a title="{ui["prev_t"]}" href="{href(page - 1)}">{ui["prev"]}</a></li>'
        )
    for p in range(pages):
        if p == page:
            items.append(f'<li class="pager-current">{p + 1}</li>')
        else:
            title = ui["page_t"].format(n=p + 1)
            items.append(f'<li class="pager-item"><a title="{title}" href="{href(p)}">{p + 1}</a></li>')
    if page < pages - 1:
        items.append(f'<li class="pager-next"><a title="{ui["next_t"]}" href="{href(page + 1)}">{ui["next"]}</a></li>')
        items.append(
            f'<li class="pager-last last"><a title="{ui["last_t"]}" href="{href(pages - 1)}">{ui["last"]}</a></li>'
        )
    return (
        f'<h2 class="element-invisible">{ui["pages"]}</h2>'
        '<div class="item-list"><ul class="pager">' + "".join(items) + "</ul></div>"
    )


def _view_html(rows: list[_Entry], display: str) -> str:
    body = "\n".join(_row_html(e, i, len(rows)) for i, e in enumerate(rows))
    return (
        f'<div class="view view-news view-id-news view-display-id-{display} '
        f'view-dom-id-5c1f3e0a9b7d2{display[-1]}">\n<div class="view-content">\n{body}\n</div>\n'
    )


def _listing_page(lang: str, page: int) -> tuple[str, int]:
    entries = _listing_entries(lang)
    pages = (len(entries) + PAGE_SIZE - 1) // PAGE_SIZE
    page = min(max(page, 0), pages - 1)  # Drupal clamps an out-of-range page
    rows = entries[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    ui = _UI[lang]
    content = (
        f'<h1 class="title" id="page-title">{ui["news"]}</h1>\n'
        + _view_html(rows, "page")
        + _pager_html(lang, page, pages)
        + "\n</div>"
    )
    feed = '<link rel="alternate" type="application/rss+xml" title="RSS" href="https://mpt.gov.by/ru/rss" />'
    doc = _page(
        lang,
        title=ui["news"],
        body_class=f"html not-front not-logged-in one-sidebar sidebar-second page-news i18n-{lang}",
        content=content,
        switcher={code: f"/{code}/news" for code, _ in _LANG_NAMES},
        head_links=feed,
    )
    return doc, pages


def _front_page(lang: str) -> str:
    ui = _UI[lang]
    rows = [e for e in _listing_entries(lang) if e.node is not _DRAFT_NODE][:6]
    content = (
        '<div id="block-views-news-block-front" class="block block-views">'
        f"<h2>{ui['news']}</h2>\n"
        + _view_html(rows, "block_1")
        + f'<div class="more-link"><a href="/{lang}/news">{ui["all_news"]}</a></div>\n</div></div>'
    )
    feed = (
        '<link rel="alternate" type="application/rss+xml" '
        f'title="{ui["site"]} RSS" href="https://mpt.gov.by/rss.xml" />'
    )
    return _page(
        lang,
        title=ui["home"],
        body_class=f"html front not-logged-in one-sidebar sidebar-second page-node i18n-{lang}",
        content=content,
        switcher={code: f"/{code}" for code, _ in _LANG_NAMES},
        head_links=feed,
        breadcrumb=False,
    )


def _rss(entries: list[_Entry], *, base: str, title: str, link: str) -> str:
    items = []
    for e in entries:
        teaser_html = (
            '<div class="field field-name-body field-type-text-with-summary field-label-hidden">'
            '<div class="field-items"><div class="field-item even" property="content:encoded">'
            f"<p>{html.escape(e.v.teaser, quote=False)}</p></div></div></div>"
        )
        items.append(
            "<item>\n"
            f" <title>{check_plain(e.v.title)}</title>\n"
            f" <link>{ORIGIN}{e.canonical}</link>\n"
            f" <description>{html.escape(teaser_html, quote=False)}</description>\n"
            f" <pubDate>{format_datetime(e.node.created)}</pubDate>\n"
            " <dc:creator>press</dc:creator>\n"
            f' <guid isPermaLink="false">{e.nid} at {ORIGIN}</guid>\n'
            "</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<rss version="2.0" xml:base="{base}" xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        "<channel>\n"
        f" <title>{check_plain(title)}</title>\n"
        f" <link>{link}</link>\n"
        " <description></description>\n"
        " <language>ru</language>\n" + "\n".join(items) + "\n</channel>\n</rss>\n"
    )


def _front_feed_entries() -> list[_Entry]:
    """One item per node (ru version preferred), ten newest, as Drupal's rss.xml."""
    by_nid: dict[int, _Entry] = {}
    for e in _entries():
        current = by_nid.get(e.nid)
        rank = ("ru", "en", "be").index(e.lang)
        if current is None or rank < ("ru", "en", "be").index(current.lang):
            by_nid[e.nid] = e
    return sorted(by_nid.values(), key=lambda e: e.node.created, reverse=True)[:10]


def _ru_feed_entries() -> list[_Entry]:
    ru = [e for e in _entries() if e.lang == "ru"]
    return sorted(ru, key=lambda e: e.node.created, reverse=True)[:10]


# --------------------------------------------------------------------------- static files


def _file_bytes(f: _File) -> bytes:
    if f.ext == "pdf":
        name = f.path.rsplit("/", 1)[1]
        return pdf_bytes(name, ["Ministry of Communications and Informatization", "Minsk, 2022"])
    # .doc/.xls: an OLE2 compound-file signature and an empty header sector (not a full file)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


ROBOTS_TXT = """#
# robots.txt
#
# This file is to prevent the crawling and indexing of certain parts
# of your site by web crawlers and spiders run by sites like Yahoo!
# and Google. By telling these "robots" where not to go on your site,
# you save bandwidth and server resources.
#
# This file will be ignored unless it is at the root of your host:
# Used:    http://example.com/robots.txt
# Ignored: http://example.com/site/robots.txt
#
# For more information about the robots.txt standard, see:
# http://www.robotstxt.org/robotstxt.html

User-agent: *
# CSS, JS, Images
Allow: /misc/*.css$
Allow: /misc/*.css?
Allow: /misc/*.js$
Allow: /misc/*.js?
Allow: /misc/*.gif
Allow: /misc/*.jpg
Allow: /misc/*.jpeg
Allow: /misc/*.png
Allow: /modules/*.css$
Allow: /modules/*.css?
Allow: /modules/*.js$
Allow: /modules/*.js?
Allow: /modules/*.gif
Allow: /modules/*.jpg
Allow: /modules/*.jpeg
Allow: /modules/*.png
Allow: /profiles/*.css$
Allow: /profiles/*.css?
Allow: /profiles/*.js$
Allow: /profiles/*.js?
Allow: /themes/*.css$
Allow: /themes/*.css?
Allow: /themes/*.js$
Allow: /themes/*.js?
Allow: /themes/*.gif
Allow: /themes/*.jpg
Allow: /themes/*.jpeg
Allow: /themes/*.png
# Directories
Disallow: /includes/
Disallow: /misc/
Disallow: /modules/
Disallow: /profiles/
Disallow: /scripts/
Disallow: /themes/
# Files
Disallow: /CHANGELOG.txt
Disallow: /cron.php
Disallow: /INSTALL.mysql.txt
Disallow: /INSTALL.pgsql.txt
Disallow: /INSTALL.sqlite.txt
Disallow: /install.php
Disallow: /INSTALL.txt
Disallow: /LICENSE.txt
Disallow: /MAINTAINERS.txt
Disallow: /update.php
Disallow: /UPGRADE.txt
Disallow: /xmlrpc.php
# Paths (clean URLs)
Disallow: /admin/
Disallow: /comment/reply/
Disallow: /filter/tips/
Disallow: /node/add/
Disallow: /search/
Disallow: /user/
Disallow: /user/register/
Disallow: /user/password/
Disallow: /user/login/
Disallow: /user/logout/
Disallow: /ru/search/
Disallow: /en/search/
Disallow: /be/search/
Disallow: /ru/news/private-draft
# Paths (no clean URLs)
Disallow: /?q=admin/
Disallow: /?q=comment/reply/
Disallow: /?q=filter/tips/
Disallow: /?q=node/add/
Disallow: /?q=search/
Disallow: /?q=user/password/
Disallow: /?q=user/register/
Disallow: /?q=user/login/
Disallow: /?q=user/logout/
"""

_NGINX_503 = (
    b"<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n"
    b"<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n"
    b"<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
)
_DRUPAL_500 = (
    b"<!DOCTYPE html><html><head><title>Error | mpt.gov.by</title></head><body>"
    b"<h1>Error</h1><p>The website encountered an unexpected error. Please try again later."
    b"</p></body></html>"
)

# For reports and tests: every way the listings link an article.
LINK_FORMS: dict[str, str] = {e.v.link: ORIGIN + e.canonical for e in _entries() if e.v.link is not None}


# --------------------------------------------------------------------------- site


def _drupal_headers(lang: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    headers = {
        "X-Generator": "Drupal 7 (http://drupal.org)",
        "Content-Language": lang,
        "Cache-Control": "public, max-age=300",
        "X-Drupal-Cache": "HIT",
        "Vary": "Cookie,Accept-Encoding",
    }
    headers.update(extra or {})
    return headers


def _html(
    doc: str,
    lang: str,
    last_modified: float,
    *,
    charset: str = "utf-8",
    extra: dict[str, str] | None = None,
) -> Response:
    if charset == "utf-8":
        body, ctype = doc.encode("utf-8"), "text/html; charset=utf-8"
    else:  # fault (c): no charset parameter, declared only in <meta>
        body, ctype = doc.encode(charset, errors="xmlcharrefreplace"), "text/html"
    return Response(
        body=body,
        content_type=ctype,
        headers=_drupal_headers(lang, extra),
        last_modified=last_modified,
        etag=f'"{int(last_modified)}-0"',  # Drupal 7 page-cache ETag
    )


def _serve_doc(doc: str, lang: str, last_modified: float, charset: str, req: Request) -> Response:
    return _html(doc, lang, last_modified, charset=charset)


def _not_found(req: Request) -> Response:
    first = req.path.strip("/").split("/", 1)[0]
    lang = first if first in _UI else "ru"
    ui = _UI[lang]
    content = (
        f'<h1 class="title" id="page-title">{ui["not_found"]}</h1>\n'
        f'<div class="messages">{html.escape(ui["not_found_text"].format(path=req.path))}</div>'
    )
    doc = _page(
        lang,
        title=ui["not_found"],
        body_class=f"html not-front not-logged-in page-error i18n-{lang}",
        content=content,
        switcher={code: f"/{code}" for code, _ in _LANG_NAMES},
    )
    return Response(status=404, body=doc.encode("utf-8"), headers=_drupal_headers(lang), conditional=False)


def build(*, faults: bool = True, slow_seconds: float = 1.5) -> tuple[Site, list[ReplicaArticle]]:
    """Routing table and ground truth of a fresh mpt replica (fresh fault state)."""
    site = Site("mpt", not_found=_not_found, server_header="nginx")
    entries = _entries()
    newest = max(e.changed for e in entries)

    def static(body: bytes, ctype: str) -> Callable[[Request], Response]:
        stamp = datetime(2022, 11, 15, 9, 0, tzinfo=MSK).timestamp()
        etag = f'"{int(stamp):x}-{len(body):x}"'  # nginx style
        return lambda req: Response(body=body, content_type=ctype, last_modified=stamp, etag=etag)

    site.add("/robots.txt", static(ROBOTS_TXT.encode(), "text/plain; charset=utf-8"))

    # Front pages.
    for path, lang in (("/", "ru"), ("/ru", "ru"), ("/en", "en"), ("/be", "be")):
        site.add(path, partial(_serve_doc, _front_page(lang), lang, newest, "utf-8"))

    # Listings (page from ?page=N; fault (e) on ru page 2).
    def listing(lang: str) -> Callable[[Request], Response]:
        lm = max(e.changed for e in _listing_entries(lang))
        fail_page2 = fail_first(
            lambda req: _html(_listing_page(lang, 2)[0], lang, lm),
            status=500,
            body=_DRUPAL_500,
            headers=_drupal_headers(lang, {"Cache-Control": "no-cache, must-revalidate"}),
        )

        def handler(req: Request) -> Response:
            raw = req.param("page") or "0"
            page = int(raw) if raw.isdigit() else 0
            if faults and lang == "ru" and page == 2:
                return fail_page2(req)
            return _html(_listing_page(lang, page)[0], lang, lm)

        return handler

    for lang in ("ru", "en", "be"):
        site.add(f"/{lang}/news", listing(lang))

    # Feeds.
    def feed(xml: str, lm: float) -> Callable[[Request], Response]:
        body = xml.encode("utf-8")
        return lambda req: Response(
            body=body,
            content_type="application/rss+xml; charset=utf-8",
            headers=_drupal_headers("ru"),
            last_modified=lm,
            etag=f'"{int(lm)}-0"',
        )

    front_feed = _front_feed_entries()
    ru_feed = _ru_feed_entries()
    site.add(
        "/rss.xml",
        feed(
            _rss(front_feed, base=ORIGIN + "/", title=_UI["ru"]["site"], link=ORIGIN + "/"),
            max(e.changed for e in front_feed),
        ),
    )
    site.add(
        "/ru/rss",
        feed(
            _rss(
                ru_feed,
                base=ORIGIN + "/ru/rss",
                title=f"{_UI['ru']['news']} | {_UI['ru']['site']}",
                link=ORIGIN + "/ru/rss",
            ),
            max(e.changed for e in ru_feed),
        ),
    )

    # Article pages in every URL form.
    for e in entries:
        cp1251 = faults and e.canonical == FAULT_CP1251
        charset = "windows-1251" if cp1251 else "utf-8"
        broken = faults and e.canonical == FAULT_BROKEN_MARKUP
        page_doc = _node_page(e, broken=broken, charset=charset)
        link_header = {"Link": f'<{e.canonical}>; rel="canonical",</{e.lang}/node/{e.nid}>; rel="shortlink"'}

        def page(
            req: Request, d: str = page_doc, e: _Entry = e, cs: str = charset, lh: dict[str, str] = link_header
        ) -> Response:
            return _html(d, e.lang, e.changed, charset=cs, extra=lh)

        canonical_handler: Callable[[Request], Response] = page
        if faults and e.canonical == FAULT_503_ONCE:
            canonical_handler = fail_first(page, status=503, body=_NGINX_503)
        if faults and e.canonical == FAULT_SLOW:
            canonical_handler = slow(page, slow_seconds)
        site.add(e.canonical, canonical_handler)
        site.add(f"/{e.lang}/node/{e.nid}", page)
        print_doc = _print_page(e)
        if cp1251:
            print_doc = print_doc.replace("charset=utf-8", "charset=windows-1251")
        site.add(f"/{e.lang}/node/{e.nid}/printable/print", partial(_serve_doc, print_doc, e.lang, e.changed, charset))
        if e.lang == "ru":
            site.add(e.canonical.removeprefix("/ru"), page)
            site.add(f"/node/{e.nid}", page)
        if e.v.link and e.path not in (e.canonical, e.canonical.removeprefix("/ru")) and ("/node/" not in e.path):
            site.add(e.path, page)

    # The draft: linked from the ru listing, disallowed by robots.txt.
    draft = _Entry(_DRAFT_NODE, _DRAFT_NODE.versions[0])
    draft_doc = _node_page(draft)
    site.add(DRAFT_PATH, lambda req: _html(draft_doc, "ru", draft.changed))

    # Files: images, attachments, theme assets.
    site.add(
        "/sites/default/files/news/2022/11/umny-gorod-2022.jpg",
        static(jpeg_bytes(600, 400), "image/jpeg"),
    )
    for e in entries:
        for f in e.v.files:
            if site.resolve(f.path) is None:
                site.add(f.path, static(_file_bytes(f), f.mime))
    site.add("/sites/all/themes/mpt/logo.png", static(png_bytes(64, 64), "image/png"))
    for icon in ("application-pdf", "application-vnd-ms-excel", "application-msword"):
        site.add(f"/modules/file/icons/{icon}.png", static(png_bytes(16, 16), "image/png"))

    return site, articles()
