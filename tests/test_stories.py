"""Story linking on real SQLite: shingles and MinHash, the linking rules, hreflang alternates, and the
incremental path (after each save) giving what a full recompute gives."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from scraper import stories
from scraper.recompute import recompute_archive, refresh_article
from scraper.records import build_record
from scraper.sources import get_source
from scraper.store import ArticleRecord, open_db, save_article
from scraper.stories import Edge, Member, StoryParams
from scraper.vocabulary import tokenize

INTERVIEW = (
    "For us a smart city is not a set of gadgets, but a way of managing urban services on the basis of data. "
    "We rely on the methodology of the International Telecommunication Union and the United for Smart "
    "Sustainable Cities initiative, which offers a set of key performance indicators. Minsk was among the "
    "first cities in the region to complete the assessment, and today Belarus is rightly considered one of "
    "the leaders in the development of smart sustainable cities in the region. First of all, intelligent "
    "transport systems, video surveillance and the urban situation centre in Minsk. In the regional centres "
    "we are deploying smart street lighting and automated metering of housing and utility services."
)
OTHER = (
    "The ITU regional cyber drill for the CIS region took place online. Teams from the national computer "
    "incident response teams of eight countries practised their response to simulated attacks on critical "
    "infrastructure. The scenarios covered ransomware attacks on healthcare systems, phishing campaigns "
    "targeting government agencies and incidents in industrial control systems."
)


def _sh(text: str) -> np.ndarray:  # type: ignore[type-arg]
    return stories.shingles(tokenize(text))


def test_shingles_ignore_case_punctuation_spacing_and_look_alike_letters() -> None:
    base = _sh("The smart city platform of Minsk uses a unified document exchange.")
    assert np.array_equal(base, _sh("the  SMART city platform, of «Minsk» uses a unified document-exchange!"))
    # "dоcument" with a Cyrillic "о", as on mpt.gov.by
    assert np.array_equal(base, _sh("The smart city platform of Minsk uses a unified d\u043ecument exchange."))
    assert not np.array_equal(base, _sh("The smart city platform of Grodno uses a unified document exchange."))


def test_minhash_agreement_estimates_jaccard_and_bands_find_copies() -> None:
    copy = "In an interview for ITU, the minister said: " + INTERVIEW.replace("First of all, ", "")
    a, b, c = _sh(INTERVIEW), _sh(copy), _sh(OTHER)
    jaccard, containment = stories.similarity(a, b)
    assert 0.7 < jaccard < 1.0 and containment > 0.85
    sa, sb, sc = stories.minhash(a), stories.minhash(b), stories.minhash(c)
    assert abs(stories.agreement(sa, sb) - jaccard) < 0.15
    assert stories.agreement(sa, sc) < 0.05
    assert set(stories.band_keys(sa)) & set(stories.band_keys(sb))
    assert not set(stories.band_keys(sa)) & set(stories.band_keys(sc))
    assert stories.candidate_pairs({1: stories.band_keys(sa), 2: stories.band_keys(sb), 3: stories.band_keys(sc)}) == [
        (1, 2)
    ]


@pytest.mark.parametrize("size", [0, 1, 20, 333, 4096, 9000])
def test_minhash_is_datasketchs_signature_value_for_value(size: int) -> None:
    # stored signatures and LSH bands were made by datasketch: the numpy version must not move them
    from datasketch import MinHash

    hashes = np.unique(np.random.default_rng(size).integers(0, 1 << 32, size, dtype=np.uint64)).astype(np.uint32)
    reference = MinHash(num_perm=stories.NUM_PERM, seed=6, hashfunc=int, scheme="affine32")
    reference.update_batch(hashes.tolist())
    signature = stories.minhash(hashes)
    assert signature.dtype == np.uint64
    assert signature.tolist() == np.asarray(reference.hashvalues, dtype=np.uint64).tolist()


def _member(mid: int, source: str, base: str, published: date = date(2022, 2, 8), language: str = "en") -> Member:
    return Member(mid, source, language, base, published)


@pytest.mark.parametrize(
    ("a", "b", "text_b", "linked"),
    [
        # another source, an intro changed: a republication
        (("mpt", "m1"), ("itu-cis", "i1"), "In an interview for ITU. " + INTERVIEW, True),
        # the same source under two ids, nearly the same text: not enough (0.9 needed)
        (("mpt", "m1"), ("mpt", "m2"), "In an interview for ITU. " + INTERVIEW[:-60], False),
        # the same source, an identical text under two ids: a repost
        (("mpt", "m1"), ("mpt", "m2"), INTERVIEW, True),
        # unrelated text
        (("mpt", "m1"), ("itu-cis", "i1"), OTHER, False),
        # too short to tell
        (("mpt", "m1"), ("itu-cis", "i1"), "Smart cities.", False),
    ],
)
def test_near_duplicate_rules(a: tuple[str, str], b: tuple[str, str], text_b: str, linked: bool) -> None:
    score = stories.near_duplicate(_member(1, *a), _member(2, *b), _sh(INTERVIEW), _sh(text_b))
    assert (score is not None) == linked


def test_copies_published_far_apart_must_be_nearly_identical() -> None:
    later = _member(2, "itu-cis", "i1", published=date(2023, 6, 1))
    copy = "In an interview for ITU. " + INTERVIEW.replace("First of all, ", "")
    assert stories.near_duplicate(_member(1, "mpt", "m1"), later, _sh(INTERVIEW), _sh(copy)) is not None
    edited = "A new intro. " + INTERVIEW[: len(INTERVIEW) * 2 // 3]
    assert stories.near_duplicate(_member(1, "mpt", "m1"), _member(2, "itu-cis", "i1"), _sh(INTERVIEW), _sh(edited))
    assert stories.near_duplicate(_member(1, "mpt", "m1"), later, _sh(INTERVIEW), _sh(edited)) is None


def test_a_story_never_holds_two_stories_of_one_source_in_one_language() -> None:
    members = {
        1: _member(1, "mpt", "node-1"),
        2: _member(2, "mpt", "node-1", language="ru"),
        3: _member(3, "mpt", "node-2"),
        4: _member(4, "itu-cis", "itu-4"),
        5: _member(5, "itu-cis", "itu-5"),
    }
    edges = [
        Edge(3, 4, "near-duplicate", 0.6),  # weaker: refused, 4 already holds mpt/en node-1
        Edge(1, 4, "near-duplicate", 0.8),
        Edge(4, 5, "near-duplicate", 0.95),  # one source, near-identical: a repost, allowed
    ]
    story = stories.assign_stories(members, edges)
    assert story[1] == story[2] == story[4] == story[5] == "node-1"  # the first member's base id
    assert story[3] == "node-2"


def test_a_chain_of_copies_cannot_merge_two_stories() -> None:
    # A -- X -- B: X resembles both A and B (two stories of one site in one language)
    members = {1: _member(1, "mpt", "a"), 2: _member(2, "mpt", "b"), 3: _member(3, "itu-cis", "x")}
    story = stories.assign_stories(members, [Edge(1, 3, "near-duplicate", 0.7), Edge(2, 3, "near-duplicate", 0.6)])
    assert story[3] == story[1] != story[2]


# --------------------------------------------------------------------------- through the store


def _record(url: str, source: str, body: str, story: str, **extra: object) -> ArticleRecord:
    values: dict[str, object] = {
        "url": url,
        "source": source,
        "title": "Belarus as one of the leaders in smart sustainable cities",
        "body_markdown": body,
        "body_text": body,
        "language": "en",
        "published_at": "2022-02-08",
        "story_id": story,
    }
    values.update(extra)
    return ArticleRecord(**values)  # type: ignore[arg-type]


def _save(db: object, record: ArticleRecord) -> int:
    _, article_id = save_article(db, record)  # type: ignore[arg-type]
    refresh_article(db, article_id, record)  # type: ignore[arg-type]
    return article_id


def _stories(db: object) -> dict[str, str]:
    return {r["url"]: r["story_id"] for r in db.query("select url, story_id from articles")}  # type: ignore[attr-defined]


def test_refresh_after_each_save_gives_what_a_recompute_gives(tmp_path: Path) -> None:
    db = open_db(tmp_path / "a.db")
    mpt_en = _save(db, _record("https://mpt.gov.by/en/news/08-02-2022-7702", "mpt", INTERVIEW, "mpt-7702"))
    _save(
        db,
        _record(
            "https://mpt.gov.by/ru/news/08-02-2022-7702",
            "mpt",
            "Для нас умный город – это не набор гаджетов.",
            "mpt-7702",
            language="ru",
        ),
    )
    copy = _record("https://www.itu.int/copy.aspx", "itu-cis", "In an interview for ITU. " + INTERVIEW, "itu-copy")
    copy_id = _save(db, copy)
    _save(db, _record("https://www.itu.int/drill.aspx", "itu-cis", OTHER, "itu-drill"))
    linked = _stories(db)
    assert len({linked[u] for u in linked if "7702" in u or "copy" in u}) == 1
    assert linked["https://www.itu.int/drill.aspx"] != linked["https://www.itu.int/copy.aspx"]
    assert db.execute(
        "select kind from story_links where article_a = ? and article_b = ?", [mpt_en, copy_id]
    ).fetchone() == ("near-duplicate",)
    assert recompute_archive(db).changed_story_ids == 0
    assert _stories(db) == linked

    # the copy is rewritten into another story: it leaves, and the rest stays together
    _save(db, _record("https://www.itu.int/copy.aspx", "itu-cis", OTHER + " And a new ending.", "itu-copy"))
    after = _stories(db)
    assert after["https://www.itu.int/copy.aspx"] != after["https://mpt.gov.by/en/news/08-02-2022-7702"]
    assert after["https://mpt.gov.by/ru/news/08-02-2022-7702"] == after["https://mpt.gov.by/en/news/08-02-2022-7702"]
    assert after["https://www.itu.int/copy.aspx"] == after["https://www.itu.int/drill.aspx"]  # a repost of it now
    assert recompute_archive(db).changed_story_ids == 0
    assert _stories(db) == after
    db.conn.close()


PAGE = """<!DOCTYPE html><html lang="{lang}"><head><title>{title}</title>
<link rel="alternate" hreflang="{other}" href="{other_href}" />
<link rel="alternate" hreflang="x-default" href="/en/ITU-D/Regional-Presence/CIS/Pages/News/20230101.aspx" />
</head><body><div class="ms-rtestate-field"><h1>{title}</h1></div>
<div class="itu-news-date">1 January 2023</div>
<div class="ms-rtestate-field"><p>{body}</p><p>{body}</p></div></body></html>"""


def test_hreflang_alternates_make_one_story(tmp_path: Path) -> None:
    source = get_source("itu-cis")
    scope = source.scope()
    en_url = "https://www.itu.int/en/ITU-D/Regional-Presence/CIS/Pages/News/20230101.aspx"
    ru_url = "https://www.itu.int/ru/ITU-D/Regional-Presence/CIS/Pages/News/20230101.aspx"
    en = build_record(
        source,
        scope,
        PAGE.format(
            lang="en",
            title="Smart cities forum",
            other="ru",
            other_href=ru_url.replace("https://www.", "http://"),
            body=OTHER,
        ),
        en_url,
    )
    assert en.alternates == (("ru", ru_url),)  # canonical form, x-default and the page itself left out
    ru = build_record(
        source,
        scope,
        PAGE.format(
            lang="ru",
            title="Форум умных городов",
            other="en",
            other_href=en_url,
            body="Учения по кибербезопасности для стран СНГ прошли онлайн. " * 3,
        ),
        ru_url,
    )
    assert ru.story_id != en.story_id  # the source alone does not know they are one story
    db = open_db(tmp_path / "a.db")
    en_id = _save(db, en)
    _save(db, ru)
    assert len(set(_stories(db).values())) == 1
    assert [r[0] for r in db.execute("select kind from story_links where article_a = ?", [en_id])] == ["hreflang"]
    assert recompute_archive(db).changed_story_ids == 0
    db.conn.close()


def test_hreflang_links_found_through_urls_and_aliases_in_both_directions(tmp_path: Path) -> None:
    db = open_db(tmp_path / "a.db")
    ru = "https://mpt.gov.by/ru/news/1"
    # the Russian page is known by its URL and by an alias (its print form)
    _, ru_id = save_article(db, _record(ru, "mpt", OTHER, "mpt-1", language="ru"), aliases=[ru + "?print"])
    en = _record("https://mpt.gov.by/en/news/1", "mpt", INTERVIEW, "mpt-1e", alternates=(("ru", ru + "?print"),))
    be = _record("https://mpt.gov.by/be/news/1", "mpt", INTERVIEW + " Be.", "mpt-1b", alternates=(("ru", ru),))

    def links() -> set[tuple[int, int]]:
        return {(r["article_a"], r["article_b"]) for r in db.query("select * from story_links where kind = 'hreflang'")}

    # each names the Russian page: the English by its alias, the Belarusian by its URL
    en_id = _save(db, en)
    assert links() == {tuple(sorted((en_id, ru_id)))}
    be_id = _save(db, be)
    assert links() == {tuple(sorted((en_id, ru_id))), tuple(sorted((be_id, ru_id)))}
    # the Russian page names nobody: refreshed, it finds its links in the others' alternates
    db.execute("delete from story_links where kind = 'hreflang'")
    refresh_article(db, ru_id)
    assert links() == {tuple(sorted((en_id, ru_id))), tuple(sorted((be_id, ru_id)))}
    assert len({_stories(db)[url] for url in (ru, en.url, be.url)}) == 1
    db.conn.close()


def test_one_refresh_reads_as_much_in_a_large_archive_as_in_a_small_one(tmp_path: Path) -> None:
    # the hreflang look-ups of one article are index searches: SQLite's virtual machine runs about
    # as many instructions for them beside 600 other articles as beside 3 (a scan would run 200x)
    from scraper.recompute import _hreflang_edges

    def steps(db: object, article_id: int) -> int:
        counted = [0]

        def tick() -> int:
            counted[0] += 1
            return 0

        db.conn.set_progress_handler(tick, 1)  # type: ignore[attr-defined]
        _hreflang_edges(db, article_id)  # type: ignore[arg-type]
        db.conn.set_progress_handler(None, 1)  # type: ignore[attr-defined]
        return counted[0]

    measured = []
    for size in (3, 600):
        db = open_db(tmp_path / f"{size}.db")
        for n in range(size):
            url = f"https://mpt.gov.by/ru/news/{n}"
            save_article(db, _record(url, "mpt", f"{OTHER} {n}", f"mpt-{n}"), aliases=[url + "?print"])
        one = _record(
            "https://mpt.gov.by/en/news/1", "mpt", INTERVIEW, "e", alternates=(("ru", "https://mpt.gov.by/ru/news/1"),)
        )
        article_id = _save(db, one)
        measured.append(steps(db, article_id))
        assert _hreflang_edges(db, article_id) == [Edge(2, article_id, "hreflang")]
        db.conn.close()
    small, large = measured
    assert large <= small * 1.5, measured


def test_stricter_thresholds_are_parameters() -> None:
    strict = StoryParams(cross_source=0.99, containment=1.01)
    copy = "In an interview for ITU. " + INTERVIEW
    assert stories.near_duplicate(_member(1, "mpt", "m"), _member(2, "itu-cis", "i"), _sh(INTERVIEW), _sh(copy))
    assert (
        stories.near_duplicate(_member(1, "mpt", "m"), _member(2, "itu-cis", "i"), _sh(INTERVIEW), _sh(copy), strict)
        is None
    )


def test_a_key_shared_by_too_many_articles_yields_no_candidates() -> None:
    bands = {1: [10, 20], 2: [10, 21], 3: [10, 22], 4: [23, 20]}
    assert stories.candidate_pairs(bands) == [(1, 2), (1, 3), (1, 4), (2, 3)]
    assert stories.candidate_pairs(bands, max_bucket=2) == [(1, 4)]  # key 10 is in three articles


def test_articles_with_little_or_no_text_are_their_own_story(tmp_path: Path) -> None:
    db = open_db(tmp_path / "a.db")
    empty = _save(db, _record("https://mpt.gov.by/en/node/1", "mpt", "", "mpt-1", language=None, published_at=None))
    short = _save(db, _record("https://www.itu.int/short.aspx", "itu-cis", "Smart cities.", "itu-short"))
    stats = recompute_archive(db)
    assert stats.articles == 2 and stats.stories == 2 and stats.changed_story_ids == 0
    assert db.execute("select count(*) from story_bands where article_id in (?, ?)", [empty, short]).fetchone() == (0,)
    db.conn.close()


def test_an_archive_made_before_stories_existed_is_migrated_and_linked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scraper import migrations

    path = tmp_path / "old.db"
    with monkeypatch.context() as patch:
        # the schema before issue 6: every migration but its own
        patch.setattr(migrations, "MIGRATIONS", [m for m in migrations.MIGRATIONS if "issue6" not in m[0]])
        old = open_db(path)
        assert "story_members" not in old.table_names()
        save_article(old, _record("https://mpt.gov.by/en/news/08-02-2022-7702", "mpt", INTERVIEW, "mpt-7702"))
        save_article(
            old, _record("https://www.itu.int/copy.aspx", "itu-cis", "In an interview for ITU. " + INTERVIEW, "itu-c")
        )
        old.conn.close()
    db = open_db(path)  # migration 003 runs: every article a member of its own source story
    assert {r["base_story_id"] for r in db.query("select base_story_id from story_members")} == {"mpt-7702", "itu-c"}
    stats = recompute_archive(db)
    assert stats.changed_story_ids == 1 and stats.links["near-duplicate"] == 1
    assert set(_stories(db).values()) == {"mpt-7702"}
    db.conn.close()
