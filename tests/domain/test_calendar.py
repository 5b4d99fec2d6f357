"""Working days for the reporting clock: weekends and the 11 US federal holidays, observed dates included."""

from __future__ import annotations

import datetime as dt

import pytest

from imet_desktop.domain.calendar import (
    add_working_days,
    federal_holidays_of,
    holiday_name,
    is_working_day,
    nth_weekday,
    observed,
    week_of,
    working_days_between,
)

D = dt.date

# OPM's published federal holidays (observed dates) for 2026 and 2027.
OPM_2026 = [D(2026, 1, 1), D(2026, 1, 19), D(2026, 2, 16), D(2026, 5, 25), D(2026, 6, 19), D(2026, 7, 3),
            D(2026, 9, 7), D(2026, 10, 12), D(2026, 11, 11), D(2026, 11, 26), D(2026, 12, 25)]
OPM_2027 = [D(2027, 1, 1), D(2027, 1, 18), D(2027, 2, 15), D(2027, 5, 31), D(2027, 6, 18), D(2027, 7, 5),
            D(2027, 9, 6), D(2027, 10, 11), D(2027, 11, 11), D(2027, 11, 25), D(2027, 12, 24)]


@pytest.mark.parametrize("year, expected", [(2026, OPM_2026), (2027, OPM_2027)])
def test_the_eleven_holidays_fall_on_the_days_opm_publishes(year: int, expected: list[dt.date]) -> None:
    assert sorted(federal_holidays_of(year)) == expected


def test_a_saturday_holiday_is_observed_on_friday_and_a_sunday_one_on_monday() -> None:
    assert observed(D(2026, 7, 4)) == D(2026, 7, 3)  # Saturday
    assert observed(D(2027, 7, 4)) == D(2027, 7, 5)  # Sunday
    assert observed(D(2025, 7, 4)) == D(2025, 7, 4)  # Friday


def test_new_years_day_on_a_saturday_is_observed_in_the_year_before() -> None:
    assert holiday_name(D(2021, 12, 31)) == "New Year's Day"
    assert D(2021, 12, 31) not in federal_holidays_of(2021)
    assert D(2021, 12, 31) in federal_holidays_of(2022)
    assert not is_working_day(D(2021, 12, 31))


def test_juneteenth_is_a_holiday_only_from_2021() -> None:
    assert holiday_name(D(2021, 6, 18)) == "Juneteenth National Independence Day"  # observed (Saturday the 19th)
    assert holiday_name(D(2020, 6, 19)) is None


def test_nth_and_last_weekdays() -> None:
    assert nth_weekday(2026, 11, 3, 4) == D(2026, 11, 26)  # Thanksgiving
    assert nth_weekday(2026, 5, 0, -1) == D(2026, 5, 25)  # Memorial Day
    assert nth_weekday(2026, 12, 0, -1) == D(2026, 12, 28)


def test_three_working_days_after_a_friday_arrival_is_wednesday() -> None:
    assert add_working_days(D(2026, 6, 5), 3) == D(2026, 6, 10)


def test_the_count_skips_thanksgiving() -> None:
    # Arrival on Tuesday 24 Nov 2026: Wed 25, (Thu 26 Thanksgiving), Fri 27, Mon 30.
    assert add_working_days(D(2026, 11, 24), 3) == D(2026, 11, 30)


def test_an_event_on_a_weekend_starts_counting_on_monday() -> None:
    assert add_working_days(D(2026, 6, 6), 1) == D(2026, 6, 8)
    assert add_working_days(D(2026, 6, 6), 0) == D(2026, 6, 8)
    assert add_working_days(D(2026, 6, 8), 0) == D(2026, 6, 8)


def test_negative_days_are_refused() -> None:
    with pytest.raises(ValueError):
        add_working_days(D(2026, 6, 8), -1)


def test_working_days_between_counts_both_ways() -> None:
    assert working_days_between(D(2026, 6, 5), D(2026, 6, 10)) == 3
    assert working_days_between(D(2026, 6, 10), D(2026, 6, 5)) == -3
    assert working_days_between(D(2026, 12, 24), D(2026, 12, 28)) == 1  # Christmas Friday, weekend


def test_a_week_runs_monday_to_sunday() -> None:
    assert week_of(D(2026, 11, 28)) == (D(2026, 11, 23), D(2026, 11, 29))
