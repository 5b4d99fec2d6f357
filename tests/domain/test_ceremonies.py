"""The rules of marking a ceremony held and reopening it, in words."""

from __future__ import annotations

import datetime as dt

from imet_desktop.domain.ceremonies import held_problems, reopen_problem
from imet_desktop.domain.records import Ceremony, CeremonyStatus

DAY = dt.date(2027, 4, 22)


def test_a_ceremony_is_held_on_or_after_its_day_with_time_venue_and_inductees() -> None:
    ceremony = Ceremony("Induction 2027", DAY, "14:00", "Maxwell Club")
    assert held_problems(ceremony, 3, DAY) == []
    assert held_problems(ceremony, 3, DAY + dt.timedelta(days=30)) == []
    assert held_problems(ceremony, 3, DAY - dt.timedelta(days=1)) == [
        "is dated 22 APR 2027: it can be marked as held on that day or after, not on 21 APR 2027"]
    bare = Ceremony("Induction 2027", None)
    assert held_problems(bare, 0, DAY) == [
        "has no date: set it first (the Honor Roll records the date of induction)",
        "has no time: set the time it was held", "has no venue: set where it was held",
        "has no inductees: there is nobody to induct"]
    cancelled = Ceremony("Induction 2027", DAY, "14:00", "Club", status=CeremonyStatus.CANCELLED)
    assert held_problems(cancelled, 1, DAY) == ["is cancelled, not planned"]


def test_only_a_held_ceremony_is_reopened_and_only_with_a_reason() -> None:
    held = Ceremony("Induction 2027", DAY, "14:00", "Club", status=CeremonyStatus.HELD)
    assert reopen_problem(held, "postponed") is None
    assert reopen_problem(held, "  ") == "needs a reason to be reopened (it is kept in the ceremony's History)"
    assert reopen_problem(Ceremony("Induction 2027", DAY), "x") == "is planned, not held: there is nothing to reopen"
