"""Field health: per-run shares of empty fields and of generic-layer fields, judged against history."""

from __future__ import annotations

from pathlib import Path

import pytest

from scraper import store
from scraper.errors import ExtractError
from scraper.health import FieldHealth, judge
from tests.conftest import Scraped, rows


def _record(
    n: int, *, body: str = "Some body text of the article.", date: str | None = "2022-02-08", body_source: str = "site"
) -> store.ArticleRecord:
    return store.ArticleRecord(
        url=f"https://example.org/news/{n}",
        source="mpt",
        title=f"Title {n}",
        body_markdown=body,
        body_text=body,
        published_at=date,
        title_source="rdfa",
        date_source="rdfa" if date else "",
        body_source=body_source,
    )


def test_figures_count_empty_fields_and_generic_layers() -> None:
    health = FieldHealth()
    health.add(_record(1))
    health.add(_record(2, date=None))
    health.add(_record(3, body_source="generic"))
    health.add_failure(ExtractError("no body text found", "https://example.org/news/4", field="body"))
    assert health.figures() == {
        "extracted": 4,
        "empty_title_share": 0.0,
        "empty_date_share": 0.5,
        "empty_body_share": 0.25,
        "generic_share": round(1 / 12, 4),
    }


def _run(db: store.sqlite_utils.Database, health: FieldHealth) -> tuple[int, str, str | None]:
    run_id = store.start_run(db, "mpt")
    figures = health.figures()
    verdict = judge(figures, store.field_health_history(db, "mpt", run_id))
    store.save_field_health(db, run_id, figures, verdict.health, verdict.note)
    return run_id, verdict.health, verdict.note


def test_a_run_whose_bodies_collapse_is_flagged(tmp_path: Path) -> None:
    db = store.open_db(tmp_path / "archive.db")
    for i in range(3):  # a healthy history: every body found by the site's selectors
        healthy = FieldHealth()
        for n in range(10):
            healthy.add(_record(n))
        first = "not judged: no earlier run to compare with" if i == 0 else None
        assert _run(db, healthy)[1:] == ("ok", first)
    broken = FieldHealth()  # the site changed its layout: 2 of 10 bodies are gone, 3 came from trafilatura
    for n in range(8):
        broken.add(_record(n, body_source="generic" if n < 3 else "site"))
    for n in range(2):
        broken.add_failure(ExtractError("no body text found", f"https://example.org/x/{n}", field="body"))
    run_id, health, note = _run(db, broken)
    assert health == "collapsed"
    # a page that yields no article has no date either
    assert note == "empty date 0% -> 20%; empty body 0% -> 20%; generic fields 0% -> 10% (median of 3 earlier runs)"
    row = rows(tmp_path / "archive.db", "select * from runs where id = ?", (run_id,))[0]
    assert row["health"] == "collapsed" and row["empty_body_share"] == 0.2 and row["extracted"] == 10
    db.conn.close()


def test_small_runs_and_first_runs_are_not_judged() -> None:
    tiny = {"extracted": 2, "empty_body_share": 1.0}
    assert judge(tiny, [{"extracted": 10, "empty_body_share": 0.0}]).health == "ok"
    first = {"extracted": 10, "empty_body_share": 1.0}
    verdict = judge(first, [])
    assert verdict.health == "ok" and verdict.note == "not judged: no earlier run to compare with"


def test_scraped_runs_record_their_field_health(scraped: Scraped) -> None:
    first_runs = rows(scraped.db, "select * from runs where id in (select min(id) from runs group by source)")
    assert len(first_runs) == 2
    for run in first_runs:
        assert run["extracted"] == run["new"] > 0
        # every field of every page of our own sources came from structured data or the site's selectors
        assert (run["empty_title_share"], run["empty_date_share"], run["empty_body_share"], run["generic_share"]) == (
            0.0,
            0.0,
            0.0,
            0.0,
        )
        assert run["health"] == "ok"


@pytest.mark.asyncio
async def test_field_health_is_visible_in_datasette(scraped: Scraped) -> None:
    from scraper.site import build_datasette

    ds = build_datasette(scraped.db)
    response = await ds.client.get("/archive/field_health.json?source=&_shape=array")
    assert response.status_code == 200, response.text
    data = response.json()
    assert {r["source"] for r in data} == {"mpt", "itu-cis"}
    assert all(r["health"] == "ok" and r["empty_body_share"] == 0.0 for r in data)
