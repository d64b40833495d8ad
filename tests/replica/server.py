"""Generic loopback HTTP server for the site replicas.

A :class:`Site` is a routing table (path -> handler) plus a not-found handler. The
server adds what every replica needs: conditional requests (ETag / Last-Modified ->
304), HEAD, a thread-safe request log, and fault wrappers (:func:`fail_first`,
:func:`slow`) whose state lives in the closure, so each server instance starts fresh.
"""

from __future__ import annotations

import hashlib
import re
import struct
import threading
import time
import traceback
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

__all__ = [
    "Handler",
    "ReplicaArticle",
    "Request",
    "RequestRecord",
    "Response",
    "RunningSite",
    "Site",
    "block_texts",
    "collapse",
    "fail_first",
    "http_date",
    "jpeg_bytes",
    "pdf_bytes",
    "png_bytes",
    "running",
    "slow",
]


@dataclass(frozen=True)
class ReplicaArticle:
    """Ground truth for one article reachable by discovery on a replica."""

    path: str
    real_url: str
    language: str
    title: str
    published: str
    published_raw: str
    paragraphs: tuple[str, ...]
    teaser: str | None
    attachments: tuple[str, ...]
    images: tuple[str, ...]
    nid: int | None
    content_type: str
    author: str | None


def _canonical_header_name(name: str) -> str:
    return "-".join(part.capitalize() for part in name.split("-"))


@dataclass
class RequestRecord:
    """One request as served. Header names are Title-Cased ("If-None-Match")."""

    method: str
    path: str  # path with query, exactly as in the request line
    status: int
    headers: dict[str, str]
    time: float

    def header(self, name: str) -> str | None:
        return self.headers.get(_canonical_header_name(name))


@dataclass
class RunningSite:
    """A replica being served; ``requests`` is appended to by the server threads."""

    name: str
    base_url: str
    articles: list[ReplicaArticle]
    requests: list[RequestRecord]
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    site: Site | None = field(default=None, repr=False, compare=False)

    def override(self, path: str, handler: Handler) -> Handler | None:
        """Serve ``path`` with ``handler`` from now on (a correction, an injected fault);
        returns the handler it replaces, so a test can wrap or restore it."""
        assert self.site is not None
        key = self.site._key(path)
        previous = self.site.routes.get(key)
        self.site.routes[key] = handler
        return previous

    def reset_log(self) -> None:
        with self._lock:
            self.requests.clear()

    def url(self, path: str) -> str:
        """Absolute mirror URL for a root-relative path."""
        return self.base_url + path

    def log(self) -> list[RequestRecord]:
        """A snapshot of the request log."""
        with self._lock:
            return list(self.requests)

    def requests_for(self, path: str) -> list[RequestRecord]:
        """Logged requests whose path (query stripped) equals ``path``."""
        return [r for r in self.log() if r.path.split("?", 1)[0] == path]

    def article(self, real_url: str) -> ReplicaArticle:
        for art in self.articles:
            if art.real_url == real_url:
                return art
        raise KeyError(real_url)


@dataclass
class Request:
    method: str
    path: str  # path without query, percent-decoded
    query: dict[str, list[str]]
    raw_path: str
    headers: dict[str, str]

    def param(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[0] if values else None

    def header(self, name: str) -> str | None:
        return self.headers.get(_canonical_header_name(name))


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    last_modified: float | None = None  # epoch seconds
    etag: str | None = None  # computed from the body when None
    conditional: bool = True  # answer If-None-Match / If-Modified-Since (200 only)


Handler = Callable[[Request], Response]


class Site:
    """Routing table of one replica."""

    def __init__(
        self,
        name: str,
        *,
        not_found: Handler,
        case_insensitive: bool = False,
        server_header: str = "nginx",
        etag: Callable[[bytes], str] | None = None,
    ) -> None:
        self.name = name
        self.case_insensitive = case_insensitive
        self.not_found = not_found
        self.server_header = server_header
        self.etag = etag or (lambda body: '"' + hashlib.sha1(body).hexdigest()[:20] + '"')
        self.routes: dict[str, Handler] = {}

    def _key(self, path: str) -> str:
        return path.lower() if self.case_insensitive else path

    def add(self, path: str, handler: Handler) -> None:
        key = self._key(path)
        if key in self.routes:
            raise ValueError(f"duplicate route {path!r} on {self.name}")
        self.routes[key] = handler

    def resolve(self, path: str) -> Handler | None:
        return self.routes.get(self._key(path))


# --------------------------------------------------------------------------- faults


def fail_first(
    handler: Handler,
    *,
    status: int,
    body: bytes,
    content_type: str = "text/html; charset=utf-8",
    times: int = 1,
    headers: dict[str, str] | None = None,
) -> Handler:
    """Answer ``status`` to the first ``times`` requests, then delegate."""
    lock = threading.Lock()
    remaining = [times]

    def wrapped(req: Request) -> Response:
        with lock:
            fail = remaining[0] > 0
            if fail:
                remaining[0] -= 1
        if fail:
            return Response(
                status=status,
                body=body,
                content_type=content_type,
                headers=dict(headers or {}),
                conditional=False,
            )
        return handler(req)

    return wrapped


def slow(handler: Handler, seconds: float) -> Handler:
    """Delay every answer by ``seconds``."""

    def wrapped(req: Request) -> Response:
        time.sleep(seconds)
        return handler(req)

    return wrapped


# --------------------------------------------------------------------------- helpers


def http_date(epoch: float) -> str:
    return formatdate(epoch, usegmt=True)


def collapse(text: str) -> str:
    """Collapse runs of whitespace to one space and strip."""
    return " ".join(text.split())


_BLOCK_TAGS = frozenset(
    {
        "p",
        "li",
        "ul",
        "ol",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "table",
        "tr",
        "td",
        "th",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "aside",
        "form",
        "hr",
        "br",
        "img",
        "dl",
        "dt",
        "dd",
        "figure",
        "figcaption",
    }
)


class _BlockCollector(HTMLParser):
    """Splits HTML into the visible text of its block-level elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._buf: list[str] = []
        self._skip = 0

    def _flush(self) -> None:
        text = collapse("".join(self._buf))
        self._buf = []
        if text:
            self.blocks.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._buf.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def block_texts(html_text: str) -> list[str]:
    """Visible text of each block element (p, li, div...), whitespace collapsed."""
    parser = _BlockCollector()
    parser.feed(html_text)
    parser.close()
    return parser.blocks


def png_bytes(width: int = 16, height: int = 16, rgb: tuple[int, int, int] = (0, 92, 169)) -> bytes:
    """A valid solid-colour PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    row = b"\x00" + bytes(rgb) * width
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b"")
    )


def jpeg_bytes(width: int = 8, height: int = 8) -> bytes:
    """A valid baseline greyscale JPEG (uniform mid-grey), ``width`` x ``height``.

    One-symbol Huffman tables make every 8x8 block two bits: DC difference 0, EOB.
    """

    def segment(marker: int, payload: bytes) -> bytes:
        return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload

    app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    dqt = b"\x00" + b"\x01" * 64
    sof0 = struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00"
    counts = b"\x01" + b"\x00" * 15
    dht_dc = b"\x00" + counts + b"\x00"
    dht_ac = b"\x10" + counts + b"\x00"
    sos = b"\x01\x01\x00\x00\x3f\x00"
    blocks = ((width + 7) // 8) * ((height + 7) // 8)
    nbits = 2 * blocks
    data = bytearray(b"\x00" * (nbits // 8))
    rest = nbits % 8
    if rest:
        data.append(0xFF >> rest)  # pad the last byte with 1-bits
    return (
        b"\xff\xd8"
        + segment(0xE0, app0)
        + segment(0xDB, dqt)
        + segment(0xC0, sof0)
        + segment(0xC4, dht_dc)
        + segment(0xC4, dht_ac)
        + segment(0xDA, sos)
        + bytes(data)
        + b"\xff\xd9"
    )


def pdf_bytes(title: str, lines: list[str]) -> bytes:
    """A small valid one-page PDF (ASCII text only) with a correct xref table."""

    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    text_ops = ["BT", "/F1 14 Tf", "72 760 Td", f"({esc(title)}) Tj", "/F1 11 Tf"]
    for line in lines:
        text_ops += ["0 -20 Td", f"({esc(line)}) Tj"]
    text_ops.append("ET")
    stream = "\n".join(text_ops).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Title (" + esc(title).encode("ascii") + b") /Producer (replica) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for num, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{num} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


# --------------------------------------------------------------------------- serving


def _not_modified(req: Request, etag: str, last_modified: float | None) -> bool:
    inm = req.header("If-None-Match")
    if inm is not None:
        if inm.strip() == "*":
            return True
        # Entity tags are quoted and may themselves contain commas (SharePoint's do).
        tags = re.findall(r'(?:W/)?"[^"]*"', inm)
        bare = etag.removeprefix("W/")
        return any(t.removeprefix("W/") == bare for t in tags)
    ims = req.header("If-Modified-Since")
    if ims is not None and last_modified is not None:
        try:
            since = parsedate_to_datetime(ims).timestamp()
        except (TypeError, ValueError, IndexError):
            return False
        return int(last_modified) <= since
    return False


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 15  # idle keep-alive connections do not pin a thread forever
    site: Site
    log: list[RequestRecord]
    lock: threading.Lock

    def version_string(self) -> str:
        return self.site.server_header

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_POST(self) -> None:
        self._reject()

    do_PUT = do_DELETE = do_PATCH = do_POST

    def _headers_dict(self) -> dict[str, str]:
        return {_canonical_header_name(k): v for k, v in self.headers.items()}

    def _reject(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self._record(405)
        self.send_response(405)
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _record(self, status: int) -> None:
        rec = RequestRecord(self.command, self.path, status, self._headers_dict(), time.time())
        with self.lock:
            self.log.append(rec)

    def _serve(self, *, head: bool) -> None:
        parts = urlsplit(self.path)
        req = Request(
            method=self.command,
            path=unquote(parts.path) or "/",
            query=parse_qs(parts.query, keep_blank_values=True),
            raw_path=self.path,
            headers=self._headers_dict(),
        )
        handler = self.site.resolve(req.path) or self.site.not_found
        try:
            resp = handler(req)
        except Exception:  # a replica bug: answer 500 and show it on stderr
            traceback.print_exc()
            resp = Response(status=500, body=b"replica handler error", content_type="text/plain")
        headers = dict(resp.headers)
        status = resp.status
        body = resp.body
        if status == 200 and resp.conditional:
            etag = resp.etag or self.site.etag(body)
            headers["ETag"] = etag
            if resp.last_modified is not None:
                headers["Last-Modified"] = http_date(resp.last_modified)
            if _not_modified(req, etag, resp.last_modified):
                status = 304
        self._record(status)
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if status != 304:
                if resp.content_type:
                    self.send_header("Content-Type", resp.content_type)
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head and status != 304:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # do not wait for idle keep-alive connections on shutdown
    allow_reuse_address = True


@contextmanager
def running(site: Site, articles: list[ReplicaArticle]) -> Iterator[RunningSite]:
    """Serve ``site`` on 127.0.0.1 (ephemeral port) in a daemon thread."""
    state = RunningSite(name=site.name, base_url="", articles=articles, requests=[], site=site)
    handler_cls = type(
        "ReplicaHandler",
        (_Handler,),
        {"site": site, "log": state.requests, "lock": state._lock},
    )
    server = _Server(("127.0.0.1", 0), handler_cls)
    host, port = server.server_address[:2]
    state.base_url = f"http://{host!s}:{port}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
