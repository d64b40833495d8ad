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

import numpy as np
import sqlite_utils

__all__ = ["FIELDS", "diff_rows", "word_diff", "write_missing_diffs"]

FIELDS = ("title", "lead", "published_at", "body_text")
_WORDS = re.compile(r"\S+|\s+")


#: windows narrower than this (tokens of ``b``) are searched by difflib itself: numpy's per-row cost is fixed
_NUMPY_FROM = 256


class _WordMatcher(difflib.SequenceMatcher[str]):
    """``difflib.SequenceMatcher(None, a, b, autojunk=False)`` with its longest-match search done a row
    at a time in numpy: the same match (longest, then earliest in ``a``, then earliest in ``b``), so the
    same opcodes. difflib's own loop visits every position of ``b`` holding ``a[i]``, and a one-space
    token is every other position of a text: a quarter of n² steps in Python for an n-token text.
    """

    def __init__(self, a: list[str], b: list[str]) -> None:
        super().__init__(None, a, b, autojunk=False)
        ids: dict[str, int] = {}
        self._a_ids = np.fromiter((ids.setdefault(t, len(ids)) for t in a), dtype=np.int64, count=len(a))
        self._b_ids = np.fromiter((ids.setdefault(t, len(ids)) for t in b), dtype=np.int64, count=len(b))

    def find_longest_match(
        self, alo: int = 0, ahi: int | None = None, blo: int = 0, bhi: int | None = None
    ) -> difflib.Match:
        ahi = len(self._a_ids) if ahi is None else ahi
        bhi = len(self._b_ids) if bhi is None else bhi
        na, nb = ahi - alo, bhi - blo
        if nb < _NUMPY_FROM or na < 2:
            return super().find_longest_match(alo, ahi, blo, bhi)
        a, b = self._a_ids[alo:ahi], self._b_ids[blo:bhi]
        n = min(na, nb)
        if np.array_equal(a[:n], b[:n]):  # one text starts the other (an appended paragraph): nothing is longer
            return difflib.Match(alo, blo, n)
        # run[j + 1]: length of the common run ending at a[i] and b[j], row i from row i - 1
        previous = np.zeros(nb + 1, dtype=np.int32)
        current = np.zeros(nb + 1, dtype=np.int32)
        best, best_i, best_j = 0, alo, blo
        for i in range(na):
            np.add(previous[:-1], 1, out=current[1:])
            current[1:] *= b == a[i]
            longest = int(current.max())
            if longest > best:  # the first row to reach it, and its first column: difflib's choice
                end = int(current.argmax()) - 1
                best, best_i, best_j = longest, alo + i - longest + 1, blo + end - longest + 1
            previous, current = current, previous
        return difflib.Match(best_i, best_j, best)


def word_diff(before: str, after: str, context: int = 6) -> str:
    """The changes from ``before`` to ``after`` as ``[-removed-]{+added+}`` in context, hunks joined by " … "."""
    a, b = _WORDS.findall(before or ""), _WORDS.findall(after or "")
    matcher = _WordMatcher(a, b)
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
