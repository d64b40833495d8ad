"""Self-checks of the site replicas: what they serve agrees with their ground truth."""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections import deque
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from . import RunningSite, itu_cis, mpt, serve_site

Fetched = tuple[int, dict[str, str], bytes]
UA = "replica-selfcheck/1.0"


def fetch(url: str, headers: dict[str, str] | None = None) -> Fetched:
    req = urllib.request.Request(url, headers={"User-Agent": UA, **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, dict(resp.headers.items()), resp.read()
    except urllib.error.HTTPError as err:
        with err:
            return err.code, dict(err.headers.items()), err.read()


def fetch_ok(url: str) -> Fetched:
    """Fetch, retrying once after a 5xx (the replicas' fail-once faults)."""
    result = fetch(url)
    if result[0] >= 500:
        result = fetch(url)
    return result


def decode(headers: dict[str, str], body: bytes) -> str:
    match = re.search(r"charset=([\w-]+)", headers.get("Content-Type", ""))
    if not match:
        meta = re.search(rb"<meta[^>]+charset=([\w-]+)", body[:2048], re.I)
        charset = meta.group(1).decode() if meta else "utf-8"
    else:
        charset = match.group(1)
    return body.decode(charset)


def collapse(text: str) -> str:
    return " ".join(text.split())


def soup_of(headers: dict[str, str], body: bytes) -> BeautifulSoup:
    return BeautifulSoup(decode(headers, body), "lxml")


def block_texts(soup: BeautifulSoup) -> set[str]:
    return {collapse(el.get_text()) for el in soup.find_all(["p", "li"])}


def to_mirror(site: RunningSite, href: str, page_url: str) -> str:
    """Resolve ``href`` and move any absolute URL onto the mirror."""
    parts = urlsplit(urljoin(page_url, href))
    return site.base_url + parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.mark.parametrize("name", ["mpt", "itu-cis"])
def test_every_article_serves_its_title_paragraphs_and_date(name: str) -> None:
    with serve_site(name, slow_seconds=0.2) as site:  # faults on; the delay is tested elsewhere
        assert site.articles
        for art in site.articles:
            status, headers, body = fetch_ok(site.url(art.path))
            assert status == 200, art.path
            soup = soup_of(headers, body)
            h1 = soup.find("h1")
            assert h1 is not None and collapse(h1.get_text()) == art.title, art.path
            texts = block_texts(soup)
            missing = [p for p in art.paragraphs if p not in texts]
            assert not missing, (art.path, missing)
            assert art.published_raw in collapse(soup.get_text(" ")), art.path
            assert art.published == parsedate_to_iso(art.published_raw)
            for url in art.attachments + art.images:
                status, headers, data = fetch(to_mirror(site, url, site.base_url))
                assert status == 200, url
                magic = {"application/pdf": b"%PDF-", "image/jpeg": b"\xff\xd8\xff"}
                prefix = magic.get(headers["Content-Type"], b"\xd0\xcf\x11\xe0")
                assert data.startswith(prefix), url


def parsedate_to_iso(raw: str) -> str:
    months = "January February March April May June July August September October November December"
    if re.fullmatch(r"\d\d\.\d\d\.\d{4}", raw):
        d, m, y = raw.split(".")
        return f"{y}-{m}-{d}"
    day, month, year = raw.split()
    return f"{year}-{months.split().index(month) + 1:02d}-{int(day):02d}"


def test_mpt_ground_truth_quirks() -> None:
    arts = {a.real_url: a for a in mpt.articles()}
    assert len(arts) == len(mpt.articles()) >= 20
    by_nid: dict[int, set[str]] = {}
    for a in arts.values():
        assert a.nid is not None
        by_nid.setdefault(a.nid, set()).add(a.real_url.split("/")[3])
    assert sum(1 for langs in by_nid.values() if langs == {"ru", "en", "be"}) >= 3
    be_english = arts["https://mpt.gov.by/be/news/21-12-2021-7643"]
    assert be_english.language == "en" and "d\u043ecument" in " ".join(be_english.paragraphs)
    interview = arts["https://mpt.gov.by/en/news/08-02-2022-7702"]
    assert interview.content_type == "interview"
    assert interview.title == (
        "Belarus as one of the leaders in the development of Smart Sustainable Cities in the region"
    )
    assert arts["https://mpt.gov.by/be/news/08-02-2022-7702"].title.startswith("Інтэрв'ю Міністра")
    assert arts["https://mpt.gov.by/ru/news/18-04-2022-7810"].author == "Иван Петров"
    assert any("4 000" in p for a in arts.values() for p in a.paragraphs)
    assert any("16 апреля 2022" in p for a in arts.values() for p in a.paragraphs)
    assert any("15-16 лютага 2022" in p for a in arts.values() for p in a.paragraphs)
    assert all(not a.path.startswith(mpt.DRAFT_PATH) for a in arts.values())


def test_itu_ground_truth_quirks() -> None:
    arts = {a.real_url: a for a in itu_cis.articles()}
    moved = arts[itu_cis.ORIGIN + itu_cis.NEWS + "/01052022.aspx"]
    assert (moved.published, moved.published_raw) == ("2022-04-28", "28 April 2022")
    interview = arts[itu_cis.ORIGIN + itu_cis.NEWS + "/20220208.aspx"]
    assert interview.path == itu_cis.INTERVIEW_LINK
    assert all("IMG_" not in p for p in interview.paragraphs)
    assert interview.images and interview.content_type == "interview"


def test_mpt_faults_fire_once_and_recover() -> None:
    with serve_site("mpt") as site:
        assert fetch(site.url(mpt.FAULT_503_ONCE))[0] == 503
        assert fetch(site.url(mpt.FAULT_503_ONCE))[0] == 200
        assert fetch(site.url(mpt.FAULT_LISTING_500))[0] == 500
        assert fetch(site.url(mpt.FAULT_LISTING_500))[0] == 200

        started = time.monotonic()
        assert fetch(site.url(mpt.FAULT_SLOW))[0] == 200
        assert time.monotonic() - started >= 1.4

        status, headers, body = fetch(site.url(mpt.FAULT_CP1251))
        assert status == 200 and headers["Content-Type"] == "text/html"
        with pytest.raises(UnicodeDecodeError):
            body.decode("utf-8")
        text = body.decode("cp1251")
        assert 'content="text/html; charset=windows-1251"' in text
        assert site.article(mpt.ORIGIN + mpt.FAULT_CP1251).title in text

        status, headers, body = fetch(site.url(mpt.FAULT_BROKEN_MARKUP))
        raw = body.decode("utf-8")
        assert raw.count("<p>") > raw.count("</p>") and "</span>2020" not in raw
        assert raw.count("<div") > raw.count("</div>")
        first_date = soup_of(headers, body).select_one(".field-item.even")
        assert first_date is not None and collapse(first_date.get_text()) == "23.07.2020"


def test_faults_switch_off() -> None:
    with serve_site("mpt", faults=False) as site:
        started = time.monotonic()
        for path in (mpt.FAULT_503_ONCE, mpt.FAULT_LISTING_500, mpt.FAULT_SLOW):
            assert fetch(site.url(path))[0] == 200
        assert time.monotonic() - started < 1.0
        _, headers, body = fetch(site.url(mpt.FAULT_CP1251))
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        body.decode("utf-8")
    with serve_site("itu-cis", faults=False) as site:
        started = time.monotonic()
        for path in (itu_cis.FAULT_503_ONCE, itu_cis.FAULT_SLOW):
            assert fetch(site.url(path))[0] == 200
        assert time.monotonic() - started < 1.0


def test_itu_faults_fire_once_and_recover() -> None:
    with serve_site("itu-cis", slow_seconds=0.3) as site:
        assert fetch(site.url(itu_cis.FAULT_503_ONCE))[0] == 503
        assert fetch(site.url(itu_cis.FAULT_503_ONCE))[0] == 200
        started = time.monotonic()
        assert fetch(site.url(itu_cis.FAULT_SLOW))[0] == 200
        assert time.monotonic() - started >= 0.3
        status, _, body = fetch(site.url(itu_cis.FAULT_BROKEN_MARKUP))
        raw = body.decode("utf-8")
        assert status == 200 and "</span>" in raw and raw.count("<div") > raw.count("</div>")


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("mpt", "/ru/news/15-11-2022-8143"),
        ("mpt", "/ru/news"),
        ("mpt", "/rss.xml"),
        ("itu-cis", itu_cis.NEWS + "/26102022.aspx"),
        ("itu-cis", itu_cis.HOME),
    ],
)
def test_conditional_requests_get_304(name: str, path: str) -> None:
    with serve_site(name) as site:
        status, headers, _ = fetch(site.url(path))
        assert status == 200 and "ETag" in headers and "Last-Modified" in headers
        for cond in (
            {"If-None-Match": headers["ETag"]},
            {"If-Modified-Since": headers["Last-Modified"]},
        ):
            status, _, body = fetch(site.url(path), cond)
            assert (status, body) == (304, b"")
        assert fetch(site.url(path), {"If-None-Match": '"other"'})[0] == 200
        log = site.log()
        assert [r.status for r in log] == [200, 304, 304, 200]
        assert log[1].header("if-none-match") == headers["ETag"]
        assert log[2].headers["If-Modified-Since"] == headers["Last-Modified"]
        assert all(r.headers["User-Agent"] == UA for r in log)
        site.reset_log()
        assert site.requests == []


def test_robots_txt() -> None:
    with serve_site("mpt") as site:
        status, headers, body = fetch(site.url("/robots.txt"))
        text = body.decode()
        assert status == 200 and headers["Content-Type"].startswith("text/plain")
        assert "crawl-delay" not in text.lower()
        rp = urllib.robotparser.RobotFileParser()
        rp.parse(text.splitlines())
        assert not rp.can_fetch(UA, site.url(mpt.DRAFT_PATH))
        assert not rp.can_fetch(UA, site.url("/admin/config"))
        assert not rp.can_fetch(UA, site.url("/user/login"))
        for path in ["/ru/news", "/ru/news?page=1", "/rss.xml", "/ru/rss"] + [a.path for a in site.articles]:
            assert rp.can_fetch(UA, site.url(path)), path
        # A scraper that ignores robots.txt would archive this:
        status, headers, body = fetch(site.url(mpt.DRAFT_PATH))
        assert status == 200 and mpt.DRAFT_TITLE in decode(headers, body)
    with serve_site("itu-cis") as site:
        text = fetch(site.url("/robots.txt"))[2].decode()
        assert "crawl-delay" not in text.lower()
        rp = urllib.robotparser.RobotFileParser()
        rp.parse(text.splitlines())
        assert not rp.can_fetch(UA, site.url("/_layouts/15/start.aspx"))
        for path in [itu_cis.HOME, itu_cis.ARCHIVE, itu_cis.EVENTS] + [a.path for a in site.articles]:
            assert rp.can_fetch(UA, site.url(path)), path


def test_unknown_paths_404_and_itu_is_case_insensitive() -> None:
    with serve_site("mpt", faults=False) as site:
        status, _, body = fetch(site.url("/ru/no-such-page"))
        assert status == 404 and "Страница не найдена" in body.decode()
        assert fetch(site.url("/RU/NEWS"))[0] == 404
    with serve_site("itu-cis", faults=False) as site:
        assert fetch(site.url(itu_cis.HOME.upper()))[0] == 200
        assert fetch(site.url(itu_cis.SECTION + "/"))[0] == 200  # 302 to the home page
        status, _, body = fetch(site.url(itu_cis.NEWS + "/01012099.aspx"))
        assert status == 404 and b"Page not found" in body


def test_mpt_alternate_url_forms_serve_the_same_article() -> None:
    with serve_site("mpt", faults=False) as site:
        for art in site.articles:
            lang = art.real_url.split("/")[3]
            forms = [
                urlsplit(art.real_url).path,
                f"/{lang}/node/{art.nid}",
                f"/{lang}/node/{art.nid}/printable/print",
                art.path,
            ]
            if lang == "ru":
                forms.append(urlsplit(art.real_url).path.removeprefix("/ru"))
            for path in forms:
                status, headers, body = fetch(site.url(path))
                assert status == 200, path
                soup = soup_of(headers, body)
                h1 = soup.find("h1")
                assert h1 is not None and collapse(h1.get_text()) == art.title, path
                canonical = soup.find("link", rel="canonical")
                assert canonical is not None
                assert urljoin(mpt.ORIGIN, str(canonical["href"])) == art.real_url, path
                assert set(art.paragraphs) <= block_texts(soup), path


def test_mpt_discovery_finds_exactly_the_ground_truth() -> None:
    with serve_site("mpt", faults=False) as site:
        linked: dict[str, str] = {}  # mirror URL -> how it was linked
        for lang in ("ru", "en", "be"):
            url: str | None = site.url(f"/{lang}/news")
            pages = 0
            while url:
                pages += 1
                status, headers, body = fetch(url)
                assert status == 200
                soup = soup_of(headers, body)
                for a in soup.select(".news-item-title a"):
                    linked[to_mirror(site, str(a["href"]), url)] = str(a["href"])
                nxt = soup.select_one("li.pager-next a")
                url = to_mirror(site, str(nxt["href"]), url) if nxt else None
            assert pages == {"ru": 3, "en": 2, "be": 2}[lang]
        listed = set(linked)
        feed_links: set[str] = set()
        for feed in ("/rss.xml", "/ru/rss"):
            root = ElementTree.fromstring(fetch(site.url(feed))[2])
            for item in root.iter("item"):
                link = item.findtext("link") or ""
                assert link.startswith("https://mpt.gov.by/")
                guid = item.findtext("guid") or ""
                assert re.fullmatch(r"\d+ at https://mpt\.gov\.by", guid)
                pub = parsedate_to_datetime(item.findtext("pubDate") or "")
                assert link.endswith(f"-{guid.split()[0]}") and pub.strftime("%d-%m-%Y") in link
                feed_links.add(to_mirror(site, link, site.base_url))

        rp = urllib.robotparser.RobotFileParser()
        rp.parse(fetch(site.url("/robots.txt"))[2].decode().splitlines())
        canonical_of: dict[str, str] = {}
        for url in listed | feed_links:
            if not rp.can_fetch(UA, url):
                assert urlsplit(url).path == mpt.DRAFT_PATH
                continue
            soup = soup_of(*fetch(url)[1:])
            tag = soup.find("link", rel="canonical")
            assert tag is not None
            canonical_of[url] = urljoin(mpt.ORIGIN, str(tag["href"]))
        from_listings = {canonical_of[u] for u in listed if u in canonical_of}
        from_feeds = {canonical_of[u] for u in feed_links}
        assert from_listings | from_feeds == {a.real_url for a in site.articles}
        assert from_feeds - from_listings == {mpt.ORIGIN + p for p in mpt.FEED_ONLY}
        linked_paths = {urlsplit(u).path for u in listed}
        for art in site.articles:
            if urlsplit(art.real_url).path not in mpt.FEED_ONLY:
                assert art.path in linked_paths, art.path
        hosts = {urlsplit(h).netloc for h in linked.values()}
        assert {"mpt.gov.by", "www.mpt.gov.by", "xn--b1akbcqh2a7i.xn--90ais", ""} <= hosts


def test_itu_section_crawl_finds_exactly_the_ground_truth() -> None:
    scope = itu_cis.SECTION.lower() + "/"
    news = re.compile(r"/pages/news/\d{8}\.aspx$")
    with serve_site("itu-cis", faults=False) as site:
        seen: dict[str, int] = {}
        found: dict[str, int] = {}
        queue = deque([(site.url(itu_cis.HOME), 0)])
        while queue:
            url, depth = queue.popleft()
            key = urlsplit(url).path.lower()
            if key in seen:
                continue
            seen[key] = depth
            status, headers, body = fetch(url)
            assert status == 200, url
            if news.search(key) or depth >= 3:
                continue
            for a in soup_of(headers, body).find_all("a", href=True):
                parts = urlsplit(urljoin(url, str(a["href"])))
                host = parts.hostname or ""
                if host not in ("127.0.0.1", "www.itu.int", "itu.int"):
                    continue
                if not parts.path.lower().startswith(scope) or not parts.path.endswith(".aspx"):
                    continue
                target = site.url(parts.path)
                if news.search(parts.path.lower()):
                    found.setdefault(parts.path.lower(), depth + 1)
                queue.append((target, depth + 1))
        expected = {urlsplit(a.real_url).path.lower() for a in site.articles}
        assert set(found) == expected
        assert found[itu_cis.EVENTS_ONLY.lower()] == 2


def test_itu_interview_matches_the_mpt_english_copy() -> None:
    itu = {a.real_url: a for a in itu_cis.articles()}[itu_cis.ORIGIN + itu_cis.NEWS + "/20220208.aspx"]
    mpt_en = {a.real_url: a for a in mpt.articles()}["https://mpt.gov.by/en/news/08-02-2022-7702"]
    assert itu.title == mpt_en.title and itu.published == mpt_en.published
    assert itu.paragraphs[1:] == mpt_en.paragraphs[1:]
