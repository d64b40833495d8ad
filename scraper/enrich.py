"""What an article is: the language of its text and its story id (its content type, topics and
people: :mod:`scraper.analysis`)."""

from __future__ import annotations

import hashlib

from scraper.language import detect_language

__all__ = ["detect_language", "story_id_for"]


def story_id_for(source: str, key: str) -> str:
    """A stable story id from a source-specific key (a node id, a canonical URL)."""
    return f"{source}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"
