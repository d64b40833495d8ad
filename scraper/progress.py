"""Progress bars for long runs: one bar per source on a terminal (rich), nothing in logs or CI."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from scraper.pipeline import ProgressCallback

__all__ = ["progress_bars", "wants_progress"]


def wants_progress(stream: TextIO | None = None, environ: Mapping[str, str] | None = None) -> bool:
    """Bars only for a person at a terminal: not when the output is a file, a pipe or CI."""
    stream = stream or sys.stderr
    environ = os.environ if environ is None else environ
    return bool(getattr(stream, "isatty", lambda: False)()) and not environ.get("CI")


@contextmanager
def progress_bars(enabled: bool) -> Iterator[ProgressCallback | None]:
    """A callback that moves one bar per source (pages handled of pages found so far), or None.

    While the bars show, log records go through the same console, above the bars.
    """
    if not enabled:
        yield None
        return
    console = Console(stderr=True)
    bars = Progress(
        TextColumn("[bold]{task.description:<12}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("pages"),
        TimeElapsedColumn(),
        console=console,
    )
    tasks: dict[str, TaskID] = {}

    def report(source: str, done: int, total: int) -> None:
        task = tasks.get(source)
        if task is None:
            task = tasks[source] = bars.add_task(source, total=None)
        bars.update(task, completed=done, total=max(total, done))

    handlers = [h for h in logging.getLogger().handlers if isinstance(h, logging.StreamHandler)]
    streams = [h.stream for h in handlers]
    with bars:
        for handler in handlers:
            handler.setStream(sys.stderr)  # rich's proxy while the bars are live
        try:
            yield report
        finally:
            for handler, stream in zip(handlers, streams, strict=True):
                handler.setStream(stream)
