"""Rules a record must meet. Each check returns every problem at once, never the first only."""

from __future__ import annotations

import datetime as dt
import functools
import operator
import re
from typing import Any

from imet_desktop.domain.countries import country_by_code
from imet_desktop.domain.problems import Problem
from imet_desktop.domain.records import (
    SEXES,
    Ceremony,
    Course,
    FundingProgram,
    Guest,
    Student,
    StudentStatus,
    TrainingClass,
)

# The clerk's labels for each student field, grouped as the record editor shows them.
STUDENT_FIELD_GROUPS: dict[str, dict[str, str]] = {
    "Identity": {
        "legal_family_name": "Legal family name",
        "legal_given_names": "Legal given names",
        "display_name": "Display name",
        "native_name": "Name in native script",
        "pronunciation": "Pronunciation",
        "sex": "Sex",
        "date_of_birth": "Date of birth",
        "place_of_birth": "Place of birth",
        "country_code": "Country",
    },
    "Service": {
        "service": "Service",
        "country_rank": "Country rank",
        "us_rank": "US-equivalent rank",
        "pay_grade": "Pay grade",
        "service_number": "Service number",
    },
    "Orders": {
        "funding_program": "Funding program",
        "fms_case_id": "FMS case",
        "ito_number": "ITO number",
        "wcn": "WCN",
        "arrival_date": "Arrival date",
        "arrival_airport": "Arrival airport",
        "departure_date": "Departure date",
        "status": "Status",
        "sponsor": "Sponsor",
        "dependents": "Dependents",
    },
    "Passport and visa": {
        "passport_number": "Passport number",
        "passport_expiry": "Passport expiry",
        "visa_type": "Visa type",
        "visa_number": "Visa number",
    },
    "Training": {"ecl_score": "ECL score"},
    "Contact": {"email": "E-mail", "phone": "Phone"},
    "Notes": {"notes": "Notes"},
}
STUDENT_FIELD_LABELS: dict[str, str] = {
    name: label for group in STUDENT_FIELD_GROUPS.values() for name, label in group.items()
}
# Fields that are personal data (CUI, privacy): printouts and exports carrying them are marked.
PERSONAL_FIELDS = frozenset(
    {"date_of_birth", "place_of_birth", "passport_number", "passport_expiry", "visa_number",
     "service_number"}
)

MAX_TEXT_LENGTH = 2_000
MAX_NOTES_LENGTH = 100_000
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_EARLIEST_BIRTH = dt.date(1900, 1, 1)


UNKNOWN_COUNTRY = "is not a known country code"
"""The problem of a country code the program does not ship (the store accepts the office's own, added by hand)."""

def _label(name: str) -> str:
    return STUDENT_FIELD_LABELS.get(name, name.replace("_", " ").capitalize())


@functools.lru_cache(maxsize=16)
def _getter(names: tuple[str, ...]) -> operator.attrgetter[Any]:
    return operator.attrgetter(*names)


def _check_text_lengths(record: object, names: list[str], problems: list[Problem]) -> None:
    # Most records hold less text in all their fields together than one field may: one join and one search
    # say so (a file of 100,000 rows is checked here 100,000 times); otherwise each field is looked at.
    if len(names) > 1:
        getter = _STUDENT_TEXT if names is _STUDENT_TEXT_FIELDS else _getter(tuple(names))
        together = "".join([v for v in getter(record) if isinstance(v, str)])
        if len(together) <= MAX_TEXT_LENGTH and "\x00" not in together:
            return
    for name in names:
        value = getattr(record, name)
        if not isinstance(value, str) or (len(value) <= MAX_TEXT_LENGTH and "\x00" not in value):
            continue
        limit = MAX_NOTES_LENGTH if name in {"notes", "evidence", "citation"} else MAX_TEXT_LENGTH
        if len(value) > limit:
            problems.append(Problem(_label(name), f"{value[:20]}…",
                                    f"is {len(value):,} characters long; the limit is {limit:,}"))
        if "\x00" in value:
            problems.append(Problem(_label(name), value[:20], "contains a NUL character"))


def validate_student(student: Student, today: dt.date | None = None) -> list[Problem]:
    """Every problem with a student record; an empty list means it may be saved."""
    today = today or dt.date.today()
    problems: list[Problem] = []
    if not student.legal_family_name.strip():
        problems.append(Problem(_label("legal_family_name"), student.legal_family_name,
                                "is required (a one-word name goes here)"))
    if student.sex not in SEXES:
        problems.append(Problem(_label("sex"), student.sex, "must be M, F or left blank"))
    if student.country_code:
        try:
            country_by_code(student.country_code)
        except KeyError:
            problems.append(Problem(_label("country_code"), student.country_code,
                                    UNKNOWN_COUNTRY))
    if student.ecl_score is not None and not 0 <= student.ecl_score <= 100:
        problems.append(Problem(_label("ecl_score"), student.ecl_score, "must be between 0 and 100"))
    if student.email and not _EMAIL.match(student.email):
        problems.append(Problem(_label("email"), student.email, "is not an e-mail address"))
    if student.status not in _STATUSES:
        problems.append(Problem(_label("status"), student.status,
                                "must be one of " + ", ".join(s.value for s in StudentStatus)))
    if student.funding_program and student.funding_program not in _FUNDING:
        problems.append(Problem(_label("funding_program"), student.funding_program,
                                "must be one of " + ", ".join(f.value for f in FundingProgram)))
    birth = student.date_of_birth
    if birth is not None:
        if birth > today:
            problems.append(Problem(_label("date_of_birth"), birth.isoformat(), "is in the future"))
        elif birth < _EARLIEST_BIRTH:
            problems.append(Problem(_label("date_of_birth"), birth.isoformat(),
                                    "is before 1900"))
    if birth is not None and student.arrival_date is not None and student.arrival_date < birth:
        problems.append(Problem(_label("arrival_date"), student.arrival_date.isoformat(),
                                "is before the date of birth"))
    if (student.arrival_date is not None and student.departure_date is not None
            and student.departure_date < student.arrival_date):
        problems.append(Problem(_label("departure_date"), student.departure_date.isoformat(),
                                "is before the arrival date"))
    _check_text_lengths(student, _STUDENT_TEXT_FIELDS, problems)
    return problems


_STATUSES = frozenset(s.value for s in StudentStatus)
_FUNDING = frozenset(f.value for f in FundingProgram)
_STUDENT_TEXT_FIELDS = [n for n in STUDENT_FIELD_LABELS if n not in {"date_of_birth", "passport_expiry", "arrival_date",
                                                                     "departure_date", "ecl_score"}]
_STUDENT_TEXT = operator.attrgetter(*_STUDENT_TEXT_FIELDS)


def validate_course(course: Course) -> list[Problem]:
    """Every problem with a catalogue entry."""
    problems: list[Problem] = []
    if not course.code.strip():
        problems.append(Problem("Code", course.code, "is required"))
    if not course.title.strip():
        problems.append(Problem("Title", course.title, "is required"))
    if course.min_ecl is not None and not 0 <= course.min_ecl <= 100:
        problems.append(Problem("Minimum ECL", course.min_ecl, "must be between 0 and 100"))
    if course.length_weeks is not None and course.length_weeks <= 0:
        problems.append(Problem("Length (weeks)", course.length_weeks, "must be positive"))
    if course.code in course.prerequisite_codes:
        problems.append(Problem("Prerequisites", course.code, "a course cannot require itself"))
    return problems


def validate_class(training_class: TrainingClass) -> list[Problem]:
    """Every problem with a class."""
    problems: list[Problem] = []
    if not training_class.designator.strip():
        problems.append(Problem("Designator", training_class.designator, "is required"))
    start, end = training_class.start_date, training_class.end_date
    if start is not None and end is not None and end < start:
        problems.append(Problem("End date", end.isoformat(), "is before the start date"))
    if training_class.capacity is not None and training_class.capacity < 0:
        problems.append(Problem("Capacity", training_class.capacity, "cannot be negative"))
    minimum = training_class.minimum_seats
    if minimum is not None and minimum < 0:
        problems.append(Problem("Minimum", minimum, "cannot be negative"))
    elif minimum is not None and training_class.capacity is not None and minimum > training_class.capacity:
        problems.append(Problem("Minimum", minimum, f"is more than the class's {training_class.capacity} seats"))
    return problems


def validate_ceremony(ceremony: Ceremony) -> list[Problem]:
    """Every problem with a ceremony's details."""
    problems: list[Problem] = []
    if not ceremony.title.strip():
        problems.append(Problem("Title", ceremony.title, "is required"))
    if ceremony.ceremony_time and not re.match(r"^([01]\d|2[0-3]):[0-5]\d$", ceremony.ceremony_time):
        problems.append(Problem("Time", ceremony.ceremony_time, "must be HH:MM, 24-hour"))
    return problems


def validate_guest(guest: Guest) -> list[Problem]:
    """Every problem with a guest."""
    problems: list[Problem] = []
    if not guest.name.strip():
        problems.append(Problem("Name", guest.name, "is required"))
    if guest.country_code:
        try:
            country_by_code(guest.country_code)
        except KeyError:
            problems.append(Problem("Country", guest.country_code, UNKNOWN_COUNTRY))
    return problems
