"""What ``python -m scraper sources`` shows: every source with its schedule (as ``up`` last
scheduled it, else the source's default), discovery, last run, article count and backfill state,
read from the archive (never from the sites)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from scraper import store
from scraper.backfill import backfill_overview
from scraper.sources import all_sources

__all__ = ["SourceStatus", "source_statuses"]


@dataclass(frozen=True)
class SourceStatus:
    """One source as the ``sources`` command lists it."""

    name: str
    site: str
    languages: str
    schedule: str
    discovery: str
    configured: bool
    last_run: str | None
    status: str | None
    articles: int
    backfill: str | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _backfill(state: dict[str, Any] | None) -> str | None:
    if not state:
        return None
    if state.get("status") == "complete":
        return f"complete {str(state.get('finished_at') or '')[:10]}".strip()
    done, pending, failed = (state.get(f"pages_{k}", 0) or 0 for k in ("done", "pending", "failed"))
    text = f"interrupted: {done} pages done, {pending} to go"
    return text + (f", {failed} failed" if failed else "")


def _every(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size and seconds % size == 0:
            return f"every {int(seconds // size)} {unit}"
    return f"every {seconds:g} s"


def _schedule(default_minutes: int, stored: dict[str, float] | None) -> str:
    """The schedule ``up`` last ran the source on (routine runs, and the backfill pass), else its
    default cadence, said to be one."""
    if not stored or store.ROUTINE not in stored:
        return f"{_every(default_minutes * 60.0)} (default)"
    text = _every(stored[store.ROUTINE])
    return text + (f", backfill {_every(stored[store.BACKFILL])}" if store.BACKFILL in stored else "")


def source_statuses(db_path: Path) -> list[SourceStatus]:
    """Every source, in registry order, with what the archive at ``db_path`` knows of it."""
    overview: dict[str, dict[str, Any]] = {}
    backfills: dict[str, dict[str, Any]] = {}
    schedules: dict[str, dict[str, float]] = {}
    if db_path.exists():
        db = store.open_db(db_path)
        try:
            overview = store.source_overview(db)
            backfills = backfill_overview(db)
            schedules = store.stored_schedules(db)
        finally:
            db.conn.close()
    from scraper.sources.configured import ConfiguredSource

    result = []
    for source in all_sources():
        info = overview.get(source.name, {})
        result.append(
            SourceStatus(
                name=source.name,
                site=source.site,
                languages=",".join(source.languages),
                schedule=_schedule(source.every_minutes, schedules.get(source.name)),
                discovery=source.discovery,
                configured=isinstance(source, ConfiguredSource),
                last_run=info.get("last_run"),
                status=info.get("last_status"),
                articles=int(info.get("articles", 0)),
                backfill=_backfill(backfills.get(source.name)),
            )
        )
    return result
