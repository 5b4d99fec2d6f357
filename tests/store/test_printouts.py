"""What the printed documents read: the courses many inductees attended, read at once."""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from imet_desktop.domain.eligibility import SchoolAttended
from imet_desktop.domain.records import Course, Student, TrainingClass
from imet_desktop.store import printouts
from imet_desktop.store.courses import add_class, add_course
from imet_desktop.store.honor_roll import add_school, list_schools
from imet_desktop.store.students import add_student


def _class(db: Database, code: str, designator: str, start: dt.date, in_residence: bool = True) -> int:
    course = add_course(db, Course(code, f"{code} course", in_residence=in_residence))
    return add_class(db, TrainingClass(course, designator, start, start + dt.timedelta(days=300)))


def test_the_schools_of_many_students_read_at_once_are_those_listed_one_by_one(db: Database) -> None:
    acsc = _class(db, "ACSC", "ACSC AY2024", dt.date(2023, 8, 1))
    sos = _class(db, "SOS", "SOS 24A", dt.date(2023, 1, 9), in_residence=False)
    silva = add_student(db, Student("SILVA", "Ana", country_code="BR"))
    kim = add_student(db, Student("KIM", "Min-jun", country_code="KR"))
    nagy = add_student(db, Student("NAGY", "Győző", country_code="HU"))
    nobody = add_student(db, Student("MENSAH", "Kofi", country_code="GH"))
    for sid, class_id, status in ((silva, acsc, "Completed"), (silva, sos, "Enrolled"), (kim, sos, "Completed"),
                                  (kim, acsc, "Withdrawn")):
        db.execute("INSERT INTO enrollments (student_id, class_id, status) VALUES (?, ?, ?)", [sid, class_id, status])
    add_school(db, silva, SchoolAttended("AWC", 2010, source="AU registrar transcript"))
    add_school(db, nagy, SchoolAttended("AWC", None, completed=False, source="withdrew"))
    add_school(db, nagy, SchoolAttended("SOS", 1996, in_residence=False))
    add_school(db, nagy, SchoolAttended("ACSC", 2001))

    found = printouts.schools_attended(db, [nagy, silva, nobody, kim, silva])

    assert found == {sid: list_schools(db, sid) for sid in (silva, kim, nagy)}
    assert [s.label for s in found[silva]] == ["SOS 2023", "ACSC 2024", "AWC 2010"]
    assert nobody not in found
