"""The day's list of records whose status is due to move: In training once the class starts, the outcome once the
last class has ended. Nothing moves by itself; the list says who, to what, and why."""

from __future__ import annotations

from sqlite_utils import Database

from imet_desktop.store.enrollments import assign
from imet_desktop.store.status_due import OUTCOME, status_due
from imet_desktop.store.students import change_status

from .placing import PLACED_ON, D, a_school, a_student


def test_arrived_students_are_due_for_in_training_once_their_class_starts(db: Database) -> None:
    school = a_school(db)
    owusu = a_student(db, "OWUSU")
    a_student(db, "MENSAH")  # not placed: nothing due
    assign(db, owusu, school.prep, today=PLACED_ON)
    assert status_due(db, D(2026, 6, 7)) == []  # the day before the class
    (row,) = status_due(db, D(2026, 6, 8))
    assert (row.student_id, row.status, row.due, row.why) == (
        owusu, "Arrived", "In training", "IOS ACSC Prep 2026 started on 08 JUN 2026")


def test_in_training_is_due_for_the_outcome_once_the_last_class_has_ended(db: Database) -> None:
    school = a_school(db)
    owusu = a_student(db, "OWUSU")
    assign(db, owusu, school.prep, today=PLACED_ON)
    change_status(db, owusu, "In training", D(2026, 6, 8))
    assert status_due(db, D(2026, 7, 17)) == []  # the last day of the class
    (row,) = status_due(db, D(2026, 7, 18))
    assert (row.due, row.why) == (OUTCOME, "IOS ACSC Prep 2026, the last class, ended on 17 JUL 2026: record the "
                                           "outcome")
    assert OUTCOME == "Graduated, Withdrawn or Eliminated"
    # a class still to come: not due yet
    assign(db, owusu, school.acsc, today=PLACED_ON)
    assert status_due(db, D(2026, 7, 18)) == []
    change_status(db, owusu, "Graduated", D(2027, 6, 4))
    assert status_due(db, D(2027, 6, 10)) == []
