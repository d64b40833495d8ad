"""A synthetic news archive for the recompute benchmark and the story-linking evaluation.

Articles are written from sentence templates with random facts (cities, organisations, numbers,
dates, topics), in Russian and English, so that unrelated articles share phrasing the way one
ministry's news do (a harder case for near-duplicate search than random text). Planted on top:

* translation groups: one story in ru and en under one base id (as mpt.gov.by nodes are);
* republications: a copy of an English article in a second source, its intro rewritten and,
  sometimes, a paragraph dropped or a sentence added;
* similar-but-different pairs: the same event template in two years (other numbers, names, dates).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

__all__ = ["Planted", "SyntheticArticle", "generate"]

CITIES = ["Minsk", "Grodno", "Brest", "Gomel", "Vitebsk", "Mogilev", "Pinsk", "Novopolotsk", "Baranovichi", "Lida"]
CITIES_RU = ["Минск", "Гродно", "Брест", "Гомель", "Витебск", "Могилев", "Пинск", "Новополоцк", "Барановичи", "Лида"]
ORGS = ["ITU", "UNDP", "Beltelecom", "Giprosvjaz", "beCloud", "BSUIR", "the High-Tech Park", "UNICEF", "the RCC"]
ORGS_RU = ["МСЭ", "ПРООН", "Белтелеком", "Гипросвязь", "beCloud", "БГУИР", "Парк высоких технологий", "ЮНИСЕФ", "РСС"]
TOPICS = [
    "smart city",
    "Internet of Things",
    "5G",
    "e-government",
    "digital economy",
    "broadband",
    "cybersecurity",
    "digital skills",
    "artificial intelligence",
    "smart street lighting",
    "open data",
    "cloud services",
]
TOPICS_RU = [
    "умный город",
    "интернет вещей",
    "5G",
    "электронное правительство",
    "цифровая экономика",
    "широкополосный доступ",
    "кибербезопасность",
    "цифровые навыки",
    "искусственный интеллект",
    "умное уличное освещение",
    "открытые данные",
    "облачные сервисы",
]
EVENTS = ["forum", "workshop", "round table", "conference", "seminar", "meeting of the working group", "hackathon"]
EVENTS_RU = ["форум", "семинар", "круглый стол", "конференция", "вебинар", "заседание рабочей группы", "хакатон"]
NAMES = ["Anna Kovalenko", "Pavel Sidorov", "Olga Ivanova", "Dmitry Petrov", "Irina Volkova", "Sergey Orlov"]

EN = [
    "On {day} {month} {year} {city} hosted the {event} on {topic} organised by {org}.",
    "The {event} gathered more than {n} participants from {k} countries of the region.",
    "Participants discussed {topic}, {topic2} and the financing of projects in {city}.",
    "{org} presented the results of a pilot project on {topic} in {city}, where {n} households are connected.",
    "According to {org}, investment in {topic} will exceed {n} million roubles by {year2}.",
    "The speakers stressed the role of {topic2} for the development of {city} and other cities.",
    "A memorandum of understanding between {org} and {org2} was signed at the end of the {event}.",
    "{name} of {org} noted that {topic} requires common standards and trained specialists.",
    "The next {event} on {topic2} will be held in {city2} in {month2} {year2}.",
    "More than {n} schools and {k} hospitals in {city} are already connected to {topic2} services.",
    "The programme for {year2} provides for {k} new projects on {topic} in the regions.",
    "Experts from {org2} shared the experience of {city2} in {topic2} and data platforms.",
    "The coverage of {topic} networks in {city} reached {k} per cent of the territory.",
    "Students of {org} will take part in {k} projects on {topic} commissioned by city administrations.",
    "The results of the {event} will be published on the website of {org2} in {month2}.",
]
RU = [
    "{day} {month_ru} {year} года в г. {city} состоялся {event} по теме «{topic}», организованный {org}.",
    "В мероприятии приняли участие более {n} специалистов из {k} стран региона.",
    "Участники обсудили вопросы «{topic}», «{topic2}» и финансирования проектов в г. {city}.",
    "{org} представил результаты пилотного проекта «{topic}» в г. {city}, к которому подключено {n} домохозяйств.",
    "По данным {org}, инвестиции в направление «{topic}» превысят {n} млн рублей к {year2} году.",
    "Выступающие отметили роль направления «{topic2}» для развития г. {city} и других городов.",
    "По итогам мероприятия {org} и {org2} подписали меморандум о сотрудничестве.",
    "Следующее мероприятие по теме «{topic2}» пройдет в г. {city2} в {year2} году.",
    "Более {n} школ и {k} больниц г. {city} уже подключены к сервисам «{topic2}».",
    "Программой на {year2} год предусмотрено {k} новых проектов по направлению «{topic}».",
    "Эксперты {org2} поделились опытом г. {city2} в сфере «{topic2}».",
    "Покрытие сетями «{topic}» в г. {city} достигло {k} процентов территории.",
]
MONTHS = [
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
]
MONTHS_RU = [
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
]


@dataclass
class SyntheticArticle:
    key: int
    source: str
    language: str
    base: str
    title: str
    body: str
    published: str
    truth: int  # articles of one planted story share it


@dataclass
class Planted:
    """Ground truth: which article keys are one story, and the similar-but-different pairs."""

    same: list[tuple[int, int]] = field(default_factory=list)
    different: list[tuple[int, int]] = field(default_factory=list)


def _facts(rng: random.Random, year: int) -> dict[str, object]:
    month = rng.randrange(12)
    i, j = rng.sample(range(len(CITIES)), 2)
    t1, t2 = rng.sample(range(len(TOPICS)), 2)
    o1, o2 = rng.sample(range(len(ORGS)), 2)
    e = rng.randrange(len(EVENTS))
    return {
        "day": rng.randint(1, 28),
        "month": MONTHS[month],
        "month_ru": MONTHS_RU[month],
        "year": year,
        "year2": year + rng.randint(1, 3),
        "month2": MONTHS[(month + rng.randint(1, 5)) % 12],
        "city": CITIES[i],
        "city2": CITIES[j],
        "topic": TOPICS[t1],
        "topic2": TOPICS[t2],
        "org": ORGS[o1],
        "org2": ORGS[o2],
        "event": EVENTS[e],
        "n": rng.randint(20, 5000),
        "k": rng.randint(2, 90),
        "name": rng.choice(NAMES),
        "ru": {
            "city": CITIES_RU[i],
            "city2": CITIES_RU[j],
            "topic": TOPICS_RU[t1],
            "topic2": TOPICS_RU[t2],
            "org": ORGS_RU[o1],
            "org2": ORGS_RU[o2],
            "event": EVENTS_RU[e],
        },
    }


def _fresh(rng: random.Random, language: str) -> dict[str, object]:
    j, t, o = rng.randrange(len(CITIES)), rng.randrange(len(TOPICS)), rng.randrange(len(ORGS))
    if language == "ru":
        return {
            "city2": CITIES_RU[j],
            "topic2": TOPICS_RU[t],
            "org2": ORGS_RU[o],
            "n": rng.randint(20, 5000),
            "k": rng.randint(2, 90),
        }
    return {
        "city2": CITIES[j],
        "topic2": TOPICS[t],
        "org2": ORGS[o],
        "n": rng.randint(20, 5000),
        "k": rng.randint(2, 90),
        "name": rng.choice(NAMES),
    }


Plan = list[tuple[str, dict[str, object]]]


def _plan(rng: random.Random, language: str, sentences: int) -> Plan:
    """Which template each sentence uses, and its own values (numbers, a second city, topic...)."""
    templates = RU if language == "ru" else EN
    chosen = [templates[0], *(rng.choice(templates[1:]) for _ in range(sentences - 1))]
    return [(t, _fresh(rng, language)) for t in chosen]


def _render(facts: dict[str, object], language: str, plan: Plan) -> tuple[str, str]:
    values = dict(facts)
    if language == "ru":
        values.update(facts["ru"])  # type: ignore[arg-type]
        title = f"{str(values['event']).capitalize()} «{values['topic']}» в г. {values['city']}"
    else:
        title = f"{str(values['event']).capitalize()} on {values['topic']} in {values['city']}"
    texts = [template.format(**{**values, **fresh}) for template, fresh in plan]
    return title, "\n\n".join(" ".join(texts[i : i + 3]) for i in range(0, len(texts), 3))


def generate(n: int, seed: int = 11) -> tuple[list[SyntheticArticle], Planted]:
    """About ``n`` articles: translation groups, republications and look-alikes among them.

    Republications keep 65-95% of the original's sentences (an intro rewritten, sentences dropped or
    replaced, a source line added). Look-alikes are the same kind of event 20-400 days later, with
    the same sentence plan and a third of the sentences' own values kept: the dates, the numbers of the
    event and the other sentences' values differ.
    """
    rng = random.Random(seed)
    articles: list[SyntheticArticle] = []
    planted = Planted()

    def add(source: str, language: str, base: str, title: str, body: str, published: str, truth: int) -> int:
        articles.append(SyntheticArticle(len(articles), source, language, base, title, body, published, truth))
        return len(articles) - 1

    story = 0
    while len(articles) < n:
        story += 1
        year = rng.randint(2017, 2022)
        facts = _facts(rng, year)
        published = f"{year}-{MONTHS.index(str(facts['month'])) + 1:02d}-{facts['day']:02d}"
        plan = _plan(rng, "en", rng.randint(14, 26))
        en_title, en_body = _render(facts, "en", plan)
        en = add("mpt", "en", f"mpt-node-{story}", en_title, en_body, published, story)
        roll = rng.random()
        if roll < 0.3:  # a translation
            ru_title, ru_body = _render(facts, "ru", _plan(rng, "ru", len(plan)))
            planted.same.append((en, add("mpt", "ru", f"mpt-node-{story}", ru_title, ru_body, published, story)))
        if roll < 0.12:  # republished by a second source
            keep = rng.uniform(0.65, 0.95)
            copied: Plan = []
            for template, fresh in plan[1:]:
                if rng.random() < keep:
                    copied.append((template, fresh))
                elif rng.random() < 0.5:
                    copied.append((rng.choice(EN[1:]), _fresh(rng, "en")))  # replaced
            intro = [("As reported by {org}, {city} hosted the {event} on {topic} on {day} {month} {year}.", {})]
            source_line = [("Source: press service of {org}.", {})] if rng.random() < 0.5 else []
            title, body = _render(facts, "en", intro + copied + source_line)
            planted.same.append((en, add("itu", "en", f"itu-{story}", en_title, body, published, story)))
        elif roll < 0.2:  # the same kind of event later: a look-alike, not the same story
            when = date.fromisoformat(published) + timedelta(days=rng.randint(20, 400))
            later = dict(facts)
            later.update(
                day=when.day,
                month=MONTHS[when.month - 1],
                month_ru=MONTHS_RU[when.month - 1],
                year=when.year,
                year2=when.year + rng.randint(1, 3),
                n=rng.randint(20, 5000),
                k=rng.randint(2, 90),
            )
            twin_plan = [(t, fresh if rng.random() < 0.35 else _fresh(rng, "en")) for t, fresh in plan]
            title, body = _render(later, "en", twin_plan)
            other_source = "itu" if rng.random() < 0.5 else "mpt"
            story += 1
            twin = add(other_source, "en", f"{other_source}-twin-{story}", title, body, when.isoformat(), story)
            planted.different.append((en, twin))
    planted.same = [(a, b) for a, b in planted.same if b < n]
    planted.different = [(a, b) for a, b in planted.different if b < n]
    return articles[:n], planted
