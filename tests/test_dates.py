"""Dates in the forms the sites print them, in three languages, with the raw string kept."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from scraper.dates import find_date, month_number, parse_date, plausible


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("10.02.2022", "2022-02-10"),
        ("8 February 2022", "2022-02-08"),
        ("Geneva, 15 August 2019", "2019-08-15"),
        ("June 23, 2018", "2018-06-23"),
        ("Dec 7, 2017", "2017-12-07"),
        ("16 апреля 2022", "2022-04-16"),
        ("15-16 лютага 2022", "2022-02-15"),
        ("3 мая 2021 г.", "2021-05-03"),
        ("1 траўня 2022", "2022-05-01"),
        ("28 кастрычніка 2022", "2022-10-28"),
        ("5 сентября 2020", "2020-09-05"),
        ("12 березня 2021", "2021-03-12"),
        ("Thu, 10 Feb 2022 09:30:00 +0000", "2022-02-10T09:30:00+00:00"),
        ("2022-02-08T10:00:00+03:00", "2022-02-08T10:00:00+03:00"),
        ("10.02.2022 12:30", "2022-02-10T12:30:00+03:00"),
    ],
)
def test_parse_date(raw: str, iso: str) -> None:
    found = parse_date(raw, "Europe/Minsk")
    assert found is not None
    assert found.iso() == iso
    assert found.raw == raw


def test_find_date_in_text_keeps_the_printed_string() -> None:
    found = find_date("Digital services and applications 8 February 2022 The Minister said")
    assert found is not None and found.raw == "8 February 2022" and found.iso() == "2022-02-08"


@pytest.mark.parametrize("word", ["января", "студзеня", "January", "Jan.", "січня"])
def test_month_names_in_every_language(word: str) -> None:
    assert month_number(word) == 1


@pytest.mark.parametrize("text", ["no date here", "31.02.2022", "99 Foo 2022", "7715"])
def test_no_false_dates(text: str) -> None:
    assert find_date(text) is None


def test_future_and_ancient_dates_are_rejected() -> None:
    now = datetime(2026, 11, 27, tzinfo=UTC)
    future = parse_date("10.02.2031")
    ancient = parse_date("10.02.1971")
    fine = parse_date("10.02.2022")
    assert future and ancient and fine
    assert not plausible(future, now=now)
    assert not plausible(ancient, now=now)
    assert plausible(fine, now=now)
