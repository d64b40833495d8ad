"""What an article is: the language of its text, its content type, its topics, its story."""

from __future__ import annotations

import hashlib
import re
from collections import Counter

from scraper import vocabulary

__all__ = ["content_type", "detect_language", "story_id_for", "topics"]

_KK = set("әғқңөұһ")
_UK = set("їєґ")
_BE_ONLY = set("ўі")
_RU_ONLY = set("иъщ")


# The commonest function words of the Latin-script languages a CIS news archive meets. A
# statistical model (py3langid, 100 MB in memory) buys nothing here: Latin text on these sites
# is English, and function words tell it from the few others with room to spare.
_LATIN_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the of and to in is that for on with as was by at are from this be it an which have".split()),
    "fr": frozenset("le la les des et est dans pour une du que sur par au avec qui sont pas ce".split()),
    "de": frozenset("der die und das den ist mit von zu im des ein eine auf nicht sich dem für".split()),
    "es": frozenset("el la los las de y en que por con para una del se es al como su".split()),
    "it": frozenset("il di che la per un una del della sono con non nel è le gli alla".split()),
    "pt": frozenset("o a os as de e que do da em para com um uma não por no na".split()),
    "pl": frozenset("i w na z do nie się jest to że o od przez dla jak oraz po".split()),
    "tr": frozenset("ve bir bu da de için ile olarak daha çok olan gibi ama en".split()),
}
_LATIN_TOKEN = re.compile(r"[^\W\d_]+")


def _latin_language(text: str) -> str:
    words = [w.lower() for w in _LATIN_TOKEN.findall(text[:5000])]
    scores = {lang: sum(1 for w in words if w in vocabulary) for lang, vocabulary in _LATIN_WORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] > 0 else "en"


def detect_language(text: str, fallback: str | None = None) -> str | None:
    """ISO 639-1 code of the text's language; ru/be/uk/kk are told apart by their letters.

    The URL prefix of a page is not trusted: a /be/ page with English text is English.
    """
    letters = [ch for ch in text.lower() if ch.isalpha()]
    if len(letters) < 20:
        return fallback
    cyrillic = Counter(ch for ch in letters if "\u0400" <= ch <= "\u04ff")
    n_cyr = sum(cyrillic.values())
    if n_cyr < 0.5 * len(letters):
        return _latin_language(text)

    def count(chars: set[str]) -> int:
        return sum(cyrillic[c] for c in chars)

    if count(_KK) >= 0.005 * n_cyr:
        return "kk"
    if count(_UK) >= 0.002 * n_cyr or (cyrillic["і"] and cyrillic["и"] and not cyrillic["ы"] and not cyrillic["э"]):
        return "uk"
    if count(_BE_ONLY) > count(_RU_ONLY):
        return "be"
    return "ru"


_INTERVIEW = re.compile(r"интервью|інтэрв['’ʼ]?ю|інтерв['’ʼ]?ю|\binterview", re.IGNORECASE)
_PRESS = re.compile(r"press release|пресс-релиз|прэс-рэліз", re.IGNORECASE)


def content_type(title: str, lead: str | None, default: str = "news", questions: int = 0) -> str:
    """``interview``, ``press-release`` or the source's default: from the title and lead, and from
    the body's structure (two or more question turns make an interview)."""
    head = f"{title}\n{lead or ''}"
    if _INTERVIEW.search(head) or questions >= 2:
        return "interview"
    if _PRESS.search(title):
        return "press-release"
    return default


def topics(text: str) -> list[str]:
    """Smart-city topics named in the text (the vocabulary lives in :mod:`scraper.vocabulary`)."""
    return vocabulary.find_all(vocabulary.tokenize(text)).topics


def story_id_for(source: str, key: str) -> str:
    """A stable story id from a source-specific key (a node id, a canonical URL)."""
    return f"{source}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"
