"""Import batches: listed with their counts, undone as a whole while nothing depends on them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlite_utils import Database

from imet_desktop.domain.names import name_key
from imet_desktop.domain.records import Student
from imet_desktop.exchange.student_import import plan_import_file, run_import
from imet_desktop.store.duplicates import students_matching
from imet_desktop.store.errors import RecordNotFoundError
from imet_desktop.store.imports import UndoRefusedError, batch_student_ids, get_batch, list_batches, undo_batch
from imet_desktop.store.roster import count_students
from imet_desktop.store.students import add_student, archive_students, change_status, get_student, update_student


def _import(db: Database, tmp_path: Path, name: str, rows: list[str]) -> int:
    path = tmp_path / name
    path.write_text("Surname,Given names,DOB,Passport No,WCN\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = run_import(db, plan_import_file(db, path), name, skip_invalid=True)
    assert result.batch_id is not None
    return result.batch_id


@pytest.fixture
def two_batches(db: Database, tmp_path: Path) -> tuple[int, int]:
    """A first import of three students and a second of two, and one student typed in by hand."""
    first = _import(db, tmp_path, "march.csv", ["Nguyễn,Văn Đức,1985-03-02,A1,W1", "Kim,Min-jun,,A2,W2",
                                                "Al-Sabah,Nasser,,A3,W3", ",no family name,,A9,W9"])
    second = _import(db, tmp_path, "april.csv", ["Ólafsdóttir,Guðrún,,B1,X1", "王,小明,,B2,X2"])
    add_student(db, Student("Typed", "By Hand"))
    return first, second


def test_batches_are_listed_newest_first_with_their_counts(db: Database, two_batches: tuple[int, int]) -> None:
    first, second = two_batches
    batches = list_batches(db)
    assert [b.id for b in batches] == [second, first]
    march = batches[1]
    assert (march.kind, march.file_name, march.rows_total, march.rows_imported, march.rows_rejected,
            march.students_present, march.undone) == ("students", "march.csv", 4, 3, 1, 3, False)
    assert march.started_at <= march.finished_at  # type: ignore[operator]
    assert march.mapping["Surname"] == "legal_family_name"
    assert list_batches(db, kind="photos") == []
    assert get_batch(db, first) == march


def test_undoing_a_batch_removes_its_students_and_only_them(db: Database, two_batches: tuple[int, int]) -> None:
    first, second = two_batches
    march_ids = batch_student_ids(db, first)
    assert len(march_ids) == 3
    assert undo_batch(db, first) == 3
    assert count_students(db) == 3  # April's two and the one typed by hand
    assert db.execute(f"SELECT count(*) FROM student_status_history WHERE student_id IN "
                      f"({','.join(map(str, march_ids))})").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM students_fts WHERE students_fts MATCH '\"nguyen\"'").fetchone()[0] == 0
    batch = get_batch(db, first)
    assert batch.undone and batch.students_present == 0 and batch.rows_imported == 3  # the record stays
    [audit] = list(db.query("SELECT * FROM audit_log WHERE table_name = 'import_batches' AND action = 'undo'"))
    assert audit["row_id"] == first
    assert json.loads(audit["details"]) == {"file_name": "march.csv", "students_removed": 3}
    assert get_batch(db, second).students_present == 2


def test_a_batch_cannot_be_undone_twice(db: Database, two_batches: tuple[int, int]) -> None:
    first, _ = two_batches
    undo_batch(db, first)
    with pytest.raises(UndoRefusedError, match="the import of march.csv was already undone on"):
        undo_batch(db, first)


def test_an_unknown_batch_is_reported(db: Database) -> None:
    with pytest.raises(RecordNotFoundError, match="there is no import with id 42"):
        undo_batch(db, 42)


def _enrol(db: Database, student_id: int) -> None:
    course = db.execute("INSERT INTO courses (code, title) VALUES ('ACSC', 'Air Command and Staff College')").lastrowid
    klass = db.execute("INSERT INTO classes (course_id, designator) VALUES (?, 'ACSC AY2027')", [course]).lastrowid
    db.execute("INSERT INTO enrollments (student_id, class_id) VALUES (?, ?)", [student_id, klass])
    db.conn.commit()


def test_undo_is_refused_when_a_student_was_since_enrolled(db: Database, two_batches: tuple[int, int]) -> None:
    first, _ = two_batches
    kim = batch_student_ids(db, first)[1]
    _enrol(db, kim)
    with pytest.raises(UndoRefusedError) as refused:
        undo_batch(db, first)
    assert str(refused.value) == (
        f"the import of march.csv cannot be undone: 1 of its students have been worked on since: #{kim} Kim, Min-jun "
        "(enrolled in a class). Undoing would lose that work.")
    assert count_students(db) == 6
    assert not get_batch(db, first).undone


@pytest.mark.parametrize("change", ["edit", "status", "archive", "photo"])
def test_undo_is_refused_when_a_student_was_since_worked_on(
        db: Database, two_batches: tuple[int, int], change: str) -> None:
    first, _ = two_batches
    student_id = batch_student_ids(db, first)[0]
    if change == "edit":
        student = get_student(db, student_id)
        student.ecl_score = 85
        update_student(db, student)
        reason = "was edited since the import"
    elif change == "status":
        change_status(db, student_id, "Arrived", dt.date(2026, 6, 5))
        reason = "had its status changed"
    elif change == "archive":
        archive_students(db, [student_id])
        reason = "was archived"
    else:
        with db.conn:
            db.execute("INSERT INTO student_photos (student_id, image, thumbnail, mime_type, updated_at) "
                       "VALUES (?, x'00', x'00', 'image/png', '2026-06-05')", [student_id])
        reason = "has a photo"
    with pytest.raises(UndoRefusedError, match=reason):
        undo_batch(db, first)
    assert len(batch_student_ids(db, first)) == 3


def test_undo_refusal_lists_a_few_examples_and_a_count(db: Database, tmp_path: Path) -> None:
    batch = _import(db, tmp_path, "many.csv", [f"Student{i},,,P{i},W{i}" for i in range(8)])
    archive_students(db, batch_student_ids(db, batch))
    with pytest.raises(UndoRefusedError, match="8 of its students have been worked on since: .* and 3 more"):
        undo_batch(db, batch)


def test_students_matching_finds_candidates_by_name_and_birth_passport_or_wcn(db: Database) -> None:
    a = add_student(db, Student("MÜLLER", "Jörg", date_of_birth=dt.date(1990, 1, 15)))
    b = add_student(db, Student("Lee", passport_number="M1"))
    c = add_student(db, Student("Park", wcn="W1"))
    add_student(db, Student("Choi", passport_number="M2", wcn="W2", date_of_birth=dt.date(1991, 1, 1)))
    add_student(db, Student("MÜLLER", "Jörg", date_of_birth=dt.date(1990, 1, 16)))  # another birthday
    archive_students(db, [c])
    found = students_matching(db, names=[(name_key("MUELLER", "Joerg"), "1990-01-15")],
                              passport_numbers=["M1", ""], wcns=["W1"])
    assert [(s.id, s.archived) for s in found] == [(a, False), (b, False), (c, True)]
    assert students_matching(db) == []


def test_the_duplicate_check_is_an_index_lookup_never_a_scan_of_every_student(db: Database) -> None:
    plan = " ".join(str(r[-1]) for r in db.execute(
        "EXPLAIN QUERY PLAN SELECT s.id FROM json_each(?) j JOIN students s ON s.name_key = "
        "json_extract(j.value, '$[0]') AND s.date_of_birth = json_extract(j.value, '$[1]')", ["[]"]))
    assert "SEARCH s USING COVERING INDEX students_name_key" in plan and "SCAN s" not in plan


def test_a_likely_duplicate_spelled_as_the_passport_spells_it_is_found(db: Database) -> None:
    from imet_desktop.store.duplicates import possible_duplicates

    existing = add_student(db, Student("MÜLLER-LÜDENSCHEIDT", "Jörg", date_of_birth=dt.date(1980, 2, 29)))
    found = possible_duplicates(db, Student("MUELLER-LUEDENSCHEIDT", "Joerg", date_of_birth=dt.date(1980, 2, 29)))
    assert [(d.id, d.reasons) for d in found] == [(existing, ("same legal name and date of birth",))]


def test_imported_students_are_found_by_typing_their_names_without_accents(
        db: Database, two_batches: tuple[int, int]) -> None:
    from imet_desktop.store.roster import student_ids

    for typed in ["duc", "nguyen", "gudrun", "olafsdottir", "王"]:
        assert len(student_ids(db, search=typed)) == 1, typed


def test_an_older_database_gets_name_keys_and_the_new_search_text_for_every_student(tmp_path: Path) -> None:
    from sqlite_utils import Database as Db

    from imet_desktop.store import schema
    from imet_desktop.store.roster import student_ids

    old = Db(tmp_path / "old.db")
    old.execute("PRAGMA foreign_keys = ON")
    schema.migrations.apply(old, stop_before="0007_name_keys")
    old.execute("INSERT INTO students (legal_family_name, legal_given_names, native_name, search_text) "
                "VALUES ('MÜLLER-LÜDENSCHEIDT', 'Jörg', '', 'muller-ludenscheidt jorg'), "
                "('王', '小明', '王小明', '王 小明 王小明'), ('O''BRIEN', 'Seán', '', 'o''brien sean')")
    old.conn.commit()
    schema.migrations.apply(old)
    assert old.execute("SELECT name_key FROM students ORDER BY id").fetchall() == [
        ("mullerludenscheidt|jorg",), ("wang|xiaoming",), ("obrien|sean",)]
    for typed, found in [("mueller", 1), ("muellerluedenscheidt", 1), ("wang xiao", 1), ("obrien", 1),
                         ("Müller", 1)]:
        assert len(student_ids(old, search=typed)) == found, typed
    # the full-text triggers are back: a later change is indexed as before
    old.execute("UPDATE students SET legal_family_name = 'KIM', search_text = 'kim' WHERE id = 3")
    assert len(student_ids(old, search="kim")) == 1
    old.close()
