"""What changed between two states of an article: field by field, with a word-level diff.

:mod:`scraper.store` keeps an article's earlier states in ``article_versions``; this module writes
``version_diffs``, one row per changed field of each change (from a version to the state that
followed it), which the ``corrections`` and ``article_history`` queries of the site show.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Any

import sqlite_utils

__all__ = ["FIELDS", "diff_rows", "word_diff", "write_missing_diffs"]

FIELDS = ("title", "lead", "published_at", "body_text")
_WORDS = re.compile(r"\S+|\s+")


def word_diff(before: str, after: str, context: int = 6) -> str:
    """The changes from ``before`` to ``after`` as ``[-removed-]{+added+}`` in context, hunks joined by " … "."""
    a, b = _WORDS.findall(before or ""), _WORDS.findall(after or "")
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    hunks: list[str] = []
    for group in matcher.get_grouped_opcodes(context * 2):
        out: list[str] = []
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                words = a[i1:i2]
                if len(words) > 2 * context * 2:
                    words = [*words[: context * 2], " … ", *words[-context * 2 :]]
                out.append("".join(words))
                continue
            removed, added = "".join(a[i1:i2]).strip(), "".join(b[j1:j2]).strip()
            if removed:
                out.append(f"[-{removed}-]")
            if added:
                out.append(f"{' ' if removed else ''}{{+{added}+}}")
        hunks.append("".join(out).strip())
    return " … ".join(hunks)


def diff_rows(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One row per field that differs between two states (white space alone is no difference)."""
    out = []
    for name in FIELDS:
        before, after = old.get(name) or "", new.get(name) or ""
        if " ".join(str(before).split()) == " ".join(str(after).split()):
            continue
        out.append({"field": name, "before": before, "after": after, "diff": word_diff(str(before), str(after))})
    return out


def write_missing_diffs(db: sqlite_utils.Database, article_id: int | None = None, now: str | None = None) -> int:
    """Write the diffs of every change not yet diffed (of one article, or all); return how many rows.

    A change goes from a version to the next version of the article, or to its current state.
    ``detected_at`` is ``now`` for the newest change (it was just saved) and otherwise the time
    the earlier state was last seen.
    """
    where = "where v.article_id = ?" if article_id is not None else ""
    params = [article_id] if article_id is not None else []
    cursor = db.conn.execute(
        "select v.* from article_versions v"
        f" {where}{' and' if where else 'where'} not exists"
        " (select 1 from version_diffs d where d.version_id = v.id) order by v.article_id, v.id",
        params,
    )
    names = [d[0] for d in cursor.description]
    pending = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
    written = 0
    for version in pending:
        following = db.execute(
            "select title, lead, published_at, body_text from article_versions"
            " where article_id = ? and id > ? order by id limit 1",
            [version["article_id"], version["id"]],
        ).fetchone()
        newest = following is None
        if newest:
            following = db.execute(
                "select title, lead, published_at, body_text from articles where id = ?", [version["article_id"]]
            ).fetchone()
            if following is None:
                continue
        after = dict(zip(FIELDS, following, strict=True))
        detected = (now if newest and now else None) or version["captured_at"]
        rows = diff_rows(version, after)  # never empty: a version exists because title or text changed
        db.table("version_diffs").insert_all(
            [
                {"article_id": version["article_id"], "version_id": version["id"], "detected_at": detected, **row}
                for row in rows
            ]
        )
        written += len(rows)
    return written
