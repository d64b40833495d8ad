"""scraper.extract.parse builds the very tree ``BeautifulSoup(html, "lxml")`` builds: every node, attribute
and link between nodes, on every corpus page and on markup that takes bs4's rarer paths."""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning
from bs4.element import PageElement

from bench.crawl_replica import article_html
from scraper.extract.parse import parse_html, parsed_nodes
from tests.pages import corpus

ODD_MARKUP = [
    "",
    "x",
    "<p>a",
    "<!-- before --><html><body>hi</body></html><!-- after -->",
    "<?xml version='1.0'?><html><p>x</p></html>",
    "<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0//EN' 'x.dtd'><html xmlns='http://www.w3.org/1999/xhtml' "
    "xml:lang='en'><body><svg:svg xmlns:svg='http://www.w3.org/2000/svg'><svg:g/></svg:svg></body></html>",
    "<pre>  \n  <b> </b>\n</pre><textarea>  </textarea><script> var a = '<p>'; </script><style> </style>"
    "<template><p> t </p></template>",
    "<table><tr><td>a<td>b</table><p>x<div>y</p></div><li>one<li>two",
    "<meta charset='utf-8'><meta http-equiv='Content-Type' content='text/html; charset=windows-1251'>"
    "<p class=' a  b ' rel='x y' id='q'>x</p>",
    "\ufeff<html><body><p>bom</p></body></html>",
    "<p>a &amp; &nbsp; &bogus; <![CDATA[ x ]]> </p>",
    "<a href=x><b>1</a>2</b>",
    "<html><head><title>t</title></head>  \n <body> \n </body>\n</html>\n\n",
    "<p a=1 a=2 B=3>dup</p>",
    "<a rel='nofollow  noopener' rev='x' class=''>l</a><link rel='alternate stylesheet' href=y>"
    "<td headers='a b'>c</td><form accept-charset='utf-8 latin1'></form>",
    "<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>",
    "<TABLE CLASS='A b'><TR><TD HEADERS='x'>1</TD></TR></TABLE><DIV Class=c>x</DIV>",
    "<p>\r\n\t \x0c</p><p>\u00a0</p><p> </p>",
    "<?php echo 1 ?><p>pi</p><!DOCTYPE html><p>late doctype</p>",
    "<html><body><p>x</p></body></html><p>after body</p>text at end",
]


def _reference(html: str) -> BeautifulSoup:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return BeautifulSoup(html, "lxml")


def _nodes(soup: BeautifulSoup) -> list[Any]:
    found: list[Any] = [soup]

    def walk(tag: Any) -> None:
        for child in getattr(tag, "contents", None) or []:
            found.append(child)
            walk(child)

    walk(soup)
    return found


def _comparable(value: Any, index: dict[int, int]) -> Any:
    """A value with every tree node replaced by its position (so that two trees can be compared)."""
    if isinstance(value, PageElement):
        return ("node", index.get(id(value), "outside"), type(value).__name__)
    if isinstance(value, list):
        return (type(value).__name__, [_comparable(v, index) for v in value])
    if isinstance(value, dict):
        return (type(value).__name__, [(k, type(k).__name__, _comparable(v, index)) for k, v in value.items()])
    if hasattr(value, "__dict__") and not isinstance(value, type):
        return ("object", type(value).__name__)
    return (type(value).__name__, value)


def _differences(html: str) -> list[str]:
    ours, theirs = parse_html(html), _reference(html)
    a, b = _nodes(theirs), _nodes(ours)
    if len(a) != len(b):
        return [f"{len(b)} nodes, bs4 has {len(a)}"]
    index_a = {id(n): i for i, n in enumerate(a)}
    index_b = {id(n): i for i, n in enumerate(b)}
    found: list[str] = []
    for i, (x, y) in enumerate(zip(a, b, strict=True)):
        if type(x) is not type(y) or (isinstance(x, str) and str(x) != str(y)):
            found.append(f"node {i}: {x!r} / {y!r}")
            continue
        fields_x, fields_y = vars(x), vars(y)
        for key in sorted((set(fields_x) | set(fields_y)) - ({"builder"} if i == 0 else set())):
            if key not in fields_x or key not in fields_y:
                found.append(f"node {i}: {key} set on one tree only")
            elif _comparable(fields_x[key], index_a) != _comparable(fields_y[key], index_b):
                found.append(f"node {i} ({getattr(x, 'name', x)!r}): {key} differs")
    if str(ours) != str(theirs):
        found.append("serialised differently")
    return found


@pytest.mark.parametrize("html", ODD_MARKUP)
def test_odd_markup_parses_as_bs4_does(html: str) -> None:
    assert _differences(html) == []


def test_corpus_and_benchmark_pages_parse_as_bs4_does() -> None:
    pages = [(p.name, p.html) for p in corpus()] + [(f"bench/{i}", article_html(i).decode()) for i in range(3)]
    assert {name: d for name, html in pages if (d := _differences(html))} == {}


def test_the_fast_builder_is_used_with_a_checked_bs4() -> None:
    import bs4

    from scraper.extract import parse

    if not bs4.__version__.startswith(parse._CHECKED_BS4):
        pytest.skip(f"bs4 {bs4.__version__} is not checked: parse_html uses bs4's own builder (slower, same tree)")
    assert type(parse_html("<p>x</p>").builder).__name__ == "_FastBuilder"


def test_the_comparison_sees_a_broken_link() -> None:
    soup = parse_html("<p>a<b>x</b>c</p>")
    b = soup.find("b")
    assert b is not None
    b.next_sibling = None  # what a builder that forgot one link would leave
    index = {id(n): i for i, n in enumerate(_nodes(soup))}
    reference = _reference("<p>a<b>x</b>c</p>")
    ref_b = reference.find("b")
    ref_index = {id(n): i for i, n in enumerate(_nodes(reference))}
    assert _comparable(vars(b)["next_sibling"], index) != _comparable(vars(ref_b)["next_sibling"], ref_index)


@pytest.mark.parametrize("html", [*ODD_MARKUP, *(p.html for p in list(corpus())[::10])])
def test_parsed_nodes_are_the_trees_tags_and_comments_in_order(html: str) -> None:
    from bs4 import Comment, Tag

    soup = parse_html(html)
    nodes = parsed_nodes(soup)
    assert nodes is not None
    tags, comments = nodes
    walked = list(soup.descendants)
    assert [id(t) for t in tags] == [id(n) for n in walked if isinstance(n, Tag)]
    assert [id(c) for c in comments] == [id(n) for n in walked if isinstance(n, Comment)]
    assert parsed_nodes(soup) is None  # handed over once
    assert parsed_nodes(_reference(html)) is None
