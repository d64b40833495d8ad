"""Field health of a run: how many extracted articles lack a title, date or body, and how many
fields fell through to the generic layer; a run much worse than its source's history is flagged.

This is how a layout change on a site shows up before users see empty articles: the site's
selectors stop matching, the generic layer takes over or fields come out empty, and the
shares jump against the source's earlier runs.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from scraper.errors import ExtractError
from scraper.store import ArticleRecord

__all__ = ["COLLAPSE_RISE", "MIN_PAGES", "FieldHealth", "HealthVerdict", "judge"]

#: a share must rise by at least this much (absolute, 0-1) over the history's median to collapse
COLLAPSE_RISE = 0.10
#: a run that extracted fewer pages says too little to be judged
MIN_PAGES = 3
#: how many earlier judged runs of the source make its history
HISTORY_RUNS = 10
#: the figures compared with history, as named in ``runs``
SHARES = ("empty_title_share", "empty_date_share", "empty_body_share", "generic_share")
_LABELS = {
    "empty_title_share": "empty title",
    "empty_date_share": "empty date",
    "empty_body_share": "empty body",
    "generic_share": "generic fields",
}
# the fields whose layer is watched: title, date and body each come from structured data or
# the site's selectors on a healthy page; "generic" means trafilatura had to take over
_WATCHED = ("title_source", "date_source", "body_source")


@dataclass
class FieldHealth:
    """Counts for one run, fed one extracted record (or extraction failure) at a time."""

    extracted: int = 0
    empty_title: int = 0
    empty_date: int = 0
    empty_body: int = 0
    generic_fields: int = 0
    watched_fields: int = 0

    def add(self, record: ArticleRecord) -> None:
        """Count an article that was extracted (and is about to be saved)."""
        self.extracted += 1
        self.empty_title += not record.title.strip()
        self.empty_date += not record.published_at
        self.empty_body += not record.body_text.strip()
        for name in _WATCHED:
            self.watched_fields += 1
            self.generic_fields += getattr(record, name) == "generic"

    def add_failure(self, error: ExtractError) -> None:
        """Count a page whose extraction failed: it has no title or no body (and so no article)."""
        self.extracted += 1
        self.watched_fields += len(_WATCHED)
        if error.field == "title":
            self.empty_title += 1
        else:
            self.empty_body += 1
        self.empty_date += 1

    def figures(self) -> dict[str, int | float | None]:
        """The run's figures as stored in ``runs`` (shares are None when nothing was extracted)."""

        def share(n: int, of: int) -> float | None:
            return round(n / of, 4) if of else None

        return {
            "extracted": self.extracted,
            "empty_title_share": share(self.empty_title, self.extracted),
            "empty_date_share": share(self.empty_date, self.extracted),
            "empty_body_share": share(self.empty_body, self.extracted),
            "generic_share": share(self.generic_fields, self.watched_fields),
        }


@dataclass(frozen=True)
class HealthVerdict:
    """``ok`` or ``collapsed``, and what moved."""

    health: str
    note: str | None = None


def judge(current: Mapping[str, int | float | None], history: Sequence[Mapping[str, object]]) -> HealthVerdict:
    """Compare a run's figures with earlier runs of its source (newest first).

    A share that rises by :data:`COLLAPSE_RISE` or more over the median of the last
    :data:`HISTORY_RUNS` judged runs (each with at least :data:`MIN_PAGES` pages) collapses the
    run. Without enough pages or history the run is ``ok`` with a note saying why it was not judged.
    """
    extracted = int(current.get("extracted") or 0)
    if extracted < MIN_PAGES:
        return HealthVerdict("ok", f"not judged: {extracted} page(s) extracted" if extracted else None)
    usable = [h for h in history if int(str(h.get("extracted") or 0)) >= MIN_PAGES][:HISTORY_RUNS]
    if not usable:
        return HealthVerdict("ok", "not judged: no earlier run to compare with")
    moved: list[str] = []
    for name in SHARES:
        now = current.get(name)
        before = [float(str(h[name])) for h in usable if h.get(name) is not None]
        if now is None or not before:
            continue
        baseline = statistics.median(before)
        if float(now) - baseline >= COLLAPSE_RISE:
            moved.append(f"{_LABELS[name]} {baseline:.0%} -> {float(now):.0%}")
    if moved:
        return HealthVerdict("collapsed", "; ".join(moved) + f" (median of {len(usable)} earlier runs)")
    return HealthVerdict("ok")
