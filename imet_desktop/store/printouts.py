"""What the printed documents read, as the store's own plain records (ops.printing words and lays them out).

One query per subject: a ceremony, its inductees, its order of events, guests, the Honor Roll's
lines, a class and its students, honorees reprinted from the Honor Roll. Values are as stored
(names as entered, dates parsed); nothing here knows how a document prints them. A missing
ceremony or class raises RecordNotFoundError.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from imet_desktop.domain.eligibility import SchoolAttended
from imet_desktop.domain.records import EnrollmentStatus
from imet_desktop.store.errors import RecordNotFoundError


def _date(value: object) -> dt.date | None:
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


# --- ceremonies --------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class CeremonyFacts:
    """A ceremony as its documents need it."""

    id: int
    title: str
    date: dt.date | None
    time: str
    venue: str
    presiding_official: str
    host: str
    status: str


def ceremony_facts(db: Database, ceremony_id: int) -> CeremonyFacts:
    """One ceremony's details."""
    row = db.execute("SELECT id, title, ceremony_date, ceremony_time, venue, presiding_official, host, status "
                     "FROM ceremonies WHERE id = ?", [ceremony_id]).fetchone()
    if row is None:
        raise RecordNotFoundError(f"there is no ceremony with id {ceremony_id}")
    return CeremonyFacts(int(row[0]), _text(row[1]), _date(row[2]), _text(row[3]), _text(row[4]), _text(row[5]),
                         _text(row[6]), _text(row[7]))


@dataclass(frozen=True, slots=True)
class InducteeFacts:
    """An inductee of a ceremony, with the student's names, ranks and country as stored."""

    id: int
    student_id: int
    family_name: str
    given_names: str
    country_code: str
    native_name: str
    pronunciation: str
    country_rank: str
    us_rank: str
    country_name: str
    country_official_name: str
    position_title: str
    citation: str
    attending: bool
    representative_name: str
    representative_title: str
    induction_schools: str  # the Honor Roll's record, once inducted ('' before)
    induction_citation: str


_INDUCTEES_SQL = """
SELECT i.id, i.student_id, s.legal_family_name, s.legal_given_names, coalesce(s.country_code, ''),
       s.native_name, s.pronunciation, s.country_rank, s.us_rank, coalesce(c.name, ''),
       coalesce(c.official_name, ''), i.position_title, i.citation, i.attending, i.representative_name,
       i.representative_title, coalesce(ind.schools_attended, ''), coalesce(ind.citation, '')
FROM ceremony_inductees i
JOIN students s ON s.id = i.student_id
LEFT JOIN countries c ON c.code = s.country_code
LEFT JOIN inductions ind ON ind.student_id = i.student_id
WHERE i.ceremony_id = ?
ORDER BY i.sort_order, i.id
"""


def ceremony_inductees(db: Database, ceremony_id: int) -> list[InducteeFacts]:
    """A ceremony's inductees in program order."""
    return [InducteeFacts(int(r[0]), int(r[1]), str(r[2]), str(r[3]), str(r[4]), _text(r[5]), _text(r[6]),
                          str(r[7]), str(r[8]), _text(r[9]), _text(r[10]), _text(r[11]), _text(r[12]), bool(r[13]),
                          _text(r[14]), _text(r[15]), str(r[16]), _text(r[17]))
            for r in db.execute(_INDUCTEES_SQL, [ceremony_id])]


@dataclass(frozen=True, slots=True)
class EventLine:
    """One line of a ceremony's order of events as stored."""

    time: str
    title: str
    who: str
    notes: str
    inductee_id: int | None


def event_lines(db: Database, ceremony_id: int) -> list[EventLine]:
    """A ceremony's order of events, in order."""
    return [EventLine(_text(time), _text(title), _text(who), _text(notes), None if inductee is None else int(inductee))
            for time, title, who, notes, inductee in db.execute(
                "SELECT start_time, title, who, notes, inductee_id FROM ceremony_events WHERE ceremony_id = ? "
                "ORDER BY sort_order, id", [ceremony_id])]


def reception_note(db: Database, ceremony_id: int) -> str | None:
    """The notes of the ceremony's last reception line ('' when it has none), or None without a reception."""
    row = db.execute("SELECT notes FROM ceremony_events WHERE ceremony_id = ? AND title LIKE 'Reception%' "
                     "ORDER BY sort_order DESC LIMIT 1", [ceremony_id]).fetchone()
    return None if row is None else _text(row[0])


@dataclass(frozen=True, slots=True)
class PositionHeld:
    """A position a graduate held, newest first."""

    title: str
    organisation: str
    start: dt.date | None
    end: dt.date | None


def positions_held(db: Database, student_id: int) -> list[PositionHeld]:
    """A graduate's positions, the latest appointment first (undated last)."""
    return [PositionHeld(_text(title), _text(organisation), _date(start), _date(end))
            for title, organisation, start, end in db.execute(
                "SELECT title, organisation, appointment_date, end_date FROM positions WHERE student_id = ? "
                "ORDER BY appointment_date IS NULL, appointment_date DESC, id DESC", [student_id])]


def photos_of(db: Database, student_ids: Iterable[int]) -> dict[int, bytes]:
    """student id -> the stored photo (JPEG or PNG bytes), for those who have one."""
    ids = list(student_ids)
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return {int(sid): bytes(image) for sid, image in db.execute(
        f"SELECT student_id, image FROM student_photos WHERE student_id IN ({marks})", ids)}


@dataclass(frozen=True, slots=True)
class HonorRollLine:
    """One honoree as the program's Honor Roll lists them."""

    student_id: int
    induction_date: dt.date | None
    family_name: str
    given_names: str
    country_code: str
    country_rank: str
    us_rank: str
    country_name: str
    position_title: str


def honor_roll_lines(db: Database) -> list[HonorRollLine]:
    """Every honoree, as stored (the document orders them)."""
    return [HonorRollLine(int(sid), _date(day), str(family), str(given), str(code), str(rank), str(us_rank),
                          _text(country), _text(position))
            for sid, day, family, given, code, rank, us_rank, country, position in db.execute(
                "SELECT i.student_id, i.induction_date, s.legal_family_name, s.legal_given_names, "
                "coalesce(s.country_code, ''), s.country_rank, s.us_rank, coalesce(c.name, ''), i.position_title "
                "FROM inductions i JOIN students s ON s.id = i.student_id "
                "LEFT JOIN countries c ON c.code = s.country_code")]


@dataclass(frozen=True, slots=True)
class HonoreeFacts:
    """An honoree as their reprinted certificate needs them: the ceremony's date and place, else the induction's."""

    student_id: int
    family_name: str
    given_names: str
    country_code: str
    native_name: str
    country_rank: str
    us_rank: str
    country_name: str
    country_official_name: str
    position_title: str
    schools_attended: str
    date: dt.date | None
    venue: str


def honoree_facts(db: Database, student_ids: Sequence[int]) -> dict[int, HonoreeFacts]:
    """student id -> the honoree, for those of the given students who are on the Honor Roll."""
    if not student_ids:
        return {}
    marks = ",".join("?" * len(student_ids))
    return {int(r[0]): HonoreeFacts(int(r[0]), str(r[1]), str(r[2]), str(r[3]), _text(r[4]), str(r[5]), str(r[6]),
                                    str(r[7]), str(r[8]), _text(r[9]), _text(r[10]), _date(r[11]), _text(r[12]))
            for r in db.execute(
                f"SELECT i.student_id, s.legal_family_name, s.legal_given_names, coalesce(s.country_code, ''), "
                f"s.native_name, s.country_rank, s.us_rank, coalesce(c.name, ''), coalesce(c.official_name, ''), "
                f"i.position_title, i.schools_attended, coalesce(ce.ceremony_date, i.induction_date), "
                f"coalesce(ce.venue, '') "
                f"FROM inductions i JOIN students s ON s.id = i.student_id "
                f"LEFT JOIN countries c ON c.code = s.country_code LEFT JOIN ceremonies ce ON ce.id = i.ceremony_id "
                f"WHERE i.student_id IN ({marks})", list(student_ids))}


_SCHOOLS_CHUNK = 500  # student ids per query (well under SQLite's limit on parameters)


def schools_attended(db: Database, student_ids: Sequence[int]) -> dict[int, list[SchoolAttended]]:
    """student id -> the courses attended, as store.honor_roll.list_schools lists them (the school's class records
    in class order, then those recorded by hand), for many students in two queries per 500 instead of two each."""
    found: dict[int, list[SchoolAttended]] = {}
    ids = list(dict.fromkeys(student_ids))
    for start in range(0, len(ids), _SCHOOLS_CHUNK):
        chunk = ids[start:start + _SCHOOLS_CHUNK]
        marks = ",".join("?" * len(chunk))
        enrolled = db.execute(
            "SELECT e.student_id, co.code, CAST(substr(coalesce(cl.end_date, cl.start_date, ''), 1, 4) AS INTEGER), "
            "co.in_residence, e.status = 'Completed', cl.designator FROM enrollments e "
            "JOIN classes cl ON cl.id = e.class_id JOIN courses co ON co.id = cl.course_id "
            f"WHERE e.student_id IN ({marks}) AND e.status IN ('Completed', 'Enrolled') "
            "ORDER BY e.student_id, cl.start_date, cl.id", chunk)
        for sid, code, year, residence, completed, designator in enrolled:
            found.setdefault(int(sid), []).append(
                SchoolAttended(str(code), int(year) or None, bool(residence), bool(completed), f"class {designator}"))
        recorded = db.execute(
            "SELECT student_id, id, course_code, class_year, in_residence, completed, source FROM graduate_schools "
            f"WHERE student_id IN ({marks}) ORDER BY student_id, class_year IS NULL, class_year, id", chunk)
        for r in recorded:
            found.setdefault(int(r[0]), []).append(
                SchoolAttended(str(r[2]), r[3], bool(r[4]), bool(r[5]), str(r[6]), int(r[1])))
    return found


@dataclass(frozen=True, slots=True)
class GuestFacts:
    """A guest as the invitations and place cards need them."""

    id: int
    name: str
    title: str
    organisation: str
    country_name: str
    rsvp: str
    invited_date: dt.date | None


def guest_facts(db: Database, ceremony_id: int) -> list[GuestFacts]:
    """A ceremony's guests by precedence (those without one last), then name."""
    return [GuestFacts(int(r[0]), _text(r[1]), _text(r[2]), _text(r[3]), _text(r[4]), str(r[5]), _date(r[6]))
            for r in db.execute(
                "SELECT g.id, g.name, g.title, g.organisation, coalesce(c.name, ''), g.rsvp, g.invited_date "
                "FROM ceremony_guests g LEFT JOIN countries c ON c.code = g.country_code WHERE g.ceremony_id = ? "
                "ORDER BY g.precedence IS NULL, g.precedence, g.name COLLATE NOCASE, g.id", [ceremony_id])]


def task_offset(db: Database, ceremony_id: int, title: str) -> int | None:
    """Days from the ceremony of its checklist task with this title, or None when it has none."""
    row = db.execute("SELECT due_offset_days FROM ceremony_tasks WHERE ceremony_id = ? AND title = ?",
                     [ceremony_id, title]).fetchone()
    return None if row is None else int(row[0])


def country_names(db: Database) -> dict[str, str]:
    """country code -> the country's name as documents print it."""
    return {str(code): _text(name) for code, name in db.execute("SELECT code, name FROM countries")}


def course_titles(db: Database) -> dict[str, str]:
    """COURSE CODE (upper case) -> the course's title."""
    return {str(code).upper(): str(title) for code, title in db.execute("SELECT code, title FROM courses")}


# --- classes ---------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ClassFacts:
    """A class as its roster and certificates need it."""

    id: int
    designator: str
    course_title: str
    start: dt.date | None
    end: dt.date | None


def class_facts(db: Database, class_id: int) -> ClassFacts:
    """One class with its course's title."""
    row = db.execute("SELECT cl.id, cl.designator, co.title, cl.start_date, cl.end_date FROM classes cl "
                     "JOIN courses co ON co.id = cl.course_id WHERE cl.id = ?", [class_id]).fetchone()
    if row is None:
        raise RecordNotFoundError(f"there is no class with id {class_id}")
    return ClassFacts(int(row[0]), _text(row[1]), _text(row[2]), _date(row[3]), _date(row[4]))


@dataclass(frozen=True, slots=True)
class ClassStudentFacts:
    """A student of a class with what its roster and certificates print (personal fields included)."""

    student_id: int
    family_name: str
    given_names: str
    country_code: str
    country_name: str
    country_official_name: str
    native_name: str
    country_rank: str
    us_rank: str
    service: str
    seminar: str
    ecl_score: int | None
    arrival_date: dt.date | None
    email: str
    date_of_birth: dt.date | None
    passport_number: str
    passport_expiry: dt.date | None
    distinction: str
    status: str


_CLASS_STUDENTS_SQL = """
SELECT s.id, s.legal_family_name, s.legal_given_names, coalesce(s.country_code, ''), coalesce(c.name, ''),
       coalesce(c.official_name, ''), s.native_name, s.country_rank, s.us_rank, s.service,
       coalesce(sem.name, ''), s.ecl_score, s.arrival_date, s.email, s.date_of_birth, s.passport_number,
       s.passport_expiry, e.distinction, e.status
FROM enrollments e
JOIN students s ON s.id = e.student_id
LEFT JOIN countries c ON c.code = s.country_code
LEFT JOIN class_seminars sem ON sem.id = e.seminar_id
WHERE e.class_id = ? AND e.status IN ({statuses})
ORDER BY s.legal_family_name COLLATE NOCASE, s.legal_given_names COLLATE NOCASE, s.id
"""


def class_students(db: Database, class_id: int, statuses: Sequence[EnrollmentStatus]) -> list[ClassStudentFacts]:
    """The class's students whose enrollment has one of these statuses, by legal name."""
    sql = _CLASS_STUDENTS_SQL.format(statuses=",".join("?" * len(statuses)))
    return [ClassStudentFacts(int(r[0]), str(r[1]), str(r[2]), str(r[3]), _text(r[4]), str(r[5]), _text(r[6]),
                              str(r[7]), str(r[8]), _text(r[9]), _text(r[10]), None if r[11] is None else int(r[11]),
                              _date(r[12]), _text(r[13]), _date(r[14]), _text(r[15]), _date(r[16]), _text(r[17]),
                              str(r[18]))
            for r in db.execute(sql, [class_id, *(s.value for s in statuses)])]


_COUNTRIES_OF = {
    "ceremony": "SELECT s.country_code FROM ceremony_inductees i JOIN students s ON s.id = i.student_id "
                "WHERE i.ceremony_id = :subject UNION SELECT g.country_code FROM ceremony_guests g "
                "WHERE g.ceremony_id = :subject",
    "honor roll": "SELECT s.country_code FROM inductions i JOIN students s ON s.id = i.student_id",
    "class": "SELECT s.country_code FROM enrollments e JOIN students s ON s.id = e.student_id "
             "WHERE e.class_id = :subject",
    "honorees": "SELECT country_code FROM students WHERE id IN ({ids})",
    "enrollments": "SELECT s.country_code FROM enrollments e JOIN students s ON s.id = e.student_id "
                   "WHERE e.id IN ({ids})",
}


def printed_country_codes(db: Database, what: str, subject: int | None = None,
                          ids: Sequence[int] = ()) -> set[str]:
    """The countries a document may print: of a ceremony's inductees and guests ('ceremony'), everyone on
    the Honor Roll ('honor roll'), a class's students ('class'), students ('honorees') or enrollments'
    students ('enrollments') by id."""
    sql = _COUNTRIES_OF[what].format(ids=",".join(str(int(i)) for i in ids) or "NULL")
    return {str(r[0]) for r in db.execute(sql, {"subject": subject}) if r[0]}
