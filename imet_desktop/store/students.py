"""One student's record: reading, adding, changing, its status history, archiving and deleting.

The roster's queries over all students are in store/roster.py; possible duplicates in store/duplicates.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from imet_desktop.domain.names import legal_name, name_key, search_text
from imet_desktop.domain.records import StatusChange, Student, StudentStatus
from imet_desktop.domain.validation import validate_student
from imet_desktop.store import photos
from imet_desktop.store.convert import from_row, to_row
from imet_desktop.store.countries import with_office_countries
from imet_desktop.store.db import audit, current_user, now_text, write
from imet_desktop.store.duplicates import PossibleDuplicate
from imet_desktop.store.errors import RecordNotFoundError, StoreError, ValidationError
from imet_desktop.store.versions import check_version

# --- one student ------------------------------------------------------------------------------------------

def get_student(db: Database, student_id: int) -> Student:
    """One student's whole record."""
    rows = list(db.query("SELECT * FROM students WHERE id = ?", [student_id]))
    if not rows:
        raise RecordNotFoundError(f"there is no student with id {student_id}")
    row = rows[0]
    row["country_code"] = row["country_code"] or ""
    return from_row(Student, row)


_FIELDS = frozenset(f.name for f in dataclasses.fields(Student)) - {"id"}
FETCH_CHUNK = 500


def student_values(db: Database, ids: Sequence[int], names: Sequence[str]) -> dict[int, tuple[Any, ...]]:
    """id -> the stored values of these fields (dates as ISO text, None when empty), for the ids that exist."""
    unknown = [n for n in names if n not in _FIELDS]
    if unknown:
        raise ValueError(f"not student fields: {', '.join(unknown)}")
    columns = ", ".join(["id", *names])
    found: dict[int, tuple[Any, ...]] = {}
    for start in range(0, len(ids), FETCH_CHUNK):
        chunk = list(ids[start:start + FETCH_CHUNK])
        marks = ",".join("?" * len(chunk))
        for row in db.execute(f"SELECT {columns} FROM students WHERE id IN ({marks})", chunk):
            found[int(row[0])] = tuple(row[1:])
    return found


def student_texts(db: Database, ids: Sequence[int], names: Sequence[str]) -> list[tuple[str, ...]]:
    """The students with these ids, in that order, each as text: the id, then the stored values of these fields
    ('' when empty, dates as stored ISO text, numbers as their digits). Ids not in the database are left out.

    One query (the ids passed as one JSON array, joined in their order), every value made text by SQLite:
    what an export to CSV needs, with no per-value work left to Python.
    """
    unknown = [n for n in names if n not in _FIELDS]
    if unknown:
        raise ValueError(f"not student fields: {', '.join(unknown)}")
    columns = ", ".join(["CAST(s.id AS TEXT)", *(f"coalesce(CAST(s.[{n}] AS TEXT), '')" for n in names)])
    return db.execute(f"SELECT {columns} FROM json_each(?) j JOIN students s ON s.id = j.value ORDER BY j.key",
                      [json.dumps(list(ids))]).fetchall()


def student_columns(student: Student) -> dict[str, object]:
    """A student as the students table's columns (with the folded names for search)."""
    row = to_row(student, exclude=("id", "archived_at"))
    row["country_code"] = row["country_code"] or None
    row["search_text"] = student_search_text(student)
    row["name_key"] = name_key(student.legal_family_name, student.legal_given_names)
    return row


def student_search_text(student: Student) -> str:
    """What the full-text index holds for a student besides the names as written."""
    return search_text(student.legal_family_name, student.legal_given_names, student.display_name,
                       student.native_name)


def add_student(db: Database, student: Student, *, import_batch_id: int | None = None,
                today: dt.date | None = None, duplicate_reason: str = "",
                duplicates: Sequence[PossibleDuplicate] = ()) -> int:
    """Save a new student after validation; records the first status and the audit entry.

    A student saved although it matches existing records (duplicates) needs the clerk's reason:
    it goes in the audit entry and, as a dated line, at the end of the student's notes.
    """
    problems = with_office_countries(db, validate_student(student, today))
    if problems:
        raise ValidationError(list(problems))
    if duplicates and not duplicate_reason.strip():
        raise ValidationError(["a student matching existing records is saved only with a reason"])
    details: dict[str, Any] = {"legal_name": student.legal_name}
    if duplicates:
        details["possible_duplicates"] = [d.id for d in duplicates]
        details["reason"] = duplicate_reason
        line = (f"{now_text()[:10]}: saved as a separate student although it matches "
                + ", ".join(f"#{d.id} {d.legal_name} ({', '.join(d.reasons)})" for d in duplicates)
                + f". Reason: {duplicate_reason}")
        student = dataclasses.replace(student, notes=f"{student.notes}\n{line}" if student.notes else line)
    row = student_columns(student)
    row["import_batch_id"] = import_batch_id
    with write(db):
        student_id = int(db.table("students").insert(row).last_rowid or 0)
        db.table("student_status_history").insert({
            "student_id": student_id, "status": student.status,
            "effective_date": (today or dt.date.today()).isoformat(),
            "note": "record opened", "recorded_at": now_text(), "recorded_by": current_user()})
        audit(db, "students", student_id, "insert", details)
    return student_id


def update_student(db: Database, student: Student, *, today: dt.date | None = None) -> None:
    """Save changes to an existing student; the audit log keeps old and new values."""
    if student.id is None:
        raise ValueError("update_student needs a student with an id")
    problems = with_office_countries(db, validate_student(student, today))
    if problems:
        raise ValidationError(list(problems))
    before = get_student(db, student.id)
    old, new = student_columns(before), student_columns(student)
    changes = {k: [old[k], new[k]] for k in new if old.get(k) != new[k] and k not in ("search_text", "name_key")}
    if not changes:
        return
    with write(db):
        check_version(db, "students", student.id, student.version, student.printed_name)
        db.table("students").update(student.id, {**{k: new[k] for k in changes},
                                                 "search_text": new["search_text"], "name_key": new["name_key"],
                                                 "updated_at": now_text()})
        if "status" in changes:
            _record_status(db, student.id, student.status, today or dt.date.today(), "")
        audit(db, "students", student.id, "update", changes)


@dataclass(frozen=True, slots=True)
class NewStatus:
    """A status change the clerk asked for: the status, the date it took effect, a note."""

    status: str
    effective_date: dt.date
    note: str = ""


@dataclass(frozen=True, slots=True)
class PhotoChange:
    """A new photo for a student (scaled JPEG or PNG bytes), or its removal when image is empty."""

    image: bytes = b""
    thumbnail: bytes = b""
    mime_type: str = ""

    @property
    def removes(self) -> bool:
        """True when the change removes the photo."""
        return not self.image


def save_student(db: Database, student: Student, *, status: NewStatus | None = None,
                 photo: PhotoChange | None = None, duplicate_reason: str = "",
                 duplicates: Sequence[PossibleDuplicate] = (), today: dt.date | None = None) -> int:
    """What the record editor's Save does, as one change: add or update the student, then its
    status change (with its own date) and its photo. Returns the student's id."""
    with write(db):
        if student.id is None:
            student_id = add_student(db, student, today=today, duplicate_reason=duplicate_reason,
                                     duplicates=duplicates)
        else:
            student_id = student.id
            update_student(db, student, today=today)
        if status is not None:
            change_status(db, student_id, status.status, status.effective_date, status.note)
        if photo is not None:
            if photo.removes:
                photos.remove_photo(db, student_id)
            else:
                photos.set_photo(db, student_id, photo.image, photo.thumbnail, photo.mime_type)
    return student_id


def _record_status(db: Database, student_id: int, status: str, effective: dt.date, note: str) -> None:
    db.table("student_status_history").insert({
        "student_id": student_id, "status": status, "effective_date": effective.isoformat(),
        "note": note, "recorded_at": now_text(), "recorded_by": current_user()})


def change_status(db: Database, student_id: int, status: str, effective: dt.date, note: str = "") -> None:
    """Change a student's status as of a date, keeping the history."""
    student = get_student(db, student_id)
    previous = student.status
    student.status = status
    problems = with_office_countries(db, validate_student(student))
    if problems:
        raise ValidationError(list(problems))
    with write(db):
        db.table("students").update(student_id, {"status": status, "updated_at": now_text()})
        _record_status(db, student_id, status, effective, note)
        audit(db, "students", student_id, "status", {"status": [previous, status], "date": effective.isoformat(),
                                                     "note": note})


def change_status_many(db: Database, ids: Iterable[int], status: str, effective: dt.date, note: str = "") -> int:
    """Change several students' status as of one date, as one change; returns how many."""
    if status not in {s.value for s in StudentStatus}:
        raise ValidationError([f"Status {status!r}: must be one of " + ", ".join(s.value for s in StudentStatus)])
    count = 0
    with write(db):
        for student_id in dict.fromkeys(ids):
            change_status(db, student_id, status, effective, note)
            count += 1
    return count


def status_history(db: Database, student_id: int) -> list[StatusChange]:
    """A student's status changes, oldest first."""
    return [from_row(StatusChange, r) for r in db.query(
        "SELECT * FROM student_status_history WHERE student_id = ? ORDER BY effective_date, id", [student_id])]


@dataclass(frozen=True, slots=True)
class StudentClass:
    """A class a student is or was placed in, for the record editor's Training page."""

    designator: str
    course_code: str
    course_title: str
    status: str
    start_date: str
    end_date: str


def student_classes(db: Database, student_id: int) -> list[StudentClass]:
    """The classes a student is or was placed in, latest first."""
    return [StudentClass(*(("" if v is None else str(v)) for v in r)) for r in db.execute(
        "SELECT cl.designator, co.code, co.title, e.status, cl.start_date, cl.end_date FROM enrollments e "
        "JOIN classes cl ON cl.id = e.class_id JOIN courses co ON co.id = cl.course_id "
        "WHERE e.student_id = ? ORDER BY cl.start_date DESC, cl.id DESC", [student_id])]


# --- archive and delete ------------------------------------------------------------------------------------

class DeleteRefusedError(StoreError):
    """Students that cannot be deleted for good (not archived, or records elsewhere depend on them)."""


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


_KEEPERS = {
    "inductions": "is on the Honor Roll",
    "ceremony_inductees": "is on a ceremony",
}


def _blocking_references(db: Database, ids: Sequence[int]) -> dict[int, list[str]]:
    """For each student: the records elsewhere that would stop its deletion (foreign keys that do not cascade)."""
    found: dict[int, list[str]] = {}
    marks = ",".join("?" * len(ids))
    for table in db.table_names():
        for fk in db.execute(f"PRAGMA foreign_key_list([{table}])").fetchall():
            if fk[2] != "students" or str(fk[6]).upper() in {"CASCADE", "SET NULL"}:
                continue
            reason = _KEEPERS.get(table, f"has {table.replace('_', ' ')} records")
            for (student_id,) in db.execute(f"SELECT DISTINCT [{fk[3]}] FROM [{table}] WHERE [{fk[3]}] IN ({marks})",
                                            list(ids)):
                found.setdefault(int(student_id), []).append(reason)
    return found


def delete_students(db: Database, ids: Iterable[int]) -> int:
    """Delete archived students for good, with everything recorded about them; returns how many.

    Only from the archive: a student not archived is refused, and so is one that other records
    (the Honor Roll, a ceremony) still name. Nothing is deleted when any student is refused.
    """
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return 0
    with write(db):
        marks = ",".join("?" * len(wanted))
        rows = {int(r[0]): (str(r[1]), str(r[2]), r[3]) for r in db.execute(
            f"SELECT id, legal_family_name, legal_given_names, archived_at FROM students WHERE id IN ({marks})",
            wanted)}
        missing = [i for i in wanted if i not in rows]
        if missing:
            raise RecordNotFoundError(f"there is no student with id {missing[0]}")
        current = [i for i in wanted if rows[i][2] is None]
        if current:
            raise DeleteRefusedError(f"{_named(rows, current)} {'is' if len(current) == 1 else 'are'} not archived: "
                                     "archive first, then delete from the archive")
        blocked = _blocking_references(db, wanted)
        if blocked:
            examples = "; ".join(f"#{sid} {_named(rows, [sid])} ({', '.join(r)})" for sid, r in
                                 sorted(blocked.items())[:5])
            raise DeleteRefusedError(f"{len(blocked)} of the students cannot be deleted: {examples}")
        for sid in wanted:
            family, given, _ = rows[sid]
            audit(db, "students", sid, "delete", {"legal_name": legal_name(family, given)})
        db.execute(f"DELETE FROM students WHERE id IN ({marks})", wanted)
    return len(wanted)


def _named(rows: dict[int, tuple[str, str, object]], ids: Sequence[int]) -> str:
    names = [f"{rows[i][0]}, {rows[i][1]}" if rows[i][1] else rows[i][0] for i in ids[:3]]
    more = f" and {len(ids) - 3} more" if len(ids) > 3 else ""
    return "; ".join(names) + more

