"""Configured sources: the repository's sources file loads, and every mistake in a sources file
is a clear error at start-up naming the source and the field."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from scraper.cli import cli
from scraper.errors import ConfigError
from scraper.sources import all_sources, get_source
from scraper.sources.configured import ConfiguredSource, load_sources
from scraper.urls import Scope
from tests.conftest import ROOT, run_cli

GOOD = """
sources:
  example:
    title: Example news
    site: https://example.org
    article_pattern: '^/news/\\d+$'
    listings:
      - url: /news
        page_url: /news?page={n}
        first_page: 1
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_repository_file_declares_the_regional_and_itu_t_sources() -> None:
    names = [s.name for s in load_sources(ROOT / "sources.yml")]
    assert names == ["beltelecom", "giprosvjaz", "un-belarus", "itu-t-sg20", "u4ssc"]
    registry = [s.name for s in all_sources()]
    assert registry[:4] == ["mpt", "itu-cis", "itu-news", "itu-press"]
    assert set(names) <= set(registry)


def test_a_configured_source_has_its_declared_schedule_politeness_and_entry_points() -> None:
    source = get_source("beltelecom")
    assert isinstance(source, ConfiguredSource)
    assert (source.every_minutes, source.delay, source.concurrency) == (360, 2.0, 1)
    assert source.languages == ("en", "ru")
    assert [(e.url, e.kind) for e in source.entry_points()] == [
        ("https://beltelecom.by/en/news/main", "listing"),
        ("https://beltelecom.by/news/main", "listing"),
    ]
    assert source.is_article("https://beltelecom.by/en/news/main/some-news")
    assert not source.is_article("https://beltelecom.by/en/news/main")
    assert not source.is_article("https://other.example/en/news/main/some-news")


def test_page_url_templates_give_the_next_page(tmp_path: Path) -> None:
    (source,) = load_sources(_write(tmp_path, GOOD))
    scope = Scope.create(source.site)
    html = '<a href="/news/7">Seven</a><a href="/about">About</a>'
    first = source.parse_listing(html, "https://example.org/news", scope)
    assert [link.url for link in first.links] == ["https://example.org/news/7"]
    assert first.next_pages == ["https://example.org/news?page=1"]
    assert source.parse_listing(html, "https://example.org/news?page=1", scope).next_pages == [
        "https://example.org/news?page=2"
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("article_pattern: '^/news/\\d+$'", "article_pattern: '^/news/(\\d+$'"),
            "field 'article_pattern': not a valid regular expression",
        ),
        (("listings:", "listing:"), "field 'listing': unknown field (misspelt?)"),
        (("page_url: /news?page={n}", "page_url: /news?page=2"), "field 'listings[0].page_url': must contain {n} once"),
        (("      - url: /news\n", "      - link: a.title\n"), "field 'listings[0].url': Field required"),
        (
            ("site: https://example.org", "site: https://example.org/news"),
            "field 'site': must be an origin without a path",
        ),
        (("site: https://example.org", "site: example.org"), "field 'site': must be the site's origin"),
        (
            ("first_page: 1", "first_page: -1"),
            "field 'listings[0].first_page': Input should be greater than or equal to 0",
        ),
        (
            ("title: Example news", "title: Example news\n    timezone: Europe/Minks"),
            "field 'timezone': unknown time zone",
        ),
        (("title: Example news", "title: Example news\n    languages: [english]"), "field 'languages': language codes"),
        (
            ("title: Example news", "title: Example news\n    selectors: {title: ['h1[[']}"),
            "field 'selectors.title[0]': not a valid CSS selector",
        ),
        (("title: Example news", "title: Example news\n    politeness: {delay: -1}"), "field 'politeness.delay'"),
        (
            ("title: Example news", "title: Example news\n    feeds: [{url: 'feed.xml'}]"),
            "field 'feeds[0].url': must be a path starting with '/'",
        ),
    ],
)
def test_a_mistake_names_the_source_and_the_field(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in GOOD
    path = _write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(ConfigError) as raised:
        load_sources(path)
    message = str(raised.value)
    assert str(path) in message
    assert "source 'example'" in message
    assert expected in message


def test_a_source_without_discovery_is_refused(tmp_path: Path) -> None:
    text = GOOD.split("    listings:")[0]
    with pytest.raises(ConfigError, match="source 'example': no way to discover articles"):
        load_sources(_write(tmp_path, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sources: [a, b]", "expected a mapping 'sources:'"),
        ("sources:\n  Bad_Name:\n    title: x\n", "source 'Bad_Name': a name is 2 to 40 lower-case letters"),
        ("sources:\n  mpt:\n    title: x\n", "source 'mpt': the name is taken by a built-in source"),
        ("sources:\n  a: [\n", "not valid YAML"),
    ],
)
def test_a_broken_file_is_refused_with_its_reason(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ConfigError, match=expected.replace("(", r"\(").replace("[", r"\[")):
        load_sources(_write(tmp_path, text), reserved=frozenset({"mpt"}))


def test_a_command_stops_at_start_up_on_a_broken_file(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace("article_pattern: '^/news/\\d+$'", "article_pattern: '('"))
    result = run_cli("scrape", "mpt", "--db", str(tmp_path / "a.db"), env={"SCRAPER_SOURCES": str(path)})
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "source 'example', field 'article_pattern': not a valid regular expression" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "a.db").exists()  # nothing ran


@pytest.mark.parametrize("command", ["sources", "scrape", "up", "export-warc"])
def test_every_command_reads_the_sources_file_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setenv("SCRAPER_SOURCES", str(tmp_path / "nope.yml"))
    result = CliRunner().invoke(cli, [command, "--db", str(tmp_path / "a.db")])
    assert result.exit_code != 0
    assert isinstance(result.exception, ConfigError) or "sources file not found" in result.output
    assert "sources file not found" in (str(result.exception) + result.output)
    assert not (tmp_path / "a.db").exists()
