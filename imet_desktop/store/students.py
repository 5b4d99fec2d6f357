"""Students: the roster's queries (ids sorted and searched in SQL, rows fetched by page) and changes."""

from __future__ import annotations

import datetime as dt
import re
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from imet_desktop.domain.names import search_fold, search_text
from imet_desktop.domain.records import StatusChange, Student
from imet_desktop.domain.validation import validate_student
from imet_desktop.store.convert import from_row, to_row
from imet_desktop.store.db import audit, current_user, now_text, write
from imet_desktop.store.errors import RecordNotFoundError, ValidationError


@dataclass(frozen=True, slots=True)
class RosterRow:
    """What the roster table shows for one student."""

    id: int
    legal_family_name: str
    legal_given_names: str
    display_name: str
    native_name: str
    country_code: str
    country_name: str
    country_rank: str
    service: str
    funding_program: str
    current_class: str
    status: str
    arrival_date: str
    ecl_score: int | None
    wcn: str
    ito_number: str
    has_photo: bool

    @property
    def legal_name(self) -> str:
        """FAMILY, Given."""
        return f"{self.legal_family_name}, {self.legal_given_names}" if self.legal_given_names \
            else self.legal_family_name


# Sort keys the roster offers, each an ORDER BY over indexed or cheap columns; id breaks ties.
SORT_COLUMNS: dict[str, str] = {
    "legal_name": "s.legal_family_name COLLATE NOCASE, s.legal_given_names COLLATE NOCASE",
    "display_name": "s.display_name COLLATE NOCASE",
    "native_name": "s.native_name",
    "country": "s.country_code",
    "country_rank": "s.country_rank COLLATE NOCASE",
    "service": "s.service COLLATE NOCASE",
    "funding_program": "s.funding_program",
    "status": "s.status",
    "arrival_date": "s.arrival_date",
    "ecl_score": "s.ecl_score",
    "wcn": "s.wcn",
    "ito_number": "s.ito_number",
    "id": "s.id",
}

_TOKEN = re.compile(r"[\w]+", re.UNICODE)


def fts_query(text: str) -> str:
    """User text as a safe FTS5 prefix query: every word quoted, each a prefix.

    "o'brien" becomes '"o"* "brien"*', which cannot be an FTS5 syntax error.
    """
    tokens = _TOKEN.findall(text)
    return " ".join('"' + t.replace('"', '""') + '"*' for t in tokens)


def _search_clause(search: str) -> tuple[str, list[object]]:
    text = search.strip()
    if not text:
        return "", []
    query = fts_query(search_fold(text))
    # One UNION of index lookups: an OR across columns would make SQLite scan every student.
    # The "<> ''" terms let it use the partial indexes on these columns.
    exact = ("SELECT id FROM students WHERE wcn = ? AND wcn <> '' "
             "UNION SELECT id FROM students WHERE ito_number = ? AND ito_number <> '' "
             "UNION SELECT id FROM students WHERE passport_number = ? AND passport_number <> ''")
    params: list[object] = [text, text, text]
    if not query:
        return f"s.id IN ({exact})", params
    return (f"s.id IN (SELECT rowid FROM students_fts WHERE students_fts MATCH ? UNION {exact})",
            [query, *params])


def student_ids(db: Database, *, search: str = "", sort: str = "legal_name", descending: bool = False,
                include_archived: bool = False) -> array[int]:
    """The ids of the students matching search, in roster order, as a compact array."""
    if sort not in SORT_COLUMNS:
        raise ValueError(f"unknown sort column {sort!r}")
    where = [] if include_archived else ["s.archived_at IS NULL"]
    clause, params = _search_clause(search)
    if clause:
        where.append(clause)
    direction = " DESC" if descending else ""
    order = ", ".join(part + direction for part in SORT_COLUMNS[sort].split(", "))
    sql = f"SELECT s.id FROM students s {'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY {order}, s.id"
    # One string of all ids is ~30% faster than 600,000 Python rows (165 ms against 235 ms).
    joined = db.execute(f"SELECT group_concat(id) FROM ({sql})", params).fetchone()[0]
    return array("q", map(int, joined.split(","))) if joined else array("q")


def count_students(db: Database, *, include_archived: bool = False) -> int:
    """How many students there are (not archived, unless asked).

    Counted as all minus the archived (a partial index): filtering archived_at IS NULL directly
    scans the whole table, ~85 ms on 600,000 students against ~2 ms this way.
    """
    total = int(db.execute("SELECT count(*) FROM students").fetchone()[0])
    if include_archived:
        return total
    archived = int(db.execute("SELECT count(*) FROM students WHERE archived_at IS NOT NULL").fetchone()[0])
    return total - archived


_ROSTER_SQL = """
SELECT s.id, s.legal_family_name, s.legal_given_names, s.display_name, s.native_name,
       coalesce(s.country_code, ''), coalesce(c.name, ''), s.country_rank, s.service, s.funding_program,
       coalesce((SELECT cl.designator FROM enrollments e JOIN classes cl ON cl.id = e.class_id
                 WHERE e.student_id = s.id AND e.status IN ('Enrolled', 'Completed')
                 ORDER BY cl.start_date DESC LIMIT 1), ''),
       s.status, coalesce(s.arrival_date, ''), s.ecl_score, s.wcn, s.ito_number,
       EXISTS (SELECT 1 FROM student_photos p WHERE p.student_id = s.id)
FROM students s LEFT JOIN countries c ON c.code = s.country_code
WHERE s.id IN ({marks})
"""


def roster_rows(db: Database, ids: Sequence[int]) -> list[RosterRow]:
    """The roster rows for these ids, in the order given (missing ids are skipped)."""
    found: dict[int, RosterRow] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start:start + 500])
        sql = _ROSTER_SQL.format(marks=",".join("?" * len(chunk)))
        for r in db.execute(sql, chunk):
            values = list(r)
            values[16] = bool(values[16])
            found[r[0]] = RosterRow(*values)
    return [found[i] for i in ids if i in found]


def get_student(db: Database, student_id: int) -> Student:
    """One student's whole record."""
    rows = list(db.query("SELECT * FROM students WHERE id = ?", [student_id]))
    if not rows:
        raise RecordNotFoundError(f"there is no student with id {student_id}")
    row = rows[0]
    row["country_code"] = row["country_code"] or ""
    return from_row(Student, row)


def student_columns(student: Student) -> dict[str, object]:
    """A student as the students table's columns (with the folded names for search)."""
    row = to_row(student, exclude=("id", "archived_at"))
    row["country_code"] = row["country_code"] or None
    row["search_text"] = student_search_text(student)
    return row


def student_search_text(student: Student) -> str:
    """What the full-text index holds for a student besides the names as written."""
    return search_text(student.legal_family_name, student.legal_given_names, student.display_name,
                       student.native_name)


def add_student(db: Database, student: Student, *, import_batch_id: int | None = None,
                today: dt.date | None = None) -> int:
    """Save a new student after validation; records the first status and the audit entry."""
    problems = validate_student(student, today)
    if problems:
        raise ValidationError(list(problems))
    row = student_columns(student)
    row["import_batch_id"] = import_batch_id
    with write(db):
        student_id = int(db.table("students").insert(row).last_rowid or 0)
        db.table("student_status_history").insert({
            "student_id": student_id, "status": student.status,
            "effective_date": (today or dt.date.today()).isoformat(),
            "note": "record opened", "recorded_at": now_text(), "recorded_by": current_user()})
        audit(db, "students", student_id, "insert", {"legal_name": student.legal_name})
    return student_id


def update_student(db: Database, student: Student, *, today: dt.date | None = None) -> None:
    """Save changes to an existing student; the audit log keeps old and new values."""
    if student.id is None:
        raise ValueError("update_student needs a student with an id")
    problems = validate_student(student, today)
    if problems:
        raise ValidationError(list(problems))
    before = get_student(db, student.id)
    old, new = student_columns(before), student_columns(student)
    changes = {k: [old[k], new[k]] for k in new if old.get(k) != new[k] and k != "search_text"}
    if not changes:
        return
    with write(db):
        db.table("students").update(student.id, {**{k: new[k] for k in changes},
                                                 "search_text": new["search_text"], "updated_at": now_text()})
        if "status" in changes:
            _record_status(db, student.id, student.status, today or dt.date.today(), "")
        audit(db, "students", student.id, "update", changes)


def _record_status(db: Database, student_id: int, status: str, effective: dt.date, note: str) -> None:
    db.table("student_status_history").insert({
        "student_id": student_id, "status": status, "effective_date": effective.isoformat(),
        "note": note, "recorded_at": now_text(), "recorded_by": current_user()})


def change_status(db: Database, student_id: int, status: str, effective: dt.date, note: str = "") -> None:
    """Change a student's status as of a date, keeping the history."""
    student = get_student(db, student_id)
    previous = student.status
    student.status = status
    problems = validate_student(student)
    if problems:
        raise ValidationError(list(problems))
    with write(db):
        db.table("students").update(student_id, {"status": status, "updated_at": now_text()})
        _record_status(db, student_id, status, effective, note)
        audit(db, "students", student_id, "status", {"status": [previous, status], "date": effective.isoformat()})


def status_history(db: Database, student_id: int) -> list[StatusChange]:
    """A student's status changes, oldest first."""
    return [from_row(StatusChange, r) for r in db.query(
        "SELECT * FROM student_status_history WHERE student_id = ? ORDER BY effective_date, id", [student_id])]


def archive_students(db: Database, ids: Iterable[int]) -> None:
    """Hide students from the default roster (restorable)."""
    with write(db):
        for sid in ids:
            db.execute("UPDATE students SET archived_at = ? WHERE id = ? AND archived_at IS NULL",
                       [now_text(), sid])
            audit(db, "students", sid, "archive")


def restore_students(db: Database, ids: Iterable[int]) -> None:
    """Bring archived students back to the roster."""
    with write(db):
        for sid in ids:
            db.execute("UPDATE students SET archived_at = NULL WHERE id = ?", [sid])
            audit(db, "students", sid, "restore")
