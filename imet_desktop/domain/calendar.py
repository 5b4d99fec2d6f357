"""Working days: weekdays that are not US federal holidays (5 U.S.C. 6103), for the reporting clock.

The eleven holidays are computed by rule, with the observed-date shifts federal offices use: a
holiday on a Saturday is observed on the Friday before, one on a Sunday on the Monday after. So
New Year's Day 2022 (a Saturday) was observed on Friday 31 December 2021.
"""

from __future__ import annotations

import datetime as dt
import functools

MONDAY, THURSDAY, SATURDAY, SUNDAY = 0, 3, 5, 6
JUNETEENTH_FIRST_YEAR = 2021  # made a federal holiday in June 2021


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th given weekday of a month (n = -1: the last one)."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    last = following - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def observed(day: dt.date) -> dt.date:
    """The day a fixed-date holiday is observed: Saturday moves to Friday, Sunday to Monday."""
    if day.weekday() == SATURDAY:
        return day - dt.timedelta(days=1)
    if day.weekday() == SUNDAY:
        return day + dt.timedelta(days=1)
    return day


def federal_holidays_of(year: int) -> dict[dt.date, str]:
    """The federal holidays of a year as observed, by date (New Year's Day may fall in the year before)."""
    fixed = [
        (dt.date(year, 1, 1), "New Year's Day"),
        (dt.date(year, 7, 4), "Independence Day"),
        (dt.date(year, 11, 11), "Veterans Day"),
        (dt.date(year, 12, 25), "Christmas Day"),
    ]
    if year >= JUNETEENTH_FIRST_YEAR:
        fixed.append((dt.date(year, 6, 19), "Juneteenth National Independence Day"))
    by_rule = [
        (nth_weekday(year, 1, MONDAY, 3), "Birthday of Martin Luther King, Jr."),
        (nth_weekday(year, 2, MONDAY, 3), "Washington's Birthday"),
        (nth_weekday(year, 5, MONDAY, -1), "Memorial Day"),
        (nth_weekday(year, 9, MONDAY, 1), "Labor Day"),
        (nth_weekday(year, 10, MONDAY, 2), "Columbus Day"),
        (nth_weekday(year, 11, THURSDAY, 4), "Thanksgiving Day"),
    ]
    days = {observed(day): name for day, name in fixed}
    days.update(by_rule)
    return dict(sorted(days.items()))


@functools.lru_cache(maxsize=256)
def _holidays_around(year: int) -> dict[dt.date, str]:
    # A date's holiday may belong to the next year's list (31 December observing New Year's Day).
    found = {**federal_holidays_of(year), **federal_holidays_of(year + 1)}
    return {day: name for day, name in found.items() if day.year == year}


def holiday_name(day: dt.date) -> str | None:
    """The federal holiday observed on this day, or None."""
    return _holidays_around(day.year).get(day)


def is_working_day(day: dt.date) -> bool:
    """True for a weekday that is not an observed federal holiday."""
    return day.weekday() < SATURDAY and holiday_name(day) is None


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The working day `days` working days after start (start itself does not count).

    A report due "within 3 working days" of an arrival on Friday is due on Wednesday; an event on
    a weekend or holiday starts counting from the next working day. days = 0 gives start, or the
    next working day when start is not one.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    if days == 0:
        while not is_working_day(day):
            day += dt.timedelta(days=1)
        return day
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after start up to and including end (negative when end is before start)."""
    if end < start:
        return -working_days_between(end, start)
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the week a day falls in."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)
