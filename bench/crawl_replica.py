"""A synthetic news site for the crawl benchmark: N article pages behind one index, with a fixed
latency injected into every response, ETag/Last-Modified and 304s, and counters.

    python bench/crawl_replica.py --port 8900 --pages 2000 --latency 0.05

Runs in its own process so that its CPU does not count against the crawler's.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WORDS = (
    "city digital network services data platform citizens transport energy smart sustainable "
    "development ministry programme infrastructure broadband connectivity indicators cooperation "
    "regional forum innovation standards security governance mobile operators coverage"
).split()


def article_html(i: int) -> bytes:
    rng = random.Random(i)
    title = " ".join(rng.choice(WORDS) for _ in range(8)).capitalize() + f" ({i})"
    day, month = 1 + i % 28, 1 + i % 12
    paragraphs = "\n".join(
        "<p>" + " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 90))).capitalize() + ".</p>"
        for _ in range(rng.randint(4, 8))
    )
    menu = "".join(f'<li><a href="/section/{k}">Section {k}</a></li>' for k in range(25))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | Bench News</title>
<link rel="canonical" href="/news/{i}"></head><body>
<div id="header"><div class="site-name">Bench News</div><ul class="menu">{menu}</ul></div>
<div class="breadcrumb"><a href="/">Home</a> / <a href="/news/">News</a></div>
<div id="content"><div class="node"><h1 class="title">{title}</h1>
<div class="field-name-field-date"><div class="field-item">{day:02d}.{month:02d}.2022</div></div>
<div class="field-name-body"><div class="field-item">{paragraphs}</div></div>
<div class="share">Share</div></div></div>
<div id="footer"><p>Tel.: +375 17 000-00-00</p><p>© Bench News</p></div></body></html>""".encode()


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests = 0
        self.conditional = 0
        self.bodies = 0  # article pages answered with a body
        self.not_modified = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "requests": self.requests,
            "conditional": self.conditional,
            "article_bodies": self.bodies,
            "not_modified": self.not_modified,
        }


def make_handler(pages: int, latency: float, stats: Stats) -> type[BaseHTTPRequestHandler]:
    cache: dict[int, bytes] = {}
    index = (
        "<html><body><h1>News</h1><ul>"
        + "".join(f'<li class="news-item-title"><a href="/news/{i}">Article {i}</a></li>' for i in range(pages))
        + "</ul></body></html>"
    ).encode()
    last_modified = "Tue, 15 Nov 2022 10:20:00 GMT"

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            if self.path == "/__stats":
                self._send(200, json.dumps(stats.as_dict()).encode(), "application/json", latency=0)
                return
            if self.path == "/__reset":
                with stats.lock:
                    stats.requests = stats.conditional = stats.bodies = stats.not_modified = 0
                self._send(200, b"{}", "application/json", latency=0)
                return
            with stats.lock:
                stats.requests += 1
                if self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since"):
                    stats.conditional += 1
            if self.path == "/robots.txt":
                self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain", latency=latency)
            elif self.path in ("/news/", "/news"):
                self._send(200, index, "text/html; charset=utf-8", latency=latency)
            elif self.path.startswith("/news/") and self.path[6:].isdigit() and int(self.path[6:]) < pages:
                i = int(self.path[6:])
                body = cache.get(i) or cache.setdefault(i, article_html(i))
                self._send(200, body, "text/html; charset=utf-8", latency=latency, article=True)
            else:
                self._send(404, b"not found", "text/plain", latency=latency)

        def _send(self, status: int, body: bytes, ctype: str, latency: float, article: bool = False) -> None:
            if latency:
                time.sleep(latency)
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if status == 200 and self.headers.get("If-None-Match") == etag:
                with stats.lock:
                    stats.not_modified += 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if article:
                with stats.lock:
                    stats.bodies += 1
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            if status == 200:
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", last_modified)
            self.end_headers()
            self.wfile.write(body)

    return Handler


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--latency", type=float, default=0.05)
    args = parser.parse_args()
    stats = Stats()
    server = Server(("127.0.0.1", args.port), make_handler(args.pages, args.latency, stats))
    print("ready", flush=True)
    server.serve_forever(poll_interval=0.1)


if __name__ == "__main__":
    main()
