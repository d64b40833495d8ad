"""A light stemmer for Belarusian, in the manner of Snowball's (there is no Snowball Belarusian).

Belarusian spelling follows pronunciation, so one word changes its vowels with the stress
(горад, гарады, гарадоў) and its last consonant before some endings (горад, у горадзе).
The stemmer therefore folds first (о→а, ё/я→е, ў→у, apostrophes dropped), then strips
the longest inflectional ending found inside the region after the first vowel, then
undoes the commonest consonant changes (дз→д, ц→т) and a doubled final consonant.
Stems are search keys, not words: "гарадоў" and "горадзе" both become "гарад".
"""

from __future__ import annotations

__all__ = ["fold_be", "stem_be"]

_FOLD = str.maketrans({"о": "а", "ё": "е", "я": "е", "ў": "у", "'": None, "’": None, "ʼ": None})
_VOWELS = frozenset("аеіуыэю")

# Endings in their natural spelling; they are folded like the words before matching.
_NOUN = (
    "а", "я", "о", "е", "ё", "у", "ю", "ы", "і", "ь", "э",
    "ам", "ям", "ом", "ем", "ой", "ай", "ей", "ёй", "ою", "аю", "яю", "ёю", "ах", "ях",
    "оў", "аў", "еў", "яў", "амі", "ямі", "ьмі",
    "ія", "іі", "ію", "іяй", "ій", "іям", "іях", "іямі", "ыя", "ыі", "ыю", "ыяй", "ый", "ыям", "ыях", "ыямі",
)  # fmt: skip
_ADJECTIVE = (
    "ы", "і", "ая", "яя", "ое", "ае", "ее", "яе", "ую", "юю", "ога", "ага", "яга", "ому", "аму", "яму",
    "ым", "ім", "ой", "ай", "ей", "ых", "іх", "ымі", "імі", "ою", "аю", "яю", "ыя", "ія",
    "ейшы", "ейшая", "ейшае", "ейшага", "ейшай", "ейшых", "ейшыя",
)  # fmt: skip
_VERB = (
    "ць", "ці", "еш", "іш", "ыш", "ім", "ым", "еце", "іце", "ыце", "уць", "юць",
    "аць", "яць", "ець", "іць", "ыць", "ла", "лі", "аў", "яў", "еў", "іў", "ыў", "уў",
    "ала", "яла", "ела", "іла", "ыла", "ула", "алі", "ялі", "елі", "ілі", "ылі", "улі",
    "аю", "аеш", "ае", "аем", "аеце", "аюць", "яю", "яеш", "яе", "яем", "яеце", "яюць",
    "ую", "уеш", "уе", "уем", "уеце", "уюць", "аваць", "аваў", "авала", "авалі", "аваны", "авана",
    "айце", "ейце", "ушы", "ўшы", "шы", "учы", "ючы", "аны", "ены", "ана", "ена", "аець", "уець",
)  # fmt: skip
_REFLEXIVE_TO_CC = "цца"  # вучыцца = вучыць + ся
_REFLEXIVE = ("ся", "шся")
_CONSONANTS = frozenset("бвгджзйклмнпрстфхцчшь")


def fold_be(word: str) -> str:
    """The folded spelling the stemmer works on (lower case expected)."""
    return word.translate(_FOLD)


_ENDINGS = {e.translate(_FOLD) for e in _NOUN + _ADJECTIVE + _VERB}
_LONGEST = max(len(e) for e in _ENDINGS)
_ENDINGS_BY_LENGTH = [frozenset(e for e in _ENDINGS if len(e) == n) for n in range(_LONGEST + 1)]
_REFLEXIVE_FOLDED = tuple(e.translate(_FOLD) for e in _REFLEXIVE)


def _rv(word: str) -> int:
    """Start of the region after the first vowel (Snowball's RV)."""
    for i, ch in enumerate(word):
        if ch in _VOWELS:
            return i + 1
    return len(word)


def stem_be(word: str) -> str:
    """The stem of one lower-case Belarusian word (folded; see the module docstring)."""
    word = fold_be(word)
    rv = _rv(word)
    if len(word) - rv < 1:
        return word
    if word.endswith(_REFLEXIVE_TO_CC) and len(word) - 3 >= rv:
        word = word[:-3] + "ць"
    else:
        for ending in _REFLEXIVE_FOLDED:
            if word.endswith(ending) and len(word) - len(ending) >= rv:
                word = word[: -len(ending)]
                break
    floor = max(rv, 2)
    for length in range(min(_LONGEST, len(word) - floor), 0, -1):  # the longest ending inside RV
        if word[-length:] in _ENDINGS_BY_LENGTH[length]:
            word = word[:-length]
            break
    if word.endswith("і") and len(word) - 1 >= max(rv, 2):
        word = word[:-1]
    if word.endswith("ь"):
        word = word[:-1]
    if word.endswith("дз"):
        word = word[:-1]
    elif word.endswith(("іц", "тц")):  # эканоміка -> эканоміцы, сетка -> сетцы
        word = word[:-1] + "к"
    elif word.endswith("ц") and len(word) > 2:
        word = word[:-1] + "т"
    if len(word) > 3 and word[-1] == word[-2] and word[-1] in _CONSONANTS:
        word = word[:-1]
    return word
