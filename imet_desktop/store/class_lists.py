"""Reading placements: a class's roster, the students who may be placed, a student's enrollments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from imet_desktop.domain.names import legal_name, search_fold
from imet_desktop.domain.records import EnrollmentStatus, StudentStatus
from imet_desktop.store.courses import get_class
from imet_desktop.store.errors import RecordNotFoundError
from imet_desktop.store.search import fts_query

# Students who may still be placed, the assignment view's default filter.
NOT_YET_GRADUATED = (StudentStatus.PROJECTED.value, StudentStatus.ARRIVED.value, StudentStatus.IN_TRAINING.value)
CANDIDATE_LIMIT = 2_000


@dataclass(frozen=True, slots=True)
class RosterEntry:
    """One student on a class's roster (enrolled, completed, withdrawn, eliminated or waitlisted)."""

    enrollment_id: int
    student_id: int
    legal_name: str
    country_code: str
    country_name: str
    rank: str
    ecl_score: int | None
    student_status: str
    status: str
    waitlist_position: int | None
    seat_offered_at: str
    seminar_id: int | None
    seminar: str
    enrolled_date: str
    outcome_date: str
    distinction: str
    note: str
    override_reason: str
    override_by: str
    override_at: str

    @property
    def seat_offered(self) -> bool:
        """True for a waitlisted student who has been offered a seat and not yet answered."""
        return self.status == EnrollmentStatus.WAITLISTED and bool(self.seat_offered_at)

    @property
    def holds_seat(self) -> bool:
        """True when the student counts against the class's capacity."""
        return self.status in (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED) or self.seat_offered


@dataclass(frozen=True, slots=True)
class Candidate:
    """A student the assignment view offers for placement."""

    id: int
    legal_name: str
    country_code: str
    country_name: str
    rank: str
    status: str
    arrival_date: str
    ecl_score: int | None
    current_class: str


@dataclass(frozen=True, slots=True)
class CandidateFilter:
    """The assignment view's filters (None or '' means any)."""

    arrival_from: dt.date | None = None
    arrival_to: dt.date | None = None
    statuses: tuple[str, ...] = NOT_YET_GRADUATED
    country_code: str = ""
    ecl_min: int | None = None
    ecl_max: int | None = None
    search: str = ""
    without_current_class: bool = False
    limit: int = CANDIDATE_LIMIT


@dataclass(frozen=True, slots=True)
class StudentEnrollment:
    """One of a student's enrollments with its class and course, for reports."""

    enrollment_id: int
    class_id: int
    designator: str
    course_code: str
    course_title: str
    start_date: dt.date | None
    end_date: dt.date | None
    status: str
    outcome_date: dt.date | None
    distinction: str
    note: str
    seminar: str
    override_reason: str


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


_ROSTER_SQL = """
SELECT e.id, e.student_id, s.legal_family_name, s.legal_given_names, coalesce(s.country_code, ''),
       coalesce(c.name, ''), s.country_rank, s.ecl_score, s.status, e.status, e.waitlist_position,
       coalesce(e.seat_offered_at, ''), e.seminar_id, coalesce(sem.name, ''), coalesce(e.enrolled_date, ''),
       coalesce(e.outcome_date, ''), e.distinction, e.note, e.override_reason, e.override_by,
       coalesce(e.override_at, '')
FROM enrollments e
JOIN students s ON s.id = e.student_id
LEFT JOIN countries c ON c.code = s.country_code
LEFT JOIN class_seminars sem ON sem.id = e.seminar_id
WHERE e.class_id = ?
ORDER BY e.status = 'Waitlisted', e.waitlist_position, s.legal_family_name COLLATE NOCASE,
         s.legal_given_names COLLATE NOCASE, e.id
"""


def class_roster(db: Database, class_id: int) -> list[RosterEntry]:
    """Everyone placed in a class: seated students by name, then the waitlist in order."""
    get_class(db, class_id)
    entries = []
    for r in db.execute(_ROSTER_SQL, [class_id]):
        values = list(r)
        entries.append(RosterEntry(values[0], values[1], legal_name(values[2], values[3]), *values[4:]))
    return entries


def roster_entry(db: Database, enrollment_id: int) -> RosterEntry:
    """One enrollment as a roster line."""
    row = db.execute("SELECT class_id FROM enrollments WHERE id = ?", [enrollment_id]).fetchone()
    if row is None:
        raise RecordNotFoundError(f"there is no enrollment with id {enrollment_id}")
    for entry in class_roster(db, int(row[0])):
        if entry.enrollment_id == enrollment_id:
            return entry
    raise RecordNotFoundError(f"there is no enrollment with id {enrollment_id}")


def candidates(db: Database, class_id: int | None, filters: CandidateFilter = CandidateFilter()) -> list[Candidate]:
    """Students who may be placed in the class: not archived, not already holding a place in its course,
    and matching the filters; at most filters.limit, by name."""
    where = ["s.archived_at IS NULL"]
    params: list[object] = []
    if class_id is not None:
        course_id = get_class(db, class_id).course_id
        where.append("NOT EXISTS (SELECT 1 FROM enrollments e JOIN classes cl ON cl.id = e.class_id "
                     "WHERE e.student_id = s.id AND cl.course_id = ? AND e.status IN ('Enrolled', 'Waitlisted', "
                     "'Completed'))")
        params.append(course_id)
    if filters.statuses:
        where.append(f"s.status IN ({','.join('?' * len(filters.statuses))})")
        params.extend(filters.statuses)
    if filters.arrival_from is not None:
        where.append("s.arrival_date >= ?")
        params.append(filters.arrival_from.isoformat())
    if filters.arrival_to is not None:
        where.append("s.arrival_date <= ?")
        params.append(filters.arrival_to.isoformat())
    if filters.country_code:
        where.append("s.country_code = ?")
        params.append(filters.country_code)
    if filters.ecl_min is not None:
        where.append("s.ecl_score >= ?")
        params.append(filters.ecl_min)
    if filters.ecl_max is not None:
        where.append("s.ecl_score <= ?")
        params.append(filters.ecl_max)
    if filters.without_current_class:
        where.append("NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.student_id = s.id "
                     "AND e.status IN ('Enrolled', 'Waitlisted'))")
    query = fts_query(search_fold(filters.search.strip())) if filters.search.strip() else ""
    if query:
        where.append("s.id IN (SELECT rowid FROM students_fts WHERE students_fts MATCH ?)")
        params.append(query)
    sql = f"""
        SELECT s.id, s.legal_family_name, s.legal_given_names, coalesce(s.country_code, ''), coalesce(c.name, ''),
               s.country_rank, s.status, coalesce(s.arrival_date, ''), s.ecl_score,
               coalesce((SELECT cl.designator FROM enrollments e JOIN classes cl ON cl.id = e.class_id
                         WHERE e.student_id = s.id AND e.status IN ('Enrolled', 'Waitlisted')
                         ORDER BY cl.start_date DESC LIMIT 1), '')
        FROM students s LEFT JOIN countries c ON c.code = s.country_code
        WHERE {' AND '.join(where)}
        ORDER BY s.legal_family_name COLLATE NOCASE, s.legal_given_names COLLATE NOCASE, s.id
        LIMIT ?"""
    params.append(filters.limit)
    return [Candidate(int(r[0]), legal_name(r[1], r[2]), *r[3:]) for r in db.execute(sql, params)]


def candidate_countries(db: Database) -> list[tuple[str, str]]:
    """(code, name) of the countries of students not yet graduated, by name, for the country filter."""
    return [(str(r[0]), str(r[1])) for r in db.execute(
        f"SELECT DISTINCT s.country_code, c.name FROM students s JOIN countries c ON c.code = s.country_code "
        f"WHERE s.archived_at IS NULL AND s.status IN ({','.join('?' * len(NOT_YET_GRADUATED))}) ORDER BY c.name",
        list(NOT_YET_GRADUATED))]


def student_enrollments(db: Database, student_id: int) -> list[StudentEnrollment]:
    """A student's enrollments, oldest class first."""
    return [StudentEnrollment(int(r[0]), int(r[1]), str(r[2]), str(r[3]), str(r[4]), _date(r[5]), _date(r[6]),
                              str(r[7]), _date(r[8]), str(r[9]), str(r[10]), str(r[11]), str(r[12]))
            for r in db.execute(
                "SELECT e.id, e.class_id, cl.designator, co.code, co.title, cl.start_date, cl.end_date, e.status, "
                "e.outcome_date, e.distinction, e.note, coalesce(sem.name, ''), e.override_reason "
                "FROM enrollments e JOIN classes cl ON cl.id = e.class_id JOIN courses co ON co.id = cl.course_id "
                "LEFT JOIN class_seminars sem ON sem.id = e.seminar_id WHERE e.student_id = ? "
                "ORDER BY cl.start_date, cl.id", [student_id])]


def enrollment_ids_of(db: Database, class_id: int, student_ids: Sequence[int]) -> dict[int, int]:
    """student id -> enrollment id in the class, for the students given that are in it."""
    if not student_ids:
        return {}
    marks = ",".join("?" * len(student_ids))
    return {int(r[0]): int(r[1]) for r in db.execute(
        f"SELECT student_id, id FROM enrollments WHERE class_id = ? AND student_id IN ({marks})",
        [class_id, *student_ids])}
