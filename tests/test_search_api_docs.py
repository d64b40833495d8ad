"""Every curl example of the README's JSON API section, run with curl against `python -m scraper serve`."""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import feedparser
import pytest

from tests.conftest import ROOT, Scraped, rows

DOCUMENTED = "http://127.0.0.1:8001"


def readme_examples() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## JSON API", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.startswith("curl ")]


def curl(command: str, base: str) -> str:
    args = shlex.split(command.replace(DOCUMENTED, base))
    assert args[0] == "curl"
    result = subprocess.run(["curl", "-sS", "--fail", *args[1:]], capture_output=True, timeout=30)
    assert result.returncode == 0, (command, result.stderr.decode())
    return result.stdout.decode("utf-8")


def test_the_readme_documents_each_use_of_the_api() -> None:
    examples = "\n".join(readme_examples())
    for needed in (
        "/archive/search.json",  # searching
        "source=",  # by source
        "language=",  # by language
        "published_at__gte=",  # a date range
        "_next=",  # paging
        ".csv",  # CSV export
        "/archive/search.atom",  # the feed
        "_q=",  # search combined with filters
    ):
        assert needed in examples, needed


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed (CI installs it)")
def test_every_readme_curl_example_runs(served: str, scraped: Scraped) -> None:
    examples = readme_examples()
    assert len(examples) >= 8
    next_token: str | None = None
    for command in examples:
        if "_next=" in command:
            assert next_token, "the paging example needs the page before it"
            command = re.sub(r"_next=[^&' ]+", "_next=" + next_token, command)
        output = curl(command, served)
        if ".csv" in command:
            table = list(csv.DictReader(io.StringIO(output)))
            expected = rows(scraped.db, "select url from articles where source = 'itu-cis'")
            assert sorted(r["url"] for r in table) == sorted(str(r["url"]) for r in expected)
        elif ".atom" in command:
            feed = feedparser.parse(output)
            assert not feed.bozo and feed.entries
        else:
            data = json.loads(output)
            check_json(command, data, scraped)
            if isinstance(data, dict) and "_size=5" in command:
                next_token = data["next"]


def check_json(command: str, data: object, scraped: Scraped) -> None:
    """What each documented example must return from the scraped replicas."""
    if "q=городами" in command:
        assert isinstance(data, list)
        assert "В Минске прошел региональный семинар МСЭ по умным устойчивым городам" in {r["title"] for r in data}
    elif "q=smart cities" in command:
        assert isinstance(data, list) and data
        assert {(r["source"], r["language"]) for r in data} == {("mpt", "en")}
    elif "published_at__gte" in command:
        assert isinstance(data, dict)
        found = data["rows"]
        expected = rows(
            scraped.db,
            "select id from articles where source = 'mpt' and language = 'be' "
            "and published_at >= '2022-01-01' and published_at < '2023-01-01'",
        )
        assert sorted(r["id"] for r in found) == sorted(r["id"] for r in expected) and expected
        dates = [r["published_at"] for r in found]
        assert dates == sorted(dates, reverse=True)
    elif "_q=" in command:
        assert isinstance(data, dict)
        assert data["rows"] and {r["language"] for r in data["rows"]} == {"be"}
        assert "source" in data["facet_results"].get("results", data["facet_results"])
    elif "_size=5" in command:
        assert isinstance(data, dict)
        assert len(data["rows"]) == 5 and data["next"]
    elif "_search=5G" in command:
        assert isinstance(data, list) and any("5G" in r["title"] for r in data)
    else:
        raise AssertionError(f"an example without a check: {command}")


def test_paging_through_every_page_with_next(served: str, scraped: Scraped) -> None:
    if shutil.which("curl") is None:
        pytest.skip("curl is not installed (CI installs it)")
    seen: list[int] = []
    url = f"{served}/archive/articles.json?_size=5&_col=title&_shape=objects"
    for _ in range(100):
        data = json.loads(curl(f"curl '{url}'", served))
        seen += [r["id"] for r in data["rows"]]
        if not data["next"]:
            break
        url = f"{served}/archive/articles.json?_size=5&_col=title&_shape=objects&_next={data['next']}"
    assert sorted(seen) == sorted(int(str(r["id"])) for r in rows(scraped.db, "select id from articles"))
    assert len(seen) == len(set(seen))


def test_readme_examples_use_the_documented_port() -> None:
    assert all(DOCUMENTED in c for c in readme_examples())
    assert Path(ROOT / "README.md").exists()
