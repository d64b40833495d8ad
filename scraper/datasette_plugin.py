"""Datasette hooks of the archive: SQL functions for search, the Atom renderer, the ``_q`` table
filter and the article page's variables."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any

from datasette import hookimpl
from datasette.filters import FilterArguments
from datasette.utils.asgi import BadRequest, Response

from scraper import atom, search
from scraper.article_page import article_context

__all__ = ["can_render_atom", "fts_query", "prepare_connection", "render_atom"]

_TOKEN = re.compile(r'"[^"]*"|[^\s"]+')
_WORD = re.compile(r"[\w]+(?:[-'’][\w]+)*\*?", re.UNICODE)


def fts_query(q: str | None) -> str:
    """Turn what a person typed into a safe FTS5 query over ``articles_fts`` (unstemmed words):
    words ANDed, "phrases" and prefix* kept; no input gives an FTS5 syntax error."""
    if not q:
        return '""'
    parts: list[str] = []
    for token in _TOKEN.findall(q):
        if token.startswith('"') and token.endswith('"') and len(token) > 1:
            words = _WORD.findall(token[1:-1])
            if words:
                parts.append('"' + " ".join(w.rstrip("*") for w in words) + '"')
            continue
        for word in _WORD.findall(token):
            prefix = word.endswith("*")
            word = word.rstrip("*")
            if word.upper() in {"AND", "OR", "NOT", "NEAR"}:
                word = word.lower()
            parts.append(f'"{word}"' + ("*" if prefix else ""))
    return " ".join(parts) if parts else '""'


@hookimpl  # type: ignore[untyped-decorator]
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.create_function("archive_fts_query", 1, fts_query, deterministic=True)
    conn.create_function("archive_search_query", 1, search.match_expression, deterministic=True)


# --------------------------------------------------------------------------- Atom


def can_render_atom(columns: list[str]) -> bool:
    return set(columns) >= atom.REQUIRED_COLUMNS


def render_atom(
    datasette: Any, request: Any, columns: list[str], rows: list[Any], query_name: str | None, database: str
) -> Response:
    """Any query with atom_id, atom_title and atom_updated columns as an Atom feed (also when empty)."""
    if not can_render_atom(columns):
        missing = ", ".join(sorted(atom.REQUIRED_COLUMNS - set(columns)))
        raise BadRequest(f"An Atom feed needs the columns {missing}.")
    site_title = datasette.metadata("title") or "Datasette"
    name = query_name or database
    if query_name:
        name = (datasette.metadata("queries", database=database) or {}).get(query_name, {}).get("title") or name
    q = request.args.get("q")
    title = f"{site_title}: {name}" + (f" «{q}»" if q else "")
    self_url = datasette.absolute_url(request, request.full_path)
    alternate = datasette.absolute_url(request, request.path.removesuffix(".atom")) + (
        "?" + request.query_string if request.query_string else ""
    )
    body = atom.feed_xml(title, self_url, [dict(zip(columns, row, strict=False)) for row in rows], self_url, alternate)
    return Response(body, content_type="application/atom+xml; charset=utf-8")


@hookimpl  # type: ignore[untyped-decorator]
def register_output_renderer(datasette: Any) -> dict[str, Any]:
    return {"extension": "atom", "render": render_atom, "can_render": can_render_atom}


# --------------------------------------------------------------------------- read-only site

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
ASGIApp = Callable[[dict[str, Any], Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]], Awaitable[None]]


def read_only(app: ASGIApp) -> ASGIApp:
    """Answer 405 to any request that could change something (POST, PUT, DELETE...): the archive
    is published read-only; only the scrapers write, and never through the web."""

    async def guarded(
        scope: dict[str, Any], receive: Callable[[], Awaitable[Any]], send: Callable[[Any], Awaitable[None]]
    ) -> None:
        if scope.get("type") == "http" and scope.get("method", "GET").upper() not in READ_METHODS:
            await send(
                {
                    "type": "http.response.start",
                    "status": 405,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"allow", b"GET, HEAD, OPTIONS")],
                }
            )
            await send({"type": "http.response.body", "body": b"This archive is read-only.\n"})
            return
        await app(scope, receive, send)

    return guarded


@hookimpl  # type: ignore[untyped-decorator]
def asgi_wrapper(datasette: Any) -> Callable[[ASGIApp], ASGIApp]:
    return read_only


# --------------------------------------------------------------------------- table filter and pages


@hookimpl  # type: ignore[untyped-decorator]
def filters_from_request(request: Any, database: str, table: str, datasette: Any) -> FilterArguments | None:
    """``?_q=...`` on the articles table: the morphology-aware search as a filter, so it combines with
    facets, column filters, sorting, ``_next`` paging and CSV."""
    q = (request.args.get("_q") or "").strip()
    if table != "articles" or not q:
        return None
    return FilterArguments(
        [f"id in (select rowid from {search.INDEX_TABLE} where {search.INDEX_TABLE} match :archive_q)"],
        {"archive_q": search.match_expression(q)},
        [f"search finds «{q}»"],
    )


@hookimpl  # type: ignore[untyped-decorator]
def extra_template_vars(
    template: str, database: str | None, table: str | None, view_name: str, request: Any, datasette: Any
) -> Callable[[], Awaitable[dict[str, Any]]] | None:
    if view_name != "row" or table != "articles" or database is None or request is None:
        return None

    async def article() -> dict[str, Any]:
        pk = request.url_vars.get("pks", "")
        context = await article_context(datasette.get_database(database), pk)
        return context or {}

    return article
