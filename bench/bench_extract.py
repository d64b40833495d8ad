"""Extraction benchmark: body-text F1 and CPU time per page of ``extract_article`` beside ``trafilatura.extract``.

    python bench/bench_extract.py            # the whole corpus (about 140 pages), both extractors
    python bench/bench_extract.py --quick    # every third page
    python bench/bench_extract.py --worst 5  # also list our five worst pages

The corpus is :mod:`tests.pages` (replica pages of our own sources and pages written in the
shapes of other news sites; see its docstring for where each page comes from). F1 is over
shingles of 4 words (lower-cased word tokens), averaged per page, against the known article
text. CPU time is ``time.process_time`` per call, the best of ``--repeat`` runs per page. On our
own sources ``extract_article`` runs with the source's profile (as the pipeline does); on the
written pages it runs with no profile, so its generic layers (structured data, then
trafilatura) do the work. trafilatura runs with its defaults (``trafilatura.extract(html, url=url)``).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scraper.errors import ExtractError  # noqa: E402
from scraper.extract import extract_article  # noqa: E402
from scraper.sources import get_source  # noqa: E402
from tests.pages import CorpusPage, corpus  # noqa: E402

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    if len(words) < n:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def f1(found: str, truth: str) -> float:
    a, b = shingles(found), shingles(truth)
    if not a or not b:
        return 1.0 if a == b else 0.0
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def ours(page: CorpusPage) -> Callable[[], str]:
    if page.source:
        source = get_source(page.source)
        scope = source.scope()

        def run() -> str:
            try:
                return source.extract(page.html, page.url, scope).body_text
            except ExtractError:
                return ""

        return run

    def generic() -> str:
        try:
            return extract_article(page.html, page.url).body_text
        except ExtractError:
            return ""

    return generic


def theirs(page: CorpusPage) -> Callable[[], str]:
    import trafilatura

    return lambda: trafilatura.extract(page.html, url=page.url) or ""


def measure(make: Callable[[], str], repeat: int) -> tuple[str, float]:
    best = float("inf")
    out = ""
    for _ in range(repeat):
        start = time.process_time()
        out = make()
        best = min(best, time.process_time() - start)
    return out, best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="every third page only")
    parser.add_argument("--repeat", type=int, default=3, help="runs per page; the fastest counts (default 3)")
    parser.add_argument("--worst", type=int, default=0, help="list our N worst pages")
    args = parser.parse_args()

    pages = list(corpus())
    if args.quick:
        pages = pages[::3]
    import trafilatura

    trafilatura.extract("<html><body><p>warm up the imports</p></body></html>")
    extract_article(
        "<html><body><h1>Warm up</h1><p>warm up the imports and the language model</p></body></html>",
        "https://example.org/",
    )

    groups: dict[str, list[tuple[float, float, float, float]]] = defaultdict(list)
    scored: list[tuple[float, float, str]] = []
    for page in pages:
        our_text, our_cpu = measure(ours(page), args.repeat)
        their_text, their_cpu = measure(theirs(page), args.repeat)
        our_f1, their_f1 = f1(our_text, page.text), f1(their_text, page.text)
        group = page.origin if page.origin.startswith("replica") else "written (other sites)"
        groups[group].append((our_f1, their_f1, our_cpu, their_cpu))
        groups["all"].append((our_f1, their_f1, our_cpu, their_cpu))
        scored.append((our_f1, their_f1, page.name))

    print(
        f"corpus: {len(pages)} pages{' (quick: every third page)' if args.quick else ''}; "
        f"CPU time = best of {args.repeat} runs per page"
    )
    header = (
        f"{'pages':<24}{'n':>4}  {'F1 ours':>8}  {'F1 trafilatura':>14}  "
        f"{'ms/page ours':>12}  {'ms/page trafilatura':>19}"
    )
    print(header)
    print("-" * len(header))
    for group in sorted(groups, key=lambda g: (g == "all", g)):
        rows = groups[group]
        print(
            f"{group:<24}{len(rows):>4}  {statistics.mean(r[0] for r in rows):>8.3f}  "
            f"{statistics.mean(r[1] for r in rows):>14.3f}  {1000 * statistics.mean(r[2] for r in rows):>12.2f}  "
            f"{1000 * statistics.mean(r[3] for r in rows):>19.2f}"
        )
    if args.worst:
        print(f"\nour {args.worst} worst pages (F1 ours / trafilatura):")
        for our_f1, their_f1, name in sorted(scored)[: args.worst]:
            print(f"  {our_f1:.3f} / {their_f1:.3f}  {name}")


if __name__ == "__main__":
    main()
