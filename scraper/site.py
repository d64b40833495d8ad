"""The Datasette site over the archive: built from metadata.yml, served by uvicorn."""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
from pathlib import Path
from types import FrameType
from typing import Any

import yaml
from datasette.app import Datasette
from datasette.database import Database
from datasette.plugins import pm

from scraper import datasette_plugin, store
from scraper.errors import ConfigError
from scraper.settings import Settings

__all__ = ["DATABASE_NAME", "build_datasette", "load_metadata", "serve"]

log = logging.getLogger(__name__)

DATABASE_NAME = "archive"
METADATA_PATH = Path(__file__).resolve().parent.parent / "metadata.yml"
TEMPLATES_PATH = Path(__file__).resolve().parent / "templates"
DATASETTE_SETTINGS = {
    "sql_time_limit_ms": 3000,
    "facet_time_limit_ms": 500,
    "default_page_size": 50,
    "max_returned_rows": 1000,
    "allow_download": False,
    "default_cache_ttl": 60,
}


def load_metadata(path: Path | None = None) -> dict[str, Any]:
    """metadata.yml as a dict; a broken file is a clear ConfigError."""
    path = path or METADATA_PATH
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"metadata file not found: {path}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"metadata file {path} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"metadata file {path} must hold a mapping")
    return data


def build_datasette(db_path: Path, metadata: dict[str, Any] | None = None) -> Datasette:
    """A Datasette instance serving ``db_path`` as the database ``archive``, whatever the file's name."""
    store.open_db(db_path).conn.close()  # create and migrate before serving
    if not pm.is_registered(datasette_plugin):  # not installed as a package: register by hand
        pm.register(datasette_plugin, name="smartcity_archive")
    ds = Datasette(
        [],
        metadata=metadata if metadata is not None else load_metadata(),
        settings=DATASETTE_SETTINGS,
        template_dir=str(TEMPLATES_PATH),
    )
    # ours, whatever else registered .atom (datasette-atom fails on empty results)
    ds.renderers["atom"] = (datasette_plugin.render_atom, datasette_plugin.can_render_atom)
    ds.add_database(Database(ds, path=str(db_path), is_mutable=True), name=DATABASE_NAME)
    if "_memory" in ds.databases:  # Datasette adds it when started without files: not part of the archive
        ds.remove_database("_memory")
    return ds


async def serve_async(settings: Settings, stop: threading.Event) -> None:
    """Serve the archive until ``stop`` is set or uvicorn sees Ctrl-C / SIGTERM."""
    import uvicorn

    ds = build_datasette(settings.db_path)
    await ds.invoke_startup()
    config = uvicorn.Config(ds.app(), host=settings.host, port=settings.port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)

    async def watch() -> None:
        while not server.should_exit:
            if stop.is_set():
                server.should_exit = True
            await asyncio.sleep(0.2)

    watcher = asyncio.create_task(watch())
    log.info("Datasette serving %s at http://%s:%s/%s", settings.db_path, settings.host, settings.port, DATABASE_NAME)
    try:
        await server.serve()
    finally:
        watcher.cancel()
        stop.set()


def serve(settings: Settings, stop: threading.Event | None = None) -> None:
    """Serve until Ctrl-C or SIGTERM (or ``stop``), then return normally.

    uvicorn re-raises the signal it caught once it has shut down; the handlers installed
    here receive it, so the caller's clean-up (stopping the scheduler) still runs.
    """
    stop = stop or threading.Event()

    def note(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, note) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        asyncio.run(serve_async(settings, stop))
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
