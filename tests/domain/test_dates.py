import datetime as dt

import pytest

from imet_desktop.domain.dates import format_date, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026-06-05", dt.date(2026, 6, 5)), ("05 JUN 2026", dt.date(2026, 6, 5)),
     ("5-Jun-2026", dt.date(2026, 6, 5)), ("5 june 2026", dt.date(2026, 6, 5)),
     (" 29 FEB 2028 ", dt.date(2028, 2, 29))],
)
def test_the_offices_date_forms_are_read(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "why"),
    [("31 FEB 2026", "not a real date"), ("2026-13-01", "not a real date"), ("05 JUX 2026", "no month"),
     ("05/06/2026", "not a date"), ("", "not a date"), ("yesterday", "not a date")],
)
def test_a_wrong_date_says_why(text: str, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        parse_date(text)


def test_dates_print_the_military_way() -> None:
    assert format_date(dt.date(2000, 6, 5)) == "05 JUN 2000"
    assert format_date(None) == ""


def test_a_moment_reads_as_date_and_time_whatever_the_locale() -> None:
    from imet_desktop.domain.dates import format_date_time

    assert format_date_time(dt.datetime(2027, 4, 22, 14, 0, 37)) == "22 APR 2027 14:00"
    assert format_date_time("2027-04-22T09:05:00") == "22 APR 2027 09:05"
    assert format_date_time("") == ""
    assert format_date_time("not a time") == "not a time"
