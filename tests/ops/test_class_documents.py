"""What a class's printed documents are filled with, read from a demo database."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from imet_desktop.ops import class_documents as classes
from imet_desktop.store.enrollments import assign, record_outcome
from imet_desktop.store.errors import RecordNotFoundError
from imet_desktop.store.reports import completed_student_ids
from tests.ops.conftest import PLANNED, inductee_ids
from tests.store.placing import PLACED_ON, D, a_school, a_student

# --- classes ---------------------------------------------------------------------------------------------------

def a_class_with_students(db: Database) -> int:
    row = db.execute("SELECT class_id FROM enrollments WHERE status IN ('Enrolled', 'Completed') "
                     "GROUP BY class_id ORDER BY count(*) DESC LIMIT 1").fetchone()
    return int(row[0])


def test_the_class_roster_lists_its_students_by_name_without_personal_data_unless_asked(demo: Database) -> None:
    class_id = a_class_with_students(demo)
    roster = classes.class_roster(demo, class_id)
    count = int(demo.execute("SELECT count(*) FROM enrollments WHERE class_id = ? AND status IN "
                             "('Enrolled', 'Completed')", [class_id]).fetchone()[0])
    assert len(roster.students) == count
    assert roster.course_title and roster.class_designator
    assert not any(s.passport_number or s.date_of_birth for s in roster.students)
    personal = classes.class_roster(demo, class_id, include_personal=True)
    assert personal.include_personal and any(s.passport_number for s in personal.students)
    with pytest.raises(RecordNotFoundError, match="there is no class with id 99999"):
        classes.class_roster(demo, 99999)


def test_course_certificates_carry_the_course_the_class_and_any_distinction(demo: Database) -> None:
    class_id = a_class_with_students(demo)
    sid = int(demo.execute("SELECT student_id FROM enrollments WHERE class_id = ? AND status IN "
                           "('Enrolled', 'Completed') LIMIT 1", [class_id]).fetchone()[0])
    demo.execute("UPDATE enrollments SET distinction = 'Distinguished Graduate' WHERE class_id = ? AND student_id = ?",
                 [class_id, sid])
    demo.conn.commit()
    certificates = classes.course_certificates(demo, class_id)
    assert len(certificates) == len(classes.class_roster(demo, class_id).students)
    (mine,) = classes.course_certificates(demo, class_id, [sid])
    assert mine.distinction == "Distinguished Graduate"
    assert mine.course_title == classes.class_roster(demo, class_id).course_title
    with pytest.raises(RecordNotFoundError, match="is not a graduate of class"):
        classes.course_certificates(demo, class_id, [inductee_ids(demo, PLANNED)[0]])


# --- academic reports -------------------------------------------------------------------------------------------

def test_an_academic_report_gathers_the_students_course_fsp_and_other_training(db: Database) -> None:
    from imet_desktop.store import fsp

    school = a_school(db)
    sid = a_student(db, "MENSAH", 76)
    prep = assign(db, sid, school.prep, override_reason="ECL 76 accepted by the Commandant",
                  today=PLACED_ON).enrollment_id or 0
    assign(db, sid, school.acsc, override_reason="ECL 76 accepted by the Commandant", today=PLACED_ON)
    event = fsp.add_event(db, fsp.FspEvent(D(2026, 6, 20), "Court", topics=("Law of war",)))
    fsp.set_attendance(db, event, [sid], True)
    record_outcome(db, prep, "Completed", D(2026, 7, 17), distinction="Distinguished Graduate", note="Top essay")
    data = classes.academic_report_data(db, prep, report_date=D(2026, 7, 20))
    assert (data.name_latin, data.country, data.course_code, data.outcome, data.distinction) == \
        ("MENSAH, Kwame", "Ghana", "IOS-PREP", "Completed", "Distinguished Graduate")
    assert (data.ecl_score, data.min_ecl, data.outcome_date) == (76, 80, D(2026, 7, 17))
    assert data.fsp_covered == ("Law of war",) and len(data.fsp_lacking) == 10
    assert [t.class_designator for t in data.other_training] == ["ACSC AY2027"]
    assert data.remarks == "Top essay\nAdmitted by waiver: ECL 76 accepted by the Commandant."
    assert [r.record for r in classes.class_academic_reports(db, school.prep)] == [f"Enrollment {prep}"]
    assert completed_student_ids(db, school.prep) == [sid]
