"""Ceremonies themselves: the list, one ceremony's details, adding and changing them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from imet_desktop.domain import dates
from imet_desktop.domain.dates import format_date
from imet_desktop.domain.problems import Problem
from imet_desktop.domain.records import (
    Ceremony,
    CeremonyStatus,
)
from imet_desktop.domain.validation import validate_ceremony
from imet_desktop.store.convert import to_row
from imet_desktop.store.db import fetch_record, insert_record, update_record
from imet_desktop.store.errors import RecordNotFoundError, ValidationError


@dataclass(frozen=True, slots=True)
class CeremonyRow:
    """What the ceremonies list shows for one ceremony."""

    id: int
    title: str
    ceremony_date: str
    ceremony_time: str
    venue: str
    status: str
    inductee_count: int
    guest_count: int  # everyone invited, whatever their answer


_CEREMONY_ROWS_SQL = """
SELECT c.id, c.title, coalesce(c.ceremony_date, ''), c.ceremony_time, c.venue, c.status,
       (SELECT count(*) FROM ceremony_inductees i WHERE i.ceremony_id = c.id),
       (SELECT count(*) FROM ceremony_guests g WHERE g.ceremony_id = c.id)
FROM ceremonies c
ORDER BY c.ceremony_date IS NOT NULL, c.ceremony_date DESC, c.id DESC
"""


def list_ceremonies(db: Database) -> list[CeremonyRow]:
    """Every ceremony, newest date first (undated ones, still being planned, on top)."""
    return [CeremonyRow(*r) for r in db.execute(_CEREMONY_ROWS_SQL)]


def get_ceremony(db: Database, ceremony_id: int) -> Ceremony:
    """One ceremony's details."""
    return fetch_record(db, Ceremony, "ceremonies", ceremony_id, f"there is no ceremony with id {ceremony_id}")


def require_ceremony(db: Database, ceremony_id: int) -> None:
    """Raise RecordNotFoundError unless the ceremony exists."""
    if db.execute("SELECT 1 FROM ceremonies WHERE id = ?", [ceremony_id]).fetchone() is None:
        raise RecordNotFoundError(f"there is no ceremony with id {ceremony_id}")


def require_planned(db: Database, ceremony_id: int) -> Ceremony:
    """The ceremony, when it has not been held yet (a held ceremony's record no longer changes)."""
    ceremony = get_ceremony(db, ceremony_id)
    if ceremony.status == CeremonyStatus.HELD:
        raise ValidationError([Problem("Ceremony", ceremony.title,
                                       f"was held on {format_date(ceremony.ceremony_date)}; it cannot change now")])
    return ceremony


def add_ceremony(db: Database, ceremony: Ceremony) -> int:
    """Add a ceremony; returns its id.

    A new ceremony is planned (it is marked as held once it has taken place); one recorded after the
    fact as held must be dated today or earlier (it writes nothing on the Honor Roll).
    """
    problems = validate_ceremony(ceremony)
    if ceremony.status == CeremonyStatus.HELD and (ceremony.ceremony_date is None
                                                   or ceremony.ceremony_date > dates.today()):
        problems = [*problems, Problem("Status", ceremony.status, "a ceremony not yet dated in the past is "
                                                                  "planned; mark it as held once it has taken place")]
    if problems:
        raise ValidationError(list(problems))
    # refused: a status the schema does not know
    return insert_record(db, "ceremonies", to_row(ceremony, exclude=("id", "reopen_reason")),
                         {"title": ceremony.title, "ceremony_date": ceremony.ceremony_date},
                         refused=("Status", ceremony.status))


def update_ceremony(db: Database, ceremony: Ceremony) -> None:
    """Save changes to a ceremony's details; the audit log keeps old and new values."""
    if ceremony.id is None:
        raise ValueError("update_ceremony needs a ceremony with an id")
    problems = validate_ceremony(ceremony)
    if problems:
        raise ValidationError(list(problems))
    old = get_ceremony(db, ceremony.id)
    if old.status == CeremonyStatus.HELD:
        raise ValidationError([Problem("Ceremony", old.title, f"was held on {format_date(old.ceremony_date)}; "
                                                              "reopen it (with a reason) to change it")])
    if ceremony.status != old.status and CeremonyStatus.HELD in (ceremony.status, old.status):
        raise ValidationError([Problem("Status", ceremony.status, "a ceremony is marked as held with Mark as held "
                                                                  "(`imet-desktop ceremony mark-held`), which "
                                                                  "checks it may be, not by editing it")])
    kept = ("id", "reopen_reason")  # written by reopen_ceremony only
    update_record(db, "ceremonies", ceremony.id, to_row(old, exclude=kept), to_row(ceremony, exclude=kept),
                  refused=("Status", ceremony.status),
                  version=ceremony.version, what=f"the ceremony {ceremony.title!r}")
