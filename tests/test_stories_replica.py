"""Stories on the archive scraped from both replicas by the real CLI: the seed interview is one story
of four pages, every translation and republication pair shares a story id, and no other pair does."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from datasette.app import Datasette

from scraper.site import build_datasette
from tests.conftest import Scraped, rows, run_cli
from tests.story_pairs import HARD_NEGATIVES, ITU, MPT, REPUBLICATIONS, labelled_pairs, precision_recall

SEED = (
    f"{ITU}/20220208.aspx",
    f"{MPT}/ru/news/08-02-2022-7702",
    f"{MPT}/en/news/08-02-2022-7702",
    f"{MPT}/be/news/08-02-2022-7702",
)


def _story_ids(db: Path) -> dict[str, str]:
    return {str(r["url"]): str(r["story_id"]) for r in rows(db, "select url, story_id from articles")}


def test_the_seed_interview_is_one_story_of_four_pages(scraped: Scraped) -> None:
    story = _story_ids(scraped.db)
    assert len({story[url] for url in SEED}) == 1
    members = rows(scraped.db, "select url from articles where story_id = ?", (story[SEED[0]],))
    assert sorted(str(r["url"]) for r in members) == sorted(SEED)


def test_story_linking_precision_and_recall_on_the_labelled_pairs(scraped: Scraped) -> None:
    pairs = labelled_pairs([*scraped.mpt.articles, *scraped.itu.articles])
    precision, recall, tp, fp, fn = precision_recall(pairs, dict(_story_ids(scraped.db)))
    print(
        f"story linking on {len(pairs)} labelled pairs ({tp + fn} same-story): precision {precision:.3f}, "
        f"recall {recall:.3f} (TP {tp}, FP {fp}, FN {fn})"
    )
    assert (fp, fn) == (0, 0)
    assert tp == sum(1 for *_, same in pairs if same) >= 20


@pytest.mark.parametrize(("a", "b", "why"), HARD_NEGATIVES, ids=[why for *_, why in HARD_NEGATIVES])
def test_similar_but_different_stories_stay_apart(scraped: Scraped, a: str, b: str, why: str) -> None:
    story = _story_ids(scraped.db)
    assert story[a] != story[b], why


@pytest.mark.parametrize(("a", "b", "why"), REPUBLICATIONS, ids=[why for *_, why in REPUBLICATIONS])
def test_republications_are_linked_as_near_duplicates(scraped: Scraped, a: str, b: str, why: str) -> None:
    found = rows(
        scraped.db,
        "select l.kind, l.score from story_links l join articles x on x.id = l.article_a"
        " join articles y on y.id = l.article_b where (x.url = ? and y.url = ?) or (x.url = ? and y.url = ?)",
        (a, b, b, a),
    )
    assert [r["kind"] for r in found] == ["near-duplicate"], why
    assert 0.6 < float(found[0]["score"]) <= 1.0  # type: ignore[arg-type]


def test_recompute_over_the_archive_changes_no_story_and_no_type(scraped: Scraped, tmp_path: Path) -> None:
    copy = tmp_path / "archive.db"
    shutil.copy(scraped.db, copy)
    before = rows(copy, "select id, story_id, content_type, topics from articles order by id")
    turns = rows(copy, "select article_id, turn, speaker, role, text from interview_turns order by id")
    result = run_cli("recompute", "--db", str(copy))
    assert result.returncode == 0, result.stderr
    assert "0 story ids changed" in result.stdout
    assert f"{len(before)} articles in " in result.stdout
    assert rows(copy, "select id, story_id, content_type, topics from articles order by id") == before
    assert rows(copy, "select article_id, turn, speaker, role, text from interview_turns order by id") == turns


def test_recompute_without_an_archive_is_a_clear_error(tmp_path: Path) -> None:
    result = run_cli("recompute", "--db", str(tmp_path / "none.db"))
    assert result.returncode == 1
    assert "no archive at" in result.stderr and "Traceback" not in result.stderr


@pytest_asyncio.fixture
async def ds(scraped: Scraped) -> AsyncIterator[Datasette]:
    instance = build_datasette(scraped.db)
    await instance.invoke_startup()
    yield instance


async def test_story_and_stories_queries(ds: Datasette, scraped: Scraped) -> None:
    story_id = _story_ids(scraped.db)[SEED[0]]
    response = await ds.client.get("/archive/story.json", params={"story_id": story_id, "_shape": "array"})
    assert response.status_code == 200
    found = response.json()
    assert sorted(r["url"] for r in found) == sorted(SEED)
    links = {r["url"]: r["links"] for r in found}
    assert "near-duplicate 0.88" in links[f"{ITU}/20220208.aspx"]
    response = await ds.client.get("/archive/stories.json", params={"_shape": "array"})
    listed = {r["story_id"]: r for r in response.json()}
    assert listed[story_id]["articles"] == 4
    assert set(listed[story_id]["languages"].split(",")) == {"ru", "en", "be"}
    assert set(listed[story_id]["sources"].split(",")) == {"mpt", "itu-cis"}


def test_worker_processes_give_what_one_process_gives(scraped: Scraped, tmp_path: Path) -> None:
    from scraper.recompute import recompute_archive
    from scraper.store import open_db

    copy = tmp_path / "archive.db"
    shutil.copy(scraped.db, copy)
    before = rows(copy, "select id, story_id, content_type, topics from articles order by id")
    db = open_db(copy)
    try:
        stats = recompute_archive(db, workers=2)
    finally:
        db.conn.close()
    assert stats.articles == len(before) and stats.changed_story_ids == 0 and stats.rewritten_facets == 0
    assert rows(copy, "select id, story_id, content_type, topics from articles order by id") == before
