"""A small school for the placement tests: the preparatory course, ACSC, SOS, their classes and students."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from imet_desktop.domain.records import Course, Student, TrainingClass
from imet_desktop.store.courses import add_class, add_course
from imet_desktop.store.students import add_student

D = dt.date
FIRST_OF_JUNE = D(2026, 6, 1)
PLACED_ON = D(2026, 6, 2)  # the day the placements of these tests are made: before every class has ended


@dataclass
class School:
    prep: int  # class ids
    acsc: int
    sos: int
    prep_course: int
    acsc_course: int


def a_school(db: Database, *, acsc_seats: int | None = 60, prep_seats: int | None = 60) -> School:
    """IOS-PREP (ECL 80) before ACSC (ECL 80), and SOS overlapping ACSC; one class of each."""
    prep_course = add_course(db, Course("IOS-PREP", "International Officer School Preparatory Course",
                                        masl_id="D171001", min_ecl=80, length_weeks=6))
    acsc_course = add_course(db, Course("ACSC", "Air Command and Staff College", masl_id="D171020", min_ecl=80,
                                        length_weeks=44, prerequisite_codes=("IOS-PREP",)))
    sos_course = add_course(db, Course("SOS", "Squadron Officer School", min_ecl=80, length_weeks=8))
    prep = add_class(db, TrainingClass(prep_course, "IOS ACSC Prep 2026", D(2026, 6, 8), D(2026, 7, 17), prep_seats,
                                       "Maxwell AFB, Alabama"))
    acsc = add_class(db, TrainingClass(acsc_course, "ACSC AY2027", D(2026, 7, 20), D(2027, 6, 4), acsc_seats,
                                       "Maxwell AFB, Alabama"))
    sos = add_class(db, TrainingClass(sos_course, "SOS 27A", D(2026, 10, 12), D(2026, 12, 4), 36))
    return School(prep, acsc, sos, prep_course, acsc_course)


def a_student(db: Database, family: str, ecl: int | None = 85, *, status: str = "Arrived", country: str = "GH",
              given: str = "Kwame", arrival: dt.date | None = FIRST_OF_JUNE) -> int:
    """An arrived student ready to place."""
    return add_student(db, Student(legal_family_name=family, legal_given_names=given, country_code=country,
                                   ecl_score=ecl, status=status, arrival_date=arrival, country_rank="Major"),
                       today=D(2026, 6, 1))
