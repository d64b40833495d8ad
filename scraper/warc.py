"""Export the kept raw pages as WARC, the format web-archive tools read (pywb, OpenWayback...)."""

from __future__ import annotations

import io
from datetime import datetime
from http import HTTPStatus
from pathlib import Path

import sqlite_utils
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from scraper import __version__
from scraper.store import RawPage, iter_raw_pages

__all__ = ["export_warc"]

# the kept bytes are decoded (no gzip) and complete: these headers would describe other bytes
_DROP = frozenset({"content-encoding", "content-length", "transfer-encoding", "connection", "keep-alive"})


def _warc_date(value: str) -> str:
    return datetime.fromisoformat(value).strftime("%Y-%m-%dT%H:%M:%SZ")


def _record(writer: WARCWriter, page: RawPage) -> object:
    headers = [(k, v) for k, v in page.headers.items() if k.lower() not in _DROP]
    headers.append(("Content-Length", str(len(page.content))))
    try:
        reason = HTTPStatus(page.status).phrase
    except ValueError:
        reason = "Unknown"
    http_headers = StatusAndHeaders(f"{page.status} {reason}", headers, protocol="HTTP/1.1")
    warc_headers = {
        "WARC-Date": _warc_date(page.fetched_at),
        "WARC-Payload-Digest": f"sha256:{page.sha256}",
        # fetched through a mirror (--base-url) the bytes came from there: say so
        "WARC-X-Fetched-From": page.fetched_url,
    }
    return writer.create_warc_record(
        page.url,
        "response",
        payload=io.BytesIO(page.content),
        http_headers=http_headers,
        warc_headers_dict=warc_headers,
    )


def export_warc(db: sqlite_utils.Database, path: Path, source: str | None = None) -> int:
    """Write the latest raw page of every archived URL (of ``source``, or all) to a gzipped WARC file.

    Returns the number of response records written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(
            writer.create_warcinfo_record(
                path.name,
                {
                    "software": f"smartcity-news-archive/{__version__}",
                    "format": "WARC File Format 1.1",
                    "description": "Raw article pages kept by the smart-city news archive"
                    + (f" (source {source})" if source else ""),
                },
            )
        )
        for page in iter_raw_pages(db, source):
            writer.write_record(_record(writer, page))
            count += 1
    return count
