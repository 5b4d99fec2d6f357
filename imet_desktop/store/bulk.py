"""Writing many records at once (the demo generator): rows as given, in the caller's one transaction.

The per-record functions of the other store modules validate, and audit each change; these write
rows that are already whole (the demo invents them valid), with no audit entry per row: the caller
records one entry for the whole batch. What the store keeps true is kept here too: students are
written with the search text and name key of domain.names, and the full-text name index and the
students' indexes are built once after the load, exactly as the migrations define them.

Each row type is a NamedTuple whose fields are the columns of its table; nothing else can be
written through this module.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from typing import Any, NamedTuple

from sqlite_utils import Database

from imet_desktop.store.db import insert_sql, page_cache
from imet_desktop.store.errors import StoreError


class CourseRow(NamedTuple):
    """A course of the catalogue."""

    code: str
    title: str
    masl_id: str
    min_ecl: int
    length_weeks: int
    in_residence: int
    description: str


class PrerequisiteRow(NamedTuple):
    """A course and one of its prerequisites."""

    course_id: int
    prerequisite_id: int


class ClassRow(NamedTuple):
    """A class: one offering of a course."""

    course_id: int
    designator: str
    start_date: str
    end_date: str
    capacity: int
    location: str


class SeminarRow(NamedTuple):
    """A seminar group of a class."""

    class_id: int
    name: str


class EnrollmentRow(NamedTuple):
    """A student's place in a class (or on its waitlist) and how it ended."""

    student_id: int
    class_id: int
    seminar_id: int | None
    status: str
    waitlist_position: int | None
    enrolled_date: str
    outcome_date: str | None
    distinction: str


class StatusHistoryRow(NamedTuple):
    """One entry of a student's status history."""

    student_id: int
    status: str
    effective_date: str
    note: str
    recorded_at: str
    recorded_by: str


class FspEventRow(NamedTuple):
    """A Field Studies Program event (topics: a JSON list)."""

    event_date: str
    title: str
    place: str
    topics: str


class AttendanceRow(NamedTuple):
    """Whether a student attended an FSP event."""

    event_id: int
    student_id: int
    attended: int
    note: str


class PositionRow(NamedTuple):
    """A position a graduate held."""

    student_id: int
    title: str
    organisation: str
    category: str
    appointment_date: str | None
    end_date: str | None
    source: str


class InductionRow(NamedTuple):
    """A graduate's place on the Honor Roll."""

    student_id: int
    ceremony_id: int | None
    induction_date: str
    position_id: int | None
    position_title: str
    schools_attended: str
    citation: str


class CeremonyRow(NamedTuple):
    """An induction ceremony."""

    title: str
    ceremony_date: str | None
    ceremony_time: str
    venue: str
    presiding_official: str
    host: str
    status: str
    notes: str


class InducteeRow(NamedTuple):
    """A graduate on a ceremony."""

    ceremony_id: int
    student_id: int
    nomination_id: int | None
    position_title: str
    attending: int
    representative_name: str
    representative_title: str
    citation: str
    sort_order: int


class EventRow(NamedTuple):
    """A line of a ceremony's order of events."""

    ceremony_id: int
    sort_order: int
    title: str
    who: str
    inductee_id: int | None


class TaskRow(NamedTuple):
    """A line of a ceremony's checklist."""

    ceremony_id: int
    title: str
    due_offset_days: int
    done_date: str | None
    sort_order: int


class NominationRow(NamedTuple):
    """A nomination for the Honor Roll."""

    student_id: int
    position_id: int | None
    nominated_by: str
    nominated_by_kind: str
    nomination_date: str
    evidence: str
    status: str
    ceremony_id: int | None


class NominationHistoryRow(NamedTuple):
    """One entry of a nomination's status history."""

    nomination_id: int
    status: str
    effective_date: str
    note: str
    recorded_at: str
    recorded_by: str


class ClearanceRow(NamedTuple):
    """A clearance step of a nomination, done."""

    nomination_id: int
    step: str
    sort_order: int
    cleared_date: str
    cleared_by: str


class TableRow(NamedTuple):
    """A seating table of a ceremony."""

    ceremony_id: int
    name: str
    capacity: int
    sort_order: int


class GuestRow(NamedTuple):
    """A ceremony's guest, the answer and the seat."""

    ceremony_id: int
    name: str
    title: str
    organisation: str
    country_code: str | None
    category: str
    rsvp: str
    invited_date: str
    rsvp_date: str | None
    dietary: str
    precedence: int | None
    guest_of_inductee_id: int | None
    table_id: int | None
    seat_number: int | None


class GraduateSchoolRow(NamedTuple):
    """A school a graduate attended, as a transcript records it."""

    student_id: int
    course_code: str
    class_year: int | None
    in_residence: int
    source: str


type Row = (CourseRow | PrerequisiteRow | ClassRow | SeminarRow | EnrollmentRow | StatusHistoryRow | FspEventRow
            | AttendanceRow | PositionRow | InductionRow | CeremonyRow | InducteeRow | EventRow | TaskRow
            | NominationRow | NominationHistoryRow | ClearanceRow | TableRow | GuestRow | GraduateSchoolRow)

_TABLES: dict[type, str] = {
    CourseRow: "courses", PrerequisiteRow: "course_prerequisites", ClassRow: "classes", SeminarRow: "class_seminars",
    EnrollmentRow: "enrollments", StatusHistoryRow: "student_status_history", FspEventRow: "fsp_events",
    AttendanceRow: "fsp_attendance", PositionRow: "positions", InductionRow: "inductions", CeremonyRow: "ceremonies",
    InducteeRow: "ceremony_inductees", EventRow: "ceremony_events", TaskRow: "ceremony_tasks",
    NominationRow: "nominations", NominationHistoryRow: "nomination_status_history",
    ClearanceRow: "nomination_clearances", TableRow: "ceremony_tables", GuestRow: "ceremony_guests",
    GraduateSchoolRow: "graduate_schools",
}


def _insert_sql(kind: type) -> str:
    columns: Sequence[str] = kind._fields  # type: ignore[attr-defined]
    return insert_sql(_TABLES[kind], columns)


def add(db: Database, row: Row) -> int:
    """Write one row; its new id."""
    return int(db.conn.execute(_insert_sql(type(row)), row).lastrowid or 0)


def add_all(db: Database, rows: Iterable[Row]) -> int:
    """Write rows (of one kind, or several kinds one after another); how many."""
    count = 0
    batch: list[Row] = []
    for row in rows:
        if batch and type(row) is not type(batch[0]):
            count += _flush(db, batch)
            batch = []
        batch.append(row)
    return count + _flush(db, batch)


def _flush(db: Database, batch: list[Row]) -> int:
    if batch:
        db.conn.executemany(_insert_sql(type(batch[0])), batch)
    return len(batch)


def keep_signatories(db: Database, blocks: Sequence[dict[str, str]]) -> None:
    """Set the certificates' signature blocks unless the office has saved its own."""
    db.execute("INSERT INTO settings (key, value) VALUES ('signatories', ?) ON CONFLICT(key) DO NOTHING",
               [json.dumps(list(blocks), ensure_ascii=False)])


# --- students ------------------------------------------------------------------------------------

STUDENT_COLUMNS = (
    "id", "legal_family_name", "legal_given_names", "display_name", "native_name", "pronunciation", "sex",
    "date_of_birth", "place_of_birth", "country_code", "service", "country_rank", "us_rank", "pay_grade",
    "service_number", "passport_number", "passport_expiry", "visa_type", "visa_number", "email", "phone",
    "funding_program", "fms_case_id", "ito_number", "wcn", "ecl_score", "arrival_date", "arrival_airport",
    "departure_date", "status", "sponsor", "dependents", "notes", "search_text", "name_key",
)
"""The columns of a student row for load_students, in order; search_text and name_key as domain.names makes them."""


def next_student_id(db: Database) -> int:
    """The id the next student written gets."""
    return int(db.execute("SELECT coalesce(max(id), 0) + 1 FROM students").fetchone()[0])


def load_students(db: Database, rows: Iterable[tuple[Any, ...]]) -> int:
    """Write many students (tuples in STUDENT_COLUMNS order, ids given); how many the table holds then.

    Loading into the bare table and building its indexes and the full-text name index once is
    twice as fast as keeping eight indexes and the name index up to date row by row. Both are put
    back exactly as the migrations made them (their SQL is read from sqlite_master), in the
    caller's transaction, so the database is the same as if each student had been added alone.
    """
    triggers = [(name, text) for name, text in db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'students'")
        if "AFTER INSERT" in text.upper() and "STUDENTS_FTS" in text.upper()]
    indexes = list(db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'students' AND sql IS NOT NULL"))
    for trigger_name, _sql in triggers:
        db.execute(f'DROP TRIGGER "{trigger_name}"')
    for index_name, _sql in indexes:
        db.execute(f'DROP INDEX "{index_name}"')
    db.conn.executemany(f"INSERT INTO students ({', '.join(STUDENT_COLUMNS)}) "
                        f"VALUES ({', '.join('?' * len(STUDENT_COLUMNS))})", rows)
    for _name, index_sql in indexes:
        db.execute(index_sql)
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'students_fts'").fetchone():
        db.execute("INSERT INTO students_fts (students_fts) VALUES ('rebuild')")
    for _name, trigger_sql in triggers:
        db.execute(trigger_sql)
    return int(db.execute("SELECT count(*) FROM students").fetchone()[0])


# --- before and after a large load ---------------------------------------------------------------

def refuse_unless_empty(db: Database) -> None:
    """StoreError unless the database holds no students, courses or ceremonies (a demo goes only into an empty one)."""
    for table, what in (("students", "students"), ("courses", "courses"), ("ceremonies", "ceremonies")):
        count = int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        if count:
            raise StoreError(f"the database already holds {count:,} {what}; the demo goes only into an empty one")


def countries_of_students(db: Database) -> int:
    """How many countries the students come from."""
    return int(db.execute("SELECT count(DISTINCT country_code) FROM students").fetchone()[0])


@contextmanager
def large_cache(db: Database, large: bool) -> Iterator[None]:
    """With large, SQLite may use up to 400 MB of cache for the block (building indexes over many rows)."""
    with page_cache(db, 400_000) if large else nullcontext():
        yield


def tidy(db: Database) -> None:
    """After a large load: let SQLite update its statistics and fold the write-ahead log into the file."""
    db.execute("PRAGMA optimize")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


