"""The International Honor Roll: inductions, the positions graduates reached, and nominations."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from imet_desktop.domain.eligibility import (
    Assessment,
    SchoolAttended,
    assess,
    schools_text,
    status_change_problem,
)
from imet_desktop.domain.names import legal_name, search_fold
from imet_desktop.domain.problems import Problem
from imet_desktop.domain.records import (
    Nomination,
    NominationStatus,
    OfficeSettings,
    Position,
    StatusChange,
    Student,
    StudentStatus,
)
from imet_desktop.store.clearances import list_clearances
from imet_desktop.store.convert import from_row, to_row
from imet_desktop.store.db import audit, current_user, fetch_record, insert_record, now_text, update_record, write
from imet_desktop.store.errors import RecordNotFoundError, ValidationError
from imet_desktop.store.search import fts_query
from imet_desktop.store.settings import load_settings
from imet_desktop.store.students import add_student


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
    country_code: str = ""
    nominated_by_kind: str = ""
    position_title: str = ""
    ceremony_title: str = ""
    native_name: str = ""


_HONOREES_SQL = """
SELECT i.id AS induction_id, i.student_id, CAST(substr(i.induction_date, 1, 4) AS INTEGER) AS induction_year,
       i.induction_date, coalesce(s.country_code, '') AS country_code, coalesce(c.name, '') AS country_name,
       s.legal_family_name, s.legal_given_names, s.native_name, s.country_rank AS rank, i.position_title,
       i.schools_attended, i.ceremony_id, coalesce(ce.title, '') AS ceremony_title
FROM inductions i
CROSS JOIN students s ON s.id = i.student_id  -- CROSS: inductions drive the join, never the students table
LEFT JOIN countries c ON c.code = s.country_code
LEFT JOIN ceremonies ce ON ce.id = i.ceremony_id
{where}
ORDER BY substr(i.induction_date, 1, 4) DESC, s.legal_family_name COLLATE NOCASE,
         s.legal_given_names COLLATE NOCASE, i.id
"""


def list_honorees(db: Database, search: str = "", *, country_code: str = "",
                  year: int | None = None) -> list[HonoreeRow]:
    """The honor roll, newest induction year first, then by name.

    search matches the names (any script, accents ignored, through the name index), the country
    name and the position title; country_code and year narrow the list further.
    """
    text = search.strip()
    where: list[str] = []
    params: list[object] = []
    if text:
        like = f"%{text}%"
        conditions = ["c.name LIKE ?", "i.position_title LIKE ?"]
        params = [like, like]
        query = fts_query(search_fold(text))
        if query:
            conditions.insert(0, "i.student_id IN (SELECT rowid FROM students_fts WHERE students_fts MATCH ?)")
            params.insert(0, query)
        where.append("(" + " OR ".join(conditions) + ")")
    if country_code:
        where.append("s.country_code = ?")
        params.append(country_code)
    if year is not None:
        where.append("i.induction_date >= ? AND i.induction_date < ?")
        params.extend([f"{year:04d}-01-01", f"{year + 1:04d}-01-01"])
    clause = "WHERE " + " AND ".join(where) if where else ""
    rows = []
    for r in db.query(_HONOREES_SQL.format(where=clause), params):
        family, given = r.pop("legal_family_name"), r.pop("legal_given_names")
        rows.append(HonoreeRow(**r, legal_name=legal_name(family, given)))
    return rows


def honor_roll_years(db: Database) -> list[int]:
    """The years with inductions, newest first (for the register's year filter)."""
    return [int(r[0]) for r in db.execute(
        "SELECT DISTINCT CAST(substr(induction_date, 1, 4) AS INTEGER) AS y FROM inductions ORDER BY y DESC")]


def honor_roll_countries(db: Database) -> list[tuple[str, str]]:
    """(code, name) of the countries with honorees, by name (for the register's country filter)."""
    return [(str(r[0]), str(r[1])) for r in db.execute(
        "SELECT DISTINCT c.code, c.name FROM inductions i CROSS JOIN students s ON s.id = i.student_id "
        "JOIN countries c ON c.code = s.country_code ORDER BY c.name")]


def _require_student(db: Database, student_id: int) -> None:
    if db.execute("SELECT 1 FROM students WHERE id = ?", [student_id]).fetchone() is None:
        raise RecordNotFoundError(f"there is no student with id {student_id}")


def list_positions(db: Database, student_id: int) -> list[Position]:
    """The positions a graduate has held, in the order of appointment (undated last)."""
    return [from_row(Position, r) for r in db.query(
        "SELECT * FROM positions WHERE student_id = ? "
        "ORDER BY appointment_date IS NULL, appointment_date, id", [student_id])]


def _position_problems(position: Position) -> list[Problem]:
    problems = []
    if not position.title.strip():
        problems.append(Problem("Title", position.title, "is required"))
    if (position.appointment_date is not None and position.end_date is not None
            and position.end_date < position.appointment_date):
        problems.append(Problem("End date", position.end_date.isoformat(), "is before the appointment date"))
    return problems


def add_position(db: Database, position: Position) -> int:
    """Record a position a graduate has held; returns its id."""
    problems = _position_problems(position)
    if problems:
        raise ValidationError(list(problems))
    _require_student(db, position.student_id)
    return insert_record(db, "positions", to_row(position),
                         {"student_id": position.student_id, "title": position.title})


def get_position(db: Database, position_id: int) -> Position:
    """One position."""
    return fetch_record(db, Position, "positions", position_id, f"there is no position with id {position_id}")


def update_position(db: Database, position: Position) -> None:
    """Save changes to a position; the audit log keeps old and new values."""
    if position.id is None:
        raise ValueError("update_position needs a position with an id")
    problems = _position_problems(position)
    if problems:
        raise ValidationError(list(problems))
    update_record(db, "positions", position.id, to_row(get_position(db, position.id)), to_row(position),
                  version=position.version, what=f"the position {position.title!r}")


def delete_position(db: Database, position_id: int) -> None:
    """Remove a position recorded by mistake; refused while a nomination or induction names it."""
    position = get_position(db, position_id)
    used = db.execute("SELECT (SELECT count(*) FROM nominations WHERE position_id = ?) + "
                      "(SELECT count(*) FROM inductions WHERE position_id = ?)", [position_id, position_id]).fetchone()
    if int(used[0]):
        raise ValidationError([Problem("Position", position.title,
                                       "is the position of a nomination or of the Honor Roll; it cannot be removed")])
    with write(db):
        db.execute("DELETE FROM positions WHERE id = ?", [position_id])
        audit(db, "positions", position_id, "delete", {"student_id": position.student_id, "title": position.title})


def position_categories(db: Database, settings: OfficeSettings | None = None) -> list[str]:
    """The categories a clerk picks from: the qualifying ones first, then any others in use."""
    settings = settings or load_settings(db)
    found = list(settings.qualifying_position_categories)
    for (category,) in db.execute("SELECT DISTINCT category FROM positions WHERE category <> '' ORDER BY category"):
        if str(category) not in found:
            found.append(str(category))
    return found


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


def ceremony_induction_count(db: Database, ceremony_id: int) -> int:
    """How many inductions a ceremony's marking as held wrote (those a reopening would remove)."""
    return int(db.execute("SELECT count(*) FROM inductions WHERE ceremony_id = ?", [ceremony_id]).fetchone()[0])


def remove_ceremony_inductions(db: Database, ceremony_id: int, effective: dt.date, note: str) -> int:
    """Take off the Honor Roll the inductions a ceremony's marking as held wrote; returns how many.

    The nominations they closed (Inducted at this ceremony) are Approved again, for the ceremony
    once it is marked as held again; the status history says why (note).
    """
    with write(db):
        nominations = [int(r[0]) for r in db.execute(
            "SELECT id FROM nominations WHERE ceremony_id = ? AND status = ?",
            [ceremony_id, NominationStatus.INDUCTED.value])]
        for nomination_id in nominations:
            _set_nomination_status(db, nomination_id, NominationStatus.APPROVED.value, effective, note, None)
        removed = db.execute("DELETE FROM inductions WHERE ceremony_id = ?", [ceremony_id]).rowcount
        audit(db, "inductions", None, "delete", {"ceremony_id": ceremony_id, "inductions": removed,
                                                 "nominations approved again": nominations, "why": note})
    return int(removed)


_NOMINATIONS_SQL = """
SELECT n.id, n.student_id, s.legal_family_name, s.legal_given_names, coalesce(c.name, ''), n.status, n.nominated_by,
       coalesce(n.nomination_date, ''), n.ceremony_id, coalesce(s.country_code, ''), n.nominated_by_kind,
       coalesce(p.title, ''), coalesce(ce.title, ''), s.native_name
FROM nominations n
CROSS JOIN students s ON s.id = n.student_id
LEFT JOIN countries c ON c.code = s.country_code
LEFT JOIN positions p ON p.id = n.position_id
LEFT JOIN ceremonies ce ON ce.id = n.ceremony_id
{where}
ORDER BY n.nomination_date IS NULL, n.nomination_date DESC, n.id DESC
"""


def list_nominations(db: Database, *, status: str = "", search: str = "",
                     awaiting_clearance: bool = False) -> list[NominationRow]:
    """Every nomination (or those with one status, or still awaiting a clearance step, or matching a name or
    country), newest first."""
    where: list[str] = []
    params: list[object] = []
    if awaiting_clearance:
        from imet_desktop.store.clearances import awaiting_clearance as condition

        sql, values = condition(db)
        where.append(sql)
        params.extend(values)
    if status:
        where.append("n.status = ?")
        params.append(status)
    text = search.strip()
    if text:
        conditions = ["c.name LIKE ?", "n.nominated_by LIKE ?"]
        params.extend([f"%{text}%", f"%{text}%"])
        query = fts_query(search_fold(text))
        if query:
            conditions.insert(0, "n.student_id IN (SELECT rowid FROM students_fts WHERE students_fts MATCH ?)")
            params.insert(len(params) - 2, query)
        where.append("(" + " OR ".join(conditions) + ")")
    clause = "WHERE " + " AND ".join(where) if where else ""
    return [NominationRow(r[0], r[1], legal_name(r[2], r[3]), *r[4:])
            for r in db.execute(_NOMINATIONS_SQL.format(where=clause), params)]


def get_nomination(db: Database, nomination_id: int) -> Nomination:
    """One nomination."""
    return fetch_record(db, Nomination, "nominations", nomination_id, f"there is no nomination with id {nomination_id}")


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
    if open_nomination(db, nomination.student_id) is not None:
        raise ValidationError([Problem("Nominee", nomination.student_id,
                                       "already has a nomination in progress; edit that one")])
    if db.execute("SELECT 1 FROM inductions WHERE student_id = ?", [nomination.student_id]).fetchone() is not None:
        raise ValidationError([Problem("Nominee", nomination.student_id, "is already on the honor roll")])
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
    """Move a nomination to a new status as of a date, keeping the history.

    Only the moves of the process are allowed (see domain.eligibility): verification needs the
    graduate to qualify on the school's records, approval needs every clearance step done, and
    Inducted comes only from a ceremony marked as held.
    """
    if status not in _STATUSES:
        raise ValidationError([Problem("Status", status,
                                       "must be one of " + ", ".join(s.value for s in NominationStatus))])
    nomination = get_nomination(db, nomination_id)
    uncleared = [c.step for c in list_clearances(db, nomination_id) if c.configured and c.cleared_date is None]
    assessment = assess_graduate(db, nomination.student_id) if status == NominationStatus.VERIFIED.value else None
    problem = status_change_problem(nomination.status, status, uncleared=uncleared, assessment=assessment)
    if problem:
        raise ValidationError([Problem("Status", status, problem)])
    with write(db):
        _set_nomination_status(db, nomination_id, status, effective, note, ceremony_id)
        if status == NominationStatus.DECLINED.value and nomination.ceremony_id is not None:
            # A declined nominee leaves the ceremony still being planned.
            db.execute("DELETE FROM ceremony_inductees WHERE nomination_id = ? AND ceremony_id IN "
                       "(SELECT id FROM ceremonies WHERE status = 'Planned')", [nomination_id])
            db.execute("UPDATE nominations SET ceremony_id = NULL WHERE id = ?", [nomination_id])


def update_nomination(db: Database, nomination: Nomination) -> None:
    """Save changes to who nominated, when, the position and the evidence (not the status)."""
    if nomination.id is None:
        raise ValueError("update_nomination needs a nomination with an id")
    problems = []
    if not nomination.nominated_by.strip():
        problems.append(Problem("Nominated by", nomination.nominated_by, "is required"))
    if nomination.position_id is not None and db.execute(
            "SELECT 1 FROM positions WHERE id = ? AND student_id = ?",
            [nomination.position_id, nomination.student_id]).fetchone() is None:
        problems.append(Problem("Position", nomination.position_id, "is not one of the nominee's positions"))
    if problems:
        raise ValidationError(list(problems))
    update_record(db, "nominations", nomination.id, to_row(get_nomination(db, nomination.id)), to_row(nomination),
                  fields=("nominated_by", "nominated_by_kind", "nomination_date", "position_id", "evidence"),
                  version=nomination.version, what="the nomination")


def nomination_history(db: Database, nomination_id: int) -> list[StatusChange]:
    """A nomination's statuses, oldest first."""
    return [StatusChange(str(r[0]), dt.date.fromisoformat(r[1]), str(r[2]), str(r[3]), str(r[4])) for r in db.execute(
        "SELECT status, effective_date, note, recorded_at, recorded_by FROM nomination_status_history "
        "WHERE nomination_id = ? ORDER BY effective_date, id", [nomination_id])]


def open_nomination(db: Database, student_id: int) -> Nomination | None:
    """The graduate's nomination still in progress (Nominated, Verified or Approved), if any."""
    rows = list(db.query("SELECT * FROM nominations WHERE student_id = ? AND status IN ('Nominated', 'Verified', "
                         "'Approved') ORDER BY nomination_date DESC, id DESC LIMIT 1", [student_id]))
    return from_row(Nomination, rows[0]) if rows else None


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


# --- the schools a graduate attended -----------------------------------------------------------------------

_ENROLLED_SCHOOLS_SQL = """
SELECT co.code, CAST(substr(coalesce(cl.end_date, cl.start_date, ''), 1, 4) AS INTEGER), co.in_residence,
       e.status = 'Completed', cl.designator
FROM enrollments e
JOIN classes cl ON cl.id = e.class_id
JOIN courses co ON co.id = cl.course_id
WHERE e.student_id = ? AND e.status IN ('Completed', 'Enrolled')
ORDER BY cl.start_date, cl.id
"""


def list_schools(db: Database, student_id: int) -> list[SchoolAttended]:
    """The courses a graduate attended: the school's class records, then those recorded by hand."""
    found = [SchoolAttended(str(code), int(year) or None, bool(residence), bool(completed), f"class {designator}")
             for code, year, residence, completed, designator in db.execute(_ENROLLED_SCHOOLS_SQL, [student_id])]
    found += [SchoolAttended(str(r[1]), r[2], bool(r[3]), bool(r[4]), str(r[5]), int(r[0])) for r in db.execute(
        "SELECT id, course_code, class_year, in_residence, completed, source FROM graduate_schools "
        "WHERE student_id = ? ORDER BY class_year IS NULL, class_year, id", [student_id])]
    return found


def _school_problems(school: SchoolAttended) -> list[Problem]:
    problems = []
    if not school.course_code.strip():
        problems.append(Problem("Course", school.course_code, "is required (SOS, ACSC, AWC, SAASS...)"))
    if school.year is not None and not 1900 <= school.year <= 2200:
        problems.append(Problem("Year", school.year, "is not a plausible class year"))
    return problems


def add_school(db: Database, student_id: int, school: SchoolAttended) -> int:
    """Record a course a graduate attended that no enrollment shows (an earlier graduate); returns its id."""
    problems = _school_problems(school)
    if problems:
        raise ValidationError(list(problems))
    _require_student(db, student_id)
    with write(db):
        school_id = int(db.table("graduate_schools").insert({
            "student_id": student_id, "course_code": school.course_code.strip(), "class_year": school.year,
            "in_residence": int(school.in_residence), "completed": int(school.completed),
            "source": school.source}).last_rowid or 0)
        audit(db, "graduate_schools", school_id, "insert", {"student_id": student_id, "school": school.label})
    return school_id


def update_school(db: Database, school: SchoolAttended) -> None:
    """Save changes to a recorded school (those from enrollments are changed in the Courses tab)."""
    if school.id is None:
        raise ValidationError([Problem("Course", school.label, "comes from the school's class records")])
    problems = _school_problems(school)
    if problems:
        raise ValidationError(list(problems))
    if db.execute("SELECT 1 FROM graduate_schools WHERE id = ?", [school.id]).fetchone() is None:
        raise RecordNotFoundError(f"there is no recorded school with id {school.id}")
    with write(db):
        db.execute("UPDATE graduate_schools SET course_code = ?, class_year = ?, in_residence = ?, completed = ?, "
                   "source = ? WHERE id = ?", [school.course_code.strip(), school.year, int(school.in_residence),
                                               int(school.completed), school.source, school.id])
        audit(db, "graduate_schools", school.id, "update", {"school": school.label,
                                                            "in_residence": school.in_residence})


def delete_school(db: Database, school_id: int) -> None:
    """Remove a recorded school."""
    with write(db):
        db.execute("DELETE FROM graduate_schools WHERE id = ?", [school_id])
        audit(db, "graduate_schools", school_id, "delete", {})


def add_graduate(db: Database, student: Student, schools: Sequence[SchoolAttended] = (),
                 position: Position | None = None) -> int:
    """Open the record of a graduate from before the database, with their schools and a position; returns the id."""
    if student.status == StudentStatus.PROJECTED.value:
        student = dataclasses.replace(student, status=StudentStatus.GRADUATED.value)
    problems = [p for s in schools for p in _school_problems(s)]
    if position is not None:
        problems += _position_problems(position)
    if problems:
        raise ValidationError(list(problems))
    with write(db):
        student_id = add_student(db, student)
        for school in schools:
            add_school(db, student_id, school)
        if position is not None:
            add_position(db, dataclasses.replace(position, student_id=student_id))
    return student_id


# --- eligibility -------------------------------------------------------------------------------------------

def assess_graduate(db: Database, student_id: int, settings: OfficeSettings | None = None) -> Assessment:
    """Whether a graduate qualifies for the Honor Roll on the recorded schools and positions, and why."""
    settings = settings or load_settings(db)
    return assess(list_schools(db, student_id), list_positions(db, student_id),
                  courses=settings.qualifying_course_codes, categories=settings.qualifying_position_categories)


@dataclass(frozen=True, slots=True)
class EligibleRow:
    """A graduate who qualifies and has no nomination in progress, with the reason in words."""

    student_id: int
    legal_name: str
    native_name: str
    country_code: str
    country_name: str
    rank: str
    position_id: int | None
    position_title: str
    category: str
    appointment_date: str
    schools: str
    reason: str
    eligible: bool = True
    declined_before: str = ""  # the date an earlier nomination was declined, if one was


_CANDIDATES_SQL = """
SELECT DISTINCT s.id, s.legal_family_name, s.legal_given_names, s.native_name, coalesce(s.country_code, ''),
       coalesce(c.name, ''),
       s.country_rank
FROM positions p
JOIN students s ON s.id = p.student_id
LEFT JOIN countries c ON c.code = s.country_code
WHERE p.category <> '' AND lower(p.category) IN ({marks})
  AND s.archived_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM inductions i WHERE i.student_id = s.id)
  AND NOT EXISTS (SELECT 1 FROM nominations n WHERE n.student_id = s.id AND n.status <> 'Declined')
ORDER BY coalesce(c.name, ''), s.legal_family_name COLLATE NOCASE, s.legal_given_names COLLATE NOCASE
"""


def list_eligible(db: Database, settings: OfficeSettings | None = None, *,
                  include_not_eligible: bool = False) -> list[EligibleRow]:
    """Graduates in a qualifying position, not on the Honor Roll and not nominated, who qualify.

    With include_not_eligible, also those in a qualifying position whose schools do not qualify
    (often an earlier graduate whose course is not recorded yet), with the reason.
    """
    settings = settings or load_settings(db)
    categories = [c.casefold() for c in settings.qualifying_position_categories]
    if not categories:
        return []
    rows = []
    sql = _CANDIDATES_SQL.format(marks=",".join("?" * len(categories)))
    for student_id, family, given, native, code, country, rank in db.execute(sql, categories).fetchall():
        verdict = assess_graduate(db, student_id, settings)
        if not verdict.eligible and not include_not_eligible:
            continue
        position = verdict.position
        declined = db.execute("SELECT max(h.effective_date) FROM nominations n JOIN nomination_status_history h "
                              "ON h.nomination_id = n.id AND h.status = 'Declined' WHERE n.student_id = ?",
                              [student_id]).fetchone()[0]
        schools = schools_text(verdict.schools) or schools_text(list_schools(db, student_id))
        rows.append(EligibleRow(
            int(student_id), legal_name(family, given), str(native), str(code), str(country), str(rank),
            None if position is None else position.id, "" if position is None else position.title,
            "" if position is None else position.category,
            "" if position is None or position.appointment_date is None else position.appointment_date.isoformat(),
            schools, verdict.reason, verdict.eligible, str(declined or "")))
    return rows
