"""A synthetic mpt.gov.by for the backfill benchmark: N news nodes in ru/en/be behind Drupal-style
listings (``/{lang}/news?page=N``, 10 rows a page, ``.pager-next``), feeds and a front page.

    python bench/backfill_site.py --port 8901 --nodes 8000

Runs in its own process (its CPU does not count against the scraper's). ``GET /_stats`` gives
the number of requests and of bodies (200 answers) per path kind, and how many article paths
were answered with a body more than once.
"""

from __future__ import annotations

import argparse
import json
import random
import threading
from collections import Counter
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

LANGS = ("ru", "en", "be")
PAGE = 10
WORDS = {
    "ru": "город цифровой сеть услуги данные платформа граждане транспорт связь развитие министерство".split(),
    "en": "city digital network services data platform citizens transport energy development ministry".split(),
    "be": "горад лічбавы сетка паслугі дадзеныя платформа грамадзяне транспарт сувязь развіццё міністэрства".split(),
}


class Site:
    def __init__(self, nodes: int) -> None:
        first = date(2010, 1, 1)
        # node ids rise with time, newest first in listings
        self.nodes = [(2000 + i, first + timedelta(days=i * 4700 // max(1, nodes))) for i in range(nodes)]
        self.nodes.reverse()
        self.by_lang = {lang: self.nodes[i :: len(LANGS)] for i, lang in enumerate(LANGS)}
        self.lock = threading.Lock()
        self.requests: Counter[str] = Counter()
        self.bodies: Counter[str] = Counter()
        self.article_bodies: Counter[str] = Counter()

    @staticmethod
    def path(lang: str, nid: int, day: date) -> str:
        return f"/{lang}/news/{day:%d-%m-%Y}-{nid}"

    def article(self, lang: str, nid: int, day: date) -> bytes:
        rng = random.Random(nid)
        words = WORDS[lang]
        title = " ".join(rng.choice(words) for _ in range(7)).capitalize() + f" {nid}"
        body = "".join(
            "<p>" + " ".join(rng.choice(words) for _ in range(rng.randint(30, 70))).capitalize() + ".</p>"
            for _ in range(rng.randint(3, 6))
        )
        return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<link rel="shortlink" href="/{lang}/node/{nid}"></head><body><div id="header"><ul class="menu">
<li><a href="/{lang}/news">News</a></li></ul></div><div class="node" id="node-{nid}"><h1 class="title">{title}</h1>
<div class="field-name-field-date"><div class="field-item even">{day:%d.%m.%Y}</div></div>
<div class="field-name-body"><div class="field-item even">{body}</div></div></div>
<div id="footer"><p>Тел.: +375 17 287-15-15</p></div></body></html>""".encode()

    def listing(self, lang: str, page: int) -> bytes:
        nodes = self.by_lang[lang]
        rows = "".join(
            f'<div class="views-row"><div class="news-item-title"><a href="{self.path(lang, nid, day)}">News {nid}</a>'
            f'</div><div class="news-item-date">{day:%d.%m.%Y}</div></div>'
            for nid, day in nodes[page * PAGE : (page + 1) * PAGE]
        )
        more = (page + 1) * PAGE < len(nodes)
        pager = f'<li class="pager-next"><a href="/{lang}/news?page={page + 1}">next</a></li>' if more else ""
        return f'<html><body><div class="view-news">{rows}</div><ul class="pager">{pager}</ul></body></html>'.encode()

    def feed(self) -> bytes:
        items = "".join(
            f"<item><title>News {nid}</title><link>https://mpt.gov.by{self.path('ru', nid, day)}</link></item>"
            for nid, day in self.by_lang["ru"][:10]
        )
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>mpt</title>{items}</channel></rss>'.encode()


def serve(port: int, nodes: int) -> None:
    site = Site(nodes)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            path = parts.path
            kind, body, ctype, status = "other", b"", "text/html; charset=utf-8", 200
            if path == "/_stats":
                with site.lock:
                    stats = {
                        "requests": dict(site.requests),
                        "bodies": dict(site.bodies),
                        "articles_fetched_twice": sum(1 for n in site.article_bodies.values() if n > 1),
                    }
                body, ctype = json.dumps(stats).encode(), "application/json"
            elif path == "/robots.txt":
                kind, body, ctype = "robots", b"User-agent: *\nDisallow: /admin/\n", "text/plain"
            elif path in ("/rss.xml", "/ru/rss"):
                kind, body, ctype = "feed", site.feed(), "application/rss+xml"
            elif path in ("/", "/ru/news", "/en/news", "/be/news"):
                lang = path.split("/")[1] or "ru"
                page = int(parse_qs(parts.query).get("page", ["0"])[0])
                kind, body = "listing", site.listing(lang, page)
            else:
                bits = path.split("/")
                try:
                    lang, nid = bits[1], int(bits[3].rsplit("-", 1)[1])
                    day = dict(site.by_lang[lang])[nid]
                    kind, body = "article", site.article(lang, nid, day)
                except (IndexError, ValueError, KeyError):
                    kind, status, body = "missing", 404, b"not found"
            if self.headers.get("If-None-Match") == '"v1"' and status == 200 and kind != "other":
                status, body = 304, b""
            with site.lock:
                if kind != "other":
                    site.requests[kind] += 1
                    if status == 200:
                        site.bodies[kind] += 1
                        if kind == "article":
                            site.article_bodies[path] += 1
            self.send_response(status)
            if status == 200:
                self.send_header("Content-Type", ctype)
                if kind != "other":
                    self.send_header("ETag", '"v1"')
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request: object, client_address: object) -> None:
            pass  # a client killed mid-request (the benchmark's SIGKILL) is expected

    server = Server(("127.0.0.1", port), Handler)
    server.serve_forever()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--nodes", type=int, default=8000)
    args = parser.parse_args()
    serve(args.port, args.nodes)
