"""When a ceremony may be marked as held, and when it may be reopened, with the reasons in words.

Marking a ceremony held writes each inductee onto the Honor Roll with the ceremony's date, so it
is allowed only once the ceremony has taken place: on or after its date, with the time and the
venue it was held at known (the program and the Honor Roll's record name them). Reopening takes
that back and needs a reason, kept in the ceremony's History.
"""

from __future__ import annotations

import datetime as dt

from imet_desktop.domain.dates import format_date
from imet_desktop.domain.records import Ceremony, CeremonyStatus


def held_problems(ceremony: Ceremony, inductees: int, today: dt.date) -> list[str]:
    """Why the ceremony may not be marked as held on today, each in words; [] when it may."""
    problems = []
    if ceremony.status == CeremonyStatus.HELD:
        problems.append(f"was marked as held already (on {format_date(ceremony.ceremony_date)})")
    elif ceremony.status != CeremonyStatus.PLANNED:
        problems.append(f"is {ceremony.status.lower()}, not planned")
    if ceremony.ceremony_date is None:
        problems.append("has no date: set it first (the Honor Roll records the date of induction)")
    elif ceremony.ceremony_date > today:
        problems.append(f"is dated {format_date(ceremony.ceremony_date)}: it can be marked as held on that day "
                        f"or after, not on {format_date(today)}")
    if not ceremony.ceremony_time.strip():
        problems.append("has no time: set the time it was held")
    if not ceremony.venue.strip():
        problems.append("has no venue: set where it was held")
    if inductees == 0:
        problems.append("has no inductees: there is nobody to induct")
    return problems


def reopen_problem(ceremony: Ceremony, reason: str) -> str | None:
    """Why the ceremony may not be reopened with this reason, in words; None when it may."""
    if ceremony.status != CeremonyStatus.HELD:
        return f"is {ceremony.status.lower()}, not held: there is nothing to reopen"
    if not reason.strip():
        return "needs a reason to be reopened (it is kept in the ceremony's History)"
    return None
