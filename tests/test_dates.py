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


@pytest.mark.parametrize(
    ("raw", "iso", "printed"),
    [
        # ranges: the first day, also across months
        ("30 June – 1 July 2022", "2022-06-30", "30 June – 1 July 2022"),
        ("30 июня – 2 июля 2022 г.", "2022-06-30", "30 июня – 2 июля 2022"),
        ("February 8-9, 2022", "2022-02-08", "February 8-9, 2022"),
        # abbreviations and every case form
        ("2 сент. 2021", "2021-09-02", "2 сент. 2021"),
        ("12 ліст. 2021", "2021-11-12", "12 ліст. 2021"),
        ("15 жн. 2020", "2020-08-15", "15 жн. 2020"),
        ("1 травень 2020", "2020-05-01", "1 травень 2020"),
        ("7 снежня 2019", "2019-12-07", "7 снежня 2019"),
        ("3 августа 2018", "2018-08-03", "3 августа 2018"),
        ("20 студзеня 2022", "2022-01-20", "20 студзеня 2022"),
        ("9 грудня 2020", "2020-12-09", "9 грудня 2020"),
        # a Latin look-alike inside a Cyrillic month name
        ("15 фeвраля 2022", "2022-02-15", "15 фeвраля 2022"),
        # datelines and prose
        ("Geneva, 15 August 2019 – ITU today announced", "2019-08-15", "15 August 2019"),
        ("Posted on March 3rd, 2021 by the editor", "2021-03-03", "March 3rd, 2021"),
        ("Минск, 16 апреля 2022 года", "2022-04-16", "16 апреля 2022"),
    ],
)
def test_find_date_in_every_form(raw: str, iso: str, printed: str) -> None:
    found = find_date(raw, "Europe/Minsk")
    assert found is not None
    assert (found.iso(), found.raw) == (iso, printed)


def test_a_time_after_a_named_date_is_read_in_the_site_zone() -> None:
    minsk = find_date("8 February 2022, 14:30", "Europe/Minsk")
    geneva = find_date("8 February 2022, 14:30", "Europe/Zurich")
    assert minsk is not None and geneva is not None
    assert minsk.iso() == "2022-02-08T14:30:00+03:00" and minsk.raw == "8 February 2022, 14:30"
    assert geneva.iso() == "2022-02-08T14:30:00+01:00"


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("10 Feb 2022 09:30:00 GMT", "2022-02-10T09:30:00+00:00"),
        ("Tue, 15 Nov 2022 11:20:00 +0300", "2022-11-15T11:20:00+03:00"),
        ("Tue, 15 Nov 2022 11:20:00 -0000", "2022-11-15T11:20:00+00:00"),
    ],
)
def test_rfc822_dates_from_feeds(raw: str, iso: str) -> None:
    found = parse_date(raw, "Europe/Minsk")
    assert found is not None and found.iso() == iso and found.raw == raw


def test_a_broken_time_keeps_the_date() -> None:
    found = parse_date("2022-02-08T25:61")
    assert found is not None and found.iso() == "2022-02-08"


def test_dates_before_a_site_existed_are_rejected() -> None:
    from datetime import date

    found = parse_date("10.02.1999")
    assert found is not None
    assert not plausible(found, earliest=date(2000, 1, 1))
    assert plausible(found, earliest=date(1990, 1, 1))
