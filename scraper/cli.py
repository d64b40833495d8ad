"""The command line: thin click commands over importable functions (``python -m scraper``)."""

from __future__ import annotations

import json
import logging
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from scraper import __version__
from scraper.errors import ScraperError
from scraper.logs import LOG_FORMATS, LogFormat, configure
from scraper.settings import Settings, parse_base_urls, parse_duration, parse_every, resolve_settings
from scraper.sources import get_source, source_names

if TYPE_CHECKING:
    from scraper.source_health import SourceHealth

__all__ = ["main"]

DB_OPTION = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="SQLite archive file (default: archive.db, or $SCRAPER_DB).",
)
BASE_URL_OPTION = click.option(
    "--base-url",
    "base_urls",
    multiple=True,
    metavar="NAME=URL",
    help="Point source NAME at a mirror: its origin is replaced by URL's origin, which becomes its only scope. "
    "Repeatable.",
)
DELAY_OPTION = click.option(
    "--delay",
    type=click.FloatRange(min=0),
    default=None,
    help="Minimum seconds between two requests to one host (default 1; robots.txt Crawl-delay still applies).",
)
PORT_OPTION = click.option("--port", type=click.IntRange(0, 65535), default=None, help="Port for Datasette (8001).")
HOST_OPTION = click.option("--host", default=None, help="Interface for Datasette (127.0.0.1; 0.0.0.0 for all).")


def _settings(base_urls: tuple[str, ...] = (), every: tuple[str, ...] = (), **values: Any) -> Settings:
    try:
        parsed = parse_base_urls(list(base_urls), set(source_names()))
        cadences = parse_every(list(every), set(source_names()))
        if isinstance(values.get("backfill_every"), str):
            values["backfill_every"] = parse_duration(values["backfill_every"], "--backfill-every")
        return resolve_settings(base_urls=parsed or None, every=cadences or None, **values)
    except ScraperError as exc:
        raise click.UsageError(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="smartcity-archive")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only warnings and errors in the log.")
@click.option(
    "--log-format",
    type=click.Choice(LOG_FORMATS),
    default="text",
    envvar="SCRAPER_LOG_FORMAT",
    show_default=True,
    help="Log lines for people (text) or one JSON object a line for log systems (json; $SCRAPER_LOG_FORMAT).",
)
def cli(verbose: int, quiet: bool, log_format: LogFormat) -> None:
    """Smart-city news archive: scrape ITU and ministry news into SQLite and publish it with Datasette."""
    level = logging.WARNING if quiet else logging.DEBUG if verbose > 1 else logging.INFO
    configure(level, log_format)
    if verbose < 2:
        logging.getLogger("httpx").setLevel(logging.WARNING)
        logging.getLogger("apscheduler").setLevel(logging.WARNING)


@cli.command()
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="One JSON object per source instead of a table.")
def sources(db_path: Path | None, as_json: bool) -> None:
    """List every source (coded and configured in sources.yml): name, site, languages, schedule
    (as `up` last scheduled it, else the source's default), discovery, last run, status, article
    count and backfill state."""
    import json

    from scraper.overview import source_statuses

    settings = _settings(db_path=db_path)
    statuses = source_statuses(settings.db_path)
    if as_json:
        for status in statuses:
            click.echo(json.dumps(status.as_dict(), ensure_ascii=False))
        return
    header = ("name", "site", "languages", "schedule", "discovery", "last run", "status", "articles", "backfill")
    rows = [
        (
            s.name,
            s.site.split("://", 1)[-1],
            s.languages,
            s.schedule,
            s.discovery,
            (s.last_run[:16].replace("T", " ") + " UTC") if s.last_run else "never",
            s.status or "-",
            str(s.articles),
            s.backfill or "-",
        )
        for s in statuses
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


@cli.command()
@click.argument("names", nargs=-1, metavar="[NAME ...]")
@DB_OPTION
@BASE_URL_OPTION
@DELAY_OPTION
@click.option(
    "--backfill",
    is_flag=True,
    help="Walk the full history (every listing page, sitemap and section page) instead of stopping at known "
    "articles; an interrupted backfill resumes where it stopped.",
)
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar="YYYY-MM-DD",
    help="Only articles published on or after this day; with --backfill, walk the history back to it.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bars (default: on a terminal, never in CI or when stderr is redirected).",
)
def scrape(
    names: tuple[str, ...],
    db_path: Path | None,
    base_urls: tuple[str, ...],
    delay: float | None,
    backfill: bool,
    since: datetime | None,
    progress: bool | None,
) -> None:
    """Run the named sources once (all when none named) and print a summary per source.

    Exits 0 unless a source failed as a whole.
    """
    from scraper.pipeline import run_sources
    from scraper.progress import progress_bars, wants_progress

    settings = _settings(
        db_path=db_path,
        base_urls=base_urls,
        delay=delay,
        backfill=backfill or None,
        since=since.date() if since else None,
    )
    try:
        chosen = [get_source(n).name for n in names] or source_names()
    except ScraperError as exc:
        raise click.UsageError(str(exc)) from None
    with progress_bars(wants_progress() if progress is None else progress) as report:
        results = run_sources(chosen, settings, progress=report)
    for r in results:
        c = r.counts
        click.echo(
            f"{r.source}: {r.status} - found {c['found']}, new {c['new']}, updated {c['updated']}, "
            f"unchanged {c['unchanged']}, failed {c['failed']}, skipped {c['skipped']} "
            f"({c['requests']} requests, {c['not_modified']} not modified, {r.duration_s:.1f}s)"
            + (f" - {r.error}" if r.error else "")
        )
    if any(r.status == "failed" for r in results):
        sys.exit(1)


@cli.command()
@DB_OPTION
@PORT_OPTION
@HOST_OPTION
def serve(db_path: Path | None, port: int | None, host: str | None) -> None:
    """Serve the archive with Datasette, metadata.yml and the archive's plugins."""
    from scraper.site import serve as serve_site

    serve_site(_settings(db_path=db_path, port=port, host=host))


@cli.command()
@click.argument("names", nargs=-1, metavar="[NAME ...]")
@DB_OPTION
@PORT_OPTION
@HOST_OPTION
@BASE_URL_OPTION
@DELAY_OPTION
@click.option("--no-initial-run", is_flag=True, help="Wait for the schedule instead of scraping every source at start.")
@click.option(
    "--every",
    multiple=True,
    metavar="NAME=DURATION",
    help="Run source NAME this often instead of its default (e.g. mpt=30m; units s, m, h, d, w). Repeatable.",
)
@click.option(
    "--backfill-every",
    metavar="DURATION",
    default=None,
    help="How often every source gets a backfill pass that walks all its listings (default 7d; 0 for never).",
)
def up(
    names: tuple[str, ...],
    db_path: Path | None,
    port: int | None,
    host: str | None,
    base_urls: tuple[str, ...],
    delay: float | None,
    no_initial_run: bool,
    every: tuple[str, ...],
    backfill_every: str | None,
) -> None:
    """The main job: the scheduler and Datasette together; Ctrl-C or SIGTERM stops both cleanly.

    The named sources (all when none are named) run once at start, then on their schedule,
    which is kept in the archive: a restart keeps it, and runs missed while the job was down
    run when it is back.
    """
    from scraper.scheduling import run_up

    try:
        chosen = [get_source(n).name for n in names]
    except ScraperError as exc:
        raise click.UsageError(str(exc)) from None
    settings = _settings(
        db_path=db_path,
        port=port,
        host=host,
        base_urls=base_urls,
        delay=delay,
        every=every,
        backfill_every=backfill_every,
    )
    run_up(settings, initial_run=not no_initial_run, names=chosen or None)


@cli.command()
@click.argument("names", nargs=-1, metavar="[NAME ...]")
@DB_OPTION
@click.option(
    "--max-age",
    metavar="DURATION",
    default=None,
    help="Stale after this long without a successful run (default: three times the source's schedule).",
)
@click.option(
    "--max-failures",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Failing after this many failed runs in a row.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def status(names: tuple[str, ...], db_path: Path | None, max_age: str | None, max_failures: int, as_json: bool) -> None:
    """Health of the named sources (when none, those `up` schedules): last success, failures, articles, fields.

    For monitoring systems: exits 0 when every source is healthy, 1 when one is stale,
    failing, degraded or never succeeded, 2 when the archive cannot be read.
    """
    from scraper import source_health as health
    from scraper import store

    settings = _settings(db_path=db_path)
    try:
        chosen = [get_source(n).name for n in names] or None
        thresholds = health.Thresholds(
            max_age_s=parse_duration(max_age, "--max-age") if max_age else None, max_failures=max_failures
        )
    except ScraperError as exc:
        raise click.UsageError(str(exc)) from None
    if not settings.db_path.is_file():
        click.echo(f"Error: no archive at {settings.db_path}", err=True)
        sys.exit(2)
    db = store.open_db(settings.db_path)
    try:
        report = health.check(db, chosen, settings, thresholds)
    finally:
        db.conn.close()
    if as_json:
        click.echo(json.dumps([h.as_dict() for h in report], ensure_ascii=False, indent=2))
    else:
        _print_health(report)
    if not all(h.healthy for h in report):
        sys.exit(1)


def _print_health(report: list[SourceHealth]) -> None:
    header = ("source", "state", "last success", "failures", "articles", "new 7d", "next run")
    rows = [
        (
            h.source,
            h.state,
            (h.last_success_at or "never").replace("+00:00", "Z"),
            str(h.consecutive_failures),
            str(h.articles),
            str(h.new_7d),
            (h.next_run_at or "-").replace("+00:00", "Z"),
        )
        for h in report
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    for h in report:
        for problem in h.problems:
            click.echo(f"{h.source}: {problem}")


@cli.command()
@click.argument("dest", type=click.Path(dir_okay=False, path_type=Path))
@DB_OPTION
@click.option("--force", is_flag=True, help="Replace DEST if it exists.")
def backup(dest: Path, db_path: Path | None, force: bool) -> None:
    """Copy the archive to DEST while it is in use (SQLite online backup), checked with integrity_check.

    The copy is a consistent snapshot in one self-contained file: restore it by putting it in
    place of archive.db, or publish it read-only with datasette (see the README).
    """
    from scraper.backup import backup as backup_archive

    settings = _settings(db_path=db_path)
    try:
        result = backup_archive(settings.db_path, dest, overwrite=force)
    except ScraperError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(
        f"{result.path}: {result.articles} articles, {result.size_bytes / 1e6:.1f} MB, "
        f"integrity ok ({result.seconds:.1f}s)"
    )


@cli.command("export-warc")
@DB_OPTION
@click.option("--source", "source_name", default=None, metavar="NAME", help="Only this source's pages.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="WARC file to write (default: archive-YYYYMMDD.warc.gz beside the database).",
)
def export_warc(db_path: Path | None, source_name: str | None, output: Path | None) -> None:
    """Write the kept raw article pages as a gzipped WARC file, for web-archive tools."""
    from datetime import UTC, datetime

    from scraper import store
    from scraper.warc import export_warc as write_warc

    settings = _settings(db_path=db_path)
    if source_name is not None:
        try:
            get_source(source_name)
        except ScraperError as exc:
            raise click.UsageError(str(exc)) from None
    if not settings.db_path.exists():
        raise click.ClickException(f"no archive at {settings.db_path}")
    target = output or settings.db_path.with_name(f"archive-{datetime.now(UTC):%Y%m%d}.warc.gz")
    db = store.open_db(settings.db_path)
    try:
        count = write_warc(db, target, source_name)
    finally:
        db.conn.close()
    click.echo(f"wrote {count} pages to {target}")


@cli.command()
@click.argument("names", nargs=-1, metavar="[NAME ...]")
@DB_OPTION
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
def reextract(names: tuple[str, ...], db_path: Path | None, dry_run: bool) -> None:
    """Re-extract every archived article of the named sources (all when none named) from its kept raw page.

    No request goes to any site. Changed texts keep their earlier state as a version; the
    summary lists, per source, how many articles changed and in which fields.
    """
    from scraper import store
    from scraper.reextract import reextract as run_reextract

    settings = _settings(db_path=db_path)
    try:
        chosen = [get_source(n).name for n in names] or None
    except ScraperError as exc:
        raise click.UsageError(str(exc)) from None
    if not settings.db_path.exists():
        raise click.ClickException(f"no archive at {settings.db_path}")
    db = store.open_db(settings.db_path)
    try:
        reports = run_reextract(db, chosen, dry_run=dry_run)
    finally:
        db.conn.close()
    if not reports:
        click.echo("no raw pages kept: nothing to re-extract")
    for r in reports:
        verb = "would change" if dry_run else "changed"
        click.echo(
            f"{r.source}: {r.pages} pages - new {r.new}, updated {r.updated} (text), refreshed {r.refreshed} "
            f"(metadata), unchanged {r.unchanged}, failed {r.failed}"
        )
        for name, count in r.fields.most_common():
            click.echo(f"  {verb} {name}: {count} article(s), e.g. {r.examples[name][0]}")
        for url, error in r.failures[:10]:
            click.echo(f"  failed {url}: {error}")
        f = r.health.figures()
        if f["extracted"]:
            click.echo(
                f"  field health: empty title {f['empty_title_share']:.0%}, date {f['empty_date_share']:.0%}, "
                f"body {f['empty_body_share']:.0%}; generic layer {f['generic_share']:.0%} of fields"
            )


@cli.command()
@DB_OPTION
@click.option("--follow", is_flag=True, help="Keep indexing what scrapes queue, until SIGTERM or Ctrl-C.")
@click.option("--parent", type=int, default=None, hidden=True)
def index(db_path: Path | None, follow: bool, parent: int | None) -> None:
    """Stem the articles queued for the search index (`up` runs this with --follow beside its
    scrapes, which leave the stemming to it; a scrape stems in batches itself; every run catches
    up at its end)."""
    from scraper import indexer, search, store

    settings = _settings(db_path=db_path)
    if not settings.db_path.exists():
        raise click.ClickException(f"no archive at {settings.db_path}")
    if follow:  # a process beside others (``up``): it logs, and says nothing on stdout
        indexer.follow(settings.db_path, parent=parent)
        return
    db = store.open_db(settings.db_path)
    try:
        done = search.index_pending(db)
    finally:
        db.conn.close()
    click.echo(f"{done} articles indexed for search")


@cli.command()
@DB_OPTION
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=0,
    help="Processes that analyse the articles (default 0: one per CPU, at most 4, for 2,000 articles or more).",
)
def recompute(db_path: Path | None, workers: int) -> None:
    """Recompute stories, content types, interview turns, topics, people and organisations of every
    archived article (after a change of vocabulary or thresholds), and diff any version not yet diffed."""
    from scraper import store
    from scraper.recompute import recompute_archive

    settings = _settings(db_path=db_path)
    if not settings.db_path.exists():
        raise click.ClickException(f"no archive at {settings.db_path}")
    db = store.open_db(settings.db_path)
    try:
        stats = recompute_archive(db, workers=workers or None)
    finally:
        db.conn.close()
    links = ", ".join(f"{n} {kind}" for kind, n in sorted(stats.links.items())) or "none"
    types = ", ".join(f"{n} {kind}" for kind, n in sorted(stats.content_types.items()))
    click.echo(
        f"{stats.articles} articles in {stats.stories} stories ({stats.multi_article_stories} with more than one"
        f" article; links: {links}; {stats.changed_story_ids} story ids changed)"
    )
    click.echo(f"types: {types}; {stats.interview_turns} interview turns")
    click.echo(
        f"{stats.topics} topics, {stats.organisations} organisations, {stats.people} people; "
        f"{stats.diffs} version diffs written"
    )
    phases = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in stats.seconds.items())
    click.echo(f"done in {stats.total_seconds:.2f}s ({phases})")


def main(argv: list[str] | None = None) -> None:
    """Console entry point."""
    try:
        cli.main(args=argv, prog_name="python -m scraper")
    except ScraperError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
