"""The smart-city vocabulary in ru/be/en (topics, organisations, people) and its facets in Datasette."""

from __future__ import annotations

import functools
import json
import random
import re
import unicodedata
from collections import Counter
from collections.abc import AsyncIterator, Sequence

import pytest
import pytest_asyncio
from datasette.app import Datasette

from scraper import vocabulary
from scraper.analysis import analyse_text
from scraper.site import build_datasette
from scraper.vocabulary import find_all, find_organisations, find_people, find_topics, tokenize
from tests.conftest import Scraped, rows
from tests.pages import corpus


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


def test_the_records_topics_are_the_vocabulary() -> None:
    row = {"source": "mpt", "title": "Умный город", "lead": "Интернет вещей и 5G", "body_text": "Текст."}
    assert analyse_text(row, "news", 20).topics == ["smart-city", "iot", "5g"]  # the lead counts too


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


# --------------------------------------------------------------------------- differential tests
# The matcher indexes the vocabulary and searches joined tokens to be fast; these references are
# written straight from the definitions (a term is a run of consecutive tokens, each equal to its
# word or starting with its stem) and the fast functions must give exactly what they give.

_LATIN_CYRILLIC = re.compile(r"[a-z][а-яіў]|[а-яіў][a-z]")
_LOOK_ALIKES = dict(zip("аеорсухіјѕԁ", "aeopcyxijsd", strict=True))


def _reference_tokenize(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower().replace("ё", "е")
    tokens = re.findall(r"\w+", text)
    if not any(_LATIN_CYRILLIC.search(token) for token in tokens):
        return tokens

    def mend(token: str) -> str:  # a word written mostly in Latin letters has its look-alikes read as Latin
        latin = sum("a" <= ch <= "z" for ch in token)
        return "".join(_LOOK_ALIKES.get(ch, ch) for ch in token) if latin and latin >= len(token) // 2 else token

    return [token if token.isascii() else mend(token) for token in tokens]


@functools.cache
def _reference_parts(term: str) -> list[str]:
    """A term's token patterns: each word of it tokenized, a stem's pieces all stems."""
    return [p + ("*" if raw.endswith("*") else "") for raw in term.split() for p in tokenize(raw.rstrip("*"))]


def _reference_find(vocabulary: dict[str, tuple[str, ...]], tokens: Sequence[str]) -> list[str]:
    terms = [(label, _reference_parts(term)) for label, terms in vocabulary.items() for term in terms]

    def at(parts: list[str], i: int) -> bool:
        if not parts or i + len(parts) > len(tokens):
            return False
        for k, part in enumerate(parts):
            token = tokens[i + k]
            if not (token.startswith(part[:-1]) if part.endswith("*") else token == part):
                return False
        return True

    # a term can only match where its first part, without the "*", begins the token: look the
    # terms up by each beginning of the token (the whole token included), then check them whole
    by_head: dict[str, list[tuple[str, list[str]]]] = {}
    for label, parts in terms:
        if parts:
            by_head.setdefault(parts[0].rstrip("*"), []).append((label, parts))
    found = {
        label
        for i, token in enumerate(tokens)
        for k in range(1, len(token) + 1)
        for label, parts in by_head.get(token[:k], ())
        if at(parts, i)
    }
    return [label for label in vocabulary if label in found]


def _reference_find_people(text: str) -> list[str]:
    names = dict.fromkeys(_reference_find(vocabulary.PEOPLE, tokenize(text)))
    if any(token.startswith(vocabulary._ROLE_STEMS) for token in tokenize(text)):
        for match in vocabulary._ROLE.finditer(text):
            after = vocabulary._name_after(text, match.end())
            if after:
                known = _reference_find(vocabulary.PEOPLE, tokenize(after))
                names[known[0] if known else after] = None
    return list(names)


def _vocabulary_words() -> list[str]:
    """Every word and stem of the vocabulary, with inflections, prefixes and near misses of them."""
    words: set[str] = set()
    for terms in (*vocabulary.TOPICS.values(), *vocabulary.ORGANISATIONS.values(), *vocabulary.PEOPLE.values()):
        for term in terms:
            for part in _reference_parts(term):
                stem = part.rstrip("*")
                words.update({stem, stem[:-1], stem[:3], stem[:2], stem + "s", stem[1:]})
                words.update(stem + ending for ending in ("ый", "ого", "ых", "ая", "ие", "ов", "а", "у", "і", "ў"))
    return sorted(w for w in words if w)


_NOISE = ["the", "and", "of", "и", "в", "для", "на", "20", "11", "4900", "e", "t", "d", "y", "я", "iot", "x"]


def _page_texts() -> list[str]:
    return [f"{page.title}\n{page.text}" for page in corpus()]


def _random_token_lists(rng: random.Random, count: int) -> list[list[str]]:
    """Token lists from vocabulary words, noise and whole terms, some with a real page's tokens."""
    words = _vocabulary_words()
    terms = [
        _reference_parts(term)
        for table in (vocabulary.TOPICS, vocabulary.ORGANISATIONS, vocabulary.PEOPLE)
        for terms in table.values()
        for term in terms
    ]
    pages = [tokenize(text) for text in _page_texts()]
    out = []
    for n in range(count):
        tokens: list[str] = []
        for _ in range(rng.randint(0, 40)):
            roll = rng.random()
            if roll < 0.5:
                tokens.append(rng.choice(words))
            elif roll < 0.7:
                tokens.append(rng.choice(_NOISE))
            else:  # a term, or a term with one part cut off or changed, stems given endings
                parts = [
                    p[:-1] + rng.choice(["", "ого", "ых", "s"]) if p.endswith("*") else p for p in rng.choice(terms)
                ]
                if len(parts) > 1 and rng.random() < 0.4:
                    parts[rng.randrange(len(parts))] = rng.choice(words)
                tokens.extend(parts[: rng.randint(1, len(parts))] if rng.random() < 0.3 else parts)
        if n % 5 == 0:
            page = rng.choice(pages)
            cut = rng.randint(0, len(page))
            tokens = page[:cut] + tokens + page[cut:]
        if n % 97 == 0 and tokens:  # tokens no tokenizer gives (with the matcher's separator in them)
            tokens[rng.randrange(len(tokens))] += "\x00smart"
        out.append(tokens)
    return out


def test_find_all_is_the_reference_on_random_and_real_tokens() -> None:
    rng = random.Random(20240101)
    token_lists = _random_token_lists(rng, 1500) + [tokenize(text) for text in _page_texts()]
    token_lists += [["smart", "city"], ["умного", "города"], ["smart"], ["city", "smart"], []]
    # tokens that hold the matcher's separator (no tokenizer gives them): a term is no run of tokens then
    token_lists += [["city", "smart\x00city", "smart"], ["города", "умного\x00города", "умному"], ["itu\x00t", "itu"]]
    matched = 0
    for tokens in token_lists:
        found = find_all(tokens)
        expected = (
            _reference_find(vocabulary.TOPICS, tokens),
            _reference_find(vocabulary.ORGANISATIONS, tokens),
            _reference_find(vocabulary.PEOPLE, tokens),
        )
        assert (found.topics, found.organisations, found.people) == expected, tokens
        assert find_topics(tokens) == expected[0] and find_organisations(tokens) == expected[1]
        assert find_all(tuple(tokens)) == found  # any sequence, not only a list
        matched += bool(found.topics or found.organisations or found.people)
    assert matched > len(token_lists) // 3  # the lists do hold terms


def _random_text(rng: random.Random, words: list[str]) -> str:
    """Words in random case, with look-alike letters swapped in, punctuation, digits, ё and NFKC forms."""
    odd = ["ё", "Ё", "ﬁ", "Ａ", "é", "е\u0301", "_", "-", "’", "«", "»", " ", "\n", ".", "5G", "ІТU", "Smаrt", "аb"]
    pieces = []
    for _ in range(rng.randint(0, 30)):
        word = rng.choice(words) if rng.random() < 0.8 else rng.choice(odd)
        if rng.random() < 0.2:
            word = word.capitalize() if rng.random() < 0.5 else word.upper()
        if rng.random() < 0.1:  # one letter swapped for its look-alike in the other script
            i = rng.randrange(len(word))
            swap = {**_LOOK_ALIKES, **{v: k for k, v in _LOOK_ALIKES.items()}}
            word = word[:i] + swap.get(word[i], word[i]) + word[i + 1 :]
        pieces.append(word)
        pieces.append(rng.choice([" ", " ", " ", ", ", "-", "\n", "", ". "]))
    return "".join(pieces)


def test_tokenize_is_the_reference_on_random_and_real_texts() -> None:
    rng = random.Random(7)
    words = _vocabulary_words() + _NOISE + ["Minister", "Министр", "Director", "Kirill", "Oparin", "Шульган"]
    texts = [_random_text(rng, words) for _ in range(3000)] + _page_texts()
    texts += ["dоcument", "Smаrt cіty", "ѕmart", "кот cat", "", "ёлка Ёж"]
    mended = 0
    for text in texts:
        tokens = tokenize(text)
        assert tokens == _reference_tokenize(text), text
        mended += tokens != re.findall(r"\w+", unicodedata.normalize("NFKC", text).lower().replace("ё", "е"))
    assert mended > 50  # the texts do mix scripts


def _role_sentence(rng: random.Random) -> str:
    """A role word, perhaps an institution, then two or three capitalised words: a name, or not one."""
    roles = ["Министр", "министра", "Заместитель Министра", "Director", "Deputy Minister", "Mr.", "Dr", "Глава"]
    roles += ["Head", "Professor", "Председателем", "Дырэктар", "Генеральный секретарь", "Secretary-General"]
    between = ["", "связи и информатизации", "of Communications and Informatization", "ITU", "Бюро", "the", "РУП"]
    names = ["Павел", "Ковалев", "Елена", "Смирнова", "Kirill", "Oparin", "Константин", "Шульган", "Houlin"]
    names += ["Zhao", "Анна", "Беларусь", "Minsk", "Forum", "Kovalenko", "Ли", "Чхе", "Суб", "O'Neil", "Jean-Luc"]
    name = " ".join(rng.choice(names) for _ in range(rng.randint(1, 4)))
    tail = rng.choice(["", ".", " отметил", ", Minister", " (Беларусь).", " представил концепцию"])
    return f"{rng.choice(['', 'Как сказал ', 'The '])}{rng.choice(roles)} {rng.choice(between)} {name}{tail}"


def test_find_people_is_the_reference_on_random_and_real_texts() -> None:
    rng = random.Random(11)
    words = [*_vocabulary_words(), "Minister", "Министр", "Директор", "Mr.", "Dr", "Head", "Глава", "Kirill"]
    words += ["Oparin", "Павел", "Ковалев", "Елена", "Смирнова", "Pavel", "Kovalev", "ITU", "Минска"]
    texts = [_random_text(rng, words) for _ in range(1000)] + _page_texts()
    texts += [_role_sentence(rng) for _ in range(1000)]
    named = 0
    for text in texts:
        people = find_people(text)
        assert people == _reference_find_people(text), text
        assert find_people(text, tokens=tokenize(text)) == people
        named += bool(people)
    assert named > 500


def test_a_matcher_that_remembers_no_token_finds_the_same() -> None:
    """The matcher remembers which stems a token starts (up to a bound): past the bound it looks again."""
    rng = random.Random(3)
    remembering, forgetful = vocabulary.Matcher(vocabulary.TOPICS), vocabulary.Matcher(vocabulary.TOPICS)
    forgetful._REMEMBER = 0
    for tokens in _random_token_lists(rng, 300):
        expected = _reference_find(vocabulary.TOPICS, tokens)
        assert remembering.find(tokens) == forgetful.find(tokens) == expected, tokens
    assert not forgetful._seen and len(remembering._seen) > 100
