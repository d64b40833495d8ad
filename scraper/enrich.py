"""What an article is: the language of its text, its content type, its topics, its story."""

from __future__ import annotations

import hashlib

from scraper import interviews, vocabulary
from scraper.language import detect_language

__all__ = ["content_type", "detect_language", "story_id_for", "topics"]



def content_type(title: str, lead: str | None, body_markdown: str, default: str = "news") -> str:
    """``news``, ``interview``, ``press-release``, ``event`` or ``other``: one rule for the pipeline
    and for ``recompute`` (:func:`scraper.interviews.classify` over the body's turns)."""
    turns, _ = interviews.parse_turns(body_markdown) if "?" in body_markdown else ([], None)
    return interviews.classify(title, lead, turns, default)


def topics(text: str) -> list[str]:
    """Smart-city topics named in the text (the vocabulary lives in :mod:`scraper.vocabulary`)."""
    return vocabulary.find_all(vocabulary.tokenize(text)).topics


def story_id_for(source: str, key: str) -> str:
    """A stable story id from a source-specific key (a node id, a canonical URL)."""
    return f"{source}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"
