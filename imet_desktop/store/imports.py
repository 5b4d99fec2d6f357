"""Import batches: every import is recorded (file, times, counts, mapping), its students carry the
batch id, and a batch can be undone as a whole while nothing has been built on its students yet."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import operator
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from imet_desktop.domain.dates import format_date_time
from imet_desktop.domain.names import legal_name, name_key, search_text
from imet_desktop.domain.progress import Progress, no_progress
from imet_desktop.domain.records import Student
from imet_desktop.store.changes import TRIGGER_PREFIX, not_recorded, record_inserted
from imet_desktop.store.db import audit, current_user, now_text, page_cache, write
from imet_desktop.store.duplicates import ExistingStudent
from imet_desktop.store.errors import RecordNotFoundError, StoreError
from imet_desktop.store.schema import NAME_FTS_COLUMNS

INSERT_CHUNK_ROWS = 1_000
# SQLite's page cache while an import writes (the default is 2 MB): a large roster's index pages stay in it.
IMPORT_CACHE_MIB = 32
# Friendlier words for the tables that refer to students; others are named by their table.
_LATER_WORK = {
    "enrollments": "enrolled in a class",
    "fsp_attendance": "has Field Studies attendance",
    "positions": "has positions recorded",
    "nominations": "has an Honor Roll nomination",
    "inductions": "was inducted into the Honor Roll",
    "ceremony_inductees": "is on a ceremony",
    "student_photos": "has a photo",
}


class UndoRefusedError(StoreError):
    """An import batch that cannot be undone (already undone, or later work depends on its students)."""


@dataclass(frozen=True, slots=True)
class ImportBatch:
    """One recorded import."""

    id: int
    kind: str
    file_name: str
    started_at: str
    finished_at: str | None
    rows_total: int
    rows_imported: int
    rows_rejected: int
    mapping: dict[str, Any]
    undone_at: str | None
    user_name: str
    students_present: int  # students of this batch still in the database

    @property
    def undone(self) -> bool:
        """Whether the batch was undone."""
        return self.undone_at is not None


_BATCH_SQL = """
SELECT b.*, (SELECT count(*) FROM students s WHERE s.import_batch_id = b.id) AS students_present
FROM import_batches b
"""


def _batch(row: dict[str, Any]) -> ImportBatch:
    try:
        mapping = json.loads(row["mapping"] or "{}")
    except json.JSONDecodeError:
        mapping = {}
    return ImportBatch(row["id"], row["kind"], row["file_name"], row["started_at"], row["finished_at"],
                       row["rows_total"], row["rows_imported"], row["rows_rejected"],
                       mapping if isinstance(mapping, dict) else {}, row["undone_at"], row["user_name"],
                       row["students_present"])


def list_batches(db: Database, *, kind: str | None = None) -> list[ImportBatch]:
    """Every recorded import (of one kind, if given), newest first."""
    where, params = ("WHERE b.kind = ?", [kind]) if kind else ("", [])
    return [_batch(r) for r in db.query(f"{_BATCH_SQL} {where} ORDER BY b.id DESC", params)]


def get_batch(db: Database, batch_id: int) -> ImportBatch:
    """One recorded import."""
    rows = list(db.query(f"{_BATCH_SQL} WHERE b.id = ?", [batch_id]))
    if not rows:
        raise RecordNotFoundError(f"there is no import with id {batch_id}")
    return _batch(rows[0])


def batch_student_ids(db: Database, batch_id: int) -> list[int]:
    """The ids of the students an import brought in that are still there, in import order."""
    return [r[0] for r in db.execute("SELECT id FROM students WHERE import_batch_id = ? ORDER BY id", [batch_id])]


def begin_batch(db: Database, *, kind: str, file_name: str, mapping_json: str = "{}", rows_total: int = 0) -> int:
    """Record the start of an import and return its id; call inside the import's transaction."""
    cursor = db.execute(
        "INSERT INTO import_batches (kind, file_name, started_at, rows_total, mapping, user_name) "
        "VALUES (?, ?, ?, ?, ?, ?)", [kind, file_name, now_text(), rows_total, mapping_json, current_user()])
    return int(cursor.lastrowid or 0)


# The columns an import writes for each student, in the order of student_import_values().
IMPORT_COLUMNS: tuple[str, ...] = (*(f.name for f in dataclasses.fields(Student) if f.name != "id"), "search_text",
                                   "name_key")
_DATES = frozenset({"date_of_birth", "passport_expiry", "arrival_date", "departure_date"})
_DATE_COLUMNS = tuple(i for i, name in enumerate(IMPORT_COLUMNS) if name in _DATES)
_COUNTRY = IMPORT_COLUMNS.index("country_code")
_NAMES = tuple(IMPORT_COLUMNS.index(n) for n in ("legal_family_name", "legal_given_names", "display_name",
                                                  "native_name"))


_STUDENT_VALUES = operator.attrgetter(*IMPORT_COLUMNS[:-2])  # a student's fields in that order, in one call


def student_import_values(student: Student, key: str | None = None) -> tuple[Any, ...]:
    """A validated student as the values of IMPORT_COLUMNS (what student_columns() gives, as a tuple); key is its
    name key (domain.names.name_key of its legal names) when the caller has worked it out already."""
    values: list[Any] = list(_STUDENT_VALUES(student))
    for i in _DATE_COLUMNS:
        if values[i] is not None:
            values[i] = values[i].isoformat()
    values[_COUNTRY] = values[_COUNTRY] or None
    values.append(search_text(*(values[i] for i in _NAMES)))
    values.append(name_key(student.legal_family_name, student.legal_given_names) if key is None else key)
    return tuple(values)


def student_from_import_values(values: Sequence[Any]) -> Student:
    """The student that student_import_values() gave these values for."""
    fields = dict(zip(IMPORT_COLUMNS[:-2], values, strict=False))
    for name in _DATES:
        if fields[name] is not None:
            fields[name] = dt.date.fromisoformat(fields[name])
    fields["country_code"] = fields["country_code"] or ""
    return Student(**fields)


def insert_students(db: Database, batch_id: int, students: Sequence[Student], *, effective: dt.date | None = None,
                    note: str = "imported", progress: Progress = no_progress) -> int:
    """Insert already-validated students in bulk as part of a batch, each with its first status.

    Call inside the import's transaction: progress(done, total, text) after each chunk may raise
    Cancelled (the clerk stopped the import), which must roll the transaction back. Returns how
    many were inserted.
    """
    total = len(students)
    if not total:
        return 0
    with bulk_students(db, batch_id):
        for start in range(0, total, INSERT_CHUNK_ROWS):
            insert_student_rows(db, batch_id, [student_import_values(s)
                                               for s in students[start:start + INSERT_CHUNK_ROWS]])
            done = min(start + INSERT_CHUNK_ROWS, total)
            progress(done, total, f"Imported {done:,} of {total:,} students…")
        record_first_statuses(db, batch_id, effective=effective, note=note)
    return total


def insert_student_rows(db: Database, batch_id: int, rows: Sequence[Sequence[Any]]) -> None:
    """Insert one chunk of a batch's students, each given as the values of IMPORT_COLUMNS (inside the
    import's transaction and bulk_students(); record_first_statuses() follows the last chunk)."""
    if rows:
        db.conn.executemany(_INSERT_SQL.format(batch=int(batch_id)), rows)


_INSERT_SQL = (f"INSERT INTO students ({', '.join(IMPORT_COLUMNS)}, import_batch_id) "
               f"VALUES ({', '.join('?' * len(IMPORT_COLUMNS))}, {{batch}})")


def record_first_statuses(db: Database, batch_id: int, *, effective: dt.date | None = None,
                          note: str = "imported") -> None:
    """Each student of a batch gets its first status history entry, in one statement."""
    db.execute(
        "INSERT INTO student_status_history (student_id, status, effective_date, note, recorded_at, recorded_by) "
        "SELECT id, status, ?, ?, ?, ? FROM students WHERE import_batch_id = ? ORDER BY id",
        [(effective or dt.date.today()).isoformat(), note, now_text(), current_user(), batch_id])


@contextmanager
def bulk_students(db: Database, batch_id: int, *, cache_mib: int = IMPORT_CACHE_MIB) -> Iterator[None]:
    """Inside an import's transaction: the batch's students (and their first statuses) are written without a
    trigger firing per row, then indexed for search and recorded in the history, each in one statement.

    Per row, the full-text trigger and the history's triggers cost five times the insert itself. The students'
    insert triggers (full text, history) are set aside (dropped and put back exactly as they were, in the same
    transaction, so a rollback restores them; the other tables' history triggers told not to record) while the
    rows go in; afterwards the full-text index gets the batch's names, and the history the rows the triggers
    would have recorded (store.changes.record_inserted), so the database ends exactly as if each student had
    been inserted alone. For the block, SQLite's cache is larger (index pages of a large roster stay in it); the
    caller sets temporary storage in memory before the transaction (temporary_storage_in_memory).
    """
    triggers = [(str(name), str(sql)) for name, sql in db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'students'")
        if "AFTER INSERT" in str(sql).upper() and ("STUDENTS_FTS" in str(sql).upper()
                                                   or str(name) == f"{TRIGGER_PREFIX}students_insert")]
    fts = any("STUDENTS_FTS" in sql.upper() for _name, sql in triggers)
    with page_cache(db, 1024 * cache_mib):
        with not_recorded(db) as recording:
            for name, _sql in triggers:
                db.execute(f"DROP TRIGGER [{name}]")
            yield
            if fts:
                db.execute(f"INSERT INTO students_fts (rowid, {', '.join(NAME_FTS_COLUMNS)}) "
                           f"SELECT id, {', '.join(NAME_FTS_COLUMNS)} FROM students WHERE import_batch_id = ? "
                           "ORDER BY id", [batch_id])
            for _name, sql in triggers:
                db.execute(sql)
        if recording:
            record_inserted(db, "students", "import_batch_id = ?", [batch_id])
            record_inserted(db, "student_status_history",
                            "student_id IN (SELECT id FROM students WHERE import_batch_id = ?)", [batch_id])


@contextmanager
def temporary_storage_in_memory(db: Database) -> Iterator[None]:
    """For an import's transaction (enter it before the transaction begins): SQLite's temporary storage in memory.

    Each row's statement journal (the undo of one INSERT that may fail a check) is otherwise a temporary file,
    which alone halves the insert's speed. SQLite allows the change only outside a transaction, and it would
    drop the connection's temporary tables: on a connection in a transaction or holding one, nothing changes
    (the import is slower, never different)."""
    try:
        changed = not db.conn.in_transaction and not db.execute("SELECT count(*) FROM sqlite_temp_master").fetchone()[0]
        previous = int(db.execute("PRAGMA temp_store").fetchone()[0])
        if changed:
            db.execute("PRAGMA temp_store = MEMORY")
    except sqlite3.OperationalError:
        changed = False
    try:
        yield
    finally:
        if changed and not db.conn.in_transaction:
            with contextlib.suppress(sqlite3.OperationalError):
                db.execute(f"PRAGMA temp_store = {previous}")


_SAME_PERSON = {
    "name": ("JOIN students o ON o.name_key = n.name_key AND o.date_of_birth = n.date_of_birth",
             "n.date_of_birth IS NOT NULL AND n.legal_family_name <> ''"),
    "passport": ("JOIN students o ON o.passport_number = n.passport_number AND o.passport_number <> ''",
                 "n.passport_number <> ''"),
    "wcn": ("JOIN students o ON o.wcn = n.wcn AND o.wcn <> ''", "n.wcn <> ''"),
}


@dataclass(frozen=True, slots=True)
class BatchDuplicate:
    """A student an import is writing who repeats one already in the database: by name and date of birth
    ('name'), passport number ('passport') or WCN ('wcn')."""

    student_id: int
    kind: str
    legal_family_name: str
    legal_given_names: str
    passport_number: str
    wcn: str
    other: ExistingStudent


def batch_duplicates(db: Database, batch_id: int) -> list[BatchDuplicate]:
    """Every student of the batch that repeats one from outside it, by student and kind: three joins on the
    duplicate indexes (name key and date of birth, passport, WCN), inside the import's transaction."""
    found: list[BatchDuplicate] = []
    for kind, (join, where) in _SAME_PERSON.items():
        for r in db.execute(
                f"SELECT n.id, n.legal_family_name, n.legal_given_names, n.passport_number, n.wcn, o.id, "
                f"o.legal_family_name, o.legal_given_names, coalesce(o.date_of_birth, ''), o.passport_number, o.wcn, "
                f"o.archived_at IS NOT NULL, o.name_key FROM students n {join} "
                f"WHERE n.import_batch_id = ? AND {where} AND o.import_batch_id IS NOT ? ORDER BY n.id, o.id",
                [batch_id, batch_id]):
            other = ExistingStudent(r[5], r[6], r[7], r[8], r[9], r[10], bool(r[11]), r[12])
            found.append(BatchDuplicate(int(r[0]), kind, r[1], r[2], r[3], r[4], other))
    return sorted(found, key=lambda d: (d.student_id, list(_SAME_PERSON).index(d.kind)))


def batch_student_rows(db: Database, batch_id: int) -> list[int]:
    """The ids of a batch's students in the order they were inserted."""
    return [int(r[0]) for r in db.execute("SELECT id FROM students WHERE import_batch_id = ? ORDER BY id",
                                          [batch_id])]


def finish_batch(db: Database, batch_id: int, *, rows_total: int, rows_imported: int, rows_rejected: int) -> None:
    """Record an import's counts and end time, with its audit entry; call inside its transaction."""
    db.execute("UPDATE import_batches SET finished_at = ?, rows_total = ?, rows_imported = ?, rows_rejected = ? "
               "WHERE id = ?", [now_text(), rows_total, rows_imported, rows_rejected, batch_id])
    file_name, kind = db.execute("SELECT file_name, kind FROM import_batches WHERE id = ?", [batch_id]).fetchone()
    audit(db, "import_batches", batch_id, "import", {"kind": kind, "file_name": file_name, "rows_total": rows_total,
                                                     "rows_imported": rows_imported, "rows_rejected": rows_rejected})


def _tables_referring_to_students(db: Database) -> list[tuple[str, str]]:
    """(table, column) of every foreign key to students, found in the schema so later tables count too."""
    found = []
    for table in db.table_names():
        for fk in db.execute(f"PRAGMA foreign_key_list([{table}])").fetchall():
            if fk[2] == "students":
                found.append((table, fk[3]))
    return found


def _later_work(db: Database, batch_id: int) -> dict[int, list[str]]:
    """For each student of the batch that something was built on since the import: what."""
    reasons: dict[int, list[str]] = {}

    def note(sql: str, reason: str) -> None:
        for (student_id,) in db.execute(sql, [batch_id]):
            reasons.setdefault(student_id, []).append(reason)

    batch = "SELECT id FROM students WHERE import_batch_id = ?"
    for table, column in _tables_referring_to_students(db):
        if table == "student_status_history":
            continue
        note(f"SELECT DISTINCT [{column}] FROM [{table}] WHERE [{column}] IN ({batch})",
             _LATER_WORK.get(table, f"has {table.replace('_', ' ')} records"))
    note(f"SELECT student_id FROM student_status_history WHERE student_id IN ({batch}) "
         "GROUP BY student_id HAVING count(*) > 1", "had its status changed")
    note(f"SELECT DISTINCT row_id FROM audit_log WHERE table_name = 'students' AND action <> 'insert' "
         f"AND row_id IN ({batch})",
         "was edited since the import")
    note(f"SELECT id FROM students WHERE id IN ({batch}) AND archived_at IS NOT NULL", "was archived")
    return reasons


def undo_refusal(db: Database, batch_id: int) -> str:
    """Why an import cannot be undone now ('' when it can), in the words ``undo_batch`` refuses with.

    Asked before the clerk is asked to confirm, so a refusal is never preceded by "Are you sure?".
    """
    batch = get_batch(db, batch_id)
    if batch.undone_at is not None:
        return f"the import of {batch.file_name} was already undone on {format_date_time(batch.undone_at)}"
    reasons = _later_work(db, batch_id)
    if not reasons:
        return ""
    examples = []
    for student_id in sorted(reasons)[:5]:
        family, given = db.execute("SELECT legal_family_name, legal_given_names FROM students WHERE id = ?",
                                   [student_id]).fetchone()
        name = legal_name(family, given)
        examples.append(f"#{student_id} {name} ({', '.join(reasons[student_id])})")
    more = f" and {len(reasons) - 5} more" if len(reasons) > 5 else ""
    return (f"the import of {batch.file_name} cannot be undone: {len(reasons)} of its students have "
            f"been worked on since: {'; '.join(examples)}{more}. Undoing would lose that work.")


def undo_batch(db: Database, batch_id: int) -> int:
    """Remove every student an import brought in, as one change; returns how many were removed.

    Refused (UndoRefusedError, nothing changed) when the batch was already undone, or when any of
    its students has since been edited, archived, had its status changed, or has anything else
    recorded against it (an enrollment, attendance, a photo, a position, a nomination...): undoing
    would silently throw that later work away. Such students must be dealt with one by one first.
    """
    batch = get_batch(db, batch_id)
    with write(db):
        refusal = undo_refusal(db, batch_id)
        if refusal:
            raise UndoRefusedError(refusal)
        db.execute("DELETE FROM student_status_history WHERE student_id IN "
                   "(SELECT id FROM students WHERE import_batch_id = ?)", [batch_id])
        removed = db.execute("DELETE FROM students WHERE import_batch_id = ?", [batch_id]).rowcount
        db.execute("UPDATE import_batches SET undone_at = ? WHERE id = ?", [now_text(), batch_id])
        audit(db, "import_batches", batch_id, "undo", {"file_name": batch.file_name, "students_removed": removed})
    return int(removed)
