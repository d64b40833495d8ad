"""The language of a text, from the text itself (never from a URL prefix).

Cyrillic languages are told apart by the letters only they use (Kazakh ә ғ қ ң ө ұ һ,
Ukrainian ї є ґ, Belarusian ў and і without и); Latin-script text by its function words
(English, French, German, Spanish, Italian, Portuguese, Polish, Turkish).
"""

from __future__ import annotations

import re
import string
from collections import Counter

__all__ = ["detect_language"]


_KK = frozenset("әғқңөұүһ")
_UK = frozenset("їєґ")
_BE_ONLY = frozenset("ў")
_RU_ONLY = frozenset("иъщ")
_MIN_LETTERS = 20
_SAMPLE = 5000


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
# ASCII text (most English pages) is read with bytes operations that run in C: its letters are A-Z, a-z
_ASCII_LETTERS = string.ascii_letters.encode()
_ASCII_NOT_LETTERS = bytes(c if c in _ASCII_LETTERS else 32 for c in range(256))


def _latin_language(text: str) -> str:
    sample = text[:_SAMPLE]
    words: Counter[str] = Counter()
    if sample.isascii():
        words.update(sample.encode().translate(_ASCII_NOT_LETTERS).lower().decode().split())
    else:
        for word, n in Counter(_LATIN_TOKEN.findall(sample)).items():  # each distinct word lowered once
            words[word.lower()] += n
    scores = {lang: sum(words[w] for w in vocabulary) for lang, vocabulary in _LATIN_WORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] > 0 else "en"


def detect_language(text: str, fallback: str | None = None) -> str | None:
    """ISO 639-1 code of the text's language (ru, be, uk, kk, en and seven other Latin-script languages).

    Returns ``fallback`` when the text has too few letters to tell. The URL prefix of a
    page is not trusted: a /be/ page with English text is English.
    """
    # a sample is enough to tell, and keeps the cost flat for long articles
    sample = text[:_SAMPLE]
    if sample.isascii():
        encoded = sample.encode()
        letters = len(encoded) - len(encoded.translate(None, _ASCII_LETTERS))
        return fallback if letters < _MIN_LETTERS else _latin_language(text)
    # characters counted in C, then only the distinct ones looked at
    chars = Counter(sample.lower())
    letters = sum(n for ch, n in chars.items() if ch.isalpha())
    if letters < _MIN_LETTERS:
        return fallback
    cyrillic = Counter({ch: n for ch, n in chars.items() if "\u0400" <= ch <= "\u04ff" and ch.isalpha()})
    n_cyr = sum(cyrillic.values())
    if n_cyr < 0.5 * letters:
        return _latin_language(text)
    return _cyrillic_language(cyrillic, n_cyr)


def _cyrillic_language(cyrillic: Counter[str], total: int) -> str:
    def count(chars: frozenset[str]) -> int:
        return sum(cyrillic[c] for c in chars)

    # ү and і also occur in Belarusian/Ukrainian, but ә ғ қ ң ө ұ һ only in Kazakh (and kin)
    if count(_KK - {"ү"}) >= 0.005 * total:
        return "kk"
    if count(_UK) >= 0.002 * total or (cyrillic["і"] and cyrillic["и"] and not cyrillic["ы"] and not cyrillic["э"]):
        return "uk"
    be_marks = count(_BE_ONLY) + (cyrillic["і"] if not cyrillic["и"] else 0)
    if be_marks > count(_RU_ONLY):
        return "be"
    return "ru"
