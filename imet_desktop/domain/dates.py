"""Dates as the office writes them; stored as ISO 8601 text."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_DAY_MON_YEAR = re.compile(r"^(\d{1,2})[\s\-/.]+([A-Za-z]{3,9})[\s\-/.,]+(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_date(text: str) -> dt.date:
    """A date from ISO 8601 (2026-06-05), '05 JUN 2026' or '5-Jun-2026'.

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
        month_word = m.group(2)[:3].casefold()
        if month_word not in _MONTHS:
            raise ValueError(f"'{text}' has no month called '{m.group(2)}'")
        return _make(int(m.group(3)), _MONTHS[month_word], int(m.group(1)), text)
    raise ValueError(f"'{text}' is not a date (write 2026-06-05 or 05 JUN 2026)")


def _make(year: int, month: int, day: int, original: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"'{original}' is not a real date") from None


def format_date(value: dt.date | None) -> str:
    """The office's printed form: 05 JUN 2026 ('' for no date)."""
    if value is None:
        return ""
    return value.strftime("%d %b %Y").upper()


_MONTH_ABBREVIATIONS = [m.upper() for m in _MONTHS]


def format_date_time(value: dt.datetime | str | None) -> str:
    """A moment as the clerk reads it: 22 APR 2027 14:00 ('' for none; text that is not ISO stays as it is).

    The month comes from our own table, not strftime's %b, which follows the workstation's locale.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    else:
        moment = value
    return f"{moment.day:02d} {_MONTH_ABBREVIATIONS[moment.month - 1]} {moment.year:04d} {moment:%H:%M}"
