"""What an article is: the language of its text, its content type, its topics, its story."""

from __future__ import annotations

import hashlib
import re

from scraper.language import detect_language

__all__ = ["content_type", "detect_language", "story_id_for", "topics"]

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


_TOPICS: dict[str, tuple[str, ...]] = {
    "smart-city": (
        "smart city",
        "smart cities",
        "smart sustainable",
        "умный город",
        "умных город",
        "разумны горад",
        "разумных гарад",
        "разумнага горада",
    ),
    "5g": ("5g",),
    "iot": ("internet of things", "iot", "интернет вещей", "інтэрнэт рэчаў"),
    "e-government": (
        "e-government",
        "electronic government",
        "электронное правительство",
        "электронного правительства",
        "электронны ўрад",
    ),
    "digital-economy": (
        "digital economy",
        "цифровая экономика",
        "цифровой экономики",
        "лічбавая эканоміка",
        "лічбавай эканомікі",
    ),
    "u4ssc": ("u4ssc", "united for smart sustainable cities"),
    "sdg11": ("sdg 11", "sdg11", "цур 11"),
    "itu": (
        "itu",
        "мсэ",
        "international telecommunication union",
        "международный союз электросвязи",
        "міжнародны саюз электрасувязі",
    ),
    "broadband": ("broadband", "широкополос", "шырокапалос"),
    "giga": ("giga",),
}


# one pattern per topic, compiled once: any of its words at the start of a word
_TOPIC_PATTERNS = {
    topic: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + ")") for topic, words in _TOPICS.items()
}


def topics(text: str) -> list[str]:
    """Smart-city topics named in the text (a first, small vocabulary)."""
    lower = text.lower()
    return [topic for topic, pattern in _TOPIC_PATTERNS.items() if pattern.search(lower)]


def story_id_for(source: str, key: str) -> str:
    """A stable story id from a source-specific key (a node id, a canonical URL)."""
    return f"{source}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"
