"""Offline replicas of the archived sites, served over real HTTP on 127.0.0.1.

    with serve_site("mpt") as site:        # or "itu-cis"
        fetch(site.base_url + site.articles[0].path)

Each site lives in its own module (:mod:`.mpt`, :mod:`.itu_cis`) whose docstring lists
the served paths, the ground-truth subtleties and the injected faults;
:mod:`.server` is the generic server. Options of :func:`serve_site`:

``faults`` (default True)
    switch every injected fault (503/500 once, slow page, windows-1251 page, broken
    markup) on or off.
``slow_seconds`` (default 1.5)
    delay of the slow pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from . import beltelecom, giprosvjaz, itu_cis, itu_news, itu_press, itu_t, mpt, un_belarus
from .server import ReplicaArticle, RequestRecord, RunningSite, Site, running

__all__ = ["SITES", "ReplicaArticle", "RequestRecord", "RunningSite", "serve_site"]

SITES: dict[str, Callable[..., tuple[Site, list[ReplicaArticle]]]] = {
    "mpt": mpt.build,
    "itu-cis": itu_cis.build,
    "beltelecom": beltelecom.build,
    "giprosvjaz": giprosvjaz.build,
    "un-belarus": un_belarus.build,
    "itu-news": itu_news.build,
    "itu-press": itu_press.build,
    "itu-t": itu_t.build,
}


@contextmanager
def serve_site(name: str, *, faults: bool = True, slow_seconds: float = 1.5) -> Iterator[RunningSite]:
    """Serve the replica ``name`` on 127.0.0.1 (ephemeral port) until the block exits.

    Every call builds a fresh site, so "first request fails" faults fire once per call.
    """
    try:
        build = SITES[name]
    except KeyError:
        raise ValueError(f"unknown replica {name!r}; known: {', '.join(SITES)}") from None
    site, articles = build(faults=faults, slow_seconds=slow_seconds)
    with running(site, articles) as state:
        yield state
