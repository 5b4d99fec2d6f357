"""Courses and classes: the catalogue a clerk keeps and the classes students are placed in."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from imet_desktop.domain.records import Course, Enrollment, Student, TrainingClass
from imet_desktop.store.convert import to_row
from imet_desktop.store.courses import (
    add_class,
    add_course,
    get_class,
    get_course,
    list_classes,
    list_courses,
    update_class,
    update_course,
)
from imet_desktop.store.errors import RecordNotFoundError, ValidationError
from imet_desktop.store.students import add_student


def _prep_and_acsc(db: Database) -> tuple[int, int]:
    prep = add_course(db, Course("IOS-PREP", "IOS Preparatory Course", masl_id="D171001", min_ecl=80,
                                 length_weeks=6))
    acsc = add_course(db, Course("ACSC", "Air Command and Staff College", masl_id="D171020", length_weeks=44,
                                 prerequisite_codes=("IOS-PREP",)))
    return prep, acsc


def test_adding_a_course_with_a_prerequisite_lists_it_with_the_prerequisite_code(db: Database) -> None:
    _prep, acsc = _prep_and_acsc(db)
    by_code = {c.code: c for c in list_courses(db)}
    assert by_code["ACSC"].prerequisite_codes == ("IOS-PREP",)
    assert by_code["ACSC"].id == acsc
    assert by_code["IOS-PREP"].min_ecl == 80
    assert [c.code for c in list_courses(db)] == ["ACSC", "IOS-PREP"]


def test_a_course_reads_back_as_it_was_saved(db: Database) -> None:
    _prep, acsc = _prep_and_acsc(db)
    course = get_course(db, acsc)
    assert (course.title, course.masl_id, course.length_weeks, course.in_residence) == \
        ("Air Command and Staff College", "D171020", 44, True)


def test_a_course_needing_an_unknown_prerequisite_is_refused(db: Database) -> None:
    with pytest.raises(ValidationError, match="SOS-PREP"):
        add_course(db, Course("SOS", "Squadron Officer School", prerequisite_codes=("SOS-PREP",)))
    assert list_courses(db) == []


def test_a_course_without_a_code_or_title_is_refused_with_both_problems(db: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        add_course(db, Course(" ", ""))
    assert len(caught.value.problems) == 2


def test_a_second_course_with_the_same_code_is_refused(db: Database) -> None:
    _prep_and_acsc(db)
    with pytest.raises(ValidationError, match="already used"):
        add_course(db, Course("ACSC", "Another college"))


def test_updating_a_course_changes_its_prerequisites_and_is_audited(db: Database) -> None:
    _prep, acsc = _prep_and_acsc(db)
    add_course(db, Course("SOS", "Squadron Officer School"))
    course = get_course(db, acsc)
    course.prerequisite_codes = ("IOS-PREP", "SOS")
    course.min_ecl = 85
    update_course(db, course)
    again = get_course(db, acsc)
    assert again.prerequisite_codes == ("IOS-PREP", "SOS")
    assert again.min_ecl == 85
    actions = [r[0] for r in db.execute("SELECT action FROM audit_log WHERE table_name = 'courses' AND row_id = ?",
                                        [acsc])]
    assert actions == ["insert", "update"]


def test_a_course_cannot_require_itself(db: Database) -> None:
    _prep, acsc = _prep_and_acsc(db)
    course = get_course(db, acsc)
    course.prerequisite_codes = ("ACSC",)
    with pytest.raises(ValidationError, match="require itself"):
        update_course(db, course)


def test_a_missing_course_is_reported_by_id(db: Database) -> None:
    with pytest.raises(RecordNotFoundError, match="42"):
        get_course(db, 42)


def test_classes_are_listed_newest_start_first_with_head_counts(db: Database) -> None:
    _prep, acsc = _prep_and_acsc(db)
    old = add_class(db, TrainingClass(acsc, "ACSC AY2025", dt.date(2024, 7, 15), dt.date(2025, 6, 6), 60,
                                      "Maxwell AFB, Alabama"))
    new = add_class(db, TrainingClass(acsc, "ACSC AY2026", dt.date(2025, 7, 14), dt.date(2026, 6, 5), 60,
                                      "Maxwell AFB, Alabama"))
    for n, status in enumerate(["Enrolled", "Enrolled", "Completed", "Waitlisted"]):
        sid = add_student(db, Student(f"STUDENT{n}"))
        db.table("enrollments").insert(to_row(Enrollment(sid, new, status)))
    rows = list_classes(db)
    assert [r.id for r in rows] == [new, old]
    assert (rows[0].enrolled, rows[0].completed, rows[0].waitlisted) == (2, 1, 1)
    assert (rows[1].enrolled, rows[1].completed, rows[1].waitlisted) == (0, 0, 0)
    assert rows[0].course_code == "ACSC"
    assert rows[0].start_date == "2025-07-14"


def test_classes_of_one_course_leave_the_others_out(db: Database) -> None:
    prep, acsc = _prep_and_acsc(db)
    add_class(db, TrainingClass(prep, "IOS ACSC Prep 2026"))
    add_class(db, TrainingClass(acsc, "ACSC AY2026"))
    assert [r.designator for r in list_classes(db, course_id=prep)] == ["IOS ACSC Prep 2026"]


def test_a_class_ending_before_it_starts_is_refused(db: Database) -> None:
    _prep, acsc = _prep_and_acsc(db)
    with pytest.raises(ValidationError, match="before the start"):
        add_class(db, TrainingClass(acsc, "ACSC AY2026", dt.date(2026, 1, 1), dt.date(2025, 1, 1)))


def test_a_class_for_a_course_that_does_not_exist_is_refused(db: Database) -> None:
    with pytest.raises(ValidationError, match="not a course"):
        add_class(db, TrainingClass(99, "ACSC AY2026"))


def test_two_classes_with_one_designator_are_refused(db: Database) -> None:
    _prep, acsc = _prep_and_acsc(db)
    add_class(db, TrainingClass(acsc, "ACSC AY2026"))
    with pytest.raises(ValidationError, match="already used"):
        add_class(db, TrainingClass(acsc, "ACSC AY2026"))


def test_a_class_reads_back_and_updates(db: Database) -> None:
    _prep, acsc = _prep_and_acsc(db)
    class_id = add_class(db, TrainingClass(acsc, "ACSC AY2026", dt.date(2025, 7, 14), capacity=60))
    training_class = get_class(db, class_id)
    assert training_class.start_date == dt.date(2025, 7, 14)
    training_class.capacity = 65
    update_class(db, training_class)
    assert get_class(db, class_id).capacity == 65
    with pytest.raises(RecordNotFoundError):
        get_class(db, 999)


# --- seminars, deleting, saving with seminars --------------------------------------------------------------------

def test_a_class_is_saved_with_its_seminars_all_or_nothing(db: Database) -> None:
    from imet_desktop.store.courses import list_seminars, save_class

    _prep, acsc = _prep_and_acsc(db)
    class_id = save_class(db, TrainingClass(acsc, "ACSC AY2027", dt.date(2026, 7, 20), dt.date(2027, 6, 4), 72),
                          ["Seminar 01", "Seminar 02", "Seminar 01", " "])
    assert [s.name for s in list_seminars(db, class_id)] == ["Seminar 01", "Seminar 02"]
    with pytest.raises(ValidationError, match="longer than 100"):
        save_class(db, TrainingClass(acsc, "ACSC AY2028"), ["x" * 101])
    assert [r.designator for r in list_classes(db)] == ["ACSC AY2027"]


def test_removing_a_seminar_keeps_its_students_in_the_class(db: Database) -> None:
    from imet_desktop.store.courses import list_seminars, set_seminars

    _prep, acsc = _prep_and_acsc(db)
    class_id = add_class(db, TrainingClass(acsc, "ACSC AY2027"))
    set_seminars(db, class_id, ["Seminar 01", "Seminar 02"])
    seminar = list_seminars(db, class_id)[0]
    sid = add_student(db, Student("MENSAH"))
    db.table("enrollments").insert({**to_row(Enrollment(sid, class_id)), "seminar_id": seminar.id})
    set_seminars(db, class_id, ["Seminar 02", "Seminar 03"])
    assert [s.name for s in list_seminars(db, class_id)] == ["Seminar 02", "Seminar 03"]
    assert db.execute("SELECT seminar_id, status FROM enrollments").fetchone() == (None, "Enrolled")


def test_only_an_unused_class_or_course_can_be_deleted(db: Database) -> None:
    from imet_desktop.store.courses import delete_class, delete_course

    prep, acsc = _prep_and_acsc(db)
    used = add_class(db, TrainingClass(acsc, "ACSC AY2027"))
    unused = add_class(db, TrainingClass(acsc, "ACSC AY2028"))
    db.table("enrollments").insert(to_row(Enrollment(add_student(db, Student("MENSAH")), used)))
    with pytest.raises(ValidationError, match="1 enrollment"):
        delete_class(db, used)
    delete_class(db, unused)
    with pytest.raises(ValidationError, match="has 1 class"):
        delete_course(db, acsc)
    with pytest.raises(ValidationError, match="prerequisite of ACSC"):
        delete_course(db, prep)
    solo = add_course(db, Course("AWC", "Air War College"))
    delete_course(db, solo)
    assert [c.code for c in list_courses(db)] == ["ACSC", "IOS-PREP"]


def test_a_class_needs_no_minimum_but_one_above_its_seats_is_refused(db: Database) -> None:
    _prep, acsc = _prep_and_acsc(db)
    class_id = add_class(db, TrainingClass(acsc, "ACSC AY2026", capacity=60, minimum_seats=12))
    assert get_class(db, class_id).minimum_seats == 12
    assert get_class(db, add_class(db, TrainingClass(acsc, "ACSC AY2027"))).minimum_seats is None
    with pytest.raises(ValidationError, match="Minimum 61: is more than the class's 60 seats"):
        add_class(db, TrainingClass(acsc, "ACSC AY2028", capacity=60, minimum_seats=61))
