"""Datasette hooks of the archive: SQL functions used by the canned queries in metadata.yml."""

from __future__ import annotations

import re
import sqlite3

from datasette import hookimpl

__all__ = ["fts_query", "prepare_connection"]

_TOKEN = re.compile(r'"[^"]*"|[^\s"]+')
_WORD = re.compile(r"[\w]+(?:[-'’][\w]+)*\*?", re.UNICODE)


def fts_query(q: str | None) -> str:
    """Turn what a person typed into a safe FTS5 query: words ANDed, "phrases" and prefix* kept.

    Operators and unbalanced quotes never reach FTS5 as syntax, so no input gives an error.
    """
    if not q:
        return '""'
    parts: list[str] = []
    for token in _TOKEN.findall(q):
        if token.startswith('"') and token.endswith('"') and len(token) > 1:
            words = _WORD.findall(token[1:-1])
            if words:
                parts.append('"' + " ".join(w.rstrip("*") for w in words) + '"')
            continue
        for word in _WORD.findall(token):
            prefix = word.endswith("*")
            word = word.rstrip("*")
            if word.upper() in {"AND", "OR", "NOT", "NEAR"}:
                word = word.lower()
            parts.append(f'"{word}"' + ("*" if prefix else ""))
    return " ".join(parts) if parts else '""'


@hookimpl  # type: ignore[untyped-decorator]
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.create_function("archive_fts_query", 1, fts_query, deterministic=True)
