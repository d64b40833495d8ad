"""The last layer: trafilatura's generic extraction, for pages no site profile or structured data covers.

trafilatura finds the main text of any page (its own boilerplate model, with readability and
jusText as fallbacks) and can read title, author and date (htmldate) from page metadata. It
is imported lazily: a page of one of our own sources never needs it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

__all__ = ["GenericResult", "generic_extract"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class GenericResult:
    """What trafilatura found: the main content as simple HTML, and metadata when asked for."""

    body_html: str | None
    title: str | None = None
    author: str | None = None
    date: str | None = None
    description: str | None = None


def _text(value: Any) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None


def generic_extract(html: str, url: str, *, with_metadata: bool = False) -> GenericResult:
    """The main content of ``html`` as HTML (links, images, tables, emphasis kept), by trafilatura.

    ``with_metadata`` also reads title, author and date (htmldate), which costs a second pass.
    Never raises for a bad page: a page trafilatura cannot read gives an empty result.
    """
    from lxml.etree import tostring
    from trafilatura import bare_extraction
    from trafilatura.htmlprocessing import convert_to_html

    try:
        document: Any = bare_extraction(
            html,
            url=url,
            include_comments=False,
            favor_recall=True,
            include_links=True,
            include_images=True,
            include_tables=True,
            include_formatting=True,
            with_metadata=with_metadata,
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except Exception as exc:  # trafilatura is a third-party parser: one bad page must not end a run
        log.warning("generic extraction failed on %s: %s: %s", url, exc.__class__.__name__, exc)
        return GenericResult(None)
    if document is None or getattr(document, "body", None) is None:
        return GenericResult(None)
    body = tostring(convert_to_html(document.body), encoding="unicode")
    return GenericResult(
        body_html=body,
        title=_text(document.title),
        author=_text(document.author),
        date=_text(document.date),
        description=_text(document.description),
    )
