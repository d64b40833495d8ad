"""A smart-city vocabulary in Russian, Belarusian and English: topics, organisations, known people.

Terms are matched on word tokens, not on raw text, so that one pass over an article finds every
term: a term is a sequence of token patterns, each an exact word or a stem ending in ``*`` (Russian
and Belarusian inflect: ``умн* город*`` finds «умный город», «умных городов», «умного города»).
Hyphens and punctuation split tokens, so "e-government", "ITU-T" and "SDG 11" are token sequences.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import compress, repeat

__all__ = [
    "ORGANISATIONS",
    "PEOPLE",
    "TOPICS",
    "Found",
    "Matcher",
    "find_all",
    "find_organisations",
    "find_people",
    "find_topics",
    "tokenize",
]

_TOKEN = re.compile(r"\w+")
# Cyrillic letters that look like Latin ones: "dоcument" with a Cyrillic "о" must read as "document"
_HOMOGLYPHS = str.maketrans("аеорсухіјѕԁ", "aeopcyxijsd")


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens of ``text``; ё is е, and Latin words spelt with Cyrillic look-alikes are mended."""
    text = unicodedata.normalize("NFKC", text).lower().replace("ё", "е")
    tokens = _TOKEN.findall(text)
    # the common case: no word mixes scripts (a text without one of these Cyrillic letters mixes none;
    # looking for one letter is a fast scan, looking for a pair is not)
    if text.isascii() or _CYRILLIC.search(text) is None or _MIXED.search(text) is None:
        return tokens
    return [_mend(t) if not t.isascii() else t for t in tokens]


# a Latin letter next to a Cyrillic one, on either side ("[a-z][а-яіў]|[а-яіў][a-z]"): starting with
# the Latin letter, the search skips to Latin letters in C, where that pattern tried both branches at
# every Cyrillic letter of a Russian text
_MIXED = re.compile(r"[a-z](?:[а-яіў]|(?<=[а-яіў][a-z]))")
_CYRILLIC = re.compile(r"[а-яіў]")


def _mend(token: str) -> str:
    latin = sum(1 for ch in token if "a" <= ch <= "z")
    return token.translate(_HOMOGLYPHS) if latin and latin >= len(token) // 2 else token


# --------------------------------------------------------------------------- the vocabulary

#: topic -> terms (ru, be, en). Keys are the values stored in ``articles.topics`` and ``article_topics``.
TOPICS: dict[str, tuple[str, ...]] = {
    "smart-city": (
        "smart city",
        "smart cities",
        "smart sustainable cit*",
        "smart and sustainable cit*",
        "умн* город*",
        "умн* устойчив* город*",
        "разумн* горад*",
        "разумн* гарад*",
        "разумн* устойлів* гарад*",
    ),
    "ssc-kpi": (
        "key performance indicators for smart sustainable cities",
        "u4ssc key performance indicators",
        "u4ssc kpis",
        "kpis for smart sustainable cities",
        "ключев* показател* эффективности умн*",
        "ключев* показател* эффективности u4ssc",
        "ключав* паказчык* эфектыўнасці",
        "y 4900",
        "y 4901",
        "y 4903",
    ),
    "u4ssc": (
        "u4ssc",
        "united for smart sustainable cities",
        "объединенн* для умн* устойчив* город*",
        "аб яднан* для разумн* устойлів* гарад*",
    ),
    "itu-t-sg20": (
        "sg20",
        "study group 20",
        "itu t sg20",
        "itu t study group 20",
        "ик20",
        "ик 20",
        "20 я исследовательск* комисси*",
        "исследовательск* комисси* 20",
        "даследч* камісі* 20",
    ),
    "sdg11": (
        "sdg 11",
        "sdg11",
        "sustainable development goal 11",
        "цур 11",
        "цель устойчивого развития 11",
        "мэта ўстойлівага развіцця 11",
    ),
    "iot": ("internet of things", "iot", "интернет* вещей", "інтэрнэт* рэчаў", "lpwan", "nb iot"),
    "5g": ("5g", "fifth generation", "пят* поколени*", "пятага пакалення"),
    "e-government": (
        "e government",
        "electronic government",
        "digital government",
        "электронн* правительств*",
        "электронн* ўрад*",
        "электронн* услуг*",
        "электронн* паслуг*",
        "e services",
        "electronic services",
        "единый портал электронных услуг",
        "межведомственн* электронн* документооборот*",
    ),
    "digital-economy": (
        "digital economy",
        "цифров* экономик*",
        "лічбав* эканомік*",
        "digital development",
        "цифров* развити*",
        "лічбав* развіцц*",
        "digital transformation",
        "цифров* трансформаци*",
        "лічбав* трансфармацы*",
    ),
    "broadband": (
        "broadband",
        "широкополос*",
        "шырокапалос*",
        "gpon",
        "fibre optic*",
        "fiber optic*",
        "волоконно оптическ*",
        "валаконна аптычн*",
    ),
    "giga": ("giga", "school connectivity", "подключени* школ*"),
    "cybersecurity": (
        "cybersecurity",
        "cyber security",
        "cyber drill",
        "кибербезопасност*",
        "кібербяспек*",
        "информационн* безопасност*",
        "інфармацыйн* бяспек*",
        "cirt*",
        "csirt*",
    ),
    "digital-skills": ("digital skills", "цифров* навык*", "лічбав* навык*", "ict skills", "girls in ict"),
    "ai": ("artificial intelligence", "искусственн* интеллект*", "штучн* інтэлект*"),
    "smart-transport": (
        "intelligent transport*",
        "интеллектуальн* транспорт*",
        "інтэлектуальн* транспарт*",
        "smart parking",
        "умн* парковк*",
    ),
    "smart-lighting": ("smart street lighting", "street lighting", "уличн* освещени*", "вулічн* асвятлен*"),
}

#: organisation (canonical English name) -> terms (ru, be, en)
ORGANISATIONS: dict[str, tuple[str, ...]] = {
    "ITU": (
        "itu",
        "international telecommunication union",
        "мсэ",
        "международн* союз* электросвязи",
        "міжнародн* саюз* электрасувязі",
    ),
    "ITU Regional Office for the CIS": (
        "itu regional office for the cis",
        "itu regional office for cis",
        "зональн* отделени* мсэ",
        "занальн* аддзяленн* мсэ",
    ),
    "ITU-T": ("itu t", "мсэ т", "telecommunication standardization sector"),
    "ITU-D": (
        "itu d",
        "мсэ d",
        "мсэ д",
        "telecommunication development bureau",
        "бюро развития электросвязи",
        "бюро развіцця электрасувязі",
    ),
    "UNDP": (
        "undp",
        "united nations development programme",
        "проон",
        "программ* развития оон",
        "праграм* развіцця аан",
    ),
    "UN-Habitat": ("un habitat", "оон хабитат", "аан хабітат"),
    "UNICEF": ("unicef", "юнисеф", "юнісеф"),
    "UNECE": ("unece", "еэк оон", "economic commission for europe"),
    "United Nations": ("united nations", "оон", "аан"),
    "Ministry of Communications and Informatization of Belarus": (
        "ministry of communications and informatization",
        "министерств* связи и информатизации",
        "міністэрств* сувязі і інфарматызацыі",
        "минсвязи",
        "мінсувязі",
    ),
    "Ministry of Education": ("ministry of education", "министерств* образования", "міністэрств* адукацыі"),
    "Ministry of Digital Development": ("ministry of digital development",),
    "Beltelecom": ("beltelecom", "белтелеком*", "белтэлеком*"),
    "Giprosvjaz": ("giprosvjaz", "giprosvyaz", "гипросвязь", "гипросвязи", "гіпрасувяз*"),
    "beCloud": ("becloud", "белорусск* облачн* технологи*"),
    "BSUIR": (
        "bsuir",
        "бгуир",
        "бдуір",
        "belarusian state university of informatics and radioelectronics",
        "белорусск* государственн* университет* информатики и радиоэлектроники",
    ),
    "High-Tech Park": ("high tech park", "hi tech park", "парк* высоких технологий", "парк* высокіх тэхналогій", "пвт"),
    "Regional Commonwealth in the field of Communications (RCC)": (
        "regional commonwealth in the field of communications",
        "rcc",
        "рсс",
        "регионального содружества в области связи",
        "региональн* содружеств* в области связи",
    ),
    "World Bank": ("world bank", "всемирн* банк*", "сусветн* банк*"),
    "UNESCO": ("unesco", "юнеско"),
    "European Union": ("european union", "европейск* союз*", "еўрапейск* саюз*"),
}

#: known people: canonical name -> spellings in ru, be, en (so that facets count one person once)
PEOPLE: dict[str, tuple[str, ...]] = {
    "Konstantin Shulgan": ("konstantin shulgan", "kanstantsin shulhan", "константин* шульган*", "канстанцін* шульган*"),
    "Houlin Zhao": ("houlin zhao", "хоулин* чжао", "хоулінь чжао"),
    "Doreen Bogdan-Martin": ("doreen bogdan martin", "дорин богдан мартин", "дорын багдан марцін"),
    "Kirill Oparin": ("kirill oparin", "кирилл* опарин*", "кірыл* опарын*"),
    "Chaesub Lee": ("chaesub lee", "чхе суб ли", "чхэ суб лі"),
    "Seizo Onoe": ("seizo onoe", "сейдзо оноэ"),
}


# --------------------------------------------------------------------------- matching

# To look for a term of several words, the tokens are joined by this separator and the term is
# searched for in C; it is no word character, so no token of :func:`tokenize` holds it (a token list
# from elsewhere that does is walked position by position instead).
_SEP = "\x00"


@dataclass(frozen=True, eq=False)
class _Term:
    label: str
    parts: tuple[str, ...]  # token patterns; a trailing "*" makes a stem
    #: the exact words of the term: a text that lacks one of them cannot hold it
    words: frozenset[str]
    #: its stems (without the "*") long enough to be indexed: a text with no token that starts with
    #: one of them cannot hold it either
    stems: frozenset[str]
    #: the term in the joined tokens (see :meth:`occurs`): a substring when every part is a word,
    #: else a pattern in which a stem takes the rest of its token, and the pattern's literal start
    #: (up to its first stem), which ``str.find`` finds faster than the pattern's own search
    joined: str
    pattern: re.Pattern[str] | None
    start: str

    @classmethod
    def compile(cls, label: str, parts: tuple[str, ...], stem_key: int) -> _Term:
        stems = frozenset(p[:-1] for p in parts if p.endswith("*") and len(p) - 1 >= stem_key)
        pattern = None
        if any(p.endswith("*") for p in parts):
            pattern = re.compile(
                _SEP
                + _SEP.join(re.escape(p[:-1]) + f"[^{_SEP}]*" if p.endswith("*") else re.escape(p) for p in parts)
                + _SEP
            )
        words = frozenset(p for p in parts if not p.endswith("*"))
        joined = _SEP + _SEP.join(parts) + _SEP
        return cls(label, parts, words, stems, joined, pattern, joined[: joined.find("*")] if pattern else joined)

    def matches(self, tokens: Sequence[str], start: int) -> bool:
        """Whether the parts match the tokens from ``start`` on (the definition :meth:`occurs` follows)."""
        if start + len(self.parts) > len(tokens):
            return False
        for offset, part in enumerate(self.parts):
            token = tokens[start + offset]
            if part.endswith("*"):
                if not token.startswith(part[:-1]):
                    return False
            elif token != part:
                return False
        return True

    def occurs(self, joined: str) -> bool:
        """Whether the term occurs in ``joined``, the tokens as ``_SEP + _SEP.join(tokens) + _SEP``
        where no token holds ``_SEP``: every token lies between two separators there, so the parts
        match whole consecutive tokens, as :meth:`matches` at some position would tell."""
        if self.pattern is None:
            return self.joined in joined
        first = joined.find(self.start)  # no match starts before
        return first >= 0 and self.pattern.search(joined, first) is not None


@dataclass
class Matcher:
    """Finds the labels of a vocabulary in a token list in one pass (first token indexed)."""

    vocabulary: dict[str, tuple[str, ...]]
    #: terms by their first part: an exact word, or a stem (without the "*")
    _exact: dict[str, list[_Term]] = field(default_factory=dict, init=False, repr=False)
    _stems: dict[str, list[_Term]] = field(default_factory=dict, init=False, repr=False)
    #: every stem of every term (long enough), by its first ``_STEM_KEY`` letters
    _stem_index: dict[str, list[str]] = field(default_factory=dict, init=False, repr=False)
    #: a label's place in the vocabulary, to list what is found in vocabulary order
    _order: dict[str, int] = field(default_factory=dict, init=False, repr=False)
    #: tokens seen, and the stems those of them that start one start (see ``_stems_present``)
    _seen: set[str] = field(default_factory=set, init=False, repr=False)
    _starts: dict[str, tuple[str, ...]] = field(default_factory=dict, init=False, repr=False)

    _STEM_KEY = 3
    _REMEMBER = 50_000

    def __post_init__(self) -> None:
        self._order = {label: i for i, label in enumerate(self.vocabulary)}
        for label, terms in self.vocabulary.items():
            for term in terms:
                parts = tuple(
                    p + ("*" if raw.endswith("*") else "") for raw in term.split() for p in tokenize(raw.rstrip("*"))
                )
                if not parts:
                    continue
                head = parts[0]
                if head.endswith("*") and len(head) - 1 < self._STEM_KEY:
                    # a stem too short to index starts a term as a whole word (as it always has)
                    parts = (head[:-1], *parts[1:])
                compiled = _Term.compile(label, parts, self._STEM_KEY)
                for stem in compiled.stems:
                    stems = self._stem_index.setdefault(stem[: self._STEM_KEY], [])
                    if stem not in stems:
                        stems.append(stem)
                if parts[0].endswith("*"):
                    self._stems.setdefault(parts[0][:-1], []).append(compiled)
                else:
                    self._exact.setdefault(parts[0], []).append(compiled)

    def find(self, tokens: Sequence[str]) -> list[str]:
        """Labels found in ``tokens``, in vocabulary order.

        Most tokens start no term: the distinct tokens are checked first. A term of several words is
        looked for in the tokens only when every word and stem of it occurs among them, and then by
        one search in C (:meth:`_Term.occurs`), not position by position.
        """
        distinct = set(tokens)
        present = self._stems_present(distinct)
        found: set[str] = set()
        candidates: list[_Term] = []
        for terms in [*map(self._exact.__getitem__, distinct & self._exact.keys()), *map(self._stems.get, present)]:
            for term in terms or ():
                if term.label in found:
                    continue
                if len(term.parts) == 1:
                    found.add(term.label)
                elif term.words <= distinct and term.stems <= present:
                    candidates.append(term)
        if candidates:
            joined = _SEP + _SEP.join(tokens) + _SEP
            if joined.count(_SEP) == len(tokens) + 1:
                for term in candidates:
                    if term.label not in found and term.occurs(joined):
                        found.add(term.label)
            else:  # a token holds the separator (not one of tokenize's)
                for term in candidates:
                    if term.label not in found and any(term.matches(tokens, i) for i in range(len(tokens))):
                        found.add(term.label)
        return sorted(found, key=self._order.__getitem__)

    def _stems_present(self, distinct: set[str]) -> set[str]:
        """The stems of the vocabulary that some of the ``distinct`` tokens start with.

        An article's words are mostly words seen before: the stems each token starts with are
        remembered (up to ``_REMEMBER`` tokens; only added to, never changed, so threads may share a
        matcher), and only tokens not seen yet are looked at.
        """
        # seen tokens first, then their stems: a token is added to _starts before _seen, so one seen
        # here has its stems there even if another thread is adding it
        new = distinct.difference(self._seen)
        starts = self._starts
        present: set[str] = set()
        for token in starts.keys() & distinct:
            present.update(starts[token])
        if new:
            index = self._stem_index
            learned: dict[str, tuple[str, ...]] = {}
            # the few tokens whose first letters begin a stem, picked in C: no Python step per token
            # (two iterators over one unchanged set go in the same order)
            for token in compress(new, map(index.__contains__, map(_first_letters, new))):
                stems = tuple(stem for stem in index[token[: self._STEM_KEY]] if token.startswith(stem))
                if stems:
                    learned[token] = stems
                    present.update(stems)
            if len(self._seen) < self._REMEMBER:
                starts.update(learned)  # before the tokens count as seen
                self._seen.update(new)
        return present


_first_letters = operator.itemgetter(slice(0, Matcher._STEM_KEY))


# one matcher for the three vocabularies: one pass over an article's tokens finds them all
_ALL = Matcher(
    {
        **{f"topic\t{k}": v for k, v in TOPICS.items()},
        **{f"org\t{k}": v for k, v in ORGANISATIONS.items()},
        **{f"person\t{k}": v for k, v in PEOPLE.items()},
    }
)
_PEOPLE_MATCHER = Matcher(PEOPLE)


@dataclass(frozen=True)
class Found:
    """What the vocabulary found in one text."""

    topics: list[str]
    organisations: list[str]
    people: list[str]


def find_all(tokens: Sequence[str]) -> Found:
    """Topics, organisations and known people in an article's tokens (see :func:`tokenize`), in one pass."""
    found = Found([], [], [])
    for label in _ALL.find(tokens):
        kind, name = label.split("\t", 1)
        (found.topics if kind == "topic" else found.organisations if kind == "org" else found.people).append(name)
    return found


def find_topics(tokens: Sequence[str]) -> list[str]:
    """Smart-city topics named in an article's tokens (see :func:`tokenize`)."""
    return find_all(tokens).topics


def find_organisations(tokens: Sequence[str]) -> list[str]:
    """Organisations named in an article's tokens, by their canonical English names."""
    return find_all(tokens).organisations


# A person named after a role: "Министр связи и информатизации Константин Шульган", "Director Kirill Oparin".
_ROLE = re.compile(
    r"\b(?:[Мм]инистр\w*|[Мм]іністр\w*|[Зз]аместител\w* [Мм]инистра|[Нн]амеснік\w* [Мм]іністра|[Дд]иректор\w*|"
    r"[Дд]ырэктар\w*|[Пп]редседател\w*|[Сс]таршын\w*|[Гг]енеральн\w* секретар\w*|[Гг]енеральн\w* сакратар\w*|"
    r"[Нн]ачальник\w*|[Кк]іраўнік\w*|[Рр]уководител\w*|[Гг]лав[аы]|[Рр]ектор\w*|[Пп]рофессор\w*|"
    r"Minister|Deputy Minister|Director|Secretary-General|Chairman|Chairperson|Chair|Head|Rector|Professor|"
    r"Ambassador|President|Mr\.?|Ms\.?|Mrs\.?|Dr\.?)(?!\w)"
)
# the lower-case stems of the role words, to skip texts that name no role at all
_ROLE_STEMS = tuple(
    """
    министр міністр заместител намеснік директор дырэктар председател старшын генеральн начальник кіраўнік
    руководител глав ректор профессор minister deputy director secretary chair head rector professor
    ambassador president mr ms mrs dr
    """.split()
)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*|[^\w\s]")
_NAME_WORD = re.compile(r"^[A-ZА-ЯЁЎІ][a-zа-яёўі'’-]+$")
_NOT_NAMES = frozenset(
    """
    Republic Belarus Belarusian Ministry Communications Informatization ITU United Nations Union Telecommunication
    Development Bureau Regional Office CIS International Programme Sector State Minsk Moscow Geneva Digital
    Secretary General Director Minister Deputy Head Chairman Department Agency National Centre Center Committee
    Commission Council Government President Russian Federation Kazakhstan Kyrgyzstan Uzbekistan Armenia Azerbaijan
    Smart Sustainable Cities City Forum Park Study Group University The Of And For In On At
    Республики Республика Беларусь Беларуси Министерства Министерство Министр Министра Связи Информатизации
    Международного Международный Союза Союз Электросвязи МСЭ Бюро Развития Зонального Отделения СНГ ООН
    Директор Директора Директором Председатель Начальник Государственной Программы Минск Минска Москва Женева
    Парка Высоких Технологий Белтелеком РУП ОАО СООО Форум Форума Национальной Национального Академии Глава
    Рэспублікі Рэспубліка Міністэрства Міністр Міністра Сувязі Інфарматызацыі Міжнароднага Саюза Электрасувязі
    Дырэктар Дзяржаўнай Праграмы Мінск Мінска
    """.split()
)


def find_people(
    text: str, extra: Iterable[str] = (), tokens: Sequence[str] | None = None, known: Sequence[str] | None = None
) -> list[str]:
    """People named in ``text``: known people in any spelling, and names that follow a role word
    ("Министр ... Константин Шульган"); ``extra`` (bylines, interview speakers) is added as given.
    ``tokens`` and ``known`` (the known people :func:`find_all` found) spare a second pass."""
    names: dict[str, None] = {}
    for name in extra:
        if name and name.strip():
            names[name.strip()] = None
    if tokens is None:
        tokens = tokenize(text)
    for label in known if known is not None else _PEOPLE_MATCHER.find(tokens):
        names[label] = None
    if any(map(str.startswith, set(tokens), repeat(_ROLE_STEMS))):  # a token begins a role word (a loop in C)
        for match in _ROLE.finditer(text):
            after = _name_after(text, match.end())
            if after:
                names[_canonical_person(after)] = None
    return list(names)


def _name_after(text: str, start: int) -> str | None:
    """Two or three capitalised words that follow a role within a few words, skipping institution names."""
    words = _WORD.findall(text[start : start + 160])
    run: list[str] = []
    for word in words[:12]:
        if word in '.;:!?()«»"' or word == "\n":
            break
        if _NAME_WORD.match(word) and word not in _NOT_NAMES:
            run.append(word)
            if len(run) == 3:
                break
            continue
        if len(run) >= 2:
            break
        run = []  # one capitalised word (an institution's name) is no name: read on
    return " ".join(run) if 2 <= len(run) <= 3 else None


def _canonical_person(name: str) -> str:
    found = _PEOPLE_MATCHER.find(tokenize(name))
    return found[0] if found else name
