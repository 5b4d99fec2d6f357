"""Who changed what and when, and undoing it: every change is recorded row by row, in steps the clerk made."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlite_utils import Database

from imet_desktop.domain.records import Student
from imet_desktop.exchange.student_import import plan_import_file, run_import
from imet_desktop.store import photos
from imet_desktop.store.changes import StaleChangeError, latest_group
from imet_desktop.store.db import current_user, write
from imet_desktop.store.history import (
    change_name,
    database_log,
    log_users,
    record_history,
    session_changes_after,
    undo,
)
from imet_desktop.store.roster import count_students
from imet_desktop.store.students import (
    add_student,
    archive_students,
    change_status,
    delete_students,
    get_student,
    update_student,
)


def _wang(db: Database) -> int:
    return add_student(db, Student("WANG", "Jianguo", country_code="CN", passport_number="E12345678"))


def _new_passport(db: Database, student_id: int, number: str) -> int:
    update_student(db, dataclasses.replace(get_student(db, student_id), passport_number=number))
    return latest_group(db)


def test_a_students_history_says_who_changed_the_passport_number_and_when(db: Database) -> None:
    wang = _wang(db)
    _new_passport(db, wang, "E87654321")
    [change, added] = record_history(db, "students", wang)
    assert (change.field, change.old, change.new, change.what) == ("Passport number", "E12345678", "E87654321",
                                                                  "changed")
    assert change.user == current_user() and change.at[:10] == dt.date.today().isoformat()
    assert added.what == "added"


def test_each_change_is_named_as_the_clerk_did_it(db: Database) -> None:
    wang = _wang(db)
    assert change_name(db, latest_group(db)) == "addition of WANG Jianguo"
    group = _new_passport(db, wang, "E87654321")
    assert change_name(db, group) == "edit of WANG Jianguo's passport number"
    change_status(db, wang, "Arrived", dt.date(2027, 4, 22))
    assert change_name(db, latest_group(db)) == "edit of WANG Jianguo's status"


def test_undo_puts_the_old_value_back_and_redo_brings_the_new_one_again(db: Database) -> None:
    wang = _wang(db)
    group = _new_passport(db, wang, "E87654321")
    undone = undo(db, group)
    assert get_student(db, wang).passport_number == "E12345678"
    assert change_name(db, undone) == "undo of edit of WANG Jianguo's passport number"
    redone = undo(db, undone)
    assert get_student(db, wang).passport_number == "E87654321"
    assert change_name(db, redone) == "edit of WANG Jianguo's passport number"
    assert undo(db, redone) and get_student(db, wang).passport_number == "E12345678"


def test_a_change_someone_changed_since_is_not_undone_and_nothing_moves(db: Database) -> None:
    wang = _wang(db)
    group = _new_passport(db, wang, "E87654321")
    _new_passport(db, wang, "E00000001")  # a colleague's later edit
    with pytest.raises(StaleChangeError, match=f"{current_user()} changed it since, on "):
        undo(db, group)
    assert get_student(db, wang).passport_number == "E00000001"


def test_an_import_is_one_step_and_undoing_it_removes_every_row(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "itos.csv"
    path.write_text("Surname,Given names,Passport No\n" + "\n".join(f"OKONKWO{i},Chinedu,P{i:05d}" for i in range(50))
                    + "\n", encoding="utf-8")
    before = latest_group(db)
    run_import(db, plan_import_file(db, path), path.name, skip_invalid=True)
    [group] = session_changes_after(db, before)
    assert change_name(db, group) == "import of 50 students from itos.csv"
    assert count_students(db) == 50
    undo(db, group)
    assert count_students(db) == 0
    assert db.execute("SELECT count(*) FROM import_batches").fetchone()[0] == 0


def test_undoing_a_deletion_brings_back_the_record_and_what_went_with_it(db: Database) -> None:
    wang = _wang(db)
    change_status(db, wang, "Arrived", dt.date(2027, 4, 22))
    photos.set_photo(db, wang, b"\xff\xd8\xff\xe0 a photo", b"\xff\xd8\xff\xe0 thumb", "image/jpeg")
    history_rows = db.execute("SELECT count(*) FROM student_status_history WHERE student_id = ?", [wang]).fetchone()[0]
    archive_students(db, [wang])
    delete_students(db, [wang])
    group = latest_group(db)
    assert change_name(db, group) == "deletion of WANG Jianguo"
    undo(db, group)
    back = get_student(db, wang)
    assert back.archived_at is not None  # as it was just before the deletion
    assert back.status == "Arrived" and back.passport_number == "E12345678"
    assert db.execute("SELECT count(*) FROM student_status_history WHERE student_id = ?",
                      [wang]).fetchone()[0] == history_rows
    assert db.execute("SELECT image FROM student_photos WHERE student_id = ?", [wang]).fetchone()[0] == \
        b"\xff\xd8\xff\xe0 a photo"


def test_the_database_log_filters_by_date_user_and_record(db: Database) -> None:
    wang = _wang(db)
    other = add_student(db, Student("OKONKWO", "Chinedu"))
    _new_passport(db, wang, "E87654321")
    everything = database_log(db)
    assert [e.name for e in everything][:2] == ["edit of WANG Jianguo's passport number", "addition of Chinedu OKONKWO"]
    assert [e.name for e in database_log(db, record=("students", other))] == ["addition of Chinedu OKONKWO"]
    assert database_log(db, user="somebody else") == []
    assert log_users(db) == [current_user()]
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert database_log(db, since=tomorrow) == []
    assert len(database_log(db, until=dt.date.today())) == len(everything)
    assert [e.name for e in database_log(db, text="passport")] == ["edit of WANG Jianguo's passport number"]


def test_a_write_that_fails_leaves_no_trace_in_the_log(db: Database) -> None:
    before = latest_group(db)
    with pytest.raises(RuntimeError), write(db):
        db.execute("INSERT INTO settings VALUES ('k', '1')")
        raise RuntimeError("power cut")
    assert latest_group(db) == before
    with write(db):
        pass  # a write that changes nothing is not a step of the log
    assert latest_group(db) == before


def test_every_change_raises_the_records_version(db: Database) -> None:
    wang = _wang(db)
    first = db.execute("SELECT version FROM students WHERE id = ?", [wang]).fetchone()[0]
    _new_passport(db, wang, "E87654321")
    change_status(db, wang, "Arrived", dt.date(2027, 4, 22))
    assert db.execute("SELECT version FROM students WHERE id = ?", [wang]).fetchone()[0] == first + 2
    assert [c.field for c in record_history(db, "students", wang)].count("Version") == 0
