"""Copies of a live archive, made while scrapes write and Datasette reads (SQLite's online backup).

The copy is one consistent snapshot (one read transaction: in WAL mode writers go on
meanwhile), checked with ``PRAGMA integrity_check``, turned into a self-contained file
(rollback journal, no ``-wal``) and moved into place atomically, so a backup interrupted
halfway never leaves a file that looks complete.
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from scraper.errors import ArchiveError

__all__ = ["BackupResult", "backup"]


@dataclass(frozen=True)
class BackupResult:
    """What a backup wrote."""

    path: Path
    size_bytes: int
    articles: int
    seconds: float


def backup(source: Path, dest: Path, overwrite: bool = False) -> BackupResult:
    """Copy the archive ``source`` to ``dest`` while it is in use; raise ArchiveError on any problem."""
    if not source.is_file():
        raise ArchiveError(f"no archive at {source}")
    if dest.exists() and not overwrite:
        raise ArchiveError(f"{dest} exists (use --force to replace it)")
    if dest.resolve() == source.resolve():
        raise ArchiveError("the backup must go to another file than the archive")
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".part")
    partial.unlink(missing_ok=True)
    started = time.monotonic()
    try:
        src = sqlite3.connect(source, timeout=30)
        copy = sqlite3.connect(partial)
        try:
            src.backup(copy)  # all pages in one step: one snapshot, never restarted by writes
            verdict = copy.execute("pragma integrity_check").fetchone()[0]
            if verdict != "ok":
                raise ArchiveError(f"the copy of {source} fails integrity_check: {verdict}")
            copy.execute("pragma journal_mode = delete")
            articles = int(copy.execute("select count(*) from articles").fetchone()[0])
        finally:
            copy.close()
            src.close()
        os.replace(partial, dest)
    except sqlite3.Error as exc:
        raise ArchiveError(f"backup of {source} failed: {exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(dest, dest.stat().st_size, articles, time.monotonic() - started)
