"""Dates as the office writes them (22 APR 2027, 22 APR 2027 14:00); stored as ISO 8601 text.

One way to write a date on screen and in lists: day, the month's three capital letters, year. The
month names come from our own table, never from strftime's %b, which follows the workstation's
locale (a French desktop would print 22 AVR. 2027). Certificates may keep their formal style.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december")
MONTH_ABBREVIATIONS = tuple(m[:3].upper() for m in _MONTH_NAMES)
"""JAN ... DEC, as the office writes them."""

# A month in words: its three-letter abbreviation, its full name, or anything between (Sept, Febr).
_MONTHS = {m[:3]: i for i, m in enumerate(_MONTH_NAMES, start=1)}
_SEP = r"[\s\-/.,]*"
_DAY_MON_YEAR = re.compile(rf"^(\d{{1,2}}){_SEP}([^\W\d_]{{3,9}})\.?{_SEP}(\d{{4}})$")
_MON_DAY_YEAR = re.compile(rf"^([^\W\d_]{{3,9}})\.?{_SEP}(\d{{1,2}})(?:st|nd|rd|th)?{_SEP}(\d{{4}})$", re.IGNORECASE)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TIME = re.compile(r"^(.*?)[\sT]+(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$")

def today() -> dt.date:
    """The day the office's dated rules are checked on (a class already ended, a ceremony not yet held).

    The store asks this when its caller gives no day; tests of whole commands replace it.
    """
    return dt.date.today()


DATE_HINT = "write 22 APR 2027, 2027-04-22 or 22 April 2027"
"""How to write a date, in the words every refusal of one ends with."""


def parse_date(text: str) -> dt.date:
    """A date as the clerk types it: 22 APR 2027, 22APR2027, 22-Apr-2027, 22 April 2027, April 22, 2027, 2027-04-22.

    Raises ValueError with a message in the clerk's words. Numeric day/month forms such as
    05/06/2026 are ambiguous and are not guessed here.
    """
    value = text.strip()
    m = _ISO.match(value)
    if m:
        year, month, day = (int(g) for g in m.groups())
        return _make(year, month, day, text)
    m = _DAY_MON_YEAR.match(value)
    if m:
        return _make(int(m.group(3)), _month(m.group(2), text), int(m.group(1)), text)
    m = _MON_DAY_YEAR.match(value)
    if m:
        return _make(int(m.group(3)), _month(m.group(1), text), int(m.group(2)), text)
    raise ValueError(f"'{text.strip()}' is not a date ({DATE_HINT})")


def _month(word: str, original: str) -> int:
    folded = word.casefold()
    month = _MONTHS.get(folded[:3])
    if month is None or not _MONTH_NAMES[month - 1].startswith(folded):
        raise ValueError(f"'{original.strip()}' has no month called '{word}'")
    return month


def _make(year: int, month: int, day: int, original: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"'{original.strip()}' is not a real date") from None


def parse_date_time(text: str) -> dt.datetime:
    """A date with a time, as typed: 22 APR 2027 14:00 (any date form parse_date reads, then HH:MM)."""
    m = _TIME.match(text.strip())
    if not m:
        raise ValueError(f"'{text.strip()}' is not a date and time (write 22 APR 2027 14:00)")
    day = parse_date(m.group(1))
    hour, minute = int(m.group(2)), int(m.group(3))
    if hour > 23 or minute > 59:
        raise ValueError(f"'{text.strip()}' has no time {m.group(2)}:{m.group(3)} (write 14:00, 24-hour)")
    return dt.datetime(day.year, day.month, day.day, hour, minute)


def format_date(value: dt.date | str | None) -> str:
    """The office's form: 22 APR 2027 ('' for no date; text that is not an ISO date stays as it is)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            day = dt.datetime.fromisoformat(value).date()
        except ValueError:
            return value
    else:
        day = value
    return f"{day.day:02d} {MONTH_ABBREVIATIONS[day.month - 1]} {day.year:04d}"


def format_date_time(value: dt.datetime | str | None) -> str:
    """A moment as the clerk reads it: 22 APR 2027 14:00 ('' for none; text that is not ISO stays as it is)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    else:
        moment = value
    return f"{format_date(moment.date())} {moment:%H:%M}"
