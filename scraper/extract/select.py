"""CSS selection over one parsed page, fast for the selectors sources use.

soupsieve (BeautifulSoup's ``select``) matches every selector against every element in
Python, which made selection the largest cost of extracting a page. Source profiles use
simple selectors: compounds of tag, ``#id``, ``.class`` and ``[attr]``/``[attr="v"]``/
``[attr$="v"]``/``[attr^="v"]``/``[attr*="v"]`` and ``:has(tag, ...)``, joined by
descendant combinators and commas. :class:`Page` walks the tree once, indexes tags by id and class, and answers those
selectors from the index; anything else (``>``, ``:has()``...) goes to soupsieve.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from bs4 import BeautifulSoup, Tag
from bs4.element import Comment

__all__ = ["Page", "is_dead"]


def is_dead(el: Tag) -> bool:
    """Whether ``el`` was decomposed. (bs4's ``Tag.decomposed`` looks the flag up with ``getattr``,
    which on a Tag that never had it falls back to a search of its whole subtree.)"""
    return el.__dict__.get("_decomposed", False) is True


_COMPOUND = re.compile(
    r"""^(?P<tag>[a-zA-Z][\w-]*|\*)?(?P<rest>(?:\#[\w-]+|\.[\w-]+|\[[\w:-]+(?:[$^*]?=(?:"[^"]*"|'[^']*'|[\w-]+))?\])*)"""
    r"""(?::has\((?P<has>[a-z0-9]+(?:\s*,\s*[a-z0-9]+)*)\))?$"""
)
_SPLIT_LIST = re.compile(r",(?![^()]*\))")
_PART = re.compile(r"""\#([\w-]+)|\.([\w-]+)|\[([\w:-]+)(?:([$^*]?=)(?:"([^"]*)"|'([^']*)'|([\w-]+)))?\]""")


@dataclass(frozen=True)
class _Compound:
    tag: str | None
    ident: str | None
    classes: tuple[str, ...]
    attrs: tuple[tuple[str, str | None, str], ...]  # (name, operator, value)
    has: tuple[str, ...] = ()  # ":has(p, li)": holds one of these tags

    def matches(self, el: Tag) -> bool:
        if self.tag is not None and el.name != self.tag:
            return False
        if self.ident is not None and el.get("id") != self.ident:
            return False
        if self.classes:
            got = el.get("class")
            found = [str(c) for c in got] if isinstance(got, list) else str(got or "").split()
            if not all(c in found for c in self.classes):
                return False
        for name, op, value in self.attrs:
            got = el.get(name)
            if got is None:
                return False
            text = " ".join(got) if isinstance(got, list) else str(got)
            if (
                (op == "=" and text != value)
                or (op == "$=" and not text.endswith(value))
                or (op == "^=" and not text.startswith(value))
                or (op == "*=" and value not in text)
            ):
                return False
        return not self.has or el.find(list(self.has)) is not None


@lru_cache(maxsize=512)
def _parse(selector: str) -> tuple[tuple[_Compound, ...], ...] | None:
    """A selector list as chains of compounds (descendant combinators), or None when unsupported."""
    chains: list[tuple[_Compound, ...]] = []
    for part in _SPLIT_LIST.split(selector):
        compounds: list[_Compound] = []
        for token in re.sub(r"\s*,\s*", ",", part).split():
            m = _COMPOUND.match(token)
            if not m or not token:
                return None
            tag = m.group("tag")
            ident: str | None = None
            classes: list[str] = []
            attrs: list[tuple[str, str | None, str]] = []
            for p in _PART.finditer(m.group("rest") or ""):
                if p.group(1):
                    ident = p.group(1)
                elif p.group(2):
                    classes.append(p.group(2))
                else:
                    value = next((g for g in p.group(5, 6, 7) if g is not None), "")
                    attrs.append((p.group(3), p.group(4), value))
            has = tuple(h.strip() for h in m.group("has").split(",")) if m.group("has") else ()
            name = None if tag in (None, "*") else tag.lower()
            compounds.append(_Compound(name, ident, tuple(classes), tuple(attrs), has))
        if not compounds:
            return None
        chains.append(tuple(compounds))
    return tuple(chains)


class Page:
    """One parsed page with its tags indexed (document order) for fast selection."""

    def __init__(self, soup: BeautifulSoup, nodes: tuple[list[Tag], list[Comment]] | None = None) -> None:
        """Index ``soup``; ``nodes`` are its tags and comments in document order when the parser
        listed them already (:func:`scraper.extract.parse.parsed_nodes`), which spares a walk."""
        self.soup = soup
        self.tags: list[Tag] = []
        self.comments: list[Comment] = []
        self._by_class: dict[str, list[Tag]] = {}
        self._by_id: dict[str, list[Tag]] = {}
        self._by_name: dict[str, list[Tag]] = {}
        self._memos: dict[Callable[[Tag], bool], dict[int, tuple[Tag, bool]]] = {}
        if nodes is None:
            for node in soup.descendants:
                if isinstance(node, Tag):
                    self.tags.append(node)
                elif isinstance(node, Comment):
                    self.comments.append(node)
        else:
            self.tags, self.comments = list(nodes[0]), list(nodes[1])
        for node in self.tags:
            self._by_name.setdefault(node.name, []).append(node)
            ident = node.attrs.get("id")
            if isinstance(ident, str):
                self._by_id.setdefault(ident, []).append(node)
            classes = node.attrs.get("class")
            if classes:
                for c in classes if isinstance(classes, list) else [classes]:
                    self._by_class.setdefault(str(c), []).append(node)
        self._order = {id(t): i for i, t in enumerate(self.tags)}

    def cached(self, test: Callable[[Tag], bool]) -> Callable[[Tag], bool]:
        """``test`` with its answer kept per tag for this page: for tests of what extraction never changes
        (a tag's name, classes, id, role), asked of the same ancestors again and again."""
        memo = self._memos.setdefault(test, {})

        def run(el: Tag) -> bool:
            found = memo.get(id(el))
            if found is None:
                found = memo[id(el)] = (el, test(el))  # the tag is kept: its id is not reused meanwhile
            return found[1]

        return run

    def marked(self, test: Callable[[str], bool]) -> set[int]:
        """``id()`` of the tags (live or not) with a class or id that passes ``test`` (one test per distinct value)."""
        found: set[int] = set()
        for index in (self._by_class, self._by_id):
            for value, tags in index.items():
                if test(value):
                    found.update(id(t) for t in tags)
        return found

    def find_all(self, *names: str) -> list[Tag]:
        """Live tags with one of these names, in document order."""
        found = [t for n in names for t in self._by_name.get(n, [])]
        if len(names) > 1:
            found.sort(key=lambda t: self._order[id(t)])
        return [t for t in found if not is_dead(t)]

    def _candidates(self, last: _Compound) -> list[Tag]:
        if last.ident is not None:
            return self._by_id.get(last.ident, [])
        if last.classes:
            return min((self._by_class.get(c, []) for c in last.classes), key=len)
        if last.tag is not None:
            return self._by_name.get(last.tag, [])
        return self.tags

    def select(self, selector: str) -> list[Tag]:
        """Live elements matching ``selector``, in document order."""
        chains = _parse(selector)
        if chains is None:
            return [t for t in self.soup.select(selector) if isinstance(t, Tag)]
        found: dict[int, Tag] = {}
        for chain in chains:
            for el in self._candidates(chain[-1]):
                if not is_dead(el) and chain[-1].matches(el) and _ancestors_match(el, chain[:-1]):
                    found[id(el)] = el
        return sorted(found.values(), key=lambda t: self._order.get(id(t), 0))

    def select_one(self, selector: str) -> Tag | None:
        found = self.select(selector)
        return found[0] if found else None


def _ancestors_match(el: Tag, chain: tuple[_Compound, ...]) -> bool:
    """Whether ``chain`` (outermost first) matches ancestors of ``el``, in order."""
    if not chain:
        return True
    needed = len(chain) - 1
    node = el.parent
    while node is not None and needed >= 0:
        if isinstance(node, Tag) and chain[needed].matches(node):
            needed -= 1
        node = node.parent
    return needed < 0
