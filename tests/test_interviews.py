"""Interviews recognised from their structure and words, their turns, and the content types."""

from __future__ import annotations

import pytest

from scraper.interviews import classify, interviewee, parse_turns
from tests.conftest import Scraped, rows

BOLD = """Накануне форума Министр рассказал о планах.

**– Что такое умный город?**

– Это управление городом на основе данных.

Мы опираемся на методику МСЭ.

**– Какие проекты уже работают?**

– Транспорт и освещение."""

LABELLED = """Anna Kovalenko spoke about digital skills.

**ITU:** Why do smart cities need digital skills?

**Anna Kovalenko:** Because people make the city smart.

**ITU:** Who should be trained first?

**Anna Kovalenko:** Civil servants."""

Q_AND_A = """Q: When will 5G start?

A: In 2023, after the tests.

Q: Where?

A: In Minsk first.

Interview by Olga Ivanova"""

DIALOGUE = """Заместитель Министра рассказал о школах.

– Сколько школ подключено?

– Более 2 900.

– Кто платит?

– Государственная программа.

Беседовала Мария Кузнецова"""

HEADINGS = """### Why Minsk?

Because the city was the first to complete the assessment.

### What comes next?

A national platform."""


@pytest.mark.parametrize(
    ("markdown", "expected", "interviewer"),
    [
        (
            BOLD,
            [
                ("question", None, "Что такое умный город?"),
                ("answer", None, "Это управление городом на основе данных.\n\nМы опираемся на методику МСЭ."),
                ("question", None, "Какие проекты уже работают?"),
                ("answer", None, "Транспорт и освещение."),
            ],
            None,
        ),
        (
            LABELLED,
            [
                ("question", "ITU", "Why do smart cities need digital skills?"),
                ("answer", "Anna Kovalenko", "Because people make the city smart."),
                ("question", "ITU", "Who should be trained first?"),
                ("answer", "Anna Kovalenko", "Civil servants."),
            ],
            None,
        ),
        (
            Q_AND_A,
            [
                ("question", "Olga Ivanova", "When will 5G start?"),
                ("answer", None, "In 2023, after the tests."),
                ("question", "Olga Ivanova", "Where?"),
                ("answer", None, "In Minsk first."),
            ],
            "Olga Ivanova",
        ),
        (
            DIALOGUE,
            [
                ("question", "Мария Кузнецова", "Сколько школ подключено?"),
                ("answer", None, "Более 2 900."),
                ("question", "Мария Кузнецова", "Кто платит?"),
                ("answer", None, "Государственная программа."),
            ],
            "Мария Кузнецова",
        ),
        (
            HEADINGS,
            [
                ("question", None, "Why Minsk?"),
                ("answer", None, "Because the city was the first to complete the assessment."),
                ("question", None, "What comes next?"),
                ("answer", None, "A national platform."),
            ],
            None,
        ),
    ],
    ids=["bold-dashed", "labelled-speakers", "q-and-a", "plain-dialogue", "headings"],
)
def test_turns_of_each_interview_form(
    markdown: str, expected: list[tuple[str, str | None, str]], interviewer: str | None
) -> None:
    turns, found_interviewer = parse_turns(markdown)
    assert [(t.role, t.speaker, t.text) for t in turns] == expected
    assert [t.turn for t in turns] == list(range(1, len(expected) + 1))
    assert found_interviewer == interviewer


@pytest.mark.parametrize(
    "markdown",
    [
        # one rhetorical question in a news text
        "What does this mean for Minsk?\n\nThe city will get 40 new base stations.\n\nTests end in May.",
        # questions that nobody answers (a list of topics)
        "**What is 5G?**\n\n**Who builds it?**\n\n**When will it start?**",
        # a plain paragraph ending in a question mark, then a plain answer: no form of an interview
        "The minister asked: who will pay for it?\n\nThe budget will.\n\nAnd when?\n\nIn 2023.",
    ],
)
def test_news_is_not_an_interview(markdown: str) -> None:
    assert parse_turns(markdown) == ([], None)


@pytest.mark.parametrize(
    ("title", "lead", "questions", "expected"),
    [
        ("Интервью Министра связи о цифровизации", None, 0, "interview"),
        ("Інтэрв'ю Міністра сувязі і інфарматызацыі", None, 0, "interview"),
        ("Interview: the Director of BDT on Giga", None, 0, "interview"),
        ("Belarus as one of the leaders", "In an interview for ITU the minister spoke", 1, "interview"),
        ("Belarus as one of the leaders", None, 2, "interview"),
        ("Belarus as one of the leaders", "The minister gave an interview to TV", 0, "news"),
        ("Press release: ITU and UNDP sign an agreement", None, 0, "press-release"),
        ("Пресс-релиз по итогам коллегии", None, 0, "press-release"),
        ("Анонс: форум «Умные города – 2023»", None, 0, "event"),
        ("The regional forum on smart cities will take place in Minsk", None, 0, "event"),
        ("Форум по умным городам пройдет в Минске", None, 0, "event"),
        ("Вакансии Министерства связи и информатизации", None, 0, "other"),
        ("Tender for the supply of network equipment", None, 0, "other"),
        ("Forum on smart cities held in Minsk", None, 0, "news"),
    ],
)
def test_content_types(title: str, lead: str | None, questions: int, expected: str) -> None:
    turns, _ = parse_turns(BOLD if questions >= 2 else BOLD.split("**– Какие")[0] if questions == 1 else "")
    assert classify(title, lead, turns) == expected


def test_an_unknown_default_type_falls_back_to_news() -> None:
    assert classify("Results of 2021", None, [], "press-release") == "press-release"
    assert classify("Results of 2021", None, [], "bulletin") == "news"


@pytest.mark.parametrize(
    ("title", "lead", "expected"),
    [
        ("Андрей Соколов: «Каждая школа будет подключена»", None, "Андрей Соколов"),
        ("Інтэрв'ю Міністра сувязі і інфарматызацыі: Беларусь – лідар", None, "Міністра сувязі і інфарматызацыі"),
        ("Digital skills: a conversation with Anna Kovalenko", None, "Anna Kovalenko"),
        (
            "Belarus as one of the leaders",
            "the Minister of Communications and Informatization of the Republic of Belarus spoke about",
            "Minister of Communications and Informatization",
        ),
        ("Results of 2021", "The ministry summed up the year.", None),
    ],
)
def test_who_answers(title: str, lead: str | None, expected: str | None) -> None:
    assert interviewee(title, lead, []) == expected


def test_every_replica_interview_is_typed_and_has_its_turns(scraped: Scraped) -> None:
    truths = [*scraped.mpt.articles, *scraped.itu.articles]
    interviews = [t for t in truths if t.content_type == "interview"]
    assert len(interviews) >= 6
    for truth in truths:
        article = rows(scraped.db, "select id, content_type from articles where url = ?", (truth.real_url,))[0]
        assert article["content_type"] == truth.content_type, truth.real_url
        turns = rows(
            scraped.db,
            "select turn, role, speaker, text from interview_turns where article_id = ? order by turn",
            (article["id"],),
        )
        if truth.content_type != "interview":
            assert turns == [], truth.real_url
            continue
        assert len(turns) >= 6, truth.real_url
        assert [r["role"] for r in turns] == ["question", "answer"] * (len(turns) // 2)
        assert all(str(r["text"]).rstrip('»"').endswith("?") for r in turns if r["role"] == "question")
        # every question and every answer is a paragraph of the page (turns are not invented)
        body = " ".join(truth.paragraphs)
        for r in turns:
            first = str(r["text"]).split("\n\n")[0]
            assert first[:40] in body, (truth.real_url, first)


def test_speakers_of_the_replica_interviews(scraped: Scraped) -> None:
    def speakers(url: str) -> set[tuple[str, str]]:
        found = rows(
            scraped.db,
            "select t.role, t.speaker from interview_turns t join articles a on a.id = t.article_id where a.url = ?",
            (url,),
        )
        return {(str(r["role"]), str(r["speaker"])) for r in found}

    itu = "https://www.itu.int/en/ITU-D/Regional-Presence/CIS/Pages/News"
    assert speakers(f"{itu}/14072022.aspx") == {("question", "ITU"), ("answer", "Anna Kovalenko")}
    assert speakers("https://mpt.gov.by/ru/news/12-09-2022-7960") == {
        ("question", "Мария Кузнецова"),
        ("answer", "Андрей Соколов"),
    }
    assert ("answer", "Министр связи и информатизации") in speakers("https://mpt.gov.by/ru/news/08-02-2022-7702")
    assert ("answer", "Minister of Communications and Informatization") in speakers(f"{itu}/20220208.aspx")
