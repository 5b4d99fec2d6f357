"""Import batches: every import is recorded (file, times, counts, mapping), its students carry the
batch id, and a batch can be undone as a whole while nothing has been built on its students yet."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from imet_desktop.domain.dates import format_date_time
from imet_desktop.domain.names import legal_name
from imet_desktop.domain.progress import Progress, no_progress
from imet_desktop.domain.records import Student
from imet_desktop.store.db import audit, current_user, now_text, write
from imet_desktop.store.errors import RecordNotFoundError, StoreError
from imet_desktop.store.students import student_columns

INSERT_CHUNK_ROWS = 1_000
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
    for start in range(0, total, INSERT_CHUNK_ROWS):
        insert_student_rows(db, batch_id, students[start:start + INSERT_CHUNK_ROWS])
        done = min(start + INSERT_CHUNK_ROWS, total)
        progress(done, total, f"Imported {done:,} of {total:,} students…")
    record_first_statuses(db, batch_id, effective=effective, note=note)
    return total


def insert_student_rows(db: Database, batch_id: int, students: Sequence[Student]) -> None:
    """Insert one chunk of already-validated students of a batch (inside the import's transaction);
    record_first_statuses() follows the last chunk."""
    if not students:
        return
    names = list(student_columns(students[0]))
    sql = (f"INSERT INTO students ({', '.join(names)}, import_batch_id) "
           f"VALUES ({', '.join('?' * (len(names) + 1))})")
    values = []
    for student in students:
        row = student_columns(student)
        values.append([*(row[n] for n in names), batch_id])
    db.conn.executemany(sql, values)


def record_first_statuses(db: Database, batch_id: int, *, effective: dt.date | None = None,
                          note: str = "imported") -> None:
    """Each student of a batch gets its first status history entry, in one statement."""
    db.execute(
        "INSERT INTO student_status_history (student_id, status, effective_date, note, recorded_at, recorded_by) "
        "SELECT id, status, ?, ?, ?, ? FROM students WHERE import_batch_id = ? ORDER BY id",
        [(effective or dt.date.today()).isoformat(), note, now_text(), current_user(), batch_id])


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
