"""The registry of sources: one module per site, looked up by name."""

from __future__ import annotations

from scraper.errors import ConfigError
from scraper.sources.base import EntryPoint, Link, Listing, Source
from scraper.sources.configured import load_sources
from scraper.sources.itu_cis import ItuCis
from scraper.sources.itu_news import ItuNews
from scraper.sources.itu_press import ItuPress
from scraper.sources.mpt import Mpt

__all__ = ["EntryPoint", "Link", "Listing", "Source", "all_sources", "get_source", "source_names"]


def all_sources() -> list[Source]:
    """Every source, in a stable order: the coded ones, then those configured in the sources file
    (read and validated on every call, so a mistake in it stops a command at start-up)."""
    coded: list[Source] = [Mpt(), ItuCis(), ItuNews(), ItuPress()]
    return [*coded, *load_sources(reserved=frozenset(s.name for s in coded))]


def source_names() -> list[str]:
    return [s.name for s in all_sources()]


def get_source(name: str) -> Source:
    for source in all_sources():
        if source.name == name:
            return source
    raise ConfigError(f"unknown source {name!r}; known: {', '.join(source_names())}")
