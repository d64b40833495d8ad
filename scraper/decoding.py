"""Bytes to text for HTML and feeds: BOM, declared charset, <meta>, then detection."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

__all__ = ["charset_from_content_type", "decode_html"]

_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def _known(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def charset_from_content_type(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header, if it names a known codec."""
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*([^;\s]+)", content_type, re.IGNORECASE)
    return _known(match.group(1)) if match else None


def decode_html(content: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode a page and say which codec was used.

    Order: a byte-order mark (unambiguous), the HTTP charset, a ``<meta charset>`` or
    ``http-equiv`` declaration (or an XML declaration), then statistical detection.
    """
    for bom, name in _BOMS:
        if content.startswith(bom):
            return content[len(bom) :].decode(name, errors="replace"), name
    declared = charset_from_content_type(content_type)
    if declared is None:
        head = content[:4096]
        match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
        declared = _known(match.group(1).decode("ascii", "ignore")) if match else None
    if declared is not None:
        try:
            return content.decode(declared), declared
        except UnicodeDecodeError:
            pass  # the declaration lies: fall through to detection
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(content).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    return content.decode("utf-8", errors="replace"), "utf-8"
