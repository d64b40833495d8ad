"""Which articles are one story: translations and republications, never two different stories.

Three kinds of evidence link two articles:

* ``translation``: the source itself says so (the same mpt.gov.by node id under ru/en/be), which is
  the *base* story id :func:`scraper.records.build_record` gives every article;
* ``hreflang``: a page names the other as its alternate in another language (``<link rel="alternate"
  hreflang>``);
* ``near-duplicate``: the texts are nearly the same (MinHash over 5-word shingles, ``datasketch``'s
  affine32 scheme computed in numpy, banded into an LSH index kept in SQLite, each candidate pair
  verified on its exact shingle sets).

Stories are the groups these links make, built strongest link first, with one guard that keeps
different stories apart: a story never holds two articles of one source in one language with
different base ids (one site does not publish one story twice in one language) unless the two are
themselves near-identical. Across languages, copies join through translation links: the ITU copy of
an English interview meets its Russian and Belarusian versions through the English one.

A story's id is the base id of its first archived member, so it stays put as copies arrive.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "BANDS",
    "DEFAULT_PARAMS",
    "MAX_BUCKET",
    "NUM_PERM",
    "ROWS",
    "Edge",
    "Member",
    "StoryParams",
    "agreement",
    "agreements",
    "assign_stories",
    "band_keys",
    "minhash",
    "near_duplicate",
    "shingles",
]

SHINGLE = 5
BANDS = 42
ROWS = 3
NUM_PERM = BANDS * ROWS
#: an LSH key shared by more articles than this (a boilerplate text) yields no candidates
MAX_BUCKET = 1000
_SEED = 6
# datasketch's permutation scheme for 32-bit hashes; stored signatures and bands depend on it
_SCHEME = "affine32"

U64 = npt.NDArray[np.uint64]
U32 = npt.NDArray[np.uint32]

_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_MULT = np.uint64(0x9E3779B97F4A7C15)


@dataclass(frozen=True)
class StoryParams:
    """Thresholds of near-duplicate linking (Jaccard similarity of 5-word shingle sets).

    The LSH bands (42 of 3 rows) find a pair at Jaccard 0.5 with probability 0.996, at 0.4 with 0.94,
    at 0.2 with 0.29, so pairs under the thresholds below are rarely even compared.
    """

    #: two sources: the same text with an intro or a paragraph changed
    cross_source: float = 0.5
    #: two sources: a shorter copy nearly all inside the longer text (containment), and still this similar
    containment: float = 0.85
    containment_floor: float = 0.35
    #: one source: the same page under two ids (a repost)
    same_source: float = 0.9
    #: published further apart than this: only a near-exact copy links
    far_apart_days: int = 60
    far_apart: float = 0.8
    #: texts shorter than this many shingles are never linked by text alone
    min_shingles: int = 20
    #: never join two groups holding two stories of one source in one language (off only to measure it)
    one_story_per_source_language: bool = True
    #: candidates whose MinHash signatures agree on fewer values than this are not compared exactly
    #: (the estimate's standard error is under 0.045, so a pair at the lowest threshold, 0.35, passes)
    prefilter: float = 0.2


DEFAULT_PARAMS = StoryParams()


def _mix(x: U64) -> U64:
    """splitmix64's finaliser: spreads the bits of combined token hashes (a new array)."""
    with np.errstate(over="ignore"):
        x = x ^ (x >> np.uint64(30))
        x *= _MIX1
        x ^= x >> np.uint64(27)
        x *= _MIX2
        x ^= x >> np.uint64(31)
        return x


class _TokenHashes(dict[str, int]):
    """crc32 of each token seen, made on first lookup."""

    def __missing__(self, token: str) -> int:
        value = self[token] = zlib.crc32(token.encode("utf-8"))
        return value


_TOKEN_HASHES = _TokenHashes()


def shingles(tokens: Sequence[str]) -> U32:
    """Sorted distinct 32-bit hashes of the 5-word shingles of ``tokens`` (stable across processes)."""
    if not tokens:
        return np.zeros(0, dtype=np.uint32)
    known = _TOKEN_HASHES
    if len(known) > 1_000_000:  # a bound on memory; the hashes are cheap to make again
        known.clear()
    words = np.fromiter(map(known.__getitem__, tokens), dtype=np.uint64, count=len(tokens))
    n = max(1, len(words) - SHINGLE + 1)
    acc = words[:n].copy()
    with np.errstate(over="ignore"):
        for j in range(1, min(SHINGLE, len(words))):
            acc *= _MULT
            acc += words[j : j + n]
    return _distinct(_mix(acc).astype(np.uint32))  # the low 32 bits


def _distinct(values: U32) -> U32:
    """``np.unique`` of a small array, sorted in place (several times faster than numpy's own)."""
    values.sort()
    keep = np.empty(len(values), dtype=bool)
    keep[:1] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


@cache
def _permutations() -> tuple[U32, U32]:
    """The ``a`` and ``b`` of datasketch's affine32 permutations for ``_SEED`` (its own draw, repeated)."""
    gen = np.random.RandomState(_SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35))
_EMPTY = np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint64)
#: shingles per block of the (shingles x permutations) product: bounds its memory on a huge text
_BLOCK = 4096


def minhash(hashes: U32) -> U64:
    """The MinHash signature (``NUM_PERM`` values) of a shingle hash set.

    datasketch's ``MinHash(num_perm=NUM_PERM, seed=_SEED, scheme="affine32", hashfunc=int)`` fed the
    hashes, value for value (the tests check it), computed here in numpy: its per-call setup and
    its import (scipy, a second) cost more than the arithmetic, which is MurmurHash3's finaliser
    and then ``a * h + b`` wrapping in 32 bits, the minimum taken per permutation.
    """
    if not len(hashes):
        return _EMPTY.copy()
    a, b = _permutations()
    shift1, mult1, shift2, mult2 = _FMIX32
    hv = hashes.astype(np.uint32)
    hv = hv ^ (hv >> shift1)
    hv = hv * mult1
    hv = hv ^ (hv >> shift2)
    hv = hv * mult2
    hv = hv ^ (hv >> shift1)
    low = np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    for start in range(0, len(hv), _BLOCK):
        block = a[:, None] * hv[None, start : start + _BLOCK]  # one row per permutation: contiguous minima
        block += b[:, None]
        np.minimum(low, block.min(axis=1), out=low)
    return low.astype(np.uint64)


_BAND_SALT = np.arange(1, BANDS + 1, dtype=np.uint64) * _MULT
_ROW_MULT = [np.uint64(0xD6E8FEB86659FD93), np.uint64(0xA0761D6478BD642F), np.uint64(0xE7037ED1A0B428DB)]


def band_keys(signature: U64) -> list[int]:
    """One LSH key per band of the signature (63 bits, the band folded in): texts that share a key are compared."""
    rows = signature.reshape(BANDS, ROWS)
    with np.errstate(over="ignore"):
        acc = _BAND_SALT.copy()
        for j in range(ROWS):
            acc += rows[:, j] * _ROW_MULT[j]
        keys: list[int] = (_mix(acc) >> np.uint64(1)).tolist()
    return keys


def agreement(a: U64 | U32, b: U64 | U32) -> float:
    """The MinHash estimate of Jaccard similarity: the share of equal signature values."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


def agreements(signatures: npt.NDArray[np.uint32], left: npt.NDArray[np.intp], right: npt.NDArray[np.intp]) -> Any:
    """:func:`agreement` of many pairs at once (rows of ``signatures``)."""
    out = np.empty(len(left), dtype=np.float64)
    for start in range(0, len(left), 20_000):
        stop = start + 20_000
        equal = signatures[left[start:stop]] == signatures[right[start:stop]]
        out[start:stop] = np.count_nonzero(equal, axis=1) / NUM_PERM
    return out


def similarity(a: U32, b: U32) -> tuple[float, float]:
    """Jaccard similarity and containment (share of the smaller set) of two shingle sets."""
    if not len(a) or not len(b):
        return 0.0, 0.0
    inter = int(np.intersect1d(a, b, assume_unique=True).size)
    return inter / (len(a) + len(b) - inter), inter / min(len(a), len(b))


@dataclass(frozen=True)
class Member:
    """What story building knows of an article."""

    id: int
    source: str
    language: str | None
    base: str
    published: date | None = None


def near_duplicate(a: Member, b: Member, sa: U32, sb: U32, params: StoryParams = DEFAULT_PARAMS) -> float | None:
    """The Jaccard score when ``a`` and ``b`` are near-duplicates (republications), else None."""
    if a.base == b.base or min(len(sa), len(sb)) < params.min_shingles:
        return None
    jaccard, containment = similarity(sa, sb)
    if a.source == b.source:
        return jaccard if jaccard >= params.same_source else None
    far = (
        a.published is not None
        and b.published is not None
        and abs((a.published - b.published).days) > (params.far_apart_days)
    )
    if far:
        return jaccard if jaccard >= params.far_apart else None
    if jaccard >= params.cross_source or (containment >= params.containment and jaccard >= params.containment_floor):
        return jaccard
    return None


@dataclass(frozen=True)
class Edge:
    """A link between two articles (``a < b``): its kind and its strength."""

    a: int
    b: int
    kind: str
    score: float = 1.0

    @property
    def rank(self) -> tuple[int, float, int, int]:
        return (0 if self.kind == "hreflang" else 1, -self.score, self.a, self.b)


@dataclass
class _Group:
    members: list[int]
    keys: dict[tuple[str, str], set[str]] = field(default_factory=dict)


def assign_stories(
    members: Mapping[int, Member], edges: Iterable[Edge], params: StoryParams = DEFAULT_PARAMS
) -> dict[int, str]:
    """The story id of every member: base groups joined by ``edges``, strongest first, never
    joining two groups that would hold two stories of one source in one language."""
    parent: dict[int, int] = {}
    groups: dict[int, _Group] = {}
    by_base: dict[str, int] = {}

    def find(x: int) -> int:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for mid in sorted(members):
        m = members[mid]
        key = (m.source, m.language or "")
        if m.base in by_base:  # translations of one source story: one group from the start
            root = by_base[m.base]
            parent[mid] = root
            groups[root].members.append(mid)
            groups[root].keys.setdefault(key, set()).add(m.base)
        else:
            by_base[m.base] = mid
            parent[mid] = mid
            groups[mid] = _Group([mid], {key: {m.base}})

    edge_list = sorted((e for e in edges if e.a in members and e.b in members), key=lambda e: e.rank)
    strong = {(e.a, e.b) for e in edge_list if e.kind == "near-duplicate" and e.score >= params.same_source}

    def conflicts(g1: _Group, g2: _Group) -> bool:
        for key, bases in g1.keys.items():
            others = g2.keys.get(key)
            if not others or (bases == others and len(bases) == 1):
                continue
            left = [x for x in g1.members if (members[x].source, members[x].language or "") == key]
            right = [y for y in g2.members if (members[y].source, members[y].language or "") == key]
            for x in left:
                for y in right:
                    if members[x].base != members[y].base and (min(x, y), max(x, y)) not in strong:
                        return True
        return False

    for edge in edge_list:
        ra, rb = find(edge.a), find(edge.b)
        if ra == rb or (params.one_story_per_source_language and conflicts(groups[ra], groups[rb])):
            continue
        keep, gone = (ra, rb) if ra < rb else (rb, ra)
        parent[gone] = keep
        merged = groups.pop(gone)
        groups[keep].members.extend(merged.members)
        for key, bases in merged.keys.items():
            groups[keep].keys.setdefault(key, set()).update(bases)

    story: dict[int, str] = {}
    for root, group in groups.items():
        first = min(group.members)
        for mid in group.members:
            story[mid] = members[first].base
        del root
    return story


def candidate_pairs(bands: Mapping[int, Sequence[int]], max_bucket: int | None = None) -> list[tuple[int, int]]:
    """Pairs of articles (``a < b``, sorted) that share at least one LSH band key.

    A key shared by more than ``max_bucket`` articles (a boilerplate text many pages carry) is left
    out: it would make a million pairs and tell nothing about which of them are copies.
    """
    if not bands:
        return []
    max_bucket = MAX_BUCKET if max_bucket is None else max_bucket
    ids = np.fromiter(
        (aid for aid, keys in bands.items() for _ in keys), dtype=np.int64, count=sum(len(k) for k in bands.values())
    )
    keys = np.fromiter((k for ks in bands.values() for k in ks), dtype=np.int64, count=len(ids))
    order = np.argsort(keys, kind="stable")
    keys, ids = keys[order], ids[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    sizes = np.diff(np.r_[starts, len(keys)])
    found: list[Any] = []
    for start, size in zip(starts[sizes > 1].tolist(), sizes[sizes > 1].tolist(), strict=True):
        if size > max_bucket:
            continue
        group = np.unique(ids[start : start + size])
        if len(group) < 2:
            continue
        left, right = np.triu_indices(len(group), k=1)
        found.append(group[left] * (1 << 32) + group[right])
    if not found:
        return []
    packed = np.unique(np.concatenate(found))
    return list(zip((packed >> 32).tolist(), (packed & 0xFFFFFFFF).tolist(), strict=True))
