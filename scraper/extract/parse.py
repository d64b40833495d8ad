"""HTML to a BeautifulSoup tree, the tree ``BeautifulSoup(html, "lxml")`` builds, built faster.

BeautifulSoup's lxml builder turns each parser event into several generic Python calls
(namespace bookkeeping, ``handle_starttag``, ``endData``, a linkage check after every
string, ``Tag.__init__``), which made tree building the largest cost of extracting a page.
:class:`_FastBuilder` takes the same lxml events (same parser, same settings, same input)
and does for an HTML page exactly what those calls do, in fewer steps: the tags, strings,
attributes and links between nodes are the ones bs4 makes (``tests/test_parse.py`` compares
every node of both trees). Anything unusual for an HTML page (namespaces, a ``parse_only``
filter) goes to bs4's own code.
"""

from __future__ import annotations

import warnings
import weakref
from typing import Any

import bs4
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, Tag
from bs4.builder._lxml import LXMLTreeBuilder
from bs4.element import Comment, NavigableString
from bs4.element import nonwhitespace_re as _NON_SPACE

__all__ = ["parse_html", "parsed_nodes"]

#: bs4 releases whose tree building the fast builder has been compared with (tests/test_parse.py)
_CHECKED_BS4 = ("4.15.",)
_FAST = bs4.__version__.startswith(_CHECKED_BS4)
_ASCII_SPACES = "\x20\x0a\x09\x0c\x0d"
_DEFAULT_LISTS = LXMLTreeBuilder.DEFAULT_CDATA_LIST_ATTRIBUTES
_LIST_ATTRIBUTES: dict[str, frozenset[str]] = {}
_MAIN_STRING_TYPES = Tag.MAIN_CONTENT_STRING_TYPES
_new = object.__new__


def _list_attributes(tag: str) -> frozenset[str]:
    """The attributes of ``tag`` whose values bs4 splits into lists ("class", a link's "rel"...)."""
    return frozenset(_DEFAULT_LISTS.get("*", set())) | frozenset(_DEFAULT_LISTS.get(tag.lower(), None) or ())


_new_string = str.__new__


class _FastBuilder(LXMLTreeBuilder):
    """bs4's lxml HTML builder with the events of a plain HTML page handled in one step each."""

    #: the tags and comments made, in document order (the order a walk of the new tree gives)
    tags: list[Tag]
    comments: list[Comment]
    parsed: weakref.ref[BeautifulSoup] | None = None

    def reset(self) -> None:
        super().reset()
        self.tags = []
        self.comments = []
        # bs4 drops builder.soup after parsing; the lists belong to this tree only
        self.parsed = weakref.ref(self.soup) if self.soup is not None else None

    def _slow_start(self, tag: Any, attrib: Any, nsmap: Any) -> None:
        super().start(tag, attrib, nsmap)
        self.tags.append(self.soup.currentTag)  # type: ignore[union-attr,arg-type]

    def comment(self, text: Any) -> None:
        super().comment(text)
        self.comments.append(self.soup._most_recent_element)  # type: ignore[union-attr,arg-type]

    def start(self, tag: Any, attrib: Any, nsmap: Any = {}) -> None:  # noqa: B006 (lxml's signature)
        soup: Any = self.soup
        if nsmap or len(self.nsmaps) > 1 or soup.parse_only or tag[:1] == "{":
            self._slow_start(tag, attrib, nsmap)
            return
        # lxml gives str keys and values, which HTMLAttributeDict stores as given: no __setitem__ per value
        attrs: Any = self.attribute_dict_class(attrib) if attrib else self.attribute_dict_class()
        for k in attrs:
            if k[:1] == "{":
                self._slow_start(tag, attrib, nsmap)
                return
        if soup.current_data:
            self._end_data(soup, None)
        if attrs:
            if self.cdata_list_attributes is _DEFAULT_LISTS:
                # _replace_cdata_list_attribute_values, with the multi-valued attributes of each tag name known
                lists = _LIST_ATTRIBUTES.get(tag)
                if lists is None:
                    lists = _LIST_ATTRIBUTES[tag] = _list_attributes(tag)
                for k in lists:
                    if k in attrs and isinstance(value := attrs[k], str):
                        dict.__setitem__(attrs, k, self.attribute_value_list_class(_NON_SPACE.findall(value)))
            else:
                attrs = self._replace_cdata_list_attribute_values(tag, attrs)
        parent = soup.currentTag
        previous = soup._most_recent_element
        siblings = parent.contents
        before = siblings[-1] if siblings else None
        containers = self.string_containers
        # what Tag.__init__(soup, self, tag, None, None, attrs, parent, previous, namespaces=...) sets,
        # PageElement.setup(parent, previous) included
        el: Any = _new(Tag)
        el.__dict__ = {
            "parser_class": soup.__class__,
            "name": tag,
            "namespace": None,
            "_namespaces": self.active_namespace_prefixes[-1] or {},
            "prefix": None,
            "sourceline": None,
            "sourcepos": None,
            "attribute_value_list_class": self.attribute_value_list_class,
            "attrs": attrs,
            "known_xml": False,
            "contents": [],
            "parent": parent,
            "previous_element": previous,
            "next_element": None,
            "next_sibling": None,
            "previous_sibling": before,
            "hidden": False,
            "can_be_empty_element": True if (empty := self.empty_element_tags) is None else tag in empty,
            "cdata_list_attributes": self.cdata_list_attributes,
            "preserve_whitespace_tags": self.preserve_whitespace_tags,
            "interesting_string_types": {containers[tag]} if tag in containers else _MAIN_STRING_TYPES,
        }
        if previous is not None:
            previous.next_element = el
        if before is not None:
            before.next_sibling = el
        if tag == "meta":
            self.set_up_substitutions(el)
        self.tags.append(el)
        # BeautifulSoup.handle_starttag, then pushTag
        soup._most_recent_element = el
        siblings.append(el)
        soup.tagStack.append(el)
        soup.currentTag = el
        soup.open_tag_counter[tag] += 1
        if tag in self.preserve_whitespace_tags:
            soup.preserve_whitespace_tag_stack.append(el)
        if tag in containers:
            soup.string_container_stack.append(el)

    def end(self, tag: Any) -> None:
        soup: Any = self.soup
        current = soup.currentTag
        if len(self.nsmaps) > 1 or tag[:1] == "{" or current is None or current.name != tag or current is soup:
            super().end(tag)
            return
        if soup.current_data:
            self._end_data(soup, None)
        # _popToTag(tag) pops exactly the current tag when it has that name; then popTag
        stack = soup.tagStack
        stack.pop()
        soup.open_tag_counter[tag] -= 1
        whitespace = soup.preserve_whitespace_tag_stack
        if whitespace and whitespace[-1] is current:
            whitespace.pop()
        containers = soup.string_container_stack
        if containers and containers[-1] is current:
            containers.pop()
        soup.currentTag = stack[-1]

    def data(self, content: Any) -> None:
        soup: Any = self.soup
        soup.current_data.append(content)

    def _end_data(self, soup: Any, container: type[NavigableString] | None) -> None:
        """``BeautifulSoup.endData`` and ``object_was_parsed`` for a page being parsed in order."""
        if soup.parse_only:
            soup.endData(container)
            return
        text = "".join(soup.current_data)
        if not soup.preserve_whitespace_tag_stack and not text.strip(_ASCII_SPACES):
            text = "\n" if "\n" in text else " "
        soup.current_data = []
        if container is None and not soup.element_classes:
            # BeautifulSoup.string_container, for a plain string
            stack = soup.string_container_stack
            cls = self.string_containers.get(stack[-1].name, NavigableString) if stack else NavigableString
        else:
            cls = soup.string_container(container)
        parent = soup.currentTag
        previous = soup._most_recent_element
        siblings = parent.contents
        before = siblings[-1] if siblings else None
        string: Any = _new_string(cls, text)
        string.__dict__ = {
            "hidden": False,
            "parent": parent,
            "previous_element": previous,
            "next_element": None,
            "next_sibling": None,
            "previous_sibling": before,
        }
        if previous is not None:
            previous.next_element = string
        if before is not None:
            before.next_sibling = string
        soup._most_recent_element = string
        siblings.append(string)
        # bs4's _linkage_fixer runs here; on a page parsed in order it changes nothing


def parsed_nodes(soup: BeautifulSoup) -> tuple[list[Tag], list[Comment]] | None:
    """The tags and comments of a tree :func:`parse_html` just made, in document order; None for
    another tree, and for the second call (the lists are handed over once).

    Only for a tree as parsed: a tag removed since is still listed.
    """
    builder = soup.builder
    if not isinstance(builder, _FastBuilder) or builder.parsed is None or builder.parsed() is not soup:
        return None
    found = builder.tags, builder.comments
    builder.tags, builder.comments, builder.parsed = [], [], None
    return found


def parse_html(html: str) -> BeautifulSoup:
    """``BeautifulSoup(html, "lxml")``, built faster (any text is a page, also one that looks like a URL).

    The fast builder mirrors bs4's internals as of the versions in :data:`_CHECKED_BS4`; with
    another bs4 the page goes to bs4's own builder (same tree, the old speed).
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        if not _FAST:
            return BeautifulSoup(html, "lxml")
        return BeautifulSoup(html, builder=_FastBuilder())
