"""A class's documents' data: its roster, the completion certificates, the students' academic reports.

Reads the store's records and words them into the documents' plain dataclasses; a missing class,
student or enrollment raises RecordNotFoundError.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlite_utils import Database

from imet_desktop.documents.academic_report import AcademicReportData, OtherTraining
from imet_desktop.documents.data import ClassRosterData, CourseCertificateData, RosterStudent
from imet_desktop.domain.names import printed_name
from imet_desktop.domain.records import EnrollmentStatus
from imet_desktop.ops.wording import formal_country, native_line, printed_rank
from imet_desktop.store import printouts
from imet_desktop.store.class_lists import student_enrollments
from imet_desktop.store.courses import get_class, get_course
from imet_desktop.store.db import current_user
from imet_desktop.store.errors import RecordNotFoundError
from imet_desktop.store.fsp import student_topics
from imet_desktop.store.reports import enrollment_of, reported_enrollment_ids
from imet_desktop.store.students import get_student

# Enrollments that receive a course certificate or appear on the roster.
CERTIFICATE_STATUSES = (EnrollmentStatus.COMPLETED, EnrollmentStatus.ENROLLED)
ROSTER_STATUSES = (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED)


def class_roster(db: Database, class_id: int, include_personal: bool = False,
                 prepared_by: str = "") -> ClassRosterData:
    """The class roster (enrolled and completed students by name); personal data only when asked for."""
    klass = printouts.class_facts(db, class_id)
    students = tuple(
        RosterStudent(
            name=printed_name(s.family_name, s.given_names, s.country_code), country=s.country_name,
            rank=printed_rank(s.country_rank, s.us_rank), service=s.service, seminar=s.seminar, ecl=s.ecl_score,
            arrival_date=s.arrival_date, email=s.email,
            date_of_birth=s.date_of_birth if include_personal else None,
            passport_number=s.passport_number if include_personal else "",
            passport_expiry=s.passport_expiry if include_personal else None)
        for s in printouts.class_students(db, class_id, ROSTER_STATUSES))
    return ClassRosterData(f"Class {klass.id} ({klass.designator})", klass.course_title, klass.designator,
                           klass.start, klass.end, students, include_personal, prepared_by)


def course_certificates(db: Database, class_id: int,
                        student_ids: Sequence[int] | None = None) -> list[CourseCertificateData]:
    """Course completion certificates for a class's students who completed it or are finishing it."""
    klass = printouts.class_facts(db, class_id)
    rows = printouts.class_students(db, class_id, CERTIFICATE_STATUSES)
    if student_ids is not None:
        wanted = set(student_ids)
        missing = sorted(wanted - {s.student_id for s in rows})
        if missing:
            raise RecordNotFoundError(f"student {', '.join(map(str, missing))} is not a graduate of class {class_id}")
        rows = [s for s in rows if s.student_id in wanted]
    certificates = []
    for s in rows:
        name = printed_name(s.family_name, s.given_names, s.country_code)
        certificates.append(CourseCertificateData(
            f"Student {s.student_id}", name, formal_country(s.country_official_name, s.country_name),
            klass.course_title, klass.designator, klass.start, klass.end, name_native=native_line(s.native_name, name),
            rank=printed_rank(s.country_rank, s.us_rank), distinction=s.distinction))
    return certificates


def academic_report_data(db: Database, enrollment_id: int, *, report_date: dt.date | None = None,
                         remarks: str | None = None) -> AcademicReportData:
    """One student's academic report for one enrollment."""
    student_id, class_id = enrollment_of(db, enrollment_id)
    student = get_student(db, student_id)
    training_class = get_class(db, class_id)
    course = get_course(db, training_class.course_id)
    enrollments = student_enrollments(db, student_id)
    this = next(e for e in enrollments if e.enrollment_id == enrollment_id)
    others = tuple(OtherTraining(e.designator, e.course_title, e.status, e.outcome_date)
                   for e in enrollments if e.enrollment_id != enrollment_id
                   and e.status != EnrollmentStatus.WAITLISTED)
    covered, lacking = student_topics(db, student_id)
    country = printouts.country_names(db).get(student.country_code, student.country_code)
    note = this.note if remarks is None else remarks
    if this.override_reason:
        waiver = f"Admitted by waiver: {this.override_reason}."
        note = f"{note}\n{waiver}" if note else waiver
    return AcademicReportData(
        record=f"Enrollment {enrollment_id}", name_latin=student.legal_name, country=country,
        course_title=course.title, class_designator=training_class.designator, outcome=this.status,
        name_native=student.native_name, rank=student.country_rank, service=student.service,
        course_code=course.code, masl_id=course.masl_id, start_date=training_class.start_date,
        end_date=training_class.end_date, location=training_class.location, seminar=this.seminar,
        outcome_date=this.outcome_date, distinction=this.distinction, ecl_score=student.ecl_score,
        min_ecl=course.min_ecl, fsp_covered=covered, fsp_lacking=lacking, remarks=note,
        other_training=others, wcn=student.wcn, ito_number=student.ito_number, prepared_by=current_user(),
        report_date=report_date or dt.date.today())


def class_academic_reports(db: Database, class_id: int, *, report_date: dt.date | None = None
                           ) -> list[AcademicReportData]:
    """Academic reports for everyone whose enrollment in the class has ended (or is current), by name."""
    return [academic_report_data(db, i, report_date=report_date) for i in reported_enrollment_ids(db, class_id)]
