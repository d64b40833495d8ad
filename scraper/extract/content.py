"""The article body: find the content container, cut the boilerplate, emit Markdown and text."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from bs4 import Tag
from bs4.element import NavigableString, PageElement
from markdownify import MarkdownConverter

__all__ = [
    "ATTACHMENT_TYPES",
    "Block",
    "Body",
    "blocks_of",
    "collapse",
    "figure_of",
    "is_boilerplate",
    "make_body",
]

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "ul",
    ]
)
JUNK_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "svg",
    "object",
    "embed",
    "button",
    "input",
    "select",
    "textarea",
    "canvas",
    "map",
)
# not "form": ASP.NET and SharePoint wrap the whole page in one
_BOILERPLATE_TAGS = frozenset({"nav", "aside", "footer", "menu"})
_BOILERPLATE_NAMES = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|navigation|menu|menus|footer|sidebar|side-bar|breadcrumbs?|share|sharing|"
    r"social|print-?link|print-?page|print-?icon|print-?button|print_html|print-footer|printer|cookies?|banner|related|pager|pagination|comments?|skip|logo|"
    r"search|subscribe|language-switcher|lang-switcher|languages|site-name|copyright|contacts?|tabs|"
    r"toolbar|ribbon|s4-ribbon|topbar|top-bar|ad|ads|advert|promo|teasers?|widget|rss|feed-icon)(?:$|[-_\s])",
    re.IGNORECASE,
)
ATTACHMENT_TYPES = frozenset(
    {"pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "zip", "rar", "7z", "txt", "csv"}
)
_IMAGE_NAME = re.compile(r"^[\w\-. ()]+\.(?:jpe?g|png|gif|webp|bmp|tiff?|svg)$", re.IGNORECASE)
_CONTACT_LINE = re.compile(
    r"^(?:тел|tel|phone|факс|fax|e-?mail|эл\.?\s*почта|эл\.?\s*пошта|адрес|адрас|address|©|\(c\)|copyright|"
    r"all rights reserved|все права защищены|усе правы абаронены)\b|©|all rights reserved|"
    r"\+375\s*\(?\d{2}\)?\s*\d{3}[- ]?\d{2}[- ]?\d{2}",
    re.IGNORECASE,
)
_LABELS = frozenset(
    s.casefold()
    for s in (
        "Версия для печати",
        "Printer-friendly version",
        "Версія для друку",
        "Print",
        "Печать",
        "Друк",
        "Поделиться",
        "Падзяліцца",
        "Share",
        "Share this",
        "Tweet",
        "Back",
        "Назад",
        "Read more",
        "Подробнее",
        "Падрабязней",
        "Top",
        "Наверх",
        "Уверх",
    )
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
# a run of white space becomes one space: the pattern leaves out what is one already (a lone space),
# which is most of the matches in running text and costs a replacement each
_WS = re.compile(r"[ \t\r\f\v\u00a0\u2009\u202f\u200b]{2,}|[\t\r\f\v\u00a0\u2009\u202f\u200b]")


def collapse(text: str) -> str:
    """Collapse runs of white space (keeping line breaks) and trim each line."""
    lines = (_WS.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def _names(tag: Tag) -> str:
    found: Any = tag.get("class") or []
    classes: list[str] = [found] if isinstance(found, str) else [str(c) for c in found]
    ident = tag.get("id") or ""
    role = tag.get("role") or ""
    # camelCase ids ("sideNavBox") are split so that their words can be matched
    return _CAMEL.sub(r"\1-\2", " ".join([*classes, str(ident), str(role)]))


def is_boilerplate(tag: Tag) -> bool:
    """Navigation, footers, share bars, related-news boxes and the like, by tag or class/id."""
    if tag.name in _BOILERPLATE_TAGS:
        return True
    role = str(tag.get("role") or "").lower()
    if role in {"navigation", "banner", "contentinfo", "complementary", "search"}:
        return True
    names = _names(tag)
    return bool(names.strip()) and bool(_BOILERPLATE_NAMES.search(names))


@dataclass
class Block:
    """One paragraph-like run of text and the nodes it came from."""

    text: str
    nodes: list[PageElement]
    link_chars: int = 0
    tag: str = "p"

    @property
    def link_density(self) -> float:
        return self.link_chars / max(1, len(self.text))


def _inline_text(node: PageElement) -> tuple[str, int]:
    if isinstance(node, NavigableString):
        # a line break in the HTML source is white space; only <br> breaks a line
        return str(node).replace("\r", " ").replace("\n", " "), 0
    if not isinstance(node, Tag):
        return "", 0
    if node.name == "br":
        return "\n", 0
    if node.name == "img":
        return "", 0
    parts: list[str] = []
    links = 0
    for child in node.children:
        text, child_links = _inline_text(child)
        parts.append(text)
        links += child_links
    text = "".join(parts)
    if node.name == "a":
        links = len(collapse(text))
    return text, links


def blocks_of(root: Tag, skip: Callable[[Tag], bool] | None = None) -> list[Block]:
    """Paragraph-like blocks of ``root`` in document order (inline runs between blocks included)."""
    out: list[Block] = []
    memo: dict[int, bool] = {}

    def has_block(tag: Tag) -> bool:
        # whether a block element is nested inside: each subtree is looked at once per call
        key = id(tag)
        if key not in memo:
            memo[key] = any(
                isinstance(child, Tag) and (child.name in BLOCK_TAGS or has_block(child)) for child in tag.children
            )
        return memo[key]

    def flush(buffer: list[PageElement], tag: str) -> None:
        if not buffer:
            return
        texts = [_inline_text(n) for n in buffer]
        text = collapse("".join(t for t, _ in texts))
        if text:
            out.append(Block(text, list(buffer), sum(n for _, n in texts), tag))
        buffer.clear()

    def walk(el: Tag) -> None:
        buffer: list[PageElement] = []
        for child in list(el.children):
            if isinstance(child, Tag) and (child.name in BLOCK_TAGS or has_block(child)):
                flush(buffer, el.name or "p")
                if skip is not None and skip(child):
                    continue
                if child.name == "hr":
                    continue
                walk(child)
            else:
                buffer.append(child)
        flush(buffer, el.name or "p")

    walk(root)
    return out


_CONTACT_INTRO = re.compile(
    r"^(?:for more information|media contacts?|press contacts?|contact us|контакты для (?:прессы|сми)|"
    r"для справок|дополнительная информация|кантакты для (?:прэсы|смі)|контакти для преси)\b",
    re.IGNORECASE,
)


def _is_nav_line(block: Block) -> bool:
    """A short line that is only a link ("← News", "Back to the list") at an edge of the body."""
    return len(block.text) < 60 and block.link_density > 0.7


def _is_edge_junk(text: str) -> bool:
    """A contact block or a copyright line at the top or bottom of a body (not article text)."""
    if len(text) >= 300:
        return False
    lines = text.split("\n")
    return bool(_CONTACT_INTRO.match(text)) or (any(_CONTACT_LINE.search(line) for line in lines) and len(text) < 200)


@dataclass
class Body:
    """A cleaned article body."""

    markdown: str
    text: str
    paragraphs: list[str] = field(default_factory=list)
    images: list[dict[str, str]] = field(default_factory=list)


def _remove(nodes: Iterable[PageElement]) -> None:
    for node in nodes:
        if node.parent is not None:
            node.extract()


class _Markdown(MarkdownConverter):
    """Markdown with ATX headings and dash bullets."""


# one converter for every page: it keeps no state between conversions (only a cache of its methods)
_MARKDOWN = _Markdown(heading_style="atx", bullets="-", escape_misc=False)


def make_body(
    container: Tag,
    *,
    title: str | None,
    date_raw: str | None,
    link: Callable[[str], str | None],
    is_attachment: Callable[[str], bool],
) -> Body:
    """Clean ``container`` in place and render it as Markdown and plain text.

    The title and a date line at the top (and what precedes them) are cut, as are
    boilerplate elements, label-only lines (print, share), image file names and contact
    lines at the edges.
    """
    for tag in container.find_all(True):
        if tag.parent is not None and is_boilerplate(tag):
            tag.decompose()
    blocks = blocks_of(container)
    total = sum(len(b.text) for b in blocks) or 1
    cut = -1
    seen = 0
    title_key = collapse(title).casefold() if title else None
    for i, block in enumerate(blocks):
        if seen > 0.35 * total:
            break
        key = block.text.casefold()
        if (title_key and key == title_key) or (date_raw and date_raw in block.text and len(block.text) < 120):
            cut = i
        seen += len(block.text)
    drop: list[Block] = blocks[: cut + 1]
    kept = blocks[cut + 1 :]
    keep: list[Block] = []
    for block in kept:
        text = block.text
        attachment_only = (
            all(not isinstance(n, Tag) or n.name != "a" or is_attachment(str(n.get("href", ""))) for n in _links(block))
            and _links(block)
            and block.link_density > 0.8
        )
        if text.casefold() in _LABELS or _IMAGE_NAME.match(text) or attachment_only:
            drop.append(block)
        else:
            keep.append(block)
    while keep and (_is_edge_junk(keep[0].text) or _is_nav_line(keep[0])):
        drop.append(keep.pop(0))
    while keep and (_is_edge_junk(keep[-1].text) or keep[-1].tag in _HEADINGS or _is_nav_line(keep[-1])):
        # a heading with nothing after it introduced what was cut ("Media contacts")
        drop.append(keep.pop())
    for block in drop:
        _remove(block.nodes)
    _drop_empty(container)

    images: list[dict[str, str]] = []
    for img in container.find_all("img"):
        src = link(str(img.get("src") or ""))
        if not src or _is_icon(img, src):
            img.decompose()
            continue
        img["src"] = src
        figure = figure_of(img)
        caption_tag = figure.find("figcaption") if figure else None
        caption = collapse(caption_tag.get_text(" ")) if caption_tag else ""
        images.append({"url": src, "alt": collapse(str(img.get("alt") or "")), "caption": caption})
    for a in container.find_all("a", href=True):
        target = link(str(a["href"]))
        if target is None:
            a.unwrap()
        else:
            a["href"] = target
    markdown = _MARKDOWN.convert_soup(container)
    markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip()
    paragraphs = [b.text for b in keep]
    return Body(
        markdown=markdown,
        text="\n\n".join(paragraphs),
        paragraphs=paragraphs,
        images=images,
    )


def figure_of(el: Tag) -> Tag | None:
    """The ``<figure>`` ``el`` is in, if any (``el.find_parent("figure")`` without bs4's generic search)."""
    node = el.parent
    while node is not None:
        if node.name == "figure":
            return node
        node = node.parent
    return None


def _links(block: Block) -> list[Tag]:
    found: list[Tag] = []
    for node in block.nodes:
        if isinstance(node, Tag):
            if node.name == "a":
                found.append(node)
            found.extend(node.find_all("a"))
    return found


def _is_icon(img: Tag, src: str) -> bool:
    names = _names(img).lower() + " " + src.lower()
    if any(word in names for word in ("icon", "logo", "pixel", "spacer", "sprite", "blank.gif")):
        return True
    width = str(img.get("width") or "")
    return width.isdigit() and int(width) < 40


def _drop_empty(container: Tag) -> None:
    """Remove elements with no text and no image, innermost first."""
    for tag in reversed(container.find_all(True)):
        if tag.name in ("img", "br", "hr", "td", "th"):
            continue
        # the first non-blank string decides (what tag.get_text(strip=True) would join); most tags have one
        if next(iter(tag.stripped_strings), None) is not None or _has_image(tag):
            continue
        tag.decompose()


def _has_image(tag: Tag) -> bool:
    """``tag.find("img") is not None``, without bs4's generic search."""
    return any(isinstance(node, Tag) and node.name == "img" for node in tag.descendants)
