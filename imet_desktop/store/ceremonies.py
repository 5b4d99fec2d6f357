"""Induction ceremonies: inductees, order of events, guests and seating tables, the checklist."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from sqlite_utils import Database

from imet_desktop.domain.problems import Problem
from imet_desktop.domain.records import (
    Ceremony,
    CeremonyTask,
    Guest,
    OrderOfEventsItem,
    Rsvp,
)
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
       i.attending, i.representative_name, i.representative_title, i.sort_order
FROM ceremony_inductees i
CROSS JOIN students s ON s.id = i.student_id  -- CROSS: inductees drive the join, never the students table
LEFT JOIN countries c ON c.code = s.country_code
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


def add_inductee(db: Database, ceremony_id: int, student_id: int, position_title: str = "",
                 representative_name: str = "", representative_title: str = "") -> int:
    """Put a graduate on a ceremony, last in program order; returns the inductee's id.

    A named representative means the inductee does not attend and the representative accepts.
    Without a position title, the graduate's latest recorded position is used.
    """
    _require_ceremony(db, ceremony_id)
    if db.execute("SELECT 1 FROM students WHERE id = ?", [student_id]).fetchone() is None:
        raise RecordNotFoundError(f"there is no student with id {student_id}")
    if db.execute("SELECT 1 FROM ceremony_inductees WHERE ceremony_id = ? AND student_id = ?",
                  [ceremony_id, student_id]).fetchone() is not None:
        raise ValidationError([Problem("Inductee", student_id, "is already on this ceremony")])
    if not position_title:
        row = db.execute("SELECT title FROM positions WHERE student_id = ? "
                         "ORDER BY appointment_date IS NULL, appointment_date DESC, id DESC LIMIT 1",
                         [student_id]).fetchone()
        position_title = "" if row is None else str(row[0])
    nomination = db.execute("SELECT id FROM nominations WHERE student_id = ? AND status <> 'Declined' "
                            "ORDER BY nomination_date DESC, id DESC LIMIT 1", [student_id]).fetchone()
    with write(db):
        sort_order = int(db.execute("SELECT coalesce(max(sort_order), 0) + 1 FROM ceremony_inductees "
                                    "WHERE ceremony_id = ?", [ceremony_id]).fetchone()[0])
        inductee_id = int(db.table("ceremony_inductees").insert({
            "ceremony_id": ceremony_id, "student_id": student_id,
            "nomination_id": None if nomination is None else int(nomination[0]),
            "position_title": position_title, "attending": 0 if representative_name.strip() else 1,
            "representative_name": representative_name, "representative_title": representative_title,
            "sort_order": sort_order}).last_rowid or 0)
        audit(db, "ceremony_inductees", inductee_id, "insert",
              {"ceremony_id": ceremony_id, "student_id": student_id, "representative_name": representative_name})
    return inductee_id


def list_events(db: Database, ceremony_id: int) -> list[OrderOfEventsItem]:
    """A ceremony's order of events."""
    return [from_row(OrderOfEventsItem, r) for r in db.query(
        "SELECT * FROM ceremony_events WHERE ceremony_id = ? ORDER BY sort_order, id", [ceremony_id])]


def add_event(db: Database, item: OrderOfEventsItem) -> int:
    """Add one line to a ceremony's order of events; returns its id."""
    if not item.title.strip():
        raise ValidationError([Problem("Title", item.title, "is required")])
    _require_ceremony(db, item.ceremony_id)
    with write(db):
        event_id = int(db.table("ceremony_events").insert(to_row(item)).last_rowid or 0)
        audit(db, "ceremony_events", event_id, "insert", {"ceremony_id": item.ceremony_id, "title": item.title})
    return event_id


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


def add_table(db: Database, ceremony_id: int, name: str, capacity: int = 8) -> int:
    """Add a seating table to a ceremony; returns its id."""
    problems = []
    if not name.strip():
        problems.append(Problem("Table", name, "needs a name"))
    if capacity <= 0:
        problems.append(Problem("Capacity", capacity, "must be positive"))
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


def add_guest(db: Database, guest: Guest) -> int:
    """Invite a guest; a table_name must be one of the ceremony's tables. Returns the guest's id."""
    problems = list(validate_guest(guest))
    if guest.rsvp not in {r.value for r in Rsvp}:
        problems.append(Problem("RSVP", guest.rsvp, "must be one of " + ", ".join(r.value for r in Rsvp)))
    _require_ceremony(db, guest.ceremony_id)
    table_id = None
    if guest.table_name:
        row = db.execute("SELECT id FROM ceremony_tables WHERE ceremony_id = ? AND name = ?",
                         [guest.ceremony_id, guest.table_name]).fetchone()
        if row is None:
            problems.append(Problem("Table", guest.table_name, "is not a table at this ceremony"))
        else:
            table_id = int(row[0])
    if problems:
        raise ValidationError(list(problems))
    row_values = to_row(guest, exclude=("id", "table_name"))
    row_values["country_code"] = row_values["country_code"] or None
    row_values["table_id"] = table_id
    with write(db):
        guest_id = int(db.table("ceremony_guests").insert(row_values).last_rowid or 0)
        audit(db, "ceremony_guests", guest_id, "insert", {"ceremony_id": guest.ceremony_id, "name": guest.name})
    return guest_id


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
