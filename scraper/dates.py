"""Dates as printed on the sites (English, Russian, Belarusian, Ukrainian), parsed to ISO 8601.

The raw string is always kept beside the parsed value: the archive cites what the page said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

__all__ = ["ParsedDate", "find_date", "month_number", "parse_date", "plausible"]

# Month stems, tried in order; a word names a month when it starts with a stem.
_MONTH_STEMS: tuple[tuple[str, int], ...] = (
    # English (full and abbreviated)
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("may", 5),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    # Russian, every case form, and the abbreviations news sites print ("янв.", "сент.")
    ("январ", 1),
    ("феврал", 2),
    ("март", 3),
    ("апрел", 4),
    ("июн", 6),
    ("июл", 7),
    ("август", 8),
    ("сентябр", 9),
    ("октябр", 10),
    ("ноябр", 11),
    ("декабр", 12),
    ("янв", 1),
    ("фев", 2),
    ("мар", 3),
    ("апр", 4),
    ("авг", 8),
    ("сен", 9),
    ("окт", 10),
    ("ноя", 11),
    ("дек", 12),
    # Belarusian, every case form (the nominative "травень" and genitive "траўня" alike)
    ("студз", 1),
    ("лют", 2),
    ("сакав", 3),
    ("красав", 4),
    ("трав", 5),
    ("траў", 5),
    ("чэрв", 6),
    ("ліп", 7),
    ("жнів", 8),
    ("жніў", 8),
    ("верас", 9),
    ("кастрыч", 10),
    ("лістап", 11),
    ("снеж", 12),
    ("студ", 1),
    ("сак", 3),
    ("крас", 4),
    ("чэр", 6),
    ("вер", 9),
    ("кас", 10),
    ("ліс", 11),
    # Ukrainian
    ("січ", 1),
    ("берез", 3),
    ("квіт", 4),
    ("черв", 6),
    ("лип", 7),
    ("серп", 8),
    ("верес", 9),
    ("жовт", 10),
    ("листоп", 11),
    ("груд", 12),
    ("лис", 11),
)
_MONTH_WORDS = {"май": 5, "мая": 5, "мае": 5, "маю": 5, "маем": 5, "sept": 9, "жн": 8}

_HOMOGLYPHS = str.maketrans("aceopxyikmthb", "асеорхуікмтнв")

_WORD = r"[^\W\d_]+\.?"
_DMY_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\s*[./]\s*(\d{1,2})\s*[./]\s*(\d{4})(?!\d)")
_ISO = re.compile(
    r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?(?!\d)"
)
# "8 February 2022", "15-16 лютага 2022", "16 апреля 2022 г."
_DAY_MONTH_YEAR = re.compile(rf"(?<!\d)(\d{{1,2}})(?:\s*[-–—]\s*\d{{1,2}})?\s+({_WORD})\s*,?\s+(\d{{4}})(?!\d)")
# "June 23, 2018", "Dec 7, 2017", "February 8-9, 2022"
# "30 June – 1 July 2022", "30 июня – 2 июля 2022 г.": a range over two months, the first day counts
_CROSS_MONTH_RANGE = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s+({_WORD})\s*[-–—]\s*\d{{1,2}}\s+({_WORD})\s*,?\s+(\d{{4}})(?!\d)"
)
_MONTH_DAY_YEAR = re.compile(
    rf"(?<![^\W\d_])({_WORD})\s+(\d{{1,2}})(?:\s*[-–—]\s*\d{{1,2}})?(?:st|nd|rd|th)?\s*,?\s+(\d{{4}})(?!\d)"
)
_TIME = re.compile(r"(?<!\d)(\d{1,2}):(\d{2})(?!\d)")


@dataclass(frozen=True)
class ParsedDate:
    """A date as found: the value, whether a time of day was known, and the raw string."""

    value: datetime
    raw: str
    has_time: bool = False

    def iso(self) -> str:
        """ISO 8601: a date alone when the page gave no time, else a time with offset."""
        if not self.has_time:
            return self.value.date().isoformat()
        return self.value.isoformat(timespec="seconds")


def month_number(word: str) -> int | None:
    """The month a word names in English, Russian, Belarusian or Ukrainian, if any."""
    w = word.strip().rstrip(".").lower()
    if _is_cyrillic(w):
        # a Latin look-alike inside a Cyrillic word ("фeвраля" with a Latin "e") is a typo, not a new word
        w = w.translate(_HOMOGLYPHS)
    if w in _MONTH_WORDS:
        return _MONTH_WORDS[w]
    if len(w) < 3:
        return None
    for stem, number in _MONTH_STEMS:
        if w.startswith(stem):
            return number
    return None


def _is_cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


def _make(year: int, month: int, day: int, tz: tzinfo) -> datetime | None:
    try:
        return datetime(year, month, day, tzinfo=tz)
    except ValueError:
        return None


def _with_time(text: str, found: datetime, end: int) -> tuple[datetime, bool]:
    """Attach a time of day written right after the date ("10.02.2022 12:30")."""
    tail = text[end : end + 12]
    match = _TIME.search(tail)
    if match and tail[: match.start()].strip(" ,-–—|вat") == "":
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour < 24 and minute < 60:
            return found.replace(hour=hour, minute=minute), True
    return found, False


def _iso_match(m: re.Match[str], zone: tzinfo) -> ParsedDate | None:
    found = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)), zone)
    if found is None:
        return None
    if m.group(4) is None:
        return ParsedDate(found, m.group(0))
    try:
        if m.group(7):
            found = datetime.fromisoformat(m.group(0).replace(" ", "T").replace("Z", "+00:00"))
        else:
            found = found.replace(hour=int(m.group(4)), minute=int(m.group(5)), second=int(m.group(6) or 0))
    except ValueError:  # "25:00", "+99:99": a date with a broken time is still a date
        return ParsedDate(found, m.group(0)[:10])
    return ParsedDate(found, m.group(0), True)


def find_date(text: str, tz: tzinfo | str = "UTC") -> ParsedDate | None:
    """The first date written in ``text``, in any of the forms the sites use.

    A range ("15-16 лютага 2022", "30 June – 1 July 2022") gives its first day; a time
    written right after the date ("10.02.2022 12:30") is kept, in the zone ``tz``.
    """
    if not text:
        return None
    zone = ZoneInfo(tz) if isinstance(tz, str) else tz
    candidates: list[tuple[int, ParsedDate]] = []

    def named(m: re.Match[str], day: str, month: str, year: str) -> None:
        number = month_number(month)
        found = _make(int(year), number, int(day), zone) if number else None
        if found is not None:
            value, has_time = _with_time(text, found, m.end())
            raw = m.group(0) if not has_time else text[m.start() : m.end() + _time_end(text, m.end())]
            candidates.append((m.start(), ParsedDate(value, raw, has_time)))

    for m in _ISO.finditer(text):
        iso = _iso_match(m, zone)
        if iso is not None:
            candidates.append((m.start(), iso))
            break
    for m in _DMY_NUMERIC.finditer(text):
        found = _make(int(m.group(3)), int(m.group(2)), int(m.group(1)), zone)
        if found is not None:
            value, has_time = _with_time(text, found, m.end())
            raw = text[m.start() : m.end() + _time_end(text, m.end())] if has_time else m.group(0)
            candidates.append((m.start(), ParsedDate(value, raw, has_time)))
            break
    for m in _CROSS_MONTH_RANGE.finditer(text):
        if month_number(m.group(2)) and month_number(m.group(3)):
            named(m, m.group(1), m.group(2), m.group(4))
            break
    for m in _DAY_MONTH_YEAR.finditer(text):
        before = len(candidates)
        named(m, m.group(1), m.group(2), m.group(3))
        if len(candidates) > before:
            break
    for m in _MONTH_DAY_YEAR.finditer(text):
        before = len(candidates)
        named(m, m.group(2), m.group(1), m.group(3))
        if len(candidates) > before:
            break
    if not candidates:
        return None
    # the earliest in the text; at one position the longest match (a range over its first day)
    return min(candidates, key=lambda c: (c[0], -len(c[1].raw)))[1]


def _time_end(text: str, end: int) -> int:
    match = _TIME.search(text[end : end + 12])
    return match.end() if match else 0


_RFC822 = re.compile(r"^(?:[A-Za-z]{3},?\s+)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}")


def parse_date(value: str, tz: tzinfo | str = "UTC") -> ParsedDate | None:
    """Parse one date string: RFC 822 (feeds), ISO 8601, or any printed form :func:`find_date` knows."""
    raw = value.strip()
    if not raw:
        return None
    if _RFC822.match(raw):
        try:
            parsed = parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError, OverflowError):
            parsed = None
        if parsed is not None:
            if parsed.tzinfo is None:  # RFC 822 "-0000": the zone is unknown, UTC by convention
                parsed = parsed.replace(tzinfo=UTC)
            return ParsedDate(parsed, raw, True)
    found = find_date(raw, tz)
    return ParsedDate(found.value, raw, found.has_time) if found else None


def plausible(found: ParsedDate, earliest: date = date(1990, 1, 1), now: datetime | None = None) -> bool:
    """Reject dates in the future (beyond a day of clock skew) or before the site existed."""
    current = now or datetime.now(UTC)
    return earliest <= found.value.date() and found.value <= current + timedelta(days=1)
