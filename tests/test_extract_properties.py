"""Property tests: no input makes extraction, date parsing or language detection raise (beyond ExtractError)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scraper.dates import find_date, parse_date
from scraper.errors import ExtractError
from scraper.extract import extract_article
from scraper.language import detect_language
from scraper.sources import get_source

_TAGS = ["p", "div", "h1", "h2", "span", "a", "ul", "li", "table", "tr", "td", "time", "article", "script", "figure"]
_ATTRS = [
    "",
    ' class="news-detail"',
    ' class="field-name-body"',
    ' itemprop="articleBody"',
    ' property="dc:date" content="2022-02-30T99:00"',
    ' datetime="2022-13-45"',
    ' href="javascript:void(0)"',
    ' href="http://[::1"',
    ' href="/files/a.pdf"',
    ' src="data:image/png;base64,AAAA"',
]
_TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=60)


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 25))):
        tag = draw(st.sampled_from(_TAGS))
        attr = draw(st.sampled_from(_ATTRS))
        text = draw(_TEXT)
        closed = draw(st.booleans())
        parts.append(f"<{tag}{attr}>{text}" + (f"</{tag}>" if closed else ""))
    head = draw(
        st.sampled_from(
            [
                "",
                '<script type="application/ld+json">'
                '{"@type": "NewsArticle", "headline": 5, "datePublished": []}</script>',
                '<script type="application/ld+json">{not json</script>',
                '<meta property="og:title" content=""><meta name="description" content="x">',
                "<title></title>",
            ]
        )
    )
    return f"<html><head>{head}</head><body>{''.join(parts)}</body></html>"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_pages())
def test_generic_extraction_never_raises_anything_but_extract_error(page: str) -> None:
    try:
        article = extract_article(page, "https://example.org/news/1")
    except ExtractError as exc:
        assert exc.url == "https://example.org/news/1" and exc.field in ("title", "body")
    else:
        assert article.title and article.body_text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(html_pages(), _TEXT))
def test_source_extraction_never_raises_anything_but_extract_error(page: str) -> None:
    for name in ("mpt", "itu-cis"):
        source = get_source(name)
        try:
            article = source.extract(page, source.site + "/en/news/08-02-2021-7002", source.scope())
        except ExtractError as exc:
            assert exc.field in ("title", "body")
        else:
            assert article.title and article.body_text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_dates_and_language_never_raise(text: str) -> None:
    found = find_date(text, "Europe/Minsk")
    parsed = parse_date(text, "Europe/Zurich")
    for value in (found, parsed):
        assert value is None or value.iso()
    assert detect_language(text) is None or isinstance(detect_language(text), str)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 31),
    st.sampled_from(["Jan", "февраля", "лютага", "березня", "June", "сент.", "траўня"]),
    st.integers(1990, 2030),
    st.sampled_from(["", "Geneva, ", "Минск, ", "Posted on "]),
)
def test_printed_dates_parse_to_their_day(day: int, month: str, year: int, prefix: str) -> None:
    found = find_date(f"{prefix}{day} {month} {year}")
    from datetime import date

    from scraper.dates import month_number

    number = month_number(month)
    assert number is not None
    try:
        expected = date(year, number, day)
    except ValueError:
        assert found is None
    else:
        assert found is not None and found.value.date() == expected and found.raw == f"{day} {month} {year}"
