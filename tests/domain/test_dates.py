import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imet_desktop.domain.dates import format_date, format_date_time, parse_date, parse_date_time


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026-06-05", dt.date(2026, 6, 5)), ("05 JUN 2026", dt.date(2026, 6, 5)),
     ("5-Jun-2026", dt.date(2026, 6, 5)), ("5 june 2026", dt.date(2026, 6, 5)),
     (" 29 FEB 2028 ", dt.date(2028, 2, 29)), ("22APR2027", dt.date(2027, 4, 22)),
     ("22 April 2027", dt.date(2027, 4, 22)), ("April 22, 2027", dt.date(2027, 4, 22)),
     ("Apr 22 2027", dt.date(2027, 4, 22)), ("Sept 3, 2027", dt.date(2027, 9, 3)),
     ("3 Sept. 2027", dt.date(2027, 9, 3)), ("April 22nd, 2027", dt.date(2027, 4, 22))],
)
def test_the_offices_date_forms_are_read(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "why"),
    [("31 FEB 2026", "not a real date"), ("2026-13-01", "not a real date"), ("05 JUX 2026", "no month"),
     ("05 Juni 2026", "no month called 'Juni'"), ("05/06/2026", "not a date"), ("", "not a date"),
     ("yesterday", "not a date"), ("no date22APR2028", "not a date")],
)
def test_a_wrong_date_says_why(text: str, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        parse_date(text)


def test_a_refusal_says_how_to_write_a_date() -> None:
    with pytest.raises(ValueError, match=r"write 22 APR 2027, 2027-04-22 or 22 April 2027"):
        parse_date("next Tuesday")


def test_dates_print_the_military_way() -> None:
    assert format_date(dt.date(2000, 6, 5)) == "05 JUN 2000"
    assert format_date(None) == ""
    assert format_date("2027-04-22") == "22 APR 2027"
    assert format_date("2027-04-22T14:00:00") == "22 APR 2027"
    assert format_date("sometime") == "sometime"  # never hidden, never guessed


def test_a_moment_reads_with_its_time() -> None:
    assert format_date_time("2026-12-04T05:33:49") == "04 DEC 2026 05:33"
    assert format_date_time("2026-12-04 05:33:49") == "04 DEC 2026 05:33"
    assert format_date_time(dt.datetime(2027, 4, 22, 14, 0)) == "22 APR 2027 14:00"
    assert format_date_time(None) == format_date_time("") == ""
    assert format_date_time("not a time") == "not a time"


@pytest.mark.parametrize(("text", "expected"), [
    ("22 APR 2027 14:00", dt.datetime(2027, 4, 22, 14, 0)), ("2027-04-22T09:05", dt.datetime(2027, 4, 22, 9, 5)),
    ("April 22, 2027 7:30", dt.datetime(2027, 4, 22, 7, 30))])
def test_a_date_with_a_time_is_read(text: str, expected: dt.datetime) -> None:
    assert parse_date_time(text) == expected


@pytest.mark.parametrize("text", ["22 APR 2027", "22 APR 2027 25:00", "22 APR 2027 14:60"])
def test_a_wrong_time_says_why(text: str) -> None:
    with pytest.raises(ValueError, match="time"):
        parse_date_time(text)


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_every_date_written_the_offices_way_reads_back(day: dt.date) -> None:
    text = format_date(day)
    assert len(text) == 11
    assert parse_date(text) == day
    assert parse_date(text.title()) == day
    assert parse_date(text.replace(" ", "")) == day
    assert parse_date(day.isoformat()) == day


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_any_typing_is_a_date_or_a_reason(text: str) -> None:
    try:
        parse_date(text)
    except ValueError as e:
        assert str(e)


def test_a_moment_reads_as_date_and_time_whatever_the_locale() -> None:
    assert format_date_time(dt.datetime(2027, 4, 22, 14, 0, 37)) == "22 APR 2027 14:00"
    assert format_date_time("2027-04-22T09:05:00") == "22 APR 2027 09:05"
