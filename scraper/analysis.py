"""What an article's own text says of it: content type, interview turns, topics, people,
organisations, and the fingerprint that finds its copies (shingles, MinHash, LSH keys).

A function of the text alone, never of the rest of the archive, and pure. The pipeline computes
it once, when it builds the record (:func:`scraper.records.build_record`): the record's content
type and topics come from it, and the story refresh after the save
(:func:`scraper.recompute.refresh_article`) reuses it instead of reading the text again.
``recompute`` computes it from the stored rows, with the same function, so an article gets the
same values either way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from scraper import interviews, stories, vocabulary
from scraper.interviews import Turn
from scraper.stories import U32, U64

__all__ = ["TextAnalysis", "analyse_text"]

_PERSONISH = re.compile(r"^[A-ZА-ЯЁЎІ][\w'’.-]+(?:\s+[A-ZА-ЯЁЎІ][\w'’.-]+){1,3}$")
_ROLE_RANK = {"interviewee": 0, "interviewer": 1, "byline": 2, "named": 3}
#: the fields of an article the analysis reads (``None`` reads as "")
INPUTS = ("source", "title", "lead", "body_text", "body_markdown", "author")


def _inputs(row: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(row.get(name) or "" for name in INPUTS)


@dataclass(frozen=True, eq=False)
class TextAnalysis:
    """Everything computed from one article's text."""

    #: what it was computed from (:data:`INPUTS`, in order), with which default content type and
    #: which ``min_shingles``
    inputs: tuple[str, ...]
    default_type: str
    min_shingles: int
    shingles: U32
    signature: U64 | None
    keys: list[int]
    content_type: str
    topics: list[str]
    organisations: list[str]
    people: list[tuple[str, str]]
    turns: list[Turn]

    def fits(self, row: Mapping[str, Any], default_type: str, min_shingles: int) -> bool:
        """Whether this is the analysis :func:`analyse_text` would make of ``row`` as stored (a record
        changed after its analysis, or a stored text that differs from the record's, needs a new one)."""
        return (self.default_type, self.min_shingles) == (default_type, min_shingles) and self.inputs == _inputs(row)


def _people(
    author: str,
    turns: Sequence[Turn],
    interviewer: str | None,
    text: str,
    tokens: Sequence[str],
    known: Sequence[str],
) -> list[tuple[str, str]]:
    found: dict[str, str] = {}

    def add(name: str | None, role: str) -> None:
        if not name or not _PERSONISH.match(name.strip()):
            return
        name = name.strip()
        if name not in found or _ROLE_RANK[role] < _ROLE_RANK[found[name]]:
            found[name] = role

    for turn in turns:
        add(turn.speaker, "interviewee" if turn.role == "answer" else "interviewer")
    add(interviewer, "interviewer")
    for name in re.split(r"\s*[,;]\s*|\s+(?:and|и|і)\s+", author):
        add(name, "byline")
    for name in vocabulary.find_people(text, tokens=tokens, known=known):
        add(name, "named")
    return sorted(found.items(), key=lambda item: (_ROLE_RANK[item[1]], item[0]))


def analyse_text(row: Mapping[str, Any], default_type: str, min_shingles: int) -> TextAnalysis:
    """The analysis of an article's text: ``row`` holds its :data:`INPUTS` (a stored ``articles``
    row will do); ``default_type`` is its source's content type when the text names none."""
    inputs = _inputs(row)
    _, title, lead, body_text, markdown, author = inputs
    tokens = vocabulary.tokenize(f"{title}\n{body_text}")
    shingles = stories.shingles(tokens)
    signature = stories.minhash(shingles) if len(shingles) >= min_shingles else None
    keys = stories.band_keys(signature) if signature is not None else []
    turns, interviewer = interviews.parse_turns(markdown) if "?" in markdown else ([], None)
    if turns:
        who = interviews.interviewee(title, lead, vocabulary.find_people(f"{title}\n{lead}"))
        turns = [replace(t, speaker=t.speaker or (who if t.role == "answer" else interviewer)) for t in turns]
    content_type = interviews.classify(title, lead, turns, default_type)
    if content_type != "interview":  # a news text with a question answered in it has no turns
        turns, interviewer = [], None
    topic_tokens = [*tokens, *vocabulary.tokenize(lead)] if lead else tokens
    found = vocabulary.find_all(topic_tokens)
    return TextAnalysis(
        inputs=inputs,
        default_type=default_type,
        min_shingles=min_shingles,
        shingles=shingles,
        signature=signature,
        keys=keys,
        content_type=content_type,
        topics=found.topics,
        organisations=found.organisations,
        people=_people(author, turns, interviewer, f"{title}\n{lead}\n{body_text}", topic_tokens, found.people),
        turns=turns,
    )
