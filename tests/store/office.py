"""A small office where every Overview figure is known by hand, as of Wednesday 10 June 2026.

Students (status, country, arrival → departure):
- MENSAH      Arrived,     GH, 01 JUN 2026 → none;  enrolled in SOS 26C (ends 11 SEP)   in residence
- OWUSU       In training, GH, 02 MAR 2026 → none;  enrolled in IOS Prep (ends 03 JUL)  in residence, departing
- SCHMIDT     Graduated,   DE, 01 AUG 2025 → 20 JUN 2026                            in residence, departing, alumnus
- NOCOUNTRY   Arrived,     —,  08 JUN 2026 → none;  enrolled in SOS 26C              in residence
- WAGNER      Withdrawn,   DE, 05 JAN 2026 → 15 JUN 2026                            in residence, departing
- SOMCHAI     Projected,   TH, 25 JUN 2026                                           arriving
- LATE        Projected,   TH, 05 JUN 2026                                           not yet reported
- OLDGRAD     Graduated,   DE, 1999 → none (imported without a departure)           alumnus; nominated
- GONE        Graduated,   GH, 01 JUL 2025 → 30 MAY 2026                            alumnus; nominated, cleared
- ARCHIVED    Arrived,     GH, 02 JUN 2026                                           never counted
- HONOREE1/2/3 Graduated (TH, —, DE), 1990 → 1991                                    alumni; inducted 2010, 2012, 2012
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from imet_desktop.domain.eligibility import SchoolAttended
from imet_desktop.domain.records import (
    Ceremony,
    CeremonyTask,
    Course,
    Nomination,
    Position,
    Student,
    TrainingClass,
)
from imet_desktop.store.ceremonies import add_ceremony, add_task, set_task_done
from imet_desktop.store.clearances import clearance_steps, set_clearance
from imet_desktop.store.courses import add_class, add_course
from imet_desktop.store.db import open_database
from imet_desktop.store.enrollments import assign
from imet_desktop.store.honor_roll import (
    add_induction,
    add_nomination,
    add_position,
    add_school,
    change_nomination_status,
)
from imet_desktop.store.students import add_student, archive_students

D = dt.date
ON = D(2026, 6, 10)  # a Wednesday


@dataclass
class Office:
    ids: dict[str, int]
    sos_c: int
    sos_d: int
    planned: int  # the ceremony with dated tasks
    undated: int  # the newest ceremony: no date yet


def _student(db: Database, family: str, status: str, country: str, arrival: dt.date | None,
             departure: dt.date | None = None, *, funding: str = "IMET", service: str = "Air Force") -> int:
    return add_student(db, Student(legal_family_name=family, legal_given_names="Test", country_code=country,
                                   status=status, arrival_date=arrival, departure_date=departure, ecl_score=90,
                                   funding_program=funding, service=service), today=D(2026, 1, 1))


def an_office(db: Database) -> Office:
    """The office described in this module's docstring."""
    ids = {
        "MENSAH": _student(db, "MENSAH", "Arrived", "GH", D(2026, 6, 1), service="Ghana Air Force"),
        "OWUSU": _student(db, "OWUSU", "In training", "GH", D(2026, 3, 2), service="Ghana Air Force"),
        "SCHMIDT": _student(db, "SCHMIDT", "Graduated", "DE", D(2025, 8, 1), D(2026, 6, 20), funding="FMS",
                            service="Luftwaffe"),
        "NOCOUNTRY": _student(db, "NOCOUNTRY", "Arrived", "", D(2026, 6, 8), service=""),
        "WAGNER": _student(db, "WAGNER", "Withdrawn", "DE", D(2026, 1, 5), D(2026, 6, 15), funding="FMS",
                           service="Luftwaffe"),
        "SOMCHAI": _student(db, "SOMCHAI", "Projected", "TH", D(2026, 6, 25)),
        "LATE": _student(db, "LATE", "Projected", "TH", D(2026, 6, 5)),
        "OLDGRAD": _student(db, "OLDGRAD", "Graduated", "DE", D(1999, 7, 1)),
        "GONE": _student(db, "GONE", "Graduated", "GH", D(2025, 7, 1), D(2026, 5, 30)),
        "ARCHIVED": _student(db, "ARCHIVED", "Arrived", "GH", D(2026, 6, 2)),
        "HONOREE1": _student(db, "HONOREE1", "Graduated", "TH", D(1990, 7, 1), D(1991, 6, 1)),
        "HONOREE2": _student(db, "HONOREE2", "Graduated", "", D(1990, 7, 1), D(1991, 6, 1)),
        "HONOREE3": _student(db, "HONOREE3", "Graduated", "DE", D(1990, 7, 1), D(1991, 6, 1)),
    }
    archive_students(db, [ids["ARCHIVED"]])

    prep_course = add_course(db, Course("IOS-PREP", "Preparatory course", min_ecl=80))
    sos = add_course(db, Course("SOS", "Squadron Officer School", min_ecl=80))
    prep = add_class(db, TrainingClass(prep_course, "IOS Prep 26B", D(2026, 5, 25), D(2026, 7, 3), 10))
    sos_c = add_class(db, TrainingClass(sos, "SOS 26C", D(2026, 7, 20), D(2026, 9, 11), 2))
    sos_d = add_class(db, TrainingClass(sos, "SOS 26D", D(2026, 8, 17), D(2026, 10, 9), None, minimum_seats=4))
    add_class(db, TrainingClass(sos, "SOS 26E", D(2026, 9, 30), D(2026, 11, 20), 30))  # starts after 90 days
    add_class(db, TrainingClass(sos, "SOS undated"))  # no dates yet: not in the coming 90 days
    assign(db, ids["OWUSU"], prep, today=D(2026, 5, 1))
    assign(db, ids["MENSAH"], sos_c, today=D(2026, 5, 1))
    assign(db, ids["NOCOUNTRY"], sos_c, today=D(2026, 5, 1))
    assign(db, ids["OWUSU"], sos_c, today=D(2026, 5, 1))  # the class is full: the waitlist
    assign(db, ids["SOMCHAI"], sos_d, today=D(2026, 5, 1))

    waiting = add_nomination(db, Nomination(ids["OLDGRAD"], "Embassy of Germany", nomination_date=D(2026, 5, 1)))
    cleared = add_nomination(db, Nomination(ids["GONE"], "Embassy of Ghana", nomination_date=D(2026, 5, 1)))
    for step in clearance_steps(db):
        set_clearance(db, cleared, step, D(2026, 5, 20), "clerk")
    set_clearance(db, waiting, clearance_steps(db)[0], D(2026, 5, 20), "clerk")  # one step of several: still waiting

    held = add_ceremony(db, Ceremony("Induction 2012", D(2012, 4, 20), status="Held"))
    add_induction(db, ids["HONOREE1"], D(2010, 4, 16))
    add_induction(db, ids["HONOREE2"], D(2012, 4, 20), ceremony_id=held)
    add_induction(db, ids["HONOREE3"], D(2012, 4, 20), ceremony_id=held)

    planned = add_ceremony(db, Ceremony("Induction 2026", D(2026, 6, 20)))
    add_task(db, CeremonyTask(planned, "Send invitations", -14))  # due 06 JUN: overdue
    add_task(db, CeremonyTask(planned, "Order plaques", -5))  # due 15 JUN: within 14 days
    done = add_task(db, CeremonyTask(planned, "Book the hall", -2))  # due 18 JUN, done
    set_task_done(db, done, D(2026, 6, 1))
    add_task(db, CeremonyTask(planned, "Thank-you letters", 10))  # due 30 JUN: later than 14 days
    undated = add_ceremony(db, Ceremony("Induction 2027"))
    add_task(db, CeremonyTask(undated, "Choose a date", -30))  # no date: no due date
    return Office(ids, sos_c, sos_d, planned, undated)


def approved_graduate(db: Database, family: str, country: str, given: str = "Test") -> tuple[int, int]:
    """(student id, nomination id) of an eligible graduate whose nomination is approved."""
    sid = add_student(db, Student(family, given, country_code=country, country_rank="General"))
    add_school(db, sid, SchoolAttended("ACSC", 2005))
    add_position(db, Position(sid, f"Commander, {country} Air Force", category="Commander of the Air Force",
                              appointment_date=dt.date(2025, 1, 1)))
    nid = add_nomination(db, Nomination(sid, "SCO", nomination_date=dt.date(2026, 1, 1)))
    change_nomination_status(db, nid, "Verified", dt.date(2026, 2, 1))
    for step in clearance_steps(db):
        set_clearance(db, nid, step, dt.date(2026, 3, 1))
    change_nomination_status(db, nid, "Approved", dt.date(2026, 3, 2))
    return sid, nid


def an_office_file(path: Path) -> Office:
    """The office of this module's docstring written to a new database file (closed again)."""
    with contextlib.closing(open_database(path)) as db:
        return an_office(db)
