"""The office's records as plain dataclasses. No Qt, no SQL: the store maps rows to these."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from imet_desktop.domain import names


class StudentStatus(StrEnum):
    """Where a student stands, in the order a career normally runs."""

    PROJECTED = "Projected"
    ARRIVED = "Arrived"
    IN_TRAINING = "In training"
    GRADUATED = "Graduated"
    WITHDRAWN = "Withdrawn"
    ELIMINATED = "Eliminated"


class FundingProgram(StrEnum):
    """Who pays for the student's training."""

    IMET = "IMET"
    FMS = "FMS"
    CTFP = "CTFP"
    SEC_333 = "Sec 333"
    INL = "INL"
    OTHER = "Other"


class EnrollmentStatus(StrEnum):
    """A student's standing in one class."""

    ENROLLED = "Enrolled"
    WAITLISTED = "Waitlisted"
    COMPLETED = "Completed"
    WITHDRAWN = "Withdrawn"
    ELIMINATED = "Eliminated"


class NominationStatus(StrEnum):
    """The Honor Roll nomination's progress."""

    NOMINATED = "Nominated"
    VERIFIED = "Verified"
    APPROVED = "Approved"
    DECLINED = "Declined"
    INDUCTED = "Inducted"


class CeremonyStatus(StrEnum):
    """Whether a ceremony is still being planned."""

    PLANNED = "Planned"
    HELD = "Held"
    CANCELLED = "Cancelled"


class Rsvp(StrEnum):
    """A guest's answer to the invitation."""

    INVITED = "Invited"
    ACCEPTED = "Accepted"
    DECLINED = "Declined"
    NO_ANSWER = "No answer"


SEXES = {"M": "Male", "F": "Female", "": "Not recorded"}


@dataclass(slots=True)
class Student:
    """An international military student (or a graduate from before the database)."""

    legal_family_name: str
    legal_given_names: str = ""
    display_name: str = ""
    native_name: str = ""
    pronunciation: str = ""
    sex: str = ""
    date_of_birth: dt.date | None = None
    place_of_birth: str = ""
    country_code: str = ""
    service: str = ""
    country_rank: str = ""
    us_rank: str = ""
    pay_grade: str = ""
    service_number: str = ""
    passport_number: str = ""
    passport_expiry: dt.date | None = None
    visa_type: str = ""
    visa_number: str = ""
    email: str = ""
    phone: str = ""
    funding_program: str = ""
    fms_case_id: str = ""
    ito_number: str = ""
    wcn: str = ""
    ecl_score: int | None = None
    arrival_date: dt.date | None = None
    arrival_airport: str = ""
    departure_date: dt.date | None = None
    status: str = StudentStatus.PROJECTED.value
    sponsor: str = ""
    dependents: str = ""
    notes: str = ""
    id: int | None = None
    version: int = field(default=0, compare=False)  # as loaded; 0: not loaded (store.versions)
    archived_at: str | None = None

    @property
    def legal_name(self) -> str:
        """FAMILY, Given: the roster form; the family name as stored (see domain.names)."""
        return names.legal_name(self.legal_family_name, self.legal_given_names)

    @property
    def printed_name(self) -> str:
        """The name as certificates print it: family name in capitals, in the country's order."""
        return names.printed_name(self.legal_family_name, self.legal_given_names, self.country_code)


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One entry of a student's status history."""

    status: str
    effective_date: dt.date
    note: str = ""
    recorded_at: str = ""
    recorded_by: str = ""


@dataclass(slots=True)
class Course:
    """A course in the catalogue (IOS preparatory, SOS, ACSC, AWC, SAASS...)."""

    code: str
    title: str
    masl_id: str = ""
    min_ecl: int | None = None
    length_weeks: int | None = None
    prerequisite_codes: tuple[str, ...] = ()
    in_residence: bool = True
    id: int | None = None
    version: int = field(default=0, compare=False)  # as loaded; 0: not loaded (store.versions)


@dataclass(slots=True)
class TrainingClass:
    """One offering of a course: "ACSC AY2027", "SOS 27C"."""

    course_id: int
    designator: str
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    capacity: int | None = None  # seats for internationals
    location: str = ""
    id: int | None = None
    version: int = field(default=0, compare=False)  # as loaded; 0: not loaded (store.versions)
    minimum_seats: int | None = None  # internationals the class needs to run (None: no minimum)


@dataclass(slots=True)
class Enrollment:
    """A student's place in a class and how it ended."""

    student_id: int
    class_id: int
    status: str = EnrollmentStatus.ENROLLED.value
    enrolled_date: dt.date | None = None
    outcome_date: dt.date | None = None
    distinction: str = ""
    note: str = ""
    id: int | None = None
    version: int = field(default=0, compare=False)  # as loaded; 0: not loaded (store.versions)


@dataclass(slots=True)
class Position:
    """A position a graduate has held at home."""

    student_id: int
    title: str
    organisation: str = ""
    category: str = ""
    appointment_date: dt.date | None = None
    end_date: dt.date | None = None
    source: str = ""
    id: int | None = None
    version: int = field(default=0, compare=False)  # as loaded; 0: not loaded (store.versions)


@dataclass(slots=True)
class Nomination:
    """A graduate proposed for the Honor Roll."""

    student_id: int
    nominated_by: str
    nominated_by_kind: str = ""
    nomination_date: dt.date | None = None
    position_id: int | None = None
    evidence: str = ""
    status: str = NominationStatus.NOMINATED.value
    ceremony_id: int | None = None
    id: int | None = None
    version: int = field(default=0, compare=False)  # as loaded; 0: not loaded (store.versions)


@dataclass(slots=True)
class Ceremony:
    """An Honor Roll induction ceremony."""

    title: str
    ceremony_date: dt.date | None = None
    ceremony_time: str = ""
    venue: str = ""
    presiding_official: str = ""
    host: str = ""
    status: str = CeremonyStatus.PLANNED.value
    notes: str = ""
    id: int | None = None
    version: int = field(default=0, compare=False)  # as loaded; 0: not loaded (store.versions)
    reopen_reason: str = ""  # why it was last reopened after being marked as held ('' never)


@dataclass(slots=True)
class CeremonyInductee:
    """An inductee on a ceremony: attending, or accepted by a named representative."""

    ceremony_id: int
    student_id: int
    position_title: str = ""
    attending: bool = True
    representative_name: str = ""
    representative_title: str = ""
    citation: str = ""
    sort_order: int = 0
    id: int | None = None
    version: int = field(default=0, compare=False)  # as loaded; 0: not loaded (store.versions)


@dataclass(slots=True)
class OrderOfEventsItem:
    """One line of a ceremony's order of events."""

    ceremony_id: int
    title: str
    sort_order: int = 0
    start_time: str = ""
    who: str = ""
    notes: str = ""
    inductee_id: int | None = None
    id: int | None = None
    version: int = field(default=0, compare=False)  # as loaded; 0: not loaded (store.versions)


@dataclass(slots=True)
class Guest:
    """Someone invited to a ceremony."""

    ceremony_id: int
    name: str
    title: str = ""
    organisation: str = ""
    country_code: str = ""
    category: str = ""
    rsvp: str = Rsvp.INVITED.value
    rsvp_date: dt.date | None = None
    dietary: str = ""
    notes: str = ""
    precedence: int | None = None
    table_name: str = ""
    seat_number: int | None = None
    id: int | None = None
    version: int = field(default=0, compare=False)  # as loaded; 0: not loaded (store.versions)


@dataclass(slots=True)
class CeremonyTask:
    """A checklist item, due a number of days before (negative) or after the ceremony."""

    ceremony_id: int
    title: str
    due_offset_days: int = 0
    done_date: dt.date | None = None
    sort_order: int = 0
    id: int | None = None
    version: int = field(default=0, compare=False)  # as loaded; 0: not loaded (store.versions)


@dataclass(frozen=True, slots=True)
class Signatory:
    """A signature block on certificates."""

    name: str
    rank: str = ""
    title: str = ""


@dataclass(slots=True)
class OfficeSettings:
    """The office's settings, kept in the database so they travel with it."""

    school_name: str = "International Officer School"
    parent_organisation: str = "Air University"
    honor_roll_title: str = "International Honor Roll"
    signatories: list[Signatory] = field(default_factory=list)
    seal_image: str = ""  # path of a replacement seal; "" means the bundled one
    page_size: str = "Letter"  # or "A4"
    qualifying_course_codes: tuple[str, ...] = ("SOS", "ACSC", "AWC", "SAASS")
    qualifying_position_categories: tuple[str, ...] = (
        "Chief of Staff of the Air Force",
        "Commander of the Air Force",
        "Chief of Defence",
        "Minister of Defence",
        "Head of State or Government",
    )
