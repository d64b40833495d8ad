"""The peer of the crawl benchmark: the same crawl done by Scrapy (index, then every article,
the title taken from each), run by bench_crawl.py with ``scrapy runspider``."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy


class BenchSpider(scrapy.Spider):  # type: ignore[misc]
    name = "bench"

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(os.environ["BENCH_BASE"] + "/news/", callback=self.parse_index)

    def parse_index(self, response: Any) -> Iterator[scrapy.Request]:
        for href in response.css(".news-item-title a::attr(href)").getall():
            yield response.follow(href, callback=self.parse_article)

    def parse_article(self, response: Any) -> Iterator[dict[str, str]]:
        yield {"url": response.url, "title": response.css("h1::text").get() or ""}
