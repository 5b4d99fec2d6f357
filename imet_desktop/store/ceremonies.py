"""Induction ceremonies: inductees, order of events, guests and seating tables, the checklist."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from imet_desktop.domain.dates import format_date
from imet_desktop.domain.eligibility import schools_text
from imet_desktop.domain.names import search_fold
from imet_desktop.domain.problems import Problem
from imet_desktop.domain.records import (
    Ceremony,
    CeremonyInductee,
    CeremonyStatus,
    CeremonyTask,
    Guest,
    NominationStatus,
    OrderOfEventsItem,
    Rsvp,
)
from imet_desktop.domain.seating import INDUCTEE_PRECEDENCE, Person, SeatingPlan, Table, seat_by_precedence
from imet_desktop.domain.validation import validate_ceremony, validate_guest
from imet_desktop.store.convert import from_row, to_row
from imet_desktop.store.db import audit, write
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


@dataclass(frozen=True, slots=True)
class InducteeRow:
    """One inductee on a ceremony, with what the program and certificates need."""

    id: int
    student_id: int
    legal_name: str  # FAMILY, Given
    native_name: str
    country_code: str
    country_name: str
    rank: str  # the country rank
    position_title: str
    attending: bool
    representative_name: str
    representative_title: str
    sort_order: int
    citation: str = ""
    nomination_id: int | None = None
    nomination_status: str = ""
    table_id: int | None = None
    table_name: str = ""
    seat_number: int | None = None
    pronunciation: str = ""

    @property
    def name(self) -> str:
        """Given names then family name, as the MC reads it and the certificate prints it."""
        family, _, given = self.legal_name.partition(", ")
        return f"{given} {family}".strip()


_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")

# The marker in DEFAULT_ORDER_OF_EVENTS where the per-inductee steps repeat for every inductee.
FOR_EACH_INDUCTEE = "For each inductee"
INDUCTEE_EVENTS: tuple[str, ...] = ("Citation read", "Certificate presented", "Plaque unveiled")
DEFAULT_ORDER_OF_EVENTS: tuple[str, ...] = (
    "Official party arrives",
    "Posting of the colors",
    "National anthems",
    "Invocation",
    "Welcome remarks",
    FOR_EACH_INDUCTEE,
    "Inductee remarks",
    "Closing remarks",
    "Benediction",
    "Retiring of the colors",
    "Reception",
)
# Checklist: (title, days relative to the ceremony date; negative is before).
DEFAULT_TASKS: tuple[tuple[str, int], ...] = (
    ("Invitations sent", -60),
    ("Flags and anthems ordered", -30),
    ("Plaques engraved", -30),
    ("RSVPs closed", -21),
    ("Certificates printed", -14),
    ("Programs printed", -10),
)


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
    rows = list(db.query("SELECT * FROM ceremonies WHERE id = ?", [ceremony_id]))
    if not rows:
        raise RecordNotFoundError(f"there is no ceremony with id {ceremony_id}")
    return from_row(Ceremony, rows[0])


def _require_ceremony(db: Database, ceremony_id: int) -> None:
    if db.execute("SELECT 1 FROM ceremonies WHERE id = ?", [ceremony_id]).fetchone() is None:
        raise RecordNotFoundError(f"there is no ceremony with id {ceremony_id}")


def add_ceremony(db: Database, ceremony: Ceremony) -> int:
    """Add a ceremony; returns its id."""
    problems = validate_ceremony(ceremony)
    if problems:
        raise ValidationError(list(problems))
    try:
        with write(db):
            ceremony_id = int(db.table("ceremonies").insert(to_row(ceremony)).last_rowid or 0)
            audit(db, "ceremonies", ceremony_id, "insert", {"title": ceremony.title,
                                                            "ceremony_date": ceremony.ceremony_date})
    except sqlite3.IntegrityError as e:  # a status the schema does not know
        raise ValidationError([Problem("Status", ceremony.status, str(e))]) from None
    return ceremony_id


def update_ceremony(db: Database, ceremony: Ceremony) -> None:
    """Save changes to a ceremony's details; the audit log keeps old and new values."""
    if ceremony.id is None:
        raise ValueError("update_ceremony needs a ceremony with an id")
    problems = validate_ceremony(ceremony)
    if problems:
        raise ValidationError(list(problems))
    old, new = to_row(get_ceremony(db, ceremony.id)), to_row(ceremony)
    changes = {k: [old[k], new[k]] for k in new if old[k] != new[k]}
    if not changes:
        return
    try:
        with write(db):
            db.table("ceremonies").update(ceremony.id, new)
            audit(db, "ceremonies", ceremony.id, "update", changes)
    except sqlite3.IntegrityError as e:
        raise ValidationError([Problem("Status", ceremony.status, str(e))]) from None


_INDUCTEES_SQL = """
SELECT i.id, i.student_id,
       CASE WHEN s.legal_given_names <> '' THEN s.legal_family_name || ', ' || s.legal_given_names
            ELSE s.legal_family_name END,
       s.native_name, coalesce(s.country_code, ''), coalesce(c.name, ''), s.country_rank, i.position_title,
       i.attending, i.representative_name, i.representative_title, i.sort_order, i.citation, i.nomination_id,
       coalesce(n.status, ''), i.table_id, coalesce(t.name, ''), i.seat_number, s.pronunciation
FROM ceremony_inductees i
CROSS JOIN students s ON s.id = i.student_id  -- CROSS: inductees drive the join, never the students table
LEFT JOIN countries c ON c.code = s.country_code
LEFT JOIN nominations n ON n.id = i.nomination_id
LEFT JOIN ceremony_tables t ON t.id = i.table_id
WHERE i.ceremony_id = ?
ORDER BY i.sort_order, i.id
"""


def list_inductees(db: Database, ceremony_id: int) -> list[InducteeRow]:
    """A ceremony's inductees in program order."""
    rows = []
    for r in db.execute(_INDUCTEES_SQL, [ceremony_id]):
        values = list(r)
        values[8] = bool(values[8])
        rows.append(InducteeRow(*values))
    return rows


def _require_planned(db: Database, ceremony_id: int) -> Ceremony:
    ceremony = get_ceremony(db, ceremony_id)
    if ceremony.status == CeremonyStatus.HELD.value:
        raise ValidationError([Problem("Ceremony", ceremony.title,
                                       f"was held on {format_date(ceremony.ceremony_date)}; it cannot change now")])
    return ceremony


def add_inductee(db: Database, ceremony_id: int, student_id: int, position_title: str = "",
                 representative_name: str = "", representative_title: str = "", *,
                 nomination_id: int | None = None) -> int:
    """Put a graduate on a ceremony, last in program order; returns the inductee's id.

    A named representative means the inductee does not attend and the representative accepts.
    Without a position title, the nomination's position (else the graduate's latest one) is used.
    The graduate's nomination in progress is linked (an approved one is assigned to the ceremony),
    and when the ceremony already has an order of events, the inductee's citation, certificate
    and plaque are added after the other inductees'.
    """
    ceremony = _require_planned(db, ceremony_id)
    if db.execute("SELECT 1 FROM students WHERE id = ?", [student_id]).fetchone() is None:
        raise RecordNotFoundError(f"there is no student with id {student_id}")
    if db.execute("SELECT 1 FROM ceremony_inductees WHERE ceremony_id = ? AND student_id = ?",
                  [ceremony_id, student_id]).fetchone() is not None:
        raise ValidationError([Problem("Inductee", student_id, "is already on this ceremony")])
    inducted = db.execute("SELECT induction_date FROM inductions WHERE student_id = ?", [student_id]).fetchone()
    if inducted is not None:
        raise ValidationError([Problem("Inductee", student_id, "is already on the Honor Roll (inducted "
                                       f"{format_date(dt.date.fromisoformat(inducted[0]))})")])
    if nomination_id is None:
        row = db.execute("SELECT id FROM nominations WHERE student_id = ? AND status NOT IN ('Declined', 'Inducted') "
                         "ORDER BY nomination_date DESC, id DESC LIMIT 1", [student_id]).fetchone()
        nomination_id = None if row is None else int(row[0])
    nomination = None if nomination_id is None else db.execute(
        "SELECT status, position_id FROM nominations WHERE id = ? AND student_id = ?",
        [nomination_id, student_id]).fetchone()
    if nomination_id is not None and nomination is None:
        raise RecordNotFoundError(f"the graduate has no nomination with id {nomination_id}")
    if not position_title and nomination is not None and nomination[1] is not None:
        row = db.execute("SELECT title FROM positions WHERE id = ?", [nomination[1]]).fetchone()
        position_title = "" if row is None else str(row[0])
    if not position_title:
        row = db.execute("SELECT title FROM positions WHERE student_id = ? "
                         "ORDER BY appointment_date IS NULL, appointment_date DESC, id DESC LIMIT 1",
                         [student_id]).fetchone()
        position_title = "" if row is None else str(row[0])
    citation = ""
    with write(db):
        sort_order = int(db.execute("SELECT coalesce(max(sort_order), 0) + 1 FROM ceremony_inductees "
                                    "WHERE ceremony_id = ?", [ceremony_id]).fetchone()[0])
        inductee_id = int(db.table("ceremony_inductees").insert({
            "ceremony_id": ceremony_id, "student_id": student_id, "nomination_id": nomination_id,
            "position_title": position_title, "attending": 0 if representative_name.strip() else 1,
            "representative_name": representative_name, "representative_title": representative_title,
            "citation": citation, "sort_order": sort_order}).last_rowid or 0)
        if nomination is not None and nomination[0] == NominationStatus.APPROVED.value:
            db.execute("UPDATE nominations SET ceremony_id = ? WHERE id = ?", [ceremony_id, nomination_id])
        _add_inductee_events(db, ceremony_id, inductee_id)
        audit(db, "ceremony_inductees", inductee_id, "insert",
              {"ceremony_id": ceremony_id, "student_id": student_id, "representative_name": representative_name,
               "ceremony": ceremony.title})
    return inductee_id


def _add_inductee_events(db: Database, ceremony_id: int, inductee_id: int) -> None:
    """The inductee's steps in an existing order of events: after the last inductee's, else as the template has it."""
    events = list_events(db, ceremony_id)
    if not events:
        return
    row = next(r for r in list_inductees(db, ceremony_id) if r.id == inductee_id)
    after = max((e.sort_order for e in events if e.inductee_id is not None and e.inductee_id != inductee_id),
                default=None)
    if after is None:
        marker = DEFAULT_ORDER_OF_EVENTS.index(FOR_EACH_INDUCTEE)
        before_titles = set(DEFAULT_ORDER_OF_EVENTS[:marker])
        template_before = [e.sort_order for e in events if e.title in before_titles]
        after = max(template_before) if template_before else events[-1].sort_order
    db.execute("UPDATE ceremony_events SET sort_order = sort_order + ? WHERE ceremony_id = ? AND sort_order > ?",
               [len(INDUCTEE_EVENTS), ceremony_id, after])
    db.conn.executemany(
        "INSERT INTO ceremony_events (ceremony_id, sort_order, title, who, inductee_id) VALUES (?, ?, ?, ?, ?)",
        [(ceremony_id, after + n, step, _inductee_name(row), inductee_id) for n, step in enumerate(INDUCTEE_EVENTS, 1)])


def get_inductee(db: Database, inductee_id: int) -> CeremonyInductee:
    """One inductee of a ceremony."""
    rows = list(db.query("SELECT * FROM ceremony_inductees WHERE id = ?", [inductee_id]))
    if not rows:
        raise RecordNotFoundError(f"there is no inductee with id {inductee_id}")
    return from_row(CeremonyInductee, rows[0])


def update_inductee(db: Database, inductee: CeremonyInductee) -> None:
    """Save an inductee's position as engraved, attendance or representative, and citation.

    Someone who does not attend needs a named representative to accept for them.
    """
    if inductee.id is None:
        raise ValueError("update_inductee needs an inductee with an id")
    old = get_inductee(db, inductee.id)
    _require_planned(db, old.ceremony_id)
    if inductee.attending:
        inductee.representative_name = inductee.representative_name.strip()
    elif not inductee.representative_name.strip():
        raise ValidationError([Problem("Representative", "", "is required when the inductee does not attend "
                                       "(who accepts for them?)")])
    fields = ("position_title", "attending", "representative_name", "representative_title", "citation")
    old_row, new_row = to_row(old), to_row(inductee)
    changes = {k: [old_row[k], new_row[k]] for k in fields if old_row[k] != new_row[k]}
    if not changes:
        return
    with write(db):
        db.table("ceremony_inductees").update(inductee.id, {k: new_row[k] for k in fields})
        if not inductee.attending:  # no seat for someone who is not there
            db.execute("UPDATE ceremony_inductees SET table_id = NULL, seat_number = NULL WHERE id = ?",
                       [inductee.id])
        audit(db, "ceremony_inductees", inductee.id, "update", changes)


def remove_inductee(db: Database, inductee_id: int) -> None:
    """Take an inductee off a ceremony being planned (their steps in the order of events go too)."""
    inductee = get_inductee(db, inductee_id)
    _require_planned(db, inductee.ceremony_id)
    nomination = db.execute("SELECT nomination_id FROM ceremony_inductees WHERE id = ?", [inductee_id]).fetchone()[0]
    with write(db):
        if nomination is not None:
            db.execute("UPDATE nominations SET ceremony_id = NULL WHERE id = ? AND ceremony_id = ?",
                       [nomination, inductee.ceremony_id])
        db.execute("DELETE FROM ceremony_inductees WHERE id = ?", [inductee_id])
        _renumber_events(db, inductee.ceremony_id)
        audit(db, "ceremony_inductees", inductee_id, "delete",
              {"ceremony_id": inductee.ceremony_id, "student_id": inductee.student_id})


def reorder_inductees(db: Database, ceremony_id: int, inductee_ids: Sequence[int]) -> None:
    """Put a ceremony's inductees in this program order; their steps in the order of events follow."""
    _require_planned(db, ceremony_id)
    current = [r.id for r in list_inductees(db, ceremony_id)]
    if sorted(current) != sorted(inductee_ids):
        raise ValidationError([Problem("Inductees", list(inductee_ids),
                                       "must be this ceremony's inductees, each once")])
    events = list_events(db, ceremony_id)
    slots = [e.sort_order for e in events if e.inductee_id is not None]
    by_inductee: dict[int, list[int]] = {}
    for e in events:
        if e.inductee_id is not None and e.id is not None:
            by_inductee.setdefault(e.inductee_id, []).append(e.id)
    ordered_events = [event_id for i in inductee_ids for event_id in by_inductee.get(i, [])]
    with write(db):
        db.conn.executemany("UPDATE ceremony_inductees SET sort_order = ? WHERE id = ?",
                            [(n, i) for n, i in enumerate(inductee_ids, 1)])
        db.conn.executemany("UPDATE ceremony_events SET sort_order = ? WHERE id = ?", list(zip(slots, ordered_events,
                                                                                                strict=True)))
        audit(db, "ceremony_inductees", None, "reorder", {"ceremony_id": ceremony_id, "order": list(inductee_ids)})


def assign_nomination(db: Database, nomination_id: int, ceremony_id: int, *, representative_name: str = "",
                      representative_title: str = "") -> int:
    """Put an approved nomination's nominee on a ceremony; returns the inductee's id.

    A nomination already assigned to another planned ceremony moves to this one.
    """
    row = db.execute("SELECT student_id, status, ceremony_id FROM nominations WHERE id = ?",
                     [nomination_id]).fetchone()
    if row is None:
        raise RecordNotFoundError(f"there is no nomination with id {nomination_id}")
    student_id, status, current = int(row[0]), str(row[1]), row[2]
    if status != NominationStatus.APPROVED.value:
        raise ValidationError([Problem("Nomination", status, "must be Approved before it is assigned to a ceremony")])
    _require_planned(db, ceremony_id)
    with write(db):
        if current is not None and current != ceremony_id:
            old = db.execute("SELECT id FROM ceremony_inductees WHERE ceremony_id = ? AND student_id = ?",
                             [current, student_id]).fetchone()
            if old is not None:
                remove_inductee(db, int(old[0]))
        existing = db.execute("SELECT id FROM ceremony_inductees WHERE ceremony_id = ? AND student_id = ?",
                              [ceremony_id, student_id]).fetchone()
        if existing is not None:
            db.execute("UPDATE ceremony_inductees SET nomination_id = ? WHERE id = ?", [nomination_id, existing[0]])
            db.execute("UPDATE nominations SET ceremony_id = ? WHERE id = ?", [ceremony_id, nomination_id])
            return int(existing[0])
        return add_inductee(db, ceremony_id, student_id, representative_name=representative_name,
                            representative_title=representative_title, nomination_id=nomination_id)


def list_events(db: Database, ceremony_id: int) -> list[OrderOfEventsItem]:
    """A ceremony's order of events."""
    return [from_row(OrderOfEventsItem, r) for r in db.query(
        "SELECT * FROM ceremony_events WHERE ceremony_id = ? ORDER BY sort_order, id", [ceremony_id])]


def add_event(db: Database, item: OrderOfEventsItem) -> int:
    """Add one line to a ceremony's order of events (at the end unless it has a place); returns its id."""
    if not item.title.strip():
        raise ValidationError([Problem("Title", item.title, "is required")])
    _require_ceremony(db, item.ceremony_id)
    row = to_row(item)
    with write(db):
        if item.sort_order <= 0:
            row["sort_order"] = int(db.execute("SELECT coalesce(max(sort_order), 0) + 1 FROM ceremony_events "
                                               "WHERE ceremony_id = ?", [item.ceremony_id]).fetchone()[0])
        event_id = int(db.table("ceremony_events").insert(row).last_rowid or 0)
        audit(db, "ceremony_events", event_id, "insert", {"ceremony_id": item.ceremony_id, "title": item.title})
    return event_id


def _get_event(db: Database, event_id: int) -> OrderOfEventsItem:
    rows = list(db.query("SELECT * FROM ceremony_events WHERE id = ?", [event_id]))
    if not rows:
        raise RecordNotFoundError(f"there is no line {event_id} in an order of events")
    return from_row(OrderOfEventsItem, rows[0])


def update_event(db: Database, item: OrderOfEventsItem) -> None:
    """Save a line of the order of events: its title, time, who and notes."""
    if item.id is None:
        raise ValueError("update_event needs a line with an id")
    problems = []
    if not item.title.strip():
        problems.append(Problem("Event", item.title, "is required"))
    if item.start_time and not _TIME.match(item.start_time):
        problems.append(Problem("Time", item.start_time, "must be HH:MM, 24-hour"))
    if problems:
        raise ValidationError(list(problems))
    old = _get_event(db, item.id)
    fields = ("title", "start_time", "who", "notes")
    old_row, new_row = to_row(old), to_row(item)
    changes = {k: [old_row[k], new_row[k]] for k in fields if old_row[k] != new_row[k]}
    if not changes:
        return
    with write(db):
        db.table("ceremony_events").update(item.id, {k: new_row[k] for k in fields})
        audit(db, "ceremony_events", item.id, "update", changes)


def delete_event(db: Database, event_id: int) -> None:
    """Take a line out of the order of events."""
    item = _get_event(db, event_id)
    with write(db):
        db.execute("DELETE FROM ceremony_events WHERE id = ?", [event_id])
        _renumber_events(db, item.ceremony_id)
        audit(db, "ceremony_events", event_id, "delete", {"ceremony_id": item.ceremony_id, "title": item.title})


def reorder_events(db: Database, ceremony_id: int, event_ids: Sequence[int]) -> None:
    """Put the order of events in this order (every line of the ceremony, each once)."""
    current = [e.id for e in list_events(db, ceremony_id)]
    if sorted(i for i in current if i is not None) != sorted(event_ids):
        raise ValidationError([Problem("Order of events", list(event_ids),
                                       "must list this ceremony's lines, each once")])
    with write(db):
        db.conn.executemany("UPDATE ceremony_events SET sort_order = ? WHERE id = ?",
                            [(n, i) for n, i in enumerate(event_ids, 1)])
        audit(db, "ceremony_events", None, "reorder", {"ceremony_id": ceremony_id, "order": list(event_ids)})


def move_event(db: Database, event_id: int, to_index: int) -> None:
    """Move one line of the order of events to a position (0 is first)."""
    item = _get_event(db, event_id)
    ids = [e.id for e in list_events(db, item.ceremony_id) if e.id is not None]
    ids.remove(event_id)
    ids.insert(max(0, min(to_index, len(ids))), event_id)
    reorder_events(db, item.ceremony_id, ids)


def _renumber_events(db: Database, ceremony_id: int) -> None:
    ids = [int(r[0]) for r in db.execute(
        "SELECT id FROM ceremony_events WHERE ceremony_id = ? ORDER BY sort_order, id", [ceremony_id])]
    db.conn.executemany("UPDATE ceremony_events SET sort_order = ? WHERE id = ?",
                        [(n, i) for n, i in enumerate(ids, 1)])


def _inductee_name(row: InducteeRow) -> str:
    """The name as the MC reads it: given names then family name."""
    family, _, given = row.legal_name.partition(", ")
    return f"{given} {family}".strip()


def add_default_order_of_events(db: Database, ceremony_id: int, *, replace: bool = False) -> int:
    """Fill a ceremony's order of events with the usual program; returns how many lines were added.

    The per-inductee steps repeat for each inductee already on the ceremony. A ceremony that
    already has an order of events is refused unless replace is True.
    """
    _require_ceremony(db, ceremony_id)
    existing = int(db.execute("SELECT count(*) FROM ceremony_events WHERE ceremony_id = ?",
                              [ceremony_id]).fetchone()[0])
    if existing and not replace:
        raise ValidationError([Problem("Order of events", existing,
                                       "already has lines; replace them or edit them")])
    inductees = list_inductees(db, ceremony_id)
    lines: list[tuple[str, str, int | None]] = []
    for title in DEFAULT_ORDER_OF_EVENTS:
        if title != FOR_EACH_INDUCTEE:
            lines.append((title, "", None))
            continue
        for inductee in inductees:
            for step in INDUCTEE_EVENTS:
                lines.append((step, _inductee_name(inductee), inductee.id))
    with write(db):
        db.execute("DELETE FROM ceremony_events WHERE ceremony_id = ?", [ceremony_id])
        db.conn.executemany(
            "INSERT INTO ceremony_events (ceremony_id, sort_order, title, who, inductee_id) VALUES (?, ?, ?, ?, ?)",
            [(ceremony_id, n, title, who, inductee_id) for n, (title, who, inductee_id) in enumerate(lines, 1)])
        audit(db, "ceremony_events", None, "default order of events",
              {"ceremony_id": ceremony_id, "lines": len(lines), "replaced": existing})
    return len(lines)


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
    guest_of: str  # the inductee's name
    table_id: int | None
    table_name: str
    seat_number: int | None

    def as_guest(self) -> Guest:
        """The record to edit."""
        return Guest(self.ceremony_id, self.name, self.title, self.organisation, self.country_code, self.category,
                     self.rsvp, self.rsvp_date, self.dietary, self.notes, self.precedence, self.table_name,
                     self.seat_number, self.id)


_GUEST_ROWS_SQL = """
SELECT g.id, g.ceremony_id, g.name, g.title, g.organisation, coalesce(g.country_code, ''), coalesce(c.name, ''),
       g.category, g.rsvp, g.invited_date, g.rsvp_date, g.dietary, g.notes, g.precedence, g.guest_of_inductee_id,
       coalesce(CASE WHEN s.legal_given_names <> '' THEN s.legal_given_names || ' ' || s.legal_family_name
                     ELSE s.legal_family_name END, ''),
       g.table_id, coalesce(t.name, ''), g.seat_number
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
    for r in db.execute(_GUEST_ROWS_SQL, [ceremony_id]):
        values = list(r)
        values[9], values[10] = _date(values[9]), _date(values[10])
        rows.append(GuestRow(*values))
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


@dataclass(frozen=True, slots=True)
class TableRow:
    """A seating table and how many sit at it."""

    id: int
    ceremony_id: int
    name: str
    capacity: int
    sort_order: int
    seated: int

    @property
    def label(self) -> str:
        """'Head table (9 of 10)'."""
        return f"{self.name} ({self.seated} of {self.capacity})"


def list_tables(db: Database, ceremony_id: int) -> list[TableRow]:
    """A ceremony's tables in order, with the number of people seated at each."""
    return [TableRow(*r) for r in db.execute(
        "SELECT t.id, t.ceremony_id, t.name, t.capacity, t.sort_order, "
        "(SELECT count(*) FROM ceremony_guests g WHERE g.table_id = t.id) + "
        "(SELECT count(*) FROM ceremony_inductees i WHERE i.table_id = t.id) "
        "FROM ceremony_tables t WHERE t.ceremony_id = ? ORDER BY t.sort_order, t.id", [ceremony_id])]


def _table_problems(name: str, capacity: int) -> list[Problem]:
    problems = []
    if not name.strip():
        problems.append(Problem("Table", name, "needs a name"))
    if capacity <= 0:
        problems.append(Problem("Capacity", capacity, "must be positive"))
    return problems


def add_table(db: Database, ceremony_id: int, name: str, capacity: int = 8) -> int:
    """Add a seating table to a ceremony; returns its id."""
    problems = _table_problems(name, capacity)
    if problems:
        raise ValidationError(list(problems))
    _require_ceremony(db, ceremony_id)
    if db.execute("SELECT 1 FROM ceremony_tables WHERE ceremony_id = ? AND name = ?",
                  [ceremony_id, name]).fetchone() is not None:
        raise ValidationError([Problem("Table", name, "already exists at this ceremony")])
    with write(db):
        sort_order = int(db.execute("SELECT coalesce(max(sort_order), 0) + 1 FROM ceremony_tables "
                                    "WHERE ceremony_id = ?", [ceremony_id]).fetchone()[0])
        table_id = int(db.table("ceremony_tables").insert({
            "ceremony_id": ceremony_id, "name": name, "capacity": capacity, "sort_order": sort_order}).last_rowid or 0)
        audit(db, "ceremony_tables", table_id, "insert", {"ceremony_id": ceremony_id, "name": name})
    return table_id


def _get_table(db: Database, table_id: int) -> TableRow:
    row = db.execute("SELECT ceremony_id FROM ceremony_tables WHERE id = ?", [table_id]).fetchone()
    if row is None:
        raise RecordNotFoundError(f"there is no table with id {table_id}")
    return next(t for t in list_tables(db, int(row[0])) if t.id == table_id)


def update_table(db: Database, table_id: int, name: str, capacity: int) -> None:
    """Rename a table or change its number of seats (not below the number seated at it)."""
    table = _get_table(db, table_id)
    problems = _table_problems(name, capacity)
    if capacity < table.seated:
        problems.append(Problem("Capacity", capacity, f"is less than the {table.seated} people seated at {table.name}"))
    if name != table.name and db.execute("SELECT 1 FROM ceremony_tables WHERE ceremony_id = ? AND name = ?",
                                         [table.ceremony_id, name]).fetchone() is not None:
        problems.append(Problem("Table", name, "already exists at this ceremony"))
    if problems:
        raise ValidationError(list(problems))
    with write(db):
        db.execute("UPDATE ceremony_tables SET name = ?, capacity = ? WHERE id = ?", [name, capacity, table_id])
        audit(db, "ceremony_tables", table_id, "update", {"name": [table.name, name],
                                                          "capacity": [table.capacity, capacity]})


def delete_table(db: Database, table_id: int) -> None:
    """Remove a table; whoever sat at it is left without a seat."""
    table = _get_table(db, table_id)
    with write(db):
        db.execute("UPDATE ceremony_inductees SET table_id = NULL, seat_number = NULL WHERE table_id = ?", [table_id])
        db.execute("UPDATE ceremony_guests SET table_id = NULL, seat_number = NULL WHERE table_id = ?", [table_id])
        db.execute("DELETE FROM ceremony_tables WHERE id = ?", [table_id])
        audit(db, "ceremony_tables", table_id, "delete", {"ceremony_id": table.ceremony_id, "name": table.name})


def _guest_problems(db: Database, guest: Guest, guest_of_inductee_id: int | None) -> tuple[list[Problem], int | None]:
    problems = list(validate_guest(guest))
    if guest.rsvp not in {r.value for r in Rsvp}:
        problems.append(Problem("RSVP", guest.rsvp, "must be one of " + ", ".join(r.value for r in Rsvp)))
    if guest.precedence is not None and guest.precedence < 0:
        problems.append(Problem("Precedence", guest.precedence, "must be 0 or more (1 is seated first)"))
    _require_ceremony(db, guest.ceremony_id)
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
    with write(db):
        guest_id = int(db.table("ceremony_guests").insert(row_values).last_rowid or 0)
        audit(db, "ceremony_guests", guest_id, "insert", {"ceremony_id": guest.ceremony_id, "name": guest.name})
    return guest_id


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
        db.table("ceremony_guests").update(guest.id, row_values)
        audit(db, "ceremony_guests", guest.id, "update", {"before": before, "rsvp": guest.rsvp, "name": guest.name})


def delete_guest(db: Database, guest_id: int) -> None:
    """Take a guest off the list."""
    old = get_guest(db, guest_id)
    with write(db):
        db.execute("DELETE FROM ceremony_guests WHERE id = ?", [guest_id])
        audit(db, "ceremony_guests", guest_id, "delete", {"ceremony_id": old.ceremony_id, "name": old.name})


# --- seating -----------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class SeatedPerson:
    """Someone to seat at a ceremony: an attending inductee or a guest who accepted."""

    kind: str  # "inductee" or "guest"
    id: int
    name: str
    title: str
    country_code: str
    category: str
    precedence: int | None
    party: int | None  # the inductee whose party this is
    party_name: str
    table_id: int | None
    table_name: str
    seat_number: int | None


def list_seating(db: Database, ceremony_id: int) -> list[SeatedPerson]:
    """Everyone with a seat or needing one: attending inductees and guests who accepted, by table and seat."""
    people = []
    for r in list_inductees(db, ceremony_id):
        if r.attending:
            people.append(SeatedPerson("inductee", r.id, r.name, r.position_title, r.country_code, "Inductee",
                                       INDUCTEE_PRECEDENCE, r.id, r.name, r.table_id, r.table_name, r.seat_number))
    for g in list_guest_rows(db, ceremony_id, rsvp=Rsvp.ACCEPTED.value):
        people.append(SeatedPerson("guest", g.id, g.name, g.title, g.country_code, g.category, g.precedence,
                                   g.guest_of_inductee_id, g.guest_of, g.table_id, g.table_name, g.seat_number))
    order = {t.id: t.sort_order for t in list_tables(db, ceremony_id)}
    people.sort(key=lambda p: (p.table_id is None, order.get(p.table_id or 0, 0), p.seat_number or 0,
                               p.precedence if p.precedence is not None else 1_000_000))
    return people


def people_to_seat(db: Database, ceremony_id: int) -> list[Person]:
    """Attending inductees (in program order) and guests who accepted (by precedence), for the seating rules."""
    people = [Person("inductee", r.id, r.name, INDUCTEE_PRECEDENCE, r.id, r.sort_order)
              for r in list_inductees(db, ceremony_id) if r.attending]
    people += [Person("guest", g.id, g.name, g.precedence, g.guest_of_inductee_id, 10_000 + n)
               for n, g in enumerate(list_guest_rows(db, ceremony_id, rsvp=Rsvp.ACCEPTED.value))]
    return people


def auto_seat(db: Database, ceremony_id: int) -> SeatingPlan:
    """Seat everyone afresh by precedence, each inductee with their party (see domain.seating)."""
    _require_planned(db, ceremony_id)
    tables = [Table(t.id, t.name, t.capacity) for t in list_tables(db, ceremony_id)]
    if not tables:
        raise ValidationError([Problem("Tables", 0, "none yet: add the tables and their seats first")])
    plan = seat_by_precedence(people_to_seat(db, ceremony_id), tables)
    with write(db):
        write_seating(db, ceremony_id, plan)
        audit(db, "ceremony_tables", None, "automatic seating",
              {"ceremony_id": ceremony_id, "seated": len(plan.placements), "unseated": len(plan.unseated)})
    return plan


def write_seating(db: Database, ceremony_id: int, plan: SeatingPlan) -> None:
    db.execute("UPDATE ceremony_guests SET table_id = NULL, seat_number = NULL WHERE ceremony_id = ?", [ceremony_id])
    db.execute("UPDATE ceremony_inductees SET table_id = NULL, seat_number = NULL WHERE ceremony_id = ?",
               [ceremony_id])
    for place in plan.placements:
        table = "ceremony_inductees" if place.person.kind == "inductee" else "ceremony_guests"
        db.execute(f"UPDATE {table} SET table_id = ?, seat_number = ? WHERE id = ?",
                   [place.table_id, place.seat, place.person.id])


def seat_person(db: Database, kind: str, person_id: int, table_id: int | None) -> None:
    """Move an inductee or guest to a table (the next free seat), or off any table with None."""
    if kind not in {"inductee", "guest"}:
        raise ValueError(f"kind must be 'inductee' or 'guest', not {kind!r}")
    table = "ceremony_inductees" if kind == "inductee" else "ceremony_guests"
    row = db.execute(f"SELECT ceremony_id, table_id FROM {table} WHERE id = ?", [person_id]).fetchone()
    if row is None:
        raise RecordNotFoundError(f"there is no {kind} with id {person_id}")
    ceremony_id, current = int(row[0]), row[1]
    _require_planned(db, ceremony_id)
    seat = None
    if table_id is not None:
        target = _get_table(db, table_id)
        if target.ceremony_id != ceremony_id:
            raise ValidationError([Problem("Table", target.name, "is not a table at this ceremony")])
        if current == table_id:
            return
        if target.seated >= target.capacity:
            raise ValidationError([Problem("Table", target.name, f"is full ({target.seated} of {target.capacity})")])
        taken = {int(r[0]) for r in db.execute(
            "SELECT seat_number FROM ceremony_guests WHERE table_id = ? AND seat_number IS NOT NULL UNION "
            "SELECT seat_number FROM ceremony_inductees WHERE table_id = ? AND seat_number IS NOT NULL",
            [table_id, table_id])}
        seat = next(n for n in range(1, target.capacity + 2) if n not in taken)
    with write(db):
        db.execute(f"UPDATE {table} SET table_id = ?, seat_number = ? WHERE id = ?", [table_id, seat, person_id])
        audit(db, table, person_id, "seat", {"table_id": [current, table_id], "seat": seat})


def list_tasks(db: Database, ceremony_id: int) -> list[CeremonyTask]:
    """A ceremony's checklist, in its order."""
    return [from_row(CeremonyTask, r) for r in db.query(
        "SELECT * FROM ceremony_tasks WHERE ceremony_id = ? ORDER BY sort_order, due_offset_days, id",
        [ceremony_id])]


def add_task(db: Database, task: CeremonyTask) -> int:
    """Add a checklist item; returns its id."""
    if not task.title.strip():
        raise ValidationError([Problem("Title", task.title, "is required")])
    _require_ceremony(db, task.ceremony_id)
    with write(db):
        task_id = int(db.table("ceremony_tasks").insert(to_row(task)).last_rowid or 0)
        audit(db, "ceremony_tasks", task_id, "insert", {"ceremony_id": task.ceremony_id, "title": task.title})
    return task_id


def add_default_tasks(db: Database, ceremony_id: int) -> int:
    """Add the usual checklist (invitations, RSVPs, certificates...) except titles already there.

    Returns how many tasks were added.
    """
    _require_ceremony(db, ceremony_id)
    existing = {str(r[0]) for r in db.execute("SELECT title FROM ceremony_tasks WHERE ceremony_id = ?",
                                              [ceremony_id])}
    start = int(db.execute("SELECT coalesce(max(sort_order), 0) FROM ceremony_tasks WHERE ceremony_id = ?",
                           [ceremony_id]).fetchone()[0])
    new = [(title, offset) for title, offset in DEFAULT_TASKS if title not in existing]
    with write(db):
        db.conn.executemany(
            "INSERT INTO ceremony_tasks (ceremony_id, title, due_offset_days, sort_order) VALUES (?, ?, ?, ?)",
            [(ceremony_id, title, offset, start + n) for n, (title, offset) in enumerate(new, 1)])
        audit(db, "ceremony_tasks", None, "default tasks", {"ceremony_id": ceremony_id, "added": len(new)})
    return len(new)


@dataclass(frozen=True, slots=True)
class TaskRow:
    """A checklist item with its due date counted from the ceremony date, and whether it is overdue."""

    id: int
    ceremony_id: int
    title: str
    due_offset_days: int
    due_date: dt.date | None  # None while the ceremony has no date
    done_date: dt.date | None
    sort_order: int
    overdue: bool

    @property
    def when(self) -> str:
        """'60 days before', 'on the day', '2 days after'."""
        n = self.due_offset_days
        if n == 0:
            return "on the day"
        days = "day" if abs(n) == 1 else "days"
        return f"{abs(n)} {days} before" if n < 0 else f"{n} {days} after"


def list_task_rows(db: Database, ceremony_id: int, today: dt.date | None = None) -> list[TaskRow]:
    """A ceremony's checklist with due dates; a task not done by its due date (before today) is overdue."""
    today = today or dt.date.today()
    day = get_ceremony(db, ceremony_id).ceremony_date
    rows = []
    for t in list_tasks(db, ceremony_id):
        due = None if day is None else day + dt.timedelta(days=t.due_offset_days)
        overdue = t.done_date is None and due is not None and due < today
        rows.append(TaskRow(t.id or 0, ceremony_id, t.title, t.due_offset_days, due, t.done_date, t.sort_order,
                            overdue))
    return sorted(rows, key=lambda r: (r.due_offset_days, r.sort_order, r.id))


def update_task(db: Database, task: CeremonyTask) -> None:
    """Save a checklist item's title, days from the ceremony and done date."""
    if task.id is None:
        raise ValueError("update_task needs a task with an id")
    if not task.title.strip():
        raise ValidationError([Problem("Title", task.title, "is required")])
    rows = list(db.query("SELECT * FROM ceremony_tasks WHERE id = ?", [task.id]))
    if not rows:
        raise RecordNotFoundError(f"there is no task with id {task.id}")
    old_row, new_row = to_row(from_row(CeremonyTask, rows[0])), to_row(task)
    fields = ("title", "due_offset_days", "done_date")
    changes = {k: [old_row[k], new_row[k]] for k in fields if old_row[k] != new_row[k]}
    if not changes:
        return
    with write(db):
        db.table("ceremony_tasks").update(task.id, {k: new_row[k] for k in fields})
        audit(db, "ceremony_tasks", task.id, "update", changes)


def set_task_done(db: Database, task_id: int, done: dt.date | None) -> None:
    """Tick a checklist item done on a date (or untick it with None)."""
    rows = list(db.query("SELECT * FROM ceremony_tasks WHERE id = ?", [task_id]))
    if not rows:
        raise RecordNotFoundError(f"there is no task with id {task_id}")
    task = from_row(CeremonyTask, rows[0])
    task.done_date = done
    update_task(db, task)


def delete_task(db: Database, task_id: int) -> None:
    """Take an item off the checklist."""
    with write(db):
        db.execute("DELETE FROM ceremony_tasks WHERE id = ?", [task_id])
        audit(db, "ceremony_tasks", task_id, "delete", {})


# --- flags and anthems -------------------------------------------------------------------------------------

HOST_COUNTRY = "US"


@dataclass(frozen=True, slots=True)
class FlagRow:
    """A national flag to display and anthem to play, and why it is needed."""

    country_code: str
    country_name: str
    inductees: tuple[str, ...]  # the inductees from this country (none for the host nation)
    host: bool = False

    @property
    def anthem(self) -> str:
        """What the program calls the anthem."""
        return f"National anthem of {self.country_name}" if not self.host else "The Star-Spangled Banner"

    @property
    def why(self) -> str:
        """'Host nation' or the inductees' names."""
        return "Host nation" if self.host else ", ".join(self.inductees)


def flags_and_anthems(db: Database, ceremony_id: int) -> list[FlagRow]:
    """The flags and anthems a ceremony needs: the host nation's, then each inductee country's by name."""
    _require_ceremony(db, ceremony_id)
    by_country: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for r in list_inductees(db, ceremony_id):
        if not r.country_code:
            continue
        by_country.setdefault(r.country_code, []).append(r.name)
        names[r.country_code] = r.country_name or r.country_code
    host_name = db.execute("SELECT name FROM countries WHERE code = ?", [HOST_COUNTRY]).fetchone()
    rows = [FlagRow(HOST_COUNTRY, str(host_name[0]) if host_name else "United States", (), True)]
    for code in sorted(by_country, key=lambda c: names[c].casefold()):
        if code != HOST_COUNTRY:
            rows.append(FlagRow(code, names[code], tuple(by_country[code])))
    return rows


# --- a ceremony from planning to held ----------------------------------------------------------------------

def new_ceremony(db: Database, ceremony: Ceremony, *, with_defaults: bool = True) -> int:
    """Add a ceremony with the usual order of events and checklist; returns its id."""
    with write(db):
        ceremony_id = add_ceremony(db, ceremony)
        if with_defaults:
            add_default_order_of_events(db, ceremony_id)
            add_default_tasks(db, ceremony_id)
    return ceremony_id


def delete_ceremony(db: Database, ceremony_id: int) -> None:
    """Delete a ceremony that was not held; its nominees stay approved, ready for another one."""
    ceremony = _require_planned(db, ceremony_id)
    with write(db):
        db.execute("UPDATE nominations SET ceremony_id = NULL WHERE ceremony_id = ?", [ceremony_id])
        db.execute("DELETE FROM ceremony_guests WHERE ceremony_id = ?", [ceremony_id])
        db.execute("DELETE FROM ceremony_events WHERE ceremony_id = ?", [ceremony_id])
        db.execute("DELETE FROM ceremony_inductees WHERE ceremony_id = ?", [ceremony_id])
        db.execute("DELETE FROM ceremonies WHERE id = ?", [ceremony_id])
        audit(db, "ceremonies", ceremony_id, "delete", {"title": ceremony.title})


def ceremony_warnings(db: Database, ceremony_id: int) -> list[str]:
    """What a clerk should know before marking a ceremony as held (nothing here prevents it)."""
    warnings = []
    for r in list_inductees(db, ceremony_id):
        if r.nomination_status != NominationStatus.APPROVED.value:
            status = r.nomination_status or "no nomination"
            warnings.append(f"{r.name} has no approved nomination ({status})")
        if not r.attending and not r.representative_name:
            warnings.append(f"{r.name} does not attend and no representative is named")
        if not r.position_title:
            warnings.append(f"{r.name} has no position to engrave")
    return warnings


def mark_ceremony_held(db: Database, ceremony_id: int) -> list[int]:
    """Record the ceremony as held: each inductee goes on the Honor Roll with the ceremony's date.

    Returns the new inductions' ids. Refused for a ceremony without a date or inductees, one
    already held or cancelled, or one with an inductee already on the Honor Roll.
    """
    from imet_desktop.store.honor_roll import add_induction, list_schools

    ceremony = _require_planned(db, ceremony_id)
    problems = []
    if ceremony.status != CeremonyStatus.PLANNED.value:
        problems.append(Problem("Ceremony", ceremony.title, f"is {ceremony.status}, not planned"))
    if ceremony.ceremony_date is None:
        problems.append(Problem("Ceremony", ceremony.title,
                                "has no date: set it first (the Honor Roll records the date of induction)"))
    inductees = list_inductees(db, ceremony_id)
    if not inductees:
        problems.append(Problem("Ceremony", ceremony.title, "has no inductees: there is nobody to induct"))
    for r in inductees:
        row = db.execute("SELECT induction_date FROM inductions WHERE student_id = ?", [r.student_id]).fetchone()
        if row is not None:
            problems.append(Problem("Inductee", r.name, f"is already on the Honor Roll (inducted "
                                                        f"{format_date(dt.date.fromisoformat(row[0]))})"))
    if problems:
        raise ValidationError(list(problems))
    assert ceremony.ceremony_date is not None and ceremony.id is not None
    day = ceremony.ceremony_date
    induction_ids = []
    with write(db):
        for r in inductees:
            position_id = None
            if r.nomination_id is not None:
                found = db.execute("SELECT position_id FROM nominations WHERE id = ?", [r.nomination_id]).fetchone()
                position_id = None if found is None else found[0]
            induction_ids.append(add_induction(
                db, r.student_id, day, position_title=r.position_title,
                schools_attended=schools_text(list_schools(db, r.student_id)), ceremony_id=ceremony_id,
                position_id=position_id, citation=r.citation))
            if r.nomination_id is not None:  # a nomination that skipped approval is closed all the same
                db.execute("UPDATE nominations SET ceremony_id = ? WHERE id = ?", [ceremony_id, r.nomination_id])
        ceremony.status = CeremonyStatus.HELD.value
        db.execute("UPDATE ceremonies SET status = ? WHERE id = ?", [ceremony.status, ceremony_id])
        audit(db, "ceremonies", ceremony_id, "held", {"date": day.isoformat(), "inducted": len(induction_ids)})
    return induction_ids
