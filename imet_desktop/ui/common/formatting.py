"""How values read in tables and the status bar."""

from __future__ import annotations

import datetime as dt


def display_date(value: str | dt.date | None) -> str:
    """An ISO date as the office writes it (22 APR 2027); anything else as stored."""
    from imet_desktop.domain.dates import format_date  # not needed before the window is drawn

    return format_date(value)


def display_date_time(value: str | dt.datetime | None) -> str:
    """An ISO moment as the office writes it (22 APR 2027 14:00); anything else as stored."""
    from imet_desktop.domain.dates import format_date_time

    return format_date_time(value)


def count_text(n: int, singular: str, plural: str | None = None) -> str:
    """'1 student', '412 students', '600,000 students'."""
    word = singular if n == 1 else (plural or singular + "s")
    return f"{n:,} {word}"


def one_line(value: object) -> str:
    """A value as one line of text (tabs and line breaks become spaces), for copying."""
    text = "" if value is None else str(value)
    return " ".join(text.replace("\t", " ").splitlines())
