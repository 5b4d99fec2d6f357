"""A ceremony's guests: invitations, answers, and whose party they belong to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from imet_desktop.domain.names import printed_name, search_fold
from imet_desktop.domain.problems import Problem
from imet_desktop.domain.records import (
    Guest,
    Rsvp,
)
from imet_desktop.domain.validation import validate_guest
from imet_desktop.store.ceremonies.details import require_ceremony
from imet_desktop.store.convert import from_row, to_row
from imet_desktop.store.countries import with_office_countries
from imet_desktop.store.db import audit, insert_record, write
from imet_desktop.store.errors import RecordNotFoundError, ValidationError
from imet_desktop.store.versions import check_version

_GUESTS_SQL = """
SELECT g.*, coalesce(t.name, '') AS table_name
FROM ceremony_guests g
LEFT JOIN ceremony_tables t ON t.id = g.table_id
WHERE g.ceremony_id = ?
ORDER BY g.precedence IS NULL, g.precedence, g.name COLLATE NOCASE, g.id
"""


def list_guests(db: Database, ceremony_id: int) -> list[Guest]:
    """A ceremony's guests by precedence (those without one last), then name."""
    guests = []
    for r in db.query(_GUESTS_SQL, [ceremony_id]):
        r["country_code"] = r["country_code"] or ""
        guests.append(from_row(Guest, r))
    return guests


@dataclass(frozen=True, slots=True)
class GuestRow:
    """A guest as the guest list shows it: the invitation, the answer, whose party, the seat."""

    id: int
    ceremony_id: int
    name: str
    title: str
    organisation: str
    country_code: str
    country_name: str
    category: str
    rsvp: str
    invited_date: dt.date | None
    rsvp_date: dt.date | None
    dietary: str
    notes: str
    precedence: int | None
    guest_of_inductee_id: int | None
    guest_of: str  # the inductee's name, as the certificate prints it
    table_id: int | None
    table_name: str
    seat_number: int | None

    def as_guest(self) -> Guest:
        """The record to edit."""
        return Guest(self.ceremony_id, self.name, self.title, self.organisation, self.country_code, self.category,
                     self.rsvp, self.rsvp_date, self.dietary, self.notes, self.precedence, self.table_name,
                     self.seat_number, self.id)


_GUEST_ROWS_SQL = """
SELECT g.id, g.ceremony_id, g.name, g.title, g.organisation, coalesce(g.country_code, '') AS country_code,
       coalesce(c.name, '') AS country_name, g.category, g.rsvp, g.invited_date, g.rsvp_date, g.dietary, g.notes,
       g.precedence, g.guest_of_inductee_id, g.table_id, coalesce(t.name, '') AS table_name, g.seat_number,
       s.legal_family_name, s.legal_given_names, coalesce(s.country_code, '') AS inductee_country
FROM ceremony_guests g
LEFT JOIN countries c ON c.code = g.country_code
LEFT JOIN ceremony_inductees i ON i.id = g.guest_of_inductee_id
LEFT JOIN students s ON s.id = i.student_id
LEFT JOIN ceremony_tables t ON t.id = g.table_id
WHERE g.ceremony_id = ?
ORDER BY g.precedence IS NULL, g.precedence, g.name COLLATE NOCASE, g.id
"""


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def list_guest_rows(db: Database, ceremony_id: int, *, search: str = "", rsvp: str = "") -> list[GuestRow]:
    """A ceremony's guests by precedence, optionally one answer only or matching a search.

    search matches name, title, organisation, country and category, without regard to case or
    accents (a guest list is short: it is filtered here, not in SQL).
    """
    rows = []
    for r in db.query(_GUEST_ROWS_SQL, [ceremony_id]):
        family, given, country = r.pop("legal_family_name"), r.pop("legal_given_names"), r.pop("inductee_country")
        rows.append(GuestRow(**{**r, "invited_date": _date(r["invited_date"]), "rsvp_date": _date(r["rsvp_date"])},
                             guest_of="" if family is None else printed_name(family, given, country)))
    if rsvp:
        rows = [g for g in rows if g.rsvp == rsvp]
    words = search_fold(search).split()
    if words:
        def haystack(g: GuestRow) -> str:
            return search_fold(" ".join((g.name, g.title, g.organisation, g.country_name, g.category, g.guest_of)))
        rows = [g for g in rows if all(w in haystack(g) for w in words)]
    return rows


def get_guest(db: Database, guest_id: int) -> GuestRow:
    """One guest."""
    row = db.execute("SELECT ceremony_id FROM ceremony_guests WHERE id = ?", [guest_id]).fetchone()
    if row is None:
        raise RecordNotFoundError(f"there is no guest with id {guest_id}")
    return next(g for g in list_guest_rows(db, int(row[0])) if g.id == guest_id)


@dataclass(frozen=True, slots=True)
class RsvpCounts:
    """How the invitations stand."""

    invited: int
    accepted: int
    declined: int
    no_answer: int  # invited and not answered yet, or marked No answer

    @property
    def total(self) -> int:
        """Everyone on the list."""
        return self.accepted + self.declined + self.no_answer

    def summary(self) -> str:
        """'30 invited: 14 accepted, 4 declined, 12 not answered'."""
        return (f"{self.total} invited: {self.accepted} accepted, {self.declined} declined, "
                f"{self.no_answer} not answered")


def rsvp_counts(db: Database, ceremony_id: int) -> RsvpCounts:
    """The ceremony's answers so far."""
    counts = {str(r[0]): int(r[1]) for r in db.execute(
        "SELECT rsvp, count(*) FROM ceremony_guests WHERE ceremony_id = ? GROUP BY rsvp", [ceremony_id])}
    accepted, declined = counts.get(Rsvp.ACCEPTED.value, 0), counts.get(Rsvp.DECLINED.value, 0)
    waiting = counts.get(Rsvp.INVITED.value, 0) + counts.get(Rsvp.NO_ANSWER.value, 0)
    return RsvpCounts(sum(counts.values()), accepted, declined, waiting)

def _guest_problems(db: Database, guest: Guest, guest_of_inductee_id: int | None) -> tuple[list[Problem], int | None]:
    problems = with_office_countries(db, validate_guest(guest))
    if guest.rsvp not in {r.value for r in Rsvp}:
        problems.append(Problem("RSVP", guest.rsvp, "must be one of " + ", ".join(r.value for r in Rsvp)))
    if guest.precedence is not None and guest.precedence < 0:
        problems.append(Problem("Precedence", guest.precedence, "must be 0 or more (1 is seated first)"))
    require_ceremony(db, guest.ceremony_id)
    table_id = None
    if guest.table_name:
        row = db.execute("SELECT id FROM ceremony_tables WHERE ceremony_id = ? AND name = ?",
                         [guest.ceremony_id, guest.table_name]).fetchone()
        if row is None:
            problems.append(Problem("Table", guest.table_name, "is not a table at this ceremony"))
        else:
            table_id = int(row[0])
    if guest_of_inductee_id is not None and db.execute(
            "SELECT 1 FROM ceremony_inductees WHERE id = ? AND ceremony_id = ?",
            [guest_of_inductee_id, guest.ceremony_id]).fetchone() is None:
        problems.append(Problem("Guest of", guest_of_inductee_id, "is not an inductee of this ceremony"))
    return problems, table_id


def add_guest(db: Database, guest: Guest, *, invited_date: dt.date | None = None,
              guest_of_inductee_id: int | None = None) -> int:
    """Invite a guest; a table_name must be one of the ceremony's tables. Returns the guest's id.

    guest_of_inductee_id makes the guest one of an inductee's party (seated with them).
    """
    problems, table_id = _guest_problems(db, guest, guest_of_inductee_id)
    if problems:
        raise ValidationError(list(problems))
    row_values = to_row(guest, exclude=("id", "table_name"))
    row_values["country_code"] = row_values["country_code"] or None
    row_values["table_id"] = table_id
    row_values["invited_date"] = None if invited_date is None else invited_date.isoformat()
    row_values["guest_of_inductee_id"] = guest_of_inductee_id
    return insert_record(db, "ceremony_guests", row_values, {"ceremony_id": guest.ceremony_id, "name": guest.name})


def update_guest(db: Database, guest: Guest, *, invited_date: dt.date | None = None,
                 guest_of_inductee_id: int | None = None) -> None:
    """Save a guest's details and answer; a guest who declines loses their seat."""
    if guest.id is None:
        raise ValueError("update_guest needs a guest with an id")
    old = get_guest(db, guest.id)
    problems, table_id = _guest_problems(db, guest, guest_of_inductee_id)
    if problems:
        raise ValidationError(list(problems))
    row_values = to_row(guest, exclude=("id", "table_name", "ceremony_id"))
    row_values["country_code"] = row_values["country_code"] or None
    row_values["invited_date"] = None if invited_date is None else invited_date.isoformat()
    row_values["guest_of_inductee_id"] = guest_of_inductee_id
    row_values["table_id"] = table_id
    if guest.rsvp != Rsvp.ACCEPTED.value:
        row_values["table_id"], row_values["seat_number"] = None, None
    before = {"name": old.name, "rsvp": old.rsvp, "table": old.table_name}
    with write(db):
        check_version(db, "ceremony_guests", guest.id, guest.version, f"the guest {guest.name}")
        db.table("ceremony_guests").update(guest.id, row_values)
        audit(db, "ceremony_guests", guest.id, "update", {"before": before, "rsvp": guest.rsvp, "name": guest.name})


def delete_guest(db: Database, guest_id: int) -> None:
    """Take a guest off the list."""
    old = get_guest(db, guest_id)
    with write(db):
        db.execute("DELETE FROM ceremony_guests WHERE id = ?", [guest_id])
        audit(db, "ceremony_guests", guest_id, "delete", {"ceremony_id": old.ceremony_id, "name": old.name})
