"""The school's rules for placing a student in a class, each with its reason in plain words.

`check_placement` looks at one student and one class and returns every rule that objects, never
the first only. Some rules the school may waive (the clerk overrides with a reason, recorded with
who and when); the others refuse. A full class does not refuse: the student goes on its waitlist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from imet_desktop.domain.dates import format_date
from imet_desktop.domain.records import EnrollmentStatus, StudentStatus

INELIGIBLE_STATUSES = frozenset({StudentStatus.WITHDRAWN.value, StudentStatus.ELIMINATED.value})
# Enrollments that hold the student to a course (a withdrawn one may be taken up again).
HOLDING_STATUSES = frozenset({EnrollmentStatus.ENROLLED.value, EnrollmentStatus.WAITLISTED.value,
                              EnrollmentStatus.COMPLETED.value})
# Enrollments that occupy the student's days.
BUSY_STATUSES = frozenset({EnrollmentStatus.ENROLLED.value, EnrollmentStatus.COMPLETED.value})


class Rule(StrEnum):
    """The rules checked at assignment."""

    STATUS_NOT_ELIGIBLE = "status not eligible"
    ALREADY_ENROLLED = "already enrolled in the course"
    PREREQUISITE_MISSING = "prerequisite missing"
    ECL_BELOW_MINIMUM = "ECL below the course minimum"
    DATES_OVERLAP = "dates overlap another enrollment"
    CLASS_ENDED = "class already ended"
    STARTS_AFTER_DEPARTURE = "class starts after the student's departure"
    CLASS_FULL = "class full"


# Whether the school may waive each rule. The ECL minimum, prerequisites and overlapping dates are
# the school's own policy (a commandant may accept an officer at ECL 78, or one who did the
# preparatory course elsewhere); so are a class that has already ended (a placement recorded after
# the fact, for a student who did attend) and one that starts after the student's departure date
# (an amended ITO not entered yet); a withdrawn or eliminated student, or a second seat in the same
# course, cannot be overridden; a full class is not a refusal: the student waits for a seat.
WAIVABLE: dict[Rule, bool] = {
    Rule.STATUS_NOT_ELIGIBLE: False,
    Rule.ALREADY_ENROLLED: False,
    Rule.PREREQUISITE_MISSING: True,
    Rule.ECL_BELOW_MINIMUM: True,
    Rule.DATES_OVERLAP: True,
    Rule.CLASS_ENDED: True,
    Rule.STARTS_AFTER_DEPARTURE: True,
    Rule.CLASS_FULL: False,
}


@dataclass(frozen=True, slots=True)
class ClassFacts:
    """What the rules need to know about a class and its course."""

    class_id: int
    designator: str
    course_id: int
    course_code: str
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    capacity: int | None = None
    seats_taken: int = 0  # enrolled, plus seats offered to waitlisted students and not yet answered
    min_ecl: int | None = None
    prerequisite_codes: tuple[str, ...] = ()

    @property
    def free_seats(self) -> int | None:
        """Seats left for internationals (None: the class has no limit)."""
        return None if self.capacity is None else max(0, self.capacity - self.seats_taken)


@dataclass(frozen=True, slots=True)
class HeldEnrollment:
    """One of the student's enrollments, as the rules see it."""

    enrollment_id: int
    class_id: int
    designator: str
    course_code: str
    status: str
    start_date: dt.date | None = None
    end_date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class StudentFacts:
    """What the rules need to know about a student."""

    student_id: int
    name: str
    status: str
    ecl_score: int | None = None
    enrollments: tuple[HeldEnrollment, ...] = ()
    departure_date: dt.date | None = None  # the ITO's end of training in the United States


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule that objects: which, why in plain words, and whether the school may waive it."""

    rule: Rule
    reason: str
    waivable: bool

    def __str__(self) -> str:
        return self.reason


class Verdict(StrEnum):
    """What happens when the clerk assigns the student to the class."""

    ENROLL = "enroll"
    WAITLIST = "waitlist"
    NEEDS_OVERRIDE = "needs override"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class PlacementCheck:
    """Every rule's finding for one student and one class."""

    student: StudentFacts
    training_class: ClassFacts
    findings: tuple[Finding, ...] = field(default=())

    @property
    def refusals(self) -> tuple[Finding, ...]:
        """Findings that no override can waive (the full class excepted: it means the waitlist)."""
        return tuple(f for f in self.findings if not f.waivable and f.rule is not Rule.CLASS_FULL)

    @property
    def waivable(self) -> tuple[Finding, ...]:
        """Findings the school may waive with a recorded reason."""
        return tuple(f for f in self.findings if f.waivable)

    @property
    def class_full(self) -> bool:
        """True when the student would go on the waitlist."""
        return any(f.rule is Rule.CLASS_FULL for f in self.findings)

    def verdict(self, override_reason: str = "") -> Verdict:
        """The outcome of assigning, with or without an override reason."""
        if self.refusals:
            return Verdict.REFUSED
        if self.waivable and not override_reason.strip():
            return Verdict.NEEDS_OVERRIDE
        return Verdict.WAITLIST if self.class_full else Verdict.ENROLL

    def explain(self) -> str:
        """Every objection in one line, waivable ones marked."""
        parts = []
        for f in self.findings:
            if f.rule is Rule.CLASS_FULL:
                continue
            parts.append(f"{f.reason} (may be waived)" if f.waivable else f.reason)
        return "; ".join(parts)


def _period(start: dt.date | None, end: dt.date | None) -> str:
    if start and end:
        return f"{format_date(start)} to {format_date(end)}"
    return format_date(start or end)


def _overlaps(a_start: dt.date | None, a_end: dt.date | None, b_start: dt.date | None,
              b_end: dt.date | None) -> bool:
    """True when two periods share a day (a period without both dates overlaps nothing)."""
    if a_start is None or a_end is None or b_start is None or b_end is None:
        return False
    return a_start <= b_end and b_start <= a_end


def _prerequisite_met(code: str, target: ClassFacts, held: Sequence[HeldEnrollment]) -> bool:
    """Completed, or enrolled in a class of the prerequisite that ends before the target class starts."""
    for e in held:
        if e.course_code != code:
            continue
        if e.status == EnrollmentStatus.COMPLETED.value:
            return True
        if (e.status == EnrollmentStatus.ENROLLED.value and e.end_date is not None
                and target.start_date is not None and e.end_date < target.start_date):
            return True
    return False


def check_placement(student: StudentFacts, target: ClassFacts, *, moving_enrollment_id: int | None = None,
                    today: dt.date | None = None) -> PlacementCheck:
    """Every rule's objection to placing student in target (none: the seat is theirs).

    moving_enrollment_id: the enrollment being moved to target, which does not count against it.
    today: the day of the placement, for the rule on a class that has already ended (the store
    always gives it; without it that rule is not checked).
    """
    held = [e for e in student.enrollments if e.enrollment_id != moving_enrollment_id]
    findings: list[Finding] = []

    def found(rule: Rule, reason: str) -> None:
        findings.append(Finding(rule, reason, WAIVABLE[rule]))

    if student.status in INELIGIBLE_STATUSES:
        found(Rule.STATUS_NOT_ELIGIBLE,
              f"{student.name} is {student.status.lower()} and cannot be placed in a class")

    same_course = [e for e in held if e.course_code == target.course_code and e.status in HOLDING_STATUSES]
    for e in same_course:
        if e.class_id == target.class_id:
            what = {EnrollmentStatus.WAITLISTED.value: "is already on the waitlist of",
                    EnrollmentStatus.COMPLETED.value: "has already completed"}.get(e.status, "is already in")
            found(Rule.ALREADY_ENROLLED, f"{student.name} {what} {e.designator}")
        else:
            what = {EnrollmentStatus.WAITLISTED.value: "is waitlisted for",
                    EnrollmentStatus.COMPLETED.value: "has completed"}.get(e.status, "is enrolled in")
            found(Rule.ALREADY_ENROLLED,
                  f"{student.name} {what} {e.designator}, a class of the same course ({target.course_code}); "
                  "move the student instead")

    for code in target.prerequisite_codes:
        if not _prerequisite_met(code, target, held):
            found(Rule.PREREQUISITE_MISSING,
                  f"{target.course_code} requires {code} first: {student.name} has not completed {code} "
                  f"and is in no {code} class ending before {format_date(target.start_date) or 'this class starts'}")

    if target.min_ecl is not None:
        if student.ecl_score is None:
            found(Rule.ECL_BELOW_MINIMUM,
                  f"{student.name} has no ECL score on record; {target.course_code} requires ECL {target.min_ecl}")
        elif student.ecl_score < target.min_ecl:
            found(Rule.ECL_BELOW_MINIMUM,
                  f"ECL {student.ecl_score} is below the {target.course_code} minimum of {target.min_ecl}")

    for e in held:
        if (e.status in BUSY_STATUSES and e.course_code != target.course_code
                and _overlaps(e.start_date, e.end_date, target.start_date, target.end_date)):
            found(Rule.DATES_OVERLAP,
                  f"{target.designator} ({_period(target.start_date, target.end_date)}) overlaps "
                  f"{e.designator} ({_period(e.start_date, e.end_date)})")

    if today is not None and target.end_date is not None and target.end_date < today:
        found(Rule.CLASS_ENDED, f"{target.designator} has already ended (on {format_date(target.end_date)})")

    if (student.departure_date is not None and target.start_date is not None
            and target.start_date > student.departure_date):
        found(Rule.STARTS_AFTER_DEPARTURE,
              f"{target.designator} starts on {format_date(target.start_date)}, after {student.name}'s departure "
              f"on {format_date(student.departure_date)}")

    free = target.free_seats
    if free is not None and free <= 0:
        found(Rule.CLASS_FULL, f"{target.designator} is full ({target.capacity} of {target.capacity} seats taken); "
                               f"{student.name} goes on its waitlist")
    return PlacementCheck(student, target, tuple(findings))
