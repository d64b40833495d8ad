"""Canonical URLs and scope: one form per page, the mirror mapping of --base-url."""

from __future__ import annotations

import pytest

from scraper.errors import ConfigError
from scraper.settings import parse_base_urls
from scraper.sources import get_source
from scraper.urls import Scope, normalize_url, origin_of

MPT = Scope.create("https://mpt.gov.by", ["www.mpt.gov.by", "минсвязи.бел"], mirror="http://127.0.0.1:8123")


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("/ru/news/10-02-2022-7715", "https://mpt.gov.by/ru/news/10-02-2022-7715"),
        ("http://www.mpt.gov.by:80/ru/news/10-02-2022-7715/", "https://mpt.gov.by/ru/news/10-02-2022-7715"),
        (
            "https://mpt.gov.by/ru/news/10-02-2022-7715?utm_source=tg&fbclid=x#top",
            "https://mpt.gov.by/ru/news/10-02-2022-7715",
        ),
        ("https://xn--b1akbcqh2a7i.xn--90ais/be/news/03-09-2018-3444", "https://mpt.gov.by/be/news/03-09-2018-3444"),
        ("http://минсвязи.бел/en/node/7135", "https://mpt.gov.by/en/node/7135"),
        ("http://127.0.0.1:8123/ru/news?page=2", "https://mpt.gov.by/ru/news?page=2"),
        ("HTTPS://MPT.GOV.BY//ru//news", "https://mpt.gov.by/ru/news"),
        ("https://example.org/ru/news", None),
        ("http://127.0.0.1:9999/ru/news", None),
        ("mailto:info@mpt.gov.by", None),
        ("javascript:void(0)", None),
    ],
)
def test_links_resolve_to_one_canonical_form(href: str, expected: str | None) -> None:
    assert MPT.resolve(href, "http://127.0.0.1:8123/ru/news") == expected


def test_mirror_replaces_origin_and_becomes_the_only_scope() -> None:
    assert MPT.fetch_url("https://mpt.gov.by/ru/news?page=1") == "http://127.0.0.1:8123/ru/news?page=1"
    assert MPT.may_fetch("http://127.0.0.1:8123/anything")
    assert not MPT.may_fetch("https://mpt.gov.by/ru/news")
    assert not MPT.may_fetch("http://127.0.0.1:8124/ru/news")


def test_without_mirror_the_site_hosts_are_the_scope() -> None:
    scope = Scope.create("https://mpt.gov.by", ["www.mpt.gov.by"])
    assert scope.may_fetch("https://www.mpt.gov.by/ru/news")
    assert not scope.may_fetch("https://evil.example/ru/news")
    assert not scope.may_fetch("ftp://mpt.gov.by/x")


def test_normalize_keeps_meaningful_query() -> None:
    assert normalize_url("https://www.itu.int:443/hub/?p=12&utm_medium=x") == "https://www.itu.int/hub?p=12"
    assert (
        normalize_url("https://www.itu.int/hub/2022/02/slug", trailing_slash=True)
        == "https://www.itu.int/hub/2022/02/slug/"
    )


def test_itu_paths_are_spelled_one_way() -> None:
    itu = get_source("itu-cis")
    scope = itu.scope("http://127.0.0.1:8000")
    a = itu.resolve(scope, "/en/itu-d/regional-presence/cis/pages/news/20220208.aspx", "http://127.0.0.1:8000/")
    b = itu.resolve(
        scope, "https://www.itu.int:443/en/ITU-D/Regional-Presence/CIS/Pages/News/20220208.aspx", "http://x/"
    )
    assert a == b == "https://www.itu.int/en/ITU-D/Regional-Presence/CIS/Pages/News/20220208.aspx"
    assert itu.is_article(a)
    assert itu.is_article("https://www.itu.int/en/ITU-D/Regional-Presence/CIS/Pages/News/01052022.aspx")
    assert not itu.is_article("https://www.itu.int/en/ITU-D/Regional-Presence/CIS/Pages/News/default.aspx")


@pytest.mark.parametrize(
    ("url", "external_id"),
    [
        ("https://mpt.gov.by/en/news/08-02-2021-7002", "en/7002"),
        ("https://mpt.gov.by/news/10-02-2022-7715", "ru/7715"),
        ("https://mpt.gov.by/be/node/7670", "be/7670"),
        ("https://mpt.gov.by/en/node/7135/printable/print", "en/7135"),
        ("https://mpt.gov.by/ru/some-transliterated-title", None),
    ],
)
def test_mpt_node_identity(url: str, external_id: str | None) -> None:
    assert get_source("mpt").external_id(url) == external_id


def test_base_url_values_are_checked() -> None:
    assert parse_base_urls(["mpt=http://127.0.0.1:5000/some/path"]) == {"mpt": "http://127.0.0.1:5000"}
    with pytest.raises(ConfigError):
        parse_base_urls(["mpt"])
    with pytest.raises(ConfigError):
        parse_base_urls(["nosuch=http://127.0.0.1:1"], known={"mpt"})
    with pytest.raises(ConfigError):
        parse_base_urls(["mpt=ftp://x"])
    assert origin_of("HTTP://Example.ORG:80/x") == "http://example.org"
