"""The smart-city vocabulary in ru/be/en (topics, organisations, people) and its facets in Datasette."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from datasette.app import Datasette

from scraper import enrich
from scraper.site import build_datasette
from scraper.vocabulary import find_all, find_people, tokenize
from tests.conftest import Scraped, rows


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Конкурс «Умный город – 2022» и развитие умных городов", ["smart-city"]),
        ("Канцэпцыя разумнага горада для Мінска", ["smart-city"]),
        ("Smart Sustainable Cities in the region", ["smart-city"]),
        ("ключевые показатели эффективности умных устойчивых городов", ["smart-city", "ssc-kpi"]),
        ("the U4SSC key performance indicators", ["ssc-kpi", "u4ssc"]),
        ("ITU-T Study Group 20 and the SG20 Regional Group", ["itu-t-sg20"]),
        ("20-я Исследовательская комиссия МСЭ-Т", ["itu-t-sg20"]),
        ("SDG 11 and SDG11", ["sdg11"]),
        ("датчики интернета вещей и сети 5G", ["iot", "5g"]),
        ("датчыкі інтэрнэту рэчаў", ["iot"]),
        ("e-government and the single portal of e-services", ["e-government"]),
        ("развитие электронного правительства", ["e-government"]),
        ("лічбавай эканомікі і інфармацыйнага грамадства", ["digital-economy"]),
        ("широкополосный доступ по технологии GPON", ["broadband"]),
        ("Giga school connectivity", ["giga"]),
        ("a cyber drill for national CIRTs", ["cybersecurity"]),
        ("news about the weather", []),
    ],
)
def test_topics_in_three_languages(text: str, expected: list[str]) -> None:
    assert find_all(tokenize(text)).topics == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Международного союза электросвязи (МСЭ)", ["ITU"]),
        ("Міжнароднага саюза электрасувязі", ["ITU"]),
        ("Зональным отделением МСЭ для региона СНГ", ["ITU", "ITU Regional Office for the CIS"]),
        ("the ITU Regional Office for the CIS", ["ITU", "ITU Regional Office for the CIS"]),
        ("Программы развития ООН в Беларуси", ["UNDP", "United Nations"]),
        ("UN-Habitat and UNICEF", ["UN-Habitat", "UNICEF"]),
        ("Министерством связи и информатизации", ["Ministry of Communications and Informatization of Belarus"]),
        ("Міністэрстве сувязі і інфарматызацыі", ["Ministry of Communications and Informatization of Belarus"]),
        ("РУП «Белтелеком» и РУП «Гипросвязь»", ["Beltelecom", "Giprosvjaz"]),
        ("РУП «Белтэлеком»", ["Beltelecom"]),
        ("резиденты Парка высоких технологий", ["High-Tech Park"]),
    ],
)
def test_organisations_in_three_languages(text: str, expected: list[str]) -> None:
    assert find_all(tokenize(text)).organisations == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Заместитель Министра связи и информатизации Павел Ковалев представил концепцию", ["Павел Ковалев"]),
        ("Deputy Minister of Communications and Informatization Pavel Kovalev presented", ["Pavel Kovalev"]),
        ("Председателем Региональной группы переизбрана Елена Смирнова (Беларусь).", ["Елена Смирнова"]),
        ("Министр связи и информатизации Константин Шульган отметил", ["Konstantin Shulgan"]),
        ("Kanstantsin Shulhan, Minister", ["Konstantin Shulgan"]),
        ("Министр связи и информатизации рассказал о подходах страны.", []),
        ("The Director of the ITU Telecommunication Development Bureau opened the forum.", []),
    ],
)
def test_people_named_with_their_role_or_known(text: str, expected: list[str]) -> None:
    assert find_people(text) == expected


def test_enrich_topics_is_the_vocabulary() -> None:
    assert enrich.topics("Умный город, интернет вещей и 5G") == ["smart-city", "iot", "5g"]


def test_stored_topics_match_the_vocabulary(scraped: Scraped) -> None:
    for row in rows(scraped.db, "select id, title, lead, body_text, topics from articles"):
        listed = json.loads(str(row["topics"]))
        expected = find_all(tokenize(f"{row['title']}\n{row['body_text']}\n{row['lead'] or ''}")).topics
        assert listed == expected, row["id"]
        table = [
            r["topic"]
            for r in rows(
                scraped.db, "select topic from article_topics where article_id = ? order by rowid", (row["id"],)
            )
        ]
        assert table == listed


@pytest_asyncio.fixture
async def ds(scraped: Scraped) -> AsyncIterator[Datasette]:
    instance = build_datasette(scraped.db)
    await instance.invoke_startup()
    yield instance


def _facet(data: dict[str, object], name: str) -> dict[str, int]:
    facets = data["facet_results"]
    facets = facets.get("results", facets)  # type: ignore[union-attr]
    return {str(r["value"]): int(r["count"]) for r in facets[name]["results"]}  # type: ignore[index]


async def test_topics_facet_on_the_articles_table(ds: Datasette, scraped: Scraped) -> None:
    response = await ds.client.get("/archive/articles.json", params={"_facet_array": "topics", "_size": "0"})
    assert response.status_code == 200
    counts = _facet(response.json(), "topics")
    expected = Counter(t for r in rows(scraped.db, "select topics from articles") for t in json.loads(str(r["topics"])))
    assert counts == dict(expected)
    assert counts["smart-city"] >= 10 and counts["u4ssc"] >= 5
    # choosing a facet value filters the table
    response = await ds.client.get(
        "/archive/articles.json", params={"topics__arraycontains": "itu-t-sg20", "_shape": "array"}
    )
    assert {r["url"].rsplit("/", 1)[-1] for r in response.json()} >= {"07042022.aspx", "29092022.aspx"}


async def test_organisation_and_people_facets(ds: Datasette, scraped: Scraped) -> None:
    response = await ds.client.get(
        "/archive/article_organisations.json", params={"_facet": "organisation", "_size": "0"}
    )
    organisations = _facet(response.json(), "organisation")
    assert organisations["ITU"] >= 20
    assert organisations["Giprosvjaz"] >= 2 and organisations["Beltelecom"] >= 2
    response = await ds.client.get("/archive/article_people.json", params={"_facet": "role", "_size": "0"})
    roles = _facet(response.json(), "role")
    assert roles["interviewee"] >= 2 and roles["interviewer"] >= 1 and roles["byline"] >= 1
    response = await ds.client.get("/archive/facet_counts.json", params={"_shape": "array"})
    counted = {(r["kind"], r["name"]): r["articles"] for r in response.json()}
    assert counted[("organisation", "ITU")] == organisations["ITU"]
    assert counted[("person", "Elena Smirnova")] == 3  # two ITU pages and the mpt.gov.by copy
    assert counted[("person", "Anna Kovalenko")] == 1
