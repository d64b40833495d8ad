"""The language of a text, from the text itself (never from a URL prefix).

Cyrillic languages are told apart by the letters only they use (Kazakh ә ғ қ ң ө ұ һ,
Ukrainian ї є ґ, Belarusian ў and і without и); other scripts go to a langid model
restricted to the languages a European news archive meets.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

__all__ = ["LATIN_LANGUAGES", "detect_language"]

#: languages the model may answer for Latin-script text
LATIN_LANGUAGES = ("en", "fr", "es", "de", "it", "pt", "pl", "tr", "lt", "lv", "et", "ro", "cs", "uz", "az")

_KK = frozenset("әғқңөұүһ")
_UK = frozenset("їєґ")
_BE_ONLY = frozenset("ў")
_RU_ONLY = frozenset("иъщ")
_MIN_LETTERS = 20
_SAMPLE = 2000


@lru_cache(maxsize=1)
def _latin_identifier() -> object:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LATIN_LANGUAGES))
    return identifier


def detect_language(text: str, fallback: str | None = None) -> str | None:
    """ISO 639-1 code of the text's language (ru, be, uk, kk, en and other Latin-script languages).

    Returns ``fallback`` when the text has too few letters to tell. The URL prefix of a
    page is not trusted: a /be/ page with English text is English.
    """
    letters = [ch for ch in text.lower() if ch.isalpha()]
    if len(letters) < _MIN_LETTERS:
        return fallback
    cyrillic = Counter(ch for ch in letters if "\u0400" <= ch <= "\u04ff")
    n_cyr = sum(cyrillic.values())
    if n_cyr < 0.5 * len(letters):
        identifier = _latin_identifier()
        # the model's cost grows with the text; two thousand characters tell the language as well
        lang, _prob = identifier.classify(" ".join(text[:_SAMPLE].split()))  # type: ignore[attr-defined]
        return str(lang)
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
