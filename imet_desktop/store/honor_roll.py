"""The International Honor Roll: inductions, the positions graduates reached, and nominations."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from sqlite_utils import Database

from imet_desktop.domain.names import search_fold
from imet_desktop.domain.problems import Problem
from imet_desktop.domain.records import Nomination, NominationStatus, Position
from imet_desktop.store.convert import from_row, to_row
from imet_desktop.store.db import audit, current_user, now_text, write
from imet_desktop.store.errors import RecordNotFoundError, ValidationError
from imet_desktop.store.students import fts_query


@dataclass(frozen=True, slots=True)
class HonoreeRow:
    """One line of the honor roll: who was inducted, when, and with what position."""

    induction_id: int
    student_id: int
    induction_year: int
    induction_date: str
    country_code: str
    country_name: str
    legal_name: str  # FAMILY, Given
    native_name: str
    rank: str  # the country rank
    position_title: str
    schools_attended: str
    ceremony_id: int | None
    ceremony_title: str


@dataclass(frozen=True, slots=True)
class NominationRow:
    """What the nominations list shows for one nomination."""

    id: int
    student_id: int
    legal_name: str
    country_name: str
    status: str
    nominated_by: str
    nomination_date: str
    ceremony_id: int | None


_LEGAL_NAME = ("CASE WHEN s.legal_given_names <> '' THEN s.legal_family_name || ', ' || s.legal_given_names "
               "ELSE s.legal_family_name END")

_HONOREES_SQL = f"""
SELECT i.id, i.student_id, CAST(substr(i.induction_date, 1, 4) AS INTEGER), i.induction_date,
       coalesce(s.country_code, ''), coalesce(c.name, ''), {_LEGAL_NAME}, s.native_name, s.country_rank,
       i.position_title, i.schools_attended, i.ceremony_id, coalesce(ce.title, '')
FROM inductions i
CROSS JOIN students s ON s.id = i.student_id  -- CROSS: inductions drive the join, never the students table
LEFT JOIN countries c ON c.code = s.country_code
LEFT JOIN ceremonies ce ON ce.id = i.ceremony_id
{{where}}
ORDER BY substr(i.induction_date, 1, 4) DESC, s.legal_family_name COLLATE NOCASE,
         s.legal_given_names COLLATE NOCASE, i.id
"""


def list_honorees(db: Database, search: str = "") -> list[HonoreeRow]:
    """The honor roll, newest induction year first, then by name.

    search matches the names (any script, accents ignored, through the name index), the country
    name and the position title.
    """
    text = search.strip()
    where, params = "", []
    if text:
        like = f"%{text}%"
        conditions = ["c.name LIKE ?", "i.position_title LIKE ?"]
        params = [like, like]
        query = fts_query(search_fold(text))
        if query:
            conditions.insert(0, "i.student_id IN (SELECT rowid FROM students_fts WHERE students_fts MATCH ?)")
            params.insert(0, query)
        where = "WHERE " + " OR ".join(conditions)
    return [HonoreeRow(*r) for r in db.execute(_HONOREES_SQL.format(where=where), params)]


def _require_student(db: Database, student_id: int) -> None:
    if db.execute("SELECT 1 FROM students WHERE id = ?", [student_id]).fetchone() is None:
        raise RecordNotFoundError(f"there is no student with id {student_id}")


def list_positions(db: Database, student_id: int) -> list[Position]:
    """The positions a graduate has held, in the order of appointment (undated last)."""
    return [from_row(Position, r) for r in db.query(
        "SELECT * FROM positions WHERE student_id = ? "
        "ORDER BY appointment_date IS NULL, appointment_date, id", [student_id])]


def add_position(db: Database, position: Position) -> int:
    """Record a position a graduate has held; returns its id."""
    problems = []
    if not position.title.strip():
        problems.append(Problem("Title", position.title, "is required"))
    if (position.appointment_date is not None and position.end_date is not None
            and position.end_date < position.appointment_date):
        problems.append(Problem("End date", position.end_date.isoformat(), "is before the appointment date"))
    if problems:
        raise ValidationError(list(problems))
    _require_student(db, position.student_id)
    with write(db):
        position_id = int(db.table("positions").insert(to_row(position)).last_rowid or 0)
        audit(db, "positions", position_id, "insert", {"student_id": position.student_id, "title": position.title})
    return position_id


def add_induction(db: Database, student_id: int, induction_date: dt.date, *, position_title: str = "",
                  schools_attended: str = "", ceremony_id: int | None = None, position_id: int | None = None,
                  citation: str = "") -> int:
    """Put a graduate on the honor roll; returns the induction's id.

    A graduate is inducted once. Approved nominations of the graduate become Inducted.
    """
    _require_student(db, student_id)
    if db.execute("SELECT 1 FROM inductions WHERE student_id = ?", [student_id]).fetchone() is not None:
        raise ValidationError([Problem("Student", student_id, "is already on the honor roll")])
    if ceremony_id is not None and db.execute(
            "SELECT 1 FROM ceremonies WHERE id = ?", [ceremony_id]).fetchone() is None:
        raise RecordNotFoundError(f"there is no ceremony with id {ceremony_id}")
    if position_id is not None and not position_title:
        row = db.execute("SELECT title FROM positions WHERE id = ? AND student_id = ?",
                         [position_id, student_id]).fetchone()
        if row is None:
            raise RecordNotFoundError(f"the student has no position with id {position_id}")
        position_title = str(row[0])
    with write(db):
        induction_id = int(db.table("inductions").insert({
            "student_id": student_id, "ceremony_id": ceremony_id, "induction_date": induction_date.isoformat(),
            "position_id": position_id, "position_title": position_title, "schools_attended": schools_attended,
            "citation": citation}).last_rowid or 0)
        approved = [int(r[0]) for r in db.execute(
            "SELECT id FROM nominations WHERE student_id = ? AND status = ?",
            [student_id, NominationStatus.APPROVED.value])]
        for nomination_id in approved:
            _set_nomination_status(db, nomination_id, NominationStatus.INDUCTED.value, induction_date,
                                   "inducted", ceremony_id)
        audit(db, "inductions", induction_id, "insert",
              {"student_id": student_id, "induction_date": induction_date.isoformat(),
               "position_title": position_title})
    return induction_id


_NOMINATIONS_SQL = f"""
SELECT n.id, n.student_id, {_LEGAL_NAME}, coalesce(c.name, ''), n.status, n.nominated_by,
       coalesce(n.nomination_date, ''), n.ceremony_id
FROM nominations n
CROSS JOIN students s ON s.id = n.student_id
LEFT JOIN countries c ON c.code = s.country_code
ORDER BY n.nomination_date IS NULL, n.nomination_date DESC, n.id DESC
"""


def list_nominations(db: Database) -> list[NominationRow]:
    """Every nomination, newest first."""
    return [NominationRow(*r) for r in db.execute(_NOMINATIONS_SQL)]


def get_nomination(db: Database, nomination_id: int) -> Nomination:
    """One nomination."""
    rows = list(db.query("SELECT * FROM nominations WHERE id = ?", [nomination_id]))
    if not rows:
        raise RecordNotFoundError(f"there is no nomination with id {nomination_id}")
    return from_row(Nomination, rows[0])


_STATUSES = {s.value for s in NominationStatus}


def add_nomination(db: Database, nomination: Nomination) -> int:
    """Record a nomination for the honor roll; returns its id."""
    problems = []
    if not nomination.nominated_by.strip():
        problems.append(Problem("Nominated by", nomination.nominated_by, "is required"))
    if nomination.status not in _STATUSES:
        problems.append(Problem("Status", nomination.status,
                                "must be one of " + ", ".join(s.value for s in NominationStatus)))
    if problems:
        raise ValidationError(list(problems))
    _require_student(db, nomination.student_id)
    try:
        with write(db):
            nomination_id = int(db.table("nominations").insert(to_row(nomination)).last_rowid or 0)
            _history(db, nomination_id, nomination.status, nomination.nomination_date or dt.date.today(),
                     "nominated")
            audit(db, "nominations", nomination_id, "insert",
                  {"student_id": nomination.student_id, "status": nomination.status})
    except sqlite3.IntegrityError as e:  # a position or ceremony that does not exist
        raise ValidationError([Problem("Nomination", nomination.student_id, str(e))]) from None
    return nomination_id


def change_nomination_status(db: Database, nomination_id: int, status: str, effective: dt.date,
                             note: str = "", ceremony_id: int | None = None) -> None:
    """Move a nomination to a new status as of a date, keeping the history."""
    if status not in _STATUSES:
        raise ValidationError([Problem("Status", status,
                                       "must be one of " + ", ".join(s.value for s in NominationStatus))])
    get_nomination(db, nomination_id)
    with write(db):
        _set_nomination_status(db, nomination_id, status, effective, note, ceremony_id)


def _history(db: Database, nomination_id: int, status: str, effective: dt.date, note: str) -> None:
    db.execute("INSERT INTO nomination_status_history (nomination_id, status, effective_date, note, recorded_at, "
               "recorded_by) VALUES (?, ?, ?, ?, ?, ?)",
               [nomination_id, status, effective.isoformat(), note, now_text(), current_user()])


def _set_nomination_status(db: Database, nomination_id: int, status: str, effective: dt.date, note: str,
                           ceremony_id: int | None) -> None:
    previous = db.execute("SELECT status FROM nominations WHERE id = ?", [nomination_id]).fetchone()[0]
    if ceremony_id is None:
        db.execute("UPDATE nominations SET status = ? WHERE id = ?", [status, nomination_id])
    else:
        db.execute("UPDATE nominations SET status = ?, ceremony_id = ? WHERE id = ?",
                   [status, ceremony_id, nomination_id])
    _history(db, nomination_id, status, effective, note)
    audit(db, "nominations", nomination_id, "status", {"status": [previous, status], "date": effective.isoformat()})
