"""Versions and corrections on the mpt replica: a changed article keeps its earlier state and shows the
new, field by field in Datasette and as an Atom feed; white space or boilerplate changes are no version."""

from __future__ import annotations

import difflib
import random
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from scraper import versions
from scraper.pipeline import run_sources
from scraper.settings import Settings
from scraper.site import build_datasette
from scraper.versions import diff_rows, word_diff
from tests.conftest import rows
from tests.replica import RunningSite, serve_site
from tests.replica.server import Request, Response

BASE = Settings(delay=0, retries=2, backoff=0.05, timeout=5)
# ru 8143 is on the first listing page and in the feeds: current news, re-checked every run
CURRENT = "/ru/news/15-11-2022-8143"
CURRENT_URL = "https://mpt.gov.by/ru/news/15-11-2022-8143"


def _scrape(site: RunningSite, db: Path) -> dict[str, object]:
    settings = replace(BASE, db_path=db, base_urls={"mpt": site.base_url})
    (result,) = run_sources(["mpt"], settings)
    return {"status": result.status, **result.counts}


@pytest.fixture
def mpt() -> Iterator[RunningSite]:
    with serve_site("mpt", faults=False) as site:
        yield site


def _edit(site: RunningSite, path: str, change: Callable[[str], str]) -> None:
    """Serve ``path`` with its HTML changed by ``change`` from now on (new validators)."""
    original = site.override(path, lambda r: Response(status=500))
    assert original is not None

    def edited(req: Request) -> Response:
        page = original(req)
        if page.status != 200:
            return page
        html = change(page.body.decode("utf-8"))
        return replace(page, body=html.encode("utf-8"), etag=None, last_modified=(page.last_modified or 0) + 3600)

    site.override(path, edited)


def test_a_correction_is_a_version_with_a_field_diff_and_an_atom_entry(mpt: RunningSite, tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    assert _scrape(mpt, db)["new"] == len(mpt.articles)
    _edit(
        mpt,
        CURRENT,
        lambda html: html.replace("более 120 заявок", "более 130 заявок").replace(
            "Подведены итоги республиканского конкурса", "Подведены окончательные итоги республиканского конкурса"
        ),
    )
    counts = _scrape(mpt, db)
    assert counts["updated"] == 1 and counts["new"] == 0
    article = rows(db, "select id, title, body_text, story_id from articles where url = ?", (CURRENT_URL,))[0]
    assert "более 130 заявок" in str(article["body_text"])
    assert str(article["title"]).startswith("Подведены окончательные итоги")
    versions = rows(db, "select id, title, body_text from article_versions where article_id = ?", (article["id"],))
    assert len(versions) == 1
    assert "более 120 заявок" in str(versions[0]["body_text"])
    assert str(versions[0]["title"]).startswith("Подведены итоги")
    diffs = {
        str(r["field"]): r
        for r in rows(db, "select field, before, after, diff from version_diffs where article_id = ?", (article["id"],))
    }
    assert set(diffs) == {"title", "body_text"}
    assert "[-120-] {+130+}" in str(diffs["body_text"]["diff"])
    assert "{+окончательные+}" in str(diffs["title"]["diff"])
    # the correction does not move the article out of its story (ru/en/be of node 8143)
    story = rows(db, "select count(*) as n from articles where story_id = ?", (article["story_id"],))
    assert story[0]["n"] == 3


@pytest.fixture
def corrected(mpt: RunningSite, tmp_path: Path) -> Path:
    """An archive of the mpt replica in which one article was corrected between two runs."""
    db = tmp_path / "a.db"
    _scrape(mpt, db)
    _edit(mpt, CURRENT, lambda html: html.replace("более 120 заявок", "более 130 заявок"))
    _scrape(mpt, db)
    return db


async def test_corrections_feed_and_article_history_in_datasette(corrected: Path) -> None:
    db = corrected
    article_id = rows(db, "select id from articles where url = ?", (CURRENT_URL,))[0]["id"]
    ds = build_datasette(db)
    await ds.invoke_startup()
    response = await ds.client.get("/archive/corrections.json", params={"_shape": "array"})
    assert response.status_code == 200
    (entry,) = response.json()
    assert entry["article_id"] == article_id and entry["fields"] == "body_text"
    assert "[-120-] {+130+}" in entry["atom_content"]
    atom = await ds.client.get("/archive/corrections.atom")
    assert atom.status_code == 200 and 'xmlns="http://www.w3.org/2005/Atom"' in atom.text
    assert f"{CURRENT_URL}#version-" in atom.text and "Corrected: " in atom.text
    only_itu = await ds.client.get("/archive/corrections.json", params={"source": "itu-cis", "_shape": "array"})
    assert only_itu.json() == []
    history = await ds.client.get("/archive/article_history.json", params={"article": article_id, "_shape": "array"})
    (change,) = history.json()
    assert change["field"] == "body_text"
    assert "более 120 заявок" in change["before"] and "более 130 заявок" in change["after"]


def test_white_space_and_boilerplate_changes_are_not_versions(mpt: RunningSite, tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    _scrape(mpt, db)

    def cosmetic(html: str) -> str:
        html = html.replace("более 120 заявок", "более\n   120\t заявок")  # white space in the text
        html = html.replace("Поделиться:", "Поделитесь новостью:")  # the share bar
        return html.replace("Последние новости", "Свежие новости")  # the sidebar

    _edit(mpt, CURRENT, cosmetic)
    counts = _scrape(mpt, db)
    assert counts["updated"] == 0 and counts["unchanged"] >= 1
    assert rows(db, "select count(*) as n from article_versions")[0]["n"] == 0
    assert rows(db, "select count(*) as n from version_diffs")[0]["n"] == 0
    served = [r for r in mpt.requests_for(CURRENT) if r.status == 200]
    assert len(served) == 2  # the page was fetched again in full, and found unchanged


def test_word_diff_shows_what_changed_in_context() -> None:
    before = "Конкурс проводился второй год подряд. В этом году поступило более 120 заявок из всех областей."
    after = "Конкурс проводился второй год подряд. В этом году поступило более 130 заявок из всех областей страны."
    diff = word_diff(before, after, context=3)
    assert diff == "году поступило более [-120-] {+130+} заявок из всех [-областей.-] {+областей страны.+}"
    far = word_diff(
        "one two three four five six seven eight nine ten", "one two three four five six seven eight nine 10", context=2
    )
    assert far == "eight nine [-ten-] {+10+}"
    assert word_diff("same text", "same text") == ""
    assert [r["field"] for r in diff_rows({"title": "A", "body_text": "x  y"}, {"title": "B", "body_text": "x y"})] == [
        "title"
    ]


@pytest.mark.parametrize("numpy_from", [0, versions._NUMPY_FROM])
def test_word_matcher_finds_difflibs_blocks(monkeypatch: pytest.MonkeyPatch, numpy_from: int) -> None:
    # word_diff's output depends on which of several equally long matches is taken: the numpy search
    # must take difflib's (few distinct tokens, as spaces make a text, give many ties)
    monkeypatch.setattr(versions, "_NUMPY_FROM", numpy_from)
    rng = random.Random(numpy_from)
    for _ in range(60):
        alphabet = [" ", "a", "b", "c", "\n\n", "d"][: rng.randint(1, 6)]
        a = [rng.choice(alphabet) for _ in range(rng.randint(0, 40 if numpy_from == 0 else 400))]
        b = list(a)
        for _ in range(rng.randint(0, 5)):
            at = rng.randint(0, len(b))
            if rng.random() < 0.5:
                b[at:at] = [rng.choice(alphabet) for _ in range(rng.randint(1, 4))]
            else:
                del b[at : at + rng.randint(1, 4)]
        for x, y in ((a, b), (b, a)):
            expected = difflib.SequenceMatcher(None, x, y, autojunk=False).get_opcodes()
            assert versions._WordMatcher(x, y).get_opcodes() == expected
