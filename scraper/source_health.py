"""How every source is doing, and whether someone should be woken up about it.

The facts are those of the ``source_health`` view that Datasette shows (last run, last
success, consecutive failures, articles); :func:`check` adds the verdicts that
``python -m scraper status`` turns into an exit code for monitoring systems:

``never``
    no run of the source has succeeded yet;
``failing``
    its last ``max_failures`` runs (default 2) failed as a whole;
``stale``
    its last success is older than ``max_age`` (default three times its schedule);
``degraded``
    its extraction collapsed (a site changed its layout before readers notice), seen in either
    of two ways: the last run that extracted enough pages to be judged has ``health`` =
    ``collapsed`` in ``runs`` (:mod:`scraper.health`, run against run); or, for sources that
    publish a few articles a day and so rarely give a run enough pages, among its 20 newest
    articles the share without a date, without a body, or with a body found only by generic
    extraction is 20 points or more above the share among its older articles.

A run that succeeded is one that ran to its end, ``ok`` or ``partial``; stopped and crashed
runs neither succeed nor fail.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from scraper.health import MIN_PAGES
from scraper.settings import Settings
from scraper.sources import all_sources, get_source

__all__ = ["FIELDS", "RECENT", "SourceHealth", "Thresholds", "check", "expected_sources"]

#: how many of a source's newest articles are compared with the older ones
RECENT = 20
#: field checks: name -> SQL that is 1 for an article that fails it
FIELDS = {
    "no_title": "coalesce(trim(title), '') = ''",
    "no_date": "coalesce(published_at, '') = ''",
    "no_body": "coalesce(trim(body_text), '') = ''",
    "generic_body": "coalesce(body_source, '') = 'generic'",
}
_STATE_ORDER = ("failing", "stale", "never", "degraded")


@dataclass(frozen=True)
class Thresholds:
    """When a source counts as unhealthy."""

    #: seconds without a success before a source is stale; None: ``stale_factor`` x its interval
    max_age_s: float | None = None
    stale_factor: float = 3.0
    #: consecutive failed runs that make a source failing
    max_failures: int = 2
    #: rise, in percentage points, of a field's failure share that makes a source degraded
    degraded_points: float = 20.0
    #: fewest new and old articles for that comparison to mean something
    min_articles: int = 5


@dataclass(frozen=True)
class SourceHealth:
    """One source's health: the facts, the verdict and the reasons for it."""

    source: str
    state: str
    problems: tuple[str, ...]
    every_seconds: float
    max_age_seconds: float
    last_run_at: str | None
    last_status: str | None
    last_ending: str | None
    last_success_at: str | None
    consecutive_failures: int
    running: int
    articles: int
    new_7d: int
    next_run_at: str | None
    #: field check -> (share among the newest articles, share among the older ones), in percent
    fields: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)

    @property
    def healthy(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["healthy"] = self.healthy
        data["problems"] = list(self.problems)
        data["fields"] = {k: {"recent_pct": v[0], "older_pct": v[1]} for k, v in self.fields.items()}
        return data


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _interval(db: sqlite_utils.Database, settings: Settings, source: str) -> float:
    """Seconds between scheduled runs: as ``up`` last scheduled it, else as configured."""
    if "schedules" in db.table_names():
        row = db.execute(
            "select every_seconds from schedules where source = ? and kind = 'routine'", [source]
        ).fetchone()
        if row and row[0]:
            return float(row[0])
    return float(settings.every.get(source, get_source(source).every_minutes * 60.0))


_Part = tuple[int, dict[str, int]]


def _field_shares(db: sqlite_utils.Database) -> dict[str, dict[str, _Part]]:
    """Per source, for its newest and for its older articles: their count and failures per field check."""
    checks = ", ".join(f"sum({sql}) as {name}" for name, sql in FIELDS.items())
    sql = f"""
        with ranked as (
          select *, row_number() over (partition by source order by first_seen_at desc, id desc) as rank
          from articles
        )
        select source, rank <= ? as recent, count(*) as n, {checks}
        from ranked group by source, recent
    """
    found: dict[str, dict[str, _Part]] = {}
    for row in db.query(sql, [RECENT]):
        part = "recent" if row["recent"] else "older"
        found.setdefault(row["source"], {})[part] = (int(row["n"]), {k: int(row[k] or 0) for k in FIELDS})
    return found


def _pct(part: _Part | None, name: str) -> float | None:
    if part is None or part[0] == 0:
        return None
    return round(100.0 * part[1][name] / part[0], 1)


def check(
    db: sqlite_utils.Database,
    names: list[str] | None = None,
    settings: Settings | None = None,
    thresholds: Thresholds | None = None,
    now: datetime | None = None,
) -> list[SourceHealth]:
    """The health of the named sources, as of ``now``; when none are named, of the sources this
    archive is expected to collect: those `up` schedules, else those that ever ran, else all."""
    settings = settings or Settings()
    thresholds = thresholds or Thresholds()
    now = now or datetime.now(UTC)
    facts = {row["source"]: row for row in db.query("select * from source_health")}
    shares = _field_shares(db)
    report: list[SourceHealth] = []
    for name in names or expected_sources(db):
        row: dict[str, Any] = facts.get(name, {})
        every = _interval(db, settings, name)
        max_age = thresholds.max_age_s if thresholds.max_age_s is not None else thresholds.stale_factor * every
        problems: list[tuple[str, str]] = []
        success = _parse_time(row.get("last_success_at"))
        failures = int(row.get("consecutive_failures") or 0)
        if failures >= thresholds.max_failures:
            problems.append(("failing", f"{failures} failed runs in a row; last error: {_last_error(db, name)}"))
        if success is None:
            running = " (a run is in progress)" if row.get("running") else ""
            problems.append(("never", f"no successful run yet{running}"))
        elif (now - success).total_seconds() > max_age:
            hours = (now - success).total_seconds() / 3600
            problems.append(("stale", f"last success {hours:.1f} h ago, more than {max_age / 3600:.1f} h"))
        judged = _last_judged(db, name)
        if judged is not None and judged["health"] == "collapsed":
            problems.append(("degraded", f"extraction collapsed in run {judged['id']}: {judged['health_note']}"))
        parts = shares.get(name, {})
        recent, older = parts.get("recent"), parts.get("older")
        fields: dict[str, tuple[float | None, float | None]] = {}
        for check_name in FIELDS:
            new_share, old_share = _pct(recent, check_name), _pct(older, check_name)
            fields[check_name] = (new_share, old_share)
            if (
                new_share is not None
                and old_share is not None
                and recent is not None
                and older is not None
                and min(recent[0], older[0]) >= thresholds.min_articles
                and new_share - old_share >= thresholds.degraded_points
            ):
                problems.append(
                    (
                        "degraded",
                        f"{check_name.replace('_', ' ')}: {new_share}% of the newest articles, {old_share}% before",
                    )
                )
        states = {state for state, _ in problems}
        report.append(
            SourceHealth(
                source=name,
                state=next((s for s in _STATE_ORDER if s in states), "ok"),
                problems=tuple(text for _, text in problems),
                every_seconds=every,
                max_age_seconds=max_age,
                last_run_at=row.get("last_run_at"),
                last_status=row.get("last_status"),
                last_ending=row.get("last_ending"),
                last_success_at=row.get("last_success_at"),
                consecutive_failures=failures,
                running=int(row.get("running") or 0),
                articles=int(row.get("articles") or 0),
                new_7d=int(row.get("new_7d") or 0),
                next_run_at=row.get("next_run_at"),
                fields=fields,
            )
        )
    return report


def expected_sources(db: sqlite_utils.Database) -> list[str]:
    """The sources `up` schedules in this archive, else those that ever ran, else every source."""
    known = [s.name for s in all_sources()]
    for sql in ("select distinct source from schedules", "select distinct source from runs"):
        found = {str(r[0]) for r in db.execute(sql).fetchall()}
        if found & set(known):
            return [name for name in known if name in found]
    return known


def _last_judged(db: sqlite_utils.Database, source: str) -> dict[str, Any] | None:
    """The last run of ``source`` whose field health was judged (enough pages extracted)."""
    found = list(
        db.query(
            "select id, health, health_note from runs where source = ? and extracted >= ? and health is not null "
            "order by id desc limit 1",
            [source, MIN_PAGES],
        )
    )
    return found[0] if found else None


def _last_error(db: sqlite_utils.Database, source: str) -> str:
    row = db.execute(
        "select error from runs where source = ? and status = 'failed' order by id desc limit 1", [source]
    ).fetchone()
    return str(row[0]) if row and row[0] else "-"
