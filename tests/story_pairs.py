"""A labelled set of article pairs for story linking, over the site replicas.

How it was built: every pair of articles the two replicas serve is labelled. A pair is the *same
story* when it is

* two language versions of one mpt.gov.by node (read from the replica's own node ids), or
* a republication written down by hand below: the ITU copy of an mpt.gov.by story, or the
  mpt.gov.by copy of an ITU story (the replica pages were written as copies: same body, a new intro,
  a paragraph added or dropped), and the translations of either side;

every other pair is a *different story*. The hard cases among them are named below with the reason
they look alike: the same forum in two years, two meetings of one committee months apart, two
independent reports of one workshop, and two Belarus-ITU stories published on 8 February a year
apart. Precision and recall are counted over all pairs (see ``tests/test_stories_replica.py`` and
``bench/eval_story_linking.py``).
"""

from __future__ import annotations

from itertools import combinations

from tests.replica import ReplicaArticle

MPT = "https://mpt.gov.by"
ITU = "https://www.itu.int/en/ITU-D/Regional-Presence/CIS/Pages/News"

#: republications across sources, labelled by hand: (one article of each side)
REPUBLICATIONS: tuple[tuple[str, str, str], ...] = (
    (f"{ITU}/20220208.aspx", f"{MPT}/en/news/08-02-2022-7702", "the seed interview: ITU copy, new intro"),
    (f"{ITU}/17022022.aspx", f"{MPT}/en/news/17-02-2022-7725", "forum 2022: ITU copy, new intro"),
    (f"{ITU}/07042022.aspx", f"{MPT}/en/news/08-04-2022-7790", "SG20 RG meeting: mpt copy, a sentence added"),
)

#: different stories that look alike, with the reason
HARD_NEGATIVES: tuple[tuple[str, str, str], ...] = (
    (f"{MPT}/en/news/17-02-2021-7045", f"{MPT}/en/news/17-02-2022-7725", "one forum, two years (same site)"),
    (f"{MPT}/ru/news/17-02-2021-7045", f"{MPT}/ru/news/17-02-2022-7725", "one forum, two years, in Russian"),
    (f"{ITU}/17022022.aspx", f"{MPT}/en/news/17-02-2021-7045", "one forum, two years (two sources)"),
    (f"{ITU}/07042022.aspx", f"{ITU}/29092022.aspx", "two meetings of one committee (same site)"),
    (f"{ITU}/29092022.aspx", f"{MPT}/en/news/08-04-2022-7790", "two meetings of one committee (two sources)"),
    (f"{ITU}/26102022.aspx", f"{MPT}/en/news/27-10-2022-8101", "one workshop, two independent reports"),
    (f"{MPT}/en/news/08-02-2021-7002", f"{MPT}/en/news/08-02-2022-7702", "Belarus and ITU, 8 February, a year apart"),
    (f"{MPT}/en/news/08-02-2021-7002", f"{ITU}/20220208.aspx", "Belarus and ITU, a year apart (two sources)"),
)


def true_stories(articles: list[ReplicaArticle]) -> dict[str, int]:
    """The true story of every article URL (articles of one story share the number)."""
    story: dict[str, int] = {}
    nodes: dict[int, int] = {}
    for i, art in enumerate(articles):
        if art.nid is not None:
            story[art.real_url] = nodes.setdefault(art.nid, i)
        else:
            story[art.real_url] = i
    for a, b, _ in REPUBLICATIONS:
        old, new = story[a], story[b]
        for url, s in story.items():
            if s == old:
                story[url] = new
    return story


def labelled_pairs(articles: list[ReplicaArticle]) -> list[tuple[str, str, bool]]:
    """Every pair of the replicas' articles, labelled same story (True) or not."""
    story = true_stories(articles)
    urls = sorted(story)
    return [(a, b, story[a] == story[b]) for a, b in combinations(urls, 2)]


def precision_recall(
    pairs: list[tuple[str, str, bool]], predicted: dict[str, object]
) -> tuple[float, float, int, int, int]:
    """Pairwise precision and recall of a prediction (URL -> story id), with TP, FP and FN."""
    tp = sum(1 for a, b, same in pairs if same and predicted[a] == predicted[b])
    fp = sum(1 for a, b, same in pairs if not same and predicted[a] == predicted[b])
    fn = sum(1 for a, b, same in pairs if same and predicted[a] != predicted[b])
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn
